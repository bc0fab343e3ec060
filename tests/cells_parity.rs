//! Parity with PyTorch for the two standalone cells: a 2-layer [`GruLayer`] or [`RnnLayer`]
//! stack with a [`Linear`] head gives the same predictions, loss, gradients, ∂L/∂x and states
//! here as `torch.nn.GRU` / `torch.nn.RNN` + `torch.nn.Linear`.
//!
//! The reference values in `tests/fixtures/{gru,rnn}_{sequence,flat}.json` were written by
//! `tools/torch_fixtures.py cells` (torch in float64; the script's docstring describes the
//! format); these tests never need torch. Each fixture holds PyTorch's `named_parameters()`
//! under "weights", the input, the targets, PyTorch's outputs, and the gradient of the
//! `nn.MSELoss()` loss with respect to every parameter and to the input.
//!
//! The stack is composed here, not in `src/`: the network, the trainer and the views still run
//! the LSTM only. Tolerances as in `tests/torch_parity.rs`: |ours − PyTorch| ≤ abs + rel·|PyTorch|
//! with abs = rel = 1e-9 in f64 and 1e-4 in f32. Each check names the worst entry when it fails;
//! run with `--nocapture` to see the worst errors of every case.

use lstm_conveyor::model::gru::{GruGate, GruLayer};
use lstm_conveyor::model::loss::mse;
use lstm_conveyor::model::rnn::RnnLayer;
use lstm_conveyor::model::{Float, Linear};
use ndarray::{s, Array1, Array2, Axis};
use serde_json::Value;

const GRU_SEQUENCE: &str = include_str!("fixtures/gru_sequence.json");
const GRU_FLAT: &str = include_str!("fixtures/gru_flat.json");
const RNN_SEQUENCE: &str = include_str!("fixtures/rnn_sequence.json");
const RNN_FLAT: &str = include_str!("fixtures/rnn_flat.json");

/// |ours − PyTorch| ≤ abs + rel·|PyTorch|.
#[derive(Clone, Copy, Debug)]
struct Tolerance {
    abs: f64,
    rel: f64,
}

const F64: Tolerance = Tolerance { abs: 1e-9, rel: 1e-9 };
const F32: Tolerance = Tolerance { abs: 1e-4, rel: 1e-4 };

/// The largest |Δ| / (abs + rel·|PyTorch|) of a comparison (above 1 fails), where it is, and the
/// largest |Δ|.
fn worst(ours: &[f64], theirs: &[f64], tol: Tolerance) -> (f64, usize, f64) {
    let (mut ratio, mut index, mut abs_error) = (0.0_f64, 0, 0.0_f64);
    for (i, (&a, &b)) in ours.iter().zip(theirs).enumerate() {
        let error = (a - b).abs();
        // NaN compares false, so a NaN on either side is made to fail explicitly.
        let r = if error.is_nan() {
            f64::INFINITY
        } else {
            error / (tol.abs + tol.rel * b.abs())
        };
        if r > ratio || i == 0 {
            (ratio, index) = (r, i);
        }
        abs_error = abs_error.max(if error.is_nan() { f64::INFINITY } else { error });
    }
    (ratio, index, abs_error)
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
    let (ratio, i, abs_error) = worst(ours, theirs, tol);
    assert!(
        ratio <= 1.0,
        "{case}: {what}[{i}] is {:e} here but {:e} in PyTorch: |Δ| = {:e} > {:e} + {:e}·|PyTorch|",
        ours[i],
        theirs[i],
        (ours[i] - theirs[i]).abs(),
        tol.abs,
        tol.rel
    );
    abs_error
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

fn vector<F: Float>(value: &Value) -> Array1<F> {
    numbers(value).into_iter().map(F::of).collect()
}

fn matrix<F: Float>(value: &Value) -> Array2<F> {
    let rows = value.as_array().expect("a matrix is a list of rows");
    let n_cols = rows[0].as_array().expect("a row is a list").len();
    let values: Vec<F> = numbers(value).into_iter().map(F::of).collect();
    Array2::from_shape_vec((rows.len(), n_cols), values).expect("rows of equal length")
}

/// A named tensor of the fixture's "weights".
fn weight<'a>(fx: &'a Value, name: &str) -> &'a Value {
    let value = &fx["weights"][name];
    assert!(!value.is_null(), "the fixture has no weight {name}");
    value
}

/// Layer l's (W_ih, W_hh, b_ih, b_hh) under PyTorch's names, e.g. `gru.weight_ih_l0`.
#[allow(clippy::type_complexity)]
fn layer_tensors<F: Float>(fx: &Value, cell: &str, l: usize) -> (Array2<F>, Array2<F>, Array1<F>, Array1<F>) {
    (
        matrix(weight(fx, &format!("{cell}.weight_ih_l{l}"))),
        matrix(weight(fx, &format!("{cell}.weight_hh_l{l}"))),
        vector(weight(fx, &format!("{cell}.bias_ih_l{l}"))),
        vector(weight(fx, &format!("{cell}.bias_hh_l{l}"))),
    )
}

