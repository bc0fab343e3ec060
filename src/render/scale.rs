//! Axes as plain numbers: where the year ticks go, which value range a chart shows, the ticks
//! of a logarithmic loss axis and how their labels read, and the unbroken runs of a series with
//! gaps. Pure functions, so every rule here is unit-tested natively.

use crate::data::YearMonth;
use std::ops::Range;

/// A tick on an axis: its position in data coordinates and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where the tick sits, in the axis' data coordinates.
    pub position: f64,
    /// What is written next to it.
    pub label: String,
}

/// The label of the tick at `x` (a drawing library asks for the labels of the key points it
/// was given), or an empty string when no tick is there.
pub fn label_at(ticks: &[Tick], x: f64) -> String {
    ticks
        .iter()
        .find(|t| (t.position - x).abs() < 1e-9)
        .map(|t| t.label.clone())
        .unwrap_or_default()
}

/// The year steps a time axis may use, smallest first.
const YEAR_STEPS: [i32; 7] = [1, 2, 5, 10, 20, 50, 100];

/// Ticks at the Januaries of a monthly series that starts at `start` and has `n_months` months,
/// labelled with the year; the position is the month's index (0 for `start`).
///
/// Every year is ticked when that gives at most `max_ticks` ticks; otherwise every 2nd, 5th,
/// 10th … year, choosing the years divisible by the step (1950, 1952, … rather than 1949, 1951, …).
/// AirPassengers (1949-01, 144 months) with room for 12 gets 1949 at 0, 1950 at 12, … 1960 at 132.
pub fn year_ticks(start: YearMonth, n_months: usize, max_ticks: usize) -> Vec<Tick> {
    // Index of the first January: 0 if the series starts in January, else the months to the next.
    let first_january = (13 - start.month as usize) % 12;
    if first_january >= n_months {
        return Vec::new();
    }
    let first_year = start.plus(first_january).year;
    let years = (n_months - first_january).div_ceil(12);
    let max_ticks = max_ticks.max(1);
    let step = YEAR_STEPS
        .into_iter()
        .find(|&step| count_multiples(first_year, years, step) <= max_ticks)
        .unwrap_or(YEAR_STEPS[YEAR_STEPS.len() - 1]);
    (0..years)
        .map(|k| (first_january + 12 * k, first_year + k as i32))
        .filter(|&(_, year)| step == 1 || year.rem_euclid(step) == 0)
        .map(|(position, year)| Tick {
            position: position as f64,
            label: year.to_string(),
        })
        .collect()
}

/// How many of the `years` years from `first` a tick every `step` years would mark.
fn count_multiples(first: i32, years: usize, step: i32) -> usize {
    if step == 1 {
        return years;
    }
    (0..years as i32).filter(|k| (first + k).rem_euclid(step) == 0).count()
}

/// The smallest "nice" number (1, 2 or 5 times a power of ten) at least `raw` (> 0).
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let decade = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|&step| step >= raw * (1.0 - 1e-12))
        .unwrap_or(10.0 * decade)
}

/// A linear axis: from `lo` to `hi`, with ticks every `step`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisRange {
    /// The lower end, a multiple of `step`.
    pub lo: f64,
    /// The upper end, a multiple of `step`.
    pub hi: f64,
    /// The distance between ticks.
    pub step: f64,
}

impl AxisRange {
    /// The tick positions `lo, lo + step, …, hi`.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as usize;
        (0..=n).map(|k| self.lo + k as f64 * self.step).collect()
    }
}

/// The value axis of a chart of `values` (non-finite ones are skipped): their range padded by
/// 5 % on each side, widened to whole steps of a nice size giving about `target_ticks` ticks.
/// `None` when no value is finite.
///
/// The forecast chart takes this from the actual series only, so the axis stays still while
/// the predictions move; a wild early prediction is clipped at the edge instead of squashing
/// the truth. AirPassengers (104 … 622) with 6 ticks gets 0 … 700 in steps of 100.
pub fn value_range(values: &[f64], target_ticks: usize) -> Option<AxisRange> {
    let (lo, hi) = finite_extent(values)?;
    let (lo, hi) = if hi > lo {
        let pad = 0.05 * (hi - lo);
        (lo - pad, hi + pad)
    } else {
        let pad = if lo == 0.0 { 1.0 } else { 0.1 * lo.abs() };
        (lo - pad, hi + pad)
    };
    let step = nice_step((hi - lo) / target_ticks.max(1) as f64);
    Some(AxisRange {
        lo: (lo / step).floor() * step,
        hi: (hi / step).ceil() * step,
        step,
    })
}

