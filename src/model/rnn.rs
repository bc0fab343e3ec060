//! One plain (Elman) RNN layer with tanh, exactly as PyTorch's `nn.RNN` computes it.
//!
//! The simplest recurrent cell, and the one the LSTM was invented to fix: there are no gates,
//! and the whole memory is rewritten every step. For a batch of B sequences, a layer with
//! d_input = d inputs and d_hidden = H units takes x_t `[B, d]` and h_{t−1} `[B, H]` and
//! computes, per time step t,
//!
//! ```text
//! h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)
//! ```
//!
//! with `weight_ih` `[H, d]`, `weight_hh` `[H, H]` and two bias vectors `[H]` (PyTorch keeps
//! both; only their sum matters). A layer has H·(H + d) + 2H numbers
//! ([`RnnLayer::param_count`]).
//!
//! # The backward step, derived
//!
//! Write a_t = x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh `[B, H]`, the pre-activation, so that
//! h_t = tanh(a_t). Given ∂L/∂h_t in total (from the head or the layer above, and from step
//! t+1), with tanh′ = 1 − tanh²:
//!
//! ```text
//! ∂L/∂a_t     = ∂L/∂h_t ⊙ (1 − h_t²)
//! ∂L/∂W_ih   += ∂L/∂a_tᵀ · x_t            ∂L/∂W_hh   += ∂L/∂a_tᵀ · h_{t−1}
//! ∂L/∂b_ih   += Σ_batch ∂L/∂a_t           ∂L/∂b_hh   += Σ_batch ∂L/∂a_t
//! ∂L/∂x_t     = ∂L/∂a_t · W_ih            ∂L/∂h_{t−1} = ∂L/∂a_t · W_hh
//! ```
//!
//! Every step back multiplies ∂L/∂h by W_hh and by 1 − h² ≤ 1: over many steps the gradient
//! shrinks geometrically when W_hh is small (or grows when it is large). This is the vanishing
//! gradient that the LSTM's belt and the GRU's update gate route around with an additive path;
//! [`RnnSequenceGradients::d_hidden_norm`] records it step by step.
//!
//! [`RnnLayer::forward_sequence`] and [`RnnLayer::backward_sequence`] run a whole window
//! through the layer by calling the step functions, so there is one copy of the math.

use super::lstm::frobenius;
use super::{tanh, Float};
use crate::rng::Rng;
use ndarray::{Array1, Array2, Axis};
use std::ops::AddAssign;

/// The parameters of one layer, laid out as PyTorch's `nn.RNN` for layer l:
/// `weight_ih_l{l}`, `weight_hh_l{l}`, `bias_ih_l{l}`, `bias_hh_l{l}`. A gradient has this type too.
#[derive(Clone, Debug, PartialEq)]
pub struct RnnLayer<F> {
    /// W_ih, the input-to-hidden weights, `[H, d_input]`.
    pub weight_ih: Array2<F>,
    /// W_hh, the hidden-to-hidden (recurrent) weights, `[H, H]`.
    pub weight_hh: Array2<F>,
    /// b_ih, `[H]`.
    pub bias_ih: Array1<F>,
    /// b_hh, `[H]`.
    pub bias_hh: Array1<F>,
}

/// What one forward step keeps for its backward step and for the trace.
#[derive(Clone, Debug, PartialEq)]
pub struct RnnStepCache<F> {
    /// x_t, `[B, d_input]`.
    pub input: Array2<F>,
    /// h_{t−1}, `[B, H]`: the state the step started from.
    pub hidden_prev: Array2<F>,
    /// h_t = tanh(a_t), `[B, H]`: the step's output; tanh′(a_t) = 1 − h_t² is read from it.
    pub hidden: Array2<F>,
}

/// What one backward step hands back besides ∂L/∂x_t and ∂L/∂h_{t−1}.
#[derive(Clone, Debug, PartialEq)]
pub struct RnnStepGradients<F> {
    /// ∂L/∂W_ih, ∂L/∂W_hh, ∂L/∂b_ih and ∂L/∂b_hh from this step alone, in the layer's own shape.
    pub params: RnnLayer<F>,
    /// ∂L/∂a_t, `[B, H]`: the derivative with respect to the pre-activation
    /// a_t = x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh.
    pub d_pre_activation: Array2<F>,
}

