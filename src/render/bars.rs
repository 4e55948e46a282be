//! Draws a horizontal bar chart of counts (projects by status, by priority, by progress
//! score…) as an inline, accessible SVG with plotters.
//!
//! The input is a [`BarChart`]: labels, whole-number values and optional links, already
//! chosen by the caller, so this module knows nothing of projects. Each bar is labelled
//! with its name and its number, so the chart never relies on colour or on reading an
//! axis. The drawing is hidden from assistive technology: the SVG is named by its title
//! and described by its text alternative, and the page shows the same numbers in a data
//! table (named in `aria-details`). Links on bars are for pointer users only
//! (`tabindex="-1"` inside the hidden drawing); the table carries the same links for
//! keyboard and screen reader users.
//!
//! Pure: no I/O, no clock. Uses only `format` and `chart` beside it.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::slim_body;
use super::format::{escape, number};

/// Width of the SVG's coordinate system (it scales to its container).
pub const WIDTH: u32 = 600;
/// Height of one bar's row.
const ROW: u32 = 30;
/// Room for the axis labels and the axis name under the bars.
const AXIS: u32 = 44;
const TOP: u32 = 8;
/// The label font size as plotters takes it (it writes 0.8 of it: about 14.5 px), and a
/// generous estimate of a character's width at that size (SVG text cannot be measured
/// here, so labels are fitted by their length).
const FONT: u32 = 18;
const CHAR_WIDTH: f64 = 7.6;
/// Labels may take at most this share of the width; longer ones are shortened with "…"
/// (the data table and the bar's tooltip keep the whole label).
const MAX_LABEL_SHARE: f64 = 0.55;

/// One bar: a labelled whole number, optionally linked to a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    /// A URL relative to the page the chart is shown on.
    pub href: Option<String>,
}

/// Everything needed to draw one bar chart.
#[derive(Clone, Debug)]
pub struct BarChart {
    /// Unique on its page; used for the SVG's `<title>` and `<desc>` ids.
    pub id: String,
    pub title: String,
    /// The text alternative: what the chart shows, with its numbers (see [`listing`]).
    pub description: String,
    /// What the values count, singular and plural ("project", "projects"): the axis
    /// name and the bars' tooltips.
    pub unit: (String, String),
    /// Drawn top to bottom in this order.
    pub bars: Vec<Bar>,
    /// The id of the chart's data table, for `aria-details`.
    pub table_id: Option<String>,
}

/// "1 project", "1,234 projects".
pub fn counted(value: u64, unit: &(String, String)) -> String {
    let noun = if value == 1 { &unit.0 } else { &unit.1 };
    format!("{} {noun}", number(value as f64, 0))
}

