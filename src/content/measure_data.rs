//! A measure's CSV data into [`Observation`]s, checked against its chart type: every
//! bad cell is reported with its row and column. Pure: takes the file's text.

use std::collections::BTreeMap;

use super::date::Date;
use super::model::{ChartType, Observation};
use crate::error::{Diagnostic, SourceFile};

/// Column positions found in the header row.
#[derive(Default)]
struct Columns {
    date: Option<usize>,
    value: Option<usize>,
    denominator: Option<usize>,
    note: Option<usize>,
    exclude: Option<usize>,
    subgroup: Option<usize>,
}

/// Parses the CSV in `src` for a measure drawn on `chart`. Returns the observations
/// that could be read and every problem found.
pub fn parse(src: &SourceFile, chart: ChartType) -> (Vec<Observation>, Vec<Diagnostic>) {
    if let Some((header, rows)) = split_plain(&src.text) {
        return read_rows(src, chart, &header, rows.into_iter().map(Ok));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(src.text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            let d = src.error(1, 1, format!("cannot read the CSV header: {e}"));
            return (Vec::new(), vec![d]);
        }
    };
    let header: Vec<&str> = headers.iter().collect();
    let rows = rdr.into_records().map(|rec| match rec {
        Ok(r) => {
            let line = r.position().map_or(1, |p| record_line(&src.text, p));
            Ok((line, r.iter().map(str::to_owned).collect()))
        }
        Err(e) => {
            let line = e.position().map_or(1, |p| record_line(&src.text, p));
            Err(src.error(line, 1, format!("cannot read this CSV row: {e}")))
        }
    });
    read_rows(src, chart, &header, rows)
}

/// A row's 1-based line and its cells.
type Row<'t> = (usize, Vec<&'t str>);

/// The header and rows of a CSV without quotes, split as the csv crate splits them
/// (each of `\r`, `\n` and `\r\n` ends a record, blank lines are skipped, and every cell
/// is trimmed), each row with its 1-based line. Building a csv reader costs more than
/// reading a measure's few dozen rows, and nearly every measure file is like this.
/// `None` for text the csv crate must read: with quotes, a byte-order mark, or no
/// record at all.
fn split_plain(text: &str) -> Option<(Vec<&str>, Vec<Row<'_>>)> {
    if text.contains('"') || text.starts_with('\u{feff}') {
        return None;
    }
    let mut header = None;
    let mut rows = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        // A lone `\r` ends a record too, but not a line as diagnostics count lines.
        for record in line.split(['\r', '\n']).filter(|r| !r.is_empty()) {
            let cells: Vec<&str> = record.split(',').map(str::trim).collect();
            if header.is_none() {
                header = Some(cells);
            } else {
                rows.push((i + 1, cells));
            }
        }
    }
    Some((header?, rows))
}

