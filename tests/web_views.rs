#![cfg(target_arch = "wasm32")]
//! The views of the gates in a real browser (headless Chromium):
//!
//! ```text
//! cargo test --target wasm32-unknown-unknown --test web_views    (scripts/test.sh sets the runner)
//! ```
//!
//! Every view is drawn from a small hand-made trace (2 layers, 3 units, 4 steps, the equations
//! of the cell holding exactly) onto a canvas in the page, and checked by reading its pixels
//! back where the view's own layout says something is: the selected cell's outline, a gate of
//! exactly 1 in the map's top colour, the playhead's station, the bars, the focused part. The
//! exported functions are checked through the same plain trace object the page passes.

use js_sys::{Array, Float32Array, Object, Reflect, JSON};
use lstm_conveyor::model::CellKind;
use lstm_conveyor::render::belt::{BeltLayout, StationAxis};
use lstm_conveyor::render::belt_view::{self, BeltView, PLAYHEAD_BAND};
use lstm_conveyor::render::cell::{CellLayout, GATE_BOX, GATE_X, GATE_Y, GRU_GATES, GRU_WRITE_AT, RNN_BOX, RNN_BOX_AT};
use lstm_conveyor::render::cell_view::{self, CellView, BODY_FILL, FOCUS};
use lstm_conveyor::render::colormap::{ColorScale, VIRIDIS};
use lstm_conveyor::render::gates_view::{self, SELECTION};
use lstm_conveyor::render::gradient::{GradientAxis, GradientScale};
use lstm_conveyor::render::gradient_view::{self, D_CELL, D_HIDDEN, SELECTED_BAND};
use lstm_conveyor::render::heatmap::{HeatmapLayout, GRU_PANELS};
use lstm_conveyor::render::memory_view::{self, MemoryView, KEPT, REWRITTEN, WRITTEN};
use lstm_conveyor::render::notation::Quantity;
use lstm_conveyor::render::palette::{Rgb, BACKGROUND};
use lstm_conveyor::trace::{LayerTrace, Trace};
use lstm_conveyor::web_views::{self, trace_from_js};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const STEPS: usize = 4;
const UNITS: usize = 3;

// ---------------------------------------------------------------------------------------------
// The hand-made trace
// ---------------------------------------------------------------------------------------------

/// One layer whose numbers satisfy the cell's equations exactly: per step t and unit u,
/// k = f·c_{t−1}, j = i·g, c = k + j, h = o·tanh(c). `flip` mirrors the units, so the two
/// layers draw differently. Layer 0's forget gate is exactly 1 at step 2, unit 1.
fn layer(input: Vec<f32>, d_input: usize, flip: bool) -> LayerTrace {
    let mut l = LayerTrace {
        d_input,
        d_hidden: UNITS,
        input,
        d_cell_norm: vec![0.05, 0.1, 0.2, 0.4],
        d_hidden_norm: vec![0.02, 0.04, 0.08, 0.3],
        ..LayerTrace::default()
    };
    for t in 0..STEPS {
        for u in 0..UNITS {
            let v = if flip { UNITS - 1 - u } else { u };
            let f = if !flip && t == 2 && u == 1 {
                1.0
            } else {
                [0.1, 0.5, 0.9][v] + 0.02 * t as f32
            };
            let i = 0.3 + 0.1 * t as f32;
            let g = (0.8 * (v as f32 - 1.0) + 0.2 * t as f32).tanh();
            let o = 0.6 + 0.1 * v as f32;
            let c_prev = if t == 0 { 0.0 } else { l.cell[(t - 1) * UNITS + u] };
            let (k, j) = (f * c_prev, i * g);
            let c = k + j;
            l.forget_gate.push(f);
            l.input_gate.push(i);
            l.cell_gate.push(g);
            l.output_gate.push(o);
            l.cell_prev.push(c_prev);
            l.kept.push(k);
            l.added.push(j);
            l.cell.push(c);
            l.tanh_cell.push(c.tanh());
            l.hidden.push(o * c.tanh());
        }
    }
    // The cell's rows by name, as the model hands them to the trace.
    l.rows = [
        ("input_gate", &l.input_gate),
        ("forget_gate", &l.forget_gate),
        ("cell_gate", &l.cell_gate),
        ("output_gate", &l.output_gate),
        ("cell", &l.cell),
        ("hidden", &l.hidden),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_vec()))
    .collect();
    l
}

/// One GRU layer whose numbers satisfy PyTorch's equations exactly: per step t and unit u,
/// h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}, with z = 0.3, 0.6, 0.85 (− 0.02 t) by unit.
fn gru_layer(input: Vec<f32>, d_input: usize) -> LayerTrace {
    let (mut r, mut z, mut n, mut h) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for t in 0..STEPS {
        for u in 0..UNITS {
            let h_prev = if t == 0 { 0.0 } else { h[(t - 1) * UNITS + u] };
            let zt = [0.3, 0.6, 0.85][u] - 0.02 * t as f32;
            let nt = (0.7 * (u as f32 - 1.0) + 0.3 * t as f32 + 0.6).tanh();
            r.push(0.2 + 0.2 * u as f32 + 0.05 * t as f32);
            z.push(zt);
            n.push(nt);
            h.push((1.0 - zt) * nt + zt * h_prev);
        }
    }
    LayerTrace {
        d_input,
        d_hidden: UNITS,
        input,
        hidden: h.clone(),
        d_hidden_norm: vec![0.02, 0.04, 0.08, 0.3],
        rows: vec![
            ("reset_gate".into(), r),
            ("update_gate".into(), z),
            ("new_gate".into(), n),
            ("hidden".into(), h),
        ],
        ..LayerTrace::default()
    }
}

fn gru_trace() -> Trace {
    let bottom = gru_layer(vec![0.5, -0.2, 0.1, 0.7], 1);
    let top = gru_layer(bottom.hidden.clone(), UNITS);
    Trace {
        cell: CellKind::Gru,
        steps: STEPS,
        layers: vec![bottom, top],
        ..Trace::default()
    }
}

/// One RNN layer: h_t = tanh(0.5 x_t + 0.4 h_{t−1} + 0.1 u).
fn rnn_trace() -> Trace {
    let input = vec![0.5, -0.2, 0.1, 0.7];
    let mut h: Vec<f32> = Vec::new();
    for t in 0..STEPS {
        for u in 0..UNITS {
            let h_prev = if t == 0 { 0.0 } else { h[(t - 1) * UNITS + u] };
            h.push((0.5 * input[t] + 0.4 * h_prev + 0.1 * u as f32).tanh());
        }
    }
    let layer = LayerTrace {
        d_input: 1,
        d_hidden: UNITS,
        input,
        hidden: h.clone(),
        d_hidden_norm: vec![0.02, 0.04, 0.08, 0.3],
        rows: vec![("hidden".into(), h)],
        ..LayerTrace::default()
    };
    Trace {
        cell: CellKind::Rnn,
        steps: STEPS,
        layers: vec![layer],
        ..Trace::default()
    }
}

