//! The layout of the gate heatmaps: one grid per row of the cell, hidden unit × time step, for
//! the chosen window: the LSTM's gates f, i, g, o, its main line c and its output h; the GRU's
//! r, z, n and h; the RNN's h ([`panels`]).
//!
//! Each grid has a column per time step (t = 1 … T, left to right, labelled below) and a row
//! per hidden unit (unit 1 … H, top to bottom, labelled on the left of each row of grids), a
//! two-line title above (symbol and Chinese name; English name) and its colour legend below.
//! The grids stand side by side in one row on a wide canvas, and wrap into rows of 3 or 2 on a
//! narrow one ([`HeatmapLayout::columns_for`]); every grid has the same size, so the same
//! (step, unit) sits at the same place in each.
//!
//! Everything here is in CSS pixels and pure: the drawing (`gates_view`, browser only) and the
//! pointer look-up ([`HeatmapLayout::at`]) both read this one layout.

use crate::model::CellKind;
use crate::render::colormap::ColorScale;
use crate::render::geometry::Rect;
use crate::render::notation::Quantity;
use crate::render::words::{self, text_scale};

/// The LSTM's six grids, in the article's order: the three gates and the candidate, then the
/// main line and the output.
pub const PANELS: [Quantity; 6] = [
    Quantity::ForgetGate,
    Quantity::InputGate,
    Quantity::CellGate,
    Quantity::OutputGate,
    Quantity::Cell,
    Quantity::Hidden,
];

/// The GRU's four grids: its gates r, z, the candidate n, and h.
pub const GRU_PANELS: [Quantity; 4] = [
    Quantity::ResetGate,
    Quantity::UpdateGate,
    Quantity::NewGate,
    Quantity::Hidden,
];

/// The RNN's one grid, h.
pub const RNN_PANELS: [Quantity; 1] = [Quantity::Hidden];

/// The grids of `cell`'s heatmaps.
pub fn panels(cell: CellKind) -> &'static [Quantity] {
    match cell {
        CellKind::Lstm => &PANELS,
        CellKind::Gru => &GRU_PANELS,
        CellKind::Rnn => &RNN_PANELS,
    }
}

/// A grid's title lines, each longest first (the drawing takes the longest that fits): the
/// symbol with the article's Chinese name, then what the values mean.
pub fn panel_titles(quantity: Quantity) -> ([String; 2], [String; 2]) {
    panel_titles_in(CellKind::Lstm, quantity)
}

/// A grid's title lines in `cell` (h_t is named and explained per cell).
///
/// The second line is in the page's words (`canvas.heatmap.<key>` and `….<key>Short`, the key
/// `hGru` / `hRnn` for the GRU's and the RNN's h_t), English when none are given.
pub fn panel_titles_in(cell: CellKind, quantity: Quantity) -> ([String; 2], [String; 2]) {
    let name = quantity.page_name_in(cell);
    let short = match (quantity, cell) {
        (Quantity::Hidden, CellKind::Lstm) => words::word("canvas.name.hShort", "output"),
        _ => name.clone(),
    };
    let titles = [
        format!("{} {name}", quantity.symbol()),
        format!("{} {short}", quantity.symbol()),
    ];
    let subtitles = match (quantity, cell) {
        (Quantity::Hidden, CellKind::Gru) => ["h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}", "hidden state"],
        (Quantity::Hidden, CellKind::Rnn) => [
            "h_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})",
            "hidden state",
        ],
        (Quantity::ResetGate, _) => ["reset gate: how much of h_{t−1} reaches n_t", "reset gate"],
        (Quantity::UpdateGate, _) => ["update gate: 1 keeps h_{t−1}, 0 writes n_t", "update gate"],
        (Quantity::NewGate, _) => ["candidate state n_t, tanh", "candidate"],
        _ => panel_subtitles(quantity),
    };
    let key = match (quantity, cell) {
        (Quantity::Hidden, CellKind::Gru) => "hGru".to_string(),
        (Quantity::Hidden, CellKind::Rnn) => "hRnn".to_string(),
        _ => quantity.key().to_string(),
    };
    let subtitles = [
        words::word(&format!("canvas.heatmap.{key}"), subtitles[0]),
        words::word(&format!("canvas.heatmap.{key}Short"), subtitles[1]),
    ];
    (titles, subtitles)
}

