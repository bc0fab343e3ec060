//! Training: the article's regressor (`fit` and `predict` on windows), and the trainer that the
//! page and the command line drive epoch by epoch on a series.
//!
//! - [`Regressor`] is the article's `SKCompat(Estimator)`: a network, an optimizer and a seeded
//!   shuffle, with `fit(x, y, batch_size, steps)` and `predict(x)` on windows of numbers.
//! - [`Trainer`] adds a [`Dataset`]: one call trains one epoch over the training windows; after
//!   it, [`Trainer::evaluate`] gives the test loss, the one-step predictions of every month, the
//!   recursive forecast of the test part and their errors in the series' own unit.
//!
//! A step whose loss is not finite or explodes (see [`DIVERGENCE_FACTOR`]) is an error, and the
//! call that made it leaves the weights, the optimizer state and the shuffle exactly as they were
//! before it: a diverging run never corrupts the model.

use crate::data::{DataConfig, DataError, Dataset, Layout, Series, Transform, YearMonth};
use crate::model::loss::mse;
use crate::model::network::{Inference, NetworkParams, Workspace};
use crate::model::{
    CellKind, Float, GradientFlow, Network, NetworkConfig, Optimizer, OptimizerKind, ParamSet, SequenceBatch,
    SequenceModel,
};
use crate::rng::Rng;
use crate::trace::Trace;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A loss more than this many times the loss of always predicting 0 (the mean square of the
/// targets) counts as a diverging run. A healthy run starts near that loss and goes down.
pub const DIVERGENCE_FACTOR: f64 = 1e4;

/// How many epochs the page and the command line train by default. Chosen with the other
/// defaults by `examples/choose_defaults.rs` on AirPassengers cut at 1958-12 (FORECAST.md).
pub const DEFAULT_EPOCHS: usize = 600;

/// The largest hidden size the engine accepts.
pub const MAX_HIDDEN: usize = 512;
/// The largest number of stacked layers.
pub const MAX_LAYERS: usize = 4;

/// Everything that can go wrong while setting up or training.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum TrainError {
    /// The series or its windows are not usable.
    #[error(transparent)]
    Data(#[from] DataError),
    /// A setting is out of range; the message names it and its range.
    #[error("{0}")]
    Setting(String),
    /// The inputs given to `fit` or `predict` do not fit the model.
    #[error("{0}")]
    Input(String),
    /// The loss stopped being a number or exploded; nothing was changed.
    #[error(
        "training diverged at epoch {epoch}: the loss became {loss:e}. The weights are back to where they were \
         before this epoch. Try a smaller learning rate or gradient clipping."
    )]
    Diverged {
        /// The epoch that diverged (1-based).
        epoch: usize,
        /// The loss that was seen (may be NaN or infinite).
        loss: f64,
    },
}

/// The model and optimizer settings of a [`Regressor`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelConfig {
    /// The recurrent cell of every layer (`"lstm"`, `"gru"`, `"rnn"`); settings written before
    /// there was a choice read as the LSTM.
    #[serde(default)]
    pub cell: CellKind,
    /// W, the months in one input window.
    pub window: usize,
    /// How a window is fed to the LSTM: W steps of 1 number, or 1 step of W numbers.
    pub layout: Layout,
    /// H, hidden units per layer (the article: 40).
    pub hidden: usize,
    /// Stacked LSTM layers (the article's NUM_LAYERS), 1 to 4.
    pub layers: usize,
    /// The update rule (the article: Adagrad).
    pub optimizer: OptimizerKind,
    /// The learning rate (the article: 0.6).
    pub learning_rate: f64,
    /// Windows per mini-batch; `None` uses every training window in one batch.
    pub batch_size: Option<usize>,
    /// Clip the gradient to this global L2 norm; `None` does not clip.
    pub clip_norm: Option<f64>,
    /// Start the forget gate's bias at 1 (TensorFlow's `BasicLSTMCell` default in the article).
    pub forget_bias_one: bool,
    /// Fixes the initial weights and the shuffling.
    pub seed: u64,
}

impl TrainError {
    /// A stable name for the kind of error (`train.diverged`, or the data error's code); the
    /// page translates it (see [`DataError::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            TrainError::Data(error) => error.code(),
            TrainError::Setting(_) => "train.setting",
            TrainError::Input(_) => "train.input",
            TrainError::Diverged { .. } => "train.diverged",
        }
    }

    /// The values the page's sentence for [`Self::code`] needs, as text.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            TrainError::Data(error) => error.params(),
            TrainError::Setting(detail) | TrainError::Input(detail) => vec![("detail", detail.clone())],
            TrainError::Diverged { epoch, loss } => {
                vec![("epoch", epoch.to_string()), ("loss", format!("{loss:e}"))]
            }
        }
    }
}

impl ModelConfig {
    /// The article's settings: window 12, one step of 12 numbers ([batch, 1, 12]), hidden 40,
    /// one layer, Adagrad with learning rate 0.6, forget bias 1. (The article's batch size and
    /// number of steps are set in its code's constants, not printed; see the README.)
    pub fn article() -> Self {
        ModelConfig {
            cell: CellKind::Lstm,
            window: 12,
            layout: Layout::Flat,
            hidden: 40,
            layers: 1,
            optimizer: OptimizerKind::Adagrad,
            learning_rate: 0.6,
            batch_size: None,
            clip_norm: None,
            forget_bias_one: true,
            seed: 1,
        }
    }

    /// Checks every setting against its range, naming the first one that is out.
    pub fn validate(&self) -> Result<(), TrainError> {
        let bad = |what: String| Err(TrainError::Setting(what));
        if self.window == 0 || self.window > 120 {
            return bad(format!("window must be between 1 and 120 months, not {}", self.window));
        }
        if self.hidden == 0 || self.hidden > MAX_HIDDEN {
            return bad(format!(
                "hidden size must be between 1 and {MAX_HIDDEN}, not {}",
                self.hidden
            ));
        }
        if self.layers == 0 || self.layers > MAX_LAYERS {
            return bad(format!(
                "layers must be between 1 and {MAX_LAYERS}, not {}",
                self.layers
            ));
        }
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            return bad(format!(
                "learning rate must be a positive number, not {}",
                self.learning_rate
            ));
        }
        if self.batch_size == Some(0) {
            return bad("batch size must be at least 1".to_string());
        }
        if let Some(c) = self.clip_norm {
            if !(c.is_finite() && c > 0.0) {
                return bad(format!("gradient clipping norm must be a positive number, not {c}"));
            }
        }
        Ok(())
    }

    /// The network shape these settings give.
    pub fn network(&self) -> NetworkConfig {
        let (_, d_input) = self.layout.shape(self.window);
        NetworkConfig {
            cell: self.cell,
            d_input,
            d_hidden: self.hidden,
            n_layers: self.layers,
        }
    }
}

/// The article's regressor: a stacked network of the configured cell, its optimizer and a seeded shuffle, trained in `f32`.
#[derive(Clone, Debug)]
pub struct Regressor {
    config: ModelConfig,
    network: Network<f32>,
    optimizer: Optimizer<NetworkParams<f32>>,
    rng: Rng,
}

/// What a training step and the test loss write, kept from one step to the next: the
/// batches, the training workspace and the inference scratch. With them an epoch after the
/// first allocates nothing that grows with the window or the number of windows
/// (tests/alloc.rs). The [`Trainer`] keeps one for all its members, which have one shape, so
/// that an ensemble holds one set of caches, not one per member.
#[derive(Debug, Default)]
struct Scratch {
    /// The training batch and the workspace of its forward and backward passes.
    batch: SequenceBatch<f32>,
    train: Workspace<f32>,
    /// The batch of the test loss and the scratch of its forward-only pass.
    eval_batch: SequenceBatch<f32>,
    infer: Inference<f32>,
    /// The gradient of a mini-batch trained in several row chunks ([`Trainer::train_piece`]):
    /// the sum of the chunks' gradients so far. Unused (and never allocated) while every
    /// mini-batch is one chunk.
    accumulated: Option<NetworkParams<f32>>,
}

