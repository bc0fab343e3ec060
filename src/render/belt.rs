//! The layout of the conveyor belt (传送带): the main line c carried across the T time steps of
//! the window, one station per step.
//!
//! ```text
//!  station t:   c_{t−1} ──⊗──── k_t ────⊕──── c_t ──┬──▶ (next station)
//!                       f_t             ↑            │ 输出门 o_t reads h_t = o_t ⊙ tanh(c_t)
//!                     遗忘门          j_t = i_t ⊙ g_t (补给, 输入门)
//! ```
//!
//! Along x, each station is one step wide: the main line arrives from the left as c_{t−1}, the
//! forget gate (⊗, at [`FORGET_AT`] of the station) scales it to k_t, the input gate adds the
//! supply j_t (⊕, at [`ADD_AT`]), and the output gate reads h_t off the belt (at [`READ_AT`]).
//! The same [`StationAxis`] places the gradient bars under the belt, so the two line up.
//!
//! From top to bottom: the legend (the article's names and equations, packed into as many
//! lines as the width needs), the station numbers, the selected unit's belt in detail (its
//! output row h_t, the belt row c and its supply row j_t), a read-out of that unit's numbers at
//! the playhead, then one thin lane per shown unit.
//!
//! The playhead is a position p ∈ [0, T] along the belt: station ⌊p⌋ at phase p − ⌊p⌋, so the
//! page can animate it smoothly ([`Playhead`]).

use crate::render::colormap::nice_ceiling;
use crate::render::geometry::Rect;
use crate::render::notation::Quantity;
use crate::render::scale::format_tick;
use crate::render::words::{at_step, text_scale, variants, word_with};
use crate::trace::LayerTrace;

/// Room left of the stations for the row and lane labels.
pub const GUTTER: f64 = 46.0;
/// Room right of the last station.
pub const RIGHT_MARGIN: f64 = 12.0;
/// Where the forget gate sits in its station, as a fraction of the station's width.
pub const FORGET_AT: f64 = 0.3;
/// Where the supply is added.
pub const ADD_AT: f64 = 0.55;
/// Where the output gate reads the belt.
pub const READ_AT: f64 = 0.8;

/// Space above everything.
pub const TOP_MARGIN: f64 = 6.0;
/// One line of the legend or the read-out.
pub const LINE_HEIGHT: f64 = 17.0;
/// The row of station numbers.
pub const HEADER_HEIGHT: f64 = 18.0;
/// The row above the output row that holds the playhead station's gate pills (遗忘门 f_t, 输入门
/// i_t, 输出门 o_t with their values): nothing else is drawn there, so a pill never covers a
/// station's ⊗ or ⊕ or an h_t stem.
pub const PILL_ROW: f64 = 20.0;
/// The row above the belt where h_t is read off.
pub const OUTPUT_ROW: f64 = 40.0;
/// The belt of the selected unit.
pub const BELT_ROW: f64 = 64.0;
/// The row below the belt from which the supply j_t comes.
pub const SUPPLY_ROW: f64 = 40.0;
/// The row below the supply row that holds the pill of the value carried at the playhead
/// (c_{t−1}, k_t or c_t): again a row of its own, clear of every stem.
pub const CARRIED_ROW: f64 = 20.0;
/// The least distance between the centres of a station's ⊗ and ⊕: the two playhead joints
/// (radius [`PLAYHEAD_JOINT_RADIUS`]) never touch.
pub const MIN_JOINT_DISTANCE: f64 = 17.0;
/// The most ⊗ is raised above, and ⊕ lowered below, the belt's centre line on narrow stations.
pub const MAX_JOINT_OFFSET: f64 = 8.5;
/// The radius of the gates of the playhead's station, drawn on top.
pub const PLAYHEAD_JOINT_RADIUS: f64 = 7.0;
/// The belt's surface reaches this far above and below its centre line.
pub const SURFACE_HALF_HEIGHT: f64 = 16.0;
/// The space between two pills of the pill row.
pub const PILL_GAP: f64 = 6.0;
/// Space before and after the read-out.
pub const READOUT_PADDING: f64 = 6.0;
/// The caption above the lanes.
pub const LANES_CAPTION: f64 = 20.0;
/// The preferred height of a lane, and the least.
pub const LANE_HEIGHT: f64 = 20.0;
const MIN_LANE_HEIGHT: f64 = 6.0;
/// Space below everything.
pub const BOTTOM_MARGIN: f64 = 6.0;

/// A length that holds text grows with the text scale (classroom mode), so that labels drawn
/// larger still fit their gutter and rows.
pub fn scaled(length: f64) -> f64 {
    length * text_scale()
}

/// The left gutter at the current text scale: the row labels (h_t, c_t, j_t) live in it.
pub fn gutter() -> f64 {
    scaled(GUTTER)
}

/// One line of legend or read-out text at the current text scale.
pub fn line_height() -> f64 {
    scaled(LINE_HEIGHT)
}

/// The row of station numbers at the current text scale.
pub fn header_height() -> f64 {
    scaled(HEADER_HEIGHT)
}

/// Where the T stations sit along x: from the end of the gutter to the right margin, one
/// station width each.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StationAxis {
    /// The left edge of the first station.
    pub left: f64,
    /// The width of all stations together.
    pub width: f64,
    /// T, the number of stations.
    pub steps: usize,
}