/// The smallest and largest finite values, or `None` when there are none.
pub fn finite_extent(values: &[f64]) -> Option<(f64, f64)> {
    values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// The exponent range of a logarithmic axis for `values` (only finite, positive ones count):
/// `(⌊log₁₀ min⌋, ⌈log₁₀ max⌉)`, whole decades, at least one decade wide. `None` when no value
/// counts.
pub fn log_range(values: &[f64]) -> Option<(f64, f64)> {
    let positive: Vec<f64> = values.iter().copied().filter(|v| v.is_finite() && *v > 0.0).collect();
    let (lo, hi) = finite_extent(&positive)?;
    let lo = lo.log10().floor();
    let hi = hi.log10().ceil().max(lo + 1.0);
    Some((lo, hi))
}

/// The ticks of a logarithmic axis from 10^`lo` to 10^`hi` (whole exponents), positioned by
/// exponent: every decade; and when the axis spans at most two decades, 2× and 5× each decade
/// as well, so a short axis still has several labels. Labels read as plain decimals
/// ([`format_tick`]).
pub fn log_ticks(lo: f64, hi: f64) -> Vec<Tick> {
    let (lo, hi) = (lo.round() as i32, hi.round() as i32);
    let multipliers: &[f64] = if hi - lo <= 2 { &[1.0, 2.0, 5.0] } else { &[1.0] };
    let mut ticks = Vec::new();
    for exponent in lo..=hi {
        for &m in multipliers {
            if exponent == hi && m > 1.0 {
                break;
            }
            let value = m * 10f64.powi(exponent);
            ticks.push(Tick {
                position: value.log10(),
                label: format_tick(value),
            });
        }
    }
    ticks
}

/// A tick value as a person writes it: `500`, `2`, `0.5`, `0.02`, `0.001`; below 0.0001 in
/// scientific form (`2e-5`).
pub fn format_tick(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    let magnitude = value.abs().log10().floor() as i32;
    if magnitude < -4 {
        let mantissa = value / 10f64.powi(magnitude);
        return format!("{}e{magnitude}", trim_zeros(&format!("{mantissa:.2}")));
    }
    let decimals = (-magnitude).max(0) as usize + 2;
    trim_zeros(&format!("{value:.decimals$}"))
}

/// `"0.0200"` → `"0.02"`, `"5.00"` → `"5"`.
fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
    }
}

/// The end of the epoch axis of the loss chart after `epochs` epochs: the smallest of 10, 20,
/// 50, 100, 200, 500, 1000, … that holds them all, so the axis steps out rarely rather than
/// moving every epoch.
pub fn epoch_axis_max(epochs: usize) -> usize {
    let mut decade: usize = 10;
    loop {
        for m in [1, 2, 5] {
            let end = m * decade;
            if end >= epochs {
                return end;
            }
        }
        match decade.checked_mul(10) {
            Some(next) if next.checked_mul(5).is_some() => decade = next,
            _ => return epochs,
        }
    }
}

