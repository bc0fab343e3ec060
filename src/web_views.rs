//! The JavaScript surface of the views of the gates: free functions that draw one view of a
//! trace onto a canvas, look up what is under the pointer, and write the equations.
//!
//! ```js
//! import { drawGates, gateAt, drawBelt, beltAt, drawGradientFlow, drawCell, cellPartAt,
//!          equation, describeParams } from "../pkg/lstm_conveyor.js";
//! drawGates(gatesCanvas, devicePixelRatio, snapshot.trace, { layer: 0, step: 11, unit: 3 });
//! gateAt(event.offsetX, event.offsetY);               // -> { part: "f", step: 4, unit: 3 } or undefined
//! drawBelt(beltCanvas, devicePixelRatio, snapshot.trace, { layer: 0, playhead: 4.35, unit: 3, lanes: 8 });
//! drawGradientFlow(gradCanvas, devicePixelRatio, snapshot.trace, { layer: 0, step: 4, scale: "log" });
//! drawCell(cellCanvas, devicePixelRatio, snapshot.trace, { layer: 0, step: 4, unit: 3, focus: "f" });
//! equation("f", snapshot.trace, { layer: 0, step: 4, unit: 3 }).equation;
//! // -> "f_t = σ(W_f·[h_{t−1}, x_t] + b_f) = σ(0.83) = 0.70"
//! ```
//!
//! The trace is the plain object `Demo.trace(row)` returns (and the training worker's snapshot
//! carries): `{ cell, steps, targetMonth, prediction, target, predictionRaw, actualRaw, layers
//! }`, each layer `{ dInput, dHidden, input, forgetGate, inputGate, cellGate, outputGate,
//! cellPrev, kept, added, cell, tanhCell, hidden, dHiddenNorm, dCellNorm, rows }`, rows
//! time-major `[steps × dHidden]` as `Float32Array`s (plain arrays of numbers work too).
//! `cell` is `"lstm"` (also when it is missing), `"gru"` or `"rnn"`; `rows` holds the cell's
//! rows by name (`{ reset_gate, update_gate, new_gate, hidden }` for the GRU, `{ hidden }` for
//! the RNN). A GRU or RNN layer needs only `dInput`, `dHidden`, `input`, `dHiddenNorm` and
//! `rows` (its `dCellNorm`, if any, is empty). Every view draws the trace's own cell. The drawing never
//! touches a `Demo`, so it runs on the main thread while training runs elsewhere.
//!
//! Indices (layer, step, unit) are 0-based; the views label steps and units from 1. An option
//! object may leave out any field (the defaults are given per function); an unknown field, an
//! index out of range or a malformed trace is an error with a message naming it.
//!
//! Each `draw…` function remembers the layout it drew, and the matching `…At(x, y)` look-up
//! (in CSS pixels from the canvas' top-left corner) reads it: the page has one canvas per view.

use crate::model::CellKind;
use crate::render::belt::{line_counts, most_active_units, BeltLayout};
use crate::render::belt_marks;
use crate::render::belt_view::{self, BeltView};
use crate::render::cell::CellLayout;
use crate::render::cell_view::{self, CellView};
use crate::render::equation::{
    bias_note_in, check_selection, describe_params_in, equation_text, part_keys, part_name_in, shape_text_in,
};
use crate::render::gates_view;
use crate::render::gradient::{GradientLayout, GradientScale};
use crate::render::gradient_view;
use crate::render::heatmap::{panels, HeatmapLayout};
use crate::render::memory::{self, MemoryLayout};
use crate::render::memory_view::{self, MemoryView};
use crate::render::notation::{estimate_width, Quantity};
use crate::render::words;
use crate::trace::{LayerTrace, Trace};
use js_sys::{Array, Float32Array, Object, Reflect, Uint32Array};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The lanes the belt shows when the options do not say.
pub const DEFAULT_LANES: usize = 8;

/// The layouts of the latest drawing of each view, for the pointer look-ups.
#[derive(Default)]
struct Drawn {
    gates: Option<HeatmapLayout>,
    belt: Option<BeltDrawn>,
    gradient: Option<GradientLayout>,
    cell: Option<CellLayout>,
}

/// What the belt's canvas last showed: the LSTM's belt, or the GRU's or the RNN's h_t.
enum BeltDrawn {
    Belt(BeltLayout),
    Memory(MemoryLayout),
}

thread_local! {
    static DRAWN: RefCell<Drawn> = RefCell::new(Drawn::default());
}

// ---------------------------------------------------------------------------------------------
// The trace from JavaScript
// ---------------------------------------------------------------------------------------------

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A whole number ≥ 0 at `object[key]`.
fn count(object: &JsValue, key: &str, path: &str) -> Result<usize, String> {
    let value = get(object, key);
    match value.as_f64() {
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(n as usize),
        Some(n) => Err(format!("{path}.{key} should be a whole number ≥ 0, not {n}")),
        None if value.is_undefined() => Err(format!("{path}.{key} is missing")),
        None => Err(format!("{path}.{key} should be a number")),
    }
}

