//! The selection that chooses the defaults: it cuts the series first and never reads a month
//! after the cut.

use lstm_conveyor::data::{Series, YearMonth};
use lstm_conveyor::model::OptimizerKind;
use lstm_conveyor::select::{cut, score, select, Candidate, Plan, Stage};
use lstm_conveyor::train::{TrainConfig, DEFAULT_EPOCHS};

fn month(year: i32, month: u32) -> YearMonth {
    YearMonth::new(year, month).unwrap()
}

/// A small version of the real plan: two folds, one seed, two stages of two candidates, a
/// tiny network, so that it runs in a second or two.
fn small_plan() -> Plan {
    let mut start = Candidate::start();
    start.hidden = 4;
    start.epochs = 15;
    Plan {
        folds: vec![1957, 1958],
        seeds: vec![1],
        start,
        stages: vec![
            Stage {
                name: "optimizer",
                variants: vec![
                    Box::new(|c: &Candidate| c.clone()),
                    Box::new(|c: &Candidate| Candidate {
                        optimizer: OptimizerKind::Adam,
                        learning_rate: 0.01,
                        ..c.clone()
                    }),
                ],
            },
            Stage {
                name: "early stopping, ensemble",
                variants: vec![
                    Box::new(|c: &Candidate| Candidate {
                        early_stopping: true,
                        ..c.clone()
                    }),
                    Box::new(|c: &Candidate| Candidate {
                        ensemble: 2,
                        ..c.clone()
                    }),
                ],
            },
        ],
        threads: 2,
    }
}

#[test]
fn the_cut_keeps_the_months_up_to_the_last_allowed_one() {
    let series = Series::air_passengers();
    let seen = cut(&series, month(1958, 12)).unwrap();
    assert_eq!(seen.len(), 120);
    assert_eq!(*seen.months.last().unwrap(), month(1958, 12));
    assert_eq!(seen.values[..], series.values[..120]);
    let error = cut(&series, month(1961, 1)).unwrap_err();
    assert!(error.contains("1961-01") && error.contains("1960-12"), "{error}");
}

/// The proof of the cut: a selection on AirPassengers cut at 1958-12 gives exactly the same
/// table when every value of 1959–60 is replaced by nonsense, and reports that no trainer was
/// ever given a month after 1958-12.
#[test]
fn no_month_after_the_cut_reaches_the_trainer() {
    let series = Series::air_passengers();
    // NaN, which no trainer accepts (Series::new would refuse it; the fields are public), so
    // any read of 1959–60 would show as an error or a NaN score, not just as other numbers.
    let mut poisoned = series.clone();
    for v in poisoned.values.iter_mut().skip(120) {
        *v = f64::NAN;
    }
    let plan = small_plan();
    let mut rows = 0;
    let honest = select(&series, month(1958, 12), &plan, &mut |_| rows += 1).unwrap();
    let again = select(&poisoned, month(1958, 12), &plan, &mut |_| {}).unwrap();
    assert_eq!(rows, 4);
    assert_eq!(honest, again);
    assert!(honest.last_month_trained_or_scored <= month(1958, 12));
    assert_eq!(honest.last_month_trained_or_scored, month(1958, 12));
    assert!(honest
        .rows
        .iter()
        .all(|r| r.score.median.is_finite() && r.score.median > 0.0));
    // The report ends with the chosen settings as flags.
    let report = honest.report(&plan.folds);
    assert_eq!(report.lines().last().unwrap(), honest.chosen.flags());
    // And moving the cut a year earlier changes the scores of the 1958 fold: it is refused.
    let error = select(&series, month(1957, 12), &plan, &mut |_| {}).unwrap_err();
    assert!(error.contains("1958"), "{error}");
}

/// Each fold is cut at the end of its own year: the 1956 fold scores the same when 1957–58 are
/// nonsense (the selection's own cut at 1958-12 is a second, separate guard).
#[test]
fn each_fold_sees_nothing_after_its_own_year() {
    let series = Series::air_passengers();
    let mut plan = small_plan();
    plan.folds = vec![1956];
    let mut later_poisoned = series.clone();
    for v in later_poisoned.values.iter_mut().skip(96) {
        *v = f64::NAN;
    }
    let candidate = plan.start.clone();
    let (honest, last) = score(&series, &candidate, &plan);
    let (again, last_again) = score(&later_poisoned, &candidate, &plan);
    assert!(honest.median.is_finite());
    assert_eq!(honest, again);
    assert_eq!(last, Some(month(1956, 12)));
    assert_eq!(last_again, last);
}

/// The shipped defaults are the last line the full selection printed: FORECAST.md keeps that
/// run's output, and the defaults must say the same flags.
#[test]
fn the_shipped_defaults_are_the_selections_last_line() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/FORECAST.md")).unwrap();
    let start = text
        .find("<!-- selection output -->")
        .expect("FORECAST.md keeps the selection's output");
    let block = &text[start..];
    let block = &block[block.find("```text").unwrap() + 7..];
    let block = &block[..block.find("```").unwrap()];
    let last = block.trim().lines().last().unwrap().trim();
    let defaults = TrainConfig::default();
    assert_eq!(Candidate::of(&defaults, DEFAULT_EPOCHS).flags(), last);
}