/// The unbroken runs of finite values: index ranges between NaNs (or other non-finite values).
/// A line is drawn per run, so a gap in the data is a gap in the line, not a drop to zero.
pub fn finite_runs(values: &[f64]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, v) in values.iter().enumerate() {
        match (v.is_finite(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..values.len());
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    fn positions(ticks: &[Tick]) -> Vec<f64> {
        ticks.iter().map(|t| t.position).collect()
    }

    const JAN_1949: YearMonth = YearMonth { year: 1949, month: 1 };

    #[test]
    fn air_passengers_gets_a_tick_at_every_january_from_1949_to_1960() {
        let ticks = year_ticks(JAN_1949, 144, 12);
        assert_eq!(
            labels(&ticks),
            ["1949", "1950", "1951", "1952", "1953", "1954", "1955", "1956", "1957", "1958", "1959", "1960"]
        );
        let expected: Vec<f64> = (0..12).map(|k| 12.0 * k as f64).collect();
        assert_eq!(positions(&ticks), expected);
    }

    #[test]
    fn a_narrow_chart_ticks_every_second_year_on_even_years() {
        let ticks = year_ticks(JAN_1949, 144, 6);
        assert_eq!(labels(&ticks), ["1950", "1952", "1954", "1956", "1958", "1960"]);
        assert_eq!(ticks[0].position, 12.0);
    }

    #[test]
    fn a_series_starting_mid_year_is_ticked_at_its_first_january() {
        // 1949-11, 1949-12, then 1950-01 at index 2.
        let ticks = year_ticks(YearMonth { year: 1949, month: 11 }, 30, 10);
        assert_eq!(labels(&ticks), ["1950", "1951", "1952"]);
        assert_eq!(positions(&ticks), [2.0, 14.0, 26.0]);
    }

    #[test]
    fn a_series_with_no_january_has_no_year_ticks() {
        assert!(year_ticks(YearMonth { year: 2000, month: 3 }, 5, 10).is_empty());
        assert!(year_ticks(JAN_1949, 0, 10).is_empty());
    }

    #[test]
    fn a_long_series_steps_out_to_decades() {
        let ticks = year_ticks(YearMonth { year: 1901, month: 1 }, 12 * 100, 12);
        assert_eq!(ticks.len(), 10);
        assert_eq!(ticks[0].label, "1910");
        assert!(ticks.iter().all(|t| t.label.ends_with('0')));
    }

    #[test]
    fn a_tick_label_is_found_by_its_position() {
        let ticks = year_ticks(JAN_1949, 144, 12);
        assert_eq!(label_at(&ticks, 12.0), "1950");
        assert_eq!(label_at(&ticks, 13.0), "");
    }

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(86.0), 100.0);
        assert_eq!(nice_step(100.0), 100.0);
        assert_eq!(nice_step(101.0), 200.0);
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(0.0012), 0.002);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(f64::NAN), 1.0);
    }

    #[test]
    fn the_air_passengers_value_axis_runs_from_0_to_700() {
        let range = value_range(&crate::data::AIR_PASSENGERS, 6).unwrap();
        // 104 … 622 padded by 25.9 → 78.1 … 647.9; step nice(570/6 = 95) = 100.
        assert_eq!(
            range,
            AxisRange {
                lo: 0.0,
                hi: 700.0,
                step: 100.0
            }
        );
        assert_eq!(range.ticks(), [0.0, 100.0, 200.0, 300.0, 400.0, 500.0, 600.0, 700.0]);
    }

    #[test]
    fn the_value_axis_skips_gaps_and_survives_a_constant_series() {
        let range = value_range(&[f64::NAN, 3.0, f64::INFINITY, 7.0], 4).unwrap();
        assert!(range.lo <= 3.0 && range.hi >= 7.0);
        let flat = value_range(&[5.0, 5.0], 4).unwrap();
        assert!(flat.lo < 5.0 && flat.hi > 5.0);
        let zero = value_range(&[0.0], 4).unwrap();
        assert!(zero.lo < 0.0 && zero.hi > 0.0);
        assert_eq!(value_range(&[f64::NAN], 4), None);
        assert_eq!(value_range(&[], 4), None);
    }

    #[test]
    fn log_ranges_are_whole_decades_around_the_positive_values() {
        assert_eq!(log_range(&[0.9, 0.05, 0.012]), Some((-2.0, 0.0)));
        assert_eq!(log_range(&[0.5]), Some((-1.0, 0.0)));
        // Exactly a power of ten still gets a decade of room.
        assert_eq!(log_range(&[1.0]), Some((0.0, 1.0)));
        assert_eq!(log_range(&[0.0, -1.0, f64::NAN]), None);
    }

    #[test]
    fn a_short_log_axis_has_ticks_at_one_two_and_five() {
        let ticks = log_ticks(-2.0, 0.0);
        assert_eq!(labels(&ticks), ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"]);
        assert!((ticks[1].position - 0.02f64.log10()).abs() < 1e-12);
        assert_eq!(ticks.last().unwrap().position, 0.0);
    }

    #[test]
    fn a_long_log_axis_has_ticks_at_the_decades_only() {
        let ticks = log_ticks(-5.0, 1.0);
        assert_eq!(labels(&ticks), ["1e-5", "0.0001", "0.001", "0.01", "0.1", "1", "10"]);
        assert_eq!(positions(&ticks), [-5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0]);
    }

    #[test]
    fn tick_labels_read_as_plain_decimals() {
        assert_eq!(format_tick(500.0), "500");
        assert_eq!(format_tick(2.0), "2");
        assert_eq!(format_tick(0.5), "0.5");
        assert_eq!(format_tick(0.02), "0.02");
        assert_eq!(format_tick(0.001), "0.001");
        assert_eq!(format_tick(0.00002), "2e-5");
        assert_eq!(format_tick(0.0), "0");
    }

    #[test]
    fn the_epoch_axis_steps_out_at_10_20_50_100() {
        assert_eq!(epoch_axis_max(0), 10);
        assert_eq!(epoch_axis_max(10), 10);
        assert_eq!(epoch_axis_max(11), 20);
        assert_eq!(epoch_axis_max(21), 50);
        assert_eq!(epoch_axis_max(51), 100);
        assert_eq!(epoch_axis_max(101), 200);
        assert_eq!(epoch_axis_max(500), 500);
        assert_eq!(epoch_axis_max(501), 1000);
        assert_eq!(epoch_axis_max(1001), 2000);
    }

    #[test]
    fn runs_split_at_gaps() {
        let nan = f64::NAN;
        assert_eq!(finite_runs(&[nan, 1.0, 2.0, nan, 3.0]), [1..3, 4..5]);
        assert_eq!(finite_runs(&[1.0, 2.0]), vec![std::ops::Range { start: 0, end: 2 }]);
        assert!(finite_runs(&[nan, nan]).is_empty());
        assert!(finite_runs(&[]).is_empty());
    }
}