/// The LSTM's second title lines.
fn panel_subtitles(quantity: Quantity) -> [&'static str; 2] {
    match quantity {
        Quantity::ForgetGate => ["forget gate: 0 forgets, 1 keeps", "forget gate"],
        Quantity::InputGate => ["input gate: how much supply goes in", "input gate"],
        Quantity::CellGate => ["candidate supply, tanh", "candidate"],
        Quantity::OutputGate => ["output gate: how much is read out", "output gate"],
        Quantity::Cell => ["cell state: the belt, not squashed", "cell state"],
        Quantity::Hidden => ["output h_t = o_t ⊙ tanh(c_t)", "output"],
        _ => [quantity.english(), quantity.english()],
    }
}

/// Space around everything.
pub const MARGIN: f64 = 8.0;
/// Room left of each row of grids for the unit labels.
pub const UNIT_AXIS: f64 = 30.0;
/// Between two grids side by side.
pub const GAP: f64 = 16.0;
/// The two title lines above a grid.
pub const TITLE_HEIGHT: f64 = 36.0;
/// The step labels below a grid.
pub const STEP_AXIS: f64 = 17.0;
/// The colour bar and its tick labels below the step labels.
pub const LEGEND_HEIGHT: f64 = 30.0;
/// The colour bar's thickness.
pub const LEGEND_BAR: f64 = 8.0;
/// The longest colour bar.
pub const LEGEND_MAX_WIDTH: f64 = 160.0;
/// Between two rows of grids.
pub const ROW_GAP: f64 = 10.0;
/// The narrowest grid for which a given number of columns is used, by columns (6, 3, 2).
const MIN_GRID_WIDTH: [(usize, f64); 3] = [(6, 110.0), (3, 80.0), (2, 60.0)];
/// The least distance between two step labels, and between two unit labels.
const STEP_LABEL_SPACING: f64 = 18.0;
const UNIT_LABEL_SPACING: f64 = 13.0;
/// The tallest cell the preferred height gives, and the tallest grid.
const MAX_CELL_HEIGHT: f64 = 12.0;
const MAX_GRID_HEIGHT: f64 = 360.0;
/// A grid of few units is at least this tall (H = 6 would otherwise be a thin strip), its
/// rows at most [`MAX_ROW_HEIGHT`] each.
const MIN_GRID_HEIGHT: f64 = 120.0;
const MAX_ROW_HEIGHT: f64 = 24.0;

/// Where one grid and its furniture sit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelLayout {
    /// What the grid shows.
    pub quantity: Quantity,
    /// The title block above the grid, as wide as the grid.
    pub title: Rect,
    /// The cells.
    pub grid: Rect,
    /// The colour bar of the legend.
    pub legend: Rect,
    /// True for the first grid of a row, which carries the unit labels on its left.
    pub unit_labels: bool,
}

/// A cell under the pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellHit {
    /// Which grid, an index into the layout's panels.
    pub panel: usize,
    /// The time step, 0-based.
    pub step: usize,
    /// The hidden unit, 0-based.
    pub unit: usize,
}

/// The layout of the grids on a canvas of a given size.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatmapLayout {
    /// The canvas' CSS width.
    pub width: f64,
    /// The canvas' CSS height.
    pub height: f64,
    /// T, the columns of each grid.
    pub steps: usize,
    /// H, the rows of each grid.
    pub units: usize,
    /// Grids per row: 6, 3, 2 or 1 for the LSTM's six (4, 2, 1 for the GRU's four).
    pub columns: usize,
    /// One per grid, in the order of the panels asked for.
    pub panels: Vec<PanelLayout>,
    /// The width of one cell.
    pub cell_width: f64,
    /// The height of one cell.
    pub cell_height: f64,
}

