//! The pure math of the demo: nothing here knows about browsers.
//!
//! - [`cell`]: the registry of cells ([`CellKind`]) and one layer of any of them ([`cell::Layer`]):
//!   the seam the network, the trainer, the snapshots and the trace go through;
//! - [`lstm`]: one LSTM layer, its forward step and its backward step side by side;
//! - [`gru`]: one GRU layer (PyTorch's `nn.GRU`), forward and backward side by side;
//! - [`rnn`]: one plain tanh RNN layer (PyTorch's `nn.RNN`), the same way;
//! - [`matmul`]: the matrix products of a step, tiled for the browser's vector registers;
//! - [`linear`]: the dense head that turns the last hidden state into one number;
//! - [`network`]: stacked layers of one cell plus the head, forward over a batch and full BPTT;
//! - [`loss`]: mean squared error;
//! - [`optim`]: Adagrad (the article's), Adam and SGD with momentum;
//! - [`params`]: the one way every tensor of a model is visited.
//!
//! Everything is generic over the float type [`Float`]: the browser trains in `f32`, the
//! gradient check runs in `f64`.

pub mod cell;
pub mod gru;
pub mod linear;
pub mod loss;
pub mod lstm;
pub mod matmul;
pub mod network;
pub mod optim;
pub mod params;
pub mod rnn;

use ndarray::{Array1, Array2, LinalgScalar, ScalarOperand};
use std::fmt::{Debug, Display};
use std::iter::Sum;
use std::ops::{AddAssign, MulAssign, SubAssign};

pub use cell::CellKind;
pub use linear::Linear;
pub use lstm::{Gate, LstmLayer, LstmState};
pub use network::{Network, NetworkConfig, NetworkParams};
pub use optim::{Optimizer, OptimizerKind};
pub use params::ParamSet;

/// The float types the model runs in: `f32` in the browser, `f64` for gradient checks.
pub trait Float:
    LinalgScalar
    + ScalarOperand
    + num_traits::Float
    + AddAssign
    + SubAssign
    + MulAssign
    + Sum
    + Debug
    + Display
    + Default
    + Send
    + Sync
    + 'static
{
    /// Converts from `f64` (rounding for `f32`).
    fn of(x: f64) -> Self;
    /// Converts to `f64` (exactly).
    fn as_f64(self) -> f64;
    /// e^x as the activations use it: `f64` calls the standard library; `f32` uses
    /// [`exp_f32`], which the compiler can vectorize (the activations are a third of an epoch).
    fn act_exp(self) -> Self;
    /// One 4×8 tile of the browser's matrix product ([`matmul::product_tile`]). A hook so that
    /// `f32` can use relaxed SIMD's fused multiply-add in the relaxed build while the generic
    /// loops stay for `f64` and for every other build.
    #[inline(always)]
    fn product_tile(panel: &[[Self; matmul::MR]], b: &[Self], n: usize, j0: usize) -> [[Self; matmul::NR]; matmul::MR] {
        matmul::product_tile(panel, b, n, j0)
    }
}

impl Float for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
    fn as_f64(self) -> f64 {
        self as f64
    }
    #[inline(always)]
    fn act_exp(self) -> Self {
        exp_f32(self)
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
    #[inline(always)]
    fn product_tile(panel: &[[Self; matmul::MR]], b: &[Self], n: usize, j0: usize) -> [[Self; matmul::NR]; matmul::MR] {
        matmul::product_tile_relaxed(panel, b, n, j0)
    }
}

impl Float for f64 {
    fn of(x: f64) -> Self {
        x
    }
    fn as_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn act_exp(self) -> Self {
        self.exp()
    }
}

/// e^x in `f32` without branches or library calls, so that a loop of them vectorizes (SSE/AVX
/// natively, `simd128` in the browser). Cephes' `expf`: x = n·ln 2 + r with |r| ≤ ln2/2, e^r by a
/// degree-6 polynomial, 2^n by writing the exponent bits. Relative error below 2e-7 on
/// [−87, 88]; inputs outside are clamped (σ and tanh are flat there anyway).
#[inline(always)]
pub fn exp_f32(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    // Adding and subtracting 1.5·2²³ rounds to the nearest integer in f32 arithmetic.
    const ROUND: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let shifted = x * LOG2E + ROUND;
    let n = shifted - ROUND;
    let r = x - n * LN2_HI - n * LN2_LO;
    let p = 1.987_569_1e-4_f32;
    let p = p * r + 1.398_199_9e-3;
    let p = p * r + 8.333_452e-3;
    let p = p * r + 4.166_579_6e-2;
    let p = p * r + 1.666_666_5e-1;
    let p = p * r + 0.5; // Cephes writes 5.0000001e-1, which is 0.5 in f32
    let e_r = p * r * r + r + 1.0;
    // The integer n sits in the low mantissa bits of `shifted`; 2ⁿ is (n + 127) in the exponent
    // field. Integer arithmetic on the bits, not a float-to-int cast, keeps the loop vectorized.
    let n_bits = shifted.to_bits().wrapping_sub(ROUND.to_bits());
    let two_n = f32::from_bits(n_bits.wrapping_add(127) << 23);
    e_r * two_n
}

