//! The conveyor belt (传送带) on a canvas, at one playhead position ([`BeltLayout`]).
//!
//! On the selected unit's belt, each station shows what the belt carries as a bar above
//! (positive) or below (negative) the belt's centre line, outlined by a step line: c_{t−1}
//! arriving, k_t after the forget gate ⊗ (filled with f_t's colour), c_t after the input gate ⊕
//! (filled with i_t's colour) has added the supply j_t, whose bar rises from the supply row
//! below. Above the belt, the output gate's tap (a dot in o_t's colour) reads h_t. The three
//! rows share one scale per unit (shown in the gutter, [`unit_half_range`]) for the bars' heights
//! and colours alike (the heatmap's blue–white–red, on that range), so a quiet unit is magnified
//! rather than drawn flat. The thin lanes below repeat the main line for other units, all on one
//! scale, the largest of theirs.
//!
//! The playhead's station is shaded; the stations after it are faded (not yet reached); a box
//! on the belt carries the value at the exact playhead position, so an animated playhead shows
//! it shrink at ⊗ and change at ⊕. The gates of the playhead's station carry the article's names
//! and values, and the read-out spells out the station's numbers.

use crate::model::CellKind;
use crate::render::belt::{
    bar_width, carried_value, lanes_caption, legend_pieces, line_height, most_active_units, readout_pieces,
    supply_bar_width, unit_half_range, value_y, BeltLayout, Playhead, StationAxis, ADD_AT, FORGET_AT, LEGEND_FONT,
    PIECE_SEPARATOR, READOUT_FONT, READ_AT,
};
use crate::render::canvas::RenderError;
use crate::render::colormap::{ink_on, ColorScale, WHITE};
use crate::render::geometry::Rect;
use crate::render::notation::{fitting, format_value, pack_lines, Quantity};
use crate::render::paint::{Align, Font, Painter, Valign};
use crate::render::palette::{Rgb, GRID, INK, MUTED};
use crate::render::scale::format_tick;
use crate::render::words::text_scale;
use crate::trace::LayerTrace;
use web_sys::HtmlCanvasElement;

/// The shading of the playhead's station.
pub const PLAYHEAD_BAND: Rgb = Rgb::new(255, 236, 179);
/// The belt itself.
pub const BELT_SURFACE: Rgb = Rgb::new(234, 234, 234);
/// How strongly the stations after the playhead are faded towards white.
pub const FUTURE_FADE: f64 = 0.6;

/// What the belt shows.
#[derive(Clone, Copy, Debug)]
pub struct BeltView<'a> {
    /// The layer's trace.
    pub layer: &'a LayerTrace,
    /// Which layer it is (0-based), for the read-out.
    pub layer_index: usize,
    /// The number of layers.
    pub layers: usize,
    /// T, the stations.
    pub steps: usize,
    /// The playhead position p ∈ [0, T].
    pub playhead: f64,
    /// The unit shown in detail.
    pub unit: usize,
    /// How many lanes (0 for every unit).
    pub lanes: usize,
    /// The half-range of every bar and colour when it is fixed (over the kept epochs, by the
    /// page), so that scrubbing compares like with like; `None` scales each unit by its own
    /// largest value in this trace.
    pub fixed_scale: Option<f64>,
}

