//! The long-memory example series (`examples::long_memory_series`): what its recipe promises,
//! checked on the numbers the page ships. `cargo run --release --example long_memory` trains
//! the cells on it (LONG_MEMORY.md).

use lstm_conveyor::data::{DataConfig, Dataset, Layout, Transform};
use lstm_conveyor::examples::{
    find_example, long_memory_series, LONG_MEMORY_AMPLITUDE, LONG_MEMORY_LAG, LONG_MEMORY_LEVEL, LONG_MEMORY_MONTHS,
    LONG_MEMORY_PERSISTENCE,
};

/// The sample correlation of `values[t]` with `values[t − lag]`.
fn autocorrelation(values: &[f64], lag: usize) -> f64 {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>();
    let cov = (lag..values.len())
        .map(|t| (values[t] - mean) * (values[t - lag] - mean))
        .sum::<f64>();
    cov / var
}

fn rmse(predicted: impl Iterator<Item = f64>, actual: &[f64]) -> f64 {
    let sq: f64 = predicted.zip(actual).map(|(p, a)| (p - a).powi(2)).sum();
    (sq / actual.len() as f64).sqrt()
}

#[test]
fn the_series_is_the_same_every_time_and_is_the_shipped_example() {
    let values = long_memory_series();
    assert_eq!(values, long_memory_series());
    assert_eq!(values.len(), LONG_MEMORY_MONTHS);
    let example = find_example("long_memory").expect("the example is bundled");
    assert_eq!(example.series().values, values);
    // Positive, so every transform and every baseline of the page takes it; one decimal.
    assert!(values.iter().all(|&v| v > 0.0), "{values:?}");
    assert!(values.iter().all(|&v| (v * 10.0).round() / 10.0 == v));
}

/// x_t − 100 = ρ (x_{t−30} − 100) + 20 √(1 − ρ²) e_t with |e_t| ≤ 1: each value is within the
/// fresh noise (±6.2) of what the value 30 months back predicts, up to the rounding of both.
#[test]
fn each_value_follows_the_value_thirty_months_back_within_the_noise_bound() {
    let values = long_memory_series();
    let rho = LONG_MEMORY_PERSISTENCE;
    let bound = LONG_MEMORY_AMPLITUDE * (1.0 - rho * rho).sqrt() + 0.05 * (1.0 + rho) + 1e-9;
    let mut largest: f64 = 0.0;
    for t in LONG_MEMORY_LAG..values.len() {
        let predicted = LONG_MEMORY_LEVEL + rho * (values[t - LONG_MEMORY_LAG] - LONG_MEMORY_LEVEL);
        let miss = (values[t] - predicted).abs();
        assert!(miss <= bound, "t={t}: {} vs {predicted}", values[t]);
        largest = largest.max(miss);
    }
    // The bound is not loose: the noise comes close to it somewhere.
    assert!(largest > 0.8 * bound, "{largest} of {bound}");
}

/// The memory sits at lag 30: x_t correlates with x_{t−30} far more than with any of the 29
/// months in between. The draws are independent, so in the process those correlations are 0;
/// in these 360 months the 30 first draws' chance correlations repeat with the pattern, up to
/// 0.25 (lag 11; each such month explains at most 6 % of the variance). At lag 30 the sample
/// autocorrelation, 330 products over 360 squares, is near ρ · 330/360 ≈ 0.87 (0.84 here).
#[test]
fn only_the_month_a_window_back_tells_the_next_one() {
    let values = long_memory_series();
    let at_lag = autocorrelation(&values, LONG_MEMORY_LAG);
    assert!(at_lag > 0.8, "lag 30: {at_lag}");
    for lag in 1..LONG_MEMORY_LAG {
        let r = autocorrelation(&values, lag);
        assert!(r.abs() < 0.3, "lag {lag}: {r}");
    }
}

/// On the page's test part (the last 24 months) the value 30 months back forecasts the next
/// month with a third of the error of the mean or of last month repeated: what a network with
/// a 30-month window can reach if it remembers its first step.
#[test]
fn on_the_test_months_the_value_a_window_back_beats_the_trivial_forecasts() {
    let series = find_example("long_memory").unwrap().series();
    let config = DataConfig {
        window: LONG_MEMORY_LAG,
        layout: Layout::Sequence,
        transform: Transform::MinMax,
        test_start: None,
    };
    let data = Dataset::prepare(&series, &config).unwrap();
    let start = data.test_start;
    assert_eq!(series.len() - start, 24);
    let values = &series.values;
    let actual = &values[start..];
    let mean = values[..start].iter().sum::<f64>() / start as f64;
    let by_mean = rmse((start..values.len()).map(|_| mean), actual);
    let by_last = rmse((start..values.len()).map(|t| values[t - 1]), actual);
    let by_lag = rmse((start..values.len()).map(|t| values[t - LONG_MEMORY_LAG]), actual);
    assert!(
        by_lag < by_mean / 2.5 && by_lag < by_last / 2.5,
        "{by_lag} {by_mean} {by_last}"
    );
}
