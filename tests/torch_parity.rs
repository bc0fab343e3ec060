//! Parity with PyTorch: the same weights and inputs give the same predictions, loss, gradients
//! and states here as in `torch.nn.LSTM` + `torch.nn.Linear`.
//!
//! The reference values in `tests/fixtures/` were written by `tools/torch_fixtures.py` (torch in
//! float64; see `tools/README.md` for how it was run); these tests never need torch. Every
//! fixture is itself a weights file, read with [`weights::from_json`], so the weights file format
//! is exercised in both directions:
//!
//! - PyTorch → here: the parity fixtures and `pytorch_trained.json`, a model trained in PyTorch;
//! - here → PyTorch: `ours_weights.json`, written by [`weights::to_json`] and loaded into
//!   `nn.LSTM` by the script, whose predictions are in `ours_torch.json`; and
//!   `ours_weights_gru.json`, `ours_weights_rnn.json`, written by `lstm-train --cell gru|rnn
//!   --weights-out` (version 2 files) and loaded into `nn.GRU` and `nn.RNN` the same way
//!   (`ours_torch_gru.json`, `ours_torch_rnn.json`).
//!
//! Tolerances: |ours − PyTorch| ≤ abs + rel·|PyTorch| with abs = rel = 1e-9 in f64 (the
//! fixtures' computed values are exact or kept to 9 significant digits) and 1e-4 in f32.
//! Each check reports the worst entry, with its tensor and index, when it fails; run with
//! `--nocapture` to see the worst errors of every check.

use lstm_conveyor::data::{DataConfig, Dataset, Layout, Series, Transform, YearMonth};
use lstm_conveyor::model::loss::mse;
use lstm_conveyor::model::{Float, Gate, Network, ParamSet, SequenceBatch, SequenceModel};
use lstm_conveyor::weights::{self, WeightsConfig, WeightsFile};
use ndarray::{s, Array1, Array2};
use serde_json::Value;

const SEQUENCE: &str = include_str!("fixtures/parity_sequence.json");
const FLAT: &str = include_str!("fixtures/parity_flat.json");
const REAL_SIZE: &str = include_str!("fixtures/parity_real_size.json");
const PYTORCH_TRAINED: &str = include_str!("fixtures/pytorch_trained.json");
const OURS_WEIGHTS: &str = include_str!("fixtures/ours_weights.json");
const OURS_TORCH: &str = include_str!("fixtures/ours_torch.json");
const OURS_WEIGHTS_GRU: &str = include_str!("fixtures/ours_weights_gru.json");
const OURS_TORCH_GRU: &str = include_str!("fixtures/ours_torch_gru.json");
const OURS_WEIGHTS_RNN: &str = include_str!("fixtures/ours_weights_rnn.json");
const OURS_TORCH_RNN: &str = include_str!("fixtures/ours_torch_rnn.json");

/// |ours − PyTorch| ≤ abs + rel·|PyTorch|.
#[derive(Clone, Copy, Debug)]
struct Tolerance {
    abs: f64,
    rel: f64,
}

const F64: Tolerance = Tolerance { abs: 1e-9, rel: 1e-9 };
const F32: Tolerance = Tolerance { abs: 1e-4, rel: 1e-4 };

/// The worst entry of a comparison.
#[derive(Clone, Debug, Default)]
struct Worst {
    /// |Δ| / (abs + rel·|PyTorch|): above 1 fails.
    ratio: f64,
    /// The largest |ours − PyTorch| seen.
    abs_error: f64,
    index: usize,
    ours: f64,
    theirs: f64,
}

fn worst(ours: &[f64], theirs: &[f64], tol: Tolerance) -> Worst {
    let mut w = Worst::default();
    for (i, (&a, &b)) in ours.iter().zip(theirs).enumerate() {
        let error = (a - b).abs();
        // NaN compares false, so a NaN on either side is made to fail explicitly.
        let ratio = if error.is_nan() {
            f64::INFINITY
        } else {
            error / (tol.abs + tol.rel * b.abs())
        };
        w.abs_error = w.abs_error.max(if error.is_nan() { f64::INFINITY } else { error });
        if ratio > w.ratio || i == 0 {
            w = Worst {
                ratio,
                abs_error: w.abs_error,
                index: i,
                ours: a,
                theirs: b,
            };
        }
    }
    w
}

