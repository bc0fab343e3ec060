//! One GRU layer (Cho et al. 2014), exactly as PyTorch's `nn.GRU` computes it.
//!
//! The GRU drops the LSTM's separate cell state: the hidden state h is both the memory and the
//! output. Two gates decide, per unit, how much of the old memory a step reads (the reset gate)
//! and how much of it survives into the new state (the update gate). For a batch of B sequences,
//! a layer with d_input = d inputs and d_hidden = H units takes x_t `[B, d]` and h_{t−1} `[B, H]`
//! and computes, per time step t:
//!
//! ```text
//! r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)          reset gate
//! z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)          update gate
//! n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))  new gate, the candidate state
//! h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}                     the new hidden state
//! ```
//!
//! z_t close to 1 keeps h_{t−1} as it is (the GRU's version of the LSTM's kept belt, with the
//! input gate tied to 1 − z_t); r_t close to 0 makes the candidate n_t ignore the old state.
//! Note where the reset gate sits: PyTorch (and cuDNN) apply it *after* the recurrent product,
//! r_t ⊙ (W_hn h_{t−1} + b_hn). The original paper applies it before, W_hn (r_t ⊙ h_{t−1});
//! the two differ, and this file follows PyTorch.
//!
//! # Parameters
//!
//! As in PyTorch, the three gates are fused into `weight_ih` `[3H, d]`, `weight_hh` `[3H, H]`,
//! `bias_ih` `[3H]` and `bias_hh` `[3H]`, in the gate order (r, z, n). Row block
//! [`GruGate::rows`] of each belongs to one gate, and [`GruLayer::reset_gate`],
//! [`GruLayer::update_gate`] and [`GruLayer::new_gate`] hand out exactly those blocks. A layer
//! has 3·(H·(H + d) + 2H) numbers, PyTorch's `numel()` total ([`GruLayer::param_count`]).
//!
//! # The forward step as two affine maps and an element-wise part
//!
//! Write the input's share and the hidden state's share of the three pre-activations as
//!
//! ```text
//! a_t = x_t W_ihᵀ + b_ih        [B, 3H], blocks (a_r, a_z, a_n)
//! u_t = h_{t−1} W_hhᵀ + b_hh    [B, 3H], blocks (u_r, u_z, u_n)
//! ```
//!
//! so that r_t = σ(a_r + u_r), z_t = σ(a_z + u_z), n_t = tanh(a_n + r_t ⊙ u_n). Unlike the LSTM,
//! the two shares cannot simply be added: u_n is needed on its own (it is kept in the cache as
//! [`GruStepCache::new_gate_hh`]).
//!
//! # The backward step, derived
//!
//! Given ∂L/∂h_t (in total: from the head or the layer above, and from step t+1), the chain
//! rule through the four equations, last one first:
//!
//! ```text
//! h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
//!     ∂L/∂n_t        = ∂L/∂h_t ⊙ (1 − z_t)
//!     ∂L/∂z_t        = ∂L/∂h_t ⊙ (h_{t−1} − n_t)
//!     ∂L/∂h_{t−1}    = ∂L/∂h_t ⊙ z_t  + (the path through u_t, below)
//! n_t = tanh(a_n + r_t ⊙ u_n)              tanh′ = 1 − tanh²
//!     ∂L/∂a_n        = ∂L/∂n_t ⊙ (1 − n_t²)
//!     ∂L/∂r_t        = ∂L/∂a_n ⊙ u_n
//!     ∂L/∂u_n        = ∂L/∂a_n ⊙ r_t
//! z_t = σ(a_z + u_z), r_t = σ(a_r + u_r)     σ′ = σ(1 − σ)
//!     ∂L/∂a_z = ∂L/∂u_z = ∂L/∂z_t ⊙ z_t ⊙ (1 − z_t)
//!     ∂L/∂a_r = ∂L/∂u_r = ∂L/∂r_t ⊙ r_t ⊙ (1 − r_t)
//! a_t = x_t W_ihᵀ + b_ih,  u_t = h_{t−1} W_hhᵀ + b_hh
//!     ∂L/∂W_ih += ∂L/∂aᵀ · x_t             ∂L/∂W_hh += ∂L/∂uᵀ · h_{t−1}
//!     ∂L/∂b_ih += Σ_batch ∂L/∂a            ∂L/∂b_hh += Σ_batch ∂L/∂u
//!     ∂L/∂x_t   = ∂L/∂a · W_ih             ∂L/∂h_{t−1} = ∂L/∂h_t ⊙ z_t + ∂L/∂u · W_hh
//! ```
//!
//! ∂L/∂a and ∂L/∂u agree in the r and z blocks and differ in the n block by the factor r_t, so
//! ∂L/∂b_hn ≠ ∂L/∂b_in: unlike the LSTM's two bias vectors, the GRU's are not redundant in the
//! new gate. [`GruStepGradients`] keeps both, as `d_gates_ih` and `d_gates_hh`.
//!
//! [`GruLayer::forward_sequence`] and [`GruLayer::backward_sequence`] run a whole window through
//! the layer by calling the step functions, so there is one copy of the math. Every step is
//! written with whole-matrix operations, one line per equation, for reading rather than speed.

