//! Native integration tests of the engine: training on the series, determinism, the trace,
//! divergence, and bad input.

use lstm_conveyor::baselines::{self, BaselineKind};
use lstm_conveyor::data::{Layout, Series, Transform, YearMonth};
use lstm_conveyor::model::{CellKind, OptimizerKind, ParamSet};
use lstm_conveyor::train::{ModelConfig, Regressor, TrainConfig, TrainError, Trainer, DEFAULT_EPOCHS};

/// A small network on a 12-month window, one member: the defaults otherwise (the tests below
/// count on the window of 12).
fn small(transform: Transform, layout: Layout) -> TrainConfig {
    let defaults = TrainConfig::default();
    TrainConfig {
        transform,
        model: ModelConfig {
            layout,
            hidden: 8,
            window: 12,
            ..defaults.model
        },
        ensemble: 1,
        ..defaults
    }
}

/// A change to the default settings, and a word its error message must contain.
type BadSetting = (&'static str, fn(&mut TrainConfig));

#[test]
fn training_lowers_the_loss_for_every_transform_and_layout() {
    let series = Series::air_passengers();
    for transform in Transform::ALL {
        for layout in [Layout::Sequence, Layout::Flat] {
            let mut trainer = Trainer::new(&series, small(transform, layout)).unwrap();
            let first = trainer.train_epoch().unwrap().train_loss;
            for _ in 0..60 {
                trainer.train_epoch().unwrap();
            }
            let last = trainer.history().last().unwrap().train_loss;
            assert!(last < 0.8 * first, "{transform} {layout:?}: loss {first} -> {last}");
        }
    }
}

/// The one engine trains each cell: the same trainer, ensemble and early stopping included, on
/// AirPassengers, and the loss falls.
#[test]
fn every_cell_trains_on_the_series() {
    let series = Series::air_passengers();
    for cell in CellKind::ALL {
        for layout in [Layout::Sequence, Layout::Flat] {
            let mut config = small(Transform::SeasonalLogDiff, layout);
            config.model.cell = cell;
            config.model.layers = 2;
            let mut trainer = Trainer::new(&series, config).unwrap();
            assert_eq!(trainer.regressor().network().config().cell, cell);
            let first = trainer.train_epoch().unwrap().train_loss;
            for _ in 0..60 {
                trainer.train_epoch().unwrap();
            }
            let last = trainer.history().last().unwrap().train_loss;
            assert!(last < 0.8 * first, "{cell} {layout:?}: loss {first} -> {last}");
            let e = trainer.evaluate();
            assert!(e.test.rmse.is_finite(), "{cell} {layout:?}");
        }
    }
}

/// Each cell hands the trace its rows by name; ‖∂L/∂h_t‖ is there for every cell and
/// ‖∂L/∂c_t‖ for the LSTM only.
#[test]
fn the_trace_holds_each_cells_named_rows() {
    let series = Series::air_passengers();
    let expected: [(CellKind, &[&str]); 3] = [
        (
            CellKind::Lstm,
            &[
                "input_gate",
                "forget_gate",
                "cell_gate",
                "output_gate",
                "cell",
                "hidden",
            ],
        ),
        (CellKind::Gru, &["reset_gate", "update_gate", "new_gate", "hidden"]),
        (CellKind::Rnn, &["hidden"]),
    ];
    for (cell, names) in expected {
        let mut config = small(Transform::SeasonalLogDiff, Layout::Sequence);
        config.model.cell = cell;
        config.model.layers = 2;
        let t = Trainer::new(&series, config).unwrap();
        let trace = t.trace(0).unwrap();
        assert_eq!(trace.cell, cell, "the trace names the cell that made it");
        assert_eq!(cell.row_names(), names);
        for layer in &trace.layers {
            let found: Vec<&str> = layer.rows.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(found, names, "{cell}");
            let n = trace.steps * layer.d_hidden;
            assert!(layer.rows.iter().all(|(_, v)| v.len() == n), "{cell}");
            assert_eq!(layer.row("hidden").unwrap(), layer.hidden.as_slice());
            assert_eq!(layer.d_hidden_norm.len(), trace.steps);
            assert!(layer.d_hidden_norm.iter().all(|g| g.is_finite() && *g > 0.0));
            let cells = if cell.has_cell_state() { trace.steps } else { 0 };
            assert_eq!(layer.d_cell_norm.len(), cells, "{cell}");
        }
        assert_eq!(trace.layers[1].input, trace.layers[0].hidden);
    }
}

/// The shipped defaults with seed 1, scored on 1959–60 once they are chosen (FORECAST.md has
/// seeds 1–5: one-step 19.3–26.7, median 20.5; recursive 52–90, median 82.8). Seed 1 reaches
/// 19.6 one-step and 65.9 recursive: better than seasonal naive on both (49.99 / 76.99), and —
/// said plainly — worse than AR(12) on logs (17.69 / 24.96), which the test also computes.
#[test]
fn defaults_forecast_1959_60_against_the_baselines() {
    let series = Series::air_passengers();
    let mut trainer = Trainer::new(&series, TrainConfig::default()).unwrap();
    for _ in 0..DEFAULT_EPOCHS {
        trainer.train_epoch().unwrap();
    }
    let e = trainer.evaluate();
    let (fitted, _) = baselines::fit_all(&series.values, trainer.dataset().test_start);
    let naive = fitted.iter().find(|b| b.kind == BaselineKind::SeasonalNaive).unwrap();
    let ar12 = fitted.iter().find(|b| b.kind == BaselineKind::Ar12Log).unwrap();
    assert!(e.test.rmse < 22.0, "one-step test RMSE {}", e.test.rmse);
    assert!(e.test.rmse < naive.test.rmse && e.recursive_test.rmse < naive.recursive_test.rmse);
    assert!(e.recursive_test.rmse < 70.0, "recursive RMSE {}", e.recursive_test.rmse);
    // Where it stands against the linear model, so that a change that overtakes it is noticed
    // and the README and FORECAST.md are updated with it.
    assert!(
        e.test.rmse > ar12.test.rmse,
        "the defaults now beat AR(12) one-step ({} < {}): update FORECAST.md and the README",
        e.test.rmse,
        ar12.test.rmse
    );
}

#[test]
fn the_same_seed_gives_the_same_weights_and_losses() {
    let series = Series::air_passengers();
    let mut config = small(Transform::SeasonalLogDiff, Layout::Sequence);
    config.model.batch_size = Some(16); // shuffled mini-batches, so the shuffle is covered too
    let run = |config: TrainConfig| {
        let mut t = Trainer::new(&series, config).unwrap();
        let losses: Vec<f64> = (0..15).map(|_| t.train_epoch().unwrap().train_loss).collect();
        let weights: Vec<Vec<f32>> = t
            .regressor()
            .network()
            .params
            .tensors()
            .iter()
            .map(|t| t.to_vec())
            .collect();
        (losses, weights)
    };
    let a = run(config.clone());
    let b = run(config.clone());
    assert_eq!(a, b);
    config.model.seed = 2;
    let c = run(config);
    assert_ne!(a.0, c.0, "another seed gives another run");
}

#[test]
fn reset_replays_the_same_run() {
    let series = Series::air_passengers();
    let mut t = Trainer::new(&series, small(Transform::LogDiff, Layout::Sequence)).unwrap();
    let first: Vec<f64> = (0..5).map(|_| t.train_epoch().unwrap().train_loss).collect();
    t.reset(t.config().model.seed);
    assert_eq!(t.epoch(), 0);
    let again: Vec<f64> = (0..5).map(|_| t.train_epoch().unwrap().train_loss).collect();
    assert_eq!(first, again);
}

#[test]
fn a_diverging_epoch_changes_nothing() {
    let series = Series::air_passengers();
    let mut config = small(Transform::MinMax, Layout::Flat);
    config.model.learning_rate = 50.0;
    let mut t = Trainer::new(&series, config).unwrap();
    let mut error = None;
    for _ in 0..20 {
        let before = (t.regressor().network().params.clone(), t.history().to_vec());
        match t.train_epoch() {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(t.regressor().network().params, before.0, "weights restored");
                assert_eq!(t.history(), &before.1[..], "history unchanged");
                error = Some(e);
                break;
            }
        }
    }
    let error = error.expect("a learning rate of 50 diverges within 20 epochs");
    assert!(matches!(error, TrainError::Diverged { .. }));
    assert!(error.to_string().contains("smaller learning rate"), "{error}");
    // A sensible learning rate trains on from the restored state.
    t.set_learning_rate(0.05).unwrap();
    t.set_optimizer(OptimizerKind::Adam);
    assert!(t.train_epoch().is_ok());
}

