//! The belt's canvas for a cell without a belt ([`MemoryLayout`]): the message that the
//! conveyor belt c_t is the LSTM's alone, and the selected unit's h_t across the steps. For
//! the GRU each station stacks the part z_t keeps of h_{t−1} (保留, from 0) and the part
//! (1 − z_t) ⊙ n_t writes (写入, on top of it), which end at h_t; for the RNN a bar to h_t.
//! h_t is joined from station to station by a line, the playhead's station shaded and the
//! stations after it faded, as on the belt.

use crate::model::CellKind;
use crate::render::belt::{line_height, Playhead};
use crate::render::belt_view::{FUTURE_FADE, PLAYHEAD_BAND};
use crate::render::canvas::RenderError;
use crate::render::colormap::WHITE;
use crate::render::geometry::Rect;
use crate::render::memory::{
    half_range, message_pieces, readout_pieces, MemoryLayout, MESSAGE_FONT, MESSAGE_SEPARATOR, PIECE_SEPARATOR,
    READOUT_FONT,
};
use crate::render::notation::{measure_markup, pack_lines, Quantity};
use crate::render::paint::{Align, Font, Painter, Valign};
use crate::render::palette::{Rgb, GRID, INK, MUTED};
use crate::render::scale::format_tick;
use crate::render::words::word;
use crate::trace::LayerTrace;
use web_sys::HtmlCanvasElement;

/// The part z_t keeps of h_{t−1}.
pub const KEPT: Rgb = Rgb::new(33, 102, 172);
/// The part (1 − z_t) ⊙ n_t writes.
pub const WRITTEN: Rgb = Rgb::new(239, 138, 98);
/// The RNN's h_t.
pub const REWRITTEN: Rgb = Rgb::new(150, 150, 150);

/// What the view shows.
#[derive(Clone, Copy, Debug)]
pub struct MemoryView<'a> {
    /// The cell (GRU or RNN).
    pub cell: CellKind,
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
    /// The unit shown.
    pub unit: usize,
}

/// Draws the view onto `canvas` at `pixel_ratio`; returns the layout for pointer look-ups.
pub fn draw_memory(
    canvas: &HtmlCanvasElement,
    pixel_ratio: f64,
    view: &MemoryView,
) -> Result<MemoryLayout, RenderError> {
    let p = Painter::new(canvas, pixel_ratio)?;
    let (layer, steps, unit) = (view.layer, view.steps, view.unit);
    let head = Playhead::at(view.playhead, steps);
    let room = crate::render::belt::StationAxis::new(p.width, steps).width;
    let message = message_pieces(view.cell);
    let message_lines = pack_lines(&message, MESSAGE_SEPARATOR, MESSAGE_FONT, room, &p.measurer(false));
    let readout = readout_pieces(view.cell, layer, view.layer_index, view.layers, head.step, unit).unwrap_or_default();
    let readout_lines = pack_lines(&readout, PIECE_SEPARATOR, READOUT_FONT, room, &p.measurer(false));
    let layout = MemoryLayout::new(p.width, p.height, steps, unit, message_lines.len(), readout_lines.len());
    let axis = layout.axis;
    let chart = layout.chart;
    let (s0, s1) = axis.station(head.step);
    p.fill_rect(
        Rect::new(s0, layout.header.y, s1 - s0, chart.bottom() - layout.header.y),
        PLAYHEAD_BAND,
    );

    for (k, line) in message_lines.iter().enumerate() {
        p.text(
            line,
            layout.message.x,
            layout.message.y + k as f64 * line_height() + 3.0,
            Font::regular(MESSAGE_FONT, INK),
            Align::Left,
            Valign::Top,
        );
    }
    for t in axis.labelled_steps() {
        let current = t == head.step;
        p.text(
            &(t + 1).to_string(),
            axis.center(t),
            layout.header.y + 4.0,
            if current {
                Font::bold(12.0, INK)
            } else {
                Font::regular(11.0, MUTED)
            },
            Align::Center,
            Valign::Top,
        );
    }

    let m = half_range(view.cell, layer, steps, unit);
    let zero = layout.y_of(0.0, m);
    p.line((chart.x, zero), (chart.right(), zero), GRID, 1.0);
    let gutter = axis.left - 8.0;
    p.text("h_t", gutter, zero, Font::bold(12.0, INK), Align::Right, Valign::Middle);
    p.text(
        &format!("±{}", format_tick(m)),
        gutter,
        chart.y + 10.0,
        Font::regular(9.0, MUTED),
        Align::Right,
        Valign::Middle,
    );

    let value = |q: Quantity, t: usize| q.value(layer, t, unit).map_or(f64::NAN, |v| v as f64);
    let bar_width = (axis.station_width() * 0.5).max(1.0);
    let bar = |from: f64, to: f64, x: f64, color: Rgb| {
        if from.is_finite() && to.is_finite() {
            let (y0, y1) = (layout.y_of(from, m), layout.y_of(to, m));
            p.fill_rect(
                Rect::new(x - bar_width / 2.0, y0.min(y1), bar_width, (y1 - y0).abs()),
                color,
            );
        }
    };
    let mut line: Vec<(f64, f64)> = Vec::with_capacity(steps);
    for t in 0..steps {
        let x = axis.center(t);
        let h = value(Quantity::Hidden, t);
        if view.cell == CellKind::Gru {
            let kept = value(Quantity::HiddenKept, t);
            bar(0.0, kept, x, KEPT);
            bar(kept, kept + value(Quantity::HiddenWritten, t), x, WRITTEN);
        } else {
            bar(0.0, h, x, REWRITTEN);
        }
        if h.is_finite() {
            line.push((x, layout.y_of(h, m)));
        }
    }
    p.polyline(&line, INK, 1.5);
    for &point in &line {
        p.circle(point, 3.0, Some(INK), None);
    }
    // The legend, under the bars: what each colour is, and the line.
    let rewritten = word("canvas.memory.rewritten", "h_t 隐层向量, a new tanh each step");
    let legend: &[(Rgb, &str)] = if view.cell == CellKind::Gru {
        &[
            (KEPT, "保留 z_t ⊙ h_{t−1}"),
            (WRITTEN, "写入 (1 − z_t) ⊙ n_t"),
            (INK, "h_t 隐层向量"),
        ]
    } else {
        &[(REWRITTEN, rewritten.as_str())]
    };
    let y = chart.bottom() - 8.0;
    let mut x = chart.x;
    for &(color, label) in legend {
        // What does not fit the line (a phone) is left out; the read-out names the parts too.
        if x + 14.0 + measure_markup(label, 11.0, &p.measurer(false)) > chart.right() {
            break;
        }
        p.fill_rect(Rect::new(x, y - 5.0, 10.0, 10.0), color);
        let r = p.text(
            label,
            x + 14.0,
            y,
            Font::regular(11.0, MUTED),
            Align::Left,
            Valign::Middle,
        );
        x = r.right() + 14.0;
    }

    if s1 < axis.left + axis.width {
        p.with_alpha(FUTURE_FADE, |p| {
            p.fill_rect(
                Rect::new(
                    s1,
                    layout.header.y,
                    axis.left + axis.width - s1,
                    chart.bottom() - layout.header.y,
                ),
                WHITE,
            )
        });
    }
    let x = axis.x_at(head.position());
    p.line((x, layout.header.y), (x, chart.bottom()), INK, 1.0);

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
    Ok(layout)
}
