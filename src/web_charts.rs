//! The charts as free `#[wasm_bindgen]` functions: the main thread draws from the plain numbers
//! of the latest snapshot the training worker posted, and never holds a trainer.
//!
//! ```js
//! import { drawForecast, drawLoss } from "../pkg/lstm_conveyor.js";
//! const frame = drawForecast(canvas, devicePixelRatio, "1949-01", actual, oneStep, recursive, 120);
//! frame.monthAt(pointerX, pointerY);   // the month index under the pointer, or undefined
//! frame.free();                        // before the next draw replaces it
//! drawLoss(canvas, devicePixelRatio, history.train, history.test);
//! // The words on the charts, optional (English AirPassengers labels when left out):
//! drawForecast(canvas, 2, "1949-01", actual, oneStep, recursive, 120, undefined,
//!              { valueAxis: "ppm", legend: ["实际值", "单步预测", "递归预测"], testNote: "测试月份",
//!                members: "成员 (5)", baselines: ["季节朴素", "对数 AR(12)", "Holt–Winters"] });
//! // An ensemble's members (memberCount × months, one after another) and the baselines'
//! // one-step predictions (3 × months, in the order of demo.baselines().ids), both optional:
//! drawForecast(canvas, 2, "1949-01", actual, oneStep, recursive, 120, undefined, labels,
//!              predictions.members, baselineOneStep);
//! drawLoss(canvas, 2, train, test, { epochAxis, lossAxis, legend: [train, test, validation],
//!          best: "best so far", bestLegend: "best so far: epoch 312", emptyHint });
//! // With early stopping: the validation loss per epoch and the best epoch, both optional.
//! drawLoss(canvas, 2, train, test, labels, history.validation, history.bestEpoch);
//! ```
//!
//! Each function takes the canvas, the pixel ratio and the numbers, and hands them to the pure
//! renderers of [`crate::render`]; the map from a pointer back to the data stays in Rust, next to
//! the layout that made it.

use crate::data::YearMonth;
use crate::render::forecast::{draw_forecast_labelled as render_forecast, ForecastLabels, ForecastView};
use crate::render::frame::PlotFrame;
use crate::render::loss::{draw_loss_labelled as render_loss, LossLabels, LossView};
use crate::render::palette::BASELINES;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Where a forecast chart's plotting area landed, to find the month under the pointer.
#[wasm_bindgen]
pub struct ForecastFrame {
    frame: PlotFrame,
    /// How many months the chart shows.
    months: usize,
}

#[wasm_bindgen]
impl ForecastFrame {
    /// The month (index into the series) under the point (`x`, `y`) of the canvas, in CSS
    /// pixels from its top-left corner, or `undefined` outside the plotting area.
    #[wasm_bindgen(js_name = monthAt)]
    pub fn month_at(&self, x: f64, y: f64) -> Option<usize> {
        if !self.frame.contains(x, y) {
            return None;
        }
        self.frame.nearest_index(x, self.months)
    }

    /// The x position (CSS pixels from the canvas' left edge) of month `month` (an index into
    /// the series, fractional for the edge between two months), to mark months over the chart.
    #[wasm_bindgen(js_name = monthX)]
    pub fn month_x(&self, month: f64) -> f64 {
        self.frame.to_screen(month, self.frame.y.0).0
    }

    /// The top of the plotting area, in CSS pixels from the canvas' top edge.
    #[wasm_bindgen(getter, js_name = plotTop)]
    pub fn plot_top(&self) -> f64 {
        self.frame.top
    }

    /// The height of the plotting area, in CSS pixels.
    #[wasm_bindgen(getter, js_name = plotHeight)]
    pub fn plot_height(&self) -> f64 {
        self.frame.height
    }
}

impl ForecastFrame {
    /// The plotting area, in CSS pixels.
    pub fn frame(&self) -> PlotFrame {
        self.frame
    }
}

