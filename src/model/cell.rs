//! The seam between the stacked network and the recurrent cells: one registry of the cells the
//! engine can run, and one layer type that is any of them.
//!
//! Every cell reads x_t and its state and writes h_t; they differ in what else they carry:
//!
//! ```text
//! lstm:  (h_t, c_t) = LSTM(x_t, h_{t−1}, c_{t−1})   four gates (i, f, g, o), a cell state c_t
//! gru:   h_t        = GRU(x_t, h_{t−1})             three gates (r, z, n)
//! rnn:   h_t        = tanh(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh)
//! ```
//!
//! Each cell's file ([`super::lstm`], [`super::gru`], [`super::rnn`]) owns its forward, its
//! hand-written backward and its cache; this file only dispatches to them. It is an enum, not a
//! trait with an associated state type: the trainer, the snapshots and the weights file hold a
//! network whose cell is chosen at run time (from a setting or a file), and an enum keeps
//! [`super::network::NetworkParams`] one concrete, cloneable, comparable type with one
//! [`super::ParamSet`] implementation, with no boxing and no generic parameter spreading into
//! `Regressor`, `Trainer` and `Snapshots`. A match per operation costs nothing next to a step.
//!
//! All three cells keep PyTorch's four tensors per layer (`weight_ih`, `weight_hh`, `bias_ih`,
//! `bias_hh`) with `gates × H` rows, so a layer is visited the same way whatever its cell.

use super::gru::{GruLayer, GruStepCache};
use super::lstm::{LstmLayer, LstmState, LstmWork, StepCache};
use super::rnn::{RnnLayer, RnnStepCache};
use super::Float;
use crate::rng::Rng;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which recurrent cell the layers of a network are: the registry of cells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    /// Long short-term memory (PyTorch's `nn.LSTM`): gates i, f, g, o and a cell state.
    #[default]
    Lstm,
    /// Gated recurrent unit (PyTorch's `nn.GRU`): gates r, z, n.
    Gru,
    /// The plain tanh recurrent network (PyTorch's `nn.RNN`).
    Rnn,
}

impl CellKind {
    /// Every cell, in the order the settings list them.
    pub const ALL: [CellKind; 3] = [CellKind::Lstm, CellKind::Gru, CellKind::Rnn];

    /// The cell's name: `"lstm"`, `"gru"` or `"rnn"`, also the prefix of its tensors' names
    /// (PyTorch's attribute name for the module).
    pub fn name(self) -> &'static str {
        match self {
            CellKind::Lstm => "lstm",
            CellKind::Gru => "gru",
            CellKind::Rnn => "rnn",
        }
    }

    /// The cell of a name, or `None`.
    pub fn from_name(name: &str) -> Option<Self> {
        CellKind::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The number of fused gate blocks in the weights: 4 (LSTM), 3 (GRU), 1 (RNN).
    pub fn gates(self) -> usize {
        match self {
            CellKind::Lstm => 4,
            CellKind::Gru => 3,
            CellKind::Rnn => 1,
        }
    }

    /// True for the cells with a cell state c_t beside h_t (the LSTM only).
    pub fn has_cell_state(self) -> bool {
        self == CellKind::Lstm
    }

    /// The names of the rows the cell hands the trace, in its order (its file's `ROWS`).
    pub fn row_names(self) -> &'static [&'static str] {
        match self {
            CellKind::Lstm => &LstmLayer::<f64>::ROWS,
            CellKind::Gru => &GruLayer::<f64>::ROWS,
            CellKind::Rnn => &RnnLayer::<f64>::ROWS,
        }
    }
}

impl fmt::Display for CellKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One recurrent layer of any cell; its gradient has this type too.
#[derive(Clone, Debug, PartialEq)]
pub enum Layer<F> {
    /// An LSTM layer.
    Lstm(LstmLayer<F>),
    /// A GRU layer.
    Gru(GruLayer<F>),
    /// A plain RNN layer.
    Rnn(RnnLayer<F>),
}

/// The four tensors every layer has, whatever its cell.
pub struct Tensors<'a, F> {
    /// W_ih, `[gates·H, d_input]`.
    pub weight_ih: &'a Array2<F>,
    /// W_hh, `[gates·H, H]`.
    pub weight_hh: &'a Array2<F>,
    /// b_ih, `[gates·H]`.
    pub bias_ih: &'a Array1<F>,
    /// b_hh, `[gates·H]`.
    pub bias_hh: &'a Array1<F>,
}

/// The four tensors, mutable.
pub struct TensorsMut<'a, F> {
    /// W_ih.
    pub weight_ih: &'a mut Array2<F>,
    /// W_hh.
    pub weight_hh: &'a mut Array2<F>,
    /// b_ih.
    pub bias_ih: &'a mut Array1<F>,
    /// b_hh.
    pub bias_hh: &'a mut Array1<F>,
}

