//! A per-time-step record of one forward and backward pass over one input window: everything
//! the views draw, and the only thing they read.
//!
//! Every row is plain `f32`, laid out time-major: for a layer with H units, `forget_gate[t * H + u]`
//! is f_t of unit u. The views never see the model, so a view can be tested with a hand-made
//! trace. Every cell hands over its rows by name ([`LayerTrace::rows`]); the LSTM's named fields
//! the page's views read are filled from the rows of those names and stay empty for a cell that
//! has no such row.

use crate::model::cell::{CellKind, LayerCache};
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
    /// ‖∂L/∂c_t‖ per step, `[T]`: the gradient carried along the belt; empty for a cell without
    /// a cell state.
    pub d_cell_norm: Vec<f32>,
    /// The cell's rows by name, each `[T × H]`, in the cell's order (lstm: input_gate,
    /// forget_gate, cell_gate, output_gate, cell, hidden; gru: reset_gate, update_gate, new_gate,
    /// hidden; rnn: hidden).
    pub rows: Vec<(String, Vec<f32>)>,
}

/// The record of one window: per layer, per time step.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Trace {
    /// The recurrent cell that made it, which decides the rows its layers hold and the views
    /// drawn from them.
    pub cell: CellKind,
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
    /// Builds one layer's record from its forward cache and its gradient norms. c_t and h_t are
    /// the states the forward pass produced, not recomputed here, so a test of k_t + j_t = c_t
    /// checks the model, not this function.
    pub fn from_cache<F: Float>(cache: &LayerCache<F>, d_hidden_norm: &[f64], d_cell_norm: &[f64]) -> Self {
        // Row 0 of each `[1, ·]` matrix: traces are taken for a batch of one window.
        let flatten = |steps: &[Array2<F>]| -> Vec<f32> {
            steps
                .iter()
                .flat_map(|m| m.row(0).iter().map(|v| v.as_f64() as f32).collect::<Vec<_>>())
                .collect()
        };
        let rows: Vec<(String, Vec<f32>)> = cache
            .rows()
            .into_iter()
            .map(|(name, steps)| (name.to_string(), flatten(&steps)))
            .collect();
        let belt: Vec<(&str, Vec<f32>)> = cache
            .belt_rows()
            .into_iter()
            .map(|(name, steps)| (name, flatten(&steps)))
            .collect();
        let named = |name: &str| -> Vec<f32> {
            rows.iter()
                .map(|(n, v)| (n.as_str(), v))
                .chain(belt.iter().map(|(n, v)| (*n, v)))
                .find(|(n, _)| *n == name)
                .map_or_else(Vec::new, |(_, v)| v.clone())
        };
        let inputs: Vec<Array2<F>> = (0..cache.len()).map(|t| cache.input(t).clone()).collect();
        LayerTrace {
            d_input: cache.input(0).ncols(),
            d_hidden: cache.hidden(0).ncols(),
            input: flatten(&inputs),
            forget_gate: named("forget_gate"),
            input_gate: named("input_gate"),
            cell_gate: named("cell_gate"),
            output_gate: named("output_gate"),
            cell_prev: named("cell_prev"),
            kept: named("kept"),
            added: named("added"),
            cell: named("cell"),
            tanh_cell: named("tanh_cell"),
            hidden: named("hidden"),
            d_hidden_norm: d_hidden_norm.iter().map(|&v| v as f32).collect(),
            d_cell_norm: d_cell_norm.iter().map(|&v| v as f32).collect(),
            rows,
        }
    }

    /// One of [`LayerTrace::rows`] by name, if the cell has it.
    pub fn row(&self, name: &str) -> Option<&[f32]> {
        self.rows.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_slice())
    }

    /// The value of a `[T × H]` row at step t, unit u.
    pub fn at(row: &[f32], d_hidden: usize, t: usize, u: usize) -> f32 {
        row[t * d_hidden + u]
    }
}

impl Trace {
    /// Builds the record of a one-window forward pass and its backward pass, whatever the cell.
    pub fn from_pass<F: Float>(cache: &ForwardCache<F>, flow: &GradientFlow) -> Self {
        let layers = cache
            .layers
            .iter()
            .enumerate()
            .map(|(l, layer)| LayerTrace::from_cache(layer, &flow.hidden[l], &flow.cell[l]))
            .collect();
        Trace {
            cell: cache.layers.first().map_or(CellKind::default(), LayerCache::cell),
            steps: cache.steps(),
            layers,
            ..Trace::default()
        }
    }
}

#[cfg(test)]
impl LayerTrace {
    /// One GRU layer of 1 unit over 2 steps, for the views' unit tests: z = (0.25, 0.5),
    /// n = (0.8, −0.4), so h_1 = 0.75·0.8 + 0.25·0 = 0.6 and h_2 = 0.5·(−0.4) + 0.5·0.6 = 0.1.
    pub(crate) fn one_gru_unit() -> LayerTrace {
        LayerTrace {
            d_input: 1,
            d_hidden: 1,
            input: vec![0.5, -0.5],
            hidden: vec![0.6, 0.1],
            d_hidden_norm: vec![0.1, 0.2],
            rows: vec![
                ("reset_gate".into(), vec![0.9, 0.1]),
                ("update_gate".into(), vec![0.25, 0.5]),
                ("new_gate".into(), vec![0.8, -0.4]),
                ("hidden".into(), vec![0.6, 0.1]),
            ],
            ..LayerTrace::default()
        }
    }
}