fn trace() -> Trace {
    let bottom = layer(vec![0.5, -0.2, 0.1, 0.7], 1, false);
    let top = layer(bottom.hidden.clone(), UNITS, true);
    Trace {
        cell: CellKind::Lstm,
        steps: STEPS,
        target_month: 16,
        prediction: 0.25,
        target: 0.3,
        prediction_raw: 130.0,
        actual_raw: 132.0,
        layers: vec![bottom, top],
    }
}

fn set(target: &Object, key: &str, value: &JsValue) {
    Reflect::set(target, &JsValue::from_str(key), value).unwrap();
}

/// The trace as the plain object `Demo.trace(row)` returns.
fn trace_js(trace: &Trace) -> JsValue {
    let out = Object::new();
    set(&out, "steps", &JsValue::from(trace.steps as u32));
    set(&out, "targetMonth", &JsValue::from(trace.target_month as u32));
    set(&out, "prediction", &JsValue::from(trace.prediction));
    set(&out, "target", &JsValue::from(trace.target));
    set(&out, "predictionRaw", &JsValue::from(trace.prediction_raw));
    set(&out, "actualRaw", &JsValue::from(trace.actual_raw));
    let layers = Array::new();
    for l in &trace.layers {
        let o = Object::new();
        set(&o, "dInput", &JsValue::from(l.d_input as u32));
        set(&o, "dHidden", &JsValue::from(l.d_hidden as u32));
        for (key, row) in [
            ("input", &l.input),
            ("forgetGate", &l.forget_gate),
            ("inputGate", &l.input_gate),
            ("cellGate", &l.cell_gate),
            ("outputGate", &l.output_gate),
            ("cellPrev", &l.cell_prev),
            ("kept", &l.kept),
            ("added", &l.added),
            ("cell", &l.cell),
            ("tanhCell", &l.tanh_cell),
            ("hidden", &l.hidden),
            ("dHiddenNorm", &l.d_hidden_norm),
            ("dCellNorm", &l.d_cell_norm),
        ] {
            set(&o, key, &Float32Array::from(&row[..]));
        }
        // An LSTM trace is sent as the page's older objects were, without cell and rows.
        if trace.cell != CellKind::Lstm {
            let rows = Object::new();
            for (name, row) in &l.rows {
                set(&rows, name, &Float32Array::from(&row[..]));
            }
            set(&o, "rows", &rows);
        }
        layers.push(&o);
    }
    if trace.cell != CellKind::Lstm {
        set(&out, "cell", &JsValue::from_str(trace.cell.name()));
    }
    set(&out, "layers", &layers);
    out.into()
}

fn options(json: &str) -> JsValue {
    JSON::parse(json).expect("test options are JSON")
}

fn error_message(error: wasm_bindgen::JsError) -> String {
    let value: JsValue = error.into();
    value.dyn_into::<js_sys::Error>().expect("an Error").message().into()
}

// ---------------------------------------------------------------------------------------------
// Canvases and pixels
// ---------------------------------------------------------------------------------------------

/// A canvas laid out in the page at `width` × `height` CSS pixels.
fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas
        .set_attribute("style", &format!("display:block;width:{width}px;height:{height}px"))
        .unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// The colour of the backing pixel under CSS point (`x`, `y`) at `ratio`.
fn pixel(canvas: &HtmlCanvasElement, ratio: f64, x: f64, y: f64) -> Rgb {
    let context: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = context
        .get_image_data((x * ratio).floor(), (y * ratio).floor(), 1.0, 1.0)
        .unwrap()
        .data();
    Rgb::new(data[0], data[1], data[2])
}

/// How many backing pixels of the canvas are exactly `colour`.
fn count_colour(canvas: &HtmlCanvasElement, colour: Rgb) -> usize {
    let context: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    data.chunks_exact(4)
        .filter(|p| Rgb::new(p[0], p[1], p[2]) == colour)
        .count()
}

