//! A per-time-step record of one forward and backward pass over one input window: everything
//! the views draw, and the only thing they read.
//!
//! Every row is plain `f32`, laid out time-major: for a layer with H units, `forget_gate[t * H + u]`
//! is f_t of unit u. The views never see the model, so a view can be tested with a hand-made
//! trace, and a model other than the LSTM (a plain RNN, later) only has to fill the rows it has.

use crate::model::lstm::{LstmState, StepCache};
use crate::model::network::ForwardCache;
use crate::model::{Float, GradientFlow};
use ndarray::Array2;
use serde::Serialize;

/// One layer's record over the W time steps of a window.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LayerTrace {
    /// Width of x_t: 1 or W for the first layer, H above it.
    pub d_input: usize,
    /// H, the number of hidden units.
    pub d_hidden: usize,
    /// x_t, `[T × d_input]`: the series values for layer 0, the hidden states of the layer below above it.
    pub input: Vec<f32>,
    /// f_t = σ(…), the forget gate (遗忘门), `[T × H]`.
    pub forget_gate: Vec<f32>,
    /// i_t = σ(…), the input gate (输入门), `[T × H]`.
    pub input_gate: Vec<f32>,
    /// g_t = tanh(…), the candidate supply (补给来源), `[T × H]`.
    pub cell_gate: Vec<f32>,
    /// o_t = σ(…), the output gate (输出门), `[T × H]`.
    pub output_gate: Vec<f32>,
    /// c_{t−1}, the main line arriving at step t, `[T × H]`.
    pub cell_prev: Vec<f32>,
    /// k_t = f_t ⊙ c_{t−1}, what the forget gate keeps, `[T × H]`.
    pub kept: Vec<f32>,
    /// j_t = i_t ⊙ g_t, the supply added, `[T × H]`.
    pub added: Vec<f32>,
    /// c_t = k_t + j_t, the main line leaving step t, `[T × H]`.
    pub cell: Vec<f32>,
    /// tanh(c_t), `[T × H]`.
    pub tanh_cell: Vec<f32>,
    /// h_t = o_t ⊙ tanh(c_t), `[T × H]`.
    pub hidden: Vec<f32>,
    /// ‖∂L/∂h_t‖ per step, `[T]`.
    pub d_hidden_norm: Vec<f32>,
    /// ‖∂L/∂c_t‖ per step, `[T]`: the gradient carried along the belt.
    pub d_cell_norm: Vec<f32>,
}

/// The record of one window: per layer, per time step.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Trace {
    /// T, the number of time steps (W for the `Sequence` layout, 1 for `Flat`).
    pub steps: usize,
    /// Index into the series of the month this window predicts.
    pub target_month: usize,
    /// The model's output for this window, in model space.
    pub prediction: f32,
    /// The target, in model space.
    pub target: f32,
    /// The same two in thousands of passengers (the raw series' unit).
    pub prediction_raw: f32,
    /// The true value of the target month, in the raw unit.
    pub actual_raw: f32,
    /// One record per layer, bottom first.
    pub layers: Vec<LayerTrace>,
}

impl LayerTrace {
    /// Builds one layer's record from its forward caches and states (one per step) and its
    /// gradient norms. c_t and h_t are the states the forward pass produced, not recomputed here,
    /// so a test of k_t + j_t = c_t checks the model, not this function.
    pub fn from_steps<F: Float>(
        steps: &[StepCache<F>],
        states: &[LstmState<F>],
        d_hidden_norm: &[f64],
        d_cell_norm: &[f64],
    ) -> Self {
        let state_rows = |f: &dyn Fn(&LstmState<F>) -> &Array2<F>| -> Vec<f32> {
            states
                .iter()
                .flat_map(|s| f(s).row(0).iter().map(|v| v.as_f64() as f32).collect::<Vec<_>>())
                .collect()
        };
        // Row 0 of each `[1, ·]` matrix: traces are taken for a batch of one window.
        let rows = |f: &dyn Fn(&StepCache<F>) -> Array2<F>| -> Vec<f32> {
            steps
                .iter()
                .flat_map(|s| f(s).row(0).iter().map(|v| v.as_f64() as f32).collect::<Vec<_>>())
                .collect()
        };
        LayerTrace {
            d_input: steps[0].input.ncols(),
            d_hidden: steps[0].tanh_cell.ncols(),
            input: rows(&|s| s.input.clone()),
            forget_gate: rows(&|s| s.forget_gate().to_owned()),
            input_gate: rows(&|s| s.input_gate().to_owned()),
            cell_gate: rows(&|s| s.cell_gate().to_owned()),
            output_gate: rows(&|s| s.output_gate().to_owned()),
            cell_prev: rows(&|s| s.cell_prev.clone()),
            kept: rows(&|s| s.kept()),
            added: rows(&|s| s.added()),
            cell: state_rows(&|s| &s.cell),
            tanh_cell: rows(&|s| s.tanh_cell.clone()),
            hidden: state_rows(&|s| &s.hidden),
            d_hidden_norm: d_hidden_norm.iter().map(|&v| v as f32).collect(),
            d_cell_norm: d_cell_norm.iter().map(|&v| v as f32).collect(),
        }
    }

    /// The value of a `[T × H]` row at step t, unit u.
    pub fn at(row: &[f32], d_hidden: usize, t: usize, u: usize) -> f32 {
        row[t * d_hidden + u]
    }
}

impl Trace {
    /// Builds the record of a one-window forward pass and its backward pass.
    pub fn from_lstm<F: Float>(cache: &ForwardCache<F>, flow: &GradientFlow) -> Self {
        let layers = cache
            .steps
            .iter()
            .enumerate()
            .map(|(l, steps)| LayerTrace::from_steps(steps, &cache.states[l], &flow.hidden[l], &flow.cell[l]))
            .collect();
        Trace {
            steps: cache.steps[0].len(),
            layers,
            ..Trace::default()
        }
    }
}