/// Draws the belt onto `canvas` at `pixel_ratio`; returns the layout for pointer look-ups and
/// the half-range the selected unit's rows were drawn on.
pub fn draw_belt(
    canvas: &HtmlCanvasElement,
    pixel_ratio: f64,
    view: &BeltView,
) -> Result<(BeltLayout, f64), RenderError> {
    let p = Painter::new(canvas, pixel_ratio)?;
    let layer = view.layer;
    let steps = view.steps;
    let head = Playhead::at(view.playhead, steps);
    let units = most_active_units(layer, view.lanes, view.unit);
    // The half-ranges of the bars: heights and colours on [−s, s].
    let (unit_scale, lanes_scale) = match view.fixed_scale {
        Some(fixed) => (fixed, fixed),
        None => (
            unit_half_range(layer, view.unit),
            units.iter().map(|&u| unit_half_range(layer, u)).fold(0.01, f64::max),
        ),
    };

    let room = StationAxis::new(p.width, steps).width;
    let legend = legend_pieces(unit_scale, view.fixed_scale.is_some());
    let legend_lines = pack_lines(&legend, PIECE_SEPARATOR, LEGEND_FONT, room, &p.measurer(false));
    let readout = readout_pieces(layer, view.layer_index, view.layers, head.step, view.unit).unwrap_or_default();
    let readout_lines = pack_lines(&readout, PIECE_SEPARATOR, READOUT_FONT, room, &p.measurer(false));
    let layout = BeltLayout::new(
        p.width,
        p.height,
        steps,
        view.unit,
        &units,
        legend_lines.len(),
        readout_lines.len(),
    );
    let axis = layout.axis;
    let (s0, s1) = axis.station(head.step);
    let detail = Rect::new(
        axis.left,
        layout.header.y,
        axis.width,
        layout.supply_row.bottom() - layout.header.y,
    );
    let lanes_area = match (layout.lanes.first(), layout.lanes.last()) {
        (Some((_, first)), Some((_, last))) => Some(Rect::new(axis.left, first.y, axis.width, last.bottom() - first.y)),
        _ => None,
    };

    // The playhead's station, behind everything.
    for area in std::iter::once(detail).chain(lanes_area) {
        p.fill_rect(Rect::new(s0, area.y, s1 - s0, area.height), PLAYHEAD_BAND);
    }

    for (k, line) in legend_lines.iter().enumerate() {
        p.text(
            line,
            layout.legend.x,
            layout.legend.y + k as f64 * line_height() + 3.0,
            Font::regular(LEGEND_FONT, INK),
            Align::Left,
            Valign::Top,
        );
    }
    draw_header(&p, &layout, head.step);
    draw_row_labels(&p, &layout, unit_scale);
    if view.unit < layer.d_hidden {
        draw_detail(&p, &layout, layer, view.unit, steps, unit_scale);
    }

    let captions = lanes_caption(units.len(), layer.d_hidden);
    p.text(
        fitting(&captions, 11.0, axis.width, &p.measurer(false)),
        axis.left,
        layout.lanes_caption.y + 5.0,
        Font::regular(11.0, MUTED),
        Align::Left,
        Valign::Top,
    );
    for &(u, lane) in &layout.lanes {
        draw_lane(&p, &axis, lane, (layer, u, steps), lanes_scale, u == view.unit);
    }

    // The stations not yet reached, faded.
    if s1 < axis.left + axis.width {
        for area in std::iter::once(detail).chain(lanes_area) {
            p.with_alpha(FUTURE_FADE, |p| {
                p.fill_rect(Rect::new(s1, area.y, axis.left + axis.width - s1, area.height), WHITE)
            });
        }
    }
    if let Some(area) = lanes_area {
        // The playhead's station, over the lanes' strips.
        p.with_alpha(0.35, |p| {
            p.fill_rect(Rect::new(s0, area.y, s1 - s0, area.height), PLAYHEAD_BAND)
        });
    }
    if view.unit < layer.d_hidden {
        // The carried box passes under the playhead station's gates; its label stays on top.
        let label = draw_carried(&p, &layout, (layer, view.unit, steps), head, unit_scale);
        draw_gates_on_belt(&p, &layout, (layer, view.unit), head.step, head.step);
        draw_station_names(&p, &layout, head.step, layer, view.unit);
        if let Some(label) = label {
            label();
        }
    }
    // The playhead's line, from the output row down: the pill row above stays the pills'.
    let x = axis.x_at(head.position());
    p.line((x, layout.output_row.y), (x, detail.bottom()), INK, 1.0);
    if let Some(area) = lanes_area {
        p.line((x, area.y), (x, area.bottom()), INK, 1.0);
    }
    if let Some(lane) = layout.lane(view.unit) {
        p.stroke_rect(Rect::new(axis.left, lane.y, axis.width, lane.height), INK, 1.0);
    }

    for (k, line) in readout_lines.iter().enumerate() {
        p.text(
            line,
            layout.readout.x,
            layout.readout.y + k as f64 * line_height() + 2.0,
            Font::regular(READOUT_FONT, INK),
            Align::Left,
            Valign::Top,
        );
    }
    Ok((layout, unit_scale))
}