impl StationAxis {
    /// The stations of a canvas `canvas_width` wide.
    pub fn new(canvas_width: f64, steps: usize) -> Self {
        StationAxis {
            left: gutter(),
            width: (canvas_width - gutter() - RIGHT_MARGIN).max(0.0),
            steps,
        }
    }

    /// The width of one station.
    pub fn station_width(&self) -> f64 {
        self.width / self.steps.max(1) as f64
    }

    /// The x of position `p` along the belt, in steps: station t spans [t, t + 1).
    pub fn x_at(&self, p: f64) -> f64 {
        self.left + p * self.station_width()
    }

    /// The left and right edges of station `t`.
    pub fn station(&self, t: usize) -> (f64, f64) {
        (self.x_at(t as f64), self.x_at(t as f64 + 1.0))
    }

    /// The centre of station `t`.
    pub fn center(&self, t: usize) -> f64 {
        self.x_at(t as f64 + 0.5)
    }

    /// The station under `x`, or `None` left or right of them all.
    pub fn step_at(&self, x: f64) -> Option<usize> {
        if self.steps == 0 || x < self.left || x >= self.left + self.width {
            return None;
        }
        Some((((x - self.left) / self.station_width()).floor() as usize).min(self.steps - 1))
    }

    /// The steps that get a number above the belt: all of them when there are 22 px per
    /// station, else every k-th counted back from the last, as the heatmaps do.
    pub fn labelled_steps(&self) -> Vec<usize> {
        if self.steps == 0 {
            return Vec::new();
        }
        let k = [1, 2, 3, 4, 6, 12, 24, 48, 60, 120]
            .into_iter()
            .find(|&k| self.station_width() * k as f64 >= 22.0)
            .unwrap_or(120);
        (0..self.steps).filter(|s| (self.steps - 1 - s) % k == 0).collect()
    }
}

/// The units to show as lanes: the `lanes` most active ones, where a unit's activity is the
/// largest |c_t| it reaches over the window (the most it carries on the belt); ties go to the
/// lower unit, a NaN counts as 0. The `selected` unit is always among them (in place of the
/// least active). `lanes` = 0, or at least H, shows every unit. Returned in unit order, so a
/// lane stays where it is while the ranking changes.
pub fn most_active_units(layer: &LayerTrace, lanes: usize, selected: usize) -> Vec<usize> {
    let h = layer.d_hidden;
    if lanes == 0 || lanes >= h {
        return (0..h).collect();
    }
    let activity = |u: usize| -> f32 {
        layer
            .cell
            .iter()
            .skip(u)
            .step_by(h)
            .map(|v| if v.is_nan() { 0.0 } else { v.abs() })
            .fold(0.0, f32::max)
    };
    let mut ranked: Vec<(usize, f32)> = (0..h).map(|u| (u, activity(u))).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<usize> = ranked.iter().take(lanes).map(|&(u, _)| u).collect();
    if selected < h && !chosen.contains(&selected) {
        chosen.pop();
        chosen.push(selected);
    }
    chosen.sort_unstable();
    chosen
}

/// The playhead at position p ∈ [0, T]: station `step` = ⌊p⌋ (the last station at p = T), and
/// the `phase` p − step ∈ [0, 1] within it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Playhead {
    /// The station, 0-based.
    pub step: usize,
    /// How far through the station, 0 … 1.
    pub phase: f64,
}

impl Playhead {
    /// The playhead at `position` on a belt of `steps` stations, clamped to the belt; NaN is
    /// the start.
    pub fn at(position: f64, steps: usize) -> Playhead {
        if steps == 0 {
            return Playhead { step: 0, phase: 0.0 };
        }
        let p = if position.is_nan() {
            0.0
        } else {
            position.clamp(0.0, steps as f64)
        };
        let step = (p.floor() as usize).min(steps - 1);
        Playhead {
            step,
            phase: p - step as f64,
        }
    }

    /// The position p back.
    pub fn position(&self) -> f64 {
        self.step as f64 + self.phase
    }

    /// What the belt carries at this point: c_{t−1} before the forget gate, k_t between the
    /// forget gate and the supply, c_t after it.
    pub fn carried(&self) -> Quantity {
        if self.phase < FORGET_AT {
            Quantity::CellPrev
        } else if self.phase < ADD_AT {
            Quantity::Kept
        } else {
            Quantity::Cell
        }
    }
}

/// The value the belt carries at position `p` along x in steps (not only at the playhead):
/// the step function c_{t−1} → k_t → c_t that each lane draws. `None` outside the trace.
pub fn carried_value(layer: &LayerTrace, unit: usize, steps: usize, p: f64) -> Option<f32> {
    let head = Playhead::at(p, steps);
    head.carried().value(layer, head.step, unit)
}

/// What part of the belt view a point is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BeltHit {
    /// The station, 0-based.
    pub step: usize,
    /// The unit of the lane (the selected unit in its detailed rows).
    pub unit: usize,
}

/// The layout of the belt on a canvas of a given size.
#[derive(Clone, Debug, PartialEq)]
pub struct BeltLayout {
    /// The canvas' CSS width.
    pub width: f64,
    /// The canvas' CSS height.
    pub height: f64,
    /// The stations.
    pub axis: StationAxis,
    /// The legend lines' block.
    pub legend: Rect,
    /// The row of station numbers.
    pub header: Rect,
    /// The unit shown in detail.
    pub selected: usize,
    /// The playhead station's gate pills, above the output row.
    pub pill_row: Rect,
    /// Where h_t is read off, above the belt.
    pub output_row: Rect,
    /// The selected unit's belt.
    pub belt_row: Rect,
    /// Where the supply j_t comes from, below the belt.
    pub supply_row: Rect,
    /// The pill of the value carried at the playhead, below the supply row.
    pub carried_row: Rect,
    /// The read-out of the numbers at the playhead.
    pub readout: Rect,
    /// The caption of the lanes.
    pub lanes_caption: Rect,
    /// One lane per shown unit, in unit order: (unit, its row).
    pub lanes: Vec<(usize, Rect)>,
}