/// The logistic sigmoid σ(z) = 1 / (1 + e^(−z)).
#[inline(always)]
pub fn sigmoid<F: Float>(z: F) -> F {
    F::one() / (F::one() + (-z).act_exp())
}

/// tanh(z) = 2σ(2z) − 1, one exponential like σ.
#[inline(always)]
pub fn tanh<F: Float>(z: F) -> F {
    let two = F::one() + F::one();
    two * sigmoid(two * z) - F::one()
}

/// A batch of sequences, time-major: `steps[t]` is the `[batch, d_input]` input at step t.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SequenceBatch<F> {
    /// One `[batch, d_input]` matrix per time step.
    pub steps: Vec<Array2<F>>,
}

impl<F: Float> SequenceBatch<F> {
    /// Number of sequences in the batch.
    pub fn batch_size(&self) -> usize {
        self.steps.first().map_or(0, |x| x.nrows())
    }
    /// Number of time steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }
    /// True when the batch has no time step.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// What a sequence-to-one model must offer the trainer and the views.
///
/// [`network::Network`] implements it for every cell of [`CellKind`]; the trainer speaks only
/// this trait and the cell registry.
pub trait SequenceModel<F: Float> {
    /// The model's parameters; its gradients have the same type and shape.
    type Params: ParamSet<F>;
    /// Whatever the forward pass keeps for the backward pass.
    type Cache;

    /// Predicts one number per sequence and keeps what the backward pass needs.
    fn forward(&self, batch: &SequenceBatch<F>) -> (Array1<F>, Self::Cache);

    /// Back-propagates `d_output = ∂L/∂ŷ` (one entry per sequence) through time, returning
    /// ∂L/∂θ for every parameter and, per layer and time step, ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖.
    fn backward(&self, cache: &Self::Cache, d_output: &Array1<F>) -> (Self::Params, GradientFlow);

    /// The parameters.
    fn params(&self) -> &Self::Params;
    /// The parameters, to be changed by an optimizer.
    fn params_mut(&mut self) -> &mut Self::Params;
}

/// Per layer, per time step: the gradient norms ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖ seen in the backward
/// pass (Frobenius norms over the batch). `hidden[l][t]` belongs to layer l, step t.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GradientFlow {
    /// ‖∂L/∂h_t‖: the total derivative, through the head or the layer above and through h_{t+1}.
    pub hidden: Vec<Vec<f64>>,
    /// ‖∂L/∂c_t‖: the total derivative, through h_t and along the belt through c_{t+1}; an empty
    /// row for a layer whose cell has no cell state (GRU, RNN).
    pub cell: Vec<Vec<f64>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_exp_is_accurate_over_the_range_that_matters() {
        let mut worst = 0.0_f64;
        let mut x = -87.0_f32;
        while x < 88.0 {
            let exact = (x as f64).exp();
            worst = worst.max(((exp_f32(x) as f64) - exact).abs() / exact);
            x += 0.013;
        }
        assert!(worst < 3e-7, "worst relative error {worst:e}");
        assert_eq!(exp_f32(0.0), 1.0);
        assert!(exp_f32(-1000.0) >= 0.0 && exp_f32(1000.0).is_finite());
    }

    #[test]
    fn activations_match_the_library_in_both_precisions() {
        for i in -400..=400 {
            let z = i as f64 * 0.05;
            let s = 1.0 / (1.0 + (-z).exp());
            assert!((sigmoid(z) - s).abs() < 1e-15);
            assert!((tanh(z) - z.tanh()).abs() < 1e-15);
            assert!((sigmoid(z as f32) as f64 - s).abs() < 2e-7);
            assert!((tanh(z as f32) as f64 - z.tanh()).abs() < 4e-7);
        }
        assert_eq!(sigmoid(-200.0_f32), 0.0_f32.max(sigmoid(-200.0_f32)));
        assert!(sigmoid(200.0_f32) == 1.0 && tanh(-50.0_f32) == -1.0);
    }
}