#[test]
fn trace_decomposes_the_cell_state() {
    let series = Series::air_passengers();
    let mut config = small(Transform::SeasonalLogDiff, Layout::Sequence);
    config.model.layers = 2;
    let mut t = Trainer::new(&series, config).unwrap();
    for _ in 0..5 {
        t.train_epoch().unwrap();
    }
    let row = t.dataset().n_train - 1;
    let trace = t.trace(row).unwrap();
    assert_eq!(trace.steps, 12);
    assert_eq!(trace.layers.len(), 2);
    assert_eq!(trace.target_month, t.dataset().target_month[row]);
    for layer in &trace.layers {
        let n = trace.steps * layer.d_hidden;
        assert_eq!(layer.cell.len(), n);
        for k in 0..n {
            // k_t + j_t = c_t and h_t = o_t ⊙ tanh(c_t), against the forward pass's own states.
            assert!((layer.kept[k] + layer.added[k] - layer.cell[k]).abs() < 1e-6);
            assert!((layer.output_gate[k] * layer.cell[k].tanh() - layer.hidden[k]).abs() < 1e-6);
            assert!((layer.forget_gate[k] * layer.cell_prev[k] - layer.kept[k]).abs() < 1e-6);
            assert!((0.0..=1.0).contains(&layer.forget_gate[k]));
        }
        // The belt: c_{t−1} at step t is c_t of step t−1, and starts empty.
        for u in 0..layer.d_hidden {
            assert_eq!(layer.cell_prev[u], 0.0);
            for s in 1..trace.steps {
                assert_eq!(
                    layer.cell_prev[s * layer.d_hidden + u],
                    layer.cell[(s - 1) * layer.d_hidden + u]
                );
            }
        }
        assert_eq!(layer.d_cell_norm.len(), trace.steps);
        assert!(layer.d_hidden_norm.iter().all(|g| g.is_finite() && *g > 0.0));
    }
    // Layer 1 reads layer 0's hidden states.
    assert_eq!(trace.layers[1].input, trace.layers[0].hidden);
    assert!((trace.actual_raw - series.values[trace.target_month] as f32).abs() < 1e-3);
    assert!(t.trace(t.dataset().n_windows()).is_err());
}