impl BeltLayout {
    /// The height that gives every lane its preferred 20 px.
    pub fn preferred_height(legend_lines: usize, readout_lines: usize, lanes: usize) -> f64 {
        (fixed_height(legend_lines, readout_lines) + lanes as f64 * LANE_HEIGHT).ceil()
    }

    /// The layout of a belt of `steps` stations on a canvas of `width` × `height`, detailing
    /// `selected`, with a lane for each of `units`, and room for the legend and read-out lines.
    /// The lanes share the height left (each at most 20 px, at least 6 px; lanes that do not fit
    /// are left out).
    pub fn new(
        width: f64,
        height: f64,
        steps: usize,
        selected: usize,
        units: &[usize],
        legend_lines: usize,
        readout_lines: usize,
    ) -> Self {
        let axis = StationAxis::new(width, steps);
        let full = |y: f64, h: f64| Rect::new(axis.left, y, axis.width, h);
        let legend = Rect::new(gutter(), TOP_MARGIN, axis.width, legend_lines as f64 * line_height());
        let header = full(legend.bottom(), header_height());
        let pill_row = full(header.bottom(), scaled(PILL_ROW));
        let output_row = full(pill_row.bottom(), scaled(OUTPUT_ROW));
        let belt_row = full(output_row.bottom(), BELT_ROW);
        let supply_row = full(belt_row.bottom(), scaled(SUPPLY_ROW));
        let carried_row = full(supply_row.bottom(), scaled(CARRIED_ROW));
        let readout = Rect::new(
            gutter(),
            carried_row.bottom() + READOUT_PADDING,
            axis.width,
            readout_lines as f64 * line_height(),
        );
        let lanes_caption = Rect::new(
            gutter(),
            readout.bottom() + READOUT_PADDING,
            axis.width,
            scaled(LANES_CAPTION),
        );
        let room = height - lanes_caption.bottom() - BOTTOM_MARGIN;
        let lane_height = if units.is_empty() {
            0.0
        } else {
            (room / units.len() as f64).min(LANE_HEIGHT)
        };
        let (shown, lane_height) = if lane_height >= MIN_LANE_HEIGHT {
            (units.len(), lane_height)
        } else {
            ((room / MIN_LANE_HEIGHT).max(0.0).floor() as usize, MIN_LANE_HEIGHT)
        };
        let lanes = units
            .iter()
            .take(shown)
            .enumerate()
            .map(|(k, &u)| (u, full(lanes_caption.bottom() + k as f64 * lane_height, lane_height)))
            .collect();
        BeltLayout {
            width,
            height,
            axis,
            legend,
            header,
            selected,
            pill_row,
            output_row,
            belt_row,
            supply_row,
            carried_row,
            readout,
            lanes_caption,
            lanes,
        }
    }

    /// The station and unit under the point (`x`, `y`): the selected unit in its three detailed
    /// rows (and the station numbers), a lane's unit in its lane; `None` elsewhere.
    pub fn at(&self, x: f64, y: f64) -> Option<BeltHit> {
        let step = self.axis.step_at(x)?;
        let detail = Rect::new(
            self.axis.left,
            self.header.y,
            self.axis.width,
            self.supply_row.bottom() - self.header.y,
        );
        if detail.contains(x, y) {
            return Some(BeltHit {
                step,
                unit: self.selected,
            });
        }
        self.lanes
            .iter()
            .find(|(_, r)| r.contains(x, y))
            .map(|&(unit, _)| BeltHit { step, unit })
    }

    /// The lane of `unit`, if it is shown.
    pub fn lane(&self, unit: usize) -> Option<Rect> {
        self.lanes.iter().find(|(u, _)| *u == unit).map(|&(_, r)| r)
    }

    /// The y of the belt's centre line.
    pub fn belt_center(&self) -> f64 {
        self.belt_row.center().1
    }

    /// The belt's grey surface, across every station.
    pub fn surface(&self) -> Rect {
        Rect::new(
            self.axis.left,
            self.belt_center() - SURFACE_HALF_HEIGHT,
            self.axis.width,
            2.0 * SURFACE_HALF_HEIGHT,
        )
    }

    /// The centres of station `t`'s ⊗ (forget gate) and ⊕ (input gate): on the centre line
    /// when the station is wide, ⊗ raised and ⊕ lowered by [`joint_offset`] when it is narrow,
    /// so that the two stay [`MIN_JOINT_DISTANCE`] apart (a phone's belt).
    pub fn joint_centers(&self, t: usize) -> ((f64, f64), (f64, f64)) {
        let dy = joint_offset(self.axis.station_width());
        let center = self.belt_center();
        (
            (self.axis.x_at(t as f64 + FORGET_AT), center - dy),
            (self.axis.x_at(t as f64 + ADD_AT), center + dy),
        )
    }

