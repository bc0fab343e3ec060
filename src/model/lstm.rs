//! One LSTM layer: the article's three gates and its main line (主线), the cell state.
//!
//! For a batch of B sequences, a layer with d_input inputs and d_hidden = H hidden units takes
//! x_t `[B, d_input]` and the state (h_{t−1}, c_{t−1}) `[B, H]` and computes, per time step t:
//!
//! ```text
//! i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)     input gate   (输入门)
//! f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)     forget gate  (遗忘门)
//! g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)  cell gate, the candidate supply (补给来源)
//! o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)     output gate  (输出门)
//! k_t = f_t ⊙ c_{t−1}                                the kept part of the main line (主线遗忘)
//! j_t = i_t ⊙ g_t                                    the supply added (门控制补给大小)
//! c_t = k_t + j_t                                    the new main line (补给主线)
//! h_t = o_t ⊙ tanh(c_t)                              the output (主线最终输出)
//! ```
//!
//! The article writes each gate as one matrix W_f `[d+h, h]` acting on [h_{t−1}, x_t]; here,
//! as in PyTorch, the four gates are fused into `weight_ih` `[4H, d_input]` and `weight_hh`
//! `[4H, H]` in the gate order (i, f, g, o), with two bias vectors. Row block `gate.rows(H)` of
//! both matrices is the article's W_gate, transposed and split into its x and h columns;
//! [`LstmLayer::gate`] hands out exactly that block.
//!
//! The backward step sits right after the forward step, one section per operation. The network
//! runs a whole window through a layer with [`LstmLayer::forward_sequence_into`] and
//! [`LstmLayer::backward_sequence_into`], reusing the caches and the scratch ([`LstmWork`]) of
//! the step before, and predicts with [`LstmLayer::forward_only`], which keeps no cache. They
//! are the same steps, with the products that do not wait for the recurrence and whose rows are
//! sums of their own — the input's share of the gates, X W_ihᵀ, forward, and ∂L/∂X = ∂L/∂Z · W_ih
//! backward — done once over all T·B rows instead of once per step: the same numbers, bit for
//! bit. The weight gradients ∂L/∂W_ih and ∂L/∂W_hh are sums over the steps as well, but one
//! product over the stacked rows adds them in another order; in f32 that alone moved the
//! defaults' 600-epoch forecast (tests/training.rs, seed 1) from a one-step RMSE of 19.6 to
//! 23.7, inside the spread of the seeds but no longer the same run, so they stay one product
//! per step, summed from step T down.

use super::matmul::add_product;
use super::{sigmoid, tanh, Float};
use crate::rng::Rng;
use ndarray::{linalg::general_mat_mul, s, Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis};
use std::ops::Range;

/// Below this many input features, x_t W_ihᵀ and its gradient are written as sums of `d_input`
/// scaled rows rather than handed to the matrix product, which pads so thin a matrix to the
/// width of its kernel (the first layer of the sequence layout reads one number per step).
const THIN_INPUT: usize = 8;

/// Independent running sums in a reduction: enough for two `f32x4` (`simd128`, SSE) registers.
const LANES: usize = 8;

/// The four gates in PyTorch's fused order (i, f, g, o).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gate {
    /// i_t, 输入门: how much of the supply g_t goes onto the main line.
    Input,
    /// f_t, 遗忘门: how much of the main line c_{t−1} is kept.
    Forget,
    /// g_t, the candidate supply (补给), tanh instead of σ.
    Cell,
    /// o_t, 输出门: how much of tanh(c_t) is read out as h_t.
    Output,
}

impl Gate {
    /// The gates in fused order.
    pub const ALL: [Gate; 4] = [Gate::Input, Gate::Forget, Gate::Cell, Gate::Output];

    /// The rows of the fused `[4H, ·]` weights that belong to this gate.
    pub fn rows(self, d_hidden: usize) -> Range<usize> {
        let k = self as usize;
        k * d_hidden..(k + 1) * d_hidden
    }
}

/// The parameters of one layer, laid out as PyTorch's `nn.LSTM` for layer l:
/// `weight_ih_l{l}`, `weight_hh_l{l}`, `bias_ih_l{l}`, `bias_hh_l{l}`.
#[derive(Clone, Debug, PartialEq)]
pub struct LstmLayer<F> {
    /// W_i·, the input-to-gates weights, `[4H, d_input]`, gate order (i, f, g, o).
    pub weight_ih: Array2<F>,
    /// W_h·, the hidden-to-gates weights, `[4H, H]`.
    pub weight_hh: Array2<F>,
    /// b_i·, `[4H]`.
    pub bias_ih: Array1<F>,
    /// b_h·, `[4H]`.
    pub bias_hh: Array1<F>,
}

/// One gate's share of the fused parameters: the article's W_gate split into its x and h parts.
#[derive(Clone, Debug)]
pub struct GateParams<'a, F> {
    /// W_{i·} for this gate, `[H, d_input]`.
    pub weight_ih: ArrayView2<'a, F>,
    /// W_{h·} for this gate, `[H, H]`.
    pub weight_hh: ArrayView2<'a, F>,
    /// b_{i·} for this gate, `[H]`.
    pub bias_ih: ArrayView1<'a, F>,
    /// b_{h·} for this gate, `[H]`.
    pub bias_hh: ArrayView1<'a, F>,
}

/// The recurrent state of a layer for a batch: h and c, each `[B, H]`.
#[derive(Clone, Debug, PartialEq)]
pub struct LstmState<F> {
    /// h_t, the hidden state (the layer's output).
    pub hidden: Array2<F>,
    /// c_t, the cell state: the main line, the conveyor belt.
    pub cell: Array2<F>,
}

impl<F: Float> LstmState<F> {
    /// The all-zero state every sequence starts from.
    pub fn zeros(batch: usize, d_hidden: usize) -> Self {
        LstmState {
            hidden: Array2::zeros((batch, d_hidden)),
            cell: Array2::zeros((batch, d_hidden)),
        }
    }
}

/// What one forward step keeps for its backward step. Every matrix is `[B, H]` except `input`
/// and `gates`.
#[derive(Clone, Debug, PartialEq)]
pub struct StepCache<F> {
    /// x_t, `[B, d_input]`.
    pub input: Array2<F>,
    /// h_{t−1}.
    pub hidden_prev: Array2<F>,
    /// c_{t−1}.
    pub cell_prev: Array2<F>,
    /// The four activated gates side by side, `[B, 4H]` in the order (i, f, g, o):
    /// i_t = σ(·), f_t = σ(·), g_t = tanh(·), o_t = σ(·). Read them with the accessors below.
    pub gates: Array2<F>,
    /// tanh(c_t).
    pub tanh_cell: Array2<F>,
}