/// A number at `object[key]`, NaN when missing (the scalars are not needed for drawing).
fn scalar(object: &JsValue, key: &str) -> f32 {
    get(object, key).as_f64().map_or(f32::NAN, |v| v as f32)
}

/// The numbers at `object[key]` (a `Float32Array`, another typed array or an array of
/// numbers), which must be `expected.0` long (`expected.1` says why).
fn row(object: &JsValue, key: &str, path: &str, expected: (usize, &str)) -> Result<Vec<f32>, String> {
    let value = get(object, key);
    if value.is_undefined() || value.is_null() {
        return Err(format!("{path}.{key} is missing"));
    }
    let numbers = if let Some(array) = value.dyn_ref::<Float32Array>() {
        array.to_vec()
    } else if Array::is_array(&value) || value.has_type::<js_sys::Float64Array>() {
        Float32Array::new(&value).to_vec()
    } else {
        return Err(format!("{path}.{key} should be a Float32Array or an array of numbers"));
    };
    if numbers.len() != expected.0 {
        return Err(format!(
            "{path}.{key} has {} numbers, expected {} = {}",
            numbers.len(),
            expected.1,
            expected.0
        ));
    }
    Ok(numbers)
}

/// Reads the trace object of `Demo.trace(row)` (see the module documentation) into a
/// [`Trace`], checking every row's length against `steps`, `dInput` and `dHidden`. A trace
/// without `cell` is an LSTM's (the objects made before the cells were three); its `rows`
/// may be left out, they are then the named fields. For the GRU and the RNN, `rows` holds
/// the cell's rows by name and the LSTM's fields are not read.
pub fn trace_from_js(value: &JsValue) -> Result<Trace, String> {
    if !value.is_object() {
        return Err("the trace should be an object such as Demo.trace(row) returns".into());
    }
    let cell_value = get(value, "cell");
    let cell = if cell_value.is_undefined() || cell_value.is_null() {
        CellKind::Lstm
    } else {
        let name = cell_value
            .as_string()
            .ok_or_else(|| "trace.cell should be \"lstm\", \"gru\" or \"rnn\"".to_string())?;
        CellKind::from_name(&name)
            .ok_or_else(|| format!("trace.cell should be \"lstm\", \"gru\" or \"rnn\", not {name:?}"))?
    };
    let steps = count(value, "steps", "trace")?;
    let layers_value = get(value, "layers");
    if !Array::is_array(&layers_value) {
        return Err("trace.layers should be an array".into());
    }
    let layers_array: Array = layers_value.unchecked_into();
    if layers_array.length() == 0 {
        return Err("trace.layers is empty".into());
    }
    let mut layers = Vec::with_capacity(layers_array.length() as usize);
    for (l, layer) in layers_array.iter().enumerate() {
        let path = format!("trace.layers[{l}]");
        layers.push(layer_from_js(&layer, &path, cell, steps)?);
    }
    Ok(Trace {
        cell,
        steps,
        target_month: get(value, "targetMonth").as_f64().unwrap_or(0.0).max(0.0) as usize,
        prediction: scalar(value, "prediction"),
        target: scalar(value, "target"),
        prediction_raw: scalar(value, "predictionRaw"),
        actual_raw: scalar(value, "actualRaw"),
        layers,
    })
}

