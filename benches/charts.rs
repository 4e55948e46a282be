//! `cargo bench --bench charts`: the cost of SPC analysis and chart drawing.
//!
//! 10,000 charts of 50 points each (issue 4: computing and drawing charts must not
//! dominate a build), analysed by the SPC engine and drawn as SVG, on one thread and on
//! all cores with rayon. PNG export is timed on a sample, since the site renders PNGs
//! only for downloads. Prints one line per stage; no timing assertions anywhere.

mod common;

use qisite::render::chart::{draw_svg, ChartModel, ChartPoint, PointClass};
use qisite::spc::{analyse, Chart, ChartInput, Data, RuleSet};
use rayon::prelude::*;

use common::time;

const CHARTS: usize = 10_000;
const POINTS: usize = 50;

/// A deterministic series: a baseline, then a shift halfway (xorshift noise).
fn series(seed: u64) -> Vec<Option<f64>> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..POINTS)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state % 1000) as f64 / 100.0;
            Some(if i < POINTS / 2 { 20.0 } else { 16.0 } + noise)
        })
        .collect()
}

fn input(seed: u64) -> ChartInput {
    let chart = [Chart::I, Chart::Run, Chart::C][seed as usize % 3];
    let mut input = ChartInput::new(chart, Data::Values(series(seed)));
    // Making Data Count rules are not defined for run charts.
    input.rules = if chart != Chart::Run && seed.is_multiple_of(2) {
        RuleSet::Nhs
    } else {
        RuleSet::Anhoj
    };
    input.target = Some(18.0);
    input
}

fn chart(seed: u64) -> String {
    let analysis = analyse(&input(seed)).expect("valid input");
    let points = analysis
        .points
        .iter()
        .map(|p| ChartPoint {
            x: 20_000.0 + p.index as f64 * 7.0,
            y: p.y,
            cl: Some(p.cl),
            lcl: p.lcl,
            ucl: p.ucl,
            class: if p.signal {
                PointClass::Improvement
            } else {
                PointClass::Common
            },
            excluded: p.excluded,
            phase: p.phase as usize,
        })
        .collect();
    draw_svg(&ChartModel {
        id: format!("c{seed}"),
        title: "Bench chart".into(),
        description: "A benchmark chart".into(),
        y_label: "Falls per 1,000 bed days".into(),
        centre_label: "Mean".into(),
        points,
        target: Some(18.0),
        phase_starts: vec![],
        markers: vec![],
        trial: false,
        min_points: 12,
        table_id: None,
        x_format: |x| format!("{x:.0}"),
        y_format: |y| format!("{y:.1}"),
    })
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that quick.
    let n = if common::full_run() { CHARTS } else { 100 };
    println!(
        "{n} charts of {POINTS} points, {} threads",
        rayon::current_num_threads()
    );
    time("analyse (1 thread)", n, "charts", || {
        (0..n as u64)
            .map(|s| analyse(&input(s)).unwrap().points.len())
            .sum::<usize>()
    });
    time("analyse + draw SVG (1 thread)", n, "charts", || {
        (0..n as u64).map(|s| chart(s).len()).sum::<usize>()
    });
    let bytes = time(
        "analyse + draw SVG (rayon, all threads)",
        n,
        "charts",
        || {
            (0..n as u64)
                .into_par_iter()
                .map(|s| chart(s).len())
                .sum::<usize>()
        },
    );
    println!(
        "{:<48} {:>8.1} KiB per chart",
        "SVG size",
        bytes as f64 / n as f64 / 1024.0
    );
    let sample = (n / 20).max(1);
    time("SVG → PNG (1 thread, sample)", sample, "charts", || {
        (0..sample as u64)
            .map(|s| {
                qisite::render::png::svg_to_png(&chart(s), 2.0)
                    .unwrap()
                    .len()
            })
            .sum::<usize>()
    });
}
