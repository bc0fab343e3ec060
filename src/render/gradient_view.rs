//! The gradient flow under the belt on a canvas: ‖∂L/∂c_t‖ and ‖∂L/∂h_t‖ per time step as pairs
//! of bars under the belt's stations ([`GradientLayout`], [`GradientAxis`]), with a legend, the
//! value axis in the gutter, the station numbers and a note on the direction of the flow. A
//! cell without a cell state (GRU, RNN) has only the ‖∂L/∂h_t‖ bars. Two models compared side
//! by side share one value axis: each drawing is given the other's norms (`shared`) so that
//! both axes span the same range.

use crate::render::canvas::RenderError;
use crate::render::geometry::Rect;
use crate::render::gradient::{GradientAxis, GradientLayout, GradientScale};
use crate::render::notation::fitting;
use crate::render::paint::{Align, Font, Painter, Valign};
use crate::render::palette::{Rgb, GRID, INK, MUTED, ONE_STEP, RECURSIVE};
use crate::render::words::{variants, word};
use crate::trace::LayerTrace;
use web_sys::HtmlCanvasElement;

/// The bars of ‖∂L/∂c_t‖, the gradient carried back along the belt.
pub const D_CELL: Rgb = ONE_STEP;
/// The bars of ‖∂L/∂h_t‖, the gradient through the outputs.
pub const D_HIDDEN: Rgb = RECURSIVE;
/// The shading of the selected step (the belt's playhead colour).
pub const SELECTED_BAND: Rgb = crate::render::belt_view::PLAYHEAD_BAND;
/// Shown when no norm can be drawn.
pub const EMPTY_NOTE: &str = "no gradient to show for this window";

/// Draws the gradient bars of `layer` onto `canvas` at `pixel_ratio`, shading step `selected`.
pub fn draw_gradient_flow(
    canvas: &HtmlCanvasElement,
    pixel_ratio: f64,
    layer: &LayerTrace,
    steps: usize,
    selected: Option<usize>,
    scale: GradientScale,
    shared: &[f64],
) -> Result<GradientLayout, RenderError> {
    let p = Painter::new(canvas, pixel_ratio)?;
    let layout = GradientLayout::new(p.width, p.height, steps);
    let d_cell: Vec<f64> = layer.d_cell_norm.iter().map(|&v| v as f64).collect();
    let d_hidden: Vec<f64> = layer.d_hidden_norm.iter().map(|&v| v as f64).collect();
    let all: Vec<f64> = d_cell.iter().chain(&d_hidden).chain(shared).copied().collect();
    let has_cell = !d_cell.is_empty();

    draw_legend(&p, &layout, scale, has_cell);
    if let Some(t) = selected.filter(|&t| t < steps) {
        let (x0, x1) = layout.axis.station(t);
        p.fill_rect(
            Rect::new(x0, layout.plot.y, x1 - x0, layout.step_axis.bottom() - layout.plot.y),
            SELECTED_BAND,
        );
    }
    let Some(axis) = GradientAxis::new(&all, scale) else {
        let (cx, cy) = layout.plot.center();
        p.text(
            &word("canvas.gradient.empty", EMPTY_NOTE),
            cx,
            cy,
            Font::regular(12.0, MUTED),
            Align::Center,
            Valign::Middle,
        );
        return Ok(layout);
    };

    // The value axis: grid lines and labels, thinned to 12 px apart.
    let mut last_y = f64::INFINITY;
    for tick in &axis.ticks {
        let y = layout.y_of(axis.tick_fraction(tick));
        if last_y - y < 12.0 {
            continue;
        }
        last_y = y;
        p.line((layout.plot.x, y), (layout.plot.right(), y), GRID, 1.0);
        p.text(
            &tick.label,
            layout.plot.x - 5.0,
            y,
            Font::regular(10.0, MUTED),
            Align::Right,
            Valign::Middle,
        );
    }
    for t in 0..steps {
        let norm = |v: &[f64]| v.get(t).copied().unwrap_or(f64::NAN);
        let (c, h) = layout.bars(t, (axis.fraction(norm(&d_cell)), axis.fraction(norm(&d_hidden))));
        if let Some(c) = c {
            p.fill_rect(c, D_CELL);
        }
        if let Some(h) = h {
            p.fill_rect(h, D_HIDDEN);
        }
    }
    p.line(
        (layout.plot.x, layout.plot.bottom()),
        (layout.plot.right(), layout.plot.bottom()),
        MUTED,
        1.0,
    );

    // Station numbers, as on the belt.
    let y = layout.step_axis.y + 3.0;
    for t in layout.axis.labelled_steps() {
        if Some(t) == selected || selected.is_some_and(|s| (layout.axis.center(s) - layout.axis.center(t)).abs() < 20.0)
        {
            continue;
        }
        let x = layout.axis.center(t);
        p.text(
            &(t + 1).to_string(),
            x,
            y,
            Font::regular(10.0, MUTED),
            Align::Center,
            Valign::Top,
        );
    }
    if let Some(s) = selected.filter(|&s| s < steps) {
        p.text(
            &(s + 1).to_string(),
            layout.axis.center(s),
            y,
            Font::bold(11.0, INK),
            Align::Center,
            Valign::Top,
        );
    }
    // No "t" in the gutter here: it would sit on the lowest tick label; the belt above has it.

    let belt_notes = variants(
        "canvas.gradient.beltNote",
        &[
            "← back-propagation carries the gradient from the prediction (after the last step) back along the belt",
            "← the gradient flows back from the prediction",
            "← from the prediction back",
        ],
    );
    let h_notes = variants(
        "canvas.gradient.hiddenNote",
        &[
            "← back-propagation carries the gradient from the prediction back through h_t, one step at a time",
            "← the gradient flows back through h_t",
            "← from the prediction back",
        ],
    );
    let notes = if has_cell { &belt_notes } else { &h_notes };
    p.text(
        fitting(notes, 11.0, layout.note.width, &p.measurer(false)),
        layout.note.x,
        layout.note.y + 3.0,
        Font::regular(11.0, MUTED),
        Align::Left,
        Valign::Top,
    );
    Ok(layout)
}

