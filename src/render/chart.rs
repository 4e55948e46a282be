//! Draws an SPC or run chart as an inline, accessible SVG with plotters.
//!
//! The input is a [`ChartModel`]: plain numbers and labels already computed by the SPC
//! engine and formatted by the caller, so this module knows nothing of measures, CSV or
//! statistics. plotters draws the axes, lines and points; the parts plotters cannot
//! express (the SVG's title and description for screen readers, links on PDSA markers,
//! text labels on signal points) are added to its output here.
//!
//! Pure: no I/O, no clock. Uses only `format` beside it (for escaping).

use std::borrow::Cow;
use std::fmt::Write as _;

use super::format::escape;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width and height of the SVG's coordinate system (it scales to its container).
pub const WIDTH: u32 = 760;
pub const HEIGHT: u32 = 380;
/// Width and height of a panel of a small multiple.
pub const PANEL_WIDTH: u32 = 380;
pub const PANEL_HEIGHT: u32 = 220;

/// What a point's signal says, for its colour **and** its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PointClass {
    /// No signal: common cause variation. Small grey circle.
    Common,
    /// Part of a special cause in the better direction. Blue circle with a ring.
    Improvement,
    /// Part of a special cause in the worse direction. Orange square.
    Concern,
    /// Part of a special cause where neither direction is better. Purple diamond.
    Neither,
}

impl PointClass {
    pub fn label(self) -> &'static str {
        match self {
            PointClass::Common => "Common cause",
            PointClass::Improvement => "Special cause: improvement",
            PointClass::Concern => "Special cause: concern",
            PointClass::Neither => "Special cause: neither better nor worse",
        }
    }

    /// Colours with at least 3:1 contrast against white (WCAG 1.4.11).
    fn colour(self) -> RGBColor {
        match self {
            PointClass::Common => RGBColor(0x5f, 0x6b, 0x73),
            PointClass::Improvement => RGBColor(0x00, 0x5e, 0xb8),
            PointClass::Concern => RGBColor(0xb3, 0x4a, 0x00),
            PointClass::Neither => RGBColor(0x6c, 0x2d, 0x87),
        }
    }
}

/// One plotted point.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    /// Position on the x axis: days since 1970-01-01 (or any increasing number).
    pub x: f64,
    /// The plotted value; `None` for a missing value (a gap in the line).
    pub y: Option<f64>,
    pub cl: Option<f64>,
    pub lcl: Option<f64>,
    pub ucl: Option<f64>,
    pub class: PointClass,
    /// Shown, but not used to set the limits.
    pub excluded: bool,
    /// Phase number (limits are drawn per phase, never joined across phases).
    pub phase: usize,
}

/// A dated mark on the x axis: an annotation, or a PDSA cycle with a link to its page.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartMarker {
    pub x: f64,
    /// Short text drawn on the chart, e.g. "PDSA 3".
    pub label: String,
    /// Full text for the marker's tooltip and screen readers.
    pub text: String,
    /// A relative URL (a PDSA page) the marker links to.
    pub href: Option<String>,
}

/// Everything needed to draw one chart.
#[derive(Clone, Debug)]
pub struct ChartModel {
    /// Unique on its page; used for the SVG's `<title>` and `<desc>` ids.
    pub id: String,
    pub title: String,
    /// A plain-English description of what the chart shows (its text alternative).
    pub description: String,
    /// The y axis label, e.g. "Falls per 1,000 bed days".
    pub y_label: String,
    /// "Median" for run charts, "Mean" otherwise.
    pub centre_label: String,
    pub points: Vec<ChartPoint>,
    pub target: Option<f64>,
    /// Where each phase after the first begins, with its reason.
    pub phase_starts: Vec<(f64, String)>,
    pub markers: Vec<ChartMarker>,
    /// Limits set from too few points: drawn dashed and said in the chart.
    pub trial: bool,
    /// The number of points below which limits are trial limits (for the chart's note).
    pub min_points: usize,
    /// The id of the chart's data table, for `aria-details`.
    pub table_id: Option<String>,
    /// Formats an x value (days since 1970) as an axis label, e.g. "Jan 2025".
    pub x_format: fn(f64) -> String,
    /// Formats a y value for axis labels, e.g. with thousands separators or a %.
    pub y_format: fn(f64) -> String,
}

/// The size of a drawing and the axes it is drawn on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    /// Fixed axes (e.g. shared by the panels of a small multiple); `None` fits the data.
    pub x_range: Option<(f64, f64)>,
    pub y_range: Option<(f64, f64)>,
    /// A small panel: smaller text, and no line labels, phase reasons, markers or
    /// trial-limit note (its text alternative says them).
    pub compact: bool,
}

impl Frame {
    /// The full-size chart of a measure.
    pub fn full() -> Frame {
        Frame {
            width: WIDTH,
            height: HEIGHT,
            x_range: None,
            y_range: None,
            compact: false,
        }
    }

    /// A panel of a small multiple, on the given axes.
    pub fn panel(x_range: (f64, f64), y_range: (f64, f64)) -> Frame {
        Frame {
            width: PANEL_WIDTH,
            height: PANEL_HEIGHT,
            x_range: Some(x_range),
            y_range: Some(y_range),
            compact: true,
        }
    }
}

