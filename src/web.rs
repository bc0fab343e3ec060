//! The JavaScript surface of the trainer: a thin `#[wasm_bindgen]` layer over [`Trainer`].
//!
//! The page runs it inside a Web Worker (`www/worker.js`); the main thread only draws, with the
//! free functions of `crate::web_charts`.
//!
//! ```js
//! import { Demo, setPanicHandler } from "../pkg/lstm_conveyor.js";
//! setPanicHandler((message) => reportFatal(message));
//! const demo = new Demo({ hidden: 40, seed: 1 });    // missing settings take the defaults
//! demo.trainEpochs(5);                               // -> 5
//! demo.evaluation().testRmse;                        // one-step test RMSE, thousands
//! demo.viewEpoch(2);                                 // look at the weights of epoch 2 …
//! demo.trace(0);                                     // … window 0 as they saw it
//! ```
//!
//! Numbers leave as copies (`Float64Array`, `Float32Array`), never as views into the wasm
//! memory, which go stale when the memory grows. Every call that can fail returns a
//! `JsError` carrying the engine's message (a diverging epoch: an `Error` named
//! `DivergenceError`); a panic (a bug) is logged to the console by `console_error_panic_hook`
//! and handed to the page's panic handler.

use crate::baselines;
use crate::data::{Layout, Series, Transform, YearMonth};
use crate::examples::{find_example, EXAMPLES};
use crate::model::matmul::EpochProducts;
use crate::model::network::NetworkParams;
use crate::model::{CellKind, OptimizerKind, ParamSet};
use crate::snapshots::Snapshots;
use crate::trace::{LayerTrace, Trace};
use crate::train::{
    Evaluation, EvaluationRun, ModelConfig, Piece, Regressor, TrainConfig, TrainError, Trainer, EVALUATION_PIECE_WORK,
};
use crate::weights::{self, WeightsConfig};
use js_sys::{Array, Float32Array, Float64Array, Function, Object, Reflect, Uint32Array};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::sync::Once;
use wasm_bindgen::prelude::*;

/// A relative difference in a fitted transform's offset or scale above which imported weights
/// are taken to belong to other data.
const TRANSFORM_TOLERANCE: f64 = 1e-6;

/// The settings the page passes to `new Demo(settings)`: one flat object with JavaScript
/// names. A missing field takes its value from `TrainConfig::default()`; an unknown field is
/// an error, so a typo does not pass silently.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// The recurrent cell: `"lstm"`, `"gru"` or `"rnn"`.
    pub cell: CellKind,
    /// H, hidden units per layer, 1 to 512.
    pub hidden: usize,
    /// Stacked layers of that cell, 1 to 4.
    pub layers: usize,
    /// W, months in one input window, 1 to 120.
    pub window: usize,
    /// `"sequence"` (W steps of 1 value) or `"flat"` (1 step of W values, the article's).
    pub layout: Layout,
    /// `"min_max"`, `"log_diff"`, `"seasonal_log_diff"` or `"window_log_norm"`.
    pub transform: Transform,
    /// `"adagrad"`, `"adam"` or `"sgd"`.
    pub optimizer: OptimizerKind,
    /// The learning rate, > 0.
    pub learning_rate: f64,
    /// Windows per mini-batch; 0 or null uses every training window in one batch.
    pub batch_size: Option<usize>,
    /// Clip the gradient to this global L2 norm; 0 or null does not clip.
    pub clip: Option<f64>,
    /// Fixes the initial weights and the shuffling (a whole number, 0 to 2^53).
    pub seed: u64,
    /// Start the forget gate's bias at 1 (the LSTM's; the other cells have no forget gate).
    pub forget_bias_one: bool,
    /// The first test month, `"YYYY-MM"`; null for the series' default (1959-01).
    pub test_start: Option<String>,
    /// Hold out the last 12 training windows and keep the best epoch's weights.
    pub early_stopping: bool,
    /// Ensemble members, 1 to 10, trained side by side; the forecast is their mean.
    pub ensemble: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from(&TrainConfig::default())
    }
}

impl From<&TrainConfig> for Settings {
    fn from(config: &TrainConfig) -> Self {
        let m = &config.model;
        Settings {
            cell: m.cell,
            hidden: m.hidden,
            layers: m.layers,
            window: m.window,
            layout: m.layout,
            transform: config.transform,
            optimizer: m.optimizer,
            learning_rate: m.learning_rate,
            batch_size: m.batch_size,
            clip: m.clip_norm,
            seed: m.seed,
            forget_bias_one: m.forget_bias_one,
            test_start: config.test_start.map(|m| m.to_string()),
            early_stopping: config.early_stopping,
            ensemble: config.ensemble,
        }
    }
}

impl Settings {
    /// Reads a settings object; `undefined` or `null` gives the defaults.
    ///
    /// The object goes through a JSON value first: serde-wasm-bindgen reads only the fields a
    /// struct names, so reading the struct directly would let a misspelt field pass unseen.
    pub fn from_js(value: JsValue) -> Result<Settings, String> {
        if value.is_undefined() || value.is_null() {
            return Ok(Settings::default());
        }
        let json: serde_json::Value = serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())?;
        if !json.is_object() {
            return Err(format!("expected an object such as {{\"hidden\": 40}}, not {json}"));
        }
        serde_json::from_value(json).map_err(|e| e.to_string())
    }

    /// The engine's configuration; the ranges are checked by the trainer.
    pub fn to_config(&self) -> Result<TrainConfig, TrainError> {
        let test_start = match &self.test_start {
            Some(text) if !text.trim().is_empty() => Some(YearMonth::parse(text)?),
            _ => None,
        };
        Ok(TrainConfig {
            test_start,
            transform: self.transform,
            model: ModelConfig {
                cell: self.cell,
                window: self.window,
                layout: self.layout,
                hidden: self.hidden,
                layers: self.layers,
                optimizer: self.optimizer,
                learning_rate: self.learning_rate,
                batch_size: self.batch_size.filter(|&b| b > 0),
                clip_norm: self.clip.filter(|&c| c != 0.0),
                forget_bias_one: self.forget_bias_one,
                seed: self.seed,
            },
            early_stopping: self.early_stopping,
            ensemble: self.ensemble,
        })
    }
}