/// The worst absolute errors of one case, by kind, for the summary line.
#[derive(Debug, Default)]
struct Report {
    prediction: f64,
    loss: f64,
    gradient: f64,
    state: f64,
}

/// Asserts that `ours` matches PyTorch's `theirs` within `tol`, naming the worst entry if not;
/// returns the largest absolute error.
fn check(case: &str, what: &str, ours: &[f64], theirs: &[f64], tol: Tolerance) -> f64 {
    assert_eq!(
        ours.len(),
        theirs.len(),
        "{case}: {what} has {} entries here but {} in PyTorch",
        ours.len(),
        theirs.len()
    );
    assert!(!ours.is_empty(), "{case}: {what} is empty");
    let w = worst(ours, theirs, tol);
    assert!(
        w.ratio <= 1.0,
        "{case}: {what}[{}] is {:e} here but {:e} in PyTorch: |Δ| = {:e} > {:e} + {:e}·|PyTorch|",
        w.index,
        w.ours,
        w.theirs,
        (w.ours - w.theirs).abs(),
        tol.abs,
        tol.rel
    );
    w.abs_error
}

/// Every number of a nested JSON list, in row-major order.
fn numbers(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(numbers).collect(),
        Value::Number(n) => vec![n.as_f64().expect("a finite number")],
        other => panic!("expected numbers in the fixture, found {other}"),
    }
}

fn as_f64s<'a, F: Float>(values: impl IntoIterator<Item = &'a F>) -> Vec<f64> {
    values.into_iter().map(|x| x.as_f64()).collect()
}

/// A fixture: the weights, read with `weights::from_json`, and the rest of its keys.
fn fixture(name: &str, text: &str) -> (WeightsFile, Value) {
    let file = weights::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    (file, value)
}

/// PyTorch's batch-first input `[batch, steps, input_size]` as our time-major batch.
fn batch<F: Float>(input: &Value) -> SequenceBatch<F> {
    let rows = input.as_array().expect("input is [batch, steps, input_size]");
    let n_steps = rows[0].as_array().expect("steps").len();
    let d_input = rows[0][0].as_array().expect("features").len();
    let steps = (0..n_steps)
        .map(|t| {
            Array2::from_shape_fn((rows.len(), d_input), |(b, d)| {
                F::of(rows[b][t][d].as_f64().expect("a number"))
            })
        })
        .collect();
    SequenceBatch { steps }
}

fn vector<F: Float>(value: &Value) -> Array1<F> {
    numbers(value).into_iter().map(F::of).collect()
}