/// Checks the header and every row (each with its 1-based line, or a diagnostic for a
/// row that could not be read) and reads the observations.
fn read_rows<C: AsRef<str>>(
    src: &SourceFile,
    chart: ChartType,
    headers: &[&str],
    rows: impl Iterator<Item = Result<(usize, Vec<C>), Diagnostic>>,
) -> (Vec<Observation>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Rows are located by line, so index the lines once rather than once per row.
    let lines: Vec<&str> = src.text.lines().collect();
    let header_line = lines.first().copied().unwrap_or("");
    let mut cols = Columns::default();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim().to_lowercase();
        let slot = match name.as_str() {
            "date" => &mut cols.date,
            "value" | "numerator" => &mut cols.value,
            "denominator" => &mut cols.denominator,
            "note" | "notes" => &mut cols.note,
            "exclude" => &mut cols.exclude,
            "subgroup" => &mut cols.subgroup,
            _ => {
                diags.push(
                    src.warning(1, field_col(header_line, i), format!("unknown column `{name}` is ignored"))
                        .with_hint("the columns are: date, value (or numerator), denominator, note, exclude, subgroup"),
                );
                continue;
            }
        };
        if slot.is_some() {
            diags.push(
                src.error(
                    1,
                    field_col(header_line, i),
                    format!("column `{name}` is given twice"),
                )
                .with_hint("keep one of the two columns"),
            );
        }
        *slot = Some(i);
    }
    let value_name = if chart.uses_denominator() {
        "numerator"
    } else {
        "value"
    };
    if cols.date.is_none() {
        diags.push(
            src.error(1, 1, "the CSV has no `date` column")
                .with_hint(format!(
                    "the first line must name the columns, e.g. `{}`",
                    example_header(chart)
                )),
        );
    }
    if cols.value.is_none() {
        diags.push(
            src.error(1, 1, format!("the CSV has no `{value_name}` column"))
                .with_hint(format!(
                    "the first line must name the columns, e.g. `{}`",
                    example_header(chart)
                )),
        );
    }
    match (chart.uses_denominator(), cols.denominator) {
        (true, None) => diags.push(
            src.error(
                1,
                1,
                format!(
                    "a {} needs a `denominator` column",
                    chart.label().to_lowercase()
                ),
            )
            .with_hint(format!("use the columns `{}`", example_header(chart))),
        ),
        (false, Some(i)) => diags.push(
            src.error(
                1,
                field_col(header_line, i),
                "`denominator` is only used by p and u charts",
            )
            .with_hint("remove the column, or set `chart: p` or `chart: u` in the measure's YAML"),
        ),
        _ => {}
    }
    if cols.subgroup.is_some() && !chart.uses_subgroups() {
        diags.push(
            src.error(1, 1, "`subgroup` is only used by xbar and s charts")
                .with_hint("remove the column, or set `chart: xbar` or `chart: s`"),
        );
    }
    if cols.date.is_none() || cols.value.is_none() {
        return (Vec::new(), diags);
    }

    let mut obs = Vec::new();
    let mut seen: BTreeMap<Date, usize> = BTreeMap::new();
    let mut last: Option<(Date, usize)> = None;
    for row in rows {
        let (line, rec) = match row {
            Ok(r) => r,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let row_text = line
            .checked_sub(1)
            .and_then(|i| lines.get(i))
            .copied()
            .unwrap_or("");
        let row_no = line - 1;
        if rec.len() != headers.len() && !(rec.len() == 1 && rec[0].as_ref().is_empty()) {
            diags.push(
                src.error(line, 1, format!("row {row_no} has {} cells but the header has {}", rec.len(), headers.len()))
                    .with_hint("every row needs one cell per column; leave a cell empty with nothing between two commas"),
            );
        }
        if rec.iter().all(|c| c.as_ref().is_empty()) {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).map_or("", AsRef::as_ref);
        let at = |i: usize| field_col(row_text, i);
        let di = cols.date.unwrap_or(0);
        let date = match Date::parse(cell(cols.date)) {
            Ok(d) => d,
            Err(msg) => {
                diags.push(src.error(line, at(di), format!("row {row_no}, column `date`: {msg}")));
                continue;
            }
        };
        let mut number = |idx: Option<usize>, name: &str| -> Result<Option<f64>, ()> {
            let text = cell(idx);
            if text.is_empty() {
                return Ok(None);
            }
            match parse_number(text) {
                Some(v) => Ok(Some(v)),
                None => {
                    diags.push(
                        src.error(line, at(idx.unwrap_or(0)), format!("row {row_no}, column `{name}`: `{text}` is not a number"))
                            .with_hint("write a plain number such as `12` or `0.75`, or leave the cell empty for a missing value"),
                    );
                    Err(())
                }
            }
        };
        let Ok(value) = number(cols.value, value_name) else {
            continue;
        };
        let Ok(denominator) = number(cols.denominator, "denominator") else {
            continue;
        };
        let exclude = match cell(cols.exclude).to_lowercase().as_str() {
            "" | "false" | "no" | "0" | "n" => false,
            "true" | "yes" | "1" | "y" | "x" => true,
            other => {
                diags.push(
                    src.error(line, at(cols.exclude.unwrap_or(0)), format!("row {row_no}, column `exclude`: `{other}` is not true or false"))
                        .with_hint("write `true` to leave this point out of the limits, or leave the cell empty"),
                );
                false
            }
        };
        check_values(
            src,
            chart,
            line,
            row_no,
            &cols,
            row_text,
            value,
            denominator,
            &mut diags,
        );
        if !chart.uses_subgroups() {
            if let Some(first) = seen.get(&date) {
                diags.push(
                    src.error(
                        line,
                        at(di),
                        format!(
                            "row {row_no}: the date {} is already on line {first}",
                            date.iso()
                        ),
                    )
                    .with_hint("each date may appear once; remove or correct one of the two rows"),
                );
                continue;
            }
            seen.insert(date, line);
        }
        if let Some((prev, prev_line)) = last {
            if date < prev {
                diags.push(
                    src.error(
                        line,
                        at(di),
                        format!(
                            "row {row_no}: {} comes before {} on line {prev_line}",
                            date.iso(),
                            prev.iso()
                        ),
                    )
                    .with_hint("sort the rows by date, oldest first"),
                );
            }
        }
        last = Some((date, line));
        let note = cell(cols.note);
        obs.push(Observation {
            date,
            value,
            denominator,
            note: (!note.is_empty()).then(|| note.to_owned()),
            exclude,
            line,
        });
    }
    if obs.is_empty() && diags.iter().all(|d| !d.is_error()) {
        diags.push(
            src.error(1, 1, "the CSV has a header but no data rows")
                .with_hint(format!(
                    "add one row per period, e.g. `{}`",
                    example_row(chart)
                )),
        );
    }
    (obs, diags)
}