impl Clone for Scratch {
    /// Empty buffers: scratch is never worth copying.
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

/// The loss of one optimizer step, or why it was refused.
type StepResult = Result<f64, f64>;

impl Regressor {
    /// A freshly initialised regressor.
    pub fn new(config: ModelConfig) -> Result<Self, TrainError> {
        config.validate()?;
        let network = Network::new(config.network(), config.forget_bias_one, config.seed);
        let optimizer = Optimizer::new(config.optimizer, config.learning_rate, &network.params);
        // The shuffle has its own stream, so that it does not depend on how many weights were drawn.
        let rng = Rng::new(config.seed ^ 0x5EED_5A1F_F1E5_0000);
        Ok(Regressor {
            config,
            network,
            optimizer,
            rng,
        })
    }

    /// A regressor with given weights (from a weights file) and a fresh optimizer.
    pub fn with_params(config: ModelConfig, params: NetworkParams<f32>) -> Result<Self, TrainError> {
        let mut r = Regressor::new(config)?;
        if params.config() != r.config.network() {
            return Err(TrainError::Setting(format!(
                "the weights are for {:?} but the settings ask for {:?}",
                params.config(),
                r.config.network()
            )));
        }
        r.optimizer = Optimizer::new(r.config.optimizer, r.config.learning_rate, &params);
        r.network.params = params;
        Ok(r)
    }

    /// The settings.
    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    /// The network.
    pub fn network(&self) -> &Network<f32> {
        &self.network
    }

    /// Changes the learning rate; the optimizer keeps its state.
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), TrainError> {
        ModelConfig {
            learning_rate,
            ..self.config.clone()
        }
        .validate()?;
        self.config.learning_rate = learning_rate;
        self.optimizer.learning_rate = learning_rate;
        Ok(())
    }

    /// Changes the update rule, keeping the weights; the new optimizer starts with fresh state.
    pub fn set_optimizer(&mut self, kind: OptimizerKind) {
        self.config.optimizer = kind;
        self.optimizer = Optimizer::new(kind, self.config.learning_rate, &self.network.params);
    }

    /// Changes the clipping norm.
    pub fn set_clip_norm(&mut self, clip_norm: Option<f64>) -> Result<(), TrainError> {
        ModelConfig {
            clip_norm,
            ..self.config.clone()
        }
        .validate()?;
        self.config.clip_norm = clip_norm;
        Ok(())
    }

    /// Checks that `x` holds whole windows and returns how many.
    fn count_windows(&self, x: &[f64]) -> Result<usize, TrainError> {
        let w = self.config.window;
        if x.is_empty() || x.len() % w != 0 {
            return Err(TrainError::Input(format!(
                "the inputs hold {} numbers, which is not a whole number of windows of {w}",
                x.len()
            )));
        }
        if let Some(i) = x.iter().position(|v| !v.is_finite()) {
            return Err(TrainError::Input(format!("input number {} is not finite", i + 1)));
        }
        Ok(x.len() / w)
    }

    /// Predicts one number per window. `x` holds windows of W numbers, one after another.
    pub fn predict(&self, x: &[f64]) -> Result<Vec<f64>, TrainError> {
        self.predict_with(x, &mut Inference::default())
    }

    /// [`Regressor::predict`] with `inference` as the scratch of its forward-only pass (the
    /// recursive forecast reuses one over its steps).
    fn predict_with(&self, x: &[f64], inference: &mut Inference<f32>) -> Result<Vec<f64>, TrainError> {
        let n = self.count_windows(x)?;
        let rows: Vec<usize> = (0..n).collect();
        let batch = make_batch(x, &rows, self.config.window, self.config.layout);
        let prediction = self.network.predict_into(&batch, inference);
        Ok(prediction.iter().map(|&v| v as f64).collect())
    }

    /// The article's `fit(x, y, batch_size, steps)`: `steps` optimizer steps on mini-batches of
    /// `batch_size` windows, drawn in shuffled passes over the data. Returns each step's loss.
    /// On divergence nothing is changed and the error says at which step.
    pub fn fit(&mut self, x: &[f64], y: &[f64], batch_size: usize, steps: usize) -> Result<Vec<f64>, TrainError> {
        let n = self.count_windows(x)?;
        if y.len() != n {
            return Err(TrainError::Input(format!("{n} windows but {} targets", y.len())));
        }
        if batch_size == 0 {
            return Err(TrainError::Setting("batch size must be at least 1".into()));
        }
        let baseline = mean_square(y);
        let before = self.clone();
        let mut order: Vec<usize> = (0..n).collect();
        let mut next = n; // forces a shuffle on the first step
        let mut losses = Vec::with_capacity(steps);
        let mut scratch = Scratch::default();
        for step in 0..steps {
            if next + batch_size > n {
                self.rng.shuffle(&mut order);
                next = 0;
            }
            let rows = &order[next..(next + batch_size).min(n)];
            next += batch_size;
            match self.step(x, y, rows, baseline, &mut scratch) {
                Ok(loss) => losses.push(loss),
                Err(loss) => {
                    *self = before;
                    return Err(TrainError::Diverged { epoch: step + 1, loss });
                }
            }
        }
        Ok(losses)
    }

    /// The rows `rows` in the order one epoch visits them: shuffled (which advances the
    /// shuffle) when the mini-batches are smaller than the whole, as given otherwise.
    fn epoch_order(&mut self, rows: &[usize]) -> Vec<usize> {
        let mut order = rows.to_vec();
        if self.batch_len(rows.len()) < rows.len() {
            self.rng.shuffle(&mut order);
        }
        order
    }

    /// The rows in one mini-batch of an epoch over `n` rows (the last one may have fewer).
    fn batch_len(&self, n: usize) -> usize {
        self.config.batch_size.unwrap_or(n).min(n).max(1)
    }

    /// One row chunk of a mini-batch of `batch_len` rows: forward and backward over the rows
    /// `rows` with the MSE's gradient divided by the whole batch's `batch_len` (not by the
    /// chunk's own rows), added into `scratch.accumulated`. The chunks' gradients then sum to
    /// the gradient of the whole batch, and their losses to its loss, up to the order in which
    /// the floats are added. `first` starts the sum afresh. Returns this chunk's share of the
    /// batch's loss, or `Err` if it is not finite.
    #[allow(clippy::too_many_arguments)]
    fn accumulate(
        &mut self,
        x: &[f64],
        y: &[f64],
        rows: &[usize],
        batch_len: usize,
        first: bool,
        scratch: &mut Scratch,
    ) -> StepResult {
        fill_batch(x, rows, self.config.window, self.config.layout, &mut scratch.batch);
        let target: Array1<f32> = rows.iter().map(|&r| y[r] as f32).collect();
        let prediction = self.network.forward_into(&scratch.batch, &mut scratch.train);
        let error = &prediction - &target;
        let share = error.iter().map(|&e| e * e).sum::<f32>() as f64 / batch_len as f64;
        if !share.is_finite() {
            return Err(share);
        }
        let d_prediction = error * (2.0 / batch_len as f32);
        let (grads, _) = self.network.backward_into(&d_prediction, &mut scratch.train);
        let fits = scratch
            .accumulated
            .as_ref()
            .is_some_and(|a| a.config() == grads.config());
        match scratch.accumulated.as_mut() {
            Some(sum) if fits && !first => {
                for (to, from) in sum.tensors_mut().into_iter().zip(grads.tensors()) {
                    to.iter_mut().zip(from).for_each(|(t, f)| *t += f);
                }
            }
            Some(sum) if fits => sum.copy_from(grads),
            _ => scratch.accumulated = Some(grads.clone()),
        }
        Ok(share)
    }