use super::lstm::{frobenius, GateParams};
use super::{sigmoid, tanh, Float};
use crate::rng::Rng;
use ndarray::{concatenate, s, Array1, Array2, ArrayView2, Axis};
use std::ops::{AddAssign, Range};

/// The three gates in PyTorch's fused order (r, z, n).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GruGate {
    /// r_t: how much of the old state's recurrent term the candidate n_t reads.
    Reset,
    /// z_t: how much of h_{t−1} is kept as it is in h_t (the rest, 1 − z_t, is n_t).
    Update,
    /// n_t: the candidate new state, tanh instead of σ.
    New,
}

impl GruGate {
    /// The gates in fused order.
    pub const ALL: [GruGate; 3] = [GruGate::Reset, GruGate::Update, GruGate::New];

    /// The rows of the fused `[3H, ·]` weights (and the columns of a `[B, 3H]` activation) that
    /// belong to this gate.
    pub fn rows(self, d_hidden: usize) -> Range<usize> {
        let k = self as usize;
        k * d_hidden..(k + 1) * d_hidden
    }
}

/// The parameters of one layer, laid out as PyTorch's `nn.GRU` for layer l:
/// `weight_ih_l{l}`, `weight_hh_l{l}`, `bias_ih_l{l}`, `bias_hh_l{l}`. A gradient has this type too.
#[derive(Clone, Debug, PartialEq)]
pub struct GruLayer<F> {
    /// W_i· = (W_ir; W_iz; W_in), the input-to-gates weights, `[3H, d_input]`.
    pub weight_ih: Array2<F>,
    /// W_h· = (W_hr; W_hz; W_hn), the hidden-to-gates weights, `[3H, H]`.
    pub weight_hh: Array2<F>,
    /// b_i· = (b_ir; b_iz; b_in), `[3H]`.
    pub bias_ih: Array1<F>,
    /// b_h· = (b_hr; b_hz; b_hn), `[3H]`.
    pub bias_hh: Array1<F>,
}

/// What one forward step keeps for its backward step and for the trace. Every matrix is
/// `[B, H]` except `input` and `gates`.
#[derive(Clone, Debug, PartialEq)]
pub struct GruStepCache<F> {
    /// x_t, `[B, d_input]`.
    pub input: Array2<F>,
    /// h_{t−1}, the state the step started from.
    pub hidden_prev: Array2<F>,
    /// The three activated gates side by side, `[B, 3H]` in the order (r, z, n):
    /// r_t = σ(·), z_t = σ(·), n_t = tanh(·). Read them with the accessors below.
    pub gates: Array2<F>,
    /// u_n = W_hn h_{t−1} + b_hn: the old state's share of the new gate, before the reset gate
    /// scales it (∂L/∂r_t needs it).
    pub new_gate_hh: Array2<F>,
    /// h_t, the step's output and the next step's state.
    pub hidden: Array2<F>,
}

