//! Mean squared error, the article's loss (`tf.losses.mean_squared_error`).

use super::Float;
use ndarray::Array1;

/// L = (1/B) Σ_b (ŷ_b − y_b)², and its derivative ∂L/∂ŷ_b = 2 (ŷ_b − y_b) / B.
///
/// Returns `(L, ∂L/∂ŷ)`. This is PyTorch's `nn.MSELoss()` with its default mean reduction.
pub fn mse<F: Float>(prediction: &Array1<F>, target: &Array1<F>) -> (F, Array1<F>) {
    assert_eq!(prediction.len(), target.len(), "prediction and target lengths");
    let n = F::of(prediction.len().max(1) as f64);
    let error = prediction - target;
    let loss = error.iter().map(|&e| e * e).sum::<F>() / n;
    let d_prediction = error * (F::of(2.0) / n);
    (loss, d_prediction)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// ŷ = (1, 3), y = (0, 1): errors (1, 2), L = (1 + 4)/2 = 2.5, ∂L/∂ŷ = (2·1/2, 2·2/2) = (1, 2).
    #[test]
    fn mse_by_hand() {
        let (loss, grad) = mse(&array![1.0_f64, 3.0], &array![0.0, 1.0]);
        assert_eq!(loss, 2.5);
        assert_eq!(grad, array![1.0, 2.0]);
    }
}