    /// The optimizer step after the last chunk of a mini-batch whose loss (before the update)
    /// was `loss`: the same checks, clipping and update as [`Regressor::step`], on the summed
    /// gradient of [`Regressor::accumulate`].
    fn apply_accumulated(&mut self, loss: f64, baseline: f64, scratch: &mut Scratch) -> StepResult {
        if diverged(loss, baseline) {
            return Err(loss);
        }
        let grads = scratch.accumulated.as_mut().expect("a chunk was accumulated");
        self.update(grads)?;
        Ok(loss)
    }

    /// How a step ends, whole or accumulated: the optional clipping of the mini-batch's
    /// gradient `grads` and the optimizer's update. `Err(NaN)` if the gradient or the new
    /// weights are not finite.
    fn update(&mut self, grads: &mut NetworkParams<f32>) -> Result<(), f64> {
        if let Some(max_norm) = self.config.clip_norm {
            let norm = grads.norm();
            if norm > max_norm {
                grads.scale((max_norm / norm) as f32);
            }
        }
        if !grads.all_finite() {
            return Err(f64::NAN);
        }
        self.optimizer.step(&mut self.network.params, grads);
        if !self.network.params.all_finite() {
            return Err(f64::NAN);
        }
        Ok(())
    }

    /// One optimizer step on the windows `rows`: forward, MSE, BPTT, optional clipping, update.
    /// Returns the loss before the update, or `Err(loss)` if the loss, the gradient or the new
    /// weights are not finite or the loss exceeds [`DIVERGENCE_FACTOR`] × `baseline`. The caller
    /// restores its snapshot on `Err`.
    fn step(&mut self, x: &[f64], y: &[f64], rows: &[usize], baseline: f64, scratch: &mut Scratch) -> StepResult {
        fill_batch(x, rows, self.config.window, self.config.layout, &mut scratch.batch);
        let target: Array1<f32> = rows.iter().map(|&r| y[r] as f32).collect();
        let prediction = self.network.forward_into(&scratch.batch, &mut scratch.train);
        let (loss, d_prediction) = mse(&prediction, &target);
        let loss = loss as f64;
        if diverged(loss, baseline) {
            return Err(loss);
        }
        let (grads, _) = self.network.backward_into(&d_prediction, &mut scratch.train);
        self.update(grads)?;
        Ok(loss)
    }

    /// The predictions for the rows `rows` of `x` (windows of W numbers), without training:
    /// a forward-only pass in `scratch`.
    fn predict_rows(&self, x: &[f64], rows: &[usize], scratch: &mut Scratch) -> Array1<f32> {
        fill_batch(x, rows, self.config.window, self.config.layout, &mut scratch.eval_batch);
        self.network.predict_into(&scratch.eval_batch, &mut scratch.infer)
    }

    /// Forward and backward over one window, recorded step by step.
    fn trace(&self, window: &[f64], target: f64) -> Trace {
        let batch = make_batch(window, &[0], self.config.window, self.config.layout);
        let (prediction, cache) = self.network.forward(&batch);
        let (_, d_prediction) = mse(&prediction, &Array1::from_elem(1, target as f32));
        let (_, flow): (NetworkParams<f32>, GradientFlow) = self.network.backward(&cache, &d_prediction);
        let mut trace = Trace::from_pass(&cache, &flow);
        trace.prediction = prediction[0];
        trace.target = target as f32;
        trace
    }
}

/// The mean of y², the loss of always predicting 0.
fn mean_square(y: &[f64]) -> f64 {
    y.iter().map(|v| v * v).sum::<f64>() / y.len().max(1) as f64
}

/// Builds the time-major batch of the windows `rows` of `x` (windows of `window` numbers, one
/// after another): `Sequence` gives W steps of `[B, 1]`, `Flat` one step of `[B, W]`.
pub fn make_batch<F: Float>(x: &[f64], rows: &[usize], window: usize, layout: Layout) -> SequenceBatch<F> {
    let mut batch = SequenceBatch { steps: Vec::new() };
    fill_batch(x, rows, window, layout, &mut batch);
    batch
}

/// [`make_batch`] into the matrices of `batch`, reused where their shape fits.
pub fn fill_batch<F: Float>(x: &[f64], rows: &[usize], window: usize, layout: Layout, batch: &mut SequenceBatch<F>) {
    let (steps, features) = layout.shape(window);
    let shape = (rows.len(), features);
    if batch.steps.len() != steps || batch.steps.first().is_some_and(|m| m.dim() != shape) {
        batch.steps.clear();
        batch.steps.extend((0..steps).map(|_| Array2::zeros(shape)));
    }
    for (t, step) in batch.steps.iter_mut().enumerate() {
        for ((b, d), value) in step.indexed_iter_mut() {
            *value = F::of(x[rows[b] * window + t * features + d]);
        }
    }
}

/// Everything about a training run: the data and the model settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// The month of the first test month; `None` uses the series' default (1959-01 for AirPassengers).
    pub test_start: Option<YearMonth>,
    /// How the series becomes model inputs.
    pub transform: Transform,
    /// The model and optimizer.
    pub model: ModelConfig,
    /// Early stopping: hold the last [`VALIDATION_MONTHS`] training windows out of training,
    /// score them after every epoch, and keep the weights of the epoch that scored best there
    /// (the forecast and the weights file use those; the live network trains on).
    #[serde(default)]
    pub early_stopping: bool,
    /// Ensemble members, 1 to [`MAX_ENSEMBLE`]: that many networks, seeded `seed`,
    /// `seed + MEMBER_SEED_STRIDE`, …, trained side by side on the same windows; the forecast
    /// is the mean of their outputs (in model space, before the transform is inverted).
    #[serde(default = "one_member")]
    pub ensemble: usize,
}

fn one_member() -> usize {
    1
}

/// How many of the last training windows early stopping holds out as its validation set.
pub const VALIDATION_MONTHS: usize = 12;

/// The largest ensemble the engine trains.
pub const MAX_ENSEMBLE: usize = 10;

/// Member k of an ensemble is seeded `seed + k * MEMBER_SEED_STRIDE`.
pub const MEMBER_SEED_STRIDE: u64 = 1000;

impl Default for TrainConfig {
    /// The demo's defaults: the last line of `cargo run --release --example choose_defaults --
    /// --last 1958-12`, rolling-origin validation on 1956, 1957 and 1958 that never reads
    /// 1959–60 (FORECAST.md has the table; a test checks these are that line).
    fn default() -> Self {
        TrainConfig {
            test_start: None,
            transform: crate::data::DEFAULT_TRANSFORM,
            model: ModelConfig {
                cell: CellKind::Lstm,
                window: 24,
                layout: Layout::Sequence,
                hidden: 40,
                layers: 1,
                optimizer: OptimizerKind::Adam,
                learning_rate: 0.03,
                batch_size: None,
                clip_norm: None,
                forget_bias_one: true,
                seed: 1,
            },
            early_stopping: false,
            ensemble: 5,
        }
    }
}

impl TrainConfig {
    /// The article's exact set-up: raw min-max scaling and [`ModelConfig::article`].
    pub fn article() -> Self {
        TrainConfig {
            test_start: None,
            transform: Transform::MinMax,
            model: ModelConfig::article(),
            early_stopping: false,
            ensemble: 1,
        }
    }

    /// Checks the model settings and the ensemble size, naming the first one out of range.
    pub fn validate(&self) -> Result<(), TrainError> {
        self.model.validate()?;
        if self.ensemble == 0 || self.ensemble > MAX_ENSEMBLE {
            return Err(TrainError::Setting(format!(
                "the ensemble must have between 1 and {MAX_ENSEMBLE} members, not {}",
                self.ensemble
            )));
        }
        Ok(())
    }