/// Checks a row's numbers against what the chart allows (qicharts2's input rules).
#[allow(clippy::too_many_arguments)]
fn check_values(
    src: &SourceFile,
    chart: ChartType,
    line: usize,
    row_no: usize,
    cols: &Columns,
    row_text: &str,
    value: Option<f64>,
    denominator: Option<f64>,
    diags: &mut Vec<Diagnostic>,
) {
    let vcol = field_col(row_text, cols.value.unwrap_or(0));
    let dcol = field_col(row_text, cols.denominator.unwrap_or(0));
    if chart.uses_denominator() {
        match denominator {
            Some(n) if n <= 0.0 => diags.push(
                src.error(line, dcol, format!("row {row_no}, column `denominator`: {} must be greater than zero", fmt_num(n)))
                    .with_hint("a denominator counts the opportunities (patients, bed days); a period with none has no rate: leave both cells empty"),
            ),
            None if value.is_some() => diags.push(
                src.error(line, dcol, format!("row {row_no}: the numerator has no denominator"))
                    .with_hint("fill in the denominator, or leave both cells empty for a missing period"),
            ),
            _ => {}
        }
        if let Some(v) = value {
            if v < 0.0 {
                diags.push(
                    src.error(
                        line,
                        vcol,
                        format!(
                            "row {row_no}, column `numerator`: {} is negative",
                            fmt_num(v)
                        ),
                    )
                    .with_hint("a numerator counts events, so it cannot be below zero"),
                );
            }
            if let Some(n) = denominator {
                if chart == ChartType::P && n > 0.0 && v > n {
                    diags.push(
                        src.error(line, vcol, format!("row {row_no}: the numerator {} is greater than the denominator {}", fmt_num(v), fmt_num(n)))
                            .with_hint("a p chart shows a proportion, so the numerator counts a subset of the denominator; check the two cells, or use a u chart for rates"),
                    );
                }
            }
        }
        return;
    }
    let Some(v) = value else { return };
    match chart {
        ChartType::C | ChartType::G if v < 0.0 => diags.push(
            src.error(
                line,
                vcol,
                format!("row {row_no}, column `value`: {} is negative", fmt_num(v)),
            )
            .with_hint("c and g charts count events or opportunities, which cannot be below zero"),
        ),
        ChartType::T if v <= 0.0 => diags.push(
            src.error(
                line,
                vcol,
                format!(
                    "row {row_no}, column `value`: {} must be greater than zero",
                    fmt_num(v)
                ),
            )
            .with_hint("a t chart shows the time between events, which must be positive"),
        ),
        _ => {}
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Parses a number cell. Thousands separators (`1,234`) are allowed; NaN and infinity
/// are not numbers here.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != ',' && *c != ' ').collect();
    let v: f64 = cleaned.parse().ok()?;
    let looks_numeric = cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    (v.is_finite() && looks_numeric).then_some(v)
}

/// The 1-based line where a CSV record starts.
///
/// The csv crate reports a record that follows blank lines at the first of those blank
/// lines (both its line and its byte offset), so the blank lines are skipped from the
/// byte offset onwards.
pub fn record_line(text: &str, pos: &csv::Position) -> usize {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(pos.byte())
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
        at += 1;
    }
    crate::error::line_col(text, at).0
}

