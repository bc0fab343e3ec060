//! The JavaScript surface: a thin `#[wasm_bindgen]` layer over the trainer and the charts.
//!
//! ```js
//! import { Demo, setPanicHandler } from "../pkg/lstm_conveyor.js";
//! setPanicHandler((message) => showError(message));
//! const demo = new Demo({ hidden: 40, seed: 1 });    // missing settings take the defaults
//! demo.trainEpochs(5);                               // -> 5
//! demo.evaluation().testRmse;                        // one-step test RMSE, thousands
//! demo.drawForecast(canvas, devicePixelRatio);
//! ```
//!
//! Numbers leave as copies (`Float64Array`, `Float32Array`), never as views into the wasm
//! memory, which go stale when the memory grows. Every call that can fail returns a
//! `JsError` carrying the engine's message; a panic (a bug) is logged to the console by
//! `console_error_panic_hook` and handed to the page's panic handler.

use crate::data::{Layout, Series, Transform, YearMonth};
use crate::model::{OptimizerKind, ParamSet};
use crate::render::forecast::{draw_forecast, ForecastView};
use crate::render::frame::PlotFrame;
use crate::render::loss::{draw_loss, LossView};
use crate::trace::{LayerTrace, Trace};
use crate::train::{Evaluation, ModelConfig, Regressor, TrainConfig, TrainError, Trainer};
use crate::weights::{self, WeightsConfig};
use js_sys::{Array, Float32Array, Float64Array, Function, Object, Reflect};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::sync::Once;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// A relative difference in a fitted transform's offset or scale above which imported weights
/// are taken to belong to other data.
const TRANSFORM_TOLERANCE: f64 = 1e-6;

/// The settings the page passes to `new Demo(settings)`: one flat object with JavaScript
/// names. A missing field takes its value from `TrainConfig::default()`; an unknown field is
/// an error, so a typo does not pass silently.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// H, hidden units per layer, 1 to 512.
    pub hidden: usize,
    /// Stacked LSTM layers, 1 to 4.
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
    /// Start the forget gate's bias at 1.
    pub forget_bias_one: bool,
    /// The first test month, `"YYYY-MM"`; null for the series' default (1959-01).
    pub test_start: Option<String>,
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

/// The demo: a trainer on the AirPassengers series, its latest evaluation, and where the
/// forecast chart was last drawn (for pointer look-ups).
#[wasm_bindgen]
pub struct Demo {
    trainer: Trainer,
    series: Series,
    evaluation: Evaluation,
    forecast_frame: Option<PlotFrame>,
}

impl Demo {
    /// A demo from engine settings.
    pub fn from_config(config: TrainConfig) -> Result<Demo, TrainError> {
        let series = Series::air_passengers();
        let trainer = Trainer::new(&series, config)?;
        Ok(Demo::around(series, trainer))
    }

    fn around(series: Series, trainer: Trainer) -> Demo {
        let evaluation = trainer.evaluate();
        Demo {
            trainer,
            series,
            evaluation,
            forecast_frame: None,
        }
    }