/// The bars as a sentence fragment for a text alternative: "Active 10, On hold 1 and
/// Closed 0"; "none" for no bars.
pub fn listing(bars: &[Bar]) -> String {
    let items: Vec<String> = bars
        .iter()
        .map(|b| format!("{} {}", b.label, number(b.value as f64, 0)))
        .collect();
    match items.as_slice() {
        [] => "none".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The height of the SVG for `bars` bars.
pub fn height(bars: usize) -> u32 {
    TOP + ROW * bars.max(1) as u32 + AXIS
}

/// `label`, shortened with "…" to at most `max` characters.
fn fit(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_owned();
    }
    let kept: String = label.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Draws the chart as an SVG element (no XML declaration), ready to inline in HTML.
pub fn draw_svg(chart: &BarChart) -> String {
    let h = height(chart.bars.len());
    let mut svg = String::new();
    let mut links = String::new();
    if draw(chart, &mut svg, &mut links).is_err() || svg.is_empty() {
        // Drawing into a string cannot fail on I/O; keep a valid, labelled SVG anyway.
        svg = format!("<svg viewBox=\"0 0 {WIDTH} {h}\"></svg>");
    }
    let id = escape(&chart.id);
    let details = match &chart.table_id {
        Some(table) => format!(" aria-details=\"{}\"", escape(table)),
        None => String::new(),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {h}\" class=\"chart bar-chart\" \
         role=\"graphics-document\" aria-roledescription=\"bar chart\" aria-labelledby=\"{id}-title\" \
         aria-describedby=\"{id}-desc\"{details}>\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>\
         <g aria-hidden=\"true\">{body}{links}</g></svg>",
        title = escape(&chart.title),
        desc = escape(&chart.description),
        body = slim_body(&svg),
    )
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(chart: &BarChart, svg: &mut String, links: &mut String) -> DrawResult {
    let n = chart.bars.len();
    let h = height(n);
    let longest = chart
        .bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let max_chars = ((f64::from(WIDTH) * MAX_LABEL_SHARE - 12.0) / CHAR_WIDTH) as usize;
    let label_chars = longest.min(max_chars);
    let label_width = (label_chars as f64 * CHAR_WIDTH) as u32 + 12;
    let max_value = chart.bars.iter().map(|b| b.value).max().unwrap_or(0);
    let step = tick_step(max_value);
    let x_max = (max_value.max(1).div_ceil(step) * step) as f64;
    let widest_value = number(max_value as f64, 0).len() as u32;

    let root = SVGBackend::with_string(svg, (WIDTH, h)).into_drawing_area();
    root.fill(&WHITE)?;
    let text = RGBColor(0x21, 0x2b, 0x32);
    let grid = RGBColor(0xe8, 0xed, 0xee);
    let font = ("sans-serif", FONT).into_font().color(&text);
    let plot = ChartBuilder::on(&root)
        .margin_top(TOP)
        .margin_right(widest_value * 9 + 14)
        .margin_left(label_width)
        .margin_bottom(AXIS)
        .build_cartesian_2d(0f64..x_max, 0f64..n.max(1) as f64)?;

    // The value axis: whole-number ticks with light grid lines, and its name.
    let (_, axis_y) = plot.backend_coord(&(0.0, 0.0));
    let (_, plot_top) = plot.backend_coord(&(0.0, n.max(1) as f64));
    let tick_style = font.clone().pos(Pos::new(HPos::Center, VPos::Top));
    let mut tick = 0;
    while tick as f64 <= x_max {
        let (x, _) = plot.backend_coord(&(tick as f64, 0.0));
        if tick > 0 {
            root.draw(&PathElement::new(vec![(x, plot_top), (x, axis_y)], grid))?;
        }
        root.draw(&PathElement::new(vec![(x, axis_y), (x, axis_y + 5)], text))?;
        root.draw(&Text::new(
            number(tick as f64, 0),
            (x, axis_y + 8),
            tick_style.clone(),
        ))?;
        tick += step;
    }
    let (x0, _) = plot.backend_coord(&(0.0, 0.0));
    let (x1, _) = plot.backend_coord(&(x_max, 0.0));
    root.draw(&PathElement::new(vec![(x0, axis_y), (x1, axis_y)], text))?;
    root.draw(&PathElement::new(vec![(x0, plot_top), (x0, axis_y)], text))?;
    root.draw(&Text::new(
        capitalise(&chart.unit.1),
        ((x0 + x1) / 2, axis_y + 26),
        tick_style.clone(),
    ))?;

    let bar_colour = RGBColor(0x00, 0x5e, 0xa5);
    for (i, bar) in chart.bars.iter().enumerate() {
        // The first bar is at the top.
        let top = (n - i) as f64;
        let value = bar.value as f64;
        let (x0, cy) = plot.backend_coord(&(0.0, top - 0.5));
        let (x1, _) = plot.backend_coord(&(value, top - 0.5));
        if bar.value > 0 {
            let (_, y0) = plot.backend_coord(&(0.0, top - 0.2));
            let (_, y1) = plot.backend_coord(&(0.0, top - 0.8));
            root.draw(&Rectangle::new(
                [(x0 + 1, y0), (x1, y1)],
                bar_colour.filled(),
            ))?;
        }
        let label_style = font.clone().pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(
            fit(&bar.label, max_chars),
            (x0 - 8, cy),
            label_style,
        ))?;
        let value_style = font.clone().pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(
            number(bar.value as f64, 0),
            (x1 + 6, cy),
            value_style,
        ))?;
        if let Some(href) = &bar.href {
            let (_, row_top) = plot.backend_coord(&(0.0, top));
            let (_, row_bottom) = plot.backend_coord(&(0.0, top - 1.0));
            links.push_str(&format!(
                "<a href=\"{href}\" tabindex=\"-1\"><title>{label}: {count}</title>\
                 <rect class=\"bar-hit\" x=\"0\" y=\"{row_top}\" width=\"{WIDTH}\" height=\"{height}\" fill=\"#000\" fill-opacity=\"0\"/></a>",
                href = escape(href),
                label = escape(&bar.label),
                count = escape(&counted(bar.value, &chart.unit)),
                height = row_bottom - row_top,
            ));
        }
    }
    root.present()?;
    Ok(())
}

/// A whole-number step for about five ticks up to `max`: 1, 2 or 5 times a power of 10.
fn tick_step(max: u64) -> u64 {
    let rough = (max / 5).max(1);
    let mut power = 1;
    while power * 10 <= rough {
        power *= 10;
    }
    [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10 * power)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: u64, href: Option<&str>) -> Bar {
        Bar {
            label: label.into(),
            value,
            href: href.map(str::to_owned),
        }
    }

    fn chart(bars: Vec<Bar>) -> BarChart {
        BarChart {
            id: "by-status".into(),
            title: "Projects by status".into(),
            description: format!("Projects by status: {}.", listing(&bars)),
            unit: ("project".into(), "projects".into()),
            bars,
            table_id: Some("by-status-data".into()),
        }
    }

    fn sample() -> BarChart {
        chart(vec![
            bar("Active", 1234, Some("status/active/index.html")),
            bar("On hold", 1, Some("status/on-hold/index.html")),
            bar("Closed <old>", 0, None),
        ])
    }

    #[test]
    fn the_svg_is_named_described_and_scales() {
        let svg = draw_svg(&sample());
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 142\" class=\"chart bar-chart\""
        ));
        assert!(svg.contains("role=\"graphics-document\" aria-roledescription=\"bar chart\""));
        assert!(
            svg.contains("aria-labelledby=\"by-status-title\" aria-describedby=\"by-status-desc\"")
        );
        assert!(svg.contains("aria-details=\"by-status-data\""));
        assert!(svg.contains("<title id=\"by-status-title\">Projects by status</title>"));
        assert!(svg.contains(
            "<desc id=\"by-status-desc\">Projects by status: Active 1,234, On hold 1 and Closed &lt;old&gt; 0.</desc>"
        ));
        let open_tag = &svg[..svg.find('>').unwrap()];
        assert!(!open_tag.contains("width="), "no fixed size: {open_tag}");
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.ends_with("</g></svg>"));
    }

    #[test]
    fn every_bar_is_labelled_with_its_name_and_number() {
        let svg = draw_svg(&sample());
        for text in [
            ">Active<",
            ">On hold<",
            ">Closed &lt;old&gt;<",
            ">1,234<",
            ">1<",
            ">0<",
        ] {
            assert!(svg.contains(text), "{text} in {svg}");
        }
        assert!(svg.contains(">Projects<"), "the axis is named");
        // Two bars drawn (the zero bar has no rectangle) in the bar colour.
        assert_eq!(svg.matches("fill=\"#005EA5\"").count(), 2, "{svg}");
    }

    #[test]
    fn links_are_for_pointers_only_and_hidden_with_the_drawing() {
        let svg = draw_svg(&sample());
        let hidden = svg.find("<g aria-hidden=\"true\">").unwrap();
        let link = svg
            .find("<a href=\"status/active/index.html\" tabindex=\"-1\">")
            .unwrap();
        assert!(link > hidden, "links sit inside the hidden drawing");
        assert!(svg.contains("<title>Active: 1,234 projects</title>"));
        assert!(svg.contains("<title>On hold: 1 project</title>"));
        assert_eq!(
            svg.matches("<a ").count(),
            2,
            "no link for a bar without one"
        );
        assert!(!svg.contains("tabindex=\"0\""));
    }

    #[test]
    fn long_labels_are_shortened_on_the_chart_only() {
        let long = "Outstanding sustainable results across the whole organisation";
        let svg = draw_svg(&chart(vec![bar(long, 2, Some("x/index.html"))]));
        assert!(
            !svg.contains(&format!(">{long}<")),
            "shortened on the chart"
        );
        let max = ((f64::from(WIDTH) * MAX_LABEL_SHARE - 12.0) / CHAR_WIDTH) as usize;
        let short = fit(long, max);
        assert!(
            short.ends_with('…') && short.chars().count() <= max,
            "{short}"
        );
        assert!(long.starts_with(short.trim_end_matches('…')));
        assert!(svg.contains(&format!(">{short}<")), "{svg}");
        assert_eq!(fit("Active", 3), "Ac…");
        assert_eq!(fit("Active", 6), "Active");
        assert_eq!(
            fit("1.5 Planning for the project has begun", max).len(),
            38,
            "IHI labels fit"
        );
        assert!(svg.contains(&format!("<title>{long}: 2 projects</title>")));
        assert!(
            svg.contains(&format!("{long} 2")),
            "whole in the description"
        );
    }

    #[test]
    fn degenerate_input_still_gives_a_labelled_svg() {
        for bars in [vec![], vec![bar("None yet", 0, None)]] {
            let svg = draw_svg(&chart(bars));
            assert!(svg.contains("role=\"graphics-document\""));
            assert!(svg.contains("<title id=\"by-status-title\">"));
            assert!(svg.ends_with("</svg>"));
        }
        assert_eq!(listing(&[]), "none");
    }

    #[test]
    fn ticks_are_round_whole_numbers() {
        let cases = [
            (0, 1),
            (3, 1),
            (9, 1),
            (10, 2),
            (14, 2),
            (40, 10),
            (1234, 500),
            (99_999, 20_000),
        ];
        for (max, want) in cases {
            assert_eq!(tick_step(max), want, "{max}");
        }
    }

    #[test]
    fn the_height_grows_with_the_bars() {
        assert_eq!(height(0), height(1));
        assert_eq!(height(10) - height(9), ROW);
    }

    #[test]
    fn counts_read_the_british_way() {
        let unit = ("project".to_owned(), "projects".to_owned());
        assert_eq!(counted(1, &unit), "1 project");
        assert_eq!(counted(0, &unit), "0 projects");
        assert_eq!(counted(12_345, &unit), "12,345 projects");
        assert_eq!(
            listing(&[bar("A", 1, None), bar("B", 2000, None)]),
            "A 1 and B 2,000"
        );
    }

    #[test]
    fn the_same_chart_draws_the_same_bytes() {
        assert_eq!(draw_svg(&sample()), draw_svg(&sample()));
    }
}