impl HeatmapLayout {
    /// How many grids go in a row on a canvas `width` wide: 6 while each grid can be at least
    /// 110 px wide, else 3 while at least 80 px, else 2 while at least 60 px, else 1.
    pub fn columns_for(width: f64) -> usize {
        Self::columns_for_panels(width, PANELS.len())
    }

    /// How many of `count` grids go in a row: as for six, with each choice evened out over
    /// the rows it needs (4 grids go in one row, or 2 rows of 2, never 3 + 1).
    pub fn columns_for_panels(width: f64, count: usize) -> usize {
        let count = count.max(1);
        MIN_GRID_WIDTH
            .iter()
            .map(|&(columns, min)| (count.div_ceil(count.div_ceil(columns)), min))
            .find(|&(columns, min)| grid_width(width, columns) >= min)
            .map_or(1, |(columns, _)| columns)
    }

    /// The canvas height at which the cells are as tall as they are wide, within 3 … 12 px, and
    /// a grid at most 360 px tall (at least 1 px per unit); with few units the rows grow until
    /// the grid is 120 px tall, at most 24 px a row: what the page should give the canvas at
    /// this width.
    pub fn preferred_height(width: f64, steps: usize, units: usize) -> f64 {
        Self::preferred_height_for(width, steps, units, PANELS.len())
    }

    /// [`HeatmapLayout::preferred_height`] for `count` grids.
    pub fn preferred_height_for(width: f64, steps: usize, units: usize, count: usize) -> f64 {
        let columns = Self::columns_for_panels(width, count);
        let rows = count.max(1).div_ceil(columns);
        let (steps, units) = (steps.max(1) as f64, units.max(1) as f64);
        let cell_height = (grid_width(width, columns) / steps)
            .clamp(3.0, MAX_CELL_HEIGHT)
            .min(MAX_GRID_HEIGHT / units)
            .max((MIN_GRID_HEIGHT / units).min(MAX_ROW_HEIGHT))
            .max(1.0);
        (2.0 * MARGIN + rows as f64 * (row_furniture() + units * cell_height) - ROW_GAP).ceil()
    }

    /// The layout of `steps` × `units` grids on a canvas of `width` × `height` CSS pixels. The
    /// grids share what height there is; on a canvas too small for any cells they have none.
    pub fn new(width: f64, height: f64, steps: usize, units: usize) -> Self {
        Self::with_panels(width, height, steps, units, &PANELS)
    }

    /// The layout of the grids of `panels` (see [`panels`]).
    pub fn with_panels(width: f64, height: f64, steps: usize, units: usize, panels: &[Quantity]) -> Self {
        let columns = Self::columns_for_panels(width, panels.len());
        let rows = panels.len().max(1).div_ceil(columns);
        let grid_w = grid_width(width, columns);
        let grid_h = ((height - 2.0 * MARGIN + ROW_GAP) / rows as f64 - row_furniture()).max(0.0);
        let panels = panels
            .iter()
            .enumerate()
            .map(|(k, &quantity)| {
                let (row, column) = (k / columns, k % columns);
                let x = MARGIN + UNIT_AXIS * text_scale() + column as f64 * (grid_w + GAP);
                let top = MARGIN + row as f64 * (row_furniture() + grid_h);
                let grid = Rect::new(x, top + TITLE_HEIGHT * text_scale(), grid_w, grid_h);
                let legend_y = grid.bottom() + STEP_AXIS * text_scale() + 4.0;
                PanelLayout {
                    quantity,
                    title: Rect::new(x, top, grid_w, TITLE_HEIGHT * text_scale()),
                    grid,
                    legend: Rect::new(x, legend_y, grid_w.min(LEGEND_MAX_WIDTH), LEGEND_BAR),
                    unit_labels: column == 0,
                }
            })
            .collect();
        HeatmapLayout {
            width,
            height,
            steps,
            units,
            columns,
            panels,
            cell_width: grid_w / steps.max(1) as f64,
            cell_height: grid_h / units.max(1) as f64,
        }
    }