/// Two swatches with their labels (one, ‖∂L/∂h_t‖, for a cell without a cell state), and the
/// scale on the right.
fn draw_legend(p: &Painter, layout: &GradientLayout, scale: GradientScale, has_cell: bool) {
    let r = layout.legend;
    let scale_note = match scale {
        GradientScale::Log => word("canvas.gradient.logScale", "log scale"),
        GradientScale::Linear => word("canvas.gradient.linearScale", "linear scale"),
    };
    let note_font = Font::regular(11.0, MUTED);
    let note_width = p.measure(&scale_note, note_font);
    p.text(&scale_note, r.right(), r.y + 4.0, note_font, Align::Right, Valign::Top);
    let room = (r.width - note_width - 16.0) / 2.0 - 16.0;
    let font = Font::regular(12.0, INK);
    let along_belt = variants(
        "canvas.gradient.cellLegend",
        &["‖∂L/∂c_t‖ along the belt (主线)", "‖∂L/∂c_t‖"],
    );
    let outputs = variants(
        "canvas.gradient.hiddenLegend",
        &["‖∂L/∂h_t‖ through the outputs", "‖∂L/∂h_t‖"],
    );
    let only_h = variants(
        "canvas.gradient.onlyHiddenLegend",
        &["‖∂L/∂h_t‖ through h_t, the only memory", "‖∂L/∂h_t‖"],
    );
    let entries: Vec<(Rgb, Vec<String>)> = if has_cell {
        vec![(D_CELL, along_belt), (D_HIDDEN, outputs)]
    } else {
        vec![(D_HIDDEN, only_h)]
    };
    let mut x = r.x;
    for (color, labels) in entries {
        p.fill_rect(Rect::new(x, r.y + 4.0, 10.0, 10.0), color);
        let label = fitting(&labels, font.size, room, &p.measurer(false));
        let drawn = p.text(label, x + 14.0, r.y + 4.0, font, Align::Left, Valign::Top);
        x = drawn.right() + 18.0;
    }
}