fn head<F: Float>(fx: &Value) -> Linear<F> {
    Linear {
        weight: matrix(weight(fx, "linear.weight")),
        bias: vector(weight(fx, "linear.bias")),
    }
}

fn num_layers(fx: &Value) -> usize {
    fx["config"]["num_layers"].as_u64().expect("config.num_layers") as usize
}

/// PyTorch's batch-first input `[batch, steps, input_size]` as one `[batch, input_size]` matrix
/// per time step.
fn time_major<F: Float>(input: &Value) -> Vec<Array2<F>> {
    let rows = input.as_array().expect("input is [batch, steps, input_size]");
    let n_steps = rows[0].as_array().expect("steps").len();
    let d_input = rows[0][0].as_array().expect("features").len();
    (0..n_steps)
        .map(|t| {
            Array2::from_shape_fn((rows.len(), d_input), |(b, d)| {
                F::of(rows[b][t][d].as_f64().expect("a number"))
            })
        })
        .collect()
}

/// One `[batch, width]` matrix per time step, flattened in PyTorch's `[batch, steps, width]` order.
fn batch_first<F: Float>(steps: &[Array2<F>]) -> Vec<f64> {
    let batch = steps[0].nrows();
    (0..batch)
        .flat_map(|b| steps.iter().flat_map(move |step| as_f64s(step.row(b))))
        .collect()
}

/// Everything one run of a stack gives, in PyTorch's layouts, to compare with a fixture.
struct Outcome {
    /// ŷ = linear(h_T of the top layer), `[batch]`.
    prediction: Vec<f64>,
    /// The mean squared error against the fixture's targets.
    loss: f64,
    /// ∂L/∂θ under PyTorch's `named_parameters()` names.
    grads: Vec<(String, Vec<f64>)>,
    /// ∂L/∂x, `[batch, steps, input_size]`.
    d_input: Vec<f64>,
    /// The top layer's h_t, `[batch, steps, hidden]` (PyTorch's `output`).
    output: Vec<f64>,
    /// Every layer's h_T, `[batch, hidden]` each (PyTorch's `h_n`).
    h_n: Vec<Vec<f64>>,
}

/// The four gradient tensors of a layer under PyTorch's names.
fn named<F: Float>(cell: &str, l: usize, tensors: [&[F]; 4]) -> Vec<(String, Vec<f64>)> {
    ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
        .iter()
        .zip(tensors)
        .map(|(kind, t)| (format!("{cell}.{kind}_l{l}"), as_f64s(t)))
        .collect()
}

fn flat<F, D: ndarray::Dimension>(a: &ndarray::Array<F, D>) -> &[F] {
    a.as_slice().expect("standard layout")
}

/// The layers' GRU stack in `F`: layer 0 reads x_t, layer l reads layer l−1's h_t, the head reads
/// the top layer's h_T; then back-propagation through time from the MSE down to ∂L/∂x.
fn run_gru<F: Float>(fx: &Value, layers: &[GruLayer<F>]) -> Outcome {
    let inputs = time_major::<F>(&fx["input"]);
    let head = head::<F>(fx);

    let (mut states, mut caches) = (Vec::<Vec<Array2<F>>>::new(), Vec::new());
    for (l, layer) in layers.iter().enumerate() {
        let x: Vec<&Array2<F>> = if l == 0 {
            inputs.iter().collect()
        } else {
            states[l - 1].iter().collect()
        };
        let (s, c) = layer.forward_sequence(&x);
        states.push(s);
        caches.push(c);
    }
    let last = states.last().and_then(|s| s.last()).expect("a step");
    let prediction = head.forward(last).column(0).to_owned();
    let (loss, d_prediction) = mse(&prediction, &vector(&fx["target"]));

    let mut d_head = Linear::zeros(head.weight.ncols(), 1);
    let d_top = head.backward(last, &d_prediction.insert_axis(Axis(1)), &mut d_head);
    let mut d_from_above = vec![Array2::zeros(d_top.dim()); inputs.len()];
    *d_from_above.last_mut().expect("a step") = d_top;
    let mut grads = Vec::new();
    for l in (0..layers.len()).rev() {
        let sequence = layers[l].backward_sequence(&caches[l], &d_from_above);
        let p = &sequence.params;
        grads.extend(named(
            "gru",
            l,
            [
                flat(&p.weight_ih),
                flat(&p.weight_hh),
                flat(&p.bias_ih),
                flat(&p.bias_hh),
            ],
        ));
        d_from_above = sequence.d_input;
    }
    grads.push(("linear.weight".into(), as_f64s(&d_head.weight)));
    grads.push(("linear.bias".into(), as_f64s(&d_head.bias)));

    Outcome {
        prediction: as_f64s(&prediction),
        loss: loss.as_f64(),
        grads,
        d_input: batch_first(&d_from_above),
        output: batch_first(states.last().expect("a layer")),
        h_n: states.iter().map(|s| as_f64s(s.last().expect("a step"))).collect(),
    }
}