/// The 1-based character column where field `index` starts in a CSV line.
pub fn field_col(line: &str, index: usize) -> usize {
    let mut field = 0;
    let mut in_quotes = false;
    for (col, ch) in line.chars().enumerate() {
        if field == index {
            return col + 1 + line.chars().skip(col).take_while(|c| *c == ' ').count();
        }
        match ch {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => field += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

fn example_header(chart: ChartType) -> &'static str {
    if chart.uses_denominator() {
        "date,numerator,denominator"
    } else {
        "date,value"
    }
}

fn example_row(chart: ChartType) -> &'static str {
    if chart.uses_denominator() {
        "2025-01-06,12,40"
    } else {
        "2025-01-06,12"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, chart: ChartType) -> (Vec<Observation>, Vec<Diagnostic>) {
        parse(&SourceFile::new("m.csv", text), chart)
    }

    #[test]
    fn reads_values_and_missing_cells() {
        let (obs, d) = run(
            "date,value,note\n2025-01-01,3,\n2025-02-01,,gap\n",
            ChartType::I,
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(obs.len(), 2);
        assert_eq!(obs[0].value, Some(3.0));
        assert_eq!(obs[1].value, None);
        assert_eq!(obs[1].note.as_deref(), Some("gap"));
        assert_eq!(obs[1].line, 3);
    }

    #[test]
    fn reports_a_cell_that_is_not_a_number_with_row_and_column() {
        let (_, d) = run("date,value\n2025-01-01,3\n2025-02-01,12a\n", ChartType::I);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].col), (3, 12));
        assert_eq!(d[0].message, "row 2, column `value`: `12a` is not a number");
    }

    #[test]
    fn reports_dates_duplicates_and_order() {
        let (_, d) = run(
            "date,value\n2025-01-01,3\n2025-01-01,4\n01/03/2025,5\n2024-12-01,1\n",
            ChartType::C,
        );
        let msgs: Vec<_> = d.iter().map(|d| (d.line, d.message.clone())).collect();
        assert!(msgs[0].1.contains("already on line 2"), "{msgs:?}");
        assert_eq!(msgs[0].0, 3);
        assert!(msgs[1].1.contains("`01/03/2025` is not a date"), "{msgs:?}");
        assert!(msgs[2].1.contains("comes before"), "{msgs:?}");
    }

    #[test]
    fn checks_denominators_on_p_charts() {
        let (_, d) = run(
            "date,numerator,denominator\n2025-01-01,3,0\n2025-02-01,5,4\n2025-03-01,1,-2\n",
            ChartType::P,
        );
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].message.contains("must be greater than zero"));
        assert_eq!((d[0].line, d[0].col), (2, 14));
        assert!(d[1].message.contains("greater than the denominator"));
        assert!(d[2].message.contains("-2 must be greater than zero"));
    }

    #[test]
    fn allows_repeated_dates_for_subgroups() {
        let (obs, d) = run("date,value\n2025-01-01,3\n2025-01-01,4\n", ChartType::Xbar);
        assert!(d.is_empty());
        assert_eq!(obs.len(), 2);
    }

    #[test]
    fn rejects_denominator_on_other_charts_and_requires_it_on_u() {
        let (_, d) = run("date,value,denominator\n2025-01-01,3,4\n", ChartType::C);
        assert!(d[0].message.contains("only used by p and u"));
        let (_, d) = run("date,value\n2025-01-01,3\n", ChartType::U);
        assert!(d[0].message.contains("needs a `denominator` column"));
    }

    #[test]
    fn locates_a_row_after_blank_lines_on_its_own_line() {
        let (obs, d) = run(
            "date,value\n2025-01-01,3\n\n\n2025-02-01,x\n\r\n2025-03-01,4\n",
            ChartType::I,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].col), (5, 12));
        assert_eq!(d[0].source_line.as_deref(), Some("2025-02-01,x"));
        assert_eq!(obs.last().map(|o| o.line), Some(7));
    }

    /// The csv crate's header and rows (with [`record_line`]'s lines), to compare with.
    fn csv_rows(text: &str) -> (Vec<String>, Vec<(usize, Vec<String>)>) {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header = rdr.headers().unwrap().iter().map(str::to_owned).collect();
        let rows = rdr
            .into_records()
            .map(|r| {
                let r = r.unwrap();
                let line = record_line(text, r.position().unwrap());
                (line, r.iter().map(str::to_owned).collect())
            })
            .collect();
        (header, rows)
    }

    proptest::proptest! {
        /// Wherever the plain splitter reads a CSV, it reads it as the csv crate does.
        #[test]
        fn splits_plain_csv_as_the_csv_crate_does(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "date", "2025-01-06", "12", ",", ", ", " ", "\r", "\n", "\r\n", "\n\n",
                    "é", "\u{a0}", "\t", "\u{2003}", "x y", "\"", "\u{feff}", "#",
                ]),
                0..40,
            )
        ) {
            let text: String = parts.concat();
            if let Some((header, rows)) = split_plain(&text) {
                let (h, r) = csv_rows(&text);
                proptest::prop_assert_eq!(header, h);
                let rows: Vec<(usize, Vec<String>)> = rows
                    .into_iter()
                    .map(|(l, c)| (l, c.into_iter().map(str::to_owned).collect()))
                    .collect();
                proptest::prop_assert_eq!(rows, r);
            }
        }
    }

    #[test]
    fn splits_plain_csv_without_the_csv_crate() {
        assert!(split_plain("date,value\n2025-01-06, 3 \n").is_some());
        assert!(split_plain("date,note\n2025-01-06,\"a, b\"\n").is_none());
        assert!(split_plain("\n\r\n").is_none());
    }

    #[test]
    fn parses_numbers_strictly() {
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("12a"), None);
    }
}