    /// The model settings of ensemble member `k` (0-based): the same but for the seed.
    pub fn member(&self, k: usize) -> ModelConfig {
        ModelConfig {
            seed: self.model.seed.wrapping_add(k as u64 * MEMBER_SEED_STRIDE),
            ..self.model.clone()
        }
    }

    /// The data side of these settings.
    pub fn data(&self) -> DataConfig {
        DataConfig {
            window: self.model.window,
            layout: self.model.layout,
            transform: self.transform,
            test_start: self.test_start,
        }
    }
}

/// One line of the loss history.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EpochRecord {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean training loss over the epoch's batches (model space, MSE).
    pub train_loss: f64,
    /// Loss on the test windows after the epoch (model space, MSE).
    pub test_loss: f64,
    /// With early stopping, the loss on the held-out validation windows after the epoch
    /// (model space, MSE); `NaN` without.
    pub validation_loss: f64,
}

/// Errors of a set of predictions against the truth, in the series' unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Errors {
    /// Root mean squared error, √(mean (x̂ − x)²).
    pub rmse: f64,
    /// Mean absolute percentage error, 100 · mean |x̂ − x| / |x|.
    pub mape: f64,
}

impl Errors {
    /// Errors not computed yet: both NaN.
    pub const PENDING: Errors = Errors {
        rmse: f64::NAN,
        mape: f64::NAN,
    };

    /// The errors of `predicted` against `actual` (same length, at least one).
    pub fn of(predicted: &[f64], actual: &[f64]) -> Self {
        let n = predicted.len().max(1) as f64;
        let sq = predicted.iter().zip(actual).map(|(p, a)| (p - a).powi(2)).sum::<f64>();
        let ape = predicted
            .iter()
            .zip(actual)
            .map(|(p, a)| ((p - a) / a).abs())
            .sum::<f64>();
        Errors {
            rmse: (sq / n).sqrt(),
            mape: 100.0 * ape / n,
        }
    }
}

/// What the model says about the series after an epoch.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evaluation {
    /// Loss on the training windows with the current weights (model space). The epoch's
    /// `train_loss` is instead the mean over its batches, each taken before its update.
    pub train_loss: f64,
    /// Loss on the test windows (model space).
    pub test_loss: f64,
    /// Per month of the series: the one-step prediction from the true preceding window, where
    /// the month has a window (`NaN` before the first window).
    pub one_step: Vec<f64>,
    /// Per month: the recursive forecast, which feeds its own predictions back as the window
    /// moves through the test part (`NaN` outside the test part).
    pub recursive: Vec<f64>,
    /// One-step errors over the training months.
    pub train: Errors,
    /// One-step errors over the test months.
    pub test: Errors,
    /// Recursive-forecast errors over the test months.
    pub recursive_test: Errors,
    /// For an ensemble of two or more, each member's own one-step predictions per month (as
    /// `one_step`, which is the members' mean); empty for a single network.
    pub members_one_step: Vec<Vec<f64>>,
}

impl Evaluation {
    /// The evaluation of a series of `months` months before anything is evaluated: every
    /// prediction and figure NaN (what the page shows while a large network's is computed).
    pub fn pending(months: usize) -> Self {
        Evaluation {
            train_loss: f64::NAN,
            test_loss: f64::NAN,
            one_step: vec![f64::NAN; months],
            recursive: vec![f64::NAN; months],
            train: Errors::PENDING,
            test: Errors::PENDING,
            recursive_test: Errors::PENDING,
            members_one_step: Vec::new(),
        }
    }
}

/// An evaluation under way ([`Trainer::start_evaluation`], [`Trainer::evaluate_piece`]): the
/// weights it evaluates, copied at its start, and how far it has come. The page's large
/// networks evaluate in pieces, so that the worker reads its messages in between; everywhere
/// else [`Trainer::evaluate`] runs one to its end at once.
#[derive(Clone, Debug)]
pub struct EvaluationRun {
    /// The networks evaluated (the ensemble's members, or one snapshot).
    members: Vec<Regressor>,
    /// Each member's forward buffers, reused from piece to piece.
    inference: Vec<Inference<f32>>,
    /// Each member's one-step outputs (model space) for rows `0..len` so far.
    per_member: Vec<Vec<f64>>,
    /// The member whose one-step windows come next (`members.len()` once all are done).
    member: usize,
    /// The recursive forecast: the series with the predictions so far written into the test
    /// months, the predictions alone, and the next month to predict.
    history: Vec<f64>,
    recursive: Vec<f64>,
    month: usize,
    /// Windows evaluated so far and in all (one-step rows and recursive months, per member).
    done: usize,
    total: usize,
}

impl EvaluationRun {
    /// How far the run has come, in windows: `done` of `total`.
    pub fn progress(&self) -> EpochProgress {
        EpochProgress {
            done: self.done,
            total: self.total,
        }
    }

    /// The multiply-adds of the whole run, counted as [`Trainer::evaluate_piece`] counts them
    /// (as [`Trainer::evaluation_work`] is for [`Trainer::start_evaluation`]'s run).
    pub fn work(&self) -> usize {
        self.total * row_work(&self.members[0].config)
    }
}

/// The weights early stopping keeps: every member's, at the epoch whose validation loss was
/// the lowest so far.
#[derive(Clone, Debug)]
struct Kept {
    /// The epoch (1-based) the weights are from.
    epoch: usize,
    /// Its validation loss (model space, MSE of the ensemble's mean).
    validation_loss: f64,
    /// One set of weights per member.
    params: Vec<NetworkParams<f32>>,
}

/// The trainer: a [`Dataset`] and one or more [`Regressor`]s (the ensemble's members), trained
/// one epoch per call.
///
/// The training windows are split in two when early stopping is on: the *fit* rows the
/// optimizer sees, and the last [`VALIDATION_MONTHS`] training windows, which only score the
/// epochs. The test windows are never trained on and never used to choose anything.
#[derive(Clone, Debug)]
pub struct Trainer {
    config: TrainConfig,
    dataset: Dataset,
    /// Member 0 is the network the views show; all members train in every epoch.
    members: Vec<Regressor>,
    /// With early stopping: the best epoch so far and its weights.
    kept: Option<Kept>,
    history: Vec<EpochRecord>,
    /// The rows the optimizer trains on.
    fit_rows: Vec<usize>,
    /// The held-out training rows that score each epoch (empty without early stopping).
    validation_rows: Vec<usize>,
    test_rows: Vec<usize>,
    /// The rows each epoch's end predicts: the test rows, then the validation rows.
    loss_rows: Vec<usize>,
    /// The loss of always predicting 0 on the fit rows, the yardstick of divergence.
    baseline: f64,
    /// Every member as it was before the epoch being trained, to undo a diverging one; written
    /// in place each epoch, so that keeping it allocates nothing after the first.
    saved: Vec<Saved>,
    /// The buffers every member's steps and the test loss reuse (a clone starts empty).
    scratch: Scratch,
    /// The epoch being trained piece by piece ([`Trainer::train_piece`]); `None` between
    /// epochs.
    partial: Option<Partial>,
    /// The work a piece may cost: [`PIECE_WORK`] unless a test or a benchmark sets another.
    piece_work: usize,
}

/// How many multiply-adds one piece of an epoch may cost at most, counted by [`row_work`]
/// (unless a single window costs more). At the largest page setting (hidden 128, 4 layers,
/// window 36: 16.5 million a window) that is 4 windows of one member's mini-batch, a few tens
/// of milliseconds in the browser on an idle machine; the defaults (15 million a member's
/// epoch) train four members per piece, and every mini-batch of every setting the tests pin
/// (the largest, tests/alloc.rs' two layers of 40 on 24 months: 45 million) is one step. The
/// budget is a count, never a time, so a setting is cut the same way on every machine and
/// gives the same numbers natively and in the browser.
pub const PIECE_WORK: usize = 64 * 1024 * 1024;

