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
    use crate::model::loss::mse;
    use crate::model::Linear;
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

    /// Two RNN layers, a linear head on the top layer's last state h_T, and the mean squared
    /// error: the smallest model that exercises everything a layer's backward pass hands on
    /// (∂L/∂h_t from the layer above at every step, from the head at the last one).
    #[derive(Clone)]
    struct Stack {
        layers: Vec<RnnLayer<f64>>,
        head: Linear<f64>,
    }

    impl Stack {
        fn new(d_input: usize, d_hidden: usize, seed: u64) -> Self {
            let mut rng = Rng::new(seed);
            let layers = vec![
                RnnLayer::init(d_input, d_hidden, &mut rng),
                RnnLayer::init(d_hidden, d_hidden, &mut rng),
            ];
            Stack {
                layers,
                head: Linear::init(d_hidden, 1, &mut rng),
            }
        }

        /// Forward: ŷ, and every layer's caches and states.
        #[allow(clippy::type_complexity)]
        fn forward(&self, inputs: &[Array2<f64>]) -> (Array1<f64>, Vec<Vec<RnnStepCache<f64>>>, Vec<Vec<Array2<f64>>>) {
            let (mut caches, mut states) = (Vec::new(), Vec::<Vec<Array2<f64>>>::new());
            for (l, layer) in self.layers.iter().enumerate() {
                let x: Vec<&Array2<f64>> = if l == 0 {
                    inputs.iter().collect()
                } else {
                    states[l - 1].iter().collect()
                };
                let (s, c) = layer.forward_sequence(&x);
                states.push(s);
                caches.push(c);
            }
            let last = states.last().and_then(|s| s.last()).expect("a step");
            (self.head.forward(last).column(0).to_owned(), caches, states)
        }

        fn loss(&self, inputs: &[Array2<f64>], target: &Array1<f64>) -> f64 {
            mse(&self.forward(inputs).0, target).0
        }

        /// Backward: ∂L/∂θ of every tensor (in [`Stack::tensors`]' order) and ∂L/∂x_t.
        fn gradients(&self, inputs: &[Array2<f64>], target: &Array1<f64>) -> (Stack, Vec<Array2<f64>>) {
            let (prediction, caches, states) = self.forward(inputs);
            let d_prediction = mse(&prediction, target).1.insert_axis(Axis(1));
            let mut grads = Stack {
                layers: self
                    .layers
                    .iter()
                    .map(|l| RnnLayer::zeros(l.d_input(), l.d_hidden()))
                    .collect(),
                head: Linear::zeros(self.head.weight.ncols(), 1),
            };
            let last = states.last().and_then(|s| s.last()).expect("a step");
            let d_top = self.head.backward(last, &d_prediction, &mut grads.head);
            let mut d_from_above = vec![Array2::zeros(d_top.dim()); inputs.len()];
            *d_from_above.last_mut().expect("a step") = d_top;
            for l in (0..self.layers.len()).rev() {
                let sequence = self.layers[l].backward_sequence(&caches[l], &d_from_above);
                grads.layers[l] = sequence.params;
                d_from_above = sequence.d_input;
            }
            (grads, d_from_above)
        }

        /// Every tensor by name, flat and mutable, in PyTorch's `named_parameters()` order.
        fn tensors(&mut self) -> Vec<(String, &mut [f64])> {
            let flat = "standard layout";
            let mut out = Vec::new();
            for (l, layer) in self.layers.iter_mut().enumerate() {
                out.push((
                    format!("rnn.weight_ih_l{l}"),
                    layer.weight_ih.as_slice_mut().expect(flat),
                ));
                out.push((
                    format!("rnn.weight_hh_l{l}"),
                    layer.weight_hh.as_slice_mut().expect(flat),
                ));
                out.push((format!("rnn.bias_ih_l{l}"), layer.bias_ih.as_slice_mut().expect(flat)));
                out.push((format!("rnn.bias_hh_l{l}"), layer.bias_hh.as_slice_mut().expect(flat)));
            }
            out.push(("linear.weight".into(), self.head.weight.as_slice_mut().expect(flat)));
            out.push(("linear.bias".into(), self.head.bias.as_slice_mut().expect(flat)));
            out
        }
    }

    /// Central differences, (L(θ+ε) − L(θ−ε)) / 2ε, for every scalar of every tensor of the
    /// stack and of the input x_t, against the hand-written backward pass, batch 2, H = 3. In
    /// f64 with ε = 1e-6 the two agree to about 1e-9; a wrong sign or a missing term is off by far
    /// more than the 1e-6 allowed.
    fn gradient_check(steps: usize, d_input: usize) {
        let mut stack = Stack::new(d_input, 3, 19);
        let mut rng = Rng::new(29);
        let mut inputs: Vec<Array2<f64>> = (0..steps)
            .map(|_| Array2::from_shape_simple_fn((2, d_input), || rng.uniform(-1.0, 1.0)))
            .collect();
        let target = array![0.4, -0.7];
        let (mut grads, d_inputs) = stack.gradients(&inputs, &target);

        let mut analytic: Vec<(String, Vec<f64>)> = grads
            .tensors()
            .into_iter()
            .map(|(name, g)| (name, g.to_vec()))
            .collect();
        for (t, d_x) in d_inputs.iter().enumerate() {
            analytic.push((format!("input[{t}]"), d_x.iter().copied().collect()));
        }

        let eps = 1e-6;
        let n_params = stack.tensors().len();
        let mut checked = 0;
        for (k, (name, values)) in analytic.iter().enumerate() {
            for (i, &a) in values.iter().enumerate() {
                // Nudge scalar i of tensor k (a parameter, or an input x_t) by δ.
                let nudge = |stack: &mut Stack, inputs: &mut [Array2<f64>], delta: f64| {
                    if k < n_params {
                        stack.tensors()[k].1[i] += delta;
                    } else {
                        inputs[k - n_params].as_slice_mut().expect("standard layout")[i] += delta;
                    }
                };
                nudge(&mut stack, &mut inputs, eps);
                let plus = stack.loss(&inputs, &target);
                nudge(&mut stack, &mut inputs, -2.0 * eps);
                let minus = stack.loss(&inputs, &target);
                nudge(&mut stack, &mut inputs, eps);
                let numeric = (plus - minus) / (2.0 * eps);
                let error = (a - numeric).abs() / (1e-8 + a.abs().max(numeric.abs()));
                assert!(
                    error < 1e-6 || (a - numeric).abs() < 1e-9,
                    "{name}[{i}]: analytic {a:e} vs numeric {numeric:e}"
                );
                checked += 1;
            }
        }
        // Every scalar was checked: 2 layers, the head's H + 1 and the B·d inputs of every step.
        let expected =
            RnnLayer::<f64>::param_count(d_input, 3) + RnnLayer::<f64>::param_count(3, 3) + 4 + 2 * d_input * steps;
        assert_eq!(checked, expected);
        // Every tensor gets a gradient: none is silently left at zero. (With one time step,
        // h_{t−1} is the zero start state, so W_hh truly has none.)
        for (name, values) in &analytic {
            if steps == 1 && name.starts_with("rnn.weight_hh") {
                assert!(values.iter().all(|&g| g == 0.0), "{name}");
                continue;
            }
            assert!(values.iter().any(|g| g.abs() > 1e-8), "{name} has no gradient");
        }
    }

    /// The sequence layout: W = 5 steps of 1 input each.
    #[test]
    fn gradient_check_sequence_layout() {
        gradient_check(5, 1);
    }

    /// The flat layout: 1 step of W = 5 inputs.
    #[test]
    fn gradient_check_flat_layout() {
        gradient_check(1, 5);
    }
}