/// One layer of a trace object (see [`trace_from_js`]).
fn layer_from_js(layer: &JsValue, path: &str, cell: CellKind, steps: usize) -> Result<LayerTrace, String> {
    let d_input = count(layer, "dInput", path)?;
    let d_hidden = count(layer, "dHidden", path)?;
    let grid = (steps * d_hidden, "steps × dHidden");
    let input = row(layer, "input", path, (steps * d_input, "steps × dInput"))?;
    let d_hidden_norm = row(layer, "dHiddenNorm", path, (steps, "steps"))?;
    let rows_value = get(layer, "rows");
    let has_rows = !(rows_value.is_undefined() || rows_value.is_null());
    let rows_path = format!("{path}.rows");
    let read_rows = || -> Result<Vec<(String, Vec<f32>)>, String> {
        cell.row_names()
            .iter()
            .map(|&name| Ok((name.to_string(), row(&rows_value, name, &rows_path, grid)?)))
            .collect()
    };
    if cell == CellKind::Lstm {
        let r = |key: &str| row(layer, key, path, grid);
        let mut out = LayerTrace {
            d_input,
            d_hidden,
            input,
            forget_gate: r("forgetGate")?,
            input_gate: r("inputGate")?,
            cell_gate: r("cellGate")?,
            output_gate: r("outputGate")?,
            cell_prev: r("cellPrev")?,
            kept: r("kept")?,
            added: r("added")?,
            cell: r("cell")?,
            tanh_cell: r("tanhCell")?,
            hidden: r("hidden")?,
            d_hidden_norm,
            d_cell_norm: row(layer, "dCellNorm", path, (steps, "steps"))?,
            rows: Vec::new(),
        };
        out.rows = if has_rows {
            read_rows()?
        } else {
            let fields: [(&str, &Vec<f32>); 6] = [
                ("input_gate", &out.input_gate),
                ("forget_gate", &out.forget_gate),
                ("cell_gate", &out.cell_gate),
                ("output_gate", &out.output_gate),
                ("cell", &out.cell),
                ("hidden", &out.hidden),
            ];
            fields.iter().map(|(n, v)| (n.to_string(), v.to_vec())).collect()
        };
        return Ok(out);
    }
    if !has_rows {
        return Err(format!(
            "{path}.rows is missing: a {cell} trace carries its rows by name"
        ));
    }
    let rows = read_rows()?;
    let hidden = rows
        .iter()
        .find(|(n, _)| n == "hidden")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    // ‖∂L/∂c_t‖ exists only where there is a c_t: an empty row (or none) is accepted.
    let d_cell_value = get(layer, "dCellNorm");
    let d_cell_norm = if d_cell_value.is_undefined() || d_cell_value.is_null() {
        Vec::new()
    } else {
        let empty = row(layer, "dCellNorm", path, (0, "0 (no cell state)"));
        match empty {
            Ok(v) => v,
            Err(_) => row(layer, "dCellNorm", path, (steps, "steps"))?,
        }
    };
    Ok(LayerTrace {
        d_input,
        d_hidden,
        input,
        hidden,
        d_hidden_norm,
        d_cell_norm,
        rows,
        ..LayerTrace::default()
    })
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/// Reads an options object; `undefined` or `null` gives the defaults. Goes through a JSON
/// value so that a misspelt field is an error rather than silently ignored (as `Settings` does).
///
/// Every view's options may also carry `words` (the page's canvas words by key, see
/// [`crate::render::words`]) and `textScale` (every font size times this); each one given is
/// taken out here and replaces the one set before (by [`set_canvas_words`] or an earlier
/// drawing), so each view's own options stay strict. One left out keeps what was set.
fn options<T: DeserializeOwned + Default>(value: JsValue, function: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let mut json: serde_json::Value =
        serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{function}: options: {e}")))?;
    let (table, scale) = take_words(&mut json, function)?;
    if let Some(table) = table {
        words::set_table(table);
    }
    if let Some(scale) = scale {
        words::set_text_scale(scale);
    }
    serde_json::from_value(json).map_err(|e| JsError::new(&format!("{function}: options: {e}")))
}

/// The canvas words by key.
type WordTable = HashMap<String, String>;

/// Removes `words` and `textScale` from an options object and returns those it had.
fn take_words(json: &mut serde_json::Value, function: &str) -> Result<(Option<WordTable>, Option<f64>), JsError> {
    let Some(object) = json.as_object_mut() else {
        return Ok((None, None));
    };
    let scale = match object.remove("textScale") {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => Some(v.as_f64().filter(|s| s.is_finite() && *s > 0.0).ok_or_else(|| {
            JsError::new(&format!(
                "{function}: options.textScale should be a positive number, not {v}"
            ))
        })?),
    };
    let table = match object.remove("words") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Object(map)) => Some(word_table(map)),
        Some(v) => {
            return Err(JsError::new(&format!(
                "{function}: options.words should be an object of strings by key, not {v}"
            )))
        }
    };
    Ok((table, scale))
}

/// The strings of a JSON object by key (a value that is not a string is left out: its key
/// then draws English).
fn word_table(map: serde_json::Map<String, serde_json::Value>) -> WordTable {
    map.into_iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
        .collect()
}

/// Sets the words drawn on every canvas (`{ key: text }`, the page's `canvas.*` strings in its
/// language) and the text scale (1, or larger in classroom mode) for every drawing that
/// follows, until the next call: the page calls it when the language or classroom mode changes
/// rather than sending the table with each drawing. A key left out draws English.
///
/// ```js
/// wasm.setCanvasWords({ "canvas.heatmap.unit": "单元" }, 1.5);
/// ```
#[wasm_bindgen(js_name = setCanvasWords)]
pub fn set_canvas_words(words: JsValue, text_scale: f64) -> Result<(), JsError> {
    const F: &str = "setCanvasWords";
    let table = if words.is_undefined() || words.is_null() {
        HashMap::new()
    } else {
        match serde_wasm_bindgen::from_value::<serde_json::Value>(words)
            .map_err(|e| JsError::new(&format!("{F}: words: {e}")))?
        {
            serde_json::Value::Object(map) => word_table(map),
            v => {
                return Err(JsError::new(&format!(
                    "{F}: words should be an object of strings by key, not {v}"
                )))
            }
        }
    };
    words::set_table(table);
    words::set_text_scale(text_scale);
    Ok(())
}

/// The selection most views take.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct Selection {
    /// The layer, 0 (the bottom) by default.
    layer: usize,
    /// The time step; the last step by default.
    step: Option<usize>,
    /// The hidden unit, 0 by default.
    unit: usize,
}

/// Options with no fields of their own (only the `words` every function takes).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

