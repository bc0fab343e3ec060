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
//! The backward step sits right after the forward step, one section per operation.

use super::{sigmoid, tanh, Float};
use crate::rng::Rng;
use ndarray::{linalg::general_mat_mul, s, Array1, Array2, ArrayView1, ArrayView2, Axis};
use std::ops::Range;

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

impl<F: Float> LstmLayer<F> {
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

        // The gates, the main line and the output, one sequence at a time. `gates` turns from
        // pre-activations into activations in place.
        let mut cell = Array2::<F>::zeros((batch, h));
        let mut tanh_cell = Array2::<F>::zeros((batch, h));
        let mut hidden = Array2::<F>::zeros((batch, h));
        for b in 0..batch {
            let z = gates.row_mut(b).into_slice().expect("row-major");
            let (i, rest) = z.split_at_mut(h);
            let (f, rest) = rest.split_at_mut(h);
            let (g, o) = rest.split_at_mut(h);
            let c_prev = &state.cell.row(b).to_slice().expect("row-major")[..h];
            let c = &mut cell.row_mut(b).into_slice().expect("row-major")[..h];
            let tc = &mut tanh_cell.row_mut(b).into_slice().expect("row-major")[..h];
            let h_out = &mut hidden.row_mut(b).into_slice().expect("row-major")[..h];
            activate(i, f, g, o, c_prev, c, tc, h_out);
        }

        let cache = StepCache {
            input: input.clone(),
            hidden_prev: state.hidden.clone(),
            cell_prev: state.cell.clone(),
            gates,
            tanh_cell,
        };
        (LstmState { hidden, cell }, cache)
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
        let h = self.d_hidden();
        let batch = d_hidden.nrows();
        let one = F::one();

        // Through h_t = o_t ⊙ tanh(c_t), c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t and the activations,
        // into the fused pre-activation z `[B, 4H]`, one sequence at a time.
        let mut d_z = Array2::<F>::zeros((batch, 4 * h));
        let mut d_cell = Array2::<F>::zeros((batch, h));
        let mut d_cell_prev = Array2::<F>::zeros((batch, h));
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

    #[test]
    fn article_formula_for_one_layer() {
        // H = 40, x = 1: (40·41 + 40)·4 = 6,720; x = 12: (40·52 + 40)·4 = 8,480.
        assert_eq!(LstmLayer::<f32>::article_param_count(1, 40), 6_720);
        assert_eq!(LstmLayer::<f32>::article_param_count(12, 40), 8_480);
    }
}
