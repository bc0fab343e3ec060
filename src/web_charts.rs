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
//!              { valueAxis: "ppm", legend: ["实际值", "单步预测", "递归预测"], testNote: "测试月份" });
//! drawLoss(canvas, 2, train, test, { epochAxis, lossAxis, legend: [train, test], emptyHint });
//! ```
//!
//! Each function takes the canvas, the pixel ratio and the numbers, and hands them to the pure
//! renderers of [`crate::render`]; the map from a pointer back to the data stays in Rust, next to
//! the layout that made it.

use crate::data::YearMonth;
use crate::render::forecast::{draw_forecast_labelled as render_forecast, ForecastLabels, ForecastView};
use crate::render::frame::PlotFrame;
use crate::render::loss::{draw_loss_labelled as render_loss, LossLabels, LossView};
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
/// words: `{ valueAxis, legend: [actual, oneStep, recursive], testNote }`, any field left out
/// staying English. Returns where the plot landed.
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
    let view = ForecastView {
        start,
        actual,
        one_step,
        recursive,
        test_start,
        highlight,
    };
    let english = ForecastLabels::ENGLISH;
    let value_axis = text_field(&labels, "valueAxis");
    let legend = legend_field::<3>(&labels);
    let test_note = text_field(&labels, "testNote");
    let words = ForecastLabels {
        value_axis: value_axis.as_deref().unwrap_or(english.value_axis),
        legend: std::array::from_fn(|i| legend[i].as_deref().unwrap_or(english.legend[i])),
        test_note: test_note.as_deref().unwrap_or(english.test_note),
    };
    let frame = render_forecast(canvas, &view, &words, pixel_ratio).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(ForecastFrame {
        frame,
        months: actual.len(),
    })
}

/// Draws the loss chart onto `canvas` at `pixelRatio`: the training and the test loss of every
/// epoch (epoch 1 first) on a log scale. `labels` (optional) gives the words:
/// `{ epochAxis, lossAxis, legend: [train, test], emptyHint }`, any field left out staying English.
#[wasm_bindgen(js_name = drawLoss)]
pub fn draw_loss(
    canvas: &HtmlCanvasElement,
    pixel_ratio: f64,
    train: &[f64],
    test: &[f64],
    labels: JsValue,
) -> Result<(), JsError> {
    let english = LossLabels::ENGLISH;
    let epoch_axis = text_field(&labels, "epochAxis");
    let loss_axis = text_field(&labels, "lossAxis");
    let legend = legend_field::<2>(&labels);
    let empty_hint = text_field(&labels, "emptyHint");
    let words = LossLabels {
        epoch_axis: epoch_axis.as_deref().unwrap_or(english.epoch_axis),
        loss_axis: loss_axis.as_deref().unwrap_or(english.loss_axis),
        legend: std::array::from_fn(|i| legend[i].as_deref().unwrap_or(english.legend[i])),
        empty_hint: empty_hint.as_deref().unwrap_or(english.empty_hint),
    };
    render_loss(canvas, &LossView { train, test }, &words, pixel_ratio)
        .map(|_| ())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// `labels[key]` when it is a string; `None` when `labels` is not an object or lacks it.
fn text_field(labels: &JsValue, key: &str) -> Option<String> {
    if !labels.is_object() {
        return None;
    }
    Reflect::get(labels, &JsValue::from_str(key)).ok()?.as_string()
}

/// The first `N` strings of `labels.legend`, `None` for each one missing.
fn legend_field<const N: usize>(labels: &JsValue) -> [Option<String>; N] {
    let legend = if labels.is_object() {
        Reflect::get(labels, &JsValue::from_str("legend")).unwrap_or(JsValue::UNDEFINED)
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