impl<F: Float> GruStepCache<F> {
    /// One gate's activations, `[B, H]`.
    pub fn gate(&self, gate: GruGate) -> ArrayView2<'_, F> {
        let h = self.hidden.ncols();
        self.gates.slice(s![.., gate.rows(h)])
    }
    /// r_t, the reset gate.
    pub fn reset_gate(&self) -> ArrayView2<'_, F> {
        self.gate(GruGate::Reset)
    }
    /// z_t, the update gate.
    pub fn update_gate(&self) -> ArrayView2<'_, F> {
        self.gate(GruGate::Update)
    }
    /// n_t, the new gate (the candidate state).
    pub fn new_gate(&self) -> ArrayView2<'_, F> {
        self.gate(GruGate::New)
    }
}

/// What one backward step hands back besides ∂L/∂x_t and ∂L/∂h_{t−1}.
#[derive(Clone, Debug, PartialEq)]
pub struct GruStepGradients<F> {
    /// ∂L/∂W_ih, ∂L/∂W_hh, ∂L/∂b_ih and ∂L/∂b_hh from this step alone, in the layer's own shape.
    pub params: GruLayer<F>,
    /// ∂L/∂a_t, `[B, 3H]` in the order (r, z, n): the derivative with respect to the input's
    /// share of the pre-activations, a_t = x_t W_ihᵀ + b_ih.
    pub d_gates_ih: Array2<F>,
    /// ∂L/∂u_t, `[B, 3H]`: the derivative with respect to the old state's share,
    /// u_t = h_{t−1} W_hhᵀ + b_hh. Equal to `d_gates_ih` in the r and z blocks; r_t ⊙ it in the
    /// n block.
    pub d_gates_hh: Array2<F>,
}

/// What a backward pass over a whole sequence hands back (see [`GruLayer::backward_sequence`]).
#[derive(Clone, Debug, PartialEq)]
pub struct GruSequenceGradients<F> {
    /// ∂L/∂θ summed over every time step, in the layer's own shape.
    pub params: GruLayer<F>,
    /// ∂L/∂x_t for t = 1 … T, each `[B, d_input]`: the layer below's extra ∂L/∂h_t.
    pub d_input: Vec<Array2<F>>,
    /// ‖∂L/∂h_t‖ per step (Frobenius norm over the batch) of the total derivative: from outside
    /// the layer and through h_{t+1}.
    pub d_hidden_norm: Vec<f64>,
}

impl<F: Float> GruLayer<F> {
    /// The names of the rows [`GruLayer::rows`] hands the trace, in its order.
    pub const ROWS: [&'static str; 4] = ["reset_gate", "update_gate", "new_gate", "hidden"];

    /// A layer of zeros (the shape of a gradient).
    pub fn zeros(d_input: usize, d_hidden: usize) -> Self {
        GruLayer {
            weight_ih: Array2::zeros((3 * d_hidden, d_input)),
            weight_hh: Array2::zeros((3 * d_hidden, d_hidden)),
            bias_ih: Array1::zeros(3 * d_hidden),
            bias_hh: Array1::zeros(3 * d_hidden),
        }
    }

    /// PyTorch's initialisation: every weight and bias uniform in ±1/√H, drawn in the order
    /// `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`, each in row-major order.
    pub fn init(d_input: usize, d_hidden: usize, rng: &mut Rng) -> Self {
        let bound = 1.0 / (d_hidden as f64).sqrt();
        let mut draw = || F::of(rng.uniform(-bound, bound));
        GruLayer {
            weight_ih: Array2::from_shape_simple_fn((3 * d_hidden, d_input), &mut draw),
            weight_hh: Array2::from_shape_simple_fn((3 * d_hidden, d_hidden), &mut draw),
            bias_ih: Array1::from_shape_simple_fn(3 * d_hidden, &mut draw),
            bias_hh: Array1::from_shape_simple_fn(3 * d_hidden, &mut draw),
        }
    }

    /// d_input, the width of x_t.
    pub fn d_input(&self) -> usize {
        self.weight_ih.ncols()
    }

    /// H, the number of hidden units.
    pub fn d_hidden(&self) -> usize {
        self.weight_hh.ncols()
    }

    /// The numbers in one layer as PyTorch counts them (`numel()` over the four tensors, both
    /// bias vectors included): 3·(H·(H + d) + 2H).
    pub fn param_count(d_input: usize, d_hidden: usize) -> usize {
        3 * (d_hidden * (d_hidden + d_input) + 2 * d_hidden)
    }

    /// One gate's block of the fused parameters.
    pub fn gate(&self, gate: GruGate) -> GateParams<'_, F> {
        let rows = gate.rows(self.d_hidden());
        GateParams {
            weight_ih: self.weight_ih.slice(s![rows.clone(), ..]),
            weight_hh: self.weight_hh.slice(s![rows.clone(), ..]),
            bias_ih: self.bias_ih.slice(s![rows.clone()]),
            bias_hh: self.bias_hh.slice(s![rows]),
        }
    }