    /// The rectangle of the cell (step, unit) of grid `panel`.
    pub fn cell(&self, panel: usize, step: usize, unit: usize) -> Rect {
        let grid = self.panels[panel].grid;
        Rect::new(
            grid.x + step as f64 * self.cell_width,
            grid.y + unit as f64 * self.cell_height,
            self.cell_width,
            self.cell_height,
        )
    }

    /// The cell under the point (`x`, `y`), or `None` outside every grid.
    pub fn at(&self, x: f64, y: f64) -> Option<CellHit> {
        if self.steps == 0 || self.units == 0 {
            return None;
        }
        let panel = self.panels.iter().position(|p| p.grid.contains(x, y))?;
        let grid = self.panels[panel].grid;
        let step = (((x - grid.x) / self.cell_width).floor() as usize).min(self.steps - 1);
        let unit = (((y - grid.y) / self.cell_height).floor() as usize).min(self.units - 1);
        Some(CellHit { panel, step, unit })
    }

    /// The steps (0-based) that get a label below the grids: every k-th counted back from the
    /// last step, which is always labelled (the step just before the predicted month), with k
    /// the smallest of 1, 2, 3, 4, 6, 12, … that keeps labels 18 px apart.
    pub fn step_ticks(&self) -> Vec<usize> {
        if self.steps == 0 {
            return Vec::new();
        }
        let k = spacing(
            self.cell_width,
            STEP_LABEL_SPACING * text_scale(),
            &[1, 2, 3, 4, 6, 12, 24, 48, 60, 120],
        );
        (0..self.steps).filter(|s| (self.steps - 1 - s) % k == 0).collect()
    }