/// Draws the chart as an SVG element (no XML declaration), ready to inline in HTML.
pub fn draw_svg(model: &ChartModel) -> String {
    draw_svg_in(model, &Frame::full())
}

/// Draws the chart in `frame` (its size and axes).
pub fn draw_svg_in(model: &ChartModel, frame: &Frame) -> String {
    let mut svg = String::new();
    let mut under = String::new();
    let mut over = String::new();
    let mut links = String::new();
    let parts = (&mut svg, &mut under, &mut over, &mut links);
    if draw(model, frame, parts).is_err() || svg.is_empty() {
        // Drawing into a string cannot fail on I/O; a degenerate model still gets a
        // valid, labelled SVG, so the page and its data table stay usable.
        svg = format!(
            "<svg viewBox=\"0 0 {} {}\"></svg>",
            frame.width, frame.height
        );
    }
    finish(model, frame, &svg, &under, &over, &links)
}

/// The x and y ranges to draw: every value, limit and the target fit, with a margin.
fn ranges(model: &ChartModel) -> ((f64, f64), (f64, f64)) {
    common_ranges(&[model])
}

/// The x and y ranges on which every one of `models` fits (axes shared by panels).
pub fn common_ranges(models: &[&ChartModel]) -> ((f64, f64), (f64, f64)) {
    let points = || models.iter().flat_map(|m| &m.points);
    let xs: Vec<f64> = points().map(|p| p.x).collect();
    let mut x0 = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let mut x1 = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !x0.is_finite() {
        (x0, x1) = (0.0, 1.0);
    }
    let pad = ((x1 - x0) * 0.03).max(1.0);
    let ys = points()
        .flat_map(|p| [p.y, p.cl, p.lcl, p.ucl])
        .flatten()
        .chain(models.iter().filter_map(|m| m.target))
        .filter(|v| v.is_finite());
    let (mut y0, mut y1) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !y0.is_finite() {
        (y0, y1) = (0.0, 1.0);
    }
    let span = if y1 > y0 { y1 - y0 } else { y0.abs().max(1.0) };
    let low = if y0 >= 0.0 && y0 - span * 0.08 < 0.0 {
        0.0
    } else {
        y0 - span * 0.08
    };
    ((x0 - pad, x1 + pad), (low, y1 + span * 0.12))
}

/// The stepped outline of a per-point line (a limit or centre line) within each phase:
/// each point's value holds from halfway to its neighbour on either side, so limits
/// that vary with the denominator read as steps and constant ones as a straight line.
fn steps(points: &[ChartPoint], value: fn(&ChartPoint) -> Option<f64>) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let same_phase = |j: usize| points.get(j).filter(|q| q.phase == p.phase);
        let left = i
            .checked_sub(1)
            .and_then(same_phase)
            .map_or(p.x, |q| (q.x + p.x) / 2.0);
        let right = same_phase(i + 1).map_or(p.x, |q| (q.x + p.x) / 2.0);
        let new_phase = i > 0 && points[i - 1].phase != p.phase;
        match value(p) {
            Some(v) if v.is_finite() && !new_phase => {
                current.push((left, v));
                current.push((right, v));
            }
            Some(v) if v.is_finite() => {
                runs.push(std::mem::take(&mut current));
                current.push((left, v));
                current.push((right, v));
            }
            _ => runs.push(std::mem::take(&mut current)),
        }
    }
    runs.push(current);
    runs.retain(|r| !r.is_empty());
    runs
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// A dashed line through pixel positions. plotters draws a dashed line as one element
/// per dash; one element with `stroke-dasharray` is lighter to ship and to rasterise.
fn dashed(points: &[(i32, i32)], colour: &str, width: u32, dashes: &str) -> String {
    let points: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
    format!(
        "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-dasharray=\"{dashes}\" points=\"{}\"/>",
        points.join(" ")
    )
}

/// The parts of a drawing: plotters' SVG; elements to lay under the data (dashed
/// lines); labels over it; and the PDSA links.
type Parts<'a> = (
    &'a mut String,
    &'a mut String,
    &'a mut String,
    &'a mut String,
);