    /// The reset gate's parameters (W_ir, W_hr, b_ir, b_hr).
    pub fn reset_gate(&self) -> GateParams<'_, F> {
        self.gate(GruGate::Reset)
    }
    /// The update gate's parameters (W_iz, W_hz, b_iz, b_hz).
    pub fn update_gate(&self) -> GateParams<'_, F> {
        self.gate(GruGate::Update)
    }
    /// The new gate's parameters (W_in, W_hn, b_in, b_hn).
    pub fn new_gate(&self) -> GateParams<'_, F> {
        self.gate(GruGate::New)
    }

    // ---------------------------------------------------------------------------------------
    // Forward step
    // ---------------------------------------------------------------------------------------

    /// One time step forward for a batch: x_t `[B, d_input]` and h_{t−1} `[B, H]` to h_t
    /// `[B, H]`, by the equations at the top of this file:
    ///
    /// ```text
    /// a_t = x_t W_ihᵀ + b_ih,  u_t = h_{t−1} W_hhᵀ + b_hh
    /// r_t = σ(a_r + u_r),  z_t = σ(a_z + u_z),  n_t = tanh(a_n + r_t ⊙ u_n)
    /// h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
    /// ```
    ///
    /// Returns h_t and the cache its backward step needs.
    pub fn step_forward(&self, input: &Array2<F>, hidden: &Array2<F>) -> (Array2<F>, GruStepCache<F>) {
        let h = self.d_hidden();
        let gates_ih = input.dot(&self.weight_ih.t()) + &self.bias_ih; // a_t
        let gates_hh = hidden.dot(&self.weight_hh.t()) + &self.bias_hh; // u_t
        let block = |m: &Array2<F>, gate: GruGate| m.slice(s![.., gate.rows(h)]).to_owned();
        let (a_r, a_z, a_n) = (
            block(&gates_ih, GruGate::Reset),
            block(&gates_ih, GruGate::Update),
            block(&gates_ih, GruGate::New),
        );
        let (u_r, u_z, u_n) = (
            block(&gates_hh, GruGate::Reset),
            block(&gates_hh, GruGate::Update),
            block(&gates_hh, GruGate::New),
        );

        let reset_gate = (a_r + u_r).mapv(sigmoid); //                    r_t = σ(a_r + u_r)
        let update_gate = (a_z + u_z).mapv(sigmoid); //                   z_t = σ(a_z + u_z)
        let new_gate = (a_n + &reset_gate * &u_n).mapv(tanh); //          n_t = tanh(a_n + r_t ⊙ u_n)
        let keep = update_gate.mapv(|z| F::one() - z); //                 1 − z_t
        let hidden_next = &keep * &new_gate + &update_gate * hidden; //  h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}

        let gates = concatenate![Axis(1), reset_gate, update_gate, new_gate];
        let cache = GruStepCache {
            input: input.clone(),
            hidden_prev: hidden.clone(),
            gates,
            new_gate_hh: u_n,
            hidden: hidden_next.clone(),
        };
        (hidden_next, cache)
    }

    /// [`GruLayer::step_forward`] over a whole sequence x_1 … x_T (each `[B, d_input]`) from the
    /// zero state h_0 = 0, as PyTorch starts when no h_0 is given: the states h_1 … h_T and the
    /// caches of every step.
    pub fn forward_sequence(&self, inputs: &[&Array2<F>]) -> (Vec<Array2<F>>, Vec<GruStepCache<F>>) {
        let batch = inputs.first().map_or(0, |x| x.nrows());
        let mut hidden = Array2::zeros((batch, self.d_hidden()));
        let mut states = Vec::with_capacity(inputs.len());
        let mut caches = Vec::with_capacity(inputs.len());
        for &input in inputs {
            let (next, cache) = self.step_forward(input, &hidden);
            states.push(next.clone());
            caches.push(cache);
            hidden = next;
        }
        (states, caches)
    }

    /// The named rows of one step for the trace, each `[B, H]`, in the order of
    /// [`GruLayer::ROWS`]: r_t, z_t, n_t and h_t.
    pub fn rows(cache: &GruStepCache<F>) -> Vec<(&'static str, Array2<F>)> {
        let [reset, update, new, hidden] = Self::ROWS;
        vec![
            (reset, cache.reset_gate().to_owned()),
            (update, cache.update_gate().to_owned()),
            (new, cache.new_gate().to_owned()),
            (hidden, cache.hidden.clone()),
        ]
    }

    // ---------------------------------------------------------------------------------------
    // Backward step
    // ---------------------------------------------------------------------------------------

    /// One time step backward: the derivation at the top of this file.
    ///
    /// `d_hidden` is ∂L/∂h_t in total (from the head or the layer above, and from step t+1).
    /// Returns ∂L/∂θ of this step with ∂L/∂a_t and ∂L/∂u_t, then ∂L/∂x_t `[B, d_input]` and
    /// ∂L/∂h_{t−1} `[B, H]`:
    ///
    /// ```text
    /// ∂L/∂n_t = ∂L/∂h_t ⊙ (1 − z_t)         ∂L/∂z_t = ∂L/∂h_t ⊙ (h_{t−1} − n_t)
    /// ∂L/∂a_n = ∂L/∂n_t ⊙ (1 − n_t²)        ∂L/∂u_n = ∂L/∂a_n ⊙ r_t
    /// ∂L/∂r_t = ∂L/∂a_n ⊙ u_n
    /// ∂L/∂a_z = ∂L/∂u_z = ∂L/∂z_t ⊙ z_t(1 − z_t)
    /// ∂L/∂a_r = ∂L/∂u_r = ∂L/∂r_t ⊙ r_t(1 − r_t)
    /// ∂L/∂W_ih = ∂L/∂aᵀ · x_t               ∂L/∂W_hh = ∂L/∂uᵀ · h_{t−1}
    /// ∂L/∂b_ih = Σ_batch ∂L/∂a              ∂L/∂b_hh = Σ_batch ∂L/∂u
    /// ∂L/∂x_t  = ∂L/∂a · W_ih               ∂L/∂h_{t−1} = ∂L/∂h_t ⊙ z_t + ∂L/∂u · W_hh
    /// ```
    pub fn step_backward(
        &self,
        cache: &GruStepCache<F>,
        d_hidden: &Array2<F>,
    ) -> (GruStepGradients<F>, Array2<F>, Array2<F>) {
        let one = F::one();
        let reset_gate = cache.reset_gate();
        let update_gate = cache.update_gate();
        let new_gate = cache.new_gate();

        // Through h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}.
        let d_new_gate = d_hidden * &update_gate.mapv(|z| one - z); //            ∂L/∂n_t
        let d_update_gate = d_hidden * &(&cache.hidden_prev - &new_gate); //      ∂L/∂z_t
        let d_hidden_direct = d_hidden * &update_gate; //                         ∂L/∂h_{t−1}, direct path

        // Through n_t = tanh(a_n + r_t ⊙ u_n).
        let d_new_ih = d_new_gate * &new_gate.mapv(|n| one - n * n); //           ∂L/∂a_n
        let d_new_hh = &d_new_ih * &reset_gate; //                                ∂L/∂u_n
        let d_reset_gate = &d_new_ih * &cache.new_gate_hh; //                     ∂L/∂r_t

        // Through z_t = σ(a_z + u_z) and r_t = σ(a_r + u_r): one derivative for both shares.
        let d_update_pre = d_update_gate * &update_gate.mapv(|z| z * (one - z)); // ∂L/∂a_z = ∂L/∂u_z
        let d_reset_pre = d_reset_gate * &reset_gate.mapv(|r| r * (one - r)); //    ∂L/∂a_r = ∂L/∂u_r

        let d_gates_ih = concatenate![Axis(1), d_reset_pre, d_update_pre, d_new_ih]; // ∂L/∂a_t
        let d_gates_hh = concatenate![Axis(1), d_reset_pre, d_update_pre, d_new_hh]; // ∂L/∂u_t

        // Through a_t = x_t W_ihᵀ + b_ih and u_t = h_{t−1} W_hhᵀ + b_hh.
        let params = GruLayer {
            weight_ih: d_gates_ih.t().dot(&cache.input),
            weight_hh: d_gates_hh.t().dot(&cache.hidden_prev),
            bias_ih: d_gates_ih.sum_axis(Axis(0)),
            bias_hh: d_gates_hh.sum_axis(Axis(0)),
        };
        let d_input = d_gates_ih.dot(&self.weight_ih);
        let d_hidden_prev = d_hidden_direct + d_gates_hh.dot(&self.weight_hh);
        let grads = GruStepGradients {
            params,
            d_gates_ih,
            d_gates_hh,
        };
        (grads, d_input, d_hidden_prev)
    }

    /// [`GruLayer::step_backward`] over a whole sequence, from step T down to step 1 (back-
    /// propagation through time). `caches` are the forward caches of steps 1 … T (from
    /// [`GruLayer::forward_sequence`]); `d_from_above[t]` is ∂L/∂h_t arriving from outside the
    /// layer's own recurrence (the head at the last step of the top layer, the layer above
    /// otherwise), `[B, H]` each. At step t the total is ∂L/∂h_t = `d_from_above[t]` +
    /// ∂L/∂h_t through step t+1; ∂L/∂θ is the sum over the steps.
    pub fn backward_sequence(&self, caches: &[GruStepCache<F>], d_from_above: &[Array2<F>]) -> GruSequenceGradients<F> {
        assert_eq!(caches.len(), d_from_above.len(), "one ∂L/∂h_t from above per step");
        let steps = caches.len();
        let batch = caches.first().map_or(0, |c| c.hidden.nrows());
        let mut params = GruLayer::zeros(self.d_input(), self.d_hidden());
        let mut d_input = vec![Array2::zeros((batch, self.d_input())); steps];
        let mut d_hidden_norm = vec![0.0; steps];
        let mut d_hidden_next = Array2::zeros((batch, self.d_hidden())); // ∂L/∂h_T through step T+1: none
        for t in (0..steps).rev() {
            let d_hidden = &d_from_above[t] + &d_hidden_next;
            d_hidden_norm[t] = frobenius(&d_hidden);
            let (step, d_x, d_hidden_prev) = self.step_backward(&caches[t], &d_hidden);
            params += &step.params;
            d_input[t] = d_x;
            d_hidden_next = d_hidden_prev;
        }
        GruSequenceGradients {
            params,
            d_input,
            d_hidden_norm,
        }
    }
}