/// Runs forward and backward in `F` and compares everything a parity fixture holds.
fn run_parity<F: Float>(case: &str, text: &str, tol: Tolerance) -> Report {
    let (file, fx) = fixture(case, text);
    let net: Network<F> = file.network();
    let x = batch::<F>(&fx["input"]);
    let (steps, features) = file.config.layout.shape(file.config.window);
    assert_eq!(
        (x.len(), x.steps[0].ncols()),
        (steps, features),
        "{case}: input shape vs config"
    );

    let (prediction, cache) = net.forward(&x);
    let mut report = Report {
        prediction: check(
            case,
            "prediction",
            &as_f64s(&prediction),
            &numbers(&fx["prediction"]),
            tol,
        ),
        ..Report::default()
    };

    let (loss, d_prediction) = mse(&prediction, &vector::<F>(&fx["target"]));
    report.loss = check(case, "loss", &[loss.as_f64()], &numbers(&fx["loss"]), tol);

    let (grads, _) = net.backward(&cache, &d_prediction);
    let torch_grads = fx["grads"].as_object().expect("grads");
    let mut names = grads.names();
    let mut torch_names: Vec<String> = torch_grads.keys().cloned().collect();
    names.sort();
    torch_names.sort();
    assert_eq!(
        names, torch_names,
        "{case}: the gradient tensors differ from PyTorch's state_dict"
    );
    for (name, g) in grads.names().iter().zip(grads.tensors()) {
        let e = check(
            case,
            &format!("∂L/∂{name}"),
            &as_f64s(g),
            &numbers(&torch_grads[name]),
            tol,
        );
        report.gradient = report.gradient.max(e);
    }

    // The final (h_n, c_n) of every layer.
    let n_layers = file.config.num_layers;
    assert_eq!(
        fx["h_n"].as_array().map(Vec::len),
        Some(n_layers),
        "{case}: h_n has one entry per layer"
    );
    for l in 0..n_layers {
        let last = cache.layers[l]
            .lstm_states()
            .expect("an LSTM")
            .last()
            .expect("at least one step");
        let e_h = check(
            case,
            &format!("h_n[{l}]"),
            &as_f64s(&last.hidden),
            &numbers(&fx["h_n"][l]),
            tol,
        );
        let e_c = check(
            case,
            &format!("c_n[{l}]"),
            &as_f64s(&last.cell),
            &numbers(&fx["c_n"][l]),
            tol,
        );
        report.state = report.state.max(e_h).max(e_c);
    }

    // The top layer's h_t at every step, in PyTorch's [batch, steps, hidden] order.
    let top = cache.layers.last().expect("a layer").lstm_states().expect("an LSTM");
    let (batch_size, hidden) = top[0].hidden.dim();
    let mut output = Vec::with_capacity(batch_size * top.len() * hidden);
    for b in 0..batch_size {
        for state in top {
            output.extend(as_f64s(state.hidden.row(b)));
        }
    }
    let e = check(case, "output (top layer h_t)", &output, &numbers(&fx["output"]), tol);
    report.state = report.state.max(e);
    println!(
        "{case} {}: worst |Δ| prediction {:.1e}, loss {:.1e}, gradients {:.1e}, states {:.1e}",
        std::any::type_name::<F>(),
        report.prediction,
        report.loss,
        report.gradient,
        report.state
    );
    report
}

#[test]
fn sequence_layout_two_layers_matches_pytorch() {
    run_parity::<f64>("parity_sequence", SEQUENCE, F64);
    run_parity::<f32>("parity_sequence", SEQUENCE, F32);
}

#[test]
fn flat_layout_two_layers_matches_pytorch() {
    run_parity::<f64>("parity_flat", FLAT, F64);
    run_parity::<f32>("parity_flat", FLAT, F32);
}

#[test]
fn real_size_matches_pytorch() {
    let (file, _) = fixture("parity_real_size", REAL_SIZE);
    assert_eq!(
        (file.config.hidden_size, file.config.window, file.config.num_layers),
        (40, 12, 1)
    );
    run_parity::<f64>("parity_real_size", REAL_SIZE, F64);
    run_parity::<f32>("parity_real_size", REAL_SIZE, F32);
}

/// The checks above can fail: swapping the input and forget gates' rows in layer 0 (the
/// classic gate-order mistake) moves the predictions far outside the tolerance.
#[test]
fn a_swapped_gate_order_is_caught() {
    let (file, fx) = fixture("parity_sequence", SEQUENCE);
    let mut net: Network<f64> = file.network();
    let h = file.config.hidden_size;
    let layer = &mut net.params.layers[0];
    let (i, f) = (Gate::Input.rows(h), Gate::Forget.rows(h));
    let swap_rows = |m: &mut Array2<f64>| {
        let input_rows = m.slice(s![i.clone(), ..]).to_owned();
        let forget_rows = m.slice(s![f.clone(), ..]).to_owned();
        m.slice_mut(s![i.clone(), ..]).assign(&forget_rows);
        m.slice_mut(s![f.clone(), ..]).assign(&input_rows);
    };
    let layer = layer.tensors_mut();
    swap_rows(layer.weight_ih);
    swap_rows(layer.weight_hh);
    for bias in [layer.bias_ih, layer.bias_hh] {
        let mut m = bias.clone().insert_axis(ndarray::Axis(1));
        swap_rows(&mut m);
        *bias = m.column(0).to_owned();
    }
    let (prediction, _) = net.forward(&batch(&fx["input"]));
    let w = worst(&as_f64s(&prediction), &numbers(&fx["prediction"]), F64);
    assert!(w.ratio > 1e3, "swapping two gates went unnoticed: {w:?}");
}