/// Draws the chart into `parts`.
fn draw(model: &ChartModel, frame: &Frame, parts: Parts<'_>) -> DrawResult {
    let (svg, under, over, links) = parts;
    let ((fx0, fx1), (fy0, fy1)) = ranges(model);
    let (x0, x1) = frame.x_range.unwrap_or((fx0, fx1));
    let (y0, y1) = frame.y_range.unwrap_or((fy0, fy1));
    let compact = frame.compact;
    let root = SVGBackend::with_string(svg, (frame.width, frame.height)).into_drawing_area();
    root.fill(&WHITE)?;
    let text = RGBColor(0x21, 0x2b, 0x32);
    let grid = RGBColor(0xe8, 0xed, 0xee);
    let font_size = if compact { 13 } else { 16 };
    let label_font = ("sans-serif", font_size).into_font().color(&text);
    let mut chart = ChartBuilder::on(&root)
        .margin_top(if compact { 10 } else { 28 })
        .margin_right(if compact { 12 } else { 96 })
        .margin_left(8)
        .margin_bottom(8)
        .x_label_area_size(if compact { 28 } else { 36 })
        .y_label_area_size(if compact { 56 } else { 64 })
        .build_cartesian_2d(x0..x1, y0..y1)?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .bold_line_style(grid)
        .axis_style(text)
        .x_labels(if compact { 4 } else { 8 })
        .y_labels(if compact { 4 } else { 6 })
        .x_label_formatter(&|x| (model.x_format)(*x))
        .y_label_formatter(&|y| (model.y_format)(*y))
        .label_style(label_font.clone())
        .y_desc(model.y_label.as_str())
        .axis_desc_style(label_font.clone())
        .draw()?;

    // Phase boundaries: a vertical rule and the reason, at the top.
    for (x, reason) in &model.phase_starts {
        let (px, py) = chart.backend_coord(&(*x, y1));
        let (_, bottom) = chart.backend_coord(&(*x, y0));
        under.push_str(&dashed(&[(px, py), (px, bottom)], "#212b32", 1, "4 4"));
        if compact {
            continue;
        }
        over.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#212b32\">{}</text>",
            px + 4,
            py + 12,
            escape(reason)
        ));
    }

    // Limits (dashed when trial), centre line, target.
    let limit_colour = RGBColor(0x42, 0x5a, 0x6a);
    for value in [
        (|p: &ChartPoint| p.lcl) as fn(&ChartPoint) -> Option<f64>,
        |p: &ChartPoint| p.ucl,
    ] {
        for run in steps(&model.points, value) {
            if model.trial {
                let pixels: Vec<(i32, i32)> = run.iter().map(|p| chart.backend_coord(p)).collect();
                under.push_str(&dashed(&pixels, "#425a6a", 2, "6 4"));
            } else {
                chart.draw_series(LineSeries::new(run, limit_colour.stroke_width(2)))?;
            }
        }
    }
    for run in steps(&model.points, |p| p.cl) {
        chart.draw_series(LineSeries::new(run, text.stroke_width(2)))?;
    }
    if let Some(target) = model.target {
        let from = chart.backend_coord(&(x0, target));
        let to = chart.backend_coord(&(x1, target));
        under.push_str(&dashed(&[from, to], "#007f3b", 2, "10 5"));
    }

    // The data line, broken at missing values and at phase changes.
    let line_colour = RGBColor(0x76, 0x86, 0x92);
    let mut segment: Vec<(f64, f64)> = Vec::new();
    for (i, p) in model.points.iter().enumerate() {
        let phase_change = i > 0 && model.points[i - 1].phase != p.phase;
        match p.y.filter(|y| y.is_finite()) {
            Some(y) if !phase_change => segment.push((p.x, y)),
            Some(y) => {
                chart.draw_series(LineSeries::new(
                    std::mem::take(&mut segment),
                    line_colour.stroke_width(1),
                ))?;
                segment.push((p.x, y));
            }
            None => {
                chart.draw_series(LineSeries::new(
                    std::mem::take(&mut segment),
                    line_colour.stroke_width(1),
                ))?;
            }
        }
    }
    chart.draw_series(LineSeries::new(segment, line_colour.stroke_width(1)))?;

    // Points: colour and shape by class; excluded points hollow.
    for p in &model.points {
        let Some(y) = p.y.filter(|y| y.is_finite()) else {
            continue;
        };
        let colour = p.class.colour();
        let style = if p.excluded {
            colour.stroke_width(2)
        } else {
            colour.filled()
        };
        match p.class {
            PointClass::Common => {
                chart.draw_series(std::iter::once(Circle::new((p.x, y), 3, style)))?;
            }
            PointClass::Improvement => {
                chart.draw_series(std::iter::once(Circle::new((p.x, y), 5, style)))?;
                chart.draw_series(std::iter::once(Circle::new(
                    (p.x, y),
                    8,
                    colour.stroke_width(2),
                )))?;
            }
            PointClass::Concern => {
                let (cx, cy) = chart.backend_coord(&(p.x, y));
                let half = 5;
                root.draw(&Rectangle::new(
                    [(cx - half, cy - half), (cx + half, cy + half)],
                    style,
                ))?;
            }
            PointClass::Neither => {
                let (cx, cy) = chart.backend_coord(&(p.x, y));
                root.draw(&Polygon::new(
                    vec![(cx, cy - 7), (cx + 7, cy), (cx, cy + 7), (cx - 7, cy)],
                    style,
                ))?;
            }
        }
    }

    // Line labels at the right edge, so the lines are named without colour.
    let mut right_labels: Vec<(f64, String)> = Vec::new();
    if let Some(last) = model.points.last().filter(|_| !compact) {
        let trial = if model.trial { " (trial)" } else { "" };
        if let Some(cl) = last.cl {
            right_labels.push((cl, model.centre_label.clone()));
        }
        if let Some(ucl) = last.ucl {
            right_labels.push((ucl, format!("Upper limit{trial}")));
        }
        if let Some(lcl) = last.lcl {
            right_labels.push((lcl, format!("Lower limit{trial}")));
        }
    }
    if let Some(target) = model.target.filter(|_| !compact) {
        right_labels.push((target, "Target".to_owned()));
    }
    right_labels.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut last_y = i32::MIN;
    for (value, label) in right_labels {
        let (_, py) = chart.backend_coord(&(x1, value));
        let py = py.max(last_y + 14);
        last_y = py;
        let style = ("sans-serif", 15)
            .into_font()
            .color(&text)
            .pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(label, ((frame.width - 92) as i32, py), style))?;
    }

    if model.trial && !compact {
        let style = ("sans-serif", 16)
            .into_font()
            .color(&text)
            .pos(Pos::new(HPos::Left, VPos::Top));
        root.draw(&Text::new(
            format!(
                "Trial limits: set from fewer than {} points",
                model.min_points
            ),
            (72, 6),
            style,
        ))?;
    }

    // PDSA cycles and annotations: a dotted rule across the plot with a short label
    // above it, linked to the PDSA page where there is one. Labels go on the lower of
    // two rows unless they would overlap the last label there (markers are in x order).
    let mut row_ends = [i32::MIN; 2];
    for marker in model.markers.iter().filter(|_| !compact) {
        if marker.x < x0 || marker.x > x1 {
            continue;
        }
        let (px, top) = chart.backend_coord(&(marker.x, y1));
        let (_, bottom) = chart.backend_coord(&(marker.x, y0));
        let half_width = 4 * marker.label.chars().count() as i32;
        let row = usize::from(px - half_width < row_ends[0] + 4);
        row_ends[row] = row_ends[row].max(px + half_width);
        let label_y = top - 6 - row as i32 * 12;
        let body = format!(
            "<title>{text}</title><line x1=\"{px}\" y1=\"{top}\" x2=\"{px}\" y2=\"{bottom}\" stroke=\"#425a6a\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\
             <text x=\"{px}\" y=\"{label_y}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#212b32\">{label}</text>",
            text = escape(&marker.text),
            label = escape(&marker.label),
        );
        match &marker.href {
            Some(href) => links.push_str(&format!(
                "<a href=\"{}\" class=\"chart-marker\">{body}</a>",
                escape(href)
            )),
            None => over.push_str(&format!("<g class=\"chart-marker\">{body}</g>")),
        }
    }
    root.present()?;
    drop(chart);
    Ok(())
}