/// The same stack with RNN layers: [`run_gru`] line for line, until the cells share a trait.
fn run_rnn<F: Float>(fx: &Value, layers: &[RnnLayer<F>]) -> Outcome {
    let inputs = time_major::<F>(&fx["input"]);
    let head = head::<F>(fx);

    let (mut states, mut caches) = (Vec::<Vec<Array2<F>>>::new(), Vec::new());
    for (l, layer) in layers.iter().enumerate() {
        let x: Vec<&Array2<F>> = if l == 0 {
            inputs.iter().collect()
        } else {
            states[l - 1].iter().collect()
        };
        let (s, c) = layer.forward_sequence(&x);
        states.push(s);
        caches.push(c);
    }
    let last = states.last().and_then(|s| s.last()).expect("a step");
    let prediction = head.forward(last).column(0).to_owned();
    let (loss, d_prediction) = mse(&prediction, &vector(&fx["target"]));

    let mut d_head = Linear::zeros(head.weight.ncols(), 1);
    let d_top = head.backward(last, &d_prediction.insert_axis(Axis(1)), &mut d_head);
    let mut d_from_above = vec![Array2::zeros(d_top.dim()); inputs.len()];
    *d_from_above.last_mut().expect("a step") = d_top;
    let mut grads = Vec::new();
    for l in (0..layers.len()).rev() {
        let sequence = layers[l].backward_sequence(&caches[l], &d_from_above);
        let p = &sequence.params;
        grads.extend(named(
            "rnn",
            l,
            [
                flat(&p.weight_ih),
                flat(&p.weight_hh),
                flat(&p.bias_ih),
                flat(&p.bias_hh),
            ],
        ));
        d_from_above = sequence.d_input;
    }
    grads.push(("linear.weight".into(), as_f64s(&d_head.weight)));
    grads.push(("linear.bias".into(), as_f64s(&d_head.bias)));

    Outcome {
        prediction: as_f64s(&prediction),
        loss: loss.as_f64(),
        grads,
        d_input: batch_first(&d_from_above),
        output: batch_first(states.last().expect("a layer")),
        h_n: states.iter().map(|s| as_f64s(s.last().expect("a step"))).collect(),
    }
}

fn gru_layers<F: Float>(fx: &Value) -> Vec<GruLayer<F>> {
    (0..num_layers(fx))
        .map(|l| {
            let (weight_ih, weight_hh, bias_ih, bias_hh) = layer_tensors(fx, "gru", l);
            GruLayer {
                weight_ih,
                weight_hh,
                bias_ih,
                bias_hh,
            }
        })
        .collect()
}

fn rnn_layers<F: Float>(fx: &Value) -> Vec<RnnLayer<F>> {
    (0..num_layers(fx))
        .map(|l| {
            let (weight_ih, weight_hh, bias_ih, bias_hh) = layer_tensors(fx, "rnn", l);
            RnnLayer {
                weight_ih,
                weight_hh,
                bias_ih,
                bias_hh,
            }
        })
        .collect()
}

/// Compares everything a fixture holds with `ours` and prints the worst errors by kind.
fn compare(case: &str, precision: &str, fx: &Value, ours: &Outcome, tol: Tolerance) {
    let prediction = check(case, "prediction", &ours.prediction, &numbers(&fx["prediction"]), tol);
    let loss = check(case, "loss", &[ours.loss], &numbers(&fx["loss"]), tol);

    let torch_grads = fx["grads"].as_object().expect("grads");
    let mut names: Vec<&str> = ours.grads.iter().map(|(name, _)| name.as_str()).collect();
    let mut torch_names: Vec<&str> = torch_grads.keys().map(String::as_str).collect();
    names.sort_unstable();
    torch_names.sort_unstable();
    assert_eq!(names, torch_names, "{case}: the gradient tensors differ from PyTorch's");
    let mut gradient = 0.0_f64;
    for (name, g) in &ours.grads {
        gradient = gradient.max(check(
            case,
            &format!("∂L/∂{name}"),
            g,
            &numbers(&torch_grads[name]),
            tol,
        ));
    }
    let d_input = check(case, "∂L/∂x", &ours.d_input, &numbers(&fx["d_input"]), tol);

    let mut state = check(
        case,
        "output (top layer h_t)",
        &ours.output,
        &numbers(&fx["output"]),
        tol,
    );
    let torch_h_n = fx["h_n"].as_array().expect("h_n is [layers, batch, hidden]");
    assert_eq!(ours.h_n.len(), torch_h_n.len(), "{case}: one h_n per layer");
    for (l, (h, theirs)) in ours.h_n.iter().zip(torch_h_n).enumerate() {
        state = state.max(check(case, &format!("h_n[{l}]"), h, &numbers(theirs), tol));
    }
    println!(
        "{case} {precision}: worst |Δ| prediction {prediction:.1e}, loss {loss:.1e}, gradients {gradient:.1e}, \
         ∂L/∂x {d_input:.1e}, states {state:.1e}"
    );
}