#[test]
fn recursive_forecast_starts_where_the_one_step_forecast_does() {
    let series = Series::air_passengers();
    let mut t = Trainer::new(&series, small(Transform::SeasonalLogDiff, Layout::Sequence)).unwrap();
    for _ in 0..20 {
        t.train_epoch().unwrap();
    }
    let e = t.evaluate();
    let test_start = t.dataset().test_start;
    assert_eq!(test_start, 120);
    // The first test month's window is all true history, so both forecasts agree there.
    assert_eq!(e.recursive[test_start], e.one_step[test_start]);
    assert!(e.recursive[..test_start].iter().all(|v| v.is_nan()));
    assert!(e.recursive[test_start..].iter().all(|v| v.is_finite()));
    // Seasonal log-differences need 12 + 12 months before the first window's target.
    assert!(e.one_step[..24].iter().all(|v| v.is_nan()));
    assert!(e.one_step[24..].iter().all(|v| v.is_finite()));
    assert_eq!(e.recursive.len(), 144);
}

#[test]
fn the_article_fit_and_predict() {
    // Windows of a sine wave; fit for 200 steps of 8 windows and predict the next value.
    let window = 6;
    let wave: Vec<f64> = (0..80).map(|t| (t as f64 * 0.4).sin() * 0.5 + 0.5).collect();
    let mut x = Vec::new();
    let mut y = Vec::new();
    for t in window..wave.len() {
        x.extend_from_slice(&wave[t - window..t]);
        y.push(wave[t]);
    }
    let mut config = ModelConfig::article();
    config.window = window;
    config.hidden = 10;
    config.learning_rate = 0.1;
    let mut r = Regressor::new(config).unwrap();
    let losses = r.fit(&x, &y, 8, 300).unwrap();
    assert_eq!(losses.len(), 300);
    let early: f64 = losses[..20].iter().sum::<f64>() / 20.0;
    let late: f64 = losses[280..].iter().sum::<f64>() / 20.0;
    assert!(late < 0.3 * early, "{early} -> {late}");
    let p = r.predict(&x).unwrap();
    assert_eq!(p.len(), y.len());
    let mse = p.iter().zip(&y).map(|(a, b)| (a - b).powi(2)).sum::<f64>() / y.len() as f64;
    assert!(mse < 0.01, "fit MSE {mse}");
    // Bad shapes are errors, not panics.
    assert!(matches!(r.predict(&x[..5]), Err(TrainError::Input(_))));
    assert!(matches!(r.fit(&x, &y[..3], 8, 1), Err(TrainError::Input(_))));
    assert!(r.predict(&[f64::NAN; 6]).is_err());
}