/// The station numbers (from 1); the playhead's in bold.
fn draw_header(p: &Painter, layout: &BeltLayout, current: usize) {
    let axis = layout.axis;
    let y = layout.header.y + 4.0;
    for t in axis.labelled_steps() {
        if t == current || (axis.center(t) - axis.center(current)).abs() < 20.0 {
            continue;
        }
        p.text(
            &(t + 1).to_string(),
            axis.center(t),
            y,
            Font::regular(11.0, MUTED),
            Align::Center,
            Valign::Top,
        );
    }
    p.text(
        &(current + 1).to_string(),
        axis.center(current),
        y,
        Font::bold(12.0, INK),
        Align::Center,
        Valign::Top,
    );
    p.text(
        "t",
        axis.left - 8.0,
        y,
        Font::regular(11.0, MUTED),
        Align::Right,
        Valign::Top,
    );
}

/// The gutter labels of the three detailed rows (symbol and a short name in the page's words,
/// `canvas.belt.row.*`: the article's 输出门, 主线, 补给 in 中文), and the height scale of their
/// bars (a quiet unit is drawn magnified).
fn draw_row_labels(p: &Painter, layout: &BeltLayout, unit_scale: f64) {
    let x = layout.axis.left - 8.0;
    for (row, symbol, key, english) in [
        (layout.output_row, "h_t", "canvas.belt.row.h", "output"),
        (layout.belt_row, "c_t", "canvas.belt.row.c", "belt"),
        (layout.supply_row, "j_t", "canvas.belt.row.j", "supply"),
    ] {
        // The offsets grow with the text (classroom mode), so the two lines never overlap.
        let (_, cy) = row.center();
        let s = text_scale();
        p.text(
            symbol,
            x,
            cy - 7.0 * s,
            Font::bold(12.0, INK),
            Align::Right,
            Valign::Middle,
        );
        p.text(
            &crate::render::words::word(key, english),
            x,
            cy + 8.0 * s,
            Font::regular(10.0, MUTED),
            Align::Right,
            Valign::Middle,
        );
    }
    p.text(
        &format!("±{}", format_tick(unit_scale)),
        x,
        layout.belt_row.bottom(),
        Font::regular(9.0, MUTED),
        Align::Right,
        Valign::Baseline,
    );
}

/// The smallest ⊗ or ⊕ that carries its sign; smaller ones are plain dots in the gate's colour.
const MIN_SIGNED_RADIUS: f64 = 4.5;

/// The ⊗ of the forget gate and the ⊕ of the input gate of station `t` (where
/// [`BeltLayout::joint_centers`] puts them), in their gates' colours; `current` is the
/// playhead's station, whose gates are drawn larger.
fn draw_gates_on_belt(p: &Painter, layout: &BeltLayout, (layer, unit): (&LayerTrace, usize), t: usize, current: usize) {
    let value = |q: Quantity| q.value(layer, t, unit).map_or(f64::NAN, |v| v as f64);
    let r = layout.joint_radius_at(t, current);
    let (forget, add) = layout.joint_centers(t);
    for (gate, at, plus) in [(Quantity::ForgetGate, forget, false), (Quantity::InputGate, add, true)] {
        let fill = ColorScale::GATE.color(value(gate));
        if r >= MIN_SIGNED_RADIUS {
            p.joint(at, r, fill, ink_on(fill), plus);
        } else {
            p.circle(at, r, Some(fill), Some((INK, 0.8)));
        }
    }
}

/// A vertical bar from `base` to value `v`'s y in a row (its centre and height).
/// A bar is at least `MIN_BAR` tall, so that a small value still shows which way it points.
fn value_bar(x: f64, width: f64, (center, row): (f64, f64), height_scale: f64, v: f64) -> Rect {
    const MIN_BAR: f64 = 1.5;
    let y = value_y(center, row, height_scale, v);
    let height = (y - center).abs();
    if v.is_finite() && height < MIN_BAR {
        let top = if v < 0.0 { center } else { center - MIN_BAR };
        return Rect::new(x - width / 2.0, top, width, MIN_BAR);
    }
    Rect::new(x - width / 2.0, y.min(center), width, height)
}