/// How many multiply-adds one piece of an evaluation ([`Trainer::evaluate_piece`]) may cost,
/// counted as [`PIECE_WORK`] is: twice as much, because an evaluation runs the forward pass
/// alone, which takes about half as long as a training row of the same count, so that a piece
/// of either takes about as long: 7 windows at `hidden=128&layers=4&window=36`.
/// (`cargo run --release --example phases -- --hidden 128 --layers 4 --window 36` measures both.)
pub const EVALUATION_PIECE_WORK: usize = 2 * PIECE_WORK;

/// The multiply-adds of one window's forward pass through the gates, W·Σ_l 4·H·(H + D_l) for
/// an LSTM of W steps: an estimate of the cost of a row from the sizes alone (the backward
/// pass costs about twice as much again, for every row alike, so it does not change where
/// the pieces are cut). The GRU and the RNN are counted like the LSTM, which over-counts
/// them and so only makes their pieces smaller.
pub fn row_work(config: &ModelConfig) -> usize {
    let network = config.network();
    let (steps, _) = config.layout.shape(config.window);
    let h = network.d_hidden;
    let gates: usize = (0..network.n_layers)
        .map(|l| {
            let d_in = if l == 0 { network.d_input } else { h };
            4 * h * (h + d_in)
        })
        .sum();
    (steps * gates).max(1)
}

/// An epoch in progress: which member, mini-batch and row chunk come next, and the losses so far.
#[derive(Clone, Debug)]
struct Partial {
    /// The epoch being trained (1-based).
    epoch: usize,
    /// The member being trained.
    member: usize,
    /// That member's fit rows in this epoch's order.
    order: Vec<usize>,
    /// Where in `order` the current mini-batch and its next chunk begin.
    batch_start: usize,
    chunk_start: usize,
    /// The current mini-batch's loss over its chunks so far.
    batch_loss: f64,
    /// Σ loss × rows over the member's finished mini-batches.
    member_loss: f64,
    /// Σ of the finished members' mean losses.
    train_loss: f64,
    /// After every member's last step, the epoch's end: each member's outputs for
    /// [`Trainer::loss_rows`] so far, computed in row chunks as well (the forward pass alone).
    outputs: Vec<Vec<f32>>,
    /// Row chunks done and in all (the training chunks, then the epoch's end's).
    done: usize,
    total: usize,
}

/// Where an epoch trained piece by piece stands: row chunks done of all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EpochProgress {
    /// Row chunks done so far (0 to `total − 1` while the epoch runs).
    pub done: usize,
    /// Row chunks in the epoch: members × (Σ over its mini-batches of ⌈rows / chunk rows⌉,
    /// plus ⌈test and validation rows / forward chunk rows⌉ for the epoch's end).
    pub total: usize,
}

/// What [`Trainer::train_piece`] did: part of an epoch, or the epoch's last piece.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece {
    /// The epoch goes on; this much of it is done.
    Partial(EpochProgress),
    /// The epoch ended with this record.
    Epoch(EpochRecord),
}

/// What an epoch changes in a member: its weights, its optimizer state and its shuffle.
#[derive(Clone, Debug)]
struct Saved {
    params: NetworkParams<f32>,
    optimizer: Optimizer<NetworkParams<f32>>,
    rng: Rng,
}

impl Saved {
    /// A copy of `member`'s weights, optimizer and shuffle.
    fn of(member: &Regressor) -> Self {
        Saved {
            params: member.network.params.clone(),
            optimizer: member.optimizer.clone(),
            rng: member.rng.clone(),
        }
    }

    /// Overwrites this copy with `member`'s, in place when the shapes agree.
    fn store(&mut self, member: &Regressor) {
        if self.params.config() != member.network.params.config() {
            *self = Saved::of(member);
            return;
        }
        self.params.copy_from(&member.network.params);
        self.optimizer.copy_from(&member.optimizer);
        self.rng.clone_from(&member.rng);
    }

    /// Puts this copy back into `member`.
    fn restore(&self, member: &mut Regressor) {
        member.network.params.copy_from(&self.params);
        member.optimizer.copy_from(&self.optimizer);
        member.rng.clone_from(&self.rng);
    }
}

impl Trainer {
    /// Prepares the windows of `series` and fresh members.
    pub fn new(series: &Series, config: TrainConfig) -> Result<Self, TrainError> {
        config.validate()?;
        let dataset = Dataset::prepare(series, &config.data())?;
        let members = (0..config.ensemble)
            .map(|k| Regressor::new(config.member(k)))
            .collect::<Result<Vec<_>, _>>()?;
        Self::assemble(config, dataset, members)
    }

    /// A trainer around one regressor whose weights were loaded from a file.
    pub fn with_regressor(series: &Series, config: TrainConfig, regressor: Regressor) -> Result<Self, TrainError> {
        Self::with_regressors(series, config, vec![regressor])
    }

    /// A trainer around the members of an ensemble loaded from a file (the ensemble size is
    /// theirs, whatever `config` says).
    pub fn with_regressors(
        series: &Series,
        mut config: TrainConfig,
        members: Vec<Regressor>,
    ) -> Result<Self, TrainError> {
        config.ensemble = members.len();
        config.validate()?;
        let dataset = Dataset::prepare(series, &config.data())?;
        Self::assemble(config, dataset, members)
    }

    fn assemble(config: TrainConfig, dataset: Dataset, members: Vec<Regressor>) -> Result<Self, TrainError> {
        let n_train = dataset.n_train;
        let (fit_rows, validation_rows): (Vec<usize>, Vec<usize>) = if config.early_stopping {
            // At least as many windows left to fit as are held out.
            if n_train < 2 * VALIDATION_MONTHS {
                return Err(TrainError::Setting(format!(
                    "early stopping holds out the last {VALIDATION_MONTHS} training windows and needs at least \
                     {} of them, but this split has {n_train}: turn early stopping off or move the test start later",
                    2 * VALIDATION_MONTHS
                )));
            }
            let cut = n_train - VALIDATION_MONTHS;
            ((0..cut).collect(), (cut..n_train).collect())
        } else {
            ((0..n_train).collect(), Vec::new())
        };
        let test_rows: Vec<usize> = (n_train..dataset.n_windows()).collect();
        let loss_rows = test_rows.iter().chain(&validation_rows).copied().collect();
        let fit_targets: Vec<f64> = fit_rows.iter().map(|&r| dataset.targets[r]).collect();
        let baseline = mean_square(&fit_targets);
        Ok(Trainer {
            config,
            dataset,
            members,
            kept: None,
            history: Vec::new(),
            fit_rows,
            validation_rows,
            test_rows,
            loss_rows,
            baseline,
            saved: Vec::new(),
            scratch: Scratch::default(),
            partial: None,
            piece_work: PIECE_WORK,
        })
    }

    /// Starts again from fresh weights drawn with `seed` (members `seed + k·stride`), keeping
    /// every other setting, also the learning rate, optimizer and clipping changed since.
    pub fn reset(&mut self, seed: u64) {
        let live = self.members[0].config.clone();
        self.config.model = ModelConfig { seed, ..live };
        self.members = (0..self.config.ensemble)
            .map(|k| Regressor::new(self.config.member(k)).expect("settings were validated"))
            .collect();
        self.kept = None;
        self.history.clear();
        self.partial = None;
    }

    /// Trains one epoch of every member and returns its record: [`Trainer::train_piece`]
    /// until the epoch ends (a partial epoch left by earlier pieces is finished, not begun
    /// again). On divergence nothing changes since the epoch's start and the error says so.
    pub fn train_epoch(&mut self) -> Result<EpochRecord, TrainError> {
        loop {
            if let Piece::Epoch(record) = self.train_piece()? {
                return Ok(record);
            }
        }
    }

    /// The row chunks (see [`PIECE_WORK`]) of the epoch in progress, done and in all; `None`
    /// between epochs.
    pub fn epoch_progress(&self) -> Option<EpochProgress> {
        self.partial.as_ref().map(|p| EpochProgress {
            done: p.done,
            total: p.total,
        })
    }