/// A model trained in PyTorch loads here and predicts the same, and its inputs are exactly the
/// test windows our own data pipeline cuts with the same settings.
#[test]
fn a_model_trained_in_pytorch_predicts_the_same_here() {
    let (file, fx) = fixture("pytorch_trained", PYTORCH_TRAINED);
    let config = &file.config;
    assert_eq!(config.series.as_deref(), Some("AirPassengers"));
    assert_eq!(config.test_start, Some(YearMonth { year: 1959, month: 1 }));
    assert_eq!(config.transform.kind, Transform::MinMax);

    let x = batch::<f64>(&fx["input"]);
    let (prediction, _) = file.network::<f64>().forward(&x);
    let e64 = check(
        "pytorch_trained",
        "prediction",
        &as_f64s(&prediction),
        &numbers(&fx["prediction"]),
        F64,
    );
    let (prediction32, _) = file.network::<f32>().forward(&batch::<f32>(&fx["input"]));
    let e32 = check(
        "pytorch_trained",
        "prediction",
        &as_f64s(&prediction32),
        &numbers(&fx["prediction"]),
        F32,
    );
    println!("pytorch_trained: worst |Δ| f64 {e64:.1e}, f32 {e32:.1e}");

    // The same windows from our data module: the transform is fitted identically and every test
    // window and target agrees with the script's.
    let data_config = DataConfig {
        window: config.window,
        layout: config.layout,
        transform: config.transform.kind,
        test_start: config.test_start,
    };
    let dataset = Dataset::prepare(&Series::air_passengers(), &data_config).expect("AirPassengers");
    assert_eq!(dataset.transform, config.transform, "the fitted min-max transform");
    assert_eq!(dataset.n_test(), x.batch_size());
    let ours: Vec<f64> = (dataset.n_train..dataset.n_windows())
        .flat_map(|row| dataset.input(row).to_vec())
        .collect();
    check("pytorch_trained", "input windows", &ours, &numbers(&fx["input"]), F64);
    check(
        "pytorch_trained",
        "targets",
        &dataset.targets[dataset.n_train..],
        &numbers(&fx["target"]),
        F64,
    );
}

/// A network initialised here and written by `weights::to_json` loads into PyTorch and
/// predicts the same there: `ours_torch.json` holds PyTorch's predictions and final states for
/// `ours_weights.json`, made by `tools/torch_fixtures.py predict`.
#[test]
fn ours_weights_predict_the_same_in_pytorch() {
    let (file, _) = fixture("ours_weights", OURS_WEIGHTS);
    // The committed file is a version 1 file (written before there was a choice of cell): it
    // loads as an LSTM, and our writer writes exactly it again as version 2, `config.cell` added.
    assert_eq!(file.config.cell, lstm_conveyor::model::CellKind::Lstm);
    let as_version_2 = OURS_WEIGHTS.replacen("\"version\": 1,", "\"version\": 2,", 1).replacen(
        "\"config\": {\n",
        "\"config\": {\n    \"cell\": \"lstm\",\n",
        1,
    );
    assert_eq!(
        file.to_json(),
        as_version_2,
        "ours_weights.json is not to_json's output"
    );
    let torch: Value = serde_json::from_str(OURS_TORCH).expect("ours_torch.json");
    assert_eq!(torch["weights_file"], "ours_weights.json");

    let (prediction, cache) = file.network::<f64>().forward(&batch(&torch["input"]));
    let e64 = check(
        "ours_torch",
        "prediction",
        &as_f64s(&prediction),
        &numbers(&torch["prediction"]),
        F64,
    );
    for l in 0..file.config.num_layers {
        let last = cache.layers[l].lstm_states().expect("an LSTM").last().expect("a step");
        check(
            "ours_torch",
            &format!("h_n[{l}]"),
            &as_f64s(&last.hidden),
            &numbers(&torch["h_n"][l]),
            F64,
        );
        check(
            "ours_torch",
            &format!("c_n[{l}]"),
            &as_f64s(&last.cell),
            &numbers(&torch["c_n"][l]),
            F64,
        );
    }
    // The network was made in f32; in f32 it predicts what PyTorch does in f64.
    let (prediction32, _) = file.network::<f32>().forward(&batch::<f32>(&torch["input"]));
    let e32 = check(
        "ours_torch",
        "prediction",
        &as_f64s(&prediction32),
        &numbers(&torch["prediction"]),
        F32,
    );
    println!("ours_torch: worst |Δ| f64 {e64:.1e}, f32 {e32:.1e}");
}