/// The selected unit's belt: the surface, the main line's bars, the gates, the supply and the
/// output, at every station.
fn draw_detail(p: &Painter, layout: &BeltLayout, layer: &LayerTrace, unit: usize, steps: usize, scale: f64) {
    let axis = layout.axis;
    let sw = axis.station_width();
    let center = layout.belt_center();
    let surface = layout.surface();
    p.fill_rect(surface, BELT_SURFACE);
    for t in 0..=steps {
        let x = axis.x_at(t as f64);
        p.line((x, surface.y), (x, surface.bottom()), WHITE, 1.0);
    }
    p.line((axis.left, center), (axis.left + axis.width, center), MUTED, 1.0);
    draw_main_line(
        p,
        &axis,
        (layer, unit, steps),
        (center, layout.belt_row.height),
        (scale, Fill::Bar),
    );

    let (bw, jw) = (bar_width(sw), supply_bar_width(sw));
    let supply = (layout.supply_row.center().1, layout.supply_row.height);
    let output = (layout.output_row.center().1, layout.output_row.height);
    for (row_center, _) in [supply, output] {
        p.line((axis.left, row_center), (axis.left + axis.width, row_center), GRID, 1.0);
    }
    for t in 0..steps {
        let value = |q: Quantity| q.value(layer, t, unit).map_or(f64::NAN, |v| v as f64);
        let xr = axis.x_at(t as f64 + READ_AT);
        let (_, (xa, add_y)) = layout.joint_centers(t);
        let r = layout.joint_radius_at(t, usize::MAX);

        // The supply j_t rises from below into ⊕: a bar in its colour, outlined so that a
        // small supply (nearly white) still shows.
        let j = value(Quantity::Added);
        let j_bar = value_bar(xa, jw, supply, scale, j);
        p.fill_rect(j_bar, ColorScale::symmetric(scale).color(j));
        p.stroke_rect(j_bar, INK, 0.8);
        p.arrow((xa, layout.supply_row.y + 3.0), (xa, add_y + r + 1.0), INK, 1.0, 4.0);

        // The output gate's tap reads h_t off the belt.
        p.line((xr, surface.y), (xr, output.0), MUTED, 1.0);
        let h = value(Quantity::Hidden);
        p.fill_rect(
            value_bar(xr, bw, output, scale, h),
            ColorScale::symmetric(scale).color(h),
        );
        let o_fill = ColorScale::GATE.color(value(Quantity::OutputGate));
        p.circle(
            (xr, layout.output_row.bottom() - 2.0),
            r * 0.7,
            Some(o_fill),
            Some((INK, 1.0)),
        );

        draw_gates_on_belt(p, layout, (layer, unit), t, usize::MAX);
    }
}

/// How the main line's values are filled in under its step line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fill {
    /// A bar from the centre line to the value, in the value's colour (the detailed belt).
    Bar,
    /// The row's whole height in the value's colour (a thin lane, where bars would be flat).
    Strip,
}

/// The main line of one unit (`(layer, unit, steps)`) in a row (its centre and height), filled
/// in the values' colours and outlined by a step line at the values' heights: c_{t−1} up to the
/// forget gate, k_t up to the supply, c_t after it, at every station; heights and colours on
/// [−scale, scale].
fn draw_main_line(
    p: &Painter,
    axis: &StationAxis,
    (layer, unit, steps): (&LayerTrace, usize, usize),
    (center, row): (f64, f64),
    (scale, fill): (f64, Fill),
) {
    let colors = ColorScale::symmetric(scale);
    let stops = [0.0, FORGET_AT, ADD_AT, 1.0];
    let mut outline = Vec::with_capacity(6 * steps);
    for t in 0..steps {
        for k in 0..3 {
            let from = t as f64 + stops[k];
            let Some(v) = carried_value(layer, unit, steps, from) else {
                continue;
            };
            let v = v as f64;
            let (x0, x1) = (axis.x_at(from), axis.x_at(t as f64 + stops[k + 1]));
            let y = value_y(center, row, scale, v);
            let bar = match fill {
                Fill::Bar => Rect::new(x0, y.min(center), x1 - x0, (y - center).abs()),
                Fill::Strip => Rect::new(x0, center - row / 2.0 + 1.0, x1 - x0, row - 2.0),
            };
            p.fill_rect(bar, colors.color(v));
            outline.push((x0, y));
            outline.push((x1, y));
        }
    }
    p.with_alpha(0.75, |p| p.polyline(&outline, INK, 1.0));
}