/// θ += δθ tensor by tensor: sums the gradients of the steps.
impl<F: Float> AddAssign<&GruLayer<F>> for GruLayer<F> {
    fn add_assign(&mut self, other: &GruLayer<F>) {
        self.weight_ih += &other.weight_ih;
        self.weight_hh += &other.weight_hh;
        self.bias_ih += &other.bias_ih;
        self.bias_hh += &other.bias_hh;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// One unit, one input, one step, forward and backward, written out by hand.
    ///
    /// Weights (gate order r, z, n): W_ih = (0.5, −0.5, 1.0)ᵀ, W_hh = (1.0, 0.4, −2.0)ᵀ,
    /// b_ih = (0, 0.3, 0.1), b_hh = (−0.25, 0, 0.5); x = 1, h_{t−1} = 0.5.
    ///
    /// ```text
    /// a_r + u_r = 0.5·1 + 0 + 1.0·0.5 − 0.25 = 0.75     r = σ(0.75) = 0.679179
    /// a_z + u_z = −0.5·1 + 0.3 + 0.4·0.5 + 0 = 0         z = σ(0)    = 0.5
    /// u_n = −2.0·0.5 + 0.5 = −0.5
    /// a_n + r·u_n = 1.0·1 + 0.1 + 0.679179·(−0.5) = 0.760411   n = tanh(0.760411) = 0.641319
    /// h = (1 − z)·n + z·h_{t−1} = 0.5·0.641319 + 0.5·0.5 = 0.570659
    /// ```
    ///
    /// Backward with L = h, so ∂L/∂h = 1:
    ///
    /// ```text
    /// ∂L/∂n = 1·(1 − z) = 0.5          ∂L/∂z = 1·(h_{t−1} − n) = 0.5 − 0.641319 = −0.141319
    /// ∂L/∂a_n = 0.5·(1 − 0.641319²) = 0.294355
    /// ∂L/∂u_n = 0.294355·r = 0.199920   ∂L/∂r = 0.294355·u_n = −0.147178
    /// ∂L/∂a_z = −0.141319·0.5·0.5 = −0.035330
    /// ∂L/∂a_r = −0.147178·0.679179·0.320821 = −0.032069
    /// ∂L/∂x = 0.5·(−0.032069) − 0.5·(−0.035330) + 1.0·0.294355 = 0.295985
    /// ∂L/∂h_{t−1} = 1·z + 1.0·(−0.032069) + 0.4·(−0.035330) − 2.0·0.199920 = 0.053959
    /// ∂L/∂W_ih = x·(∂L/∂a_r, ∂L/∂a_z, ∂L/∂a_n) = (−0.032069, −0.035330, 0.294355)
    /// ∂L/∂W_hh = h_{t−1}·(∂L/∂u_r, ∂L/∂u_z, ∂L/∂u_n) = (−0.016035, −0.017665, 0.099960)
    /// ∂L/∂b_ih = (−0.032069, −0.035330, 0.294355)   ∂L/∂b_hh = (−0.032069, −0.035330, 0.199920)
    /// ```
    #[test]
    fn one_unit_one_step_by_hand() {
        let layer = GruLayer {
            weight_ih: array![[0.5_f64], [-0.5], [1.0]],
            weight_hh: array![[1.0], [0.4], [-2.0]],
            bias_ih: array![0.0, 0.3, 0.1],
            bias_hh: array![-0.25, 0.0, 0.5],
        };
        let (hidden, cache) = layer.step_forward(&array![[1.0]], &array![[0.5]]);
        let close = |a: f64, b: f64| assert!((a - b).abs() < 5e-7, "{a} vs {b}");
        close(cache.reset_gate()[[0, 0]], 0.679179);
        close(cache.update_gate()[[0, 0]], 0.5);
        close(cache.new_gate_hh[[0, 0]], -0.5);
        close(cache.new_gate()[[0, 0]], 0.641319);
        close(hidden[[0, 0]], 0.570659);
        close(cache.hidden[[0, 0]], 0.570659);

        let (grads, d_input, d_hidden_prev) = layer.step_backward(&cache, &array![[1.0]]);
        close(d_input[[0, 0]], 0.295985);
        close(d_hidden_prev[[0, 0]], 0.053959);
        let column = |a: &Array2<f64>| a.column(0).to_vec();
        for (ours, by_hand) in [
            (column(&grads.params.weight_ih), [-0.032069, -0.035330, 0.294355]),
            (column(&grads.params.weight_hh), [-0.016035, -0.017665, 0.099960]),
            (grads.params.bias_ih.to_vec(), [-0.032069, -0.035330, 0.294355]),
            (grads.params.bias_hh.to_vec(), [-0.032069, -0.035330, 0.199920]),
            (grads.d_gates_ih.row(0).to_vec(), [-0.032069, -0.035330, 0.294355]),
            (grads.d_gates_hh.row(0).to_vec(), [-0.032069, -0.035330, 0.199920]),
        ] {
            ours.iter().zip(by_hand).for_each(|(&a, b)| close(a, b));
        }
    }

    #[test]
    fn gate_accessors_pick_the_fused_blocks() {
        let layer = GruLayer::<f64>::init(3, 2, &mut Rng::new(1));
        let z = layer.update_gate();
        assert_eq!(z.weight_ih.shape(), &[2, 3]);
        assert_eq!(z.weight_hh.shape(), &[2, 2]);
        assert_eq!(z.weight_ih[[1, 2]], layer.weight_ih[[3, 2]]);
        assert_eq!(layer.new_gate().bias_hh[0], layer.bias_hh[4]);
        assert_eq!(layer.new_gate().weight_hh[[1, 0]], layer.weight_hh[[5, 0]]);
        assert_eq!(layer.reset_gate().bias_ih[1], layer.bias_ih[1]);

        let (_, cache) = layer.step_forward(&Array2::ones((2, 3)), &Array2::zeros((2, 2)));
        assert_eq!(cache.new_gate()[[1, 1]], cache.gates[[1, 5]]);
        assert_eq!(cache.update_gate()[[0, 0]], cache.gates[[0, 2]]);
    }

    #[test]
    fn init_is_bounded_seeded_and_pytorch_sized() {
        let a = GruLayer::<f64>::init(1, 40, &mut Rng::new(9));
        let b = GruLayer::<f64>::init(1, 40, &mut Rng::new(9));
        assert_eq!(a, b);
        assert_ne!(a, GruLayer::<f64>::init(1, 40, &mut Rng::new(10)));
        let bound = 1.0 / 40f64.sqrt();
        let all = a
            .weight_ih
            .iter()
            .chain(&a.weight_hh)
            .chain(&a.bias_ih)
            .chain(&a.bias_hh);
        assert!(all.clone().all(|w| w.abs() <= bound));
        assert!(all.clone().any(|w| w.abs() > 0.9 * bound));
        // nn.GRU(1, 40).numel(): 120 + 4,800 + 120 + 120 = 5,160 = 3·(40·41 + 80).
        let count = a.weight_ih.len() + a.weight_hh.len() + a.bias_ih.len() + a.bias_hh.len();
        assert_eq!(count, 5_160);
        assert_eq!(GruLayer::<f64>::param_count(1, 40), 5_160);
        assert_eq!(GruLayer::<f32>::param_count(12, 40), 3 * (40 * 52 + 80));
    }

    #[test]
    fn rows_are_named_and_hold_the_step() {
        let layer = GruLayer::<f64>::init(2, 3, &mut Rng::new(5));
        let (hidden, cache) = layer.step_forward(&array![[0.3, -1.0]], &array![[0.1, 0.2, -0.4]]);
        let rows = GruLayer::rows(&cache);
        let names: Vec<&str> = rows.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, GruLayer::<f64>::ROWS);
        assert_eq!(rows[0].1, cache.reset_gate());
        assert_eq!(rows[1].1, cache.update_gate());
        assert_eq!(rows[2].1, cache.new_gate());
        assert_eq!(rows[3].1, hidden);
        assert!(rows.iter().all(|(_, values)| values.dim() == (1, 3)));
    }