fn fixture(case: &str, text: &str, cell: &str) -> Value {
    let fx: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{case}: {e}"));
    assert_eq!(fx["config"]["cell"], cell, "{case}: the fixture's cell");
    fx
}

fn gru_parity(case: &str, text: &str) {
    let fx = fixture(case, text, "gru");
    compare(case, "f64", &fx, &run_gru::<f64>(&fx, &gru_layers(&fx)), F64);
    compare(case, "f32", &fx, &run_gru::<f32>(&fx, &gru_layers(&fx)), F32);
}

fn rnn_parity(case: &str, text: &str) {
    let fx = fixture(case, text, "rnn");
    assert_eq!(fx["config"]["nonlinearity"], "tanh", "{case}: nn.RNN's nonlinearity");
    compare(case, "f64", &fx, &run_rnn::<f64>(&fx, &rnn_layers(&fx)), F64);
    compare(case, "f32", &fx, &run_rnn::<f32>(&fx, &rnn_layers(&fx)), F32);
}

/// 2 layers, input_size 1, hidden 3, 5 steps, batch 4.
#[test]
fn gru_sequence_layout_matches_pytorch() {
    gru_parity("gru_sequence", GRU_SEQUENCE);
}

/// 2 layers, input_size 5, hidden 3, 1 step, batch 4.
#[test]
fn gru_flat_layout_matches_pytorch() {
    gru_parity("gru_flat", GRU_FLAT);
}

/// 2 layers, input_size 1, hidden 3, 5 steps, batch 4.
#[test]
fn rnn_sequence_layout_matches_pytorch() {
    rnn_parity("rnn_sequence", RNN_SEQUENCE);
}

/// 2 layers, input_size 5, hidden 3, 1 step, batch 4.
#[test]
fn rnn_flat_layout_matches_pytorch() {
    rnn_parity("rnn_flat", RNN_FLAT);
}

/// The largest |Δ| / (abs + rel·|PyTorch|) of the predictions.
fn prediction_ratio(fx: &Value, ours: &Outcome) -> f64 {
    worst(&ours.prediction, &numbers(&fx["prediction"]), F64).0
}

/// The checks above can fail: swapping the reset and update gates' rows in layer 0 (the
/// gate-order mistake, r and z are both σ gates) moves the predictions far outside the
/// tolerance.
#[test]
fn a_swapped_gru_gate_order_is_caught() {
    let fx = fixture("gru_sequence", GRU_SEQUENCE, "gru");
    let mut layers = gru_layers::<f64>(&fx);
    let h = layers[0].d_hidden();
    let (r, z) = (GruGate::Reset.rows(h), GruGate::Update.rows(h));
    let swap_rows = |m: &mut Array2<f64>| {
        let reset_rows = m.slice(s![r.clone(), ..]).to_owned();
        let update_rows = m.slice(s![z.clone(), ..]).to_owned();
        m.slice_mut(s![r.clone(), ..]).assign(&update_rows);
        m.slice_mut(s![z.clone(), ..]).assign(&reset_rows);
    };
    let layer = &mut layers[0];
    swap_rows(&mut layer.weight_ih);
    swap_rows(&mut layer.weight_hh);
    for bias in [&mut layer.bias_ih, &mut layer.bias_hh] {
        let mut column = bias.clone().insert_axis(Axis(1));
        swap_rows(&mut column);
        *bias = column.column(0).to_owned();
    }
    let ratio = prediction_ratio(&fx, &run_gru(&fx, &layers));
    assert!(ratio > 1e3, "swapping two gates went unnoticed: {ratio:e}");
}

/// The checks above can fail: the recurrent weights used transposed, h W_hh instead of
/// h W_hhᵀ (the layout mistake), move the predictions far outside the tolerance.
#[test]
fn a_transposed_rnn_recurrence_is_caught() {
    let fx = fixture("rnn_sequence", RNN_SEQUENCE, "rnn");
    let mut layers = rnn_layers::<f64>(&fx);
    layers[0].weight_hh = layers[0].weight_hh.t().to_owned();
    let ratio = prediction_ratio(&fx, &run_rnn(&fx, &layers));
    assert!(ratio > 1e3, "a transposed W_hh went unnoticed: {ratio:e}");
}