/// A thin lane: the unit number in the gutter and its main line.
fn draw_lane(
    p: &Painter,
    axis: &StationAxis,
    lane: Rect,
    (layer, unit, steps): (&LayerTrace, usize, usize),
    scale: f64,
    selected: bool,
) {
    let (_, center) = lane.center();
    let right = axis.left + axis.width;
    p.line((axis.left, lane.bottom()), (right, lane.bottom()), GRID, 1.0);
    p.line((axis.left, center), (right, center), GRID, 1.0);
    draw_main_line(
        p,
        axis,
        (layer, unit, steps),
        (center, lane.height),
        (scale, Fill::Strip),
    );
    let font = if selected {
        Font::bold(10.0, INK)
    } else {
        Font::regular(10.0, MUTED)
    };
    if lane.height >= 9.0 || selected {
        p.text(
            &format!("u{}", unit + 1),
            axis.left - 8.0,
            center,
            font,
            Align::Right,
            Valign::Middle,
        );
    }
}

/// The gates' names on the playhead's station (the page's words: the article's 遗忘门, 输入门,
/// 输出门 in 中文, English in English), each with its gate's value, as pills in the pill row
/// above the output row ([`BeltLayout::gate_pills`]): the forget gate's over ⊗, the input
/// gate's over ⊕, the output gate's over the tap; on a narrow belt the symbols alone.
fn draw_station_names(p: &Painter, layout: &BeltLayout, step: usize, layer: &LayerTrace, unit: usize) {
    let font = Font::regular(11.0, INK);
    let v = |q: Quantity| format_value(q.value(layer, step, unit).map_or(f64::NAN, |v| v as f64));
    let gates = [
        (
            Quantity::ForgetGate.page_name_in(CellKind::Lstm),
            "f_t",
            Quantity::ForgetGate,
        ),
        (
            Quantity::InputGate.page_name_in(CellKind::Lstm),
            "i_t",
            Quantity::InputGate,
        ),
        (
            Quantity::OutputGate.page_name_in(CellKind::Lstm),
            "o_t",
            Quantity::OutputGate,
        ),
    ];
    let long = gates
        .each_ref()
        .map(|(name, symbol, gate)| format!("{name} {symbol} {}", v(*gate)));
    let short = gates
        .each_ref()
        .map(|(_, symbol, gate)| format!("{symbol} {}", v(*gate)));
    let height = pill_height(font);
    for texts in [long, short] {
        let widths = [0, 1, 2].map(|k| p.measure(&texts[k], font) + 2.0 * PILL_PAD);
        if let Some(rects) = layout.gate_pills(step, widths, height) {
            for (text, rect) in texts.iter().zip(rects) {
                let (_, y) = rect.center();
                p.pill(text, (rect.x + PILL_PAD, y), font, Align::Left, WHITE, Some(GRID));
            }
            return;
        }
    }
}

/// The padding left and right of a pill's text ([`Painter::pill`]).
const PILL_PAD: f64 = 4.0;

/// A pill's height for `font` ([`Painter::pill`]).
fn pill_height(font: Font) -> f64 {
    font.size * crate::render::words::text_scale() + 5.0
}

/// The box the belt carries at the playhead (its size and colour from the value), and its value
/// beside it, drawn by the returned closure once the gates are drawn over the box.
fn draw_carried<'a>(
    p: &'a Painter,
    layout: &'a BeltLayout,
    (layer, unit, steps): (&LayerTrace, usize, usize),
    head: Playhead,
    scale: f64,
) -> Option<impl FnOnce() + 'a> {
    let v = carried_value(layer, unit, steps, head.position())? as f64;
    let x = layout.axis.x_at(head.position());
    let center = layout.belt_center();
    let size = 9.0 + 13.0 * (v.abs() / scale).min(1.0);
    let fill = ColorScale::symmetric(scale).color(v);
    p.round_rect(
        Rect::new(x - size / 2.0, center - size / 2.0, size, size),
        2.5,
        Some(fill),
        Some((INK, 1.5)),
    );
    let label = format!("{} = {}", head.carried().symbol(), format_value(v));
    Some(move || {
        // In the carried row under the supply, clear of every station's marks.
        let font = Font::bold(11.0, INK);
        let width = p.measure(&label, font) + 2.0 * PILL_PAD;
        let rect = layout.carried_pill(x, width, pill_height(font));
        let (_, y) = rect.center();
        p.line((x, layout.supply_row.bottom()), (x, rect.y), INK, 1.0);
        p.pill(&label, (rect.x + PILL_PAD, y), font, Align::Left, WHITE, Some(INK));
    })
}