/// The options of `drawBelt`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct BeltOptions {
    /// The layer, 0 by default.
    layer: usize,
    /// The playhead position p ∈ [0, steps] (fractional for a smooth animation), 0 by default.
    playhead: Option<f64>,
    /// The unit shown in detail, 0 by default.
    unit: usize,
    /// How many lanes; 0 for all units; 8 by default.
    lanes: Option<usize>,
    /// The half-range of every bar and colour, fixed by the page over the kept epochs; each
    /// unit's own largest value when left out.
    fixed_scale: Option<f64>,
}

/// The options of `drawGates`: the selection, and the colour scale of c_t.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct GatesOptions {
    /// The layer, 0 (the bottom) by default.
    layer: usize,
    /// The time step; the last step by default.
    step: Option<usize>,
    /// The hidden unit, 0 by default.
    unit: usize,
    /// The half-range of the c_t grid's colours, fixed by the page over the kept epochs; the
    /// trace's own largest |c| when left out.
    fixed_scale: Option<f64>,
}

/// A fixed scale must be a positive finite number.
fn check_fixed_scale(scale: Option<f64>, function: &str) -> Result<Option<f64>, JsError> {
    match scale {
        Some(s) if !(s.is_finite() && s > 0.0) => Err(JsError::new(&format!(
            "{function}: the fixed scale should be a positive number, not {s}"
        ))),
        _ => Ok(scale),
    }
}

/// The options of `drawGradientFlow`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct GradientOptions {
    /// The layer, 0 by default.
    layer: usize,
    /// The step to shade; none by default.
    step: Option<usize>,
    /// `"log"` (the default) or `"linear"`.
    scale: Option<String>,
    /// Norms of another model's gradient flow to take into the value axis, so that two
    /// drawings side by side share one scale; none by default.
    shared: Vec<f64>,
}

/// The options of `drawCell`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct CellOptions {
    /// The layer, 0 by default.
    layer: usize,
    /// The step; the last by default.
    step: Option<usize>,
    /// The unit, 0 by default.
    unit: usize,
    /// The part to shade (a part name, as `cellPartAt` returns); none by default.
    focus: Option<String>,
}

/// The trace, its selected layer and the checked (step, unit).
fn select<'a>(trace: &'a Trace, s: &Selection, function: &str) -> Result<(&'a LayerTrace, usize, usize), JsError> {
    let step = s.step.unwrap_or(trace.steps.saturating_sub(1));
    let layer = check_selection(trace, s.layer, step, s.unit).map_err(|e| JsError::new(&format!("{function}: {e}")))?;
    Ok((layer, step, s.unit))
}

fn read_trace(value: &JsValue, function: &str) -> Result<Trace, JsError> {
    trace_from_js(value).map_err(|e| JsError::new(&format!("{function}: {e}")))
}

fn render_error(function: &str) -> impl Fn(crate::render::canvas::RenderError) -> JsError + '_ {
    move |e| JsError::new(&format!("{function}: {e}"))
}

/// A part of `cell`'s diagram by its key.
fn parse_part(name: &str, cell: CellKind, function: &str) -> Result<Quantity, JsError> {
    Quantity::from_key(name)
        .filter(|q| Quantity::parts(cell).contains(q))
        .ok_or_else(|| {
            JsError::new(&format!(
                "{function}: no part is called {name:?} in the {cell} cell; its parts are {}",
                part_keys(cell)
            ))
        })
}