#[test]
fn bad_settings_and_series_are_errors_not_panics() {
    let series = Series::air_passengers();
    let cases: [BadSetting; 8] = [
        ("hidden", |c| c.model.hidden = 0),
        ("hidden", |c| c.model.hidden = 100_000),
        ("layers", |c| c.model.layers = 5),
        ("window", |c| c.model.window = 0),
        ("learning rate", |c| c.model.learning_rate = -1.0),
        ("learning rate", |c| c.model.learning_rate = f64::NAN),
        ("batch size", |c| c.model.batch_size = Some(0)),
        ("clipping", |c| c.model.clip_norm = Some(0.0)),
    ];
    for (name, change) in cases {
        let mut config = TrainConfig::default();
        change(&mut config);
        let error = Trainer::new(&series, config).unwrap_err().to_string();
        assert!(error.contains(name), "{name}: {error}");
    }
    // Too short for the window.
    let short = Series::new("short", YearMonth { year: 2000, month: 1 }, vec![1.0; 10]).unwrap();
    assert!(Trainer::new(&short, TrainConfig::default()).is_err());
    // Non-positive values under a log transform.
    let mut values = series.values.clone();
    values[30] = 0.0;
    let zero = Series::new("zero", YearMonth { year: 1949, month: 1 }, values).unwrap();
    let error = Trainer::new(&zero, small(Transform::LogDiff, Layout::Sequence)).unwrap_err();
    assert!(error.to_string().contains("1951-07"), "{error}");
    assert!(Trainer::new(&zero, small(Transform::MinMax, Layout::Sequence)).is_ok());
    // Non-finite values never make a series.
    assert!(Series::new("nan", YearMonth { year: 1949, month: 1 }, vec![1.0, f64::NAN, 2.0]).is_err());
}

#[test]
fn optimizer_and_learning_rate_change_without_a_reset() {
    let series = Series::air_passengers();
    let mut t = Trainer::new(&series, small(Transform::LogDiff, Layout::Sequence)).unwrap();
    t.train_epoch().unwrap();
    let weights = t.regressor().network().params.clone();
    t.set_optimizer(OptimizerKind::Adam);
    t.set_learning_rate(0.01).unwrap();
    assert_eq!(t.regressor().network().params, weights);
    assert!(t.set_learning_rate(0.0).is_err());
    assert_eq!(t.epoch(), 1);
    t.train_epoch().unwrap();
    assert_eq!(t.epoch(), 2);
}