/// The elements inside plotters' `<svg>…</svg>`, on one line and without what draws
/// nothing: plotters puts each element and each text on its own line (formatting only,
/// and inside `<text>` they would become spaces), writes `opacity="1"` and a stroke
/// width beside `stroke="none"` on every element, gives font sizes sixteen digits, and
/// steps a line through every point twice. Every chart is inlined in its page and
/// written as a file, so each byte here is paid for twice per chart.
pub fn svg_body(svg: &str) -> String {
    let body = inside_svg(svg)
        .trim()
        .replace('\n', "")
        .replace(" opacity=\"1\"", "")
        .replace("stroke=\"none\" stroke-width=\"1\"", "stroke=\"none\"");
    let body = rewrite_attribute(&body, "font-size", |size| {
        size.parse::<f64>()
            .ok()
            .map(|x| format!("{}", (x * 100.0).round() / 100.0))
    });
    rewrite_attribute(&body, "points", |points| Some(fewer_points(points)))
}

/// Presentation attributes that children inherit from a `<g>`, which [`grouped`] may
/// move there.
const INHERITED: [&str; 6] = [
    "fill",
    "stroke",
    "stroke-width",
    "font-family",
    "font-size",
    "text-anchor",
];

/// One element of plotters' flat output: `<tag a="v"/>` or `<tag a="v">text</tag>`.
struct Element<'a> {
    tag: &'a str,
    attrs: Vec<(&'a str, Cow<'a, str>)>,
    text: Option<&'a str>,
}

impl<'a> Element<'a> {
    fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_ref())
    }

    fn has(&self, (name, value): &(&str, &str)) -> bool {
        self.attrs.iter().any(|(n, v)| n == name && v == value)
    }

    /// Whether `name` can change how this element draws: font attributes only text,
    /// `fill` everything but a line (which has no inside).
    fn uses(&self, name: &str) -> bool {
        match name {
            "font-family" | "font-size" | "text-anchor" => self.tag == "text",
            "fill" => self.tag != "line",
            _ => true,
        }
    }

    /// Drops what draws nothing (`opacity="1"`, a stroke width without a stroke) and
    /// shortens what is longer than it needs to be (font sizes of sixteen digits, a
    /// line's points on a straight run).
    fn clean(&mut self) {
        let no_stroke = self.get("stroke") == Some("none");
        self.attrs.retain(|(n, v)| match *n {
            "opacity" => v != "1",
            "stroke-width" => !(no_stroke && v == "1"),
            _ => true,
        });
        for (name, value) in &mut self.attrs {
            match *name {
                "font-size" => {
                    if let Ok(x) = value.parse::<f64>() {
                        *value = Cow::Owned(format!("{}", (x * 100.0).round() / 100.0));
                    }
                }
                "points" => *value = Cow::Owned(fewer_points(value)),
                _ => {}
            }
        }
    }

    fn push_to(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.tag);
        for (name, value) in &self.attrs {
            push_attr(out, name, value);
        }
        match self.text {
            Some(text) => {
                out.push('>');
                out.push_str(text);
                out.push_str("</");
                out.push_str(self.tag);
                out.push('>');
            }
            None => out.push_str("/>"),
        }
    }
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(value);
    out.push('"');
}