/// Draws the forecast chart onto `canvas` at `pixelRatio` (pass `devicePixelRatio`): the series
/// `actual` starting at `startMonth` (`"YYYY-MM"`), the one-step predictions `oneStep` and the
/// recursive forecast `recursive` (NaN where there is none), the months from `testStart` on
/// shaded as held out, and month `highlight` marked when given. `labels` (optional) gives the
/// words: `{ valueAxis, legend: [actual, oneStep, recursive], testNote, members, baselines:
/// [seasonal naive, AR(12), Holt–Winters], compare, marks: [input window, month it predicts,
/// test months], note: [piece, …] }`, any field left out staying English (the first two marks,
/// which the page draws over the chart, and the note are left out of the legend unless given).
/// The legend is a strip above the plotting area. `members`
/// (optional) holds an ensemble's members' one-step predictions one after another (members ×
/// months), drawn faintly under `oneStep`, their mean; `baselines` (optional) the baselines'
/// one-step predictions the same way (up to 3 × months, in the engine's order), drawn over the
/// test months; `compare` (optional) a second model's one-step predictions, one per month (a
/// comparison of cells), drawn as its own line with the legend entry `labels.compare`.
/// Returns where the plot landed.
#[wasm_bindgen(js_name = drawForecast)]
#[allow(clippy::too_many_arguments)]
pub fn draw_forecast(
    canvas: &HtmlCanvasElement,
    pixel_ratio: f64,
    start_month: &str,
    actual: &[f64],
    one_step: &[f64],
    recursive: &[f64],
    test_start: usize,
    highlight: Option<usize>,
    labels: JsValue,
    members: Option<Vec<f64>>,
    baselines: Option<Vec<f64>>,
    compare: Option<Vec<f64>>,
) -> Result<ForecastFrame, JsError> {
    let start = YearMonth::parse(start_month).map_err(|e| JsError::new(&e.to_string()))?;
    if one_step.len() != actual.len() || recursive.len() != actual.len() {
        return Err(JsError::new(&format!(
            "the forecast chart needs one value per month: {} actual, {} one-step, {} recursive",
            actual.len(),
            one_step.len(),
            recursive.len()
        )));
    }
    let members = members.unwrap_or_default();
    let baselines = baselines.unwrap_or_default();
    let member_rows = rows_of(&members, actual.len(), "members", usize::MAX)?;
    let baseline_rows = rows_of(&baselines, actual.len(), "baselines", BASELINES.len())?;
    let compare = compare.unwrap_or_default();
    if !compare.is_empty() && compare.len() != actual.len() {
        return Err(JsError::new(&format!(
            "the forecast chart needs the second model's predictions as one value per month: {} for {} months",
            compare.len(),
            actual.len()
        )));
    }
    let view = ForecastView {
        start,
        actual,
        one_step,
        recursive,
        test_start,
        highlight,
        members: &member_rows,
        baselines: &baseline_rows,
        compare: &compare,
    };
    let english = ForecastLabels::ENGLISH;
    set_text_scale(&labels);
    let value_axis = text_field(&labels, "valueAxis");
    let legend = strings_field::<3>(&labels, "legend");
    let test_note = text_field(&labels, "testNote");
    let members_label = text_field(&labels, "members");
    let baseline_names = strings_field::<3>(&labels, "baselines");
    let compare_label = text_field(&labels, "compare");
    let marks = strings_field::<3>(&labels, "marks");
    let note = strings_list(&labels, "note");
    let note: Vec<&str> = note.iter().map(String::as_str).collect();
    let words = ForecastLabels {
        value_axis: value_axis.as_deref().unwrap_or(english.value_axis),
        legend: std::array::from_fn(|i| legend[i].as_deref().unwrap_or(english.legend[i])),
        test_note: test_note.as_deref().unwrap_or(english.test_note),
        members: members_label.as_deref().unwrap_or(english.members),
        baselines: std::array::from_fn(|i| baseline_names[i].as_deref().unwrap_or(english.baselines[i])),
        compare: compare_label.as_deref().unwrap_or(english.compare),
        marks: std::array::from_fn(|i| marks[i].as_deref().unwrap_or(english.marks[i])),
        note: &note,
    };
    let frame = render_forecast(canvas, &view, &words, pixel_ratio).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(ForecastFrame {
        frame,
        months: actual.len(),
    })
}

/// `values` cut into rows of `months` numbers, at most `max_rows` of them; an error naming
/// `what` when its length is not a whole number of rows.
fn rows_of<'a>(values: &'a [f64], months: usize, what: &str, max_rows: usize) -> Result<Vec<&'a [f64]>, JsError> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    if months == 0 || values.len() % months != 0 || values.len() / months > max_rows {
        return Err(JsError::new(&format!(
            "the forecast chart needs the {what} as whole rows of one value per month: {} values for {months} months",
            values.len()
        )));
    }
    Ok(values.chunks(months).collect())
}