/// The errors of one set of predictions, for JavaScript.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Metrics {
    /// Loss on the test windows (model space, MSE).
    test_loss: f64,
    /// One-step RMSE over the training months, in thousands.
    train_rmse: f64,
    /// One-step MAPE over the training months, in percent.
    train_mape: f64,
    /// One-step RMSE over the test months, in thousands.
    test_rmse: f64,
    /// One-step MAPE over the test months, in percent.
    test_mape: f64,
    /// Recursive-forecast RMSE over the test months, in thousands.
    recursive_rmse: f64,
    /// Recursive-forecast MAPE over the test months, in percent.
    recursive_mape: f64,
}

impl From<&Evaluation> for Metrics {
    fn from(e: &Evaluation) -> Self {
        Metrics {
            test_loss: e.test_loss,
            train_rmse: e.train.rmse,
            train_mape: e.train.mape,
            test_rmse: e.test.rmse,
            test_mape: e.test.mape,
            recursive_rmse: e.recursive_test.rmse,
            recursive_mape: e.recursive_test.mape,
        }
    }
}

/// The demo: a trainer on a series (AirPassengers unless the page loads another), the weights
/// kept for scrubbing back, and which epoch is being looked at.
#[wasm_bindgen]
pub struct Demo {
    trainer: Trainer,
    series: Series,
    /// The evaluation of the live weights, computed when first asked for after an epoch.
    evaluation: Option<Evaluation>,
    /// That evaluation under way, piece by piece (`evaluatePiece`), while `evaluation` is
    /// `None`: the large networks' evaluation takes seconds.
    evaluating: Option<EvaluationRun>,
    /// The weights after epoch 0 and at log-spaced epochs since ([`crate::snapshots`]).
    snapshots: Snapshots,
    /// Set while the page looks back at an earlier epoch.
    viewing: Option<View>,
    /// The c_t half-range over the kept epochs' traces, for (window, kept count, last kept
    /// epoch): one forward pass per kept epoch, done again only when one of them changes.
    kept_scale: std::cell::Cell<Option<(KeptScaleKey, f64)>>,
}

/// What the kept epochs' c_t scale was computed for: the window, how many epochs are kept and
/// the last of them (it only grows until a reset, which forgets the scale).
type KeptScaleKey = (usize, usize, usize);

/// An earlier epoch being looked at: its weights and what they predict.
struct View {
    /// The kept epoch shown (the latest kept one at or before the epoch asked for).
    epoch: usize,
    params: NetworkParams<f32>,
    /// Its evaluation once computed, and while it is computed piece by piece (as the live
    /// weights' is: `Demo::evaluation`, `Demo::evaluating`).
    evaluation: Option<Evaluation>,
    run: Option<EvaluationRun>,
}

impl Demo {
    /// A demo on AirPassengers from engine settings.
    pub fn from_config(config: TrainConfig) -> Result<Demo, TrainError> {
        Demo::on_series(Series::air_passengers(), config)
    }

    /// A demo on any series from engine settings.
    pub fn on_series(series: Series, config: TrainConfig) -> Result<Demo, TrainError> {
        let trainer = Trainer::new(&series, config)?;
        Ok(Demo::around(series, trainer))
    }

    fn around(series: Series, trainer: Trainer) -> Demo {
        let mut demo = Demo {
            trainer,
            series,
            evaluation: None,
            evaluating: None,
            snapshots: Snapshots::default(),
            viewing: None,
            kept_scale: std::cell::Cell::new(None),
        };
        demo.start_snapshots();
        demo
    }

    /// Forgets the kept weights and keeps those of epoch 0 (after a reset or a load).
    fn start_snapshots(&mut self) {
        self.snapshots.clear();
        self.kept_scale.set(None);
        self.viewing = None;
        self.forget_evaluation();
        self.snapshots.offer(0, &self.trainer.regressor().network().params);
    }

    /// The trainer.
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// The evaluation of the live weights after the latest epoch (or of the fresh model at
    /// epoch 0), computed once per epoch on demand: what is left of a run begun by
    /// `evaluatePiece`, or all of it.
    pub fn latest_evaluation(&mut self) -> &Evaluation {
        let trainer = &self.trainer;
        advance(trainer, &mut self.evaluation, &mut self.evaluating, usize::MAX, || {
            trainer.start_evaluation()
        });
        self.evaluation
            .as_ref()
            .expect("an unlimited piece finishes the evaluation")
    }

    /// The live weights changed (an epoch, a reset, a load): their evaluation is out of date.
    fn forget_evaluation(&mut self) {
        self.evaluation = None;
        self.evaluating = None;
    }

    /// The evaluation shown: of the epoch being looked at, or of the live weights.
    fn shown_evaluation(&mut self) -> &Evaluation {
        if self.viewing.is_none() {
            return self.latest_evaluation();
        }
        self.advance_shown(usize::MAX);
        let view = self.viewing.as_ref().expect("looked at above");
        view.evaluation
            .as_ref()
            .expect("an unlimited piece finishes the evaluation")
    }

    /// Advances the evaluation shown (of the epoch looked at, or of the live weights) by at
    /// most `work` multiply-adds (at least one unit) and returns whether it is done.
    fn advance_shown(&mut self, work: usize) -> bool {
        let trainer = &self.trainer;
        match &mut self.viewing {
            Some(View {
                params,
                evaluation,
                run,
                ..
            }) => advance(trainer, evaluation, run, work, || {
                trainer
                    .start_evaluation_with(params)
                    .expect("the kept weights have the model's shape")
            }),
            None => advance(trainer, &mut self.evaluation, &mut self.evaluating, work, || {
                trainer.start_evaluation()
            }),
        }
    }