impl<F: Float> StepCache<F> {
    /// One gate's activations, `[B, H]`.
    pub fn gate(&self, gate: Gate) -> ArrayView2<'_, F> {
        let h = self.tanh_cell.ncols();
        self.gates.slice(s![.., gate.rows(h)])
    }
    /// i_t, the input gate.
    pub fn input_gate(&self) -> ArrayView2<'_, F> {
        self.gate(Gate::Input)
    }
    /// f_t, the forget gate.
    pub fn forget_gate(&self) -> ArrayView2<'_, F> {
        self.gate(Gate::Forget)
    }
    /// g_t, the candidate supply.
    pub fn cell_gate(&self) -> ArrayView2<'_, F> {
        self.gate(Gate::Cell)
    }
    /// o_t, the output gate.
    pub fn output_gate(&self) -> ArrayView2<'_, F> {
        self.gate(Gate::Output)
    }
    /// k_t = f_t ⊙ c_{t−1}: what the forget gate keeps of the main line.
    pub fn kept(&self) -> Array2<F> {
        &self.forget_gate() * &self.cell_prev
    }
    /// j_t = i_t ⊙ g_t: the supply the input gate lets onto the main line.
    pub fn added(&self) -> Array2<F> {
        &self.input_gate() * &self.cell_gate()
    }
}

/// What one backward step hands back.
#[derive(Clone, Debug, PartialEq)]
pub struct StepGradients<F> {
    /// ∂L/∂x_t, `[B, d_input]`: for the layer below, or discarded at the bottom.
    pub d_input: Array2<F>,
    /// ∂L/∂h_{t−1} through this step, `[B, H]`.
    pub d_hidden_prev: Array2<F>,
    /// ∂L/∂c_{t−1} through this step (along the belt: ∂L/∂c_t ⊙ f_t), `[B, H]`.
    pub d_cell_prev: Array2<F>,
    /// ∂L/∂c_t in total (from the belt ahead and through h_t), `[B, H]`.
    pub d_cell: Array2<F>,
}

/// What a backward pass over a whole sequence hands back (see [`LstmLayer::backward_sequence`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceGradients<F> {
    /// ∂L/∂x_t for t = 1 … T, each `[B, d_input]`; empty when not asked for (the first layer).
    pub d_input: Vec<Array2<F>>,
    /// ‖∂L/∂h_t‖ per step (Frobenius norm over the batch): the total derivative.
    pub d_hidden_norm: Vec<f64>,
    /// ‖∂L/∂c_t‖ per step: the total derivative, through h_t and along the belt.
    pub d_cell_norm: Vec<f64>,
}

/// The scratch matrices of one layer's sequence passes, kept from one call to the next so that
/// a training step after the first allocates none of them (see
/// [`LstmLayer::forward_sequence_into`], [`LstmLayer::backward_sequence_into`] and
/// [`LstmLayer::forward_only`]). What it holds between calls means nothing, so a clone is
/// empty.
#[derive(Debug, Default)]
pub struct LstmWork<F> {
    /// b_ih + b_hh, `[4H]`.
    bias: Array1<F>,
    /// W_ihᵀ, `[d_input, 4H]`, in standard layout (the browser's product reads rows of b).
    weight_ih_t: Array2<F>,
    /// W_hhᵀ, `[H, 4H]`, in standard layout.
    weight_hh_t: Array2<F>,
    /// x_1 … x_T stacked, `[T·B, d_input]` (a wide input only).
    inputs: Array2<F>,
    /// x_t W_ihᵀ + b_ih + b_hh of every step stacked, `[T·B, 4H]` (a wide input only).
    input_share: Array2<F>,
    /// ∂L/∂z of every step stacked, `[T·B, 4H]`.
    d_z: Array2<F>,
    /// ∂L/∂x_t of every step stacked, `[T·B, d_input]`.
    d_inputs: Array2<F>,
    /// ∂L/∂h_t in total, and the part of it that comes back from step t+1, `[B, H]`.
    d_hidden: Array2<F>,
    d_hidden_next: Array2<F>,
    /// ∂L/∂c_t in total, along the belt to step t−1, and along the belt from step t+1, `[B, H]`.
    d_cell: Array2<F>,
    d_cell_prev: Array2<F>,
    d_cell_next: Array2<F>,
    /// Σ ∂L/∂z over steps and batch, `[4H]`.
    d_bias: Array1<F>,
    /// ∂L/∂W_ihᵀ of a thin input, `[d_input, 4H]`.
    d_weight_ih_t: Array2<F>,
    /// The forward-only pass: the gates of one step `[B, 4H]`, c_t, c_{t−1} and tanh(c_t).
    gates: Array2<F>,
    cell: Array2<F>,
    cell_prev: Array2<F>,
    tanh_cell: Array2<F>,
}

impl<F: Default> Clone for LstmWork<F> {
    /// An empty workspace: scratch is never worth copying.
    fn clone(&self) -> Self {
        LstmWork::default()
    }
}

impl<F: Float> LstmWork<F> {
    /// The layer's fused bias and transposed weights for this call.
    fn prepare(&mut self, layer: &LstmLayer<F>) {
        let (h, d) = (layer.d_hidden(), layer.d_input());
        if self.bias.len() != 4 * h {
            self.bias = Array1::zeros(4 * h);
        }
        self.bias.assign(&layer.bias_ih);
        self.bias += &layer.bias_hh;
        ensure(&mut self.weight_ih_t, d, 4 * h);
        self.weight_ih_t.assign(&layer.weight_ih.t());
        ensure(&mut self.weight_hh_t, h, 4 * h);
        self.weight_hh_t.assign(&layer.weight_hh.t());
    }

    /// `input_share` = X W_ihᵀ + b for the stacked inputs of all steps: one product over T·B
    /// rows, since no step's input waits for the recurrence.
    fn input_share_of<'a>(&mut self, steps: usize, batch: usize, input: &impl Fn(usize) -> ArrayView2<'a, F>)
    where
        F: 'a,
    {
        let (d, gates) = (self.weight_ih_t.nrows(), self.weight_ih_t.ncols());
        ensure(&mut self.inputs, steps * batch, d);
        for t in 0..steps {
            self.inputs
                .slice_mut(s![t * batch..(t + 1) * batch, ..])
                .assign(&input(t));
        }
        ensure(&mut self.input_share, steps * batch, gates);
        for mut row in self.input_share.rows_mut() {
            row.assign(&self.bias);
        }
        add_product(self.inputs.view(), self.weight_ih_t.view(), self.input_share.view_mut());
    }
}

impl<F: Float> StepCache<F> {
    /// A cache of zeros for a batch of `batch`, to be written by a forward step.
    fn zeros(batch: usize, d_input: usize, d_hidden: usize) -> Self {
        StepCache {
            input: Array2::zeros((batch, d_input)),
            hidden_prev: Array2::zeros((batch, d_hidden)),
            cell_prev: Array2::zeros((batch, d_hidden)),
            gates: Array2::zeros((batch, 4 * d_hidden)),
            tanh_cell: Array2::zeros((batch, d_hidden)),
        }
    }
}