    /// The radius of station `t`'s ⊗ and ⊕: larger at the playhead's station `current`.
    pub fn joint_radius_at(&self, t: usize, current: usize) -> f64 {
        if t == current {
            PLAYHEAD_JOINT_RADIUS
        } else {
            joint_radius(self.axis.station_width())
        }
    }

    /// What is drawn at every station and must stay uncovered (the playhead's station is
    /// `current`): each ⊗ and ⊕, each h_t stem (the output gate's tap from the belt to the
    /// output row, its h_t bar and its o_t dot), each j_t bar and its arrow up into ⊕.
    pub fn station_marks(&self, current: usize) -> Vec<Rect> {
        let sw = self.axis.station_width();
        let mut marks = Vec::with_capacity(4 * self.axis.steps);
        for t in 0..self.axis.steps {
            let r = self.joint_radius_at(t, current);
            let (forget, add) = self.joint_centers(t);
            for (x, y) in [forget, add] {
                marks.push(Rect::new(x - r, y - r, 2.0 * r, 2.0 * r));
            }
            let xr = self.axis.x_at(t as f64 + READ_AT);
            let bw = bar_width(sw);
            let stem_top = self.output_row.y;
            let stem_width = bw.max(1.4 * joint_radius(sw));
            marks.push(Rect::new(
                xr - stem_width / 2.0,
                stem_top,
                stem_width,
                self.surface().y - stem_top,
            ));
            let jw = supply_bar_width(sw);
            marks.push(Rect::new(
                add.0 - jw / 2.0,
                add.1 + r,
                jw,
                self.supply_row.bottom() - add.1 - r,
            ));
        }
        marks
    }

    /// The rectangles of station `step`'s three gate pills (遗忘门 f_t, 输入门 i_t, 输出门 o_t),
    /// `widths` wide and `height` tall, in the pill row: each centred over its mark (⊗, ⊕, the
    /// tap) as far as the stations allow, pushed apart by [`PILL_GAP`] and kept inside the
    /// stations. `None` when the three do not fit side by side (the caller tries shorter text).
    pub fn gate_pills(&self, step: usize, widths: [f64; 3], height: f64) -> Option<[Rect; 3]> {
        let (left_end, right_end) = (self.axis.left, self.axis.left + self.axis.width);
        if widths.iter().sum::<f64>() + 2.0 * PILL_GAP > right_end - left_end {
            return None;
        }
        let marks = [FORGET_AT, ADD_AT, READ_AT].map(|at| self.axis.x_at(step as f64 + at));
        let mut lefts = [0.0; 3];
        // Left to right: each at its mark, but clear of the one before and of the left end.
        for k in 0..3 {
            let floor = if k == 0 {
                left_end
            } else {
                lefts[k - 1] + widths[k - 1] + PILL_GAP
            };
            lefts[k] = (marks[k] - widths[k] / 2.0).max(floor);
        }
        // Right to left: back inside the right end, still clear of the one after.
        for k in (0..3).rev() {
            let ceiling = if k == 2 { right_end } else { lefts[k + 1] - PILL_GAP };
            lefts[k] = lefts[k].min(ceiling - widths[k]);
        }
        let y = self.pill_row.center().1 - height / 2.0;
        Some([0, 1, 2].map(|k| Rect::new(lefts[k], y, widths[k], height)))
    }

    /// The rectangle of the carried value's pill, `width` × `height`, in the carried row: under
    /// the playhead at `x`, kept inside the stations.
    pub fn carried_pill(&self, x: f64, width: f64, height: f64) -> Rect {
        let (left_end, right_end) = (self.axis.left, self.axis.left + self.axis.width);
        let left = (x - width / 2.0).min(right_end - width).max(left_end);
        Rect::new(left, self.carried_row.center().1 - height / 2.0, width, height)
    }
}

/// The radius of a ⊗ or ⊕ for stations `sw` wide, away from the playhead.
pub fn joint_radius(sw: f64) -> f64 {
    (sw * 0.11).clamp(2.5, 8.0)
}

/// How far ⊗ is raised above, and ⊕ lowered below, the belt's centre line for stations `sw`
/// wide: 0 while their centres are [`MIN_JOINT_DISTANCE`] apart along the line (a wide
/// station), else just enough to keep them that far apart (and 6 px between two joints of
/// [`joint_radius`]), at most [`MAX_JOINT_OFFSET`].
pub fn joint_offset(sw: f64) -> f64 {
    let along = (sw * (ADD_AT - FORGET_AT)).max(0.0);
    // Wide stations draw larger joints: they keep 6 px between them as well.
    let apart = MIN_JOINT_DISTANCE.max(2.0 * joint_radius(sw) + 6.0);
    let across = (apart.powi(2) - along.powi(2)).max(0.0).sqrt();
    (across / 2.0).min(MAX_JOINT_OFFSET)
}

/// The width of an h_t bar on its stem.
pub fn bar_width(sw: f64) -> f64 {
    (sw * 0.14).clamp(3.0, 9.0)
}

/// The width of a j_t bar: wider than an h_t bar, so that the supply is easy to see.
pub fn supply_bar_width(sw: f64) -> f64 {
    (sw * 0.2).clamp(4.0, 12.0)
}

/// The height of everything but the lanes.
fn fixed_height(legend_lines: usize, readout_lines: usize) -> f64 {
    TOP_MARGIN
        + legend_lines as f64 * line_height()
        + header_height()
        + scaled(PILL_ROW)
        + scaled(OUTPUT_ROW)
        + BELT_ROW
        + scaled(SUPPLY_ROW)
        + scaled(CARRIED_ROW)
        + 2.0 * READOUT_PADDING
        + readout_lines as f64 * line_height()
        + scaled(LANES_CAPTION)
        + BOTTOM_MARGIN
}

