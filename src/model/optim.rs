//! The optimizers: how a gradient becomes a change of the weights.
//!
//! Each keeps its state in [`ParamSet`]s shaped like the parameters, and updates every scalar
//! θ with its gradient ∂L/∂θ = g by the same rule.

use super::{Float, ParamSet};
use serde::{Deserialize, Serialize};

/// Which update rule to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerKind {
    /// The article's optimizer (`optimize_loss(optimizer='Adagrad', learning_rate=0.6)`):
    /// a ← a + g², θ ← θ − lr · g / √a, with a starting at 0.1 as in TensorFlow 1's
    /// `AdagradOptimizer` (PyTorch starts at 0 and adds ε = 1e-10 instead).
    Adagrad,
    /// Adam (Kingma & Ba): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
    /// θ ← θ − lr · m̂ / (√v̂ + ε) with bias-corrected m̂, v̂; β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    Adam,
    /// SGD with momentum μ = 0.9, PyTorch's form: v ← μv + g, θ ← θ − lr · v.
    Sgd,
}

impl OptimizerKind {
    /// Every kind, for menus and sweeps.
    pub const ALL: [OptimizerKind; 3] = [OptimizerKind::Adagrad, OptimizerKind::Adam, OptimizerKind::Sgd];

    /// The snake_case name used on the command line, in the URL and in files.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Adagrad => "adagrad",
            OptimizerKind::Adam => "adam",
            OptimizerKind::Sgd => "sgd",
        }
    }

    /// Parses [`OptimizerKind::name`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == s.trim().to_ascii_lowercase())
    }
}

/// TensorFlow 1's starting value of Adagrad's accumulator.
pub const ADAGRAD_INITIAL_ACCUMULATOR: f64 = 0.1;
/// Adam's β₁.
pub const ADAM_BETA1: f64 = 0.9;
/// Adam's β₂.
pub const ADAM_BETA2: f64 = 0.999;
/// Adam's ε.
pub const ADAM_EPSILON: f64 = 1e-8;
/// SGD's momentum μ.
pub const SGD_MOMENTUM: f64 = 0.9;

/// An optimizer and its state. Cloning it snapshots the state (the trainer does, so that a
/// diverging epoch can be undone exactly).
#[derive(Clone, Debug, PartialEq)]
pub struct Optimizer<P> {
    /// The update rule.
    pub kind: OptimizerKind,
    /// The learning rate (may change between steps without a reset).
    pub learning_rate: f64,
    /// Adagrad: the accumulator a; Adam: the first moment m; SGD: the velocity v.
    pub first: P,
    /// Adam: the second moment v; unused otherwise.
    pub second: P,
    /// How many updates have been made (Adam's bias correction needs it).
    pub steps: u64,
}

impl<P> Optimizer<P> {
    /// A fresh optimizer for parameters shaped like `params`.
    pub fn new<F: Float>(kind: OptimizerKind, learning_rate: f64, params: &P) -> Self
    where
        P: ParamSet<F>,
    {
        let mut first = params.zeros_like();
        if kind == OptimizerKind::Adagrad {
            for t in first.tensors_mut() {
                t.fill(F::of(ADAGRAD_INITIAL_ACCUMULATOR));
            }
        }
        Optimizer {
            kind,
            learning_rate,
            first,
            second: params.zeros_like(),
            steps: 0,
        }
    }

    /// Makes this optimizer a copy of `other` (of the same shape) in place, without allocating
    /// a tensor.
    pub fn copy_from<F: Float>(&mut self, other: &Self)
    where
        P: ParamSet<F>,
    {
        self.kind = other.kind;
        self.learning_rate = other.learning_rate;
        self.steps = other.steps;
        self.first.copy_from(&other.first);
        self.second.copy_from(&other.second);
    }