/// With SGD the first update is θ ← θ − lr·g, so clipping g to norm c bounds the change of the
/// weights by lr·c; without clipping the same epoch moves them much further.
#[test]
fn gradient_clipping_bounds_the_update() {
    let series = Series::air_passengers();
    let change = |clip: Option<f64>| {
        let mut config = small(Transform::MinMax, Layout::Sequence);
        config.model.optimizer = OptimizerKind::Sgd;
        config.model.learning_rate = 0.1;
        config.model.clip_norm = clip;
        let mut t = Trainer::new(&series, config).unwrap();
        let before = t.regressor().network().params.clone();
        t.train_epoch().unwrap();
        let after = &t.regressor().network().params;
        let squares: f64 = before
            .tensors()
            .iter()
            .zip(after.tensors())
            .flat_map(|(a, b)| a.iter().zip(b).map(|(x, y)| ((x - y) as f64).powi(2)))
            .sum();
        squares.sqrt()
    };
    let clipped = change(Some(1e-3));
    assert!(clipped <= 0.1 * 1e-3 * 1.001, "clipped update {clipped}");
    assert!(clipped > 0.0);
    assert!(change(None) > 10.0 * clipped);
}

/// Member k of an ensemble trains exactly like a lone network seeded `seed + k·stride` (same
/// windows, same order), and the ensemble's forecast is their mean: with min-max scaling the
/// inverse transform is affine, so the mean in model space is the mean in passengers.
#[test]
fn an_ensemble_is_the_mean_of_its_members() {
    use lstm_conveyor::train::MEMBER_SEED_STRIDE;
    let series = Series::air_passengers();
    let mut config = small(Transform::MinMax, Layout::Sequence);
    config.ensemble = 3;
    let mut ensemble = Trainer::new(&series, config.clone()).unwrap();
    for _ in 0..5 {
        ensemble.train_epoch().unwrap();
    }
    let e = ensemble.evaluate();
    assert_eq!(ensemble.members().len(), 3);
    assert_eq!(e.members_one_step.len(), 3);
    for k in 0..3 {
        let mut alone_config = config.clone();
        alone_config.ensemble = 1;
        alone_config.model.seed = config.model.seed + k as u64 * MEMBER_SEED_STRIDE;
        let mut alone = Trainer::new(&series, alone_config).unwrap();
        for _ in 0..5 {
            alone.train_epoch().unwrap();
        }
        assert_eq!(
            alone.regressor().network().params,
            ensemble.members()[k].network().params
        );
        let one = alone.evaluate().one_step;
        for (a, b) in one.iter().zip(&e.members_one_step[k]) {
            assert!((a - b).abs() < 1e-9 || (a.is_nan() && b.is_nan()), "{a} vs {b}");
        }
    }
    for t in 13..series.len() {
        let mean = e.members_one_step.iter().map(|m| m[t]).sum::<f64>() / 3.0;
        assert!(
            (mean - e.one_step[t]).abs() < 1e-6,
            "month {t}: {mean} vs {}",
            e.one_step[t]
        );
    }
    // The recursive forecast feeds the mean back; it starts where the one-step one does.
    assert_eq!(e.recursive[120], e.one_step[120]);
    assert!(e.recursive[120..].iter().all(|v| v.is_finite()));
}