    // The central-difference gradient check of this cell, over every parameter of a two-layer
    // network in both layouts, is `model::network`'s `gradient_check`, run for every cell.

    /// The check can fail: the reset gate applied before the recurrent product (the paper's
    /// variant, W_hn (r_t ⊙ h_{t−1})) gives another h_t than PyTorch's r_t ⊙ (W_hn h_{t−1} + b_hn)
    /// from the same weights, so the two are not silently interchangeable.
    #[test]
    fn the_reset_gate_sits_after_the_recurrent_product() {
        let layer = GruLayer::<f64>::init(2, 3, &mut Rng::new(8));
        let (x, h) = (array![[0.5, -1.0]], array![[0.9, -0.6, 0.3]]);
        let (ours, cache) = layer.step_forward(&x, &h);
        let r = cache.reset_gate().to_owned();
        let z = cache.update_gate().to_owned();
        let n = layer.new_gate();
        let paper_n = (x.dot(&n.weight_ih.t()) + n.bias_ih + (&r * &h).dot(&n.weight_hh.t()) + n.bias_hh).mapv(tanh);
        let paper = z.mapv(|z| 1.0 - z) * &paper_n + &z * &h;
        let gap = (&ours - &paper).iter().fold(0.0_f64, |m, d| m.max(d.abs()));
        assert!(gap > 1e-3, "the two variants agree to {gap:e}");
    }
}