/// What a backward pass over a whole sequence hands back (see [`RnnLayer::backward_sequence`]).
#[derive(Clone, Debug, PartialEq)]
pub struct RnnSequenceGradients<F> {
    /// ∂L/∂θ summed over every time step, in the layer's own shape.
    pub params: RnnLayer<F>,
    /// ∂L/∂x_t for t = 1 … T, each `[B, d_input]`: the layer below's extra ∂L/∂h_t.
    pub d_input: Vec<Array2<F>>,
    /// ‖∂L/∂h_t‖ per step (Frobenius norm over the batch) of the total derivative: from outside
    /// the layer and through h_{t+1}.
    pub d_hidden_norm: Vec<f64>,
}

impl<F: Float> RnnLayer<F> {
    /// The names of the rows [`RnnLayer::rows`] hands the trace: the cell has only its state.
    pub const ROWS: [&'static str; 1] = ["hidden"];

    /// A layer of zeros (the shape of a gradient).
    pub fn zeros(d_input: usize, d_hidden: usize) -> Self {
        RnnLayer {
            weight_ih: Array2::zeros((d_hidden, d_input)),
            weight_hh: Array2::zeros((d_hidden, d_hidden)),
            bias_ih: Array1::zeros(d_hidden),
            bias_hh: Array1::zeros(d_hidden),
        }
    }

    /// PyTorch's initialisation: every weight and bias uniform in ±1/√H, drawn in the order
    /// `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`, each in row-major order.
    pub fn init(d_input: usize, d_hidden: usize, rng: &mut Rng) -> Self {
        let bound = 1.0 / (d_hidden as f64).sqrt();
        let mut draw = || F::of(rng.uniform(-bound, bound));
        RnnLayer {
            weight_ih: Array2::from_shape_simple_fn((d_hidden, d_input), &mut draw),
            weight_hh: Array2::from_shape_simple_fn((d_hidden, d_hidden), &mut draw),
            bias_ih: Array1::from_shape_simple_fn(d_hidden, &mut draw),
            bias_hh: Array1::from_shape_simple_fn(d_hidden, &mut draw),
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
    /// bias vectors included): H·(H + d) + 2H.
    pub fn param_count(d_input: usize, d_hidden: usize) -> usize {
        d_hidden * (d_hidden + d_input) + 2 * d_hidden
    }

    // ---------------------------------------------------------------------------------------
    // Forward step
    // ---------------------------------------------------------------------------------------

    /// One time step forward for a batch: x_t `[B, d_input]` and h_{t−1} `[B, H]` to
    /// h_t = tanh(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh) `[B, H]`, and the cache its backward
    /// step needs.
    pub fn step_forward(&self, input: &Array2<F>, hidden: &Array2<F>) -> (Array2<F>, RnnStepCache<F>) {
        let pre_activation =
            input.dot(&self.weight_ih.t()) + &self.bias_ih + hidden.dot(&self.weight_hh.t()) + &self.bias_hh; // a_t
        let hidden_next = pre_activation.mapv(tanh); // h_t = tanh(a_t)
        let cache = RnnStepCache {
            input: input.clone(),
            hidden_prev: hidden.clone(),
            hidden: hidden_next.clone(),
        };
        (hidden_next, cache)
    }

    /// [`RnnLayer::step_forward`] over a whole sequence x_1 … x_T (each `[B, d_input]`) from the
    /// zero state h_0 = 0, as PyTorch starts when no h_0 is given: the states h_1 … h_T and the
    /// caches of every step.
    pub fn forward_sequence(&self, inputs: &[&Array2<F>]) -> (Vec<Array2<F>>, Vec<RnnStepCache<F>>) {
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

    /// The named rows of one step for the trace, in the order of [`RnnLayer::ROWS`]: h_t `[B, H]`.
    pub fn rows(cache: &RnnStepCache<F>) -> Vec<(&'static str, Array2<F>)> {
        let [hidden] = Self::ROWS;
        vec![(hidden, cache.hidden.clone())]
    }

    // ---------------------------------------------------------------------------------------
    // Backward step
    // ---------------------------------------------------------------------------------------

    /// One time step backward: the derivation at the top of this file.
    ///
    /// `d_hidden` is ∂L/∂h_t in total (from the head or the layer above, and from step t+1).
    /// Returns ∂L/∂θ of this step with ∂L/∂a_t, then ∂L/∂x_t `[B, d_input]` and ∂L/∂h_{t−1}
    /// `[B, H]`:
    ///
    /// ```text
    /// ∂L/∂a_t  = ∂L/∂h_t ⊙ (1 − h_t²)
    /// ∂L/∂W_ih = ∂L/∂a_tᵀ · x_t       ∂L/∂W_hh = ∂L/∂a_tᵀ · h_{t−1}
    /// ∂L/∂b_ih = ∂L/∂b_hh = Σ_batch ∂L/∂a_t
    /// ∂L/∂x_t  = ∂L/∂a_t · W_ih       ∂L/∂h_{t−1} = ∂L/∂a_t · W_hh
    /// ```
    pub fn step_backward(
        &self,
        cache: &RnnStepCache<F>,
        d_hidden: &Array2<F>,
    ) -> (RnnStepGradients<F>, Array2<F>, Array2<F>) {
        let one = F::one();
        let d_pre_activation = d_hidden * &cache.hidden.mapv(|h| one - h * h); // ∂L/∂a_t
        let d_bias = d_pre_activation.sum_axis(Axis(0));
        let params = RnnLayer {
            weight_ih: d_pre_activation.t().dot(&cache.input),
            weight_hh: d_pre_activation.t().dot(&cache.hidden_prev),
            bias_ih: d_bias.clone(),
            bias_hh: d_bias,
        };
        let d_input = d_pre_activation.dot(&self.weight_ih);
        let d_hidden_prev = d_pre_activation.dot(&self.weight_hh);
        let grads = RnnStepGradients {
            params,
            d_pre_activation,
        };
        (grads, d_input, d_hidden_prev)
    }

    /// [`RnnLayer::step_backward`] over a whole sequence, from step T down to step 1 (back-
    /// propagation through time). `caches` are the forward caches of steps 1 … T (from
    /// [`RnnLayer::forward_sequence`]); `d_from_above[t]` is ∂L/∂h_t arriving from outside the
    /// layer's own recurrence (the head at the last step of the top layer, the layer above
    /// otherwise), `[B, H]` each. At step t the total is ∂L/∂h_t = `d_from_above[t]` +
    /// ∂L/∂h_t through step t+1; ∂L/∂θ is the sum over the steps.
    pub fn backward_sequence(&self, caches: &[RnnStepCache<F>], d_from_above: &[Array2<F>]) -> RnnSequenceGradients<F> {
        assert_eq!(caches.len(), d_from_above.len(), "one ∂L/∂h_t from above per step");
        let steps = caches.len();
        let batch = caches.first().map_or(0, |c| c.hidden.nrows());
        let mut params = RnnLayer::zeros(self.d_input(), self.d_hidden());
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
        RnnSequenceGradients {
            params,
            d_input,
            d_hidden_norm,
        }
    }
}

/// θ += δθ tensor by tensor: sums the gradients of the steps.
impl<F: Float> AddAssign<&RnnLayer<F>> for RnnLayer<F> {
    fn add_assign(&mut self, other: &RnnLayer<F>) {
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
    /// W_ih = 0.5, W_hh = −1.0, b_ih = 0.2, b_hh = 0.1; x = 2, h_{t−1} = 0.5.
    ///
    /// ```text
    /// a = 0.5·2 + 0.2 − 1.0·0.5 + 0.1 = 0.8       h = tanh(0.8) = 0.664037
    /// ```
    ///
    /// Backward with L = h, so ∂L/∂h = 1:
    ///
    /// ```text
    /// ∂L/∂a = 1·(1 − 0.664037²) = 0.559055
    /// ∂L/∂W_ih = 0.559055·x = 1.118110        ∂L/∂W_hh = 0.559055·h_{t−1} = 0.279528
    /// ∂L/∂b_ih = ∂L/∂b_hh = 0.559055
    /// ∂L/∂x = 0.559055·0.5 = 0.279528         ∂L/∂h_{t−1} = 0.559055·(−1.0) = −0.559055
    /// ```
    #[test]
    fn one_unit_one_step_by_hand() {
        let layer = RnnLayer {
            weight_ih: array![[0.5_f64]],
            weight_hh: array![[-1.0]],
            bias_ih: array![0.2],
            bias_hh: array![0.1],
        };
        let (hidden, cache) = layer.step_forward(&array![[2.0]], &array![[0.5]]);
        let close = |a: f64, b: f64| assert!((a - b).abs() < 5e-7, "{a} vs {b}");
        close(hidden[[0, 0]], 0.664037);
        close(cache.hidden[[0, 0]], 0.664037);

        let (grads, d_input, d_hidden_prev) = layer.step_backward(&cache, &array![[1.0]]);
        close(grads.d_pre_activation[[0, 0]], 0.559055);
        close(grads.params.weight_ih[[0, 0]], 1.118110);
        close(grads.params.weight_hh[[0, 0]], 0.279528);
        close(grads.params.bias_ih[0], 0.559055);
        close(grads.params.bias_hh[0], 0.559055);
        close(d_input[[0, 0]], 0.279528);
        close(d_hidden_prev[[0, 0]], -0.559055);
    }

    #[test]
    fn init_is_bounded_seeded_and_pytorch_sized() {
        let a = RnnLayer::<f64>::init(1, 40, &mut Rng::new(9));
        assert_eq!(a, RnnLayer::<f64>::init(1, 40, &mut Rng::new(9)));
        assert_ne!(a, RnnLayer::<f64>::init(1, 40, &mut Rng::new(10)));
        let bound = 1.0 / 40f64.sqrt();
        let all = a
            .weight_ih
            .iter()
            .chain(&a.weight_hh)
            .chain(&a.bias_ih)
            .chain(&a.bias_hh);
        assert!(all.clone().all(|w| w.abs() <= bound));
        assert!(all.clone().any(|w| w.abs() > 0.9 * bound));
        // nn.RNN(1, 40).numel(): 40 + 1,600 + 40 + 40 = 1,720 = 40·41 + 80.
        let count = a.weight_ih.len() + a.weight_hh.len() + a.bias_ih.len() + a.bias_hh.len();
        assert_eq!(count, 1_720);
        assert_eq!(RnnLayer::<f64>::param_count(1, 40), 1_720);
        assert_eq!(RnnLayer::<f32>::param_count(12, 40), 40 * 52 + 80);
    }

    #[test]
    fn rows_are_named_and_hold_the_step() {
        let layer = RnnLayer::<f64>::init(2, 3, &mut Rng::new(5));
        let (hidden, cache) = layer.step_forward(&array![[0.3, -1.0]], &array![[0.1, 0.2, -0.4]]);
        let rows = RnnLayer::rows(&cache);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, "hidden");
        assert_eq!(rows[0].1, hidden);
    }

    /// Small recurrent weights make ‖∂L/∂h_t‖ shrink at every step back: the vanishing gradient
    /// the module docs describe, seen in `d_hidden_norm`.
    #[test]
    fn the_gradient_vanishes_backwards_through_small_weights() {
        let mut layer = RnnLayer::<f64>::init(1, 4, &mut Rng::new(3));
        layer.weight_hh.mapv_inplace(|w| 0.3 * w);
        let inputs: Vec<Array2<f64>> = (0..8)
            .map(|t| Array2::from_elem((2, 1), (t as f64 * 0.7).sin()))
            .collect();
        let refs: Vec<&Array2<f64>> = inputs.iter().collect();
        let (_, caches) = layer.forward_sequence(&refs);
        let mut d_from_above = vec![Array2::zeros((2, 4)); 8];
        d_from_above[7] = Array2::ones((2, 4));
        let norms = layer.backward_sequence(&caches, &d_from_above).d_hidden_norm;
        assert!(norms.windows(2).all(|w| w[0] < w[1]), "{norms:?}");
        assert!(norms[0] < 1e-3 * norms[7], "{norms:?}");
    }

    // The central-difference gradient check of this cell, over every parameter of a two-layer
    // network in both layouts, is `model::network`'s `gradient_check`, run for every cell.
}