    /// Forgets the epoch in progress, if any, and puts every member back as it was at its
    /// start: what a change of the learning rate, the optimizer or the clipping does, so that
    /// no epoch mixes two settings.
    pub fn abandon_epoch(&mut self) {
        if self.partial.take().is_some() {
            self.restore_members();
        }
    }

    /// Trains the next piece of the epoch: consecutive row chunks of at most [`PIECE_WORK`]
    /// multiply-adds in all (at least one chunk), and after the last one the test and
    /// validation losses (their forward passes in row chunks too, each row counted at half a
    /// training row's work, as [`EVALUATION_PIECE_WORK`] is) and the epoch's record. A piece is cut from the sizes alone, never
    /// from the clock, so a setting gives the same numbers on every machine; where a whole
    /// epoch is within the budget (the defaults, the article's settings) the piece is the
    /// epoch, and where a mini-batch is, it is trained as one step, exactly as before there
    /// were pieces. Only a mini-batch larger than the budget is split into row chunks whose
    /// gradients are summed before its one optimizer step (the same step up to the order in
    /// which floats are added).
    ///
    /// Between pieces the trainer keeps the partial epoch; [`Trainer::evaluate`],
    /// [`Trainer::trace`] and the weights files meanwhile show the last completed epoch. On
    /// divergence every member goes back to the epoch's start and the partial epoch is gone.
    pub fn train_piece(&mut self) -> Result<Piece, TrainError> {
        if self.partial.is_none() {
            self.start_epoch();
        }
        let row_work = row_work(&self.members[0].config);
        let chunk_rows = (self.piece_work / row_work).max(1);
        let forward_rows = forward_chunk_rows(self.piece_work, row_work);
        let mut spent = 0;
        loop {
            let p = self.partial.as_mut().expect("an epoch is in progress");
            if p.member == self.members.len() {
                // The epoch's end: every member's outputs for the test and validation rows.
                let all = self.loss_rows.len();
                let Some(m) = p.outputs.iter().position(|out| out.len() < all) else {
                    return self.finish_epoch().map(Piece::Epoch);
                };
                let start = p.outputs[m].len();
                let end = (start + forward_rows).min(all);
                let work = ((end - start) * row_work).div_ceil(2);
                if spent > 0 && spent + work > self.piece_work {
                    return Ok(Piece::Partial(EpochProgress {
                        done: p.done,
                        total: p.total,
                    }));
                }
                spent += work;
                let rows = &self.loss_rows[start..end];
                let out = self.members[m].predict_rows(&self.dataset.inputs, rows, &mut self.scratch);
                p.outputs[m].extend(out.iter());
                p.done += 1;
                continue;
            }
            let member = &mut self.members[p.member];
            let batch_len = member.batch_len(p.order.len());
            let batch_end = (p.batch_start + batch_len).min(p.order.len());
            let chunk_end = (p.chunk_start + chunk_rows).min(batch_end);
            let work = (chunk_end - p.chunk_start) * row_work;
            if spent > 0 && spent + work > self.piece_work {
                return Ok(Piece::Partial(EpochProgress {
                    done: p.done,
                    total: p.total,
                }));
            }
            spent += work;
            let d = &self.dataset;
            let (x, y) = (&d.inputs, &d.targets);
            let whole = p.chunk_start == p.batch_start && chunk_end == batch_end;
            let rows = &p.order[p.chunk_start..chunk_end];
            let this_len = batch_end - p.batch_start;
            let result = if whole {
                // The mini-batch fits in one chunk: the plain step, bit for bit as ever.
                member.step(x, y, rows, self.baseline, &mut self.scratch)
            } else {
                let first = p.chunk_start == p.batch_start;
                member
                    .accumulate(x, y, rows, this_len, first, &mut self.scratch)
                    .and_then(|share| {
                        p.batch_loss += share;
                        if chunk_end < batch_end {
                            return Ok(f64::NAN); // not used: the step comes after the last chunk
                        }
                        member.apply_accumulated(p.batch_loss, self.baseline, &mut self.scratch)
                    })
            };
            let loss = match result {
                Ok(loss) => loss,
                Err(loss) => {
                    let epoch = p.epoch;
                    self.abandon_epoch();
                    return Err(TrainError::Diverged { epoch, loss });
                }
            };
            p.done += 1;
            p.chunk_start = chunk_end;
            if chunk_end < batch_end {
                continue;
            }
            p.member_loss += loss * this_len as f64;
            p.batch_loss = 0.0;
            p.batch_start = batch_end;
            if batch_end < p.order.len() {
                continue;
            }
            p.train_loss += p.member_loss / p.order.len() as f64;
            p.member_loss = 0.0;
            p.member += 1;
            if p.member < self.members.len() {
                p.order = self.members[p.member].epoch_order(&self.fit_rows);
                p.batch_start = 0;
                p.chunk_start = 0;
            }
        }
    }

    /// Sets the multiply-adds a piece may cost (see [`PIECE_WORK`], the default), discarding
    /// an epoch under way: for tests and measurements that compare the chunked epoch with the
    /// whole one (`usize::MAX` trains every mini-batch as one step, every epoch as one piece).
    pub fn set_piece_work(&mut self, work: usize) {
        self.abandon_epoch();
        self.piece_work = work.max(1);
    }

    /// Saves every member and begins an epoch at member 0's first chunk.
    fn start_epoch(&mut self) {
        self.save_members();
        let row_work = row_work(&self.members[0].config);
        let chunk_rows = (self.piece_work / row_work).max(1);
        let n = self.fit_rows.len();
        let batch_len = self.members[0].batch_len(n);
        // Every member has the same rows and batch size: the same chunks.
        let per_member: usize = (0..n)
            .step_by(batch_len)
            .map(|start| (batch_len.min(n - start)).div_ceil(chunk_rows))
            .sum();
        // The epoch's end: the test and validation rows' forward passes, per member.
        let end_chunks = self
            .loss_rows
            .len()
            .div_ceil(forward_chunk_rows(self.piece_work, row_work));
        let order = self.members[0].epoch_order(&self.fit_rows);
        self.partial = Some(Partial {
            epoch: self.history.len() + 1,
            member: 0,
            order,
            batch_start: 0,
            chunk_start: 0,
            batch_loss: 0.0,
            member_loss: 0.0,
            train_loss: 0.0,
            outputs: vec![Vec::with_capacity(self.loss_rows.len()); self.members.len()],
            done: 0,
            total: (per_member + end_chunks) * self.members.len(),
        });
    }

    /// After every member's last step: the test loss (also the check that no update blew
    /// the weights up), the validation loss and early stopping's choice, and the record.
    fn finish_epoch(&mut self) -> Result<EpochRecord, TrainError> {
        let partial = self.partial.take().expect("an epoch is in progress");
        let epoch = partial.epoch;
        let d = &self.dataset;
        let train_loss = partial.train_loss / self.members.len() as f64;
        // Each step checks the loss *before* its update; an update that blows the weights up
        // shows first in the loss after it. The test loss is computed anyway, so it doubles as
        // that check (a guard against explosion, not a choice of model): a state it rejects is
        // never kept, and the page never shows it.
        let n_test = self.test_rows.len();
        let test_outputs: Vec<&[f32]> = partial.outputs.iter().map(|out| &out[..n_test]).collect();
        let test_loss = loss_of_outputs(&test_outputs, &d.targets, &self.test_rows);
        if diverged(test_loss, self.baseline) {
            self.restore_members();
            return Err(TrainError::Diverged { epoch, loss: test_loss });
        }
        let validation_loss = if self.config.early_stopping {
            let validation_outputs: Vec<&[f32]> = partial.outputs.iter().map(|out| &out[n_test..]).collect();
            let loss = loss_of_outputs(&validation_outputs, &d.targets, &self.validation_rows);
            let best_so_far = match &self.kept {
                None => true,
                Some(kept) => loss < kept.validation_loss,
            };
            if loss.is_finite() && best_so_far {
                self.kept = Some(Kept {
                    epoch,
                    validation_loss: loss,
                    params: self.members.iter().map(|m| m.network.params.clone()).collect(),
                });
            }
            loss
        } else {
            f64::NAN
        };
        let record = EpochRecord {
            epoch,
            train_loss,
            test_loss,
            validation_loss,
        };
        self.history.push(record);
        Ok(record)
    }