/// The legend above the belt: what each symbol, colour and mark is, with the article's names,
/// one piece per symbol (the drawing packs them into lines,
/// [`crate::render::notation::pack_lines`]). `scale` is the half-range the colours and bars
/// use, `fixed` true when it is fixed over the kept epochs (the page's "fixed colour scale").
///
/// In the page's words `canvas.belt.legend` and `canvas.belt.legendMarks` (one piece a line),
/// `canvas.belt.legendScale` and `canvas.belt.legendScaleFixed` (with `{scale}`).
pub fn legend_pieces(scale: f64, fixed: bool) -> Vec<String> {
    let mut pieces = variants(
        "canvas.belt.legend",
        &[
            "主线 c_t: the main line on the belt (传送带)",
            "⊗ 遗忘门 forget gate keeps k_t = f_t ⊙ c_{t−1}",
            "⊕ 输入门 input gate adds 补给 j_t = i_t ⊙ g_t",
            "↑ 输出门 output gate: h_t = o_t ⊙ tanh(c_t)",
        ],
    );
    let bound = format_tick(scale);
    let values = [("scale", bound.as_str())];
    pieces.push(if fixed {
        word_with(
            "canvas.belt.legendScaleFixed",
            "blue < 0 < red: c_t, k_t, j_t, h_t on ±{scale}, fixed over the kept epochs",
            &values,
        )
    } else {
        word_with(
            "canvas.belt.legendScale",
            "blue < 0 < red: c_t, k_t, j_t, h_t on ±{scale} (this unit, this epoch)",
            &values,
        )
    });
    pieces.extend(variants(
        "canvas.belt.legendMarks",
        &[
            "bars on the belt: c_{t−1} → k_t → c_t, traced by the black step line",
            "outlined bar under ⊕: the supply j_t; bar on the stem above: h_t",
            "⊗ ⊕ ● fill: the gate f_t, i_t, o_t, dark purple 0 → yellow 1",
            "yellow band: the chosen step · black line: the playhead · pale: not yet reached",
            "box on the belt and its pill: what the belt carries at the playhead",
        ],
    ));
    pieces
}

/// The read-out of the selected unit's numbers at station `step`: where it is (counted from 1,
/// as the labels are), then each operation of the station in order. `None` outside the trace.
pub fn readout_pieces(
    layer: &LayerTrace,
    layer_index: usize,
    layers: usize,
    step: usize,
    unit: usize,
) -> Option<Vec<String>> {
    use crate::render::notation::{format_factor, format_value};
    let v = |q: Quantity| q.value(layer, step, unit).map(|v| format_value(v as f64));
    let factor = |q: Quantity| q.value(layer, step, unit).map(|v| format_factor(v as f64));
    let at = format!("{}:", at_step(step, unit, (layers > 1).then_some(layer_index)));
    Some(vec![
        at,
        format!("c_{{t−1}} = {}", v(Quantity::CellPrev)?),
        format!("⊗ f_t = {} → k_t = {}", v(Quantity::ForgetGate)?, v(Quantity::Kept)?),
        format!(
            "⊕ j_t = i_t·g_t = {} × {} = {}",
            factor(Quantity::InputGate)?,
            factor(Quantity::CellGate)?,
            v(Quantity::Added)?
        ),
        format!("c_t = k_t + j_t = {}", v(Quantity::Cell)?),
        format!("o_t = {} → h_t = {}", v(Quantity::OutputGate)?, v(Quantity::Hidden)?),
    ])
}

/// The separator between the pieces of a packed line.
pub const PIECE_SEPARATOR: &str = "    ";

/// The caption above the lanes, longest first: which units they show and why.
pub fn lanes_caption(shown: usize, units: usize) -> Vec<String> {
    let (n, all) = (shown.to_string(), units.to_string());
    let values = [("shown", n.as_str()), ("units", all.as_str())];
    let keys: &[(&str, &str)] = if shown >= units {
        &[
            (
                "canvas.belt.lanesAll",
                "lanes: all {units} units, each carrying its own c_t",
            ),
            ("canvas.belt.lanesAllShort", "all {units} units"),
        ]
    } else {
        &[
            (
                "canvas.belt.lanesSome",
                "lanes: the {shown} most active of {units} units (largest |c_t| in this window)",
            ),
            ("canvas.belt.lanesSomeShort", "the {shown} most active of {units} units"),
            ("canvas.belt.lanesSomeShortest", "{shown} of {units} units"),
        ]
    };
    keys.iter()
        .map(|(key, english)| word_with(key, english, &values))
        .collect()
}

/// The number of legend and read-out lines at `width`, measured with `measure`: what
/// [`BeltLayout::new`] needs, and what the page's preferred height is computed from.
pub fn line_counts(
    width: f64,
    layer: &LayerTrace,
    layers: usize,
    fixed_scale: Option<f64>,
    measure: &dyn Fn(&str, f64) -> f64,
) -> (usize, usize) {
    use crate::render::notation::pack_lines;
    let room = StationAxis::new(width, 1).width;
    let legend = legend_pieces(fixed_scale.unwrap_or(1.0), fixed_scale.is_some());
    let legend_lines = pack_lines(&legend, PIECE_SEPARATOR, LEGEND_FONT, room, measure).len();
    let readout = readout_pieces(layer, 0, layers, 0, 0).unwrap_or_default();
    let readout_lines = pack_lines(&readout, PIECE_SEPARATOR, READOUT_FONT, room, measure).len();
    (legend_lines, readout_lines.max(1))
}