/// What lies between the `<svg …>` plotters opens with and its `</svg>`.
fn inside_svg(svg: &str) -> &str {
    let body_start = svg
        .find("<svg")
        .map_or(0, |i| svg[i..].find('>').map_or(svg.len(), |j| i + j + 1));
    let body_end = svg.rfind("</svg>").unwrap_or(svg.len()).max(body_start);
    &svg[body_start..body_end]
}

/// The elements of `body` when it is a flat run of them, as plotters writes (one per
/// line, a text's words on a line of their own); none when it holds anything else
/// (nesting, comments, a text of several lines), which is then left as it is.
fn elements(body: &str) -> Option<Vec<Element<'_>>> {
    let mut out = Vec::new();
    let mut rest = body;
    loop {
        rest = rest.trim_start_matches(['\n', ' ']);
        if rest.is_empty() {
            break;
        }
        rest = rest.strip_prefix('<')?;
        let tag_end = rest.find([' ', '/', '>'])?;
        let tag = &rest[..tag_end];
        if tag.is_empty() || !tag.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        rest = &rest[tag_end..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start_matches(' ');
            if let Some(r) = rest.strip_prefix("/>") {
                out.push(Element {
                    tag,
                    attrs,
                    text: None,
                });
                rest = r;
                break;
            }
            if let Some(r) = rest.strip_prefix('>') {
                let end = r.find('<')?;
                let text = r[..end].trim_matches('\n');
                if text.contains('\n') {
                    return None;
                }
                let after = r[end..]
                    .strip_prefix("</")
                    .and_then(|x| x.strip_prefix(tag))
                    .and_then(|x| x.strip_prefix('>'))?;
                out.push(Element {
                    tag,
                    attrs,
                    text: Some(text),
                });
                rest = after;
                break;
            }
            let eq = rest.find("=\"")?;
            let name = &rest[..eq];
            if name.is_empty() || name.contains([' ', '>', '<', '/', '\n']) {
                return None;
            }
            let value_len = rest[eq + 2..].find('"')?;
            attrs.push((name, Cow::Borrowed(&rest[eq + 2..eq + 2 + value_len])));
            rest = &rest[eq + 3 + value_len..];
        }
    }
    Some(out)
}

/// The elements inside plotters' `<svg>…</svg>`, cleaned ([`Element::clean`]); none
/// when they are not a flat run.
fn clean_elements(svg: &str) -> Option<Vec<Element<'_>>> {
    let mut els = elements(inside_svg(svg))?;
    for e in &mut els {
        e.clean();
    }
    Some(els)
}

/// [`svg_body`] with repeated attributes moved onto groups ([`grouped`]), in one pass.
pub fn slim_body(svg: &str) -> String {
    match clean_elements(svg) {
        Some(mut els) => {
            let mut out = String::with_capacity(svg.len());
            push_grouped(&mut els, &mut out);
            out
        }
        None => grouped(&svg_body(svg)),
    }
}

/// `body` (a flat run of elements, as plotters writes them) with the presentation
/// attributes that elements repeat moved onto `<g>` elements, which they inherit from:
/// the texts' commonest font and fill onto one `<g>` around everything, and what a run of
/// neighbouring elements of one kind share (the grid lines' stroke, the points' fill)
/// onto a `<g>` around the run. The drawing is the same, pixel for pixel (a test
/// rasterises both); a chart is about a quarter smaller. A child's own attribute wins
/// over its group's, so an attribute moves only where every element it could reach
/// either has it with that value (which then goes) or has its own.
pub fn grouped(body: &str) -> String {
    let Some(mut els) = elements(body) else {
        return body.to_owned();
    };
    let mut out = String::with_capacity(body.len());
    push_grouped(&mut els, &mut out);
    out
}