    /// The settings in use: the trainer's, with the learning rate, optimizer and clipping as
    /// last changed while training (they live in the regressor).
    fn live_config(&self) -> TrainConfig {
        TrainConfig {
            model: self.trainer.regressor().config().clone(),
            ..self.trainer.config().clone()
        }
    }

    /// What the weights file records besides the tensors.
    fn weights_config(&self) -> WeightsConfig {
        let dataset = self.trainer.dataset();
        let network = self.trainer.config().model.network();
        WeightsConfig {
            cell: network.cell,
            input_size: network.d_input,
            hidden_size: network.d_hidden,
            num_layers: network.n_layers,
            window: dataset.window(),
            layout: dataset.config.layout,
            transform: dataset.transform.clone(),
            series: Some(self.series.name.clone()),
            test_start: self.series.months.get(dataset.test_start).copied(),
        }
    }
}

/// The JavaScript API.
#[wasm_bindgen]
impl Demo {
    /// Creates a demo on AirPassengers from a settings object (any subset of the fields of
    /// [`Settings`]; `{}` or `undefined` gives the defaults) and installs the panic hook.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<Demo, JsValue> {
        install_panic_hook();
        let config = config_from_js(settings)?;
        Demo::from_config(config).map_err(js_error)
    }

    /// Creates a demo on a series read from CSV text (`month,value` lines or one value per
    /// line; see `Series::parse_csv`) called `name`. A bad file is refused with a message that
    /// names the line. `testStart` in the settings is ignored: the series' own default (its last
    /// fifth, at most two years) is used.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(csv: &str, name: &str, settings: JsValue) -> Result<Demo, JsValue> {
        install_panic_hook();
        let series = Series::parse_csv(name, csv).map_err(|e| js_error(e.into()))?;
        let mut config = config_from_js(settings)?;
        config.test_start = None;
        Demo::on_series(series, config).map_err(js_error)
    }

    /// Creates a demo on one of the example series that come with the page (`id` from
    /// `crate::examples`: "air_passengers", "co2", "nottem", "us_accidental_deaths",
    /// "synthetic", "long_memory"). As for CSV, the series' own test months are used.
    #[wasm_bindgen(js_name = fromExample)]
    pub fn from_example(id: &str, settings: JsValue) -> Result<Demo, JsValue> {
        install_panic_hook();
        let example = find_example(id).ok_or_else(|| {
            let known: Vec<&str> = EXAMPLES.iter().map(|e| e.id).collect();
            let known = known.join(", ");
            let message = format!("no example series \"{id}\": expected one of {known}");
            coded_error(
                "engine.unknownExample",
                &[("id", id.to_string()), ("known", known)],
                &message,
            )
        })?;
        let mut config = config_from_js(settings)?;
        config.test_start = None;
        Demo::on_series(example.series(), config).map_err(js_error)
    }

    /// A new demo on the same series with other settings (a settings object as for the
    /// constructor; missing fields take the defaults). This demo is left as it was.
    #[wasm_bindgen(js_name = withSettings)]
    pub fn with_settings(&self, settings: JsValue) -> Result<Demo, JsValue> {
        let config = config_from_js(settings)?;
        Demo::on_series(self.series.clone(), config).map_err(js_error)
    }

    /// The settings in use, as a plain object with every field of [`Settings`].
    pub fn settings(&self) -> Result<JsValue, JsError> {
        let settings = Settings::from(&self.live_config());
        settings
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Trains `n` epochs and returns how many ran. Stops at the first epoch that diverges and
    /// throws an `Error` named `DivergenceError` with the engine's message instead; that epoch
    /// changed nothing (the engine restores the weights), the epochs before it are kept.
    #[wasm_bindgen(js_name = trainEpochs)]
    pub fn train_epochs(&mut self, n: usize) -> Result<usize, JsValue> {
        for ran in 0..n {
            if let Err(e) = self.trainer.train_epoch() {
                if ran > 0 {
                    self.forget_evaluation();
                }
                return Err(train_error_to_js(e));
            }
            self.snapshots
                .offer(self.trainer.epoch(), &self.trainer.regressor().network().params);
        }
        if n > 0 {
            self.forget_evaluation();
        }
        Ok(n)
    }

    /// Trains the next piece of the epoch (see `Trainer::train_piece`: at most `PIECE_WORK`
    /// multiply-adds, the whole epoch at small settings) and returns whether it ended the
    /// epoch. Between pieces the worker reads its messages, so that pause, step and reset
    /// answer within a piece even when an epoch takes seconds. Throws like `trainEpochs`; a
    /// diverging piece puts the weights back to the epoch's start.
    #[wasm_bindgen(js_name = trainPiece)]
    pub fn train_piece(&mut self) -> Result<bool, JsValue> {
        match self.trainer.train_piece() {
            Ok(Piece::Partial(_)) => Ok(false),
            Ok(Piece::Epoch(_)) => {
                self.snapshots
                    .offer(self.trainer.epoch(), &self.trainer.regressor().network().params);
                self.forget_evaluation();
                Ok(true)
            }
            Err(e) => Err(train_error_to_js(e)),
        }
    }

    /// `{ done, total }`: the row chunks of the epoch in progress trained so far and in all,
    /// or `null` between epochs (what the page shows as "epoch 12 · 40%").
    #[wasm_bindgen(js_name = epochProgress)]
    pub fn epoch_progress(&self) -> Result<JsValue, JsError> {
        match self.trainer.epoch_progress() {
            None => Ok(JsValue::NULL),
            Some(progress) => Ok(serde_wasm_bindgen::to_value(&progress)?),
        }
    }

    /// Starts again from fresh weights drawn with `seed` (the current seed when omitted),
    /// keeping every other setting. The same seed replays the same run.
    pub fn reset(&mut self, seed: Option<f64>) -> Result<(), JsValue> {
        let seed = match seed {
            None => self.trainer.config().model.seed,
            Some(s) if s.is_finite() && s >= 0.0 && s.fract() == 0.0 && s <= 9_007_199_254_740_992.0 => s as u64,
            Some(s) => {
                let message = format!("the seed must be a whole number from 0 to 2^53, not {s}");
                return Err(coded_error("engine.badSeed", &[("seed", s.to_string())], &message));
            }
        };
        // The trainer starts from its own settings: carry over what was changed while training.
        // The trainer keeps what was changed while training (learning rate, optimizer, clipping).
        self.trainer.reset(seed);
        self.start_snapshots();
        Ok(())
    }

    /// Changes the learning rate while training; the optimizer keeps its state.
    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), JsValue> {
        self.trainer.set_learning_rate(learning_rate).map_err(js_error)
    }

    /// Changes the update rule (`"adagrad"`, `"adam"` or `"sgd"`) while training, keeping the
    /// weights; the new optimizer starts with fresh state.
    #[wasm_bindgen(js_name = setOptimizer)]
    pub fn set_optimizer(&mut self, name: &str) -> Result<(), JsValue> {
        let kind = OptimizerKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
            .ok_or_else(|| {
                let message = format!("unknown optimizer \"{name}\": expected adagrad, adam or sgd");
                coded_error("engine.unknownOptimizer", &[("name", name.to_string())], &message)
            })?;
        self.trainer.set_optimizer(kind);
        Ok(())
    }

    /// Clips the gradient to this global L2 norm from the next step on; 0, `null` or
    /// `undefined` stops clipping.
    #[wasm_bindgen(js_name = setClip)]
    pub fn set_clip(&mut self, clip: Option<f64>) -> Result<(), JsValue> {
        self.trainer.set_clip_norm(clip.filter(|&c| c != 0.0)).map_err(js_error)
    }

    /// The number of epochs trained since the last reset.
    pub fn epoch(&self) -> usize {
        self.trainer.epoch()
    }

    /// The epochs whose weights are kept for looking back (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, …,
    /// thinned under a memory cap), oldest first.
    #[wasm_bindgen(js_name = snapshotEpochs)]
    pub fn snapshot_epochs(&self) -> Uint32Array {
        let epochs: Vec<u32> = self.snapshots.epochs().into_iter().map(|e| e as u32).collect();
        Uint32Array::from(&epochs[..])
    }

    /// Looks at the weights of an earlier epoch: from now on `evaluation()`, `predictions()`
    /// and `trace(row)` describe the latest kept epoch at or before `epoch`, which is returned.
    /// `null` or `undefined` returns to the live weights (and returns `undefined`). Training
    /// goes on underneath; a reset or a load returns to live.
    #[wasm_bindgen(js_name = viewEpoch)]
    pub fn view_epoch(&mut self, epoch: Option<f64>) -> Result<Option<usize>, JsValue> {
        let Some(epoch) = epoch else {
            self.viewing = None;
            return Ok(None);
        };
        if !(epoch.is_finite() && epoch >= 0.0 && epoch.fract() == 0.0) {
            let message = format!("the epoch must be a whole number ≥ 0, not {epoch}");
            return Err(coded_error(
                "engine.badEpoch",
                &[("epoch", epoch.to_string())],
                &message,
            ));
        }
        let (kept, params) = self
            .snapshots
            .at_or_before(epoch as usize)
            .ok_or_else(|| coded_error("engine.noSnapshot", &[], "no weights are kept for that epoch"))?;
        if self.viewing.as_ref().is_some_and(|v| v.epoch == kept) {
            return Ok(Some(kept));
        }
        // Evaluated when first asked for, or piece by piece (`evaluatePiece`).
        let run = self.trainer.start_evaluation_with(params).map_err(js_error)?;
        self.viewing = Some(View {
            epoch: kept,
            params: params.clone(),
            evaluation: None,
            run: Some(run),
        });
        Ok(Some(kept))
    }

    /// The kept epoch being looked at, or `undefined` when showing the live weights.
    #[wasm_bindgen(js_name = viewingEpoch)]
    pub fn viewing_epoch(&self) -> Option<usize> {
        self.viewing.as_ref().map(|v| v.epoch)
    }

    /// `{ from, length, train: Float64Array, test: Float64Array, validation, bestEpoch }`: the
    /// loss of every epoch (model space, MSE) from epoch `from` + 1 on (`from` 0, the whole
    /// history, when left out or past its end), and `length`, the epochs in the whole history.
    /// Always the live history, also while looking back. The training worker asks for the
    /// epochs the page does not have yet: posting the whole history with every snapshot made
    /// each frame's work grow with the epochs trained.
    #[wasm_bindgen(js_name = lossHistory)]
    pub fn loss_history(&self, from: Option<usize>) -> Result<Object, JsError> {
        let history = self.trainer.history();
        let from = from.filter(|&f| f <= history.len()).unwrap_or(0);
        let tail = &history[from..];
        let train: Vec<f64> = tail.iter().map(|r| r.train_loss).collect();
        let test: Vec<f64> = tail.iter().map(|r| r.test_loss).collect();
        let validation: Vec<f64> = tail.iter().map(|r| r.validation_loss).collect();
        let out = Object::new();
        set(&out, "from", &JsValue::from(from as u32))?;
        set(&out, "length", &JsValue::from(history.len() as u32))?;
        set(&out, "train", &Float64Array::from(&train[..]))?;
        set(&out, "test", &Float64Array::from(&test[..]))?;
        // With early stopping: the loss on the 12 held-out training months (NaN without).
        set(&out, "validation", &Float64Array::from(&validation[..]))?;
        // The epoch whose weights the forecast uses (early stopping), or undefined.
        set(
            &out,
            "bestEpoch",
            &self
                .trainer
                .best_epoch()
                .map_or(JsValue::UNDEFINED, |e| JsValue::from(e as u32)),
        )?;
        Ok(out)
    }

    /// `{ testLoss, trainRmse, trainMape, testRmse, testMape, recursiveRmse, recursiveMape }`
    /// after the latest epoch (or at the epoch looked at): RMSE in the series' unit (thousands
    /// of passengers), MAPE in percent.
    pub fn evaluation(&mut self) -> Result<JsValue, JsError> {
        metrics_to_js(self.shown_evaluation())
    }

    /// `{ actual, oneStep, recursive: Float64Array, testStart: number }`, one entry per month:
    /// the series, the one-step predictions (NaN before the first window) and the recursive
    /// forecast (NaN outside the test months); `testStart` is the index of the first test month.
    pub fn predictions(&mut self) -> Result<Object, JsError> {
        let test_start = self.trainer.dataset().test_start;
        let values = self.series.values.clone();
        predictions_to_js(&values, test_start, self.shown_evaluation())
    }

    /// Advances the evaluation shown (of the live weights, or of the epoch looked at) by one
    /// piece (at most `EVALUATION_PIECE_WORK` multiply-adds, all of it at small settings) and
    /// returns whether it is ready, so that `evaluation()` and `predictions()` then cost
    /// nothing. The training worker evaluates a large network this way, reading its messages
    /// between pieces; a training epoch, a reset or a load starts the live evaluation again,
    /// and looking at another epoch starts that one's.
    #[wasm_bindgen(js_name = evaluatePiece)]
    pub fn evaluate_piece(&mut self) -> bool {
        self.advance_shown(EVALUATION_PIECE_WORK)
    }

    /// Whether the evaluation of these settings takes more than one `evaluatePiece` (a large
    /// network): the worker then answers a reset or a load before its first piece.
    #[wasm_bindgen(js_name = evaluationInPieces)]
    pub fn evaluation_in_pieces(&self) -> bool {
        let work = match &self.viewing {
            Some(view) => view.run.as_ref().map_or(0, EvaluationRun::work),
            None => self.trainer.evaluation_work(),
        };
        work > EVALUATION_PIECE_WORK
    }

    /// Whether `evaluation()` and `predictions()` answer without computing anything: the
    /// weights shown (live, or of the epoch looked at) are evaluated.
    #[wasm_bindgen(js_name = evaluationReady)]
    pub fn evaluation_ready(&self) -> bool {
        match &self.viewing {
            Some(view) => view.evaluation.is_some(),
            None => self.evaluation.is_some(),
        }
    }

    /// `{ done, total }`: the windows of the evaluation under way of the weights shown,
    /// evaluated so far and in all, or `null` when none is under way.
    #[wasm_bindgen(js_name = evaluationProgress)]
    pub fn evaluation_progress(&self) -> Result<JsValue, JsError> {
        let run = match &self.viewing {
            Some(view) => view.run.as_ref(),
            None => self.evaluating.as_ref(),
        };
        match (run, self.evaluation_ready()) {
            (Some(run), false) => Ok(serde_wasm_bindgen::to_value(&run.progress())?),
            _ => Ok(JsValue::NULL),
        }
    }

    /// What `evaluation()` gives before the live weights are evaluated: every figure NaN (the
    /// page shows a dash).
    #[wasm_bindgen(js_name = pendingEvaluation)]
    pub fn pending_evaluation(&self) -> Result<JsValue, JsError> {
        metrics_to_js(&Evaluation::pending(self.series.values.len()))
    }

    /// What `predictions()` gives before the live weights are evaluated: the series, and NaN
    /// for every prediction.
    #[wasm_bindgen(js_name = pendingPredictions)]
    pub fn pending_predictions(&self) -> Result<Object, JsError> {
        let test_start = self.trainer.dataset().test_start;
        let pending = Evaluation::pending(self.series.values.len());
        predictions_to_js(&self.series.values, test_start, &pending)
    }

    /// The month of every value, as `"YYYY-MM"` strings.
    pub fn months(&self) -> Array {
        self.series
            .months
            .iter()
            .map(|m| JsValue::from(m.to_string()))
            .collect()
    }

    /// The name of the series.
    #[wasm_bindgen(js_name = seriesName)]
    pub fn series_name(&self) -> String {
        self.series.name.clone()
    }

    /// The number of windows (training and test); rows `0 … trainWindowCount − 1` are training.
    #[wasm_bindgen(js_name = windowCount)]
    pub fn window_count(&self) -> usize {
        self.trainer.dataset().n_windows()
    }

    /// The number of training windows.
    #[wasm_bindgen(js_name = trainWindowCount)]
    pub fn train_window_count(&self) -> usize {
        self.trainer.dataset().n_train
    }

    /// `{ inputs: Float64Array, targets: Float64Array, window, count }`: the training windows
    /// as the network reads them (model space), `count` rows of `window` numbers one after
    /// another, and the target of each. For comparisons with other libraries on exactly the
    /// same data, such as the benchmark's TensorFlow.js model.
    #[wasm_bindgen(js_name = trainingWindows)]
    pub fn training_windows(&self) -> Result<Object, JsError> {
        let d = self.trainer.dataset();
        let (n, w) = (d.n_train, d.window());
        let out = Object::new();
        set(&out, "inputs", &Float64Array::from(&d.inputs[..n * w]))?;
        set(&out, "targets", &Float64Array::from(&d.targets[..n]))?;
        set(&out, "window", &JsValue::from(w as u32))?;
        set(&out, "count", &JsValue::from(n as u32))?;
        Ok(out)
    }

    /// The step-by-step record of the window of row `row` (0-based, month order) with the
    /// live weights or those of the epoch looked at:
    /// `{ cell, steps, targetMonth, prediction, target, predictionRaw, actualRaw, layers }`
    /// (`cell` is `"lstm"`, `"gru"` or `"rnn"`), each layer `{ dInput, dHidden, input,
    /// forgetGate, inputGate, cellGate, outputGate, cellPrev, kept, added, cell, tanhCell,
    /// hidden, dHiddenNorm, dCellNorm, rows, rowNames }` with every row a `Float32Array`,
    /// time-major: `[steps × dHidden]` (`input` is `[steps × dInput]`, the two norms
    /// `[steps]`). `rows` holds the cell's own rows by name (`{ reset_gate, update_gate,
    /// new_gate, hidden }` for the GRU), `rowNames` their names in the cell's order; the LSTM's
    /// named fields and `dCellNorm` are empty for a cell without them.
    pub fn trace(&self, row: usize) -> Result<Object, JsValue> {
        let trace = match &self.viewing {
            Some(view) => self.trainer.trace_with(&view.params, row),
            None => self.trainer.trace(row),
        }
        .map_err(js_error)?;
        Ok(trace_to_js(&trace)?)
    }

    /// The half-range of c_t's colours that holds the trace of window `row` under every kept
    /// epoch's weights and the live ones: the largest |c_{t−1}|, |k_t|, |c_t| over them all,
    /// rounded up as the heatmap's own scale is (at least 1). With it the page fixes the
    /// heatmaps' and the belt's colour scales, so that scrubbing through the kept epochs
    /// compares like with like. One forward pass over the window per kept epoch.
    #[wasm_bindgen(js_name = keptCellScale)]
    pub fn kept_cell_scale(&self, row: usize) -> Result<f64, JsValue> {
        let largest = |trace: Trace| {
            trace
                .layers
                .iter()
                .map(crate::render::colormap::cell_half_range)
                .fold(1.0, f64::max)
        };
        let epochs = self.snapshots.epochs();
        let key = (row, epochs.len(), epochs.last().copied().unwrap_or(0));
        let kept = match self.kept_scale.get() {
            Some((k, scale)) if k == key => scale,
            _ => {
                let mut scale: f64 = 1.0;
                for params in self.snapshots.params() {
                    scale = scale.max(largest(self.trainer.trace_with(params, row).map_err(js_error)?));
                }
                self.kept_scale.set(Some((key, scale)));
                scale
            }
        };
        let live = largest(self.trainer.trace(row).map_err(js_error)?);
        Ok(kept.max(live))
    }

    /// `{ distinct, numel, article }`: the distinct parameters (one bias per gate and unit),
    /// PyTorch's `numel()` total (two biases), and the article's formula.
    #[wasm_bindgen(js_name = paramCount)]
    pub fn param_count(&self) -> Result<Object, JsError> {
        let network = self.trainer.regressor().network();
        let out = Object::new();
        set(&out, "distinct", &JsValue::from(network.params.distinct_count() as u32))?;
        set(&out, "numel", &JsValue::from(network.params.count() as u32))?;
        set(
            &out,
            "article",
            &JsValue::from(network.config().article_param_count() as u32),
        )?;
        Ok(out)
    }

    /// The forecast's weights (with early stopping, the kept epoch's) and their data settings
    /// as the PyTorch-compatible JSON of `crate::weights`; an ensemble's members all go into
    /// the one file (member 1 at the top level, the others under `members`).
    #[wasm_bindgen(js_name = exportWeights)]
    pub fn export_weights(&self) -> String {
        weights::to_json_ensemble(&self.weights_config(), &self.trainer.model_members())
    }

    /// The classical baselines fitted on the training part, for the forecast chart:
    /// `{ ids: ["seasonal_naive", "ar12_log", "holt_winters"], labels, oneStep: Float64Array
    /// (ids.length × months, one after another), recursive: the same, testRmse: Float64Array,
    /// recursiveRmse: Float64Array, fitted: [text], unavailable: [{ id, message }] }`. A
    /// baseline that cannot be fitted on this series (too short, a value ≤ 0) is listed in
    /// `unavailable` with the reason.
    pub fn baselines(&self) -> Result<Object, JsError> {
        let dataset = self.trainer.dataset();
        let (fitted, failed) = baselines::fit_all(&self.series.values, dataset.test_start);
        let out = Object::new();
        let strings = |f: &dyn Fn(&baselines::Baseline) -> String| -> Array {
            fitted.iter().map(|b| JsValue::from(f(b))).collect()
        };
        set(&out, "ids", &strings(&|b| b.kind.name().to_string()))?;
        set(&out, "labels", &strings(&|b| b.kind.label().to_string()))?;
        set(&out, "fitted", &strings(&|b| b.fitted.clone()))?;
        let flat = |f: &dyn Fn(&baselines::Baseline) -> &[f64]| -> Vec<f64> {
            fitted.iter().flat_map(|b| f(b).iter().copied()).collect()
        };
        set(&out, "oneStep", &Float64Array::from(&flat(&|b| &b.one_step)[..]))?;
        set(&out, "recursive", &Float64Array::from(&flat(&|b| &b.recursive)[..]))?;
        let test: Vec<f64> = fitted.iter().map(|b| b.test.rmse).collect();
        let recursive: Vec<f64> = fitted.iter().map(|b| b.recursive_test.rmse).collect();
        set(&out, "testRmse", &Float64Array::from(&test[..]))?;
        set(&out, "recursiveRmse", &Float64Array::from(&recursive[..]))?;
        let unavailable = Array::new();
        for (kind, message) in failed {
            let entry = Object::new();
            set(&entry, "id", &JsValue::from(kind.name()))?;
            set(&entry, "message", &JsValue::from(message))?;
            unavailable.push(&entry);
        }
        set(&out, "unavailable", &unavailable)?;
        Ok(out)
    }

    /// Loads a weights file: the network's cell, shape, window, layout, transform, test start and
    /// ensemble size come from the file, the optimizer settings stay. Starts again at epoch 0 with the loaded
    /// weights. Refuses a file whose transform was fitted on other data; a refused file changes
    /// nothing.
    #[wasm_bindgen(js_name = importWeights)]
    pub fn import_weights(&mut self, json: &str) -> Result<(), JsValue> {
        let file = weights::from_json(json).map_err(|e| coded_error(e.code(), &e.params(), &e.to_string()))?;
        let c = &file.config;
        let mut config = self.live_config();
        config.transform = c.transform.kind;
        config.test_start = c.test_start.or(config.test_start);
        config.model.cell = c.cell;
        config.model.window = c.window;
        config.model.layout = c.layout;
        config.model.hidden = c.hidden_size;
        config.model.layers = c.num_layers;
        let members = file
            .all_members()
            .into_iter()
            .enumerate()
            .map(|(k, params)| Regressor::with_params(config.member(k), params.cast::<f32>()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(js_error)?;
        let trainer = Trainer::with_regressors(&self.series, config, members).map_err(js_error)?;
        let fitted = &trainer.dataset().transform;
        let differs = |a: f64, b: f64| (a - b).abs() > TRANSFORM_TOLERANCE * a.abs().max(b.abs()).max(1e-12);
        if differs(fitted.offset, c.transform.offset) || differs(fitted.scale, c.transform.scale) {
            let message = format!(
                "these weights were trained on other data: their {} transform has offset {} and scale {}, \
                 but on {} it has offset {} and scale {}",
                c.transform.kind, c.transform.offset, c.transform.scale, self.series.name, fitted.offset, fitted.scale
            );
            let params = [
                ("series", self.series.name.clone()),
                ("transform", c.transform.kind.to_string()),
            ];
            return Err(coded_error("engine.otherData", &params, &message));
        }
        *self = Demo::around(self.series.clone(), trainer);
        Ok(())
    }
}

/// Advances an evaluation kept as `done` (once finished) and `under_way` (a run begun with
/// `start`) by at most `work` multiply-adds and returns whether it is done.
fn advance(
    trainer: &Trainer,
    done: &mut Option<Evaluation>,
    under_way: &mut Option<EvaluationRun>,
    work: usize,
    start: impl FnOnce() -> EvaluationRun,
) -> bool {
    if done.is_some() {
        return true;
    }
    let mut run = under_way.take().unwrap_or_else(start);
    match trainer.evaluate_piece(&mut run, work) {
        Some(evaluation) => *done = Some(evaluation),
        None => *under_way = Some(run),
    }
    done.is_some()
}

/// An evaluation's figures as the page reads them (see `Demo::evaluation`).
fn metrics_to_js(evaluation: &Evaluation) -> Result<JsValue, JsError> {
    Metrics::from(evaluation)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// An evaluation's predictions beside the series, as the page reads them (see
/// `Demo::predictions`).
fn predictions_to_js(actual: &[f64], test_start: usize, evaluation: &Evaluation) -> Result<Object, JsError> {
    let out = Object::new();
    set(&out, "actual", &Float64Array::from(actual))?;
    set(&out, "oneStep", &Float64Array::from(&evaluation.one_step[..]))?;
    set(&out, "recursive", &Float64Array::from(&evaluation.recursive[..]))?;
    // An ensemble's members, one after another (memberCount × months); empty for one network.
    let members: Vec<f64> = evaluation.members_one_step.iter().flatten().copied().collect();
    let member_count = evaluation.members_one_step.len() as u32;
    set(&out, "members", &Float64Array::from(&members[..]))?;
    set(&out, "memberCount", &JsValue::from(member_count))?;
    set(&out, "testStart", &JsValue::from(test_start as u32))?;
    Ok(out)
}

/// Reads CSV text into a series without training anything, for the page's preview:
/// `{ name, months: ["1949-01", …], values: Float64Array }`. A bad file throws the same
/// message as `Demo.fromCsv` (naming the line).
#[wasm_bindgen(js_name = parseSeries)]
pub fn parse_series(csv: &str, name: &str) -> Result<Object, JsValue> {
    let series = Series::parse_csv(name, csv).map_err(|e| js_error(e.into()))?;
    let out = Object::new();
    set(&out, "name", &JsValue::from_str(&series.name))?;
    let months: Array = series
        .months
        .iter()
        .map(|m| JsValue::from_str(&m.to_string()))
        .collect();
    set(&out, "months", &months)?;
    set(&out, "values", &Float64Array::from(series.values.as_slice()))?;
    Ok(out)
}

/// Reads a settings object into the engine's configuration, with a message naming the problem.
fn config_from_js(settings: JsValue) -> Result<TrainConfig, JsValue> {
    let settings = Settings::from_js(settings).map_err(|e| {
        coded_error(
            "engine.settings",
            &[("detail", e.to_string())],
            &format!("invalid settings: {e}"),
        )
    })?;
    settings.to_config().map_err(js_error)
}

/// This module's linear memory (its WebAssembly.Memory), so that the worker can report its
/// size (`memory.buffer.byteLength`) to the soak (scripts/soak.mjs). Only in wasm.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// One training epoch's matrix products alone ([`EpochProducts`]), for the benchmark page
/// (bench/page.js): `new EpochProducts(batch, testBatch, hidden, steps)`, then `run(epochs)`
/// timed from JavaScript, beside the whole epoch (`Demo.trainEpochs`), in each wasm build.
#[wasm_bindgen(js_name = EpochProducts)]
pub struct EpochProductsJs(EpochProducts);

#[wasm_bindgen(js_class = EpochProducts)]
impl EpochProductsJs {
    #[wasm_bindgen(constructor)]
    pub fn new(batch: usize, test_batch: usize, hidden: usize, steps: usize) -> EpochProductsJs {
        EpochProductsJs(EpochProducts::new(batch, test_batch, hidden, steps))
    }

    /// `epochs` epochs' products; returns a sum of the results (so nothing is optimised away).
    pub fn run(&mut self, epochs: usize) -> f32 {
        (0..epochs).map(|_| self.0.run()).sum()
    }

    /// The multiply-adds of one epoch's products.
    #[wasm_bindgen(js_name = multiplyAdds)]
    pub fn multiply_adds(&self) -> usize {
        self.0.multiply_adds()
    }
}

thread_local! {
    /// The page's panic handler, called with the panic message.
    static PANIC_HANDLER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Which WebAssembly build this module is, from the target features it was compiled with:
/// `"relaxed"` (relaxed SIMD, pkg-relaxed/) or `"simd128"` (pkg/). The page shows this rather
/// than the build it asked for, so the line is true also where the development server stands in
/// the simd128 build for a relaxed one that was not built (webpack.config.js).
#[wasm_bindgen(js_name = wasmBuild)]
pub fn wasm_build() -> String {
    if cfg!(target_feature = "relaxed-simd") {
        "relaxed".into()
    } else {
        "simd128".into()
    }
}

/// Sets the function called with a readable message when the engine panics (a bug). After a
/// panic the wasm instance is unusable: the page should say so and offer a reload.
#[wasm_bindgen(js_name = setPanicHandler)]
pub fn set_panic_handler(handler: Function) {
    install_panic_hook();
    PANIC_HANDLER.with(|h| *h.borrow_mut() = Some(handler));
}

/// Installs, once, a panic hook that logs the panic to the console (with a stack trace) and
/// passes its message to the page's panic handler.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            let message = info.to_string();
            // `try_with`/`try_borrow`: a panic hook must never panic itself.
            let _ = PANIC_HANDLER.try_with(|h| {
                if let Ok(handler) = h.try_borrow() {
                    if let Some(handler) = handler.as_ref() {
                        let _ = handler.call1(&JsValue::NULL, &JsValue::from(message));
                    }
                }
            });
        }));
    });
}

