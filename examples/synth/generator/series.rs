//! Measure data that looks like real QI data: monthly points with binomial, Poisson or
//! normal noise around a level that may shift after a change is adopted, with the odd
//! bad month (a ward closure, an IT outage) noted in the CSV.

use super::rng::Rng;
use super::text::Month;

/// How many monthly points each measure has.
pub const POINTS: usize = 36;

/// One month of a measure.
pub struct Row {
    pub month: Month,
    /// The value (I chart) or the numerator (p and u charts).
    pub value: f64,
    pub denominator: Option<u32>,
    pub note: Option<&'static str>,
}

/// How a measure's level moves over the 36 months.
#[derive(Clone, Copy)]
pub struct Level {
    pub before: f64,
    pub after: f64,
    /// Index of the first point at the new level (`None`: no change).
    pub shift: Option<usize>,
    /// Months over which the level moves from `before` to `after`.
    pub ramp: usize,
}

impl Level {
    fn at(&self, i: usize) -> f64 {
        match self.shift {
            Some(s) if i >= s => {
                let k = (i - s + 1) as f64 / self.ramp.max(1) as f64;
                self.before + (self.after - self.before) * k.min(1.0)
            }
            _ => self.before,
        }
    }
}

/// A bad month: a point pushed in the unfavourable direction, with a note.
#[derive(Clone, Copy)]
pub struct Event {
    pub index: usize,
    pub note: &'static str,
    /// Multiplies the level at that point.
    pub factor: f64,
}

pub const EVENTS: &[&str] = &[
    "Bay closed for 9 days (norovirus)",
    "Electronic record outage for a week",
    "Escalation beds open during winter pressures",
    "Two staff vacancies covered by agency staff",
    "Ward moved to a temporary location during refurbishment",
    "Industrial action affected staffing",
];

/// The 36 monthly rows around `level`, with the event's month pushed by its factor;
/// `draw` turns a month's level into its value and denominator.
fn monthly(
    rng: &mut Rng,
    start: Month,
    level: Level,
    event: Option<Event>,
    mut draw: impl FnMut(&mut Rng, f64) -> (f64, Option<u32>),
) -> Vec<Row> {
    (0..POINTS)
        .map(|i| {
            let mut at = level.at(i);
            let note = event.filter(|e| e.index == i).map(|e| {
                at *= e.factor;
                e.note
            });
            let (value, denominator) = draw(rng, at);
            Row {
                month: start.plus(i as i32),
                value,
                denominator,
                note,
            }
        })
        .collect()
}

/// A p chart series: numerators out of denominators around `level` (a proportion).
pub fn proportion(
    rng: &mut Rng,
    start: Month,
    level: Level,
    denominators: (u32, u32),
    event: Option<Event>,
) -> Vec<Row> {
    let mid = rng.int(i64::from(denominators.0), i64::from(denominators.1)) as f64;
    monthly(rng, start, level, event, |rng, p| {
        let n = (mid * rng.uniform(0.8, 1.2)).round().max(5.0) as u32;
        (f64::from(rng.binomial(n, p.clamp(0.005, 0.995))), Some(n))
    })
}

/// A u chart series: counts over an exposure (bed days), at `level` per `multiplier`.
pub fn rate(
    rng: &mut Rng,
    start: Month,
    level: Level,
    multiplier: f64,
    denominators: (u32, u32),
    event: Option<Event>,
) -> Vec<Row> {
    let mid = rng.int(i64::from(denominators.0), i64::from(denominators.1)) as f64;
    monthly(rng, start, level, event, |rng, r| {
        let n = (mid * rng.uniform(0.9, 1.1)).round().max(1.0) as u32;
        (
            f64::from(rng.poisson(r * f64::from(n) / multiplier)),
            Some(n),
        )
    })
}

/// An I chart series: one value a month, normal noise with coefficient of variation `cv`,
/// rounded to one decimal place.
pub fn individual(
    rng: &mut Rng,
    start: Month,
    level: Level,
    cv: f64,
    event: Option<Event>,
) -> Vec<Row> {
    monthly(rng, start, level, event, |rng, m| {
        let v = (m * (1.0 + cv * rng.normal())).max(0.1);
        ((v * 10.0).round() / 10.0, None)
    })
}

/// The CSV text of a series.
pub fn csv(rows: &[Row]) -> String {
    let notes = rows.iter().any(|r| r.note.is_some());
    let ratio = rows.first().is_some_and(|r| r.denominator.is_some());
    let mut out = String::with_capacity(rows.len() * 24);
    out.push_str(match (ratio, notes) {
        (true, true) => "date,numerator,denominator,note\n",
        (true, false) => "date,numerator,denominator\n",
        (false, true) => "date,value,note\n",
        (false, false) => "date,value\n",
    });
    for r in rows {
        out.push_str(&r.month.day(1));
        out.push(',');
        if ratio {
            out.push_str(&format!("{}", r.value as u64));
            out.push(',');
            out.push_str(&r.denominator.unwrap_or(1).to_string());
        } else {
            out.push_str(&format!("{:.1}", r.value));
        }
        if notes {
            out.push(',');
            out.push_str(r.note.unwrap_or_default());
        }
        out.push('\n');
    }
    out
}

/// The mean plotted value of the points in `range`: Σ numerators ÷ Σ denominators ×
/// `multiplier` for p and u charts, the plain mean for I charts.
pub fn mean(rows: &[Row], range: std::ops::Range<usize>, multiplier: f64) -> f64 {
    let rows = &rows[range];
    let total: f64 = rows.iter().map(|r| r.value).sum();
    match rows.first().and_then(|r| r.denominator) {
        Some(_) => {
            let den: f64 = rows
                .iter()
                .map(|r| f64::from(r.denominator.unwrap_or(1)))
                .sum();
            total / den * multiplier
        }
        None => total / rows.len() as f64,
    }
}