/// Version 2 weights files of a GRU and an RNN, written by `lstm-train --cell gru|rnn
/// --weights-out`, load into `nn.GRU` and `nn.RNN` with the lines of `src/weights.rs`'s docs
/// and predict the same there: `ours_torch_{gru,rnn}.json` hold PyTorch's predictions and final
/// hidden states for a seeded batch, made by `tools/torch_fixtures.py predict` (tools/README.md).
#[test]
fn lstm_train_gru_and_rnn_weights_predict_the_same_in_pytorch() {
    use lstm_conveyor::model::CellKind;
    for (name, text, torch_text, cell) in [
        ("ours_weights_gru", OURS_WEIGHTS_GRU, OURS_TORCH_GRU, CellKind::Gru),
        ("ours_weights_rnn", OURS_WEIGHTS_RNN, OURS_TORCH_RNN, CellKind::Rnn),
    ] {
        let (file, _) = fixture(name, text);
        assert_eq!(file.config.cell, cell, "{name}");
        assert_eq!(file.to_json(), text, "{name}.json is not to_json's output");
        let torch: Value = serde_json::from_str(torch_text).expect("ours_torch_*.json");
        assert_eq!(torch["weights_file"], format!("{name}.json"));
        assert_eq!(torch["cell"], cell.name());
        assert!(
            torch.get("c_n").is_none(),
            "{name}: a {} has no cell state",
            cell.name()
        );

        let (prediction, cache) = file.network::<f64>().forward(&batch(&torch["input"]));
        let e64 = check(
            name,
            "prediction",
            &as_f64s(&prediction),
            &numbers(&torch["prediction"]),
            F64,
        );
        for l in 0..file.config.num_layers {
            let layer = &cache.layers[l];
            let last = layer.hidden(layer.len() - 1);
            check(
                name,
                &format!("h_n[{l}]"),
                &as_f64s(last),
                &numbers(&torch["h_n"][l]),
                F64,
            );
        }
        let (prediction32, _) = file.network::<f32>().forward(&batch::<f32>(&torch["input"]));
        let e32 = check(
            name,
            "prediction",
            &as_f64s(&prediction32),
            &numbers(&torch["prediction"]),
            F32,
        );
        println!("{name}: worst |Δ| f64 {e64:.1e}, f32 {e32:.1e}");
    }
}

/// Writes `tests/fixtures/ours_weights.json`: a randomly initialised f32 network (2 layers,
/// 8 units, window 12, sequence layout) with the default AirPassengers data settings.
/// `tools/torch_fixtures.py predict` then loads it into PyTorch (see tools/README.md).
#[test]
#[ignore = "rewrites tests/fixtures/ours_weights.json; run by hand as tools/README.md says"]
fn write_ours_weights() {
    let data_config = DataConfig {
        window: 12,
        layout: Layout::Sequence,
        ..DataConfig::default()
    };
    let dataset = Dataset::prepare(&Series::air_passengers(), &data_config).expect("AirPassengers");
    let config = WeightsConfig {
        cell: lstm_conveyor::model::CellKind::Lstm,
        input_size: 1,
        hidden_size: 8,
        num_layers: 2,
        window: 12,
        layout: Layout::Sequence,
        transform: dataset.transform.clone(),
        series: Some(dataset.series.name.clone()),
        test_start: Some(dataset.series.months[dataset.test_start]),
    };
    let net = Network::<f32>::new(config.network_config(), true, 2024);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ours_weights.json");
    std::fs::write(path, weights::to_json(&config, &net.params)).expect("write the fixture");
}