/// An engine error as a JavaScript `Error` the page can say in its own language: see
/// [`coded_error`].
/// A training error as a JS `Error` named `DivergenceError` for a divergence, `Error` otherwise.
fn train_error_to_js(e: TrainError) -> JsValue {
    let error = js_error(e.clone()).unchecked_into::<js_sys::Error>();
    error.set_name(match e {
        TrainError::Diverged { .. } => "DivergenceError",
        _ => "Error",
    });
    error.into()
}

fn js_error(error: TrainError) -> JsValue {
    coded_error(error.code(), &error.params(), &error.to_string())
}

/// A JavaScript `Error` with the English `message` (kept for logs and the console), a stable
/// `code` such as `"data.tooShort"` (the page says `error.<code>` from www/strings/ in its
/// language) and `params`, an object of the values that sentence fills in, all as text.
fn coded_error(code: &str, params: &[(&str, String)], message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    let values = Object::new();
    // Setting a property of a fresh plain object or Error cannot fail.
    for (key, value) in params {
        let _ = Reflect::set(&values, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    let _ = Reflect::set(&error, &JsValue::from_str("params"), &values);
    error.into()
}

/// `target[key] = value`.
fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(target, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|_| JsError::new(&format!("could not set {key}")))
}

fn trace_to_js(trace: &Trace) -> Result<Object, JsError> {
    let out = Object::new();
    set(&out, "cell", &JsValue::from_str(trace.cell.name()))?;
    set(&out, "steps", &JsValue::from(trace.steps as u32))?;
    set(&out, "targetMonth", &JsValue::from(trace.target_month as u32))?;
    set(&out, "prediction", &JsValue::from(trace.prediction))?;
    set(&out, "target", &JsValue::from(trace.target))?;
    set(&out, "predictionRaw", &JsValue::from(trace.prediction_raw))?;
    set(&out, "actualRaw", &JsValue::from(trace.actual_raw))?;
    let layers: Array = trace
        .layers
        .iter()
        .map(layer_to_js)
        .collect::<Result<Vec<Object>, JsError>>()?
        .into_iter()
        .collect();
    set(&out, "layers", &layers)?;
    Ok(out)
}

fn layer_to_js(layer: &LayerTrace) -> Result<Object, JsError> {
    let out = Object::new();
    set(&out, "dInput", &JsValue::from(layer.d_input as u32))?;
    set(&out, "dHidden", &JsValue::from(layer.d_hidden as u32))?;
    let rows: [(&str, &[f32]); 13] = [
        ("input", &layer.input),
        ("forgetGate", &layer.forget_gate),
        ("inputGate", &layer.input_gate),
        ("cellGate", &layer.cell_gate),
        ("outputGate", &layer.output_gate),
        ("cellPrev", &layer.cell_prev),
        ("kept", &layer.kept),
        ("added", &layer.added),
        ("cell", &layer.cell),
        ("tanhCell", &layer.tanh_cell),
        ("hidden", &layer.hidden),
        ("dHiddenNorm", &layer.d_hidden_norm),
        ("dCellNorm", &layer.d_cell_norm),
    ];
    for (key, row) in rows {
        set(&out, key, &Float32Array::from(row))?;
    }
    // The cell's own rows by name, in its order (the LSTM's repeat the fields above).
    let named = Object::new();
    let names = Array::new();
    for (name, row) in &layer.rows {
        set(&named, name, &Float32Array::from(&row[..]))?;
        names.push(&JsValue::from_str(name));
    }
    set(&out, "rows", &named)?;
    set(&out, "rowNames", &names)?;
    Ok(out)
}