    /// The trainer.
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// The evaluation after the latest epoch (or of the fresh model at epoch 0).
    pub fn latest_evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    /// What the weights file records besides the tensors.
    fn weights_config(&self) -> WeightsConfig {
        let dataset = self.trainer.dataset();
        let network = self.trainer.config().model.network();
        WeightsConfig {
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
    /// Creates a demo from a settings object (any subset of the fields of [`Settings`]; `{}`
    /// or `undefined` gives the defaults) and installs the panic hook.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<Demo, JsError> {
        install_panic_hook();
        let settings = Settings::from_js(settings).map_err(|e| JsError::new(&format!("invalid settings: {e}")))?;
        let config = settings.to_config().map_err(js_error)?;
        Demo::from_config(config).map_err(js_error)
    }

    /// The settings in use, as a plain object with every field of [`Settings`].
    pub fn settings(&self) -> Result<JsValue, JsError> {
        let settings = Settings::from(self.trainer.config());
        settings
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Trains `n` epochs and returns how many ran. Stops at the first epoch that diverges and
    /// returns its error instead; that epoch changed nothing (the engine restores the
    /// weights), the epochs before it are kept.
    #[wasm_bindgen(js_name = trainEpochs)]
    pub fn train_epochs(&mut self, n: usize) -> Result<usize, JsError> {
        let mut ran = 0;
        let mut failure = None;
        while ran < n {
            match self.trainer.train_epoch() {
                Ok(_) => ran += 1,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if ran > 0 {
            self.evaluation = self.trainer.evaluate();
        }
        match failure {
            Some(e) => Err(js_error(e)),
            None => Ok(ran),
        }
    }

    /// Starts again from fresh weights drawn with `seed` (the current seed when omitted),
    /// keeping every other setting. The same seed replays the same run.
    pub fn reset(&mut self, seed: Option<f64>) -> Result<(), JsError> {
        let seed = match seed {
            None => self.trainer.config().model.seed,
            Some(s) if s.is_finite() && s >= 0.0 && s.fract() == 0.0 && s <= 9_007_199_254_740_992.0 => s as u64,
            Some(s) => {
                return Err(JsError::new(&format!(
                    "the seed must be a whole number from 0 to 2^53, not {s}"
                )))
            }
        };
        self.trainer.reset(seed);
        self.evaluation = self.trainer.evaluate();
        Ok(())
    }

    /// The number of epochs trained since the last reset.
    pub fn epoch(&self) -> usize {
        self.trainer.epoch()
    }

    /// `{ train: Float64Array, test: Float64Array }`: the loss of every epoch (model space,
    /// MSE), epoch 1 first.
    #[wasm_bindgen(js_name = lossHistory)]
    pub fn loss_history(&self) -> Result<Object, JsError> {
        let history = self.trainer.history();
        let train: Vec<f64> = history.iter().map(|r| r.train_loss).collect();
        let test: Vec<f64> = history.iter().map(|r| r.test_loss).collect();
        let out = Object::new();
        set(&out, "train", &Float64Array::from(&train[..]))?;
        set(&out, "test", &Float64Array::from(&test[..]))?;
        Ok(out)
    }

    /// `{ testLoss, trainRmse, trainMape, testRmse, testMape, recursiveRmse, recursiveMape }`
    /// after the latest epoch: RMSE in thousands of passengers, MAPE in percent.
    pub fn evaluation(&self) -> Result<JsValue, JsError> {
        Metrics::from(&self.evaluation)
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// `{ actual, oneStep, recursive: Float64Array, testStart: number }`, one entry per month:
    /// the series, the one-step predictions (NaN before the first window) and the recursive
    /// forecast (NaN outside the test months); `testStart` is the index of the first test month.
    pub fn predictions(&self) -> Result<Object, JsError> {
        let out = Object::new();
        set(&out, "actual", &Float64Array::from(&self.series.values[..]))?;
        set(&out, "oneStep", &Float64Array::from(&self.evaluation.one_step[..]))?;
        set(&out, "recursive", &Float64Array::from(&self.evaluation.recursive[..]))?;
        set(
            &out,
            "testStart",
            &JsValue::from(self.trainer.dataset().test_start as u32),
        )?;
        Ok(out)
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

    /// The step-by-step record of the window of row `row` (0-based, month order):
    /// `{ steps, targetMonth, prediction, target, predictionRaw, actualRaw, layers }`, each
    /// layer `{ dInput, dHidden, input, forgetGate, inputGate, cellGate, outputGate, cellPrev,
    /// kept, added, cell, tanhCell, hidden, dHiddenNorm, dCellNorm }` with every row a
    /// `Float32Array`, time-major: `[steps × dHidden]` (`input` is `[steps × dInput]`, the two
    /// norms `[steps]`).
    pub fn trace(&self, row: usize) -> Result<Object, JsError> {
        let trace = self.trainer.trace(row).map_err(js_error)?;
        trace_to_js(&trace)
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

    /// The weights and their data settings as the PyTorch-compatible JSON of `crate::weights`.
    #[wasm_bindgen(js_name = exportWeights)]
    pub fn export_weights(&self) -> String {
        weights::to_json(&self.weights_config(), &self.trainer.regressor().network().params)
    }

    /// Loads a weights file: the network's shape, window, layout, transform and test start come
    /// from the file, the optimizer settings stay. Starts again at epoch 0 with the loaded
    /// weights. Refuses a file whose transform was fitted on other data.
    #[wasm_bindgen(js_name = importWeights)]
    pub fn import_weights(&mut self, json: &str) -> Result<(), JsError> {
        let file = weights::from_json(json).map_err(|e| JsError::new(&e.to_string()))?;
        let c = &file.config;
        let mut config = self.trainer.config().clone();
        config.transform = c.transform.kind;
        config.test_start = c.test_start.or(config.test_start);
        config.model.window = c.window;
        config.model.layout = c.layout;
        config.model.hidden = c.hidden_size;
        config.model.layers = c.num_layers;
        let regressor = Regressor::with_params(config.model.clone(), file.params.cast::<f32>()).map_err(js_error)?;
        let trainer = Trainer::with_regressor(&self.series, config, regressor).map_err(js_error)?;
        let fitted = &trainer.dataset().transform;
        let differs = |a: f64, b: f64| (a - b).abs() > TRANSFORM_TOLERANCE * a.abs().max(b.abs()).max(1e-12);
        if differs(fitted.offset, c.transform.offset) || differs(fitted.scale, c.transform.scale) {
            return Err(JsError::new(&format!(
                "these weights were trained on other data: their {} transform has offset {} and scale {}, \
                 but on {} it has offset {} and scale {}",
                c.transform.kind, c.transform.offset, c.transform.scale, self.series.name, fitted.offset, fitted.scale
            )));
        }
        *self = Demo::around(self.series.clone(), trainer);
        Ok(())
    }

    /// Draws the forecast chart onto `canvas` at `pixelRatio` (pass `devicePixelRatio`),
    /// marking month `highlight` when given.
    #[wasm_bindgen(js_name = drawForecast)]
    pub fn draw_forecast(
        &mut self,
        canvas: &HtmlCanvasElement,
        pixel_ratio: f64,
        highlight: Option<usize>,
    ) -> Result<(), JsError> {
        let view = ForecastView {
            start: self.series.months[0],
            actual: &self.series.values,
            one_step: &self.evaluation.one_step,
            recursive: &self.evaluation.recursive,
            test_start: self.trainer.dataset().test_start,
            highlight,
        };
        let frame = draw_forecast(canvas, &view, pixel_ratio).map_err(|e| JsError::new(&e.to_string()))?;
        self.forecast_frame = Some(frame);
        Ok(())
    }

    /// Draws the loss chart onto `canvas` at `pixelRatio`.
    #[wasm_bindgen(js_name = drawLoss)]
    pub fn draw_loss(&self, canvas: &HtmlCanvasElement, pixel_ratio: f64) -> Result<(), JsError> {
        let history = self.trainer.history();
        let train: Vec<f64> = history.iter().map(|r| r.train_loss).collect();
        let test: Vec<f64> = history.iter().map(|r| r.test_loss).collect();
        let view = LossView {
            train: &train,
            test: &test,
        };
        draw_loss(canvas, &view, pixel_ratio)
            .map(|_| ())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The month under the point (`x`, `y`) of the forecast canvas, in CSS pixels from its
    /// top-left corner, or `undefined` outside the plotting area or before the first draw.
    #[wasm_bindgen(js_name = forecastMonthAt)]
    pub fn forecast_month_at(&self, x: f64, y: f64) -> Option<usize> {
        let frame = self.forecast_frame?;
        if !frame.contains(x, y) {
            return None;
        }
        frame.nearest_index(x, self.series.len())
    }
}

thread_local! {
    /// The page's panic handler, called with the panic message.
    static PANIC_HANDLER: RefCell<Option<Function>> = const { RefCell::new(None) };
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

/// An engine error as a JavaScript `Error` with the engine's message.
fn js_error(error: TrainError) -> JsError {
    JsError::new(&error.to_string())
}

/// `target[key] = value`.
fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(target, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|_| JsError::new(&format!("could not set {key}")))
}

fn trace_to_js(trace: &Trace) -> Result<Object, JsError> {
    let out = Object::new();
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
    Ok(out)
}