/// [`grouped`], of elements already read, onto `out`.
fn push_grouped(els: &mut [Element<'_>], out: &mut String) {
    // The whole run's commonest values, each where every element it reaches has one.
    let mut outer: Vec<(&str, String)> = Vec::new();
    for name in INHERITED {
        let mut reached = els.iter().filter(|e| e.uses(name)).peekable();
        if reached.peek().is_none() || els.iter().any(|e| e.uses(name) && e.get(name).is_none()) {
            continue;
        }
        // Counted among the texts when there are any: they stand between the tick
        // marks, so no run of neighbours gathers them, whereas points and grid lines
        // come in runs that get their own group below.
        let any_text = els.iter().any(|e| e.tag == "text" && e.uses(name));
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for e in reached.filter(|e| !any_text || e.tag == "text") {
            let v = e.get(name).unwrap_or_default();
            match counts.iter_mut().find(|(x, _)| *x == v) {
                Some((_, n)) => *n += 1,
                None => counts.push((v, 1)),
            }
        }
        // The first of the commonest, so the choice is deterministic.
        let best = counts
            .iter()
            .fold(None::<(&str, usize)>, |best, &(v, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((v, n)),
            });
        if let Some((value, _)) = best.filter(|&(_, n)| n >= 2) {
            outer.push((name, value.to_owned()));
        }
    }
    for e in els.iter_mut() {
        e.attrs
            .retain(|(n, v)| !outer.iter().any(|(on, ov)| on == n && ov == v));
    }
    if !outer.is_empty() {
        out.push_str("<g");
        for (name, value) in &outer {
            push_attr(out, name, value);
        }
        out.push('>');
    }
    // Runs of neighbours of one kind sharing attribute values.
    let mut i = 0;
    while i < els.len() {
        let common: Vec<(&str, String)> = els[i]
            .attrs
            .iter()
            .filter(|(n, _)| INHERITED.contains(n))
            .map(|(n, v)| (*n, v.to_string()))
            .collect();
        let mut j = i + 1;
        while j < els.len()
            && els[j].tag == els[i].tag
            && !common.is_empty()
            && common.iter().all(|(n, v)| els[j].has(&(n, v.as_str())))
        {
            j += 1;
        }
        if j - i >= 2 {
            out.push_str("<g");
            for (name, value) in &common {
                push_attr(out, name, value);
            }
            out.push('>');
            for e in &mut els[i..j] {
                e.attrs
                    .retain(|(n, v)| !common.iter().any(|(cn, cv)| cn == n && cv == v));
                e.push_to(out);
            }
            out.push_str("</g>");
        } else {
            els[i].push_to(out);
        }
        i = j;
    }
    if !outer.is_empty() {
        out.push_str("</g>");
    }
}

/// `svg` with every value of the attribute `name` passed through `rewrite` (kept as it
/// is when that gives none).
fn rewrite_attribute(svg: &str, name: &str, rewrite: impl Fn(&str) -> Option<String>) -> String {
    let opening = format!(" {name}=\"");
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(&opening) {
        let value_start = at + opening.len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        match rewrite(value) {
            Some(new) => out.push_str(&new),
            None => out.push_str(value),
        }
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// A polyline's `points` without the points it does not need: a point equal to the one
/// before it, and a point on the straight segment between its neighbours (so a step
/// line keeps only its corners). The line drawn, and any dashes along it, are the same.
fn fewer_points(points: &str) -> String {
    let parsed: Option<Vec<(i64, i64)>> = points
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect();
    let Some(parsed) = parsed else {
        return points.to_owned();
    };
    let mut kept: Vec<(i64, i64)> = Vec::with_capacity(parsed.len());
    for p in parsed {
        if kept.last() == Some(&p) {
            continue;
        }
        if let [.., a, b] = kept[..] {
            let collinear = (b.0 - a.0) * (p.1 - a.1) == (b.1 - a.1) * (p.0 - a.0);
            let between = (a.0.min(p.0)..=a.0.max(p.0)).contains(&b.0)
                && (a.1.min(p.1)..=a.1.max(p.1)).contains(&b.1);
            if collinear && between {
                kept.pop();
            }
        }
        kept.push(p);
    }
    let mut out = String::with_capacity(points.len());
    for (i, (x, y)) in kept.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{x},{y}");
    }
    out
}

/// Makes plotters' output an accessible, responsive inline SVG: a `<title>` and `<desc>`
/// it is labelled and described by, a viewBox instead of a fixed size, and the drawing
/// hidden from assistive technology (the description and the data table say what it
/// shows) except the links to PDSA cycles, which stay reachable by keyboard. Because
/// the chart holds links it is a `graphics-document`, not an `img` (whose children are
/// presentational and may not be focusable).
fn finish(
    model: &ChartModel,
    frame: &Frame,
    svg: &str,
    under: &str,
    over: &str,
    links: &str,
) -> String {
    // The first element is the white background; dashed lines go just above it.
    let (background, rest) = match clean_elements(svg) {
        Some(mut els) if !els.is_empty() => {
            let mut background = String::new();
            els[0].push_to(&mut background);
            let mut rest = String::with_capacity(svg.len());
            push_grouped(&mut els[1..], &mut rest);
            (background, rest)
        }
        _ => {
            let body = svg_body(svg);
            let background_end = body.find("/>").map_or(0, |i| i + 2);
            (
                body[..background_end].to_owned(),
                grouped(&body[background_end..]),
            )
        }
    };
    let id = escape(&model.id);
    let details = match &model.table_id {
        Some(table) => format!(" aria-details=\"{}\"", escape(table)),
        None => String::new(),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" class=\"chart\" \
         role=\"graphics-document\" aria-roledescription=\"chart\" aria-labelledby=\"{id}-title\" \
         aria-describedby=\"{id}-desc\"{details}>\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>\
         <g aria-hidden=\"true\">{background}{under}{rest}{over}</g>{links}</svg>",
        width = frame.width,
        height = frame.height,
        title = escape(&model.title),
        desc = escape(&model.description),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(points: Vec<ChartPoint>) -> ChartModel {
        ChartModel {
            id: "falls".into(),
            title: "Falls per 1,000 bed days".into(),
            description: "Common cause variation <ok>".into(),
            y_label: "Falls per 1,000 bed days".into(),
            centre_label: "Mean".into(),
            points,
            target: Some(4.0),
            phase_starts: vec![],
            markers: vec![ChartMarker {
                x: 3.0,
                label: "PDSA 1".into(),
                text: "PDSA 1: checklist".into(),
                href: Some("pdsa/01-checklist.html".into()),
            }],
            trial: false,
            min_points: 12,
            table_id: Some("falls-data".into()),
            x_format: |x| format!("d{x:.0}"),
            y_format: |y| format!("{y:.1}"),
        }
    }

    fn point(x: f64, y: Option<f64>, class: PointClass, phase: usize) -> ChartPoint {
        ChartPoint {
            x,
            y,
            cl: Some(5.0),
            lcl: Some(1.0),
            ucl: Some(9.0),
            class,
            excluded: false,
            phase,
        }
    }

    #[test]
    fn the_svg_is_labelled_and_scales() {
        let pts = (0..12)
            .map(|i| point(i as f64, Some(5.0 + (i % 3) as f64), PointClass::Common, 1))
            .collect();
        let svg = draw_svg(&model(pts));
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 760 380\"")
        );
        assert!(svg.contains("role=\"graphics-document\""));
        assert!(svg.contains("aria-labelledby=\"falls-title\" aria-describedby=\"falls-desc\""));
        assert!(svg.contains("aria-details=\"falls-data\""));
        assert!(
            svg.contains("<g aria-hidden=\"true\">"),
            "the drawing is hidden; the text says it"
        );
        assert!(svg.contains("<title id=\"falls-title\">Falls per 1,000 bed days</title>"));
        assert!(svg.contains("Common cause variation &lt;ok&gt;"));
        assert!(svg.contains("<a href=\"pdsa/01-checklist.html\""));
        assert!(svg.contains(">Target</text>"));
        assert!(svg.contains(">Upper limit</text>"));
        let open_tag = &svg[..svg.find('>').unwrap()];
        assert!(!open_tag.contains("width="), "no fixed size: {open_tag}");
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn signal_classes_differ_in_shape_not_only_colour() {
        let pts = vec![
            point(0.0, Some(5.0), PointClass::Common, 1),
            point(1.0, Some(9.5), PointClass::Improvement, 1),
            point(2.0, Some(0.5), PointClass::Concern, 1),
            point(3.0, Some(6.0), PointClass::Neither, 1),
        ];
        let svg = draw_svg(&model(pts));
        assert!(svg.contains("<circle"), "circles");
        assert!(svg.contains("<rect"), "a square for concern");
        assert!(svg.contains("<polygon"), "a diamond for neither");
    }

    #[test]
    fn trial_limits_are_said_and_phases_named() {
        let mut m = model(vec![
            point(0.0, Some(5.0), PointClass::Common, 1),
            point(1.0, Some(6.0), PointClass::Common, 2),
        ]);
        m.trial = true;
        m.phase_starts = vec![(1.0, "New checklist adopted".into())];
        let svg = draw_svg(&m);
        assert!(svg.contains("Trial limits"));
        assert!(svg.contains("Upper limit (trial)"));
        assert!(svg.contains("New checklist adopted"));
    }

    #[test]
    fn degenerate_input_still_gives_a_labelled_svg() {
        for pts in [
            vec![],
            vec![point(0.0, None, PointClass::Common, 1)],
            vec![point(0.0, Some(f64::NAN), PointClass::Common, 1)],
            vec![point(0.0, Some(3.0), PointClass::Common, 1)],
        ] {
            let svg = draw_svg(&model(pts));
            assert!(svg.contains("role=\"graphics-document\""));
            assert!(svg.ends_with("</svg>"));
        }
    }

    #[test]
    fn limits_step_within_a_phase_and_break_between_phases() {
        let mut pts = vec![
            point(0.0, Some(1.0), PointClass::Common, 1),
            point(2.0, Some(1.0), PointClass::Common, 1),
            point(4.0, Some(1.0), PointClass::Common, 2),
        ];
        pts[1].ucl = Some(8.0);
        let runs = steps(&pts, |p| p.ucl);
        assert_eq!(
            runs,
            vec![
                vec![(0.0, 9.0), (1.0, 9.0), (1.0, 8.0), (2.0, 8.0)],
                vec![(4.0, 9.0), (4.0, 9.0)],
            ]
        );
    }

    #[test]
    fn panels_share_the_axes_they_are_given_and_leave_out_the_labels() {
        let low: Vec<_> = (0..12)
            .map(|i| point(i as f64, Some(2.0 + (i % 2) as f64), PointClass::Common, 1))
            .collect();
        let high: Vec<_> = (6..20)
            .map(|i| point(i as f64, Some(40.0 + (i % 3) as f64), PointClass::Common, 1))
            .collect();
        let (a, b) = (model(low), model(high));
        let texts = |svg: &str| -> Vec<String> {
            svg.split("<text")
                .skip(1)
                .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_owned())
                .collect()
        };
        // Drawn alone, each fits its own data; as panels, both use the common axes.
        assert_ne!(texts(&draw_svg(&a)), texts(&draw_svg(&b)));
        let (x, y) = common_ranges(&[&a, &b]);
        assert!(
            x.0 < 0.0 && x.1 > 19.0 && y.0 == 0.0 && y.1 > 42.0,
            "{x:?} {y:?}"
        );
        let frame = Frame::panel(x, y);
        let (pa, pb) = (draw_svg_in(&a, &frame), draw_svg_in(&b, &frame));
        assert!(pa.contains("viewBox=\"0 0 380 220\""));
        assert_eq!(texts(&pa), texts(&pb));
        // No line labels or PDSA links in a panel: its text alternative says them.
        assert!(!pa.contains(">Upper limit</text>") && !pa.contains("<a href"));
    }

    #[test]
    fn the_body_keeps_what_draws_and_drops_the_rest() {
        let cases = [
            ("0,0 5,0 5,0 10,0 10,5 10,10 ", "0,0 10,0 10,10"),
            ("0,0 10,0 5,0", "0,0 10,0 5,0"),
            ("1,1 2,2 3,3 3,1", "1,1 3,3 3,1"),
            ("4.5,1 2,2", "4.5,1 2,2"),
        ];
        let kept = cases.map(|(points, _)| fewer_points(points));
        assert_eq!(kept, cases.map(|(_, want)| want.to_owned()));
        let svg =
            "<svg width=\"9\">\n<circle cx=\"1\" opacity=\"1\" fill=\"#FFF\" stroke=\"none\" \
                   stroke-width=\"1\"/>\n<text font-size=\"12.903225806451614\">a\"b</text>\n\
                   <polyline points=\"1,1 1,1 1,2 \"/>\n</svg>";
        assert_eq!(
            svg_body(svg),
            "<circle cx=\"1\" fill=\"#FFF\" stroke=\"none\"/><text font-size=\"12.9\">a\"b</text>\
             <polyline points=\"1,1 1,2\"/>"
        );
    }

    /// Grouping moves attributes without changing a pixel: a chart with every kind of
    /// point, its grid, ticks and labels rasterises to the same PNG either way.
    #[test]
    fn grouping_attributes_draws_the_same_pixels() {
        let classes = [
            PointClass::Common,
            PointClass::Improvement,
            PointClass::Concern,
            PointClass::Neither,
        ];
        let pts: Vec<_> = (0..24)
            .map(|i| {
                let y = (i * 37 % 11) as f64;
                point(i as f64, Some(y), classes[i / 6], 1 + i / 12)
            })
            .collect();
        let mut m = model(pts);
        m.phase_starts = vec![(12.0, "New rota".into())];
        let frame = Frame::full();
        let mut svg = String::new();
        let (mut under, mut over, mut links) = (String::new(), String::new(), String::new());
        draw(&m, &frame, (&mut svg, &mut under, &mut over, &mut links)).unwrap();
        let body = svg_body(&svg);
        let slim = grouped(&body);
        assert_eq!(slim_body(&svg), slim, "one pass gives what two do");
        assert!(slim.len() * 10 < body.len() * 9, "at least a tenth smaller");
        assert!(
            slim.contains("<g ")
                && slim.matches("<circle").count() == body.matches("<circle").count()
        );
        let png = |body: &str| {
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\">{body}</svg>",
                frame.width, frame.height
            );
            crate::render::png::svg_to_png(&svg, 1.0).unwrap()
        };
        assert!(png(&slim) == png(&body), "the same pixels");
    }

    #[test]
    fn grouping_moves_only_what_every_element_it_reaches_has() {
        // The second text has no font-size of its own: a group's would reach it.
        let body = "<text x=\"1\" font-size=\"9\" fill=\"#000\">a</text>\
                    <text x=\"2\" fill=\"#000\">b</text>\
                    <line x1=\"0\" stroke=\"#eee\"/><line x1=\"5\" stroke=\"#eee\"/>";
        assert_eq!(
            grouped(body),
            "<g fill=\"#000\"><text x=\"1\" font-size=\"9\">a</text><text x=\"2\">b</text>\
             <g stroke=\"#eee\"><line x1=\"0\"/><line x1=\"5\"/></g></g>"
        );
        // A circle without a fill would take the texts' fill from a group around
        // everything; only the run of texts is grouped.
        let body = "<text fill=\"#000\">a</text><text fill=\"#000\">b</text><circle r=\"1\"/>";
        assert_eq!(
            grouped(body),
            "<g fill=\"#000\"><text>a</text><text>b</text></g><circle r=\"1\"/>"
        );
        // Anything but a flat run of elements is left as it is.
        for body in [
            "<g><line/></g>",
            "<text>a<tspan>b</tspan></text>",
            "text",
            "<!-- c -->",
        ] {
            assert_eq!(grouped(body), body);
        }
    }

    #[test]
    fn the_same_model_draws_the_same_bytes() {
        let pts: Vec<_> = (0..30)
            .map(|i| {
                point(
                    i as f64 * 7.0,
                    Some((i * 37 % 11) as f64),
                    PointClass::Common,
                    1,
                )
            })
            .collect();
        assert_eq!(draw_svg(&model(pts.clone())), draw_svg(&model(pts)));
    }
}