    /// Updates `params` in place with the gradient `grads`.
    pub fn step<F: Float>(&mut self, params: &mut P, grads: &P)
    where
        P: ParamSet<F>,
    {
        self.steps += 1;
        let lr = F::of(self.learning_rate);
        let tensors = params
            .tensors_mut()
            .into_iter()
            .zip(grads.tensors())
            .zip(self.first.tensors_mut().into_iter().zip(self.second.tensors_mut()));
        match self.kind {
            OptimizerKind::Adagrad => {
                for ((theta, g), (acc, _)) in tensors {
                    for ((p, &g), a) in theta.iter_mut().zip(g).zip(acc.iter_mut()) {
                        *a += g * g;
                        *p -= lr * g / a.sqrt();
                    }
                }
            }
            OptimizerKind::Adam => {
                let (b1, b2) = (F::of(ADAM_BETA1), F::of(ADAM_BETA2));
                let correction1 = F::one() - b1.powi(self.steps as i32);
                let correction2 = F::one() - b2.powi(self.steps as i32);
                let eps = F::of(ADAM_EPSILON);
                for ((theta, g), (m, v)) in tensors {
                    for (((p, &g), m), v) in theta.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
                        *m = b1 * *m + (F::one() - b1) * g;
                        *v = b2 * *v + (F::one() - b2) * g * g;
                        let m_hat = *m / correction1;
                        let v_hat = *v / correction2;
                        *p -= lr * m_hat / (v_hat.sqrt() + eps);
                    }
                }
            }
            OptimizerKind::Sgd => {
                let mu = F::of(SGD_MOMENTUM);
                for ((theta, g), (vel, _)) in tensors {
                    for ((p, &g), v) in theta.iter_mut().zip(g).zip(vel.iter_mut()) {
                        *v = mu * *v + g;
                        *p -= lr * *v;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Linear;
    use ndarray::array;

    impl ParamSet<f64> for Linear<f64> {
        fn zeros_like(&self) -> Self {
            Linear::zeros(self.weight.ncols(), self.weight.nrows())
        }
        fn tensors(&self) -> Vec<&[f64]> {
            vec![self.weight.as_slice().unwrap(), self.bias.as_slice().unwrap()]
        }
        fn tensors_mut(&mut self) -> Vec<&mut [f64]> {
            vec![self.weight.as_slice_mut().unwrap(), self.bias.as_slice_mut().unwrap()]
        }
        fn names(&self) -> Vec<String> {
            vec!["weight".into(), "bias".into()]
        }
    }

    fn one_param(value: f64) -> Linear<f64> {
        Linear {
            weight: array![[value]],
            bias: array![0.0],
        }
    }

    /// Adagrad, lr 0.6, g = 2 twice: a = 0.1 + 4 = 4.1, θ = 1 − 0.6·2/√4.1 = 0.407362;
    /// then a = 8.1, θ = 0.407362 − 0.6·2/√8.1 = −0.014275.
    #[test]
    fn adagrad_by_hand() {
        let mut p = one_param(1.0);
        let g = one_param(2.0);
        let mut opt = Optimizer::new(OptimizerKind::Adagrad, 0.6, &p);
        opt.step(&mut p, &g);
        assert!((p.weight[[0, 0]] - 0.407_362).abs() < 1e-6, "{}", p.weight[[0, 0]]);
        opt.step(&mut p, &g);
        assert!((p.weight[[0, 0]] + 0.014_275).abs() < 1e-6, "{}", p.weight[[0, 0]]);
    }

    /// Adam's first step moves every parameter by about lr against the sign of its gradient.
    #[test]
    fn adam_first_step_is_lr_sized() {
        let mut p = one_param(1.0);
        let mut opt = Optimizer::new(OptimizerKind::Adam, 0.01, &p);
        opt.step(&mut p, &one_param(-3.0));
        assert!((p.weight[[0, 0]] - 1.01).abs() < 1e-8);
    }

    /// SGD with momentum, lr 0.1, g = 1 twice: v = 1 then 1.9; θ = 1 − 0.1 − 0.19 = 0.71.
    #[test]
    fn sgd_momentum_by_hand() {
        let mut p = one_param(1.0);
        let mut opt = Optimizer::new(OptimizerKind::Sgd, 0.1, &p);
        opt.step(&mut p, &one_param(1.0));
        opt.step(&mut p, &one_param(1.0));
        assert!((p.weight[[0, 0]] - 0.71).abs() < 1e-12);
    }

    #[test]
    fn names_parse_back() {
        for k in OptimizerKind::ALL {
            assert_eq!(OptimizerKind::parse(k.name()), Some(k));
        }
        assert_eq!(OptimizerKind::parse("rmsprop"), None);
    }
}