/// `target[key] = value`.
fn set(target: &Object, key: &str, value: &JsValue) {
    // Setting a property of a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

// ---------------------------------------------------------------------------------------------
// The gate heatmaps
// ---------------------------------------------------------------------------------------------

/// Draws the gate heatmaps of one layer of `trace` as unit × step grids onto `canvas` at
/// `pixelRatio`, the grids of the trace's cell: f, i, g, o, c, h (LSTM), r, z, n, h (GRU), h
/// (RNN). Options `{ layer = 0, step = last, unit = 0, fixedScale }`: the selected cell is
/// outlined in every grid; `fixedScale` fixes the c_t grid's colours to ±fixedScale (else the
/// trace's largest |c|). Returns the c_t grid's half-range, the scale in use.
#[wasm_bindgen(js_name = drawGates)]
pub fn draw_gates(canvas: &HtmlCanvasElement, pixel_ratio: f64, trace: JsValue, opts: JsValue) -> Result<f64, JsError> {
    const F: &str = "drawGates";
    let trace = read_trace(&trace, F)?;
    let o: GatesOptions = options(opts, F)?;
    let fixed = check_fixed_scale(o.fixed_scale, F)?;
    let s = Selection {
        layer: o.layer,
        step: o.step,
        unit: o.unit,
    };
    let (layer, step, unit) = select(&trace, &s, F)?;
    let (layout, scale) = gates_view::draw_gates(
        canvas,
        pixel_ratio,
        trace.cell,
        layer,
        trace.steps,
        Some((step, unit)),
        fixed,
    )
    .map_err(render_error(F))?;
    DRAWN.with(|d| d.borrow_mut().gates = Some(layout));
    Ok(scale)
}

/// The cell of the heatmaps under (`x`, `y`) (CSS pixels on the canvas last drawn by
/// `drawGates`): `{ part, step, unit }` with `part` one of `"f" "i" "g" "o" "c" "h"` (LSTM),
/// `"r" "z" "n" "h"` (GRU) or `"h"` (RNN), or `undefined` outside the grids.
#[wasm_bindgen(js_name = gateAt)]
pub fn gate_at(x: f64, y: f64) -> JsValue {
    let hit = DRAWN.with(|d| {
        d.borrow()
            .gates
            .as_ref()
            .and_then(|l| l.at(x, y).map(|hit| (hit, l.panels[hit.panel].quantity)))
    });
    match hit {
        None => JsValue::UNDEFINED,
        Some((hit, quantity)) => {
            let out = Object::new();
            set(&out, "part", &JsValue::from_str(quantity.key()));
            set(&out, "step", &JsValue::from(hit.step as u32));
            set(&out, "unit", &JsValue::from(hit.unit as u32));
            out.into()
        }
    }
}

/// The height (CSS pixels) the heatmap canvas should have at `width` for `steps` × `units`
/// grids of `cell` (`"lstm"`, the default when left out, `"gru"` or `"rnn"`: 6, 4 or 1
/// grids): square-ish cells of 3 to 12 px, with room for titles and labels at `textScale`
/// (1 when left out; the page's classroom mode passes more).
#[wasm_bindgen(js_name = gatesHeight)]
pub fn gates_height(
    width: f64,
    steps: usize,
    units: usize,
    cell: Option<String>,
    text_scale: Option<f64>,
) -> Result<f64, JsError> {
    let cell = parse_cell(cell.as_deref(), "gatesHeight")?;
    // The scale for this measure only: the words and the scale set for the drawings stay.
    let kept = words::text_scale();
    words::set_text_scale(text_scale.unwrap_or(1.0));
    let height = HeatmapLayout::preferred_height_for(width, steps, units, panels(cell).len());
    words::set_text_scale(kept);
    Ok(height)
}

/// A cell's name, `"lstm"` when none is given.
fn parse_cell(name: Option<&str>, function: &str) -> Result<CellKind, JsError> {
    match name {
        None => Ok(CellKind::Lstm),
        Some(name) => CellKind::from_name(name).ok_or_else(|| {
            JsError::new(&format!(
                "{function}: the cell should be \"lstm\", \"gru\" or \"rnn\", not {name:?}"
            ))
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// The conveyor belt
// ---------------------------------------------------------------------------------------------

fn belt_view<'a>(trace: &'a Trace, o: &BeltOptions, function: &str) -> Result<BeltView<'a>, JsError> {
    let selection = Selection {
        layer: o.layer,
        step: Some(0),
        unit: o.unit,
    };
    let (layer, _, unit) = select(trace, &selection, function)?;
    let playhead = o.playhead.unwrap_or(0.0);
    if !playhead.is_finite() {
        return Err(JsError::new(&format!(
            "{function}: the playhead should be a number from 0 to {}",
            trace.steps
        )));
    }
    Ok(BeltView {
        layer,
        layer_index: o.layer,
        layers: trace.layers.len(),
        steps: trace.steps,
        playhead,
        unit,
        lanes: o.lanes.unwrap_or(DEFAULT_LANES),
        fixed_scale: check_fixed_scale(o.fixed_scale, function)?,
    })
}

/// Draws the conveyor belt of one layer onto `canvas` at `pixelRatio`. Options `{ layer = 0,
/// playhead = 0, unit = 0, lanes = 8 }`: the playhead p ∈ [0, steps] is a position along the
/// belt (station ⌊p⌋, fractional for a smooth animation; clamped to the belt), `unit` the unit
/// shown in detail, `lanes` how many of the most active units get a lane (0 for all),
/// `fixedScale` the half-range of every bar and colour (each unit's own when left out).
/// Returns the half-range the selected unit's rows were drawn on (1 for a GRU or RNN).
///
/// The belt c_t is the LSTM's alone: for a GRU trace the canvas says so and draws the unit's
/// h_t over the steps instead, split at each step into what z_t keeps of h_{t−1} and what
/// (1 − z_t) ⊙ n_t writes; for an RNN trace, h_t rewritten through tanh at every step (no
/// lanes for either).
#[wasm_bindgen(js_name = drawBelt)]
pub fn draw_belt(canvas: &HtmlCanvasElement, pixel_ratio: f64, trace: JsValue, opts: JsValue) -> Result<f64, JsError> {
    const F: &str = "drawBelt";
    let trace = read_trace(&trace, F)?;
    let o: BeltOptions = options(opts, F)?;
    let view = belt_view(&trace, &o, F)?;
    let mut scale = 1.0;
    let drawn = if trace.cell == CellKind::Lstm {
        let (layout, used) = belt_view::draw_belt(canvas, pixel_ratio, &view).map_err(render_error(F))?;
        scale = used;
        BeltDrawn::Belt(layout)
    } else {
        let memory = MemoryView {
            cell: trace.cell,
            layer: view.layer,
            layer_index: view.layer_index,
            layers: view.layers,
            steps: view.steps,
            playhead: view.playhead,
            unit: view.unit,
        };
        BeltDrawn::Memory(memory_view::draw_memory(canvas, pixel_ratio, &memory).map_err(render_error(F))?)
    };
    DRAWN.with(|d| d.borrow_mut().belt = Some(drawn));
    Ok(scale)
}

/// The station and lane under (`x`, `y`) on the canvas last drawn by `drawBelt`: `{ step, unit
/// }` (the detailed unit in its rows, a lane's unit in its lane), or `undefined`. On the LSTM's
/// belt also the mark there and the cell part whose equation it shows
/// ([`crate::render::belt_marks`]): `mark` one of `"forget"` (⊗, part `"k"`), `"input"` (⊕ and
/// the supply row, `"j"`), `"line"` (the main line, `"c"`), `"readout"` (above the belt, `"h"`).
#[wasm_bindgen(js_name = beltAt)]
pub fn belt_at(x: f64, y: f64) -> JsValue {
    let hit = DRAWN.with(|d| match d.borrow().belt.as_ref() {
        Some(BeltDrawn::Belt(l)) => belt_marks::mark_at(l, x, y).map(|(hit, mark)| (hit, Some(mark))),
        Some(BeltDrawn::Memory(l)) => l.at(x, y).map(|hit| (hit, None)),
        None => None,
    });
    match hit {
        None => JsValue::UNDEFINED,
        Some((hit, mark)) => {
            let out = Object::new();
            set(&out, "step", &JsValue::from(hit.step as u32));
            set(&out, "unit", &JsValue::from(hit.unit as u32));
            if let Some(mark) = mark {
                set(&out, "mark", &JsValue::from_str(mark.key()));
                set(&out, "part", &JsValue::from_str(mark.part()));
            }
            out.into()
        }
    }
}

/// The units the belt's lanes show for these options (`{ layer, unit, lanes }`), in unit order:
/// the `lanes` most active (largest max |c_t| over the window), always with `unit`; for a GRU
/// or RNN trace, which has no lanes, `unit` alone.
#[wasm_bindgen(js_name = beltUnits)]
pub fn belt_units(trace: JsValue, opts: JsValue) -> Result<Uint32Array, JsError> {
    const F: &str = "beltUnits";
    let trace = read_trace(&trace, F)?;
    let o: BeltOptions = options(opts, F)?;
    let view = belt_view(&trace, &o, F)?;
    if trace.cell != CellKind::Lstm {
        return Ok(Uint32Array::from(&[view.unit as u32][..]));
    }
    let units: Vec<u32> = most_active_units(view.layer, view.lanes, view.unit)
        .into_iter()
        .map(|u| u as u32)
        .collect();
    Ok(Uint32Array::from(&units[..]))
}

/// The height (CSS pixels) the belt canvas should have at `width` for these options: every
/// lane 20 px tall (text widths estimated).
#[wasm_bindgen(js_name = beltHeight)]
pub fn belt_height(width: f64, trace: JsValue, opts: JsValue) -> Result<f64, JsError> {
    const F: &str = "beltHeight";
    let trace = read_trace(&trace, F)?;
    let o: BeltOptions = options(opts, F)?;
    let view = belt_view(&trace, &o, F)?;
    if trace.cell != CellKind::Lstm {
        let (message, readout) = memory::line_counts(trace.cell, width, view.layer, view.layers, &estimate_width);
        return Ok(MemoryLayout::preferred_height(message, readout));
    }
    let (legend, readout) = line_counts(width, view.layer, view.layers, view.fixed_scale, &estimate_width);
    let lanes = most_active_units(view.layer, view.lanes, view.unit).len();
    Ok(BeltLayout::preferred_height(legend, readout, lanes))
}

// ---------------------------------------------------------------------------------------------
// The gradient flow
// ---------------------------------------------------------------------------------------------

/// Draws ‖∂L/∂c_t‖ and ‖∂L/∂h_t‖ per step of one layer as bars onto `canvas` at `pixelRatio`,
/// under the belt's stations (give it the belt canvas' width); a cell without a cell state has
/// the ‖∂L/∂h_t‖ bars only. Options `{ layer = 0, step (shaded, none by default), scale = "log"
/// | "linear", shared = [] }`, `shared` the norms of another model's flow drawn beside this
/// one, taken into the value axis so that the two share one scale.
#[wasm_bindgen(js_name = drawGradientFlow)]
pub fn draw_gradient_flow(
    canvas: &HtmlCanvasElement,
    pixel_ratio: f64,
    trace: JsValue,
    opts: JsValue,
) -> Result<(), JsError> {
    const F: &str = "drawGradientFlow";
    let trace = read_trace(&trace, F)?;
    let o: GradientOptions = options(opts, F)?;
    let selection = Selection {
        layer: o.layer,
        step: Some(o.step.unwrap_or(0)),
        unit: 0,
    };
    let (layer, _, _) = select(&trace, &selection, F)?;
    let scale = match o.scale.as_deref() {
        None => GradientScale::Log,
        Some(text) => GradientScale::parse(text)
            .ok_or_else(|| JsError::new(&format!("{F}: the scale should be \"log\" or \"linear\", not {text:?}")))?,
    };
    let layout = gradient_view::draw_gradient_flow(canvas, pixel_ratio, layer, trace.steps, o.step, scale, &o.shared)
        .map_err(render_error(F))?;
    DRAWN.with(|d| d.borrow_mut().gradient = Some(layout));
    Ok(())
}

/// The step under (`x`, `y`) on the canvas last drawn by `drawGradientFlow`, or `undefined`.
#[wasm_bindgen(js_name = gradientAt)]
pub fn gradient_at(x: f64, y: f64) -> Option<usize> {
    DRAWN.with(|d| d.borrow().gradient.as_ref().and_then(|l| l.step_at(x, y)))
}

// ---------------------------------------------------------------------------------------------
// The cell diagram and its equations
// ---------------------------------------------------------------------------------------------

/// Draws the cell diagram of the trace's cell (the LSTM's, the GRU's r, z, n and its mixing of
/// h, or the RNN's one tanh box) with the numbers of one step and unit onto `canvas` at
/// `pixelRatio`. Options `{ layer = 0, step = last, unit = 0, focus }`, `focus` a part name of
/// that cell to shade.
#[wasm_bindgen(js_name = drawCell)]
pub fn draw_cell(canvas: &HtmlCanvasElement, pixel_ratio: f64, trace: JsValue, opts: JsValue) -> Result<(), JsError> {
    const F: &str = "drawCell";
    let trace = read_trace(&trace, F)?;
    let o: CellOptions = options(opts, F)?;
    let selection = Selection {
        layer: o.layer,
        step: o.step,
        unit: o.unit,
    };
    let (layer, step, unit) = select(&trace, &selection, F)?;
    let focus = o
        .focus
        .as_deref()
        .map(|name| parse_part(name, trace.cell, F))
        .transpose()?;
    let view = CellView {
        cell: trace.cell,
        layer,
        layer_index: o.layer,
        layers: trace.layers.len(),
        step,
        unit,
        focus,
    };
    let layout = cell_view::draw_cell(canvas, pixel_ratio, &view).map_err(render_error(F))?;
    DRAWN.with(|d| d.borrow_mut().cell = Some(layout));
    Ok(())
}

/// The part of the cell diagram under (`x`, `y`) on the canvas last drawn by `drawCell`: one of
/// `"x" "hPrev" "cPrev" "f" "i" "g" "o" "k" "j" "c" "tanhC" "h"` (LSTM), `"x" "hPrev" "r" "z"
/// "n" "zh" "zn" "h"` (GRU; `zh` is z_t ⊙ h_{t−1}, `zn` (1 − z_t) ⊙ n_t) or `"x" "hPrev" "h"`
/// (RNN), or `undefined`.
#[wasm_bindgen(js_name = cellPartAt)]
pub fn cell_part_at(x: f64, y: f64) -> Option<String> {
    DRAWN.with(|d| {
        d.borrow()
            .cell
            .as_ref()
            .and_then(|l| l.at(x, y))
            .map(|q| q.key().to_string())
    })
}

/// Every part of the diagram last drawn by `drawCell`, for focusable overlays (keyboard
/// access): `[{ part, name, x, y, width, height }]`, the rectangle in CSS pixels. The parts
/// are those of the cell drawn; `cell` (`"lstm"`, `"gru"` or `"rnn"`), when given, must be
/// that cell, else the list is empty (the diagram on the canvas is another cell's).
#[wasm_bindgen(js_name = cellParts)]
pub fn cell_parts(cell: Option<String>) -> Result<Array, JsError> {
    let wanted = cell.as_deref().map(|c| parse_cell(Some(c), "cellParts")).transpose()?;
    let layout = DRAWN.with(|d| d.borrow().cell);
    let Some(layout) = layout.filter(|l| wanted.is_none_or(|c| c == l.cell)) else {
        return Ok(Array::new());
    };
    Ok(layout
        .parts()
        .iter()
        .map(|&q| {
            let r = layout.part_bounds(q);
            let out = Object::new();
            set(&out, "part", &JsValue::from_str(q.key()));
            set(&out, "name", &JsValue::from_str(&part_name_in(layout.cell, q)));
            set(&out, "x", &JsValue::from(r.x));
            set(&out, "y", &JsValue::from(r.y));
            set(&out, "width", &JsValue::from(r.width));
            set(&out, "height", &JsValue::from(r.height));
            JsValue::from(out)
        })
        .collect())
}

/// The height (CSS pixels) the cell canvas should have at `width`.
///
/// `textScale` (1 when left out) is the page's text scale, which the diagram's labels grow by.
#[wasm_bindgen(js_name = cellHeight)]
pub fn cell_height(width: f64, text_scale: Option<f64>) -> f64 {
    // The scale for this measure only: the words and the scale set for the drawings stay.
    let kept = words::text_scale();
    words::set_text_scale(text_scale.unwrap_or(1.0));
    let height = CellLayout::preferred_height(width);
    words::set_text_scale(kept);
    height
}

/// The equation of a part with the numbers of a step and unit: `{ part, name, equation, shape
/// }`, e.g. `equation: "f_t = σ(W_f·[h_{t−1}, x_t] + b_f) = σ(0.83) = 0.70"`, `shape: "W_f:
/// [d+h, h] = [41, 40], f_t: [1, h] = [1, 40]"`, `name: "遗忘门 forget gate"`. The part is one
/// of the trace's cell (see `cellPartAt`); a GRU's are PyTorch's equations, `"z_t = σ(W_iz x_t
/// + b_iz + W_hz h_{t−1} + b_hz) = σ(0.41) = 0.60"`. Options `{ layer = 0, step = last, unit =
/// 0 }`.
#[wasm_bindgen]
pub fn equation(part: &str, trace: JsValue, opts: JsValue) -> Result<Object, JsError> {
    const F: &str = "equation";
    let trace = read_trace(&trace, F)?;
    let q = parse_part(part, trace.cell, F)?;
    let s: Selection = options(opts, F)?;
    let (layer, step, unit) = select(&trace, &s, F)?;
    let text = equation_text(q, &trace, s.layer, step, unit).map_err(|e| JsError::new(&format!("{F}: {e}")))?;
    let out = Object::new();
    set(&out, "part", &JsValue::from_str(q.key()));
    set(&out, "name", &JsValue::from_str(&part_name_in(trace.cell, q)));
    set(&out, "equation", &JsValue::from_str(&text));
    set(
        &out,
        "shape",
        &JsValue::from_str(&shape_text_in(trace.cell, q, layer, s.layer)),
    );
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The parameter panel
// ---------------------------------------------------------------------------------------------

/// The article's parameter formula with the current sizes, beside the real counts.
/// `paramCount` is `Demo.paramCount()` (`{ distinct, numel, article }`), `settings` the
/// settings object (`hidden`, `layers`, `window`, `layout` are read, and `cell`, `"lstm"` when
/// missing). Returns `{ cell, formula, text, perLayer, head, total, distinct, numel, matches,
/// numelExtraPerLayer, note }`: `text` is e.g. `(h·(h+x)+h)·4 = (40·(40+1)+40)·4 = 6,720, + 41
/// for the head = 6,761` (GRU `(h·(h+x)+h)·3 + h`, the + h its b_hn; RNN `h·(h+x)+h`),
/// `matches` whether the formula's total equals the distinct parameters counted from the
/// tensors, `numelExtraPerLayer` how many more PyTorch's `numel()` counts per layer (4h, 2h,
/// h) and `note` why (in the page's words, `canvas.equation.numelNote…`). `opts` (optional) is `{ words }`, the page's words for the
/// text (see [`crate::render::words`]).
#[wasm_bindgen(js_name = describeParams)]
pub fn describe_params_js(param_count: JsValue, settings: JsValue, opts: JsValue) -> Result<Object, JsError> {
    const F: &str = "describeParams";
    let _: Empty = options(opts, F)?;
    let err = |e: String| JsError::new(&format!("{F}: {e}"));
    let hidden = count(&settings, "hidden", "settings").map_err(err)?;
    let layers = count(&settings, "layers", "settings").map_err(err)?;
    let window = count(&settings, "window", "settings").map_err(err)?;
    let layout = get(&settings, "layout")
        .as_string()
        .unwrap_or_else(|| "sequence".into());
    let d_input = match layout.as_str() {
        "sequence" => 1,
        "flat" => window,
        other => {
            return Err(err(format!(
                "settings.layout should be \"sequence\" or \"flat\", not {other:?}"
            )))
        }
    };
    let cell_value = get(&settings, "cell");
    let cell = if cell_value.is_undefined() || cell_value.is_null() {
        CellKind::Lstm
    } else {
        parse_cell(Some(cell_value.as_string().unwrap_or_default().as_str()), F)?
    };
    let distinct = count(&param_count, "distinct", "paramCount").map_err(err)?;
    let numel = count(&param_count, "numel", "paramCount").map_err(err)?;
    let formula = describe_params_in(cell, d_input, hidden, layers);
    let out = Object::new();
    set(&out, "cell", &JsValue::from_str(cell.name()));
    set(&out, "formula", &JsValue::from_str(&formula.formula));
    set(&out, "text", &JsValue::from_str(&formula.text));
    let per_layer: Vec<u32> = formula.per_layer.iter().map(|&n| n as u32).collect();
    set(&out, "perLayer", &Uint32Array::from(&per_layer[..]));
    set(&out, "head", &JsValue::from(formula.head as u32));
    set(&out, "total", &JsValue::from(formula.total as u32));
    set(&out, "distinct", &JsValue::from(distinct as u32));
    set(&out, "numel", &JsValue::from(numel as u32));
    set(&out, "matches", &JsValue::from_bool(formula.total == distinct));
    set(
        &out,
        "numelExtraPerLayer",
        &JsValue::from(formula.numel_extra_per_layer as u32),
    );
    set(
        &out,
        "note",
        &JsValue::from_str(&bias_note_in(cell, numel, distinct, hidden, layers)),
    );
    Ok(out)
}