    /// The units (0-based) that get a label: every k-th unit counted from 1 (units k, 2k, …),
    /// with k the smallest of 1, 2, 5, 10, 20, … that keeps labels 13 px apart, and unit 1 as
    /// well when it is that far from unit k.
    pub fn unit_ticks(&self) -> Vec<usize> {
        let k = spacing(
            self.cell_height,
            UNIT_LABEL_SPACING * text_scale(),
            &[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
        );
        (0..self.units)
            .filter(|&u| {
                let label = u + 1;
                label % k == 0 || (label == 1 && (k - 1) as f64 * self.cell_height >= UNIT_LABEL_SPACING)
            })
            .collect()
    }
}

/// A grid's colours as an RGBA image of `steps` columns by `units` rows (x = step, y = unit),
/// from a `[steps × units]` time-major row of values: the grid is drawn by scaling this image
/// up without smoothing (one image instead of thousands of rectangles). A value missing from
/// the row is NaN, grey.
pub fn grid_pixels(row: &[f32], steps: usize, units: usize, scale: ColorScale) -> Vec<u8> {
    let mut rgba = vec![255; steps * units * 4];
    for t in 0..steps {
        for u in 0..units {
            let v = row.get(t * units + u).map_or(f64::NAN, |&v| v as f64);
            let c = scale.color(v);
            let at = (u * steps + t) * 4;
            rgba[at..at + 3].copy_from_slice(&[c.r, c.g, c.b]);
        }
    }
    rgba
}

/// A colour bar as an RGBA image `pieces` wide and 1 high: piece k has the colour of the value
/// at its middle, lo + (hi − lo)·(k + ½)/pieces.
pub fn legend_pixels(scale: ColorScale, pieces: usize) -> Vec<u8> {
    (0..pieces)
        .flat_map(|k| {
            let v = scale.lo + (scale.hi - scale.lo) * (k as f64 + 0.5) / pieces as f64;
            let c = scale.color(v);
            [c.r, c.g, c.b, 255]
        })
        .collect()
}

/// The width of one grid when `columns` grids share a row of a canvas `width` wide.
fn grid_width(width: f64, columns: usize) -> f64 {
    ((width - 2.0 * MARGIN - UNIT_AXIS * text_scale() - (columns as f64 - 1.0) * GAP) / columns as f64).max(0.0)
}

/// The height a row of grids needs besides its cells.
///
/// The title, the step labels and the legend's labels grow with the page's text scale.
fn row_furniture() -> f64 {
    (TITLE_HEIGHT + STEP_AXIS + LEGEND_HEIGHT) * text_scale() + ROW_GAP
}

/// The smallest of `choices` whose multiple of `pitch` (the distance between neighbours) is
/// at least `min_spacing`; the largest when none is.
fn spacing(pitch: f64, min_spacing: f64, choices: &[usize]) -> usize {
    choices
        .iter()
        .copied()
        .find(|&k| pitch * k as f64 >= min_spacing)
        .unwrap_or(*choices.last().unwrap_or(&1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::colormap::{MISSING, VIRIDIS};
    use std::collections::HashMap;

    #[test]
    fn titles_carry_the_symbol_and_the_pages_name() {
        crate::render::words::set_words(HashMap::new(), 1.0);
        let (titles, subtitles) = panel_titles(Quantity::ForgetGate);
        assert_eq!(titles[0], "f_t forget gate");
        assert!(subtitles[0].starts_with("forget gate"));
        let zh = HashMap::from([
            ("canvas.name.h".to_string(), "主线最终输出".to_string()),
            ("canvas.name.hShort".to_string(), "输出".to_string()),
        ]);
        crate::render::words::set_words(zh, 1.0);
        let (titles, _) = panel_titles(Quantity::Hidden);
        crate::render::words::set_words(HashMap::new(), 1.0);
        assert_eq!(titles, ["h_t 主线最终输出".to_string(), "h_t 输出".to_string()]);
    }

    #[test]
    fn a_wide_canvas_puts_all_six_grids_in_one_row() {
        assert_eq!(HeatmapLayout::columns_for(1200.0), 6);
        assert_eq!(HeatmapLayout::columns_for(760.0), 3);
        assert_eq!(HeatmapLayout::columns_for(360.0), 3);
        assert_eq!(HeatmapLayout::columns_for(300.0), 2);
        assert_eq!(HeatmapLayout::columns_for(150.0), 1);
    }

    #[test]
    fn the_grus_four_grids_and_the_rnns_one_fill_even_rows() {
        assert_eq!(
            panels(CellKind::Gru),
            [
                Quantity::ResetGate,
                Quantity::UpdateGate,
                Quantity::NewGate,
                Quantity::Hidden
            ]
        );
        assert_eq!(panels(CellKind::Rnn), [Quantity::Hidden]);
        assert_eq!(panels(CellKind::Lstm), PANELS);
        assert_eq!(HeatmapLayout::columns_for_panels(1200.0, 4), 4);
        // Too narrow for four in a row: two rows of two, not three and one.
        assert_eq!(HeatmapLayout::columns_for_panels(360.0, 4), 2);
        assert_eq!(HeatmapLayout::columns_for_panels(150.0, 4), 1);
        assert_eq!(HeatmapLayout::columns_for_panels(1200.0, 1), 1);
        let gru = HeatmapLayout::with_panels(1200.0, 420.0, 12, 40, &GRU_PANELS);
        assert_eq!(gru.panels.len(), 4);
        assert_eq!(gru.panels[2].quantity, Quantity::NewGate);
        // The same canvas gives the GRU's four grids more width each than the LSTM's six.
        let lstm = HeatmapLayout::new(1200.0, 420.0, 12, 40);
        assert!(gru.panels[0].grid.width > lstm.panels[0].grid.width);
        let (cx, cy) = gru.cell(3, 5, 7).center();
        assert_eq!(
            gru.at(cx, cy),
            Some(CellHit {
                panel: 3,
                step: 5,
                unit: 7
            })
        );
        // One row of grids needs less height than two.
        assert!(
            HeatmapLayout::preferred_height_for(360.0, 12, 40, 1)
                < HeatmapLayout::preferred_height_for(360.0, 12, 40, 4)
        );
        assert_eq!(
            HeatmapLayout::preferred_height_for(1200.0, 12, 40, 6),
            HeatmapLayout::preferred_height(1200.0, 12, 40)
        );
        let (titles, subtitles) = panel_titles_in(CellKind::Gru, Quantity::UpdateGate);
        assert_eq!(titles[0], "z_t update gate");
        assert!(subtitles[0].starts_with("update gate"));
        let (titles, subtitles) = panel_titles_in(CellKind::Rnn, Quantity::Hidden);
        assert_eq!(titles[0], "h_t hidden state");
        assert!(subtitles[0].contains("tanh"));
    }

    #[test]
    fn grids_have_equal_sizes_and_never_overlap() {
        for &(width, height) in &[(1200.0, 420.0), (360.0, 900.0), (760.0, 640.0), (1920.0, 560.0)] {
            let layout = HeatmapLayout::new(width, height, 12, 40);
            let first = layout.panels[0].grid;
            assert!(first.width > 0.0 && first.height > 0.0);
            for (k, a) in layout.panels.iter().enumerate() {
                assert_eq!((a.grid.width, a.grid.height), (first.width, first.height));
                assert!(
                    a.grid.right() <= width - MARGIN + 1e-9,
                    "grid {k} leaves the canvas at {width}"
                );
                assert!(
                    a.legend.bottom() <= height,
                    "legend {k} leaves the canvas at {width} × {height}"
                );
                for b in &layout.panels[k + 1..] {
                    for (ra, rb) in [
                        (a.grid, b.grid),
                        (a.title, b.title),
                        (a.grid, b.title),
                        (a.title, b.grid),
                    ] {
                        assert!(!ra.overlaps(&rb), "{ra:?} overlaps {rb:?} at {width}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_preferred_height_gives_cells_within_bounds() {
        let width = 1200.0;
        let height = HeatmapLayout::preferred_height(width, 12, 40);
        let layout = HeatmapLayout::new(width, height, 12, 40);
        assert!(
            (3.0..=12.0 + 1e-9).contains(&layout.cell_height),
            "{}",
            layout.cell_height
        );
        // A phone needs more height (two rows of grids) than a desktop.
        assert!(HeatmapLayout::preferred_height(360.0, 12, 40) > height);
        // Many units: the grid stops growing at 360 px, unless that leaves less than 1 px a unit.
        let tall = HeatmapLayout::new(width, HeatmapLayout::preferred_height(width, 12, 300), 12, 300);
        assert!((tall.panels[0].grid.height - 360.0).abs() < 1.0);
        let taller = HeatmapLayout::new(width, HeatmapLayout::preferred_height(width, 12, 512), 12, 512);
        assert!(taller.cell_height >= 1.0 - 1e-9);
    }

    #[test]
    fn few_units_get_taller_rows_up_to_a_cap() {
        // H = 40 keeps its 12 px rows; H = 6 grows from 12 px (a 72 px strip) to a 120 px grid;
        // H = 2 stops at 24 px a row, at any width and window length.
        for (width, steps) in [(1400.0, 12), (1400.0, 24), (390.0, 12), (1920.0, 1)] {
            let rows = |units: usize| {
                let height = HeatmapLayout::preferred_height(width, steps, units);
                HeatmapLayout::new(width, height, steps, units).cell_height
            };
            let at = format!("{width} px, T = {steps}");
            assert!(rows(6) >= 120.0 / 6.0 - 0.5, "{at}: H = 6 rows {}", rows(6));
            assert!(rows(6) > rows(40), "{at}");
            assert!(rows(2) <= MAX_ROW_HEIGHT + 0.5, "{at}: H = 2 rows {}", rows(2));
            assert!(rows(40) <= MAX_CELL_HEIGHT + 0.5, "{at}");
        }
    }

    #[test]
    fn cells_tile_the_grid_in_time_major_order() {
        let layout = HeatmapLayout::new(1200.0, 420.0, 12, 40);
        let grid = layout.panels[2].grid;
        assert_eq!(layout.cell(2, 0, 0).x, grid.x);
        assert_eq!(layout.cell(2, 0, 0).y, grid.y);
        let last = layout.cell(2, 11, 39);
        assert!((last.right() - grid.right()).abs() < 1e-9);
        assert!((last.bottom() - grid.bottom()).abs() < 1e-9);
        // Step runs along x, unit along y.
        assert!(layout.cell(2, 1, 0).x > layout.cell(2, 0, 0).x);
        assert!(layout.cell(2, 0, 1).y > layout.cell(2, 0, 0).y);
    }

    #[test]
    fn grid_pixels_put_steps_across_and_units_down() {
        // 2 steps × 3 units, time-major: step 0 is units (0, 0.5, 1), step 1 is (NaN, 1, 0).
        let row = [0.0, 0.5, 1.0, f32::NAN, 1.0, 0.0];
        let rgba = grid_pixels(&row, 2, 3, ColorScale::GATE);
        assert_eq!(rgba.len(), 2 * 3 * 4);
        let at = |x: usize, y: usize| {
            let k = (y * 2 + x) * 4;
            (rgba[k], rgba[k + 1], rgba[k + 2], rgba[k + 3])
        };
        let rgb = |c: crate::render::palette::Rgb| (c.r, c.g, c.b, 255);
        assert_eq!(at(0, 0), rgb(VIRIDIS[0]));
        assert_eq!(at(0, 2), rgb(VIRIDIS[9]));
        assert_eq!(at(1, 0), rgb(MISSING));
        assert_eq!(at(1, 1), rgb(VIRIDIS[9]));
        assert_eq!(at(0, 1), rgb(ColorScale::GATE.color(0.5)));
        // A short row leaves the rest grey rather than failing.
        assert_eq!(
            &grid_pixels(&[], 1, 1, ColorScale::GATE)[..3],
            &[MISSING.r, MISSING.g, MISSING.b]
        );
    }

    #[test]
    fn the_legend_runs_from_the_low_end_to_the_high_end() {
        let rgba = legend_pixels(ColorScale::TANH, 4);
        assert_eq!(rgba.len(), 16);
        let first = ColorScale::TANH.color(-0.75);
        let last = ColorScale::TANH.color(0.75);
        assert_eq!(&rgba[..4], &[first.r, first.g, first.b, 255]);
        assert_eq!(&rgba[12..], &[last.r, last.g, last.b, 255]);
    }

    #[test]
    fn the_pointer_finds_the_cell_whose_rectangle_holds_it() {
        let layout = HeatmapLayout::new(1200.0, 420.0, 12, 40);
        for panel in 0..6 {
            for &(step, unit) in &[(0, 0), (5, 17), (11, 39)] {
                let (cx, cy) = layout.cell(panel, step, unit).center();
                assert_eq!(layout.at(cx, cy), Some(CellHit { panel, step, unit }));
            }
        }
        let grid = layout.panels[0].grid;
        assert_eq!(layout.at(grid.x - 1.0, grid.y + 1.0), None);
        assert_eq!(layout.at(grid.x + 1.0, grid.bottom() + 1.0), None);
        assert_eq!(
            layout.at(grid.right() + GAP / 2.0, grid.y + 1.0),
            None,
            "between two grids"
        );
        assert_eq!(
            HeatmapLayout::new(1200.0, 420.0, 0, 40).at(grid.x + 1.0, grid.y + 1.0),
            None
        );
    }

    #[test]
    fn step_labels_always_include_the_last_step() {
        let wide = HeatmapLayout::new(1920.0, 560.0, 12, 40);
        assert_eq!(wide.step_ticks(), (0..12).collect::<Vec<_>>());
        let narrow = HeatmapLayout::new(360.0, 900.0, 12, 40);
        let ticks = narrow.step_ticks();
        assert_eq!(*ticks.last().unwrap(), 11);
        assert!(ticks.len() < 12);
        let gap = (ticks[1] - ticks[0]) as f64 * narrow.cell_width;
        assert!(gap >= STEP_LABEL_SPACING, "{gap}");
        assert_eq!(HeatmapLayout::new(800.0, 400.0, 1, 40).step_ticks(), [0]);
    }

    #[test]
    fn unit_labels_are_spaced_and_start_at_unit_one() {
        // 40 units in about 300 px: 7.5 px a row, every 2nd unit would be 15 px apart.
        let layout = HeatmapLayout::new(1200.0, 2.0 * MARGIN + row_furniture() - ROW_GAP + 300.0, 12, 40);
        assert!((layout.cell_height - 7.5).abs() < 1e-9);
        let ticks = layout.unit_ticks();
        assert_eq!(&ticks[..3], &[1, 3, 5], "units 2, 4, 6");
        assert_eq!(*ticks.last().unwrap(), 39);
        // Tighter rows (3 px): units 5, 10, 15, …; unit 1 would be only 12 px from unit 5.
        let tight = HeatmapLayout::new(1200.0, 2.0 * MARGIN + row_furniture() - ROW_GAP + 120.0, 12, 40);
        assert_eq!(&tight.unit_ticks()[..4], &[4, 9, 14, 19]);
        // 1.5 px rows: units 1, 10, 20 (unit 1 is 13.5 px from unit 10).
        let tiny = HeatmapLayout::new(1200.0, 2.0 * MARGIN + row_furniture() - ROW_GAP + 60.0, 12, 40);
        assert_eq!(tiny.unit_ticks(), [0, 9, 19, 29, 39]);
        for layout in [&layout, &tight, &tiny] {
            for pair in layout.unit_ticks().windows(2) {
                assert!((pair[1] - pair[0]) as f64 * layout.cell_height >= UNIT_LABEL_SPACING - 1e-9);
            }
        }
    }

    #[test]
    fn the_page_words_replace_the_english_subtitles() {
        use std::collections::HashMap;
        let zh = HashMap::from([("canvas.heatmap.f".to_string(), "遗忘门：0 忘掉，1 保留".to_string())]);
        crate::render::words::set_words(zh, 1.0);
        let (_, subtitles) = panel_titles_in(CellKind::Lstm, Quantity::ForgetGate);
        crate::render::words::set_words(HashMap::new(), 1.0);
        assert_eq!(subtitles[0], "遗忘门：0 忘掉，1 保留");
        assert_eq!(subtitles[1], "forget gate", "a key the page left out stays English");
    }

    #[test]
    fn a_larger_text_scale_leaves_more_room_for_the_labels() {
        use std::collections::HashMap;
        let plain = HeatmapLayout::preferred_height_for(900.0, 12, 40, 6);
        crate::render::words::set_words(HashMap::new(), 1.5);
        let big = HeatmapLayout::preferred_height_for(900.0, 12, 40, 6);
        let layout = HeatmapLayout::new(900.0, big, 12, 40);
        crate::render::words::set_words(HashMap::new(), 1.0);
        assert!(big > plain, "{big} should exceed {plain}");
        assert!(layout.panels[0].title.height >= 1.5 * TITLE_HEIGHT);
    }
}
