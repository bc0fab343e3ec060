//! One way to visit every tensor of a model.
//!
//! Parameters and their gradients share one type and one order of tensors, so the optimizer,
//! the gradient clipping, the gradient check and the weights file each treat every parameter the
//! same way, with no list of tensors written out twice (micrograd's `parameters()`).

use super::Float;

/// A set of named tensors in a fixed order.
pub trait ParamSet<F: Float>: Clone {
    /// A set of the same shape filled with zeros (the start of a gradient or optimizer state).
    fn zeros_like(&self) -> Self;

    /// Every tensor as a flat slice in row-major order, in the fixed order.
    fn tensors(&self) -> Vec<&[F]>;

    /// Every tensor as a mutable flat slice, in the same order as [`ParamSet::tensors`].
    fn tensors_mut(&mut self) -> Vec<&mut [F]>;

    /// The names of the tensors (PyTorch's `state_dict` keys), in the same order.
    fn names(&self) -> Vec<String>;

    /// Makes every tensor a copy of `other`'s, in place, without allocating a tensor (the
    /// trainer's snapshot before each epoch). Panics if the shapes differ.
    fn copy_from(&mut self, other: &Self) {
        for (to, from) in self.tensors_mut().into_iter().zip(other.tensors()) {
            to.copy_from_slice(from);
        }
    }

    /// The total number of scalars.
    fn count(&self) -> usize {
        self.tensors().iter().map(|t| t.len()).sum()
    }

    /// The global L2 norm √(Σ θ²) over every tensor.
    fn norm(&self) -> f64 {
        self.tensors()
            .iter()
            .flat_map(|t| t.iter())
            .map(|&x| x.as_f64() * x.as_f64())
            .sum::<f64>()
            .sqrt()
    }

    /// Multiplies every scalar by `factor`.
    fn scale(&mut self, factor: F) {
        for t in self.tensors_mut() {
            t.iter_mut().for_each(|x| *x *= factor);
        }
    }

    /// True when every scalar is finite.
    fn all_finite(&self) -> bool {
        self.tensors().iter().all(|t| t.iter().all(|x| x.is_finite()))
    }
}