/// What one layer's forward pass over a sequence keeps: the cell's own caches, one per step,
/// and its states.
#[derive(Clone, Debug)]
pub enum LayerCache<F> {
    /// LSTM: the step caches and the states (h_t, c_t) after each step.
    Lstm {
        /// `steps[t]`: the cache of step t.
        steps: Vec<StepCache<F>>,
        /// `states[t]`: (h_t, c_t).
        states: Vec<LstmState<F>>,
    },
    /// GRU: the step caches (each holds its h_t).
    Gru(Vec<GruStepCache<F>>),
    /// RNN: the step caches (each holds its h_t).
    Rnn(Vec<RnnStepCache<F>>),
}

/// What one layer's backward pass over a sequence hands back besides ∂L/∂θ.
#[derive(Clone, Debug)]
pub struct LayerGradients<F> {
    /// ∂L/∂x_t for t = 1 … T, `[B, d_input]` each: the layer below's extra ∂L/∂h_t. Empty when
    /// not asked for (the first layer).
    pub d_input: Vec<Array2<F>>,
    /// ‖∂L/∂h_t‖ per step: the total derivative (from outside the layer and through h_{t+1}).
    pub d_hidden_norm: Vec<f64>,
    /// ‖∂L/∂c_t‖ per step, total (through h_t and along the belt); empty for cells without c_t.
    pub d_cell_norm: Vec<f64>,
}

impl<F: Float> Layer<F> {
    /// A layer of zeros of the given cell (the shape of a gradient or optimizer state).
    pub fn zeros(cell: CellKind, d_input: usize, d_hidden: usize) -> Self {
        match cell {
            CellKind::Lstm => Layer::Lstm(LstmLayer::zeros(d_input, d_hidden)),
            CellKind::Gru => Layer::Gru(GruLayer::zeros(d_input, d_hidden)),
            CellKind::Rnn => Layer::Rnn(RnnLayer::zeros(d_input, d_hidden)),
        }
    }

    /// PyTorch's initialisation, U(±1/√H) for every tensor, drawn from `rng`. `forget_bias_one`
    /// concerns the LSTM's forget gate only; the other cells have none.
    pub fn init(cell: CellKind, d_input: usize, d_hidden: usize, forget_bias_one: bool, rng: &mut Rng) -> Self {
        match cell {
            CellKind::Lstm => Layer::Lstm(LstmLayer::init(d_input, d_hidden, forget_bias_one, rng)),
            CellKind::Gru => Layer::Gru(GruLayer::init(d_input, d_hidden, rng)),
            CellKind::Rnn => Layer::Rnn(RnnLayer::init(d_input, d_hidden, rng)),
        }
    }

    /// Which cell this layer is.
    pub fn cell(&self) -> CellKind {
        match self {
            Layer::Lstm(_) => CellKind::Lstm,
            Layer::Gru(_) => CellKind::Gru,
            Layer::Rnn(_) => CellKind::Rnn,
        }
    }

