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
use lstm_conveyor::render::cell::{CellLayout, GATE_BOX, GATE_X, GATE_Y};
use lstm_conveyor::render::cell_view::{self, CellView, BODY_FILL, FOCUS};
use lstm_conveyor::render::colormap::{ColorScale, VIRIDIS};
use lstm_conveyor::render::gates_view::{self, SELECTION};
use lstm_conveyor::render::gradient::{GradientAxis, GradientScale};
use lstm_conveyor::render::gradient_view::{self, D_CELL, D_HIDDEN, SELECTED_BAND};
use lstm_conveyor::render::heatmap::HeatmapLayout;
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
    l
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
        layers.push(&o);
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
        let layout = gates_view::draw_gates(&c, ratio, &t.layers[0], STEPS, Some((1, 2))).unwrap();
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
    let layout = gates_view::draw_gates(&c, 1.0, &t.layers[0], STEPS, Some((0, 0))).unwrap();
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
    assert!(web_views::gates_height(360.0, 12, 40) > web_views::gates_height(1200.0, 12, 40));
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
        let layout = belt_view::draw_belt(&c, ratio, &belt(&t, 2.4, 1)).unwrap();
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
    let layout = belt_view::draw_belt(&c, 1.0, &belt(&t, 1.0, 0)).unwrap();
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
    let layout = belt_view::draw_belt(&canvas(700, 460), 1.0, &belt(&t, 2.0, 0)).unwrap();
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
    let layout = belt_view::draw_belt(&c, 1.0, &belt(&t, 1.1, 2)).unwrap();
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
    let layout = gradient_view::draw_gradient_flow(&c, 1.0, &t.layers[0], STEPS, Some(1), GradientScale::Log).unwrap();
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

// ---------------------------------------------------------------------------------------------
// The cell diagram, its equations and the parameter formula
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_cell_diagram_fills_each_gate_with_its_value_and_shades_the_focus() {
    let t = trace();
    let c = canvas(520, 330);
    let view = CellView {
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
    let parts = web_views::cell_parts();
    assert_eq!(parts.length(), 12);
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
    assert_eq!(text("name"), "遗忘门 forget gate");
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
    let out = web_views::describe_params_js(counts.clone(), settings).unwrap();
    let get = |key: &str| Reflect::get(&out, &key.into()).unwrap();
    assert_eq!(
        get("text").as_string().unwrap(),
        "(h·(h+x)+h)·4 = (40·(40+1)+40)·4 = 6,720, + 41 for the head = 6,761"
    );
    assert_eq!(get("matches").as_bool(), Some(true));
    assert!(get("note").as_string().unwrap().contains("6,921"));
    // The article's flat layout reads the 12 months as one step of 12 numbers: x = 12.
    let flat = options(r#"{"hidden": 40, "layers": 1, "window": 12, "layout": "flat"}"#);
    let out = web_views::describe_params_js(counts, flat).unwrap();
    let total = Reflect::get(&out, &"total".into()).unwrap().as_f64();
    assert_eq!(total, Some(8_521.0));
    assert_eq!(Reflect::get(&out, &"matches".into()).unwrap().as_bool(), Some(false));
}