/// Draws the loss chart onto `canvas` at `pixelRatio`: the training and the test loss of every
/// epoch (epoch 1 first) on a log scale; with early stopping also the `validation` loss of every
/// epoch (optional; NaN where there is none) and a mark at `bestEpoch` (optional, 1-based).
/// `labels` (optional) gives the words: `{ epochAxis, lossAxis, legend: [train, test,
/// validation], best, bestLegend, emptyHint, compare: [train, test] }`, any field left out
/// staying English. `compareTrain` and `compareTest` (optional) are a second model's losses
/// (a comparison of cells), drawn in its own colour.
#[wasm_bindgen(js_name = drawLoss)]
#[allow(clippy::too_many_arguments)]
pub fn draw_loss(
    canvas: &HtmlCanvasElement,
    pixel_ratio: f64,
    train: &[f64],
    test: &[f64],
    labels: JsValue,
    validation: Option<Vec<f64>>,
    best_epoch: Option<usize>,
    compare_train: Option<Vec<f64>>,
    compare_test: Option<Vec<f64>>,
) -> Result<(), JsError> {
    let english = LossLabels::ENGLISH;
    set_text_scale(&labels);
    let epoch_axis = text_field(&labels, "epochAxis");
    let loss_axis = text_field(&labels, "lossAxis");
    let legend = strings_field::<3>(&labels, "legend");
    let best = text_field(&labels, "best");
    let best_legend = text_field(&labels, "bestLegend");
    let empty_hint = text_field(&labels, "emptyHint");
    let compare_legend = strings_field::<2>(&labels, "compare");
    let default_best_legend = best_epoch.map_or(String::new(), |e| format!("{}: epoch {e}", english.best));
    let words = LossLabels {
        epoch_axis: epoch_axis.as_deref().unwrap_or(english.epoch_axis),
        loss_axis: loss_axis.as_deref().unwrap_or(english.loss_axis),
        legend: std::array::from_fn(|i| legend[i].as_deref().unwrap_or(english.legend[i])),
        best: best.as_deref().unwrap_or(english.best),
        best_legend: best_legend.as_deref().unwrap_or(&default_best_legend),
        empty_hint: empty_hint.as_deref().unwrap_or(english.empty_hint),
        compare: std::array::from_fn(|i| compare_legend[i].as_deref().unwrap_or(english.compare[i])),
    };
    let validation = validation.unwrap_or_default();
    let compare_train = compare_train.unwrap_or_default();
    let compare_test = compare_test.unwrap_or_default();
    let view = LossView {
        train,
        test,
        validation: &validation,
        best_epoch,
        compare: [&compare_train, &compare_test],
    };
    render_loss(canvas, &view, &words, pixel_ratio)
        .map(|_| ())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Takes `labels.textScale` (1 when not a positive number) as the scale of every font of the
/// drawings that follow (see [`crate::render::words`]); without one the scale set before stays.
fn set_text_scale(labels: &JsValue) {
    let scale = if labels.is_object() {
        Reflect::get(labels, &JsValue::from_str("textScale"))
            .ok()
            .and_then(|v| v.as_f64())
    } else {
        None
    };
    if let Some(scale) = scale {
        crate::render::words::set_text_scale(scale);
    }
}

/// `labels[key]` when it is a string; `None` when `labels` is not an object or lacks it.
fn text_field(labels: &JsValue, key: &str) -> Option<String> {
    if !labels.is_object() {
        return None;
    }
    Reflect::get(labels, &JsValue::from_str(key)).ok()?.as_string()
}

/// Every string of the array `labels[key]` (empty when it is missing; what is not a string is
/// left out).
fn strings_list(labels: &JsValue, key: &str) -> Vec<String> {
    if !labels.is_object() {
        return Vec::new();
    }
    let list = Reflect::get(labels, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if !js_sys::Array::is_array(&list) {
        return Vec::new();
    }
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// The first `N` strings of the array `labels[key]`, `None` for each one missing.
fn strings_field<const N: usize>(labels: &JsValue, key: &str) -> [Option<String>; N] {
    let legend = if labels.is_object() {
        Reflect::get(labels, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    std::array::from_fn(|i| {
        if legend.is_object() {
            Reflect::get_u32(&legend, i as u32).ok()?.as_string()
        } else {
            None
        }
    })
}
