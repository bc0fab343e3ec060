//! The dense head: the article's `fully_connected(output, 1, None)`, a linear map with no
//! activation from the last hidden state to one number.

use super::Float;
use ndarray::{Array1, Array2, ArrayView2, Axis};

/// y = h · Wᵀ + b, with `weight` `[d_out, d_in]` and `bias` `[d_out]` (PyTorch's `nn.Linear`).
#[derive(Clone, Debug, PartialEq)]
pub struct Linear<F> {
    /// W, `[d_out, d_in]`.
    pub weight: Array2<F>,
    /// b, `[d_out]`.
    pub bias: Array1<F>,
}

impl<F: Float> Linear<F> {
    /// A layer of zeros.
    pub fn zeros(d_in: usize, d_out: usize) -> Self {
        Linear {
            weight: Array2::zeros((d_out, d_in)),
            bias: Array1::zeros(d_out),
        }
    }

    /// PyTorch's default initialisation: every weight and bias uniform in ±1/√d_in.
    pub fn init(d_in: usize, d_out: usize, rng: &mut crate::rng::Rng) -> Self {
        let bound = 1.0 / (d_in as f64).sqrt();
        let mut draw = || F::of(rng.uniform(-bound, bound));
        let weight = Array2::from_shape_simple_fn((d_out, d_in), &mut draw);
        let bias = Array1::from_shape_simple_fn(d_out, &mut draw);
        Linear { weight, bias }
    }

    /// y = h · Wᵀ + b for a `[batch, d_in]` input: a `[batch, d_out]` output.
    pub fn forward(&self, input: &Array2<F>) -> Array2<F> {
        self.forward_view(input.view())
    }

    /// [`Linear::forward`] of a view (a block of rows of a larger matrix).
    pub fn forward_view(&self, input: ArrayView2<'_, F>) -> Array2<F> {
        input.dot(&self.weight.t()) + &self.bias
    }

    /// Given ∂L/∂y `[batch, d_out]` and the forward input h, adds ∂L/∂W = (∂L/∂y)ᵀ · h and
    /// ∂L/∂b = Σ_batch ∂L/∂y into `grads`, and returns ∂L/∂h = (∂L/∂y) · W.
    pub fn backward(&self, input: &Array2<F>, d_output: &Array2<F>, grads: &mut Linear<F>) -> Array2<F> {
        grads.weight += &d_output.t().dot(input);
        grads.bias += &d_output.sum_axis(Axis(0));
        d_output.dot(&self.weight)
    }
}