fn assert_color(actual: Rgb, expected: Rgb, tolerance: u8, what: &str) {
    assert!(
        expected.is_near(actual.r, actual.g, actual.b, tolerance),
        "{what}: expected {expected:?}, found {actual:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The trace from JavaScript
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_trace_object_reads_back_exactly() {
    let t = trace();
    assert_eq!(trace_from_js(&trace_js(&t)).unwrap(), t);
}

#[wasm_bindgen_test]
fn plain_arrays_of_numbers_are_accepted_too() {
    let t = trace();
    let js = trace_js(&t);
    let layer = Reflect::get(&Reflect::get(&js, &"layers".into()).unwrap(), &0.into()).unwrap();
    let plain: Array = t.layers[0].cell.iter().map(|&v| JsValue::from(v)).collect();
    Reflect::set(&layer, &"cell".into(), &plain).unwrap();
    assert_eq!(trace_from_js(&js).unwrap(), t);
}

#[wasm_bindgen_test]
fn a_malformed_trace_is_refused_with_the_field_named() {
    let t = trace();
    let js = trace_js(&t);
    let layer = Reflect::get(&Reflect::get(&js, &"layers".into()).unwrap(), &1.into()).unwrap();
    Reflect::set(&layer, &"kept".into(), &Float32Array::new_with_length(5)).unwrap();
    let message = trace_from_js(&js).unwrap_err();
    assert!(
        message.contains("trace.layers[1].kept has 5 numbers, expected steps × dHidden = 12"),
        "{message}"
    );
    Reflect::delete_property(layer.unchecked_ref::<Object>(), &"forgetGate".into()).unwrap();
    assert!(trace_from_js(&js).unwrap_err().contains("forgetGate is missing"));
    assert!(trace_from_js(&JsValue::from(3)).is_err());
    assert!(trace_from_js(&options(r#"{"steps": 4, "layers": []}"#))
        .unwrap_err()
        .contains("empty"));
    // The exported functions pass the message on.
    let c = canvas(300, 200);
    let error = web_views::draw_gates(&c, 1.0, js, JsValue::UNDEFINED).unwrap_err();
    assert!(error_message(error).starts_with("drawGates: trace.layers[1]"));
}

// ---------------------------------------------------------------------------------------------
// The gate heatmaps
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_selected_cell_is_outlined_in_every_grid_where_the_layout_says() {
    let t = trace();
    for ratio in [1.0, 2.0] {
        let c = canvas(900, 420);
        let layout = gates_view::draw_gates(&c, ratio, CellKind::Lstm, &t.layers[0], STEPS, Some((1, 2)), None)
            .unwrap()
            .0;
        assert_eq!(layout.columns, 6, "all six grids side by side");
        for panel in 0..6 {
            let cell = layout.cell(panel, 1, 2);
            let (_, cy) = cell.center();
            // The outline is 2 px wide just outside the cell's left edge.
            let outer = ((cell.x - 1.0) * ratio).round() / ratio - 0.75 / ratio;
            assert_color(pixel(&c, ratio, outer, cy), SELECTION, 40, "outline");
            // An unselected cell has none.
            let other = layout.cell(panel, 2, 0);
            let outer = ((other.x - 1.0) * ratio).round() / ratio - 0.75 / ratio;
            let (_, oy) = other.center();
            let seen = pixel(&c, ratio, outer, oy);
            assert!(!SELECTION.is_near(seen.r, seen.g, seen.b, 40), "no outline: {seen:?}");
        }
    }
}

#[wasm_bindgen_test]
fn a_gate_of_exactly_one_is_the_maps_top_colour() {
    let t = trace();
    let c = canvas(640, 420);
    let layout = gates_view::draw_gates(&c, 1.0, CellKind::Lstm, &t.layers[0], STEPS, Some((0, 0)), None)
        .unwrap()
        .0;
    // f at step 2, unit 1 is exactly 1: viridis' yellow end.
    let (x, y) = layout.cell(0, 2, 1).center();
    assert_eq!(pixel(&c, 1.0, x, y), VIRIDIS[9]);
    // Its neighbour, f = 0.5 + 0.02, is the map's colour of that value.
    let f = t.layers[0].forget_gate[UNITS + 1] as f64;
    assert!((f - 0.52).abs() < 1e-6);
    let (x, y) = layout.cell(0, 1, 1).center();
    assert_eq!(pixel(&c, 1.0, x, y), ColorScale::GATE.color(f));
    // g (grid 2) is on the diverging map.
    let g = t.layers[0].cell_gate[3 * UNITS] as f64;
    let (x, y) = layout.cell(2, 3, 0).center();
    assert_eq!(pixel(&c, 1.0, x, y), ColorScale::TANH.color(g));
}

#[wasm_bindgen_test]
fn another_selection_or_layer_changes_the_pixels() {
    let t = trace();
    let js = trace_js(&t);
    let c = canvas(640, 420);
    let layout = HeatmapLayout::new(640.0, 420.0, STEPS, UNITS);
    let probe = |step: usize, unit: usize| {
        let cell = layout.cell(0, step, unit);
        (cell.x - 1.5, cell.center().1)
    };
    web_views::draw_gates(&c, 1.0, js.clone(), options(r#"{"step": 1, "unit": 2}"#)).unwrap();
    let (x, y) = probe(3, 0);
    let before = pixel(&c, 1.0, x, y);
    web_views::draw_gates(&c, 1.0, js.clone(), options(r#"{"step": 3, "unit": 0}"#)).unwrap();
    let after = pixel(&c, 1.0, x, y);
    assert_ne!(before, after, "the outline moved to (3, 0)");
    assert_color(after, SELECTION, 40, "the new outline");

    let (x, y) = layout.cell(0, 0, 0).center();
    let bottom = pixel(&c, 1.0, x, y);
    web_views::draw_gates(&c, 1.0, js, options(r#"{"layer": 1, "step": 3, "unit": 0}"#)).unwrap();
    assert_ne!(pixel(&c, 1.0, x, y), bottom, "layer 1 has other gates");
}

#[wasm_bindgen_test]
fn the_pointer_finds_the_gate_cell_and_the_page_gets_a_height() {
    let js = trace_js(&trace());
    let c = canvas(640, 420);
    web_views::draw_gates(&c, 1.0, js, JsValue::UNDEFINED).unwrap();
    let layout = HeatmapLayout::new(640.0, 420.0, STEPS, UNITS);
    let (x, y) = layout.cell(4, 2, 1).center();
    let hit = web_views::gate_at(x, y);
    let get = |key: &str| Reflect::get(&hit, &key.into()).unwrap();
    assert_eq!(get("part").as_string().as_deref(), Some("c"));
    assert_eq!(get("step").as_f64(), Some(2.0));
    assert_eq!(get("unit").as_f64(), Some(1.0));
    assert!(web_views::gate_at(1.0, 1.0).is_undefined());
    let height =
        |width: f64, cell: Option<&str>| web_views::gates_height(width, 12, 40, cell.map(String::from), None).unwrap();
    assert!(height(360.0, None) > height(1200.0, None));
    assert_eq!(height(360.0, None), height(360.0, Some("lstm")));
}

#[wasm_bindgen_test]
fn bad_options_are_refused_with_a_message() {
    let js = trace_js(&trace());
    let c = canvas(300, 200);
    let unknown = web_views::draw_gates(&c, 1.0, js.clone(), options(r#"{"stpe": 1}"#)).unwrap_err();
    assert!(error_message(unknown).contains("stpe"));
    let out_of_range = web_views::draw_gates(&c, 1.0, js.clone(), options(r#"{"unit": 3}"#)).unwrap_err();
    assert!(error_message(out_of_range).contains("unit 3 does not exist"));
    let layer = web_views::draw_belt(&c, 1.0, js.clone(), options(r#"{"layer": 2}"#)).unwrap_err();
    assert!(error_message(layer).contains("layer 2 does not exist"));
    let scale = web_views::draw_gradient_flow(&c, 1.0, js.clone(), options(r#"{"scale": "ln"}"#)).unwrap_err();
    assert!(error_message(scale).contains("\"log\" or \"linear\""));
    let part = web_views::draw_cell(&c, 1.0, js, options(r#"{"focus": "F"}"#)).unwrap_err();
    assert!(error_message(part).contains("no part is called \"F\""));
}

// ---------------------------------------------------------------------------------------------
// The conveyor belt and the gradient flow
// ---------------------------------------------------------------------------------------------

fn belt(t: &Trace, playhead: f64, unit: usize) -> BeltView<'_> {
    BeltView {
        layer: &t.layers[0],
        layer_index: 0,
        layers: 2,
        steps: STEPS,
        playhead,
        unit,
        lanes: 0,
        fixed_scale: None,
    }
}

/// A point near the top-left corner of station `t`'s output row, where only the station's
/// shading is drawn.
fn station_probe(layout: &BeltLayout, t: usize) -> (f64, f64) {
    let (x0, _) = layout.axis.station(t);
    (x0 + 3.0, layout.output_row.y + 2.0)
}

#[wasm_bindgen_test]
fn the_playheads_station_is_shaded_where_the_layout_says() {
    let t = trace();
    for ratio in [1.0, 2.0] {
        let c = canvas(700, 460);
        let layout = belt_view::draw_belt(&c, ratio, &belt(&t, 2.4, 1)).unwrap().0;
        assert_eq!(layout.lanes.len(), UNITS);
        let (x, y) = station_probe(&layout, 2);
        assert_eq!(pixel(&c, ratio, x, y), PLAYHEAD_BAND);
        for other in [0, 1, 3] {
            let (x, y) = station_probe(&layout, other);
            assert_eq!(pixel(&c, ratio, x, y), BACKGROUND, "station {other} is not shaded");
        }
    }
}

#[wasm_bindgen_test]
fn stepping_the_playhead_moves_the_shaded_station() {
    let t = trace();
    let js = trace_js(&t);
    let c = canvas(700, 460);
    let layout = belt_view::draw_belt(&c, 1.0, &belt(&t, 1.0, 0)).unwrap().0;
    let (x, y) = station_probe(&layout, 2);
    assert_eq!(pixel(&c, 1.0, x, y), BACKGROUND);
    // What the page's "step" button does: the playhead to the next station.
    web_views::draw_belt(
        &c,
        1.0,
        js.clone(),
        options(r#"{"playhead": 2, "unit": 0, "lanes": 0}"#),
    )
    .unwrap();
    assert_eq!(pixel(&c, 1.0, x, y), PLAYHEAD_BAND);
    let (x1, y1) = station_probe(&layout, 1);
    assert_eq!(pixel(&c, 1.0, x1, y1), BACKGROUND);

    // And the pointer finds the station and the lane under it (in the layout of this drawing:
    // the read-out's numbers, and so its lines, changed).
    let layout = belt_view::draw_belt(&canvas(700, 460), 1.0, &belt(&t, 2.0, 0))
        .unwrap()
        .0;
    let hit = web_views::belt_at(layout.axis.center(3), layout.belt_row.center().1);
    assert_eq!(Reflect::get(&hit, &"step".into()).unwrap().as_f64(), Some(3.0));
    assert_eq!(Reflect::get(&hit, &"unit".into()).unwrap().as_f64(), Some(0.0));
    let lane = layout.lane(2).unwrap();
    let hit = web_views::belt_at(layout.axis.center(1), lane.center().1);
    assert_eq!(Reflect::get(&hit, &"unit".into()).unwrap().as_f64(), Some(2.0));
    assert!(web_views::belt_at(2.0, 2.0).is_undefined());
}

#[wasm_bindgen_test]
fn the_belt_shows_the_chosen_lanes_and_the_forget_gates_colour() {
    let t = trace();
    let js = trace_js(&t);
    // Unit 2 carries the most (max |c| 0.9…), then unit 1 (0.47), then unit 0 (0.24): the two
    // most active are 2 and 1, and the selected unit 0 takes the place of unit 1.
    let top = web_views::belt_units(js.clone(), options(r#"{"unit": 2, "lanes": 2}"#)).unwrap();
    assert_eq!(top.to_vec(), [1, 2]);
    let units = web_views::belt_units(js.clone(), options(r#"{"unit": 0, "lanes": 2}"#)).unwrap();
    assert_eq!(units.to_vec(), [0, 2]);
    let c = canvas(900, 480);
    let layout = belt_view::draw_belt(&c, 1.0, &belt(&t, 1.1, 2)).unwrap().0;
    // Station 0's ⊗ sits at 30 % of the station on the belt's centre line, filled with f's
    // colour (probed beside the centre, between the strokes of the ×).
    let x = layout.axis.x_at(lstm_conveyor::render::belt::FORGET_AT);
    let (_, y) = layout.belt_row.center();
    let f = t.layers[0].forget_gate[2] as f64;
    let seen = pixel(&c, 1.0, x - 4.0, y - 1.0);
    assert_color(seen, ColorScale::GATE.color(f), 2, "the forget gate's ⊗");
    let height = web_views::belt_height(900.0, js, JsValue::UNDEFINED).unwrap();
    assert!(height > layout.lanes_caption.bottom());
}

#[wasm_bindgen_test]
fn the_gradient_bars_stand_under_the_belts_stations() {
    let t = trace();
    let c = canvas(700, 160);
    let layout =
        gradient_view::draw_gradient_flow(&c, 1.0, &t.layers[0], STEPS, Some(1), GradientScale::Log, &[]).unwrap();
    assert_eq!(layout.axis, StationAxis::new(700.0, STEPS), "the belt's stations");
    let norms: Vec<f64> = t.layers[0]
        .d_cell_norm
        .iter()
        .chain(&t.layers[0].d_hidden_norm)
        .map(|&v| v as f64)
        .collect();
    let axis = GradientAxis::new(&norms, GradientScale::Log).unwrap();
    for step in 0..STEPS {
        let fractions = (
            axis.fraction(t.layers[0].d_cell_norm[step] as f64),
            axis.fraction(t.layers[0].d_hidden_norm[step] as f64),
        );
        let (cell, hidden) = layout.bars(step, fractions);
        let (cx, _) = cell.unwrap().center();
        let (hx, _) = hidden.unwrap().center();
        let y = layout.plot.bottom() - 2.0;
        assert_eq!(pixel(&c, 1.0, cx, y), D_CELL, "‖∂L/∂c‖ at step {step}");
        assert_eq!(pixel(&c, 1.0, hx, y), D_HIDDEN, "‖∂L/∂h‖ at step {step}");
    }
    // The tallest ∂c bar (0.4) reaches higher than the shortest (0.05).
    let top = |step: usize| {
        layout
            .bars(step, (axis.fraction(t.layers[0].d_cell_norm[step] as f64), None))
            .0
            .unwrap()
            .y
    };
    assert!(top(3) < top(0) - 20.0);
    let (x0, _) = layout.axis.station(1);
    assert_eq!(pixel(&c, 1.0, x0 + 2.0, layout.plot.y + 4.0), SELECTED_BAND);
    let (x0, _) = layout.axis.station(2);
    assert_eq!(pixel(&c, 1.0, x0 + 2.0, layout.plot.y + 4.0), BACKGROUND);

    let js = trace_js(&t);
    web_views::draw_gradient_flow(&c, 1.0, js, options(r#"{"step": 2, "scale": "linear"}"#)).unwrap();
    assert_eq!(
        web_views::gradient_at(layout.axis.center(3), layout.plot.center().1),
        Some(3)
    );
}

#[wasm_bindgen_test]
fn two_gradient_flows_share_one_axis_and_a_cell_without_a_cell_state_has_only_h_bars() {
    let t = trace();
    let c = canvas(700, 160);
    let layout =
        gradient_view::draw_gradient_flow(&c, 1.0, &t.layers[0], STEPS, None, GradientScale::Log, &[]).unwrap();
    let own: Vec<f64> = t.layers[0]
        .d_cell_norm
        .iter()
        .chain(&t.layers[0].d_hidden_norm)
        .map(|&v| v as f64)
        .collect();
    // Another model's norms 1,000 times larger stretch the shared axis: the same bar is lower.
    let shared = [1000.0 * own.iter().cloned().fold(0.0, f64::max)];
    let bar_top = |axis: &GradientAxis| {
        layout
            .bars(3, (axis.fraction(t.layers[0].d_cell_norm[3] as f64), None))
            .0
            .unwrap()
            .y
    };
    let alone = GradientAxis::new(&own, GradientScale::Log).unwrap();
    let both: Vec<f64> = own.iter().chain(&shared).copied().collect();
    let together = GradientAxis::new(&both, GradientScale::Log).unwrap();
    assert!(bar_top(&together) > bar_top(&alone) + 10.0, "the shared axis is taller");
    let wide = canvas(700, 160);
    gradient_view::draw_gradient_flow(&wide, 1.0, &t.layers[0], STEPS, None, GradientScale::Log, &shared).unwrap();
    let (cx, _) = layout
        .bars(3, (together.fraction(t.layers[0].d_cell_norm[3] as f64), None))
        .0
        .unwrap()
        .center();
    assert_eq!(
        pixel(&wide, 1.0, cx, bar_top(&together) + 2.0),
        D_CELL,
        "the bar reaches the shared axis' height"
    );
    assert_ne!(
        pixel(&wide, 1.0, cx, bar_top(&alone) + 2.0),
        D_CELL,
        "not its own axis' height"
    );
    let js = trace_js(&t);
    web_views::draw_gradient_flow(&wide, 1.0, js, options(r#"{"shared": [5000]}"#)).unwrap();

    // Without a cell state (a GRU or an RNN), the ∂L/∂c bars are not drawn at all.
    let mut no_cell = t.clone();
    no_cell.layers[0].d_cell_norm.clear();
    let plain = canvas(700, 160);
    gradient_view::draw_gradient_flow(&plain, 1.0, &no_cell.layers[0], STEPS, None, GradientScale::Log, &[]).unwrap();
    let (_, hidden) = layout.bars(0, (Some(0.5), Some(0.5)));
    let (hx, _) = hidden.unwrap().center();
    assert_eq!(pixel(&plain, 1.0, hx, layout.plot.bottom() - 2.0), D_HIDDEN);
    let counts = count_colour(&plain, D_CELL);
    assert_eq!(counts, 0, "no ‖∂L/∂c_t‖ bar and no swatch for it");
}

// ---------------------------------------------------------------------------------------------
// The cell diagram, its equations and the parameter formula
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_cell_diagram_fills_each_gate_with_its_value_and_shades_the_focus() {
    let t = trace();
    let c = canvas(520, 330);
    let view = CellView {
        cell: CellKind::Lstm,
        layer: &t.layers[0],
        layer_index: 0,
        layers: 2,
        step: 2,
        unit: 1,
        focus: None,
    };
    let layout = cell_view::draw_cell(&c, 1.0, &view).unwrap();
    assert_eq!(layout, CellLayout::new(520.0, 330.0));
    // Inside each gate's box, left of its text: the gate's colour. f = 1 here.
    for (gate, k) in [
        (Quantity::ForgetGate, 0),
        (Quantity::InputGate, 1),
        (Quantity::OutputGate, 3),
    ] {
        let (x, y) = layout.point(GATE_X[k] - GATE_BOX.0 / 2.0 + 4.0, GATE_Y);
        let v = gate.value(&t.layers[0], 2, 1).unwrap() as f64;
        assert_eq!(pixel(&c, 1.0, x, y), ColorScale::GATE.color(v), "{gate:?}");
    }
    let (x, y) = layout.point(GATE_X[0] - GATE_BOX.0 / 2.0 + 4.0, GATE_Y);
    assert_eq!(pixel(&c, 1.0, x, y), VIRIDIS[9]);

    // A corner of the kept part's hit rectangle: the cell's own colour, then the focus'.
    let (x, y) = layout.point(128.0, 54.0);
    assert_eq!(pixel(&c, 1.0, x, y), BODY_FILL);
    let focused = CellView {
        focus: Some(Quantity::Kept),
        ..view
    };
    cell_view::draw_cell(&c, 1.0, &focused).unwrap();
    assert_eq!(pixel(&c, 1.0, x, y), FOCUS);
}

#[wasm_bindgen_test]
fn the_page_finds_the_part_under_the_pointer_and_its_equation() {
    let t = trace();
    let js = trace_js(&t);
    let c = canvas(780, 495);
    web_views::draw_cell(&c, 1.0, js.clone(), options(r#"{"step": 2, "unit": 1, "focus": "k"}"#)).unwrap();
    let layout = CellLayout::new(780.0, 495.0);
    let (x, y) = layout.point(GATE_X[0], GATE_Y);
    assert_eq!(web_views::cell_part_at(x, y).as_deref(), Some("f"));
    assert_eq!(web_views::cell_part_at(1.0, 494.0), None);
    let parts = web_views::cell_parts(None).unwrap();
    assert_eq!(parts.length(), 12);
    assert_eq!(web_views::cell_parts(Some("lstm".into())).unwrap().length(), 12);
    assert_eq!(
        web_views::cell_parts(Some("gru".into())).unwrap().length(),
        0,
        "the diagram is the LSTM's"
    );
    let first = parts.get(0);
    assert_eq!(
        Reflect::get(&first, &"part".into()).unwrap().as_string().as_deref(),
        Some("x")
    );
    assert!(Reflect::get(&first, &"width".into()).unwrap().as_f64().unwrap() > 0.0);

    let eq = web_views::equation("f", js.clone(), options(r#"{"step": 1, "unit": 0}"#)).unwrap();
    let text = |key: &str| Reflect::get(&eq, &key.into()).unwrap().as_string().unwrap();
    // f = 0.1 + 0.02 = 0.12: σ⁻¹(0.12) = ln(0.12/0.88) = −1.99.
    assert_eq!(text("equation"), "f_t = σ(W_f·[h_{t−1}, x_t] + b_f) = σ(−1.99) = 0.12");
    assert_eq!(text("shape"), "W_f: [d+h, h] = [4, 3], f_t: [1, h] = [1, 3]");
    assert_eq!(text("name"), "forget gate", "no words given: English");
    let kept = web_views::equation("k", js.clone(), options(r#"{"step": 2, "unit": 1}"#)).unwrap();
    let kept = Reflect::get(&kept, &"equation".into()).unwrap().as_string().unwrap();
    assert!(kept.starts_with("k_t = f_t ⊙ c_{t−1} = 1.00 × "), "{kept}");
    let missing = web_views::equation("q", js, JsValue::UNDEFINED).unwrap_err();
    assert!(error_message(missing).contains("no part is called"));
}

#[wasm_bindgen_test]
fn the_parameter_formula_is_filled_in_beside_the_real_counts() {
    let counts = options(r#"{"distinct": 6761, "numel": 6921, "article": 6761}"#);
    let settings = options(r#"{"hidden": 40, "layers": 1, "window": 12, "layout": "sequence", "seed": 1}"#);
    let out = web_views::describe_params_js(counts.clone(), settings, JsValue::UNDEFINED).unwrap();
    let get = |key: &str| Reflect::get(&out, &key.into()).unwrap();
    assert_eq!(
        get("text").as_string().unwrap(),
        "(h·(h+x)+h)·4 = (40·(40+1)+40)·4 = 6,720, + 41 for the head = 6,761"
    );
    assert_eq!(get("matches").as_bool(), Some(true));
    assert!(get("note").as_string().unwrap().contains("6,921"));
    // The article's flat layout reads the 12 months as one step of 12 numbers: x = 12.
    let flat = options(r#"{"hidden": 40, "layers": 1, "window": 12, "layout": "flat"}"#);
    let out = web_views::describe_params_js(counts, flat, JsValue::UNDEFINED).unwrap();
    let total = Reflect::get(&out, &"total".into()).unwrap().as_f64();
    assert_eq!(total, Some(8_521.0));
    assert_eq!(Reflect::get(&out, &"matches".into()).unwrap().as_bool(), Some(false));
}

// ---------------------------------------------------------------------------------------------
// The GRU and the RNN
// ---------------------------------------------------------------------------------------------

fn text_of(object: &JsValue, key: &str) -> String {
    Reflect::get(object, &key.into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn gru_and_rnn_traces_read_back_exactly_and_name_their_cell() {
    for t in [gru_trace(), rnn_trace()] {
        assert_eq!(trace_from_js(&trace_js(&t)).unwrap(), t, "{}", t.cell);
    }
    // An LSTM object without cell and rows (the older objects) reads as the LSTM it is.
    let lstm = trace_from_js(&trace_js(&trace())).unwrap();
    assert_eq!(lstm.cell, CellKind::Lstm);
    assert_eq!(lstm.layers[0].row("forget_gate"), Some(&lstm.layers[0].forget_gate[..]));

    let js = trace_js(&gru_trace());
    let layer = Reflect::get(&Reflect::get(&js, &"layers".into()).unwrap(), &0.into()).unwrap();
    let rows = Reflect::get(&layer, &"rows".into()).unwrap();
    Reflect::delete_property(rows.unchecked_ref::<Object>(), &"update_gate".into()).unwrap();
    let message = trace_from_js(&js).unwrap_err();
    assert!(
        message.contains("trace.layers[0].rows.update_gate is missing"),
        "{message}"
    );
    Reflect::delete_property(layer.unchecked_ref::<Object>(), &"rows".into()).unwrap();
    assert!(trace_from_js(&js).unwrap_err().contains("rows is missing"));
    Reflect::set(&js, &"cell".into(), &"lsmt".into()).unwrap();
    assert!(trace_from_js(&js).unwrap_err().contains("\"lsmt\""));
}

#[wasm_bindgen_test]
fn the_grus_heatmaps_are_its_own_gates() {
    let t = gru_trace();
    let js = trace_js(&t);
    let c = canvas(640, 420);
    web_views::draw_gates(&c, 1.0, js, options(r#"{"step": 1, "unit": 2}"#)).unwrap();
    let layout = HeatmapLayout::with_panels(640.0, 420.0, STEPS, UNITS, &GRU_PANELS);
    assert_eq!(layout.columns, 4, "four grids side by side");
    // Grid 1 is z, on the gates' map; grid 2 is n, on the diverging one.
    let z = Quantity::UpdateGate.value(&t.layers[0], 3, 0).unwrap() as f64;
    let (x, y) = layout.cell(1, 3, 0).center();
    assert_eq!(pixel(&c, 1.0, x, y), ColorScale::GATE.color(z));
    let n = Quantity::NewGate.value(&t.layers[0], 2, 1).unwrap() as f64;
    let (x, y) = layout.cell(2, 2, 1).center();
    assert_eq!(pixel(&c, 1.0, x, y), ColorScale::TANH.color(n));
    for (panel, part) in [(0, "r"), (1, "z"), (2, "n"), (3, "h")] {
        let (x, y) = layout.cell(panel, 2, 1).center();
        let hit = web_views::gate_at(x, y);
        assert_eq!(text_of(&hit, "part"), part);
    }
    // The RNN has one grid, h.
    let c = canvas(640, 300);
    web_views::draw_gates(&c, 1.0, trace_js(&rnn_trace()), JsValue::UNDEFINED).unwrap();
    let rnn = HeatmapLayout::with_panels(640.0, 300.0, STEPS, UNITS, &[Quantity::Hidden]);
    let (x, y) = rnn.cell(0, 3, 2).center();
    assert_eq!(text_of(&web_views::gate_at(x, y), "part"), "h");
    let h = rnn_trace().layers[0].hidden[3 * UNITS + 2] as f64;
    assert_eq!(pixel(&c, 1.0, x, y), ColorScale::TANH.color(h));
    // Fewer grids want less height on a phone, where the LSTM's and the GRU's wrap.
    let height = |cell: &str| web_views::gates_height(360.0, 12, 40, Some(cell.into()), None).unwrap();
    assert!(height("rnn") < height("gru"));
    assert!(web_views::gates_height(360.0, 12, 40, Some("lstn".into()), None).is_err());
}

#[wasm_bindgen_test]
fn the_belt_says_it_is_the_lstms_and_draws_the_grus_h_instead() {
    let t = gru_trace();
    let c = canvas(700, 360);
    let view = MemoryView {
        cell: CellKind::Gru,
        layer: &t.layers[0],
        layer_index: 0,
        layers: 2,
        steps: STEPS,
        playhead: 3.5,
        unit: 2,
    };
    let layout = memory_view::draw_memory(&c, 1.0, &view).unwrap();
    assert_eq!(
        layout.axis,
        StationAxis::new(700.0, STEPS),
        "the gradient bars still line up"
    );
    assert!(layout.message.height >= 17.0, "the message has its lines");
    // The playhead's station is shaded, the one before it is not.
    let (x0, _) = layout.axis.station(3);
    assert_eq!(pixel(&c, 1.0, x0 + 3.0, layout.header.y + 2.0), PLAYHEAD_BAND);
    let (x0, _) = layout.axis.station(2);
    assert_eq!(pixel(&c, 1.0, x0 + 3.0, layout.header.y + 2.0), BACKGROUND);
    // Station 2 (before the playhead): unit 2 keeps z ⊙ h_{t−1} from 0, in the kept colour,
    // and (1 − z) ⊙ n is stacked on it in the written colour.
    let kept = Quantity::HiddenKept.value(&t.layers[0], 2, 2).unwrap() as f64;
    let written = Quantity::HiddenWritten.value(&t.layers[0], 2, 2).unwrap() as f64;
    assert!(kept > 0.1 && written > 0.05, "{kept} {written}");
    let m = lstm_conveyor::render::memory::half_range(CellKind::Gru, &t.layers[0], STEPS, 2);
    let x = layout.axis.center(2) - layout.axis.station_width() * 0.2;
    let y = (layout.y_of(0.0, m) + layout.y_of(kept, m)) / 2.0;
    assert_color(pixel(&c, 1.0, x, y), KEPT, 2, "z ⊙ h_{t−1}");
    let y = (layout.y_of(kept, m) + layout.y_of(kept + written, m)) / 2.0;
    assert_color(pixel(&c, 1.0, x, y), WRITTEN, 2, "(1 − z) ⊙ n");

    // Through the page's API: the GRU's trace draws it, the pointer finds the station.
    let js = trace_js(&t);
    let c = canvas(700, 360);
    web_views::draw_belt(&c, 1.0, js.clone(), options(r#"{"playhead": 1, "unit": 1}"#)).unwrap();
    let hit = web_views::belt_at(layout.axis.center(3), layout.chart.center().1);
    assert_eq!(Reflect::get(&hit, &"step".into()).unwrap().as_f64(), Some(3.0));
    assert_eq!(Reflect::get(&hit, &"unit".into()).unwrap().as_f64(), Some(1.0));
    assert_eq!(
        web_views::belt_units(js.clone(), options(r#"{"unit": 1}"#))
            .unwrap()
            .to_vec(),
        [1]
    );
    let height = web_views::belt_height(700.0, js, JsValue::UNDEFINED).unwrap();
    assert!(height > 17.0 + 150.0 && height < 400.0, "{height}");

    // The RNN: a bar to h_t at every station.
    let r = rnn_trace();
    let c = canvas(700, 360);
    let rnn = MemoryView {
        cell: CellKind::Rnn,
        layer: &r.layers[0],
        layers: 1,
        ..view
    };
    let layout = memory_view::draw_memory(&c, 1.0, &rnn).unwrap();
    let h = Quantity::Hidden.value(&r.layers[0], 0, 2).unwrap() as f64;
    let m = lstm_conveyor::render::memory::half_range(CellKind::Rnn, &r.layers[0], STEPS, 2);
    let x = layout.axis.center(0) - layout.axis.station_width() * 0.2;
    let y = (layout.y_of(0.0, m) + layout.y_of(h, m)) / 2.0;
    assert_color(pixel(&c, 1.0, x, y), REWRITTEN, 2, "h_t");
    web_views::draw_belt(&c, 1.0, trace_js(&r), JsValue::UNDEFINED).unwrap();
}

#[wasm_bindgen_test]
fn the_gradient_bars_draw_a_cell_without_a_cell_state() {
    let t = gru_trace();
    let c = canvas(700, 160);
    let layout =
        gradient_view::draw_gradient_flow(&c, 1.0, &t.layers[0], STEPS, None, GradientScale::Log, &[]).unwrap();
    let axis = GradientAxis::new(&[0.02, 0.04, 0.08, 0.3], GradientScale::Log).unwrap();
    let (_, hidden) = layout.bars(3, (None, axis.fraction(0.3)));
    let (hx, _) = hidden.unwrap().center();
    assert_eq!(pixel(&c, 1.0, hx, layout.plot.bottom() - 2.0), D_HIDDEN);
    web_views::draw_gradient_flow(&c, 1.0, trace_js(&rnn_trace()), JsValue::UNDEFINED).unwrap();
}

#[wasm_bindgen_test]
fn the_cell_diagram_draws_the_gru_and_the_rnn_with_their_numbers() {
    let t = gru_trace();
    let c = canvas(520, 330);
    let view = CellView {
        cell: CellKind::Gru,
        layer: &t.layers[0],
        layer_index: 0,
        layers: 2,
        step: 2,
        unit: 1,
        focus: None,
    };
    let layout = cell_view::draw_cell(&c, 1.0, &view).unwrap();
    assert_eq!(layout, CellLayout::for_cell(CellKind::Gru, 520.0, 330.0));
    for (q, x) in GRU_GATES {
        let (px, py) = layout.point(x - GATE_BOX.0 / 2.0 + 4.0, GATE_Y);
        let v = q.value(&t.layers[0], 2, 1).unwrap() as f64;
        let scale = if q == Quantity::NewGate {
            ColorScale::TANH
        } else {
            ColorScale::GATE
        };
        assert_eq!(pixel(&c, 1.0, px, py), scale.color(v), "{q:?}");
    }
    // Right of (1 − z) ⊙ n's label, under its text: the cell's colour, then the focus'.
    let (x, y) = layout.point(452.0, 137.0);
    assert_eq!(pixel(&c, 1.0, x, y), BODY_FILL);
    cell_view::draw_cell(
        &c,
        1.0,
        &CellView {
            focus: Some(Quantity::HiddenWritten),
            ..view
        },
    )
    .unwrap();
    assert_eq!(pixel(&c, 1.0, x, y), FOCUS);

    // The page's API: the parts, the part under the pointer, the equations.
    let js = trace_js(&t);
    web_views::draw_cell(&c, 1.0, js.clone(), options(r#"{"step": 2, "unit": 1, "focus": "z"}"#)).unwrap();
    let (x, y) = layout.point(GRU_WRITE_AT.0, GRU_WRITE_AT.1);
    assert_eq!(web_views::cell_part_at(x, y).as_deref(), Some("zn"));
    let parts = web_views::cell_parts(Some("gru".into())).unwrap();
    let keys: Vec<String> = parts.iter().map(|p| text_of(&p, "part")).collect();
    assert_eq!(keys, ["x", "hPrev", "r", "z", "n", "zh", "zn", "h"]);
    // No words given: the parts' names are English (the page gives 更新门 in 中文).
    assert_eq!(text_of(&parts.get(3), "name"), "update gate");
    let eq = web_views::equation("z", js.clone(), options(r#"{"step": 2, "unit": 1}"#)).unwrap();
    // z = 0.6 − 0.04 = 0.56: σ⁻¹(0.56) = ln(0.56/0.44) = 0.24.
    assert_eq!(
        text_of(&eq, "equation"),
        "z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz) = σ(0.24) = 0.56"
    );
    assert_eq!(
        text_of(&eq, "shape"),
        "W_iz: [h, d] = [3, 1], W_hz: [h, h] = [3, 3], z_t: [1, h] = [1, 3]"
    );
    let h = web_views::equation("h", js.clone(), options(r#"{"step": 2, "unit": 1}"#)).unwrap();
    assert!(text_of(&h, "equation").starts_with("h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1} = "));
    assert!(text_of(&h, "name").starts_with("hidden state"));
    let wrong = web_views::equation("f", js.clone(), JsValue::UNDEFINED).unwrap_err();
    assert!(error_message(wrong).contains("in the gru cell"));
    assert!(web_views::draw_cell(&c, 1.0, js, options(r#"{"focus": "k"}"#)).is_err());

    // The RNN: one tanh box, filled with h_t's colour.
    let r = rnn_trace();
    let c = canvas(520, 330);
    web_views::draw_cell(&c, 1.0, trace_js(&r), options(r#"{"step": 3, "unit": 2}"#)).unwrap();
    let layout = CellLayout::for_cell(CellKind::Rnn, 520.0, 330.0);
    let (x, y) = layout.point(RNN_BOX_AT.0 - RNN_BOX.0 / 2.0 + 4.0, RNN_BOX_AT.1 - 14.0);
    let h = r.layers[0].hidden[3 * UNITS + 2] as f64;
    assert_eq!(pixel(&c, 1.0, x, y), ColorScale::TANH.color(h));
    let (x, y) = layout.point(RNN_BOX_AT.0, RNN_BOX_AT.1);
    assert_eq!(web_views::cell_part_at(x, y).as_deref(), Some("h"));
    assert_eq!(web_views::cell_parts(None).unwrap().length(), 3);
    let eq = web_views::equation("h", trace_js(&r), options(r#"{"step": 3, "unit": 2}"#)).unwrap();
    let expected = format!(
        "h_t = tanh(W_ih x_t + b_ih + W_hh h_{{t−1}} + b_hh) = tanh({}) = {}",
        lstm_conveyor::render::notation::format_value((h as f32).atanh() as f64),
        lstm_conveyor::render::notation::format_value(h)
    );
    assert_eq!(text_of(&eq, "equation"), expected);
}

#[wasm_bindgen_test]
fn the_parameter_formula_follows_the_cell() {
    let settings = |cell: &str| {
        options(&format!(
            r#"{{"hidden": 40, "layers": 1, "window": 12, "layout": "sequence", "cell": "{cell}"}}"#
        ))
    };
    let gru = web_views::describe_params_js(
        options(r#"{"distinct": 5121, "numel": 5201, "article": 5121}"#),
        settings("gru"),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(
        text_of(&gru, "text"),
        "(h·(h+x)+h)·3 + h = (40·(40+1)+40)·3 + 40 = 5,080, + 41 for the head = 5,121"
    );
    assert_eq!(text_of(&gru, "cell"), "gru");
    assert_eq!(Reflect::get(&gru, &"matches".into()).unwrap().as_bool(), Some(true));
    assert_eq!(
        Reflect::get(&gru, &"numelExtraPerLayer".into()).unwrap().as_f64(),
        Some(80.0)
    );
    assert!(text_of(&gru, "note").contains("b_hn"));
    let rnn = web_views::describe_params_js(
        options(r#"{"distinct": 1721, "numel": 1761, "article": 1721}"#),
        settings("rnn"),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(
        text_of(&rnn, "text"),
        "h·(h+x)+h = 40·(40+1)+40 = 1,680, + 41 for the head = 1,721"
    );
    assert_eq!(
        Reflect::get(&rnn, &"numelExtraPerLayer".into()).unwrap().as_f64(),
        Some(40.0)
    );
    assert!(web_views::describe_params_js(
        options(r#"{"distinct": 1, "numel": 1}"#),
        settings("lstn"),
        JsValue::UNDEFINED
    )
    .is_err());
}

/// A trace of the real model (a small GRU, then an RNN, trained for no epoch) through the
/// page's functions: every part's equation, every view, and the GRU's split of h_t into what
/// z_t keeps and what (1 − z_t) ⊙ n_t writes adding up to the h_t the model computed.
#[wasm_bindgen_test]
fn a_real_gru_and_rnn_trace_draws_in_every_view() {
    use lstm_conveyor::data::Series;
    use lstm_conveyor::train::{ModelConfig, TrainConfig, Trainer};
    for cell in [CellKind::Gru, CellKind::Rnn] {
        let defaults = TrainConfig::default();
        let config = TrainConfig {
            model: ModelConfig {
                cell,
                hidden: 4,
                layers: 2,
                window: 12,
                ..defaults.model
            },
            ensemble: 1,
            ..defaults
        };
        let trainer = Trainer::new(&Series::air_passengers(), config).unwrap();
        let t = trainer.trace(0).unwrap();
        assert_eq!(t.cell, cell);
        let js = trace_js(&t);
        assert_eq!(trace_from_js(&js).unwrap(), t, "{cell}");
        let at = options(r#"{"layer": 1, "step": 5, "unit": 3}"#);
        for &q in Quantity::parts(cell) {
            let eq = web_views::equation(q.key(), js.clone(), at.clone()).unwrap();
            let text = text_of(&eq, "equation");
            assert!(text.starts_with(q.symbol()) && !text.contains("NaN"), "{cell} {text}");
        }
        if cell == CellKind::Gru {
            for layer in &t.layers {
                for step in 0..t.steps {
                    for unit in 0..layer.d_hidden {
                        let v = |q: Quantity| q.value(layer, step, unit).unwrap();
                        let sum = v(Quantity::HiddenKept) + v(Quantity::HiddenWritten);
                        assert!((sum - v(Quantity::Hidden)).abs() < 1e-5, "h_t at {step}, {unit}");
                    }
                }
            }
        }
        let c = canvas(700, 420);
        web_views::draw_gates(&c, 1.0, js.clone(), at.clone()).unwrap();
        web_views::draw_cell(&c, 1.0, js.clone(), at.clone()).unwrap();
        web_views::draw_belt(
            &c,
            1.0,
            js.clone(),
            options(r#"{"layer": 1, "playhead": 5.5, "unit": 3}"#),
        )
        .unwrap();
        web_views::draw_gradient_flow(&c, 1.0, js, options(r#"{"layer": 1, "step": 5}"#)).unwrap();
    }
}

#[wasm_bindgen_test]
fn a_fixed_scale_is_drawn_on_and_returned_and_a_bad_one_is_refused() {
    let js = trace_js(&trace());
    let c = canvas(700, 460);
    let own = web_views::draw_gates(&c, 1.0, js.clone(), JsValue::UNDEFINED).unwrap();
    assert_ne!(own, 7.0);
    let fixed = options(r#"{"fixedScale": 7}"#);
    assert_eq!(web_views::draw_gates(&c, 1.0, js.clone(), fixed.clone()).unwrap(), 7.0);
    assert_eq!(web_views::draw_belt(&c, 1.0, js.clone(), fixed).unwrap(), 7.0);
    for bad in [r#"{"fixedScale": -1}"#, r#"{"fixedScale": 0}"#] {
        assert!(
            web_views::draw_belt(&c, 1.0, js.clone(), options(bad)).is_err(),
            "{bad}"
        );
        assert!(
            web_views::draw_gates(&c, 1.0, js.clone(), options(bad)).is_err(),
            "{bad}"
        );
    }
}