    /// The four tensors.
    pub fn tensors(&self) -> Tensors<'_, F> {
        match self {
            Layer::Lstm(l) => Tensors {
                weight_ih: &l.weight_ih,
                weight_hh: &l.weight_hh,
                bias_ih: &l.bias_ih,
                bias_hh: &l.bias_hh,
            },
            Layer::Gru(l) => Tensors {
                weight_ih: &l.weight_ih,
                weight_hh: &l.weight_hh,
                bias_ih: &l.bias_ih,
                bias_hh: &l.bias_hh,
            },
            Layer::Rnn(l) => Tensors {
                weight_ih: &l.weight_ih,
                weight_hh: &l.weight_hh,
                bias_ih: &l.bias_ih,
                bias_hh: &l.bias_hh,
            },
        }
    }

    /// The four tensors, mutable.
    pub fn tensors_mut(&mut self) -> TensorsMut<'_, F> {
        match self {
            Layer::Lstm(l) => TensorsMut {
                weight_ih: &mut l.weight_ih,
                weight_hh: &mut l.weight_hh,
                bias_ih: &mut l.bias_ih,
                bias_hh: &mut l.bias_hh,
            },
            Layer::Gru(l) => TensorsMut {
                weight_ih: &mut l.weight_ih,
                weight_hh: &mut l.weight_hh,
                bias_ih: &mut l.bias_ih,
                bias_hh: &mut l.bias_hh,
            },
            Layer::Rnn(l) => TensorsMut {
                weight_ih: &mut l.weight_ih,
                weight_hh: &mut l.weight_hh,
                bias_ih: &mut l.bias_ih,
                bias_hh: &mut l.bias_hh,
            },
        }
    }

    /// d_input, the width of x_t.
    pub fn d_input(&self) -> usize {
        self.tensors().weight_ih.ncols()
    }

    /// H, the hidden units.
    pub fn d_hidden(&self) -> usize {
        self.tensors().weight_hh.ncols()
    }

    /// The same layer in another float type.
    pub fn cast<G: Float>(&self) -> Layer<G> {
        let t = self.tensors();
        let mut out = Layer::zeros(self.cell(), self.d_input(), self.d_hidden());
        let o = out.tensors_mut();
        *o.weight_ih = t.weight_ih.mapv(|x| G::of(x.as_f64()));
        *o.weight_hh = t.weight_hh.mapv(|x| G::of(x.as_f64()));
        *o.bias_ih = t.bias_ih.mapv(|x| G::of(x.as_f64()));
        *o.bias_hh = t.bias_hh.mapv(|x| G::of(x.as_f64()));
        out
    }

    /// The distinct parameters: PyTorch's two biases are one where only their sum matters
    /// (every block of the LSTM and the RNN, the r and z blocks of the GRU); the GRU's b_hn is
    /// scaled by r_t and so counts on its own.
    pub fn distinct_count(&self) -> usize {
        let t = self.tensors();
        let shared_bias = t.bias_ih.len();
        let own_bias = if let Layer::Gru(_) = self { self.d_hidden() } else { 0 };
        t.weight_ih.len() + t.weight_hh.len() + shared_bias + own_bias
    }

    /// The cell's forward pass over x_1 … x_T from the zero state.
    pub fn forward_sequence(&self, inputs: &[&Array2<F>]) -> LayerCache<F> {
        match self {
            Layer::Lstm(l) => {
                // The LSTM's tuned sequence kernel.
                let (states, steps) = l.forward_sequence(inputs);
                LayerCache::Lstm { steps, states }
            }
            Layer::Gru(l) => LayerCache::Gru(l.forward_sequence(inputs).1),
            Layer::Rnn(l) => LayerCache::Rnn(l.forward_sequence(inputs).1),
        }
    }

    /// [`Layer::forward_sequence`] into the cache of an earlier call, with `work` as scratch.
    /// The LSTM reuses the cache's matrices where their shape fits, so that a training step
    /// after the first allocates none; the GRU and the RNN build a new cache (their passes are
    /// written for reading, one line per equation). `input(t)` is x_t for t < `steps`.
    pub fn forward_sequence_into<'a>(
        &self,
        steps: usize,
        input: impl Fn(usize) -> &'a Array2<F>,
        cache: &mut LayerCache<F>,
        work: &mut LstmWork<F>,
    ) where
        F: 'a,
    {
        match self {
            Layer::Lstm(l) => {
                if !matches!(cache, LayerCache::Lstm { .. }) {
                    *cache = LayerCache::Lstm {
                        steps: Vec::new(),
                        states: Vec::new(),
                    };
                }
                if let LayerCache::Lstm { steps: caches, states } = cache {
                    l.forward_sequence_into(steps, |t| input(t).view(), states, caches, work);
                }
            }
            _ => {
                let inputs: Vec<&Array2<F>> = (0..steps).map(input).collect();
                *cache = self.forward_sequence(&inputs);
            }
        }
    }

    /// [`Layer::backward_sequence`] into the buffers of an earlier call: ∂L/∂x_t into
    /// `d_input` when given, the norms ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖ into `norms` (the second stays
    /// empty for cells without c_t). The LSTM reuses them and `work`; the other cells allocate.
    pub fn backward_sequence_into(
        &self,
        cache: &LayerCache<F>,
        d_from_above: &[Array2<F>],
        grads: &mut Layer<F>,
        d_input: Option<&mut Vec<Array2<F>>>,
        norms: (&mut Vec<f64>, &mut Vec<f64>),
        work: &mut LstmWork<F>,
    ) {
        match (self, cache, &mut *grads) {
            (Layer::Lstm(l), LayerCache::Lstm { steps, .. }, Layer::Lstm(g)) => {
                l.backward_sequence_into(steps, d_from_above, g, d_input, norms, work);
            }
            _ => {
                let s = self.backward_sequence(cache, d_from_above, grads, d_input.is_some());
                if let Some(d_input) = d_input {
                    *d_input = s.d_input;
                }
                *norms.0 = s.d_hidden_norm;
                *norms.1 = s.d_cell_norm;
            }
        }
    }

    /// The cell's backward pass through time (see each cell's `backward_sequence`): adds ∂L/∂θ
    /// into `grads` (a layer of the same cell and shape) and returns ∂L/∂x_t when
    /// `want_d_input`, with the gradient norms per step.
    pub fn backward_sequence(
        &self,
        cache: &LayerCache<F>,
        d_from_above: &[Array2<F>],
        grads: &mut Layer<F>,
        want_d_input: bool,
    ) -> LayerGradients<F> {
        match (self, cache, grads) {
            (Layer::Lstm(l), LayerCache::Lstm { steps, .. }, Layer::Lstm(g)) => {
                let s = l.backward_sequence(steps, d_from_above, g, want_d_input);
                LayerGradients {
                    d_input: s.d_input,
                    d_hidden_norm: s.d_hidden_norm,
                    d_cell_norm: s.d_cell_norm,
                }
            }
            (Layer::Gru(l), LayerCache::Gru(steps), Layer::Gru(g)) => {
                let s = l.backward_sequence(steps, d_from_above);
                *g += &s.params;
                LayerGradients {
                    d_input: if want_d_input { s.d_input } else { Vec::new() },
                    d_hidden_norm: s.d_hidden_norm,
                    d_cell_norm: Vec::new(),
                }
            }
            (Layer::Rnn(l), LayerCache::Rnn(steps), Layer::Rnn(g)) => {
                let s = l.backward_sequence(steps, d_from_above);
                *g += &s.params;
                LayerGradients {
                    d_input: if want_d_input { s.d_input } else { Vec::new() },
                    d_hidden_norm: s.d_hidden_norm,
                    d_cell_norm: Vec::new(),
                }
            }
            _ => panic!("a layer, its cache and its gradient must be of one cell"),
        }
    }
}