/// Early stopping keeps the epoch with the lowest validation loss, and the forecast uses it.
#[test]
fn early_stopping_keeps_the_best_validation_epoch() {
    let series = Series::air_passengers();
    let mut config = small(Transform::LogDiff, Layout::Sequence);
    config.model.optimizer = OptimizerKind::Adam;
    config.model.learning_rate = 0.03;
    config.early_stopping = true;
    let mut t = Trainer::new(&series, config).unwrap();
    assert_eq!(t.best_epoch(), None);
    for _ in 0..40 {
        t.train_epoch().unwrap();
    }
    let history = t.history();
    assert!(history.iter().all(|r| r.validation_loss.is_finite()));
    let argmin = history
        .iter()
        .min_by(|a, b| a.validation_loss.total_cmp(&b.validation_loss))
        .unwrap()
        .epoch;
    assert_eq!(t.best_epoch(), Some(argmin));
    // The forecast is that of the kept weights, not of the live ones (unless they are the same).
    let kept = t.evaluate_with(t.model_params()).unwrap();
    let same = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| x == y || (x.is_nan() && y.is_nan()));
    assert!(same(&t.evaluate().one_step, &kept.one_step));
    if argmin != 40 {
        assert_ne!(t.model_params(), &t.regressor().network().params);
    }
    // Without early stopping there is no validation loss and no kept epoch.
    let mut plain = Trainer::new(&series, small(Transform::LogDiff, Layout::Sequence)).unwrap();
    plain.train_epoch().unwrap();
    assert!(plain.history()[0].validation_loss.is_nan());
    assert_eq!(plain.best_epoch(), None);
}

/// The held-out months are never trained on: changing their targets' source values changes
/// nothing the optimizer sees, so the weights after training are identical — as long as the
/// transform, fitted on the whole training part, is the same (min-max, with the extremes elsewhere).
#[test]
fn early_stopping_never_trains_on_the_held_out_months() {
    let series = Series::air_passengers();
    let mut config = small(Transform::MinMax, Layout::Sequence);
    config.early_stopping = true;
    // Months 108..120 (1958) are the held-out targets; their windows' inputs lie before them,
    // but the month 119 value is also an input of no fit window's target (it is the last month).
    let mut changed = series.clone();
    // Keep min and max (104 in 1949-11, 505 in 1958-08 = index 115) where they are.
    changed.values[119] = 300.0; // 1958-12, held out and never an input of a fit window
    let train = |s: &Series, config: &TrainConfig| {
        let mut t = Trainer::new(s, config.clone()).unwrap();
        for _ in 0..5 {
            t.train_epoch().unwrap();
        }
        t.regressor().network().params.clone()
    };
    assert_eq!(train(&series, &config), train(&changed, &config));
    // Without early stopping that month is trained on, and the weights differ.
    config.early_stopping = false;
    assert_ne!(train(&series, &config), train(&changed, &config));
}

#[test]
fn ensemble_and_early_stopping_settings_are_checked() {
    let series = Series::air_passengers();
    for n in [0, 11] {
        let mut config = small(Transform::LogDiff, Layout::Sequence);
        config.ensemble = n;
        let error = Trainer::new(&series, config).unwrap_err();
        assert!(error.to_string().contains("ensemble"), "{error}");
    }
    // A short series leaves too few training windows to hold 12 out.
    let short = Series::new(
        "short",
        YearMonth { year: 2000, month: 1 },
        (1..=40).map(f64::from).collect(),
    )
    .unwrap();
    let mut config = small(Transform::MinMax, Layout::Sequence);
    config.early_stopping = true;
    let error = Trainer::new(&short, config).unwrap_err();
    assert!(error.to_string().contains("early stopping"), "{error}");
}

/// A diverging epoch of an ensemble restores every member.
#[test]
fn a_diverging_ensemble_epoch_changes_no_member() {
    let series = Series::air_passengers();
    let mut config = small(Transform::MinMax, Layout::Flat);
    config.model.learning_rate = 50.0;
    config.ensemble = 2;
    let mut t = Trainer::new(&series, config).unwrap();
    for _ in 0..20 {
        let before: Vec<_> = t.members().iter().map(|m| m.network().params.clone()).collect();
        if t.train_epoch().is_err() {
            let after: Vec<_> = t.members().iter().map(|m| m.network().params.clone()).collect();
            assert_eq!(before, after);
            return;
        }
    }
    panic!("a learning rate of 50 diverges within 20 epochs");
}
