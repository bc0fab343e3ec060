//! The gate heatmaps on a canvas: the cell's rows of one layer (the LSTM's f, i, g, o, c and h,
//! the GRU's r, z, n and h, the RNN's h; [`panels`]) as hidden unit × time step grids
//! ([`HeatmapLayout`]), each titled with its symbol and its Chinese name, with its own colour
//! legend ([`ColorScale`]), and the selected (step, unit) outlined in every grid.

use crate::model::CellKind;
use crate::render::canvas::RenderError;
use crate::render::colormap::{cell_half_range, ColorScale, WHITE};
use crate::render::geometry::Rect;
use crate::render::heatmap::{grid_pixels, legend_pixels, panel_titles_in, panels, HeatmapLayout, LEGEND_BAR};
use crate::render::notation::fitting;
use crate::render::paint::{Align, Font, Painter, Valign};
use crate::render::palette::{GRID, INK, MUTED};
use crate::render::words::{text_scale, word};
use crate::trace::LayerTrace;
use web_sys::HtmlCanvasElement;

/// The colour of the selected cell's outline (outside a thin white ring, so it shows on the
/// darkest and the lightest cells alike).
pub const SELECTION: crate::render::palette::Rgb = INK;
/// How many pieces a colour bar is drawn in.
const LEGEND_PIECES: usize = 64;

/// Draws the grids of `cell` for `layer` (one layer's trace over `steps` steps) onto `canvas`
/// at `pixel_ratio`, outlining `selected` = (step, unit) when given, the c_t grid on
/// ±`fixed_scale` when given (the page fixes it over the kept epochs), else on the layer's own
/// largest |c|. Returns the layout, for pointer look-ups, and the c_t grid's half-range.
pub fn draw_gates(
    canvas: &HtmlCanvasElement,
    pixel_ratio: f64,
    cell: CellKind,
    layer: &LayerTrace,
    steps: usize,
    selected: Option<(usize, usize)>,
    fixed_scale: Option<f64>,
) -> Result<(HeatmapLayout, f64), RenderError> {
    let p = Painter::new(canvas, pixel_ratio)?;
    let units = layer.d_hidden;
    let layout = HeatmapLayout::with_panels(p.width, p.height, steps, units, panels(cell));
    let m = fixed_scale.unwrap_or_else(|| cell_half_range(layer));
    let step_ticks = layout.step_ticks();
    let unit_ticks = layout.unit_ticks();

    // The cells of a grid are one image of steps × units pixels, scaled up unsmoothed.
    for (k, panel) in layout.panels.iter().enumerate() {
        let scale = ColorScale::for_range(panel.quantity.range(), m);
        draw_title(&p, cell, panel.quantity, panel.title);
        if let (Some(row), true) = (panel.quantity.row(layer), steps > 0 && units > 0) {
            p.pixels(&grid_pixels(row, steps, units, scale), steps, units, panel.grid)?;
        }
        p.stroke_rect(panel.grid.inflate(1.0), MUTED, 1.0);
        draw_step_labels(&p, &layout, panel.grid, &step_ticks, selected.map(|s| s.0));
        if panel.unit_labels {
            draw_unit_labels(&p, &layout, panel.grid, &unit_ticks, selected.map(|s| s.1));
        }
        draw_legend(&p, panel.legend, scale)?;
        if let Some((step, unit)) = selected.filter(|&(s, u)| s < steps && u < units) {
            let cell = layout.cell(k, step, unit);
            p.stroke_rect(cell.inflate(1.0), SELECTION, 2.0);
            p.stroke_rect(cell, WHITE, 1.0);
        }
    }
    Ok((layout, m))
}

/// The two title lines: symbol and Chinese name, then what the values mean.
fn draw_title(p: &Painter, cell: CellKind, quantity: crate::render::notation::Quantity, title: Rect) {
    let (titles, subtitles) = panel_titles_in(cell, quantity);
    let room = title.width;
    let heading = Font::bold(13.0, INK);
    let note = Font::regular(11.0, MUTED);
    let first = fitting(&titles, heading.size, room, &p.measurer(true));
    p.text(first, title.x, title.y + 2.0, heading, Align::Left, Valign::Top);
    let second = fitting(&subtitles, note.size, room, &p.measurer(false));
    p.text(
        second,
        title.x,
        title.y + 19.0 * text_scale(),
        note,
        Align::Left,
        Valign::Top,
    );
}

/// The step numbers (from 1) under a grid; the selected step's in bold.
fn draw_step_labels(p: &Painter, layout: &HeatmapLayout, grid: Rect, ticks: &[usize], selected: Option<usize>) {
    let y = grid.bottom() + 4.0;
    let selected_x = selected.map(|s| grid.x + (s as f64 + 0.5) * layout.cell_width);
    for &t in ticks {
        let x = grid.x + (t as f64 + 0.5) * layout.cell_width;
        if Some(t) == selected || selected_x.is_some_and(|sx| (sx - x).abs() < 16.0) {
            continue;
        }
        p.text(
            &(t + 1).to_string(),
            x,
            y,
            Font::regular(11.0, MUTED),
            Align::Center,
            Valign::Top,
        );
    }
    if let (Some(s), Some(x)) = (selected, selected_x) {
        p.text(
            &(s + 1).to_string(),
            x,
            y,
            Font::bold(11.0, INK),
            Align::Center,
            Valign::Top,
        );
    }
    if layout.panels.first().is_some_and(|first| first.grid.x == grid.x) {
        p.text(
            "t",
            grid.x - 6.0,
            y,
            Font::regular(11.0, MUTED),
            Align::Right,
            Valign::Top,
        );
    }
}

/// The unit numbers (from 1) left of a grid, with the caption "unit" above them; the selected
/// unit's in bold.
fn draw_unit_labels(p: &Painter, layout: &HeatmapLayout, grid: Rect, ticks: &[usize], selected: Option<usize>) {
    let x = grid.x - 5.0;
    let center = |u: usize| grid.y + (u as f64 + 0.5) * layout.cell_height;
    for &u in ticks {
        if selected.is_some_and(|s| (center(s) - center(u)).abs() < 11.0) {
            continue;
        }
        p.text(
            &(u + 1).to_string(),
            x,
            center(u),
            Font::regular(10.0, MUTED),
            Align::Right,
            Valign::Middle,
        );
    }
    if let Some(s) = selected.filter(|&s| s < layout.units) {
        p.text(
            &(s + 1).to_string(),
            x,
            center(s),
            Font::bold(10.0, INK),
            Align::Right,
            Valign::Middle,
        );
    }
    p.text(
        &word("canvas.heatmap.unit", "unit"),
        x,
        grid.y - 4.0,
        Font::regular(10.0, MUTED),
        Align::Right,
        Valign::Baseline,
    );
}

/// A colour bar with its three tick labels under it.
fn draw_legend(p: &Painter, bar: Rect, scale: ColorScale) -> Result<(), RenderError> {
    p.pixels(&legend_pixels(scale, LEGEND_PIECES), LEGEND_PIECES, 1, bar)?;
    p.stroke_rect(bar.inflate(0.5), GRID, 1.0);
    let y = bar.y + LEGEND_BAR + 3.0;
    let font = Font::regular(10.0, MUTED);
    let [lo, mid, hi] = scale.ticks();
    p.text(&lo.1, bar.x, y, font, Align::Left, Valign::Top);
    p.text(&mid.1, bar.x + bar.width / 2.0, y, font, Align::Center, Valign::Top);
    p.text(&hi.1, bar.right(), y, font, Align::Right, Valign::Top);
    Ok(())
}