    /// Copies every member into [`Trainer::saved`] before an epoch.
    fn save_members(&mut self) {
        self.saved.truncate(self.members.len());
        for (k, member) in self.members.iter().enumerate() {
            match self.saved.get_mut(k) {
                Some(saved) => saved.store(member),
                None => self.saved.push(Saved::of(member)),
            }
        }
    }

    /// Puts every member back as [`Trainer::save_members`] found it.
    fn restore_members(&mut self) {
        for (saved, member) in self.saved.iter().zip(&mut self.members) {
            saved.restore(member);
        }
    }

    /// The number of epochs trained since the last reset.
    pub fn epoch(&self) -> usize {
        self.history.len()
    }

    /// The loss history, one record per epoch.
    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    /// The settings the trainer was made with (the live learning rate, optimizer and clipping
    /// are in [`Trainer::regressor`]'s config).
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The windows.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Member 0, the network the views show (the only one without an ensemble).
    pub fn regressor(&self) -> &Regressor {
        &self.members[0]
    }

    /// Every member, member 0 first.
    pub fn members(&self) -> &[Regressor] {
        &self.members
    }

    /// Changes every member's learning rate; the optimizers keep their state.
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), TrainError> {
        self.abandon_epoch();
        self.members
            .iter_mut()
            .try_for_each(|m| m.set_learning_rate(learning_rate))
    }

    /// Changes every member's update rule, keeping the weights (fresh optimizer state).
    pub fn set_optimizer(&mut self, kind: OptimizerKind) {
        self.abandon_epoch();
        self.members.iter_mut().for_each(|m| m.set_optimizer(kind));
    }

    /// Changes every member's clipping norm.
    pub fn set_clip_norm(&mut self, clip_norm: Option<f64>) -> Result<(), TrainError> {
        self.abandon_epoch();
        self.members.iter_mut().try_for_each(|m| m.set_clip_norm(clip_norm))
    }

    /// With early stopping, the epoch whose weights are kept (the lowest validation loss so
    /// far); `None` without early stopping or before the first epoch.
    pub fn best_epoch(&self) -> Option<usize> {
        self.kept.as_ref().map(|k| k.epoch)
    }

    /// The weights of member 0 that the forecast uses: the kept epoch's with early stopping,
    /// the live ones otherwise. This is what a weights file holds.
    pub fn model_params(&self) -> &NetworkParams<f32> {
        match &self.kept {
            Some(kept) => &kept.params[0],
            None => self.settled_params(0),
        }
    }

    /// Member `k`'s weights after the last completed epoch: the live ones between epochs,
    /// the ones saved at the epoch's start while an epoch is trained piece by piece (so that
    /// what the page shows mid-epoch is the epoch its counter says).
    fn settled_params(&self, k: usize) -> &NetworkParams<f32> {
        match self.partial {
            Some(_) => &self.saved[k].params,
            None => &self.members[k].network.params,
        }
    }

    /// Every member's weights as the forecast uses them (see [`Trainer::model_params`]),
    /// member 1 first: what a weights file of the ensemble holds.
    pub fn model_members(&self) -> Vec<&NetworkParams<f32>> {
        match &self.kept {
            Some(kept) => kept.params.iter().collect(),
            None => (0..self.members.len()).map(|k| self.settled_params(k)).collect(),
        }
    }

    /// The members as the forecast uses them: with the kept weights under early stopping.
    fn forecasting_members(&self) -> Vec<Regressor> {
        match &self.kept {
            Some(kept) => self
                .members
                .iter()
                .zip(&kept.params)
                .map(|(m, p)| {
                    let mut m = m.clone();
                    m.network.params = p.clone();
                    m
                })
                .collect(),
            None => (0..self.members.len())
                .map(|k| {
                    let mut m = self.members[k].clone();
                    m.network.params = self.settled_params(k).clone();
                    m
                })
                .collect(),
        }
    }

    /// Test loss, one-step predictions of every month, the recursive forecast of the test part,
    /// and their errors in the series' unit, of the ensemble's mean (with early stopping, of
    /// the kept epoch's weights): [`Trainer::start_evaluation`] run to its end in one go.
    pub fn evaluate(&self) -> Evaluation {
        let mut run = self.start_evaluation();
        self.evaluate_piece(&mut run, usize::MAX)
            .expect("an unlimited piece finishes the evaluation")
    }

    /// [`Trainer::evaluate`] of one network with other weights of the same shape (a snapshot
    /// of an earlier epoch), leaving the trainer as it is.
    pub fn evaluate_with(&self, params: &NetworkParams<f32>) -> Result<Evaluation, TrainError> {
        let mut run = self.start_evaluation_with(params)?;
        Ok(self
            .evaluate_piece(&mut run, usize::MAX)
            .expect("an unlimited piece finishes the evaluation"))
    }

    /// [`Trainer::evaluate_with`] to be computed piece by piece, as
    /// [`Trainer::start_evaluation`] is.
    pub fn start_evaluation_with(&self, params: &NetworkParams<f32>) -> Result<EvaluationRun, TrainError> {
        Ok(self.evaluation_of(vec![self.regressor_with(params)?]))
    }

    /// A copy of member 0 with `params` in place of its weights.
    fn regressor_with(&self, params: &NetworkParams<f32>) -> Result<Regressor, TrainError> {
        let shape = self.members[0].config.network();
        if params.config() != shape {
            return Err(TrainError::Setting(format!(
                "those weights have another shape ({:?}) than the model ({shape:?})",
                params.config(),
            )));
        }
        let mut regressor = self.members[0].clone();
        regressor.network.params = params.clone();
        Ok(regressor)
    }

    /// The multiply-adds of [`Trainer::evaluate`], counted as [`Trainer::evaluate_piece`]
    /// counts them: every member's one-step windows and recursive months. More than
    /// [`EVALUATION_PIECE_WORK`] means that it takes more than one piece.
    pub fn evaluation_work(&self) -> usize {
        let d = &self.dataset;
        let windows = d.targets.len() + (d.series.values.len() - d.test_start);
        self.members.len() * windows * row_work(&self.members[0].config)
    }

    /// The evaluation of the weights [`Trainer::evaluate`] shows, to be computed piece by
    /// piece with [`Trainer::evaluate_piece`]. The run holds its own copy of the weights, so
    /// it may be finished later; it belongs to the trainer as it is now, and a caller that
    /// trains, resets or loads in between throws it away (`Demo` does).
    pub fn start_evaluation(&self) -> EvaluationRun {
        if self.kept.is_none() && self.members.len() == 1 && self.partial.is_none() {
            return self.evaluation_of(self.members.clone());
        }
        self.evaluation_of(self.forecasting_members())
    }

    fn evaluation_of(&self, members: Vec<Regressor>) -> EvaluationRun {
        let d = &self.dataset;
        let n_rows = d.targets.len();
        let n_test_months = d.series.values.len() - d.test_start;
        EvaluationRun {
            inference: members.iter().map(|_| Inference::default()).collect(),
            per_member: vec![Vec::with_capacity(n_rows); members.len()],
            member: 0,
            history: d.series.values.clone(),
            recursive: vec![f64::NAN; d.series.values.len()],
            month: d.test_start,
            done: 0,
            total: members.len() * (n_rows + n_test_months),
            members,
        }
    }

    /// Advances `run` by windows of at most `work` multiply-adds in all, counted by
    /// [`row_work`] for a forward pass (at least one unit: a chunk of one member's one-step
    /// windows, or one month of the recursive forecast for every member), and returns the
    /// evaluation once its last unit is done. First each member predicts every window from
    /// the true history, in row chunks; then the recursive forecast walks through the test
    /// part, one month at a time, writing the members' mean into the history the next window
    /// reads. A forward pass treats the rows of a batch independently, so the chunks give
    /// the numbers of one batch of every row (a test checks it bit for bit).
    pub fn evaluate_piece(&self, run: &mut EvaluationRun, work: usize) -> Option<Evaluation> {
        let d = &self.dataset;
        let values = &d.series.values;
        let w = d.window();
        let n_rows = d.targets.len();
        let per_window = row_work(&run.members[0].config);
        let chunk_rows = (work / per_window).clamp(1, n_rows.max(1));
        let mut spent = 0usize;
        let mut window = vec![0.0; w];
        loop {
            if run.member < run.members.len() {
                // One-step: the next chunk of this member's rows.
                let start = run.per_member[run.member].len();
                let end = (start + chunk_rows).min(n_rows);
                let cost = (end - start) * per_window;
                if spent > 0 && spent.saturating_add(cost) > work {
                    return None;
                }
                spent = spent.saturating_add(cost);
                let (m, inference) = (&run.members[run.member], &mut run.inference[run.member]);
                match m.predict_with(&d.inputs[start * w..end * w], inference) {
                    Ok(out) => run.per_member[run.member].extend(out),
                    Err(_) => run.per_member[run.member].resize(end, f64::NAN),
                }
                run.done += end - start;
                if end == n_rows {
                    run.member += 1;
                }
                continue;
            }
            if run.month < values.len() {
                // Recursive: one month, every member, from the history so far.
                let cost = run.members.len() * per_window;
                if spent > 0 && spent.saturating_add(cost) > work {
                    return None;
                }
                spent = spent.saturating_add(cost);
                let t = run.month;
                d.transform.input_window(&run.history, t, w, &mut window);
                let outs: Vec<Vec<f64>> = run
                    .members
                    .iter()
                    .zip(&mut run.inference)
                    .map(|(m, inference)| m.predict_with(&window, inference).unwrap_or_else(|_| vec![f64::NAN]))
                    .collect();
                run.history[t] = d.transform.invert(&run.history, t, mean_of(&outs)[0]);
                run.recursive[t] = run.history[t];
                run.done += run.members.len();
                run.month += 1;
                continue;
            }
            return Some(self.finish_evaluation(run));
        }
    }

    /// The losses and errors once every one-step window and recursive month is done.
    fn finish_evaluation(&self, run: &mut EvaluationRun) -> Evaluation {
        let d = &self.dataset;
        let values = &d.series.values;
        let n = values.len();
        let transform = &d.transform;
        let per_member = std::mem::take(&mut run.per_member);
        let model_out = mean_of(&per_member);
        let to_months = |out: &[f64]| {
            let mut months = vec![f64::NAN; n];
            for (row, &o) in out.iter().enumerate() {
                let t = d.target_month[row];
                months[t] = transform.invert(values, t, o);
            }
            months
        };
        let one_step = to_months(&model_out);
        let members_one_step = if per_member.len() > 1 {
            per_member.iter().map(|out| to_months(out)).collect()
        } else {
            Vec::new()
        };
        let loss = |rows: &[usize]| {
            let sum: f64 = rows.iter().map(|&r| (model_out[r] - d.targets[r]).powi(2)).sum();
            sum / rows.len().max(1) as f64
        };
        let recursive = std::mem::take(&mut run.recursive);
        let errors = |pred: &[f64], months: &mut dyn Iterator<Item = usize>| {
            let (p, a): (Vec<f64>, Vec<f64>) = months.map(|t| (pred[t], values[t])).unzip();
            Errors::of(&p, &a)
        };
        let train_rows: Vec<usize> = (0..d.n_train).collect();
        let months_of = |rows: &[usize]| rows.iter().map(|&r| d.target_month[r]).collect::<Vec<_>>();
        Evaluation {
            train_loss: loss(&train_rows),
            test_loss: loss(&self.test_rows),
            train: errors(&one_step, &mut months_of(&train_rows).into_iter()),
            test: errors(&one_step, &mut months_of(&self.test_rows).into_iter()),
            recursive_test: errors(&recursive, &mut (d.test_start..n)),
            one_step,
            recursive,
            members_one_step,
        }
    }

    /// The step-by-step record of the window that predicts row `row` of the dataset (0-based;
    /// rows are in month order, training rows first), through member 0's weights after the last
    /// completed epoch.
    pub fn trace(&self, row: usize) -> Result<Trace, TrainError> {
        if self.partial.is_some() {
            return self.trace_with(self.settled_params(0), row);
        }
        self.trace_regressor(&self.members[0], row)
    }

    /// [`Trainer::trace`] with other weights of the same shape (a snapshot of an earlier epoch).
    pub fn trace_with(&self, params: &NetworkParams<f32>, row: usize) -> Result<Trace, TrainError> {
        self.trace_regressor(&self.regressor_with(params)?, row)
    }

    fn trace_regressor(&self, regressor: &Regressor, row: usize) -> Result<Trace, TrainError> {
        let d = &self.dataset;
        if row >= d.n_windows() {
            return Err(TrainError::Setting(format!(
                "window {row} does not exist: there are {} windows",
                d.n_windows()
            )));
        }
        let mut trace = regressor.trace(d.input(row), d.targets[row]);
        let t = d.target_month[row];
        trace.target_month = t;
        trace.prediction_raw = d.transform.invert(&d.series.values, t, trace.prediction as f64) as f32;
        trace.actual_raw = d.series.values[t] as f32;
        Ok(trace)
    }
}