/// The size of the legend's text.
pub const LEGEND_FONT: f64 = 12.0;
/// The size of the read-out's text.
pub const READOUT_FONT: f64 = 13.0;

/// The half-range of the selected unit's detailed rows: the largest of |c_{t−1}|, |k_t|,
/// |c_t|, |j_t| and |h_t| over the window, rounded up to 1, 1.5, 2, 3 or 5 times a power of ten
/// ([`nice_ceiling`]), at least 0.01. One scale for the three rows, so the supply's bar is as
/// tall as the step it makes on the belt; the gutter shows it, because a quiet unit is drawn
/// magnified.
pub fn unit_half_range(layer: &LayerTrace, unit: usize) -> f64 {
    let h = layer.d_hidden;
    if unit >= h {
        return 1.0;
    }
    let largest = [&layer.cell_prev, &layer.kept, &layer.cell, &layer.added, &layer.hidden]
        .iter()
        .flat_map(|row| row.iter().skip(unit).step_by(h))
        .map(|v| v.abs() as f64)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    nice_ceiling(largest.max(0.01))
}

/// The y of value `v` in a row of height `row` centred at `center`, on the scale [−m, m]
/// filling the row but a 2 px margin: up for positive, down for negative, clamped to the row.
pub fn value_y(center: f64, row: f64, m: f64, v: f64) -> f64 {
    let half = (row / 2.0 - 2.0).max(0.0);
    if !v.is_finite() || m <= 0.0 {
        return center;
    }
    center - (v / m).clamp(-1.0, 1.0) * half
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 3 units, 4 steps; unit 1 carries the most (|−2.0|), then unit 2 (1.5), then unit 0.
    fn layer() -> LayerTrace {
        let h = 3;
        let cell = vec![0.1, -0.5, 0.3, 0.2, -2.0, 0.9, 0.4, 0.0, 1.5, 0.5, 0.1, -0.2];
        let mut cell_prev = vec![0.0; h];
        cell_prev.extend_from_slice(&cell[..cell.len() - h]);
        let forget_gate = vec![0.5; 12];
        let kept = cell_prev.iter().map(|c| 0.5 * c).collect();
        LayerTrace {
            d_input: 1,
            d_hidden: h,
            cell,
            cell_prev,
            forget_gate,
            kept,
            input_gate: vec![0.5; 12],
            cell_gate: vec![0.2; 12],
            added: vec![0.1; 12],
            output_gate: vec![0.8; 12],
            hidden: vec![0.3; 12],
            ..LayerTrace::default()
        }
    }

    #[test]
    fn the_stations_fill_the_width_after_the_gutter() {
        let axis = StationAxis::new(600.0, 12);
        assert_eq!(axis.left, GUTTER);
        assert!((axis.width - (600.0 - GUTTER - RIGHT_MARGIN)).abs() < 1e-9);
        let sw = axis.station_width();
        assert_eq!(axis.station(0), (GUTTER, GUTTER + sw));
        assert!((axis.center(11) - (GUTTER + 11.5 * sw)).abs() < 1e-9);
        assert!((axis.x_at(12.0) - (600.0 - RIGHT_MARGIN)).abs() < 1e-9);
        assert_eq!(axis.step_at(axis.center(5)), Some(5));
        assert_eq!(axis.step_at(GUTTER - 1.0), None);
        assert_eq!(axis.step_at(600.0 - RIGHT_MARGIN), None);
        assert_eq!(StationAxis::new(600.0, 0).step_at(100.0), None);
    }

    #[test]
    fn station_numbers_thin_out_but_keep_the_last() {
        assert_eq!(StationAxis::new(1000.0, 12).labelled_steps().len(), 12);
        let narrow = StationAxis::new(200.0, 12).labelled_steps();
        assert_eq!(*narrow.last().unwrap(), 11);
        assert!(narrow.len() < 12);
    }

    #[test]
    fn the_most_active_units_are_those_that_carry_the_most() {
        let l = layer();
        assert_eq!(most_active_units(&l, 1, 1), [1]);
        assert_eq!(most_active_units(&l, 2, 1), [1, 2]);
        // The selected unit replaces the least active of the chosen ones.
        assert_eq!(most_active_units(&l, 2, 0), [0, 1]);
        // 0 or at least H lanes: every unit.
        assert_eq!(most_active_units(&l, 0, 0), [0, 1, 2]);
        assert_eq!(most_active_units(&l, 5, 0), [0, 1, 2]);
    }

    #[test]
    fn ties_go_to_the_lower_unit_and_nan_counts_as_zero() {
        let mut l = layer();
        l.cell = vec![1.0, 1.0, f32::NAN, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        assert_eq!(most_active_units(&l, 1, 0), [0]);
        assert_eq!(most_active_units(&l, 2, 0), [0, 1]);
    }

    #[test]
    fn the_playhead_splits_into_station_and_phase() {
        assert_eq!(Playhead::at(2.25, 4), Playhead { step: 2, phase: 0.25 });
        assert_eq!(Playhead::at(4.0, 4), Playhead { step: 3, phase: 1.0 });
        assert_eq!(Playhead::at(-1.0, 4), Playhead { step: 0, phase: 0.0 });
        assert_eq!(Playhead::at(f64::NAN, 4), Playhead { step: 0, phase: 0.0 });
        assert_eq!(Playhead::at(9.0, 4).position(), 4.0);
        assert_eq!(Playhead::at(1.0, 0), Playhead { step: 0, phase: 0.0 });
    }

    #[test]
    fn the_belt_carries_the_old_line_then_what_is_kept_then_the_new_line() {
        let l = layer();
        // Step 1, unit 1: c_0 = −0.5, k_1 = 0.5 × −0.5 = −0.25, c_1 = −2.0.
        assert_eq!(carried_value(&l, 1, 4, 1.0), Some(-0.5));
        assert_eq!(carried_value(&l, 1, 4, 1.0 + FORGET_AT), Some(-0.25));
        assert_eq!(carried_value(&l, 1, 4, 1.0 + ADD_AT), Some(-2.0));
        assert_eq!(carried_value(&l, 1, 4, 1.99), Some(-2.0));
        // Before the first step the belt is empty.
        assert_eq!(carried_value(&l, 2, 4, 0.0), Some(0.0));
        assert_eq!(carried_value(&l, 3, 4, 0.0), None);
        assert_eq!(Playhead::at(0.1, 4).carried(), Quantity::CellPrev);
        assert_eq!(Playhead::at(0.4, 4).carried(), Quantity::Kept);
        assert_eq!(Playhead::at(0.9, 4).carried(), Quantity::Cell);
    }

    #[test]
    fn rows_stack_without_overlap_and_lanes_fit_the_canvas() {
        let units = [0, 3, 5, 8];
        let height = BeltLayout::preferred_height(2, 3, units.len());
        let layout = BeltLayout::new(800.0, height, 12, 3, &units, 2, 3);
        let rows = [
            layout.legend,
            layout.header,
            layout.output_row,
            layout.belt_row,
            layout.supply_row,
            layout.readout,
            layout.lanes_caption,
        ];
        for pair in rows.windows(2) {
            assert!(
                pair[0].bottom() <= pair[1].y + 1e-9,
                "{:?} runs into {:?}",
                pair[0],
                pair[1]
            );
        }
        assert_eq!(layout.lanes.len(), 4);
        for (_, lane) in &layout.lanes {
            assert!((lane.height - LANE_HEIGHT).abs() < 1e-9);
            assert!(lane.bottom() <= height + 1e-9);
        }
        // A shorter canvas squeezes the lanes; a far shorter one drops those that do not fit.
        let short = BeltLayout::new(800.0, height - 40.0, 12, 3, &units, 2, 3);
        assert_eq!(short.lanes.len(), 4);
        assert!(short.lanes[0].1.height < LANE_HEIGHT);
        let tiny = BeltLayout::new(800.0, height - 4.0 * LANE_HEIGHT + 13.0, 12, 3, &units, 2, 3);
        assert_eq!(tiny.lanes.len(), 2);
        assert!(tiny
            .lanes
            .iter()
            .all(|(_, r)| r.bottom() <= tiny.height - BOTTOM_MARGIN + 1e-9));
    }

    #[test]
    fn the_pointer_finds_the_station_and_the_unit() {
        let units = [0, 3, 5];
        let layout = BeltLayout::new(800.0, 600.0, 12, 3, &units, 1, 2);
        let x = layout.axis.center(7);
        let (_, belt_y) = layout.belt_row.center();
        assert_eq!(layout.at(x, belt_y), Some(BeltHit { step: 7, unit: 3 }));
        let (_, lane_y) = layout.lane(5).unwrap().center();
        assert_eq!(layout.at(x, lane_y), Some(BeltHit { step: 7, unit: 5 }));
        assert_eq!(layout.at(x, layout.readout.center().1), None);
        assert_eq!(layout.at(GUTTER / 2.0, belt_y), None);
        assert_eq!(layout.lane(4), None);
    }

    #[test]
    fn the_readout_follows_the_station_in_order() {
        let l = layer();
        let pieces = readout_pieces(&l, 0, 1, 1, 1).unwrap();
        assert_eq!(pieces[0], "t = 2, unit 2:");
        assert_eq!(pieces[1], "c_{t−1} = −0.50");
        assert_eq!(pieces[2], "⊗ f_t = 0.50 → k_t = −0.25");
        assert_eq!(pieces[4], "c_t = k_t + j_t = −2.00");
        assert_eq!(readout_pieces(&l, 1, 2, 0, 0).unwrap()[0], "t = 1, unit 1, layer 2:");
        assert_eq!(readout_pieces(&l, 0, 1, 4, 0), None);
    }

    #[test]
    fn the_legend_and_readout_take_more_lines_on_a_phone() {
        use crate::render::notation::estimate_width;
        let l = layer();
        let wide = line_counts(1600.0, &l, 1, None, &estimate_width);
        let phone = line_counts(360.0, &l, 1, None, &estimate_width);
        assert!(wide.0 <= 3 && wide.1 == 1, "{wide:?}");
        assert!(phone.0 >= 4 && phone.1 >= 3, "{phone:?}");
    }

    #[test]
    fn the_caption_says_which_lanes_are_shown() {
        assert!(lanes_caption(8, 40)[0].contains("8 most active of 40"));
        assert_eq!(lanes_caption(40, 40)[1], "all 40 units");
    }

    #[test]
    fn a_units_rows_share_one_scale_from_its_largest_value() {
        let l = layer();
        // Unit 1 reaches |c| = 2.0.
        assert_eq!(unit_half_range(&l, 1), 2.0);
        // Unit 0: c up to 0.5, the supply 0.1, h 0.3 → 0.5.
        assert_eq!(unit_half_range(&l, 0), 0.5);
        let mut quiet = l.clone();
        for row in [
            &mut quiet.cell,
            &mut quiet.cell_prev,
            &mut quiet.kept,
            &mut quiet.added,
            &mut quiet.hidden,
        ] {
            row.iter_mut().for_each(|v| *v = 0.0);
        }
        assert!((unit_half_range(&quiet, 0) - 0.01).abs() < 1e-12, "never below 0.01");
        assert_eq!(unit_half_range(&l, 7), 1.0);
    }

    #[test]
    fn values_rise_above_the_belt_and_fall_below_it() {
        assert_eq!(value_y(100.0, 64.0, 2.0, 0.0), 100.0);
        assert_eq!(value_y(100.0, 64.0, 2.0, 2.0), 70.0);
        assert_eq!(value_y(100.0, 64.0, 2.0, -1.0), 115.0);
        assert_eq!(value_y(100.0, 64.0, 2.0, -9.0), 130.0, "clamped to the row");
        assert_eq!(value_y(100.0, 64.0, 2.0, f64::NAN), 100.0);
    }

    /// The layout of a belt `width` wide with `steps` stations, as the page sizes it.
    fn page_layout(width: f64, steps: usize) -> BeltLayout {
        let units = [0, 1, 2, 3, 4, 5, 6, 7];
        let height = BeltLayout::preferred_height(4, 3, units.len());
        BeltLayout::new(width, height, steps, 0, &units, 4, 3)
    }

    #[test]
    fn the_pills_never_cover_a_station_or_a_stem() {
        use crate::render::notation::estimate_width;
        // The long labels where they fit, the symbols alone where they do not (as drawn).
        let long = ["遗忘门 f_t −0.99", "输入门 i_t 0.50", "输出门 o_t 0.73"];
        let short = ["f_t −0.99", "i_t 0.50", "o_t 0.73"];
        let width_of = |t: &str| estimate_width(t, 11.0) + 8.0;
        let height = 16.0;
        for width in [390.0, 600.0, 1000.0, 1400.0] {
            for steps in [1, 6, 12, 24, 48] {
                let layout = page_layout(width, steps);
                for step in [0, steps / 2, steps - 1] {
                    let rects = [long, short]
                        .iter()
                        .find_map(|texts| layout.gate_pills(step, texts.map(width_of), height))
                        .unwrap_or_else(|| panic!("no pills fit at {width} px, T = {steps}"));
                    let carried = layout.carried_pill(layout.axis.x_at(step as f64 + 0.5), 70.0, height);
                    let marks = layout.station_marks(step);
                    let (left, right) = (layout.axis.left, layout.axis.left + layout.axis.width);
                    for (k, pill) in rects.iter().chain([&carried]).enumerate() {
                        let at = format!("{width} px, T = {steps}, step {step}, pill {k}");
                        assert!(pill.x >= left - 1e-9 && pill.right() <= right + 1e-9, "{at} sticks out");
                        for mark in &marks {
                            assert!(!pill.overlaps(mark), "{at}: {pill:?} covers {mark:?}");
                        }
                    }
                    for pair in rects.windows(2) {
                        assert!(
                            pair[0].right() + PILL_GAP <= pair[1].x + 1e-9,
                            "{width} px, T = {steps}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_gate_pill_stands_over_its_mark_when_there_is_room() {
        let layout = page_layout(1400.0, 6);
        let rects = layout.gate_pills(2, [40.0; 3], 16.0).unwrap();
        for (rect, at) in rects.iter().zip([FORGET_AT, ADD_AT, READ_AT]) {
            let mark = layout.axis.x_at(2.0 + at);
            assert!((rect.center().0 - mark).abs() < 1e-9);
        }
        // Three pills wider than the stations do not fit.
        assert_eq!(layout.gate_pills(2, [600.0; 3], 16.0), None);
    }

    #[test]
    fn the_forget_and_input_joints_stay_apart_on_a_phone() {
        for width in [320.0, 390.0, 600.0, 1400.0] {
            for steps in [1, 12, 24, 48] {
                let layout = page_layout(width, steps);
                let surface = layout.surface();
                for t in 0..steps {
                    let ((fx, fy), (ax, ay)) = layout.joint_centers(t);
                    let apart = (ax - fx).hypot(ay - fy);
                    assert!(
                        apart >= MIN_JOINT_DISTANCE - 1e-9,
                        "{width} px, T = {steps}: ⊗ and ⊕ {apart:.1} px apart"
                    );
                    // The playhead's larger joints stay on the belt.
                    let r = PLAYHEAD_JOINT_RADIUS;
                    assert!(fy - r >= surface.y && ay + r <= surface.bottom());
                }
            }
        }
        // Two joints of a station never touch, at any station width.
        for sw in [10.0, 27.0, 41.0, 68.0, 120.0] {
            let along = sw * (ADD_AT - FORGET_AT);
            let apart = along.hypot(2.0 * joint_offset(sw));
            assert!(apart >= 2.0 * joint_radius(sw) + 6.0 - 1e-9, "{sw} px stations");
        }
        // A wide station keeps them on the centre line.
        assert_eq!(joint_offset(200.0), 0.0);
        assert!(joint_offset(27.0) > 0.0);
    }
}