impl<F: Float> LayerCache<F> {
    /// Which cell made this cache.
    pub fn cell(&self) -> CellKind {
        match self {
            LayerCache::Lstm { .. } => CellKind::Lstm,
            LayerCache::Gru(_) => CellKind::Gru,
            LayerCache::Rnn(_) => CellKind::Rnn,
        }
    }

    /// The number of time steps.
    pub fn len(&self) -> usize {
        match self {
            LayerCache::Lstm { steps, .. } => steps.len(),
            LayerCache::Gru(steps) => steps.len(),
            LayerCache::Rnn(steps) => steps.len(),
        }
    }

    /// True when there is no step.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// h_t after step t, `[B, H]`: the layer's output, the next layer's input.
    pub fn hidden(&self, t: usize) -> &Array2<F> {
        match self {
            LayerCache::Lstm { states, .. } => &states[t].hidden,
            LayerCache::Gru(steps) => &steps[t].hidden,
            LayerCache::Rnn(steps) => &steps[t].hidden,
        }
    }

    /// The LSTM's states (h_t, c_t) after every step, or `None` for another cell.
    pub fn lstm_states(&self) -> Option<&[LstmState<F>]> {
        match self {
            LayerCache::Lstm { states, .. } => Some(states),
            _ => None,
        }
    }

    /// x_t of step t, `[B, d_input]`.
    pub fn input(&self, t: usize) -> &Array2<F> {
        match self {
            LayerCache::Lstm { steps, .. } => &steps[t].input,
            LayerCache::Gru(steps) => &steps[t].input,
            LayerCache::Rnn(steps) => &steps[t].input,
        }
    }

    /// The cell's named rows, each with one `[B, H]` matrix per step, as the cell hands them
    /// over (lstm: input_gate, forget_gate, cell_gate, output_gate, cell, hidden; gru:
    /// reset_gate, update_gate, new_gate, hidden; rnn: hidden).
    pub fn rows(&self) -> Vec<(&'static str, Vec<Array2<F>>)> {
        let per_step: Vec<Vec<(&'static str, Array2<F>)>> = match self {
            LayerCache::Lstm { steps, states } => {
                steps.iter().zip(states).map(|(c, s)| LstmLayer::rows(c, s)).collect()
            }
            LayerCache::Gru(steps) => steps.iter().map(GruLayer::rows).collect(),
            LayerCache::Rnn(steps) => steps.iter().map(RnnLayer::rows).collect(),
        };
        gather(per_step)
    }

    /// The LSTM's conveyor-belt detail the belt view draws (cell_prev, kept, added, tanh_cell),
    /// by name; empty for the other cells.
    pub fn belt_rows(&self) -> Vec<(&'static str, Vec<Array2<F>>)> {
        match self {
            LayerCache::Lstm { steps, .. } => gather(steps.iter().map(LstmLayer::belt_rows).collect()),
            _ => Vec::new(),
        }
    }
}

/// Turns per-step lists of named rows into one list of rows, each with its steps in order.
fn gather<F>(per_step: Vec<Vec<(&'static str, Array2<F>)>>) -> Vec<(&'static str, Vec<Array2<F>>)> {
    let mut out: Vec<(&'static str, Vec<Array2<F>>)> = Vec::new();
    for step in per_step {
        for (k, (name, values)) in step.into_iter().enumerate() {
            if out.len() <= k {
                out.push((name, Vec::new()));
            }
            out[k].1.push(values);
        }
    }
    out
}