/// The element-wise mean of equally long vectors (the one vector itself when there is one).
fn mean_of(vectors: &[Vec<f64>]) -> Vec<f64> {
    match vectors {
        [] => Vec::new(),
        [one] => one.clone(),
        [first, rest @ ..] => {
            let mut sum = first.clone();
            for v in rest {
                sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
            }
            let n = vectors.len() as f64;
            sum.iter_mut().for_each(|s| *s /= n);
            sum
        }
    }
}

/// Whether a loss says the training diverged: not finite, or above [`DIVERGENCE_FACTOR`] ×
/// `baseline` (the loss of always predicting 0).
fn diverged(loss: f64, baseline: f64) -> bool {
    !loss.is_finite() || loss > DIVERGENCE_FACTOR * baseline.max(1e-6)
}

/// The MSE over the rows `rows` of the members' mean output (`outputs[m]`: member m's for
/// those rows), NaN for no rows; of one member's in f32, as its training loss is.
fn loss_of_outputs(outputs: &[&[f32]], y: &[f64], rows: &[usize]) -> f64 {
    if rows.is_empty() {
        return f64::NAN;
    }
    if let [one] = outputs {
        let prediction: Array1<f32> = one.iter().copied().collect();
        let target: Array1<f32> = rows.iter().map(|&r| y[r] as f32).collect();
        return mse(&prediction, &target).0 as f64;
    }
    let outs: Vec<Vec<f64>> = outputs
        .iter()
        .map(|out| out.iter().map(|&v| v as f64).collect())
        .collect();
    let mean = mean_of(&outs);
    rows.iter().zip(&mean).map(|(&r, p)| (p - y[r]).powi(2)).sum::<f64>() / rows.len() as f64
}

/// How many windows of a forward pass alone go into one chunk of a piece of `piece_work`:
/// twice as many as training windows, since they take about half as long (see
/// [`EVALUATION_PIECE_WORK`]).
fn forward_chunk_rows(piece_work: usize, row_work: usize) -> usize {
    (piece_work.saturating_mul(2) / row_work).max(1)
}