impl<F: Float> LstmLayer<F> {
    /// The names of the rows [`LstmLayer::rows`] hands the trace, in its order.
    pub const ROWS: [&'static str; 6] = [
        "input_gate",
        "forget_gate",
        "cell_gate",
        "output_gate",
        "cell",
        "hidden",
    ];

    /// The names of the belt's detail rows [`LstmLayer::belt_rows`] hands the belt view.
    pub const BELT_ROWS: [&'static str; 4] = ["cell_prev", "kept", "added", "tanh_cell"];

    /// The named rows of one step for the trace, each `[B, H]`, in the order of
    /// [`LstmLayer::ROWS`]: i_t, f_t, g_t, o_t, then c_t and h_t of the state the step produced.
    pub fn rows(cache: &StepCache<F>, state: &LstmState<F>) -> Vec<(&'static str, Array2<F>)> {
        let [input, forget, cell_gate, output, cell, hidden] = Self::ROWS;
        vec![
            (input, cache.input_gate().to_owned()),
            (forget, cache.forget_gate().to_owned()),
            (cell_gate, cache.cell_gate().to_owned()),
            (output, cache.output_gate().to_owned()),
            (cell, state.cell.clone()),
            (hidden, state.hidden.clone()),
        ]
    }

    /// The belt's detail of one step, in the order of [`LstmLayer::BELT_ROWS`]: c_{t−1},
    /// k_t = f_t ⊙ c_{t−1}, j_t = i_t ⊙ g_t and tanh(c_t).
    pub fn belt_rows(cache: &StepCache<F>) -> Vec<(&'static str, Array2<F>)> {
        let [cell_prev, kept, added, tanh_cell] = Self::BELT_ROWS;
        vec![
            (cell_prev, cache.cell_prev.clone()),
            (kept, cache.kept()),
            (added, cache.added()),
            (tanh_cell, cache.tanh_cell.clone()),
        ]
    }

    /// A layer of zeros (the shape of a gradient or an optimizer state).
    pub fn zeros(d_input: usize, d_hidden: usize) -> Self {
        LstmLayer {
            weight_ih: Array2::zeros((4 * d_hidden, d_input)),
            weight_hh: Array2::zeros((4 * d_hidden, d_hidden)),
            bias_ih: Array1::zeros(4 * d_hidden),
            bias_hh: Array1::zeros(4 * d_hidden),
        }
    }

    /// PyTorch's initialisation: every weight and bias uniform in ±1/√H, drawn in the order
    /// `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`. With `forget_bias_one`, the forget gate's
    /// total bias b_if + b_hf starts at exactly 1 (b_if = 1, b_hf = 0), as TensorFlow's
    /// `BasicLSTMCell(forget_bias=1.0)` in the article does: the belt starts out mostly kept.
    pub fn init(d_input: usize, d_hidden: usize, forget_bias_one: bool, rng: &mut Rng) -> Self {
        let bound = 1.0 / (d_hidden as f64).sqrt();
        let mut draw = || F::of(rng.uniform(-bound, bound));
        let mut layer = LstmLayer {
            weight_ih: Array2::from_shape_simple_fn((4 * d_hidden, d_input), &mut draw),
            weight_hh: Array2::from_shape_simple_fn((4 * d_hidden, d_hidden), &mut draw),
            bias_ih: Array1::from_shape_simple_fn(4 * d_hidden, &mut draw),
            bias_hh: Array1::from_shape_simple_fn(4 * d_hidden, &mut draw),
        };
        if forget_bias_one {
            let rows = Gate::Forget.rows(d_hidden);
            layer.bias_ih.slice_mut(s![rows.clone()]).fill(F::one());
            layer.bias_hh.slice_mut(s![rows]).fill(F::zero());
        }
        layer
    }

    /// d_input, the width of x_t.
    pub fn d_input(&self) -> usize {
        self.weight_ih.ncols()
    }

    /// H, the number of hidden units.
    pub fn d_hidden(&self) -> usize {
        self.weight_hh.ncols()
    }

    /// One gate's block of the fused parameters.
    pub fn gate(&self, gate: Gate) -> GateParams<'_, F> {
        let rows = gate.rows(self.d_hidden());
        GateParams {
            weight_ih: self.weight_ih.slice(s![rows.clone(), ..]),
            weight_hh: self.weight_hh.slice(s![rows.clone(), ..]),
            bias_ih: self.bias_ih.slice(s![rows.clone()]),
            bias_hh: self.bias_hh.slice(s![rows]),
        }
    }

    /// The input gate's parameters (W_ii, W_hi, b_ii, b_hi).
    pub fn input_gate(&self) -> GateParams<'_, F> {
        self.gate(Gate::Input)
    }
    /// The forget gate's parameters (W_if, W_hf, b_if, b_hf).
    pub fn forget_gate(&self) -> GateParams<'_, F> {
        self.gate(Gate::Forget)
    }
    /// The cell gate's (candidate's) parameters (W_ig, W_hg, b_ig, b_hg).
    pub fn cell_gate(&self) -> GateParams<'_, F> {
        self.gate(Gate::Cell)
    }
    /// The output gate's parameters (W_io, W_ho, b_io, b_ho).
    pub fn output_gate(&self) -> GateParams<'_, F> {
        self.gate(Gate::Output)
    }

    /// The article's parameter count for this layer: (h·(h + x) + h)·4.
    pub fn article_param_count(d_input: usize, d_hidden: usize) -> usize {
        (d_hidden * (d_hidden + d_input) + d_hidden) * 4
    }

    // ---------------------------------------------------------------------------------------
    // Forward step
    // ---------------------------------------------------------------------------------------

    /// One time step forward for a batch: the equations at the top of this file.
    ///
    /// Returns the new state (h_t, c_t) and the cache its backward step needs.
    pub fn step_forward(&self, input: &Array2<F>, state: &LstmState<F>) -> (LstmState<F>, StepCache<F>) {
        let h = self.d_hidden();
        let batch = input.nrows();

        // Pre-activations of all four gates at once: z = x_t W_ihᵀ + h_{t−1} W_hhᵀ + b_ih + b_hh.
        let bias = &self.bias_ih + &self.bias_hh;
        let mut gates = Array2::<F>::zeros((batch, 4 * h));
        gates.rows_mut().into_iter().for_each(|mut row| row.assign(&bias));
        general_mat_mul(F::one(), input, &self.weight_ih.t(), F::one(), &mut gates);
        general_mat_mul(F::one(), &state.hidden, &self.weight_hh.t(), F::one(), &mut gates);

        self.finish_step(input, state, gates)
    }

    /// The rest of a forward step once the pre-activations z `[B, 4H]` are known: the gates, the
    /// main line and the output, one sequence at a time (`gates` turns from pre-activations into
    /// activations in place), and the cache.
    fn finish_step(
        &self,
        input: &Array2<F>,
        state: &LstmState<F>,
        mut gates: Array2<F>,
    ) -> (LstmState<F>, StepCache<F>) {
        let (batch, h) = (gates.nrows(), self.d_hidden());
        let mut cell = Array2::<F>::zeros((batch, h));
        let mut tanh_cell = Array2::<F>::zeros((batch, h));
        let mut hidden = Array2::<F>::zeros((batch, h));
        activate_rows(
            gates.view_mut(),
            state.cell.view(),
            cell.view_mut(),
            tanh_cell.view_mut(),
            hidden.view_mut(),
        );

        let cache = StepCache {
            input: input.clone(),
            hidden_prev: state.hidden.clone(),
            cell_prev: state.cell.clone(),
            gates,
            tanh_cell,
        };
        (LstmState { hidden, cell }, cache)
    }

    /// [`LstmLayer::step_forward`] over a whole sequence x_1 … x_T (each `[B, d_input]`) from
    /// the zero state: the states h_t, c_t and the caches of every step, the same as calling
    /// `step_forward` T times (see [`LstmLayer::forward_sequence_into`], which this calls with
    /// fresh buffers).
    pub fn forward_sequence(&self, inputs: &[&Array2<F>]) -> (Vec<LstmState<F>>, Vec<StepCache<F>>) {
        let (mut states, mut caches) = (Vec::new(), Vec::new());
        let mut work = LstmWork::default();
        self.forward_sequence_into(inputs.len(), |t| inputs[t].view(), &mut states, &mut caches, &mut work);
        (states, caches)
    }

    /// [`LstmLayer::forward_sequence`] into the states and caches of an earlier call, reused
    /// where their shape fits, with `work` as scratch: a training step after the first
    /// allocates none of them. `input(t)` is x_t, `[B, d_input]`, for t < `steps`.
    ///
    /// The input's share of the gates, x_t W_ihᵀ + b_ih + b_hh, does not wait for the
    /// recurrence: for a wide input it is one product over all T·B rows before the first step;
    /// a thin input (the series, one number per step) is added as scaled rows of W_ihᵀ. The
    /// first step skips h_0 W_hhᵀ, which is zero.
    pub fn forward_sequence_into<'a>(
        &self,
        steps: usize,
        input: impl Fn(usize) -> ArrayView2<'a, F>,
        states: &mut Vec<LstmState<F>>,
        caches: &mut Vec<StepCache<F>>,
        work: &mut LstmWork<F>,
    ) where
        F: 'a,
    {
        let (h, d) = (self.d_hidden(), self.d_input());
        let batch = if steps == 0 { 0 } else { input(0).nrows() };
        let fits = caches.len() == steps
            && states.len() == steps
            && caches
                .first()
                .is_none_or(|c| c.input.dim() == (batch, d) && c.tanh_cell.dim() == (batch, h));
        if !fits {
            caches.clear();
            states.clear();
            caches.extend((0..steps).map(|_| StepCache::zeros(batch, d, h)));
            states.extend((0..steps).map(|_| LstmState::zeros(batch, h)));
        }
        work.prepare(self);
        let thin = d < THIN_INPUT;
        if !thin {
            work.input_share_of(steps, batch, &input);
        }
        for (t, cache) in caches.iter_mut().enumerate() {
            let x = input(t);
            let (done, rest) = states.split_at_mut(t);
            let next = &mut rest[0];
            cache.input.assign(&x);
            match done.last() {
                Some(prev) => {
                    cache.hidden_prev.assign(&prev.hidden);
                    cache.cell_prev.assign(&prev.cell);
                }
                None => {
                    cache.hidden_prev.fill(F::zero());
                    cache.cell_prev.fill(F::zero());
                }
            }
            // z = x_t W_ihᵀ + b_ih + b_hh + h_{t−1} W_hhᵀ.
            if thin {
                bias_plus_thin_product(&work.bias, x, &work.weight_ih_t, cache.gates.view_mut());
            } else {
                cache
                    .gates
                    .assign(&work.input_share.slice(s![t * batch..(t + 1) * batch, ..]));
            }
            if t > 0 {
                add_product(
                    cache.hidden_prev.view(),
                    work.weight_hh_t.view(),
                    cache.gates.view_mut(),
                );
            }
            activate_rows(
                cache.gates.view_mut(),
                cache.cell_prev.view(),
                next.cell.view_mut(),
                cache.tanh_cell.view_mut(),
                next.hidden.view_mut(),
            );
        }
    }

    /// The forward pass without what a backward pass needs: the same arithmetic as
    /// [`LstmLayer::forward_sequence_into`] (so the same h_t, bit for bit), but only h_t is
    /// kept, stacked in `hidden` `[T·B, H]` (rows t·B … (t+1)·B − 1 are step t), and c_t lives
    /// in one `[B, H]` buffer of `work`. For the test loss, the one-step predictions and the
    /// recursive forecast, which never go backwards.
    pub fn forward_only<'a>(
        &self,
        steps: usize,
        input: impl Fn(usize) -> ArrayView2<'a, F>,
        hidden: &mut Array2<F>,
        work: &mut LstmWork<F>,
    ) where
        F: 'a,
    {
        let (h, d) = (self.d_hidden(), self.d_input());
        let batch = if steps == 0 { 0 } else { input(0).nrows() };
        work.prepare(self);
        ensure(hidden, steps * batch, h);
        ensure(&mut work.gates, batch, 4 * h);
        ensure(&mut work.cell, batch, h);
        ensure(&mut work.cell_prev, batch, h);
        ensure(&mut work.tanh_cell, batch, h);
        work.cell_prev.fill(F::zero());
        let thin = d < THIN_INPUT;
        if !thin {
            work.input_share_of(steps, batch, &input);
        }
        for t in 0..steps {
            if thin {
                bias_plus_thin_product(&work.bias, input(t), &work.weight_ih_t, work.gates.view_mut());
            } else {
                work.gates
                    .assign(&work.input_share.slice(s![t * batch..(t + 1) * batch, ..]));
            }
            let (before, from_t) = hidden.view_mut().split_at(Axis(0), t * batch);
            if t > 0 {
                let prev = before.slice(s![(t - 1) * batch.., ..]);
                add_product(prev, work.weight_hh_t.view(), work.gates.view_mut());
            }
            activate_rows(
                work.gates.view_mut(),
                work.cell_prev.view(),
                work.cell.view_mut(),
                work.tanh_cell.view_mut(),
                from_t.slice_move(s![..batch, ..]),
            );
            std::mem::swap(&mut work.cell, &mut work.cell_prev);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Backward step
    // ---------------------------------------------------------------------------------------

    /// One time step backward.
    ///
    /// `d_hidden` is ∂L/∂h_t in total (from the head or the layer above, and from step t+1);
    /// `d_cell_next` is ∂L/∂c_t along the belt only (∂L/∂c_{t+1} ⊙ f_{t+1}, zero at the last
    /// step). Adds ∂L/∂θ of this step into `grads` and returns the derivatives for step t−1 and
    /// for the input:
    ///
    /// ```text
    /// ∂L/∂o_t     = ∂L/∂h_t ⊙ tanh(c_t)
    /// ∂L/∂c_t     = ∂L/∂c_t(belt) + ∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²(c_t))
    /// ∂L/∂f_t     = ∂L/∂c_t ⊙ c_{t−1}        ∂L/∂c_{t−1} = ∂L/∂c_t ⊙ f_t
    /// ∂L/∂i_t     = ∂L/∂c_t ⊙ g_t            ∂L/∂g_t     = ∂L/∂c_t ⊙ i_t
    /// ∂L/∂z_σ     = ∂L/∂σ ⊙ σ(1 − σ)          ∂L/∂z_g     = ∂L/∂g_t ⊙ (1 − g_t²)
    /// ∂L/∂W_ih   += ∂L/∂zᵀ · x_t             ∂L/∂W_hh   += ∂L/∂zᵀ · h_{t−1}
    /// ∂L/∂b_ih   += Σ_batch ∂L/∂z            ∂L/∂b_hh   += Σ_batch ∂L/∂z
    /// ∂L/∂x_t     = ∂L/∂z · W_ih             ∂L/∂h_{t−1} = ∂L/∂z · W_hh
    /// ```
    pub fn step_backward(
        &self,
        cache: &StepCache<F>,
        d_hidden: &Array2<F>,
        d_cell_next: &Array2<F>,
        grads: &mut LstmLayer<F>,
    ) -> StepGradients<F> {
        let one = F::one();
        let mut d_z = Array2::<F>::zeros((d_hidden.nrows(), 4 * self.d_hidden()));
        let mut d_cell = Array2::<F>::zeros(d_hidden.dim());
        let mut d_cell_prev = Array2::<F>::zeros(d_hidden.dim());
        gates_backward(
            cache,
            d_hidden,
            d_cell_next,
            d_z.view_mut(),
            &mut d_cell,
            &mut d_cell_prev,
        );

        // Through z = x_t W_ihᵀ + h_{t−1} W_hhᵀ + b_ih + b_hh.
        general_mat_mul(one, &d_z.t(), &cache.input, one, &mut grads.weight_ih);
        general_mat_mul(one, &d_z.t(), &cache.hidden_prev, one, &mut grads.weight_hh);
        let d_bias = d_z.sum_axis(Axis(0));
        grads.bias_ih += &d_bias;
        grads.bias_hh += &d_bias;

        StepGradients {
            d_input: d_z.dot(&self.weight_ih),
            d_hidden_prev: d_z.dot(&self.weight_hh),
            d_cell_prev,
            d_cell,
        }
    }

    /// [`LstmLayer::step_backward`] over a whole sequence, from step T down to step 1, as the
    /// network's back-propagation through time calls it. `caches` are the forward caches of
    /// steps 1 … T (from [`LstmLayer::forward_sequence`]); `d_from_above[t]` is ∂L/∂h_t arriving
    /// from outside the layer's own recurrence (the head at the last step of the top layer, the
    /// layer above otherwise), `[B, H]` each. Adds ∂L/∂θ into `grads` and returns ∂L/∂x_t of
    /// every step when `want_d_input` (the layer below needs it; the first layer does not) and
    /// the gradient norms per step. Calls [`LstmLayer::backward_sequence_into`] with fresh
    /// buffers.
    pub fn backward_sequence(
        &self,
        caches: &[StepCache<F>],
        d_from_above: &[Array2<F>],
        grads: &mut LstmLayer<F>,
        want_d_input: bool,
    ) -> SequenceGradients<F> {
        let mut out = SequenceGradients {
            d_input: Vec::new(),
            d_hidden_norm: Vec::new(),
            d_cell_norm: Vec::new(),
        };
        let d_input = if want_d_input { Some(&mut out.d_input) } else { None };
        let mut work = LstmWork::default();
        self.backward_sequence_into(
            caches,
            d_from_above,
            grads,
            d_input,
            (&mut out.d_hidden_norm, &mut out.d_cell_norm),
            &mut work,
        );
        out
    }

    /// [`LstmLayer::backward_sequence`] into the buffers of an earlier call: ∂L/∂x_t into
    /// `d_input` when given (its matrices reused where their shape fits), the norms ‖∂L/∂h_t‖
    /// and ‖∂L/∂c_t‖ into `norms`, with `work` as scratch.
    ///
    /// The same sums as T calls of `step_backward`, in the same order, leaving out what is
    /// known to be zero or unused: ∂L/∂W_hh gets nothing from the first step (h_0 = 0),
    /// ∂L/∂h_0 is not computed, nor ∂L/∂x_t of the first layer; a thin input's ∂L/∂W_ih is
    /// summed as scaled rows. ∂L/∂z of every step is kept, stacked `[T·B, 4H]`, and ∂L/∂x_t,
    /// which no step waits for, is one product over all T·B rows after the recurrence:
    /// ∂L/∂X = ∂L/∂Z · W_ih. Each row of it is the same sum as its own step's product, so the
    /// numbers are the same bit for bit.
    pub fn backward_sequence_into(
        &self,
        caches: &[StepCache<F>],
        d_from_above: &[Array2<F>],
        grads: &mut LstmLayer<F>,
        d_input: Option<&mut Vec<Array2<F>>>,
        norms: (&mut Vec<f64>, &mut Vec<f64>),
        work: &mut LstmWork<F>,
    ) {
        let (h, d, steps) = (self.d_hidden(), self.d_input(), caches.len());
        let batch = caches.first().map_or(0, |c| c.gates.nrows());
        let thin = d < THIN_INPUT;
        ensure(&mut work.d_z, steps * batch, 4 * h);
        for a in [
            &mut work.d_hidden,
            &mut work.d_hidden_next,
            &mut work.d_cell,
            &mut work.d_cell_prev,
            &mut work.d_cell_next,
        ] {
            ensure(a, batch, h);
            a.fill(F::zero());
        }
        if work.d_bias.len() != 4 * h {
            work.d_bias = Array1::zeros(4 * h);
        }
        work.d_bias.fill(F::zero());
        // ∂L/∂W_ih of a thin input, transposed `[d_input, 4H]` so that each feature is one row.
        ensure(&mut work.d_weight_ih_t, if thin { d } else { 0 }, 4 * h);
        work.d_weight_ih_t.fill(F::zero());
        let (d_hidden_norm, d_cell_norm) = norms;
        d_hidden_norm.clear();
        d_hidden_norm.resize(steps, 0.0);
        d_cell_norm.clear();
        d_cell_norm.resize(steps, 0.0);

        for t in (0..steps).rev() {
            let cache = &caches[t];
            work.d_hidden.assign(&d_from_above[t]);
            work.d_hidden += &work.d_hidden_next;
            let mut d_z = work.d_z.slice_mut(s![t * batch..(t + 1) * batch, ..]);
            gates_backward(
                cache,
                &work.d_hidden,
                &work.d_cell_next,
                d_z.view_mut(),
                &mut work.d_cell,
                &mut work.d_cell_prev,
            );
            d_hidden_norm[t] = frobenius(&work.d_hidden);
            d_cell_norm[t] = frobenius(&work.d_cell);

            // A thin input's ∂L/∂W_ihᵀ[k] gains Σ_b x_t[b, k] · ∂L/∂z[b], in the same pass as
            // the bias.
            let thin_weight = if thin { Some(&mut work.d_weight_ih_t) } else { None };
            add_bias_and_thin_input_gradients(d_z.view(), cache.input.view(), &mut work.d_bias, thin_weight);
            // The weight gradients stay one product per step, summed from step T down, as T
            // calls of `step_backward` sum them: one product over the stacked rows would
            // reassociate the f32 sum (see the module documentation).
            if !thin {
                add_product(d_z.t(), cache.input.view(), grads.weight_ih.view_mut());
            }
            if t > 0 {
                add_product(d_z.t(), cache.hidden_prev.view(), grads.weight_hh.view_mut());
                work.d_hidden_next.fill(F::zero());
                add_product(d_z.view(), self.weight_hh.view(), work.d_hidden_next.view_mut());
            }
            std::mem::swap(&mut work.d_cell_next, &mut work.d_cell_prev);
        }

        if thin {
            grads.weight_ih += &work.d_weight_ih_t.t();
        }
        grads.bias_ih += &work.d_bias;
        grads.bias_hh += &work.d_bias;
        if let Some(d_input) = d_input {
            ensure(&mut work.d_inputs, steps * batch, d);
            work.d_inputs.fill(F::zero());
            add_product(work.d_z.view(), self.weight_ih.view(), work.d_inputs.view_mut());
            if d_input.len() != steps || d_input.first().is_some_and(|x| x.dim() != (batch, d)) {
                d_input.clear();
                d_input.extend((0..steps).map(|_| Array2::zeros((batch, d))));
            }
            for (t, d_x) in d_input.iter_mut().enumerate() {
                d_x.assign(&work.d_inputs.slice(s![t * batch..(t + 1) * batch, ..]));
            }
        }
    }
}

/// Through h_t = o_t ⊙ tanh(c_t), c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t and the activations, into
/// the fused pre-activation: writes ∂L/∂z `[B, 4H]` into `d_z`, the total ∂L/∂c_t into `d_cell`
/// and ∂L/∂c_{t−1} along the belt into `d_cell_prev`, one sequence at a time (see
/// [`LstmLayer::step_backward`]).
fn gates_backward<F: Float>(
    cache: &StepCache<F>,
    d_hidden: &Array2<F>,
    d_cell_next: &Array2<F>,
    mut d_z: ArrayViewMut2<'_, F>,
    d_cell: &mut Array2<F>,
    d_cell_prev: &mut Array2<F>,
) {
    let h = cache.tanh_cell.ncols();
    let batch = d_hidden.nrows();
    for b in 0..batch {
        let gates = cache.gates.row(b).to_slice().expect("row-major");
        let (i, f, g, o) = (
            &gates[..h],
            &gates[h..2 * h],
            &gates[2 * h..3 * h],
            &gates[3 * h..4 * h],
        );
        let c_prev = &cache.cell_prev.row(b).to_slice().expect("row-major")[..h];
        let tc = &cache.tanh_cell.row(b).to_slice().expect("row-major")[..h];
        let dh = &d_hidden.row(b).to_slice().expect("row-major")[..h];
        let dc_next = &d_cell_next.row(b).to_slice().expect("row-major")[..h];
        let dz = d_z.row_mut(b).into_slice().expect("row-major");
        let (dz_i, rest) = dz.split_at_mut(h);
        let (dz_f, rest) = rest.split_at_mut(h);
        let (dz_g, dz_o) = rest.split_at_mut(h);
        let dc = &mut d_cell.row_mut(b).into_slice().expect("row-major")[..h];
        let dc_prev = &mut d_cell_prev.row_mut(b).into_slice().expect("row-major")[..h];
        activate_backward(
            [i, f, g, o],
            c_prev,
            tc,
            dh,
            dc_next,
            [dz_i, dz_f, dz_g, dz_o],
            dc,
            dc_prev,
        );
    }
}

/// out = b + x · w for a thin `x` `[m, k]` (k below [`THIN_INPUT`]), with `w` `[k, n]`: row i
/// is b + Σ_p x[i, p] · (row p of w), written in one pass over contiguous rows that vectorises
/// (the matrix product would pad so thin a matrix to the width of its kernel).
fn bias_plus_thin_product<F: Float>(
    bias: &Array1<F>,
    x: ArrayView2<'_, F>,
    w: &Array2<F>,
    mut out: ArrayViewMut2<'_, F>,
) {
    let bias = bias.as_slice().expect("standard layout");
    for (x_row, mut out_row) in x.rows().into_iter().zip(out.rows_mut()) {
        let row = out_row.as_slice_mut().expect("standard layout");
        row.copy_from_slice(bias);
        for (p, w_row) in w.rows().into_iter().enumerate() {
            let (x_p, w_row) = (x_row[p], w_row.to_slice().expect("standard layout"));
            for (z, &w) in row.iter_mut().zip(w_row) {
                *z += x_p * w;
            }
        }
    }
}

/// The element-wise part of a forward step for every sequence of the batch: turns the
/// pre-activations `gates` `[B, 4H]` into the gates in place and writes c_t, tanh(c_t) and h_t
/// (each `[B, H]`) from c_{t−1}, one sequence at a time (see [`activate`]).
fn activate_rows<F: Float>(
    mut gates: ArrayViewMut2<'_, F>,
    cell_prev: ArrayView2<'_, F>,
    mut cell: ArrayViewMut2<'_, F>,
    mut tanh_cell: ArrayViewMut2<'_, F>,
    mut hidden: ArrayViewMut2<'_, F>,
) {
    let h = cell.ncols();
    for b in 0..gates.nrows() {
        let z = gates.row_mut(b).into_slice().expect("row-major");
        let (i, rest) = z.split_at_mut(h);
        let (f, rest) = rest.split_at_mut(h);
        let (g, o) = rest.split_at_mut(h);
        let c_prev = &cell_prev.row(b).to_slice().expect("row-major")[..h];
        let c = &mut cell.row_mut(b).into_slice().expect("row-major")[..h];
        let tc = &mut tanh_cell.row_mut(b).into_slice().expect("row-major")[..h];
        let h_out = &mut hidden.row_mut(b).into_slice().expect("row-major")[..h];
        activate(i, f, g, o, c_prev, c, tc, h_out);
    }
}

/// Makes `a` a `[rows, cols]` matrix, allocating only when its shape changes (the values are
/// whatever they were, or zero when new).
fn ensure<F: Float>(a: &mut Array2<F>, rows: usize, cols: usize) {
    if a.dim() != (rows, cols) {
        *a = Array2::zeros((rows, cols));
    }
}

/// Adds Σ_rows ∂L/∂z_row to `d_bias` and, for a thin input, Σ_rows x_row[k] · ∂L/∂z_row to row
/// k of `d_weight_t` (∂L/∂W_ih transposed), in one pass over the rows of ∂L/∂z.
fn add_bias_and_thin_input_gradients<F: Float>(
    d_z: ArrayView2<'_, F>,
    input: ArrayView2<'_, F>,
    d_bias: &mut Array1<F>,
    d_weight_t: Option<&mut Array2<F>>,
) {
    let d_bias = d_bias.as_slice_mut().expect("standard layout");
    let mut d_weight_t = d_weight_t;
    for (d_z_row, x_row) in d_z.rows().into_iter().zip(input.rows()) {
        let d_z_row = d_z_row.to_slice().expect("standard layout");
        for (sum, &dz) in d_bias.iter_mut().zip(d_z_row) {
            *sum += dz;
        }
        if let Some(d_weight_t) = d_weight_t.as_deref_mut() {
            for (k, mut row) in d_weight_t.rows_mut().into_iter().enumerate() {
                let x_k = x_row[k];
                for (sum, &dz) in row.as_slice_mut().expect("standard layout").iter_mut().zip(d_z_row) {
                    *sum += x_k * dz;
                }
            }
        }
    }
}

/// √(Σ a²) over a matrix, in f64: the size of a gradient over the whole batch. The squares are
/// summed in [`LANES`] running sums, which the compiler keeps in vector registers (one running
/// sum is a chain of dependent additions that it may not reorder).
pub fn frobenius<F: Float>(a: &Array2<F>) -> f64 {
    let values = a.as_slice().expect("standard layout");
    let chunks = values.chunks_exact(LANES);
    let rest: f64 = chunks.remainder().iter().map(|&x| x.as_f64() * x.as_f64()).sum();
    let mut sums = [F::zero(); LANES];
    for chunk in chunks {
        for (sum, &x) in sums.iter_mut().zip(chunk) {
            *sum += x * x;
        }
    }
    (sums.iter().map(|s| s.as_f64()).sum::<f64>() + rest).sqrt()
}

/// The element-wise part of the forward step for one sequence: turns the pre-activations
/// (z_i, z_f, z_g, z_o) into the gates in place and computes c_t, tanh(c_t) and h_t. A function
/// of its own so that the compiler knows the slices do not overlap and vectorizes the loop.
#[allow(clippy::too_many_arguments)]
#[inline]
fn activate<F: Float>(
    i: &mut [F],
    f: &mut [F],
    g: &mut [F],
    o: &mut [F],
    cell_prev: &[F],
    cell: &mut [F],
    tanh_cell: &mut [F],
    hidden: &mut [F],
) {
    let h = i.len();
    let (f, g, o) = (&mut f[..h], &mut g[..h], &mut o[..h]);
    let (cell_prev, cell, tanh_cell, hidden) = (&cell_prev[..h], &mut cell[..h], &mut tanh_cell[..h], &mut hidden[..h]);
    for u in 0..h {
        i[u] = sigmoid(i[u]); // i_t = σ(z_i)
        f[u] = sigmoid(f[u]); // f_t = σ(z_f)
        g[u] = tanh(g[u]); //    g_t = tanh(z_g)
        o[u] = sigmoid(o[u]); // o_t = σ(z_o)
        cell[u] = f[u] * cell_prev[u] + i[u] * g[u]; // c_t = k_t + j_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
        tanh_cell[u] = tanh(cell[u]);
        hidden[u] = o[u] * tanh_cell[u]; // h_t = o_t ⊙ tanh(c_t)
    }
}

/// The element-wise part of the backward step for one sequence (see [`LstmLayer::step_backward`]):
/// from ∂L/∂h_t and the belt's ∂L/∂c_t to ∂L/∂z of the four gates, the total ∂L/∂c_t and
/// ∂L/∂c_{t−1}.
#[allow(clippy::too_many_arguments)]
#[inline]
fn activate_backward<F: Float>(
    [i, f, g, o]: [&[F]; 4],
    cell_prev: &[F],
    tanh_cell: &[F],
    d_hidden: &[F],
    d_cell_next: &[F],
    [dz_i, dz_f, dz_g, dz_o]: [&mut [F]; 4],
    d_cell: &mut [F],
    d_cell_prev: &mut [F],
) {
    let h = i.len();
    let one = F::one();
    let (f, g, o, cell_prev, tanh_cell) = (&f[..h], &g[..h], &o[..h], &cell_prev[..h], &tanh_cell[..h]);
    let (d_hidden, d_cell_next) = (&d_hidden[..h], &d_cell_next[..h]);
    let (dz_i, dz_f, dz_g, dz_o) = (&mut dz_i[..h], &mut dz_f[..h], &mut dz_g[..h], &mut dz_o[..h]);
    let (d_cell, d_cell_prev) = (&mut d_cell[..h], &mut d_cell_prev[..h]);
    for u in 0..h {
        let tc = tanh_cell[u];
        let d_o = d_hidden[u] * tc; //                                      ∂L/∂o_t
        let dc = d_cell_next[u] + d_hidden[u] * o[u] * (one - tc * tc); // ∂L/∂c_t
        d_cell[u] = dc;
        d_cell_prev[u] = dc * f[u]; //                                     ∂L/∂c_{t−1} along the belt
        dz_i[u] = dc * g[u] * i[u] * (one - i[u]); //        ∂L/∂i_t = ∂L/∂c_t ⊙ g_t, times σ'
        dz_f[u] = dc * cell_prev[u] * f[u] * (one - f[u]); // ∂L/∂f_t = ∂L/∂c_t ⊙ c_{t−1}, times σ'
        dz_g[u] = dc * i[u] * (one - g[u] * g[u]); //         ∂L/∂g_t = ∂L/∂c_t ⊙ i_t, times tanh'
        dz_o[u] = d_o * o[u] * (one - o[u]); //                                              σ'
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// One unit, one input, one step, written out by hand.
    ///
    /// Weights (gate order i, f, g, o): W_ih = (0.5, −0.5, 1.0, 0.25)ᵀ, W_hh = (0.1, 0.2, −0.3, 0.4)ᵀ,
    /// b_ih = (0, 1, 0, 0), b_hh = (0.1, 0, 0, −0.1); x = 2, h_{−1} = 0.5, c_{−1} = −1.
    ///
    /// ```text
    /// z_i = 0.5·2 + 0.1·0.5 + 0 + 0.1   = 1.15   i = σ(1.15)  = 0.759511
    /// z_f = −0.5·2 + 0.2·0.5 + 1 + 0    = 0.10   f = σ(0.10)  = 0.524979
    /// z_g = 1.0·2 − 0.3·0.5 + 0 + 0     = 1.85   g = tanh(1.85) = 0.951746
    /// z_o = 0.25·2 + 0.4·0.5 + 0 − 0.1  = 0.60   o = σ(0.60)  = 0.645656
    /// k = f·c_{−1} = −0.524979     j = i·g = 0.722861
    /// c = k + j = 0.197882         h = o·tanh(c) = 0.645656·0.195339 = 0.126122
    /// ```
    #[test]
    fn one_unit_one_step_by_hand() {
        let layer = LstmLayer {
            weight_ih: array![[0.5_f64], [-0.5], [1.0], [0.25]],
            weight_hh: array![[0.1], [0.2], [-0.3], [0.4]],
            bias_ih: array![0.0, 1.0, 0.0, 0.0],
            bias_hh: array![0.1, 0.0, 0.0, -0.1],
        };
        let state = LstmState {
            hidden: array![[0.5]],
            cell: array![[-1.0]],
        };
        let (next, cache) = layer.step_forward(&array![[2.0]], &state);
        let close = |a: f64, b: f64| assert!((a - b).abs() < 5e-7, "{a} vs {b}");
        close(cache.input_gate()[[0, 0]], 0.759511);
        close(cache.forget_gate()[[0, 0]], 0.524979);
        close(cache.cell_gate()[[0, 0]], 0.951746);
        close(cache.output_gate()[[0, 0]], 0.645656);
        close(cache.kept()[[0, 0]], -0.524979);
        close(cache.added()[[0, 0]], 0.722861);
        close(next.cell[[0, 0]], 0.197882);
        close(next.hidden[[0, 0]], 0.126122);
    }

    #[test]
    fn gate_accessors_pick_the_fused_blocks() {
        let mut rng = Rng::new(1);
        let layer = LstmLayer::<f64>::init(3, 2, false, &mut rng);
        let f = layer.forget_gate();
        assert_eq!(f.weight_ih.shape(), &[2, 3]);
        assert_eq!(f.weight_hh.shape(), &[2, 2]);
        assert_eq!(f.weight_ih[[1, 2]], layer.weight_ih[[3, 2]]);
        assert_eq!(layer.output_gate().bias_hh[0], layer.bias_hh[6]);
        assert_eq!(layer.cell_gate().weight_hh[[0, 1]], layer.weight_hh[[4, 1]]);
        assert_eq!(layer.input_gate().bias_ih[1], layer.bias_ih[1]);
    }

    #[test]
    fn init_is_bounded_seeded_and_sets_the_forget_bias() {
        let a = LstmLayer::<f64>::init(1, 40, true, &mut Rng::new(9));
        let b = LstmLayer::<f64>::init(1, 40, true, &mut Rng::new(9));
        assert_eq!(a, b);
        let bound = 1.0 / 40f64.sqrt();
        assert!(a.weight_hh.iter().all(|w| w.abs() <= bound));
        assert!(a.forget_gate().bias_ih.iter().all(|&b| b == 1.0));
        assert!(a.forget_gate().bias_hh.iter().all(|&b| b == 0.0));
        assert!(a.input_gate().bias_ih.iter().all(|b| b.abs() <= bound));
    }

    /// The sequence versions do exactly what T calls of the step versions do, for a layer with
    /// one input (the thin path) and one with many (the matrix product), in f64.
    #[test]
    fn the_sequence_passes_equal_the_step_by_step_ones() {
        for d_input in [1, 9] {
            let mut rng = Rng::new(4);
            let layer = LstmLayer::<f64>::init(d_input, 5, true, &mut rng);
            let (batch, steps) = (3, 4);
            let mut draw = || rng.uniform(-1.0, 1.0);
            let inputs: Vec<Array2<f64>> = (0..steps)
                .map(|_| Array2::from_shape_simple_fn((batch, d_input), &mut draw))
                .collect();
            let d_above: Vec<Array2<f64>> = (0..steps)
                .map(|_| Array2::from_shape_simple_fn((batch, 5), &mut draw))
                .collect();

            // Step by step, as the equations at the top of the file say.
            let mut state = LstmState::zeros(batch, 5);
            let mut caches = Vec::new();
            let mut states = Vec::new();
            for x in &inputs {
                let (next, cache) = layer.step_forward(x, &state);
                caches.push(cache);
                states.push(next.clone());
                state = next;
            }
            let mut grads = LstmLayer::zeros(d_input, 5);
            let (mut d_hidden_next, mut d_cell_next) = (Array2::zeros((batch, 5)), Array2::zeros((batch, 5)));
            let mut d_inputs = vec![Array2::zeros((batch, d_input)); steps];
            for t in (0..steps).rev() {
                let d_hidden = &d_above[t] + &d_hidden_next;
                let step = layer.step_backward(&caches[t], &d_hidden, &d_cell_next, &mut grads);
                d_inputs[t] = step.d_input;
                d_hidden_next = step.d_hidden_prev;
                d_cell_next = step.d_cell_prev;
            }

            // The whole sequence at once.
            let refs: Vec<&Array2<f64>> = inputs.iter().collect();
            let (seq_states, seq_caches) = layer.forward_sequence(&refs);
            let mut seq_grads = LstmLayer::zeros(d_input, 5);
            let seq = layer.backward_sequence(&seq_caches, &d_above, &mut seq_grads, true);

            let close = |a: &Array2<f64>, b: &Array2<f64>| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
            for t in 0..steps {
                assert!(close(&seq_states[t].hidden, &states[t].hidden), "h at step {t}");
                assert!(close(&seq_states[t].cell, &states[t].cell), "c at step {t}");
                assert!(close(&seq_caches[t].gates, &caches[t].gates), "gates at step {t}");
                assert!(close(&seq.d_input[t], &d_inputs[t]), "dx at step {t}");
            }
            assert!(close(&seq_grads.weight_ih, &grads.weight_ih), "d_input {d_input}: W_ih");
            assert!(close(&seq_grads.weight_hh, &grads.weight_hh), "W_hh");
            let close1 = |a: &Array1<f64>, b: &Array1<f64>| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
            assert!(close1(&seq_grads.bias_ih, &grads.bias_ih) && close1(&seq_grads.bias_hh, &grads.bias_hh));
            assert!(layer
                .backward_sequence(&seq_caches, &d_above, &mut LstmLayer::zeros(d_input, 5), false)
                .d_input
                .is_empty());
        }
    }

    #[test]
    fn article_formula_for_one_layer() {
        // H = 40, x = 1: (40·41 + 40)·4 = 6,720; x = 12: (40·52 + 40)·4 = 8,480.
        assert_eq!(LstmLayer::<f32>::article_param_count(1, 40), 6_720);
        assert_eq!(LstmLayer::<f32>::article_param_count(12, 40), 8_480);
    }
}
