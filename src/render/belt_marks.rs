//! Which mark of the conveyor belt a point is on: the forget gate's ⊗, the input gate's ⊕, the
//! main line c_t between them, or the output gate's read-out of h_t above the belt. The page's
//! tooltip names the mark's equation with the numbers of that station (issue 11, "explained in
//! place").
//!
//! A separate question from [`BeltLayout::at`] (which station and unit), asked of the same
//! layout the drawing made, so the marks are found where they are drawn:
//!
//! ```text
//!  output row:              ↑ h_t = o_t ⊙ tanh(c_t)            (the whole row: the read-out)
//!  belt row / a lane:  c ──⊗────────⊕──── c_t ──               (⊗ near FORGET_AT, ⊕ near ADD_AT)
//!  supply row:                      ↑ j_t = i_t ⊙ g_t          (the whole row: the supply)
//! ```
//!
//! On the belt (and on each lane, which repeats it for another unit) the station is split at
//! the midpoints: up to halfway from ⊗ to ⊕ is the forget gate's (from as far before ⊗), then
//! the input gate's up to as far after ⊕, and the rest of the station is the main line. So every
//! point of the belt names one mark, and a mark is never smaller than a quarter of a station.

use crate::render::belt::{BeltHit, BeltLayout, ADD_AT, FORGET_AT};

/// A mark of the belt, each with its equation (the part of the cell it shows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BeltMark {
    /// ⊗, the forget gate: k_t = f_t ⊙ c_{t−1}.
    Forget,
    /// ⊕, the input gate adding the supply: j_t = i_t ⊙ g_t.
    Input,
    /// The main line after ⊕: c_t = k_t + j_t.
    Line,
    /// The output gate's read-out above the belt: h_t = o_t ⊙ tanh(c_t).
    Readout,
}

impl BeltMark {
    /// Its name for the page (`beltAt`'s `mark`).
    pub fn key(self) -> &'static str {
        match self {
            BeltMark::Forget => "forget",
            BeltMark::Input => "input",
            BeltMark::Line => "line",
            BeltMark::Readout => "readout",
        }
    }

    /// The cell diagram's part whose equation the mark shows (the keys of
    /// [`crate::render::notation::Quantity::key`]): `"k"`, `"j"`, `"c"` or `"h"`.
    pub fn part(self) -> &'static str {
        match self {
            BeltMark::Forget => "k",
            BeltMark::Input => "j",
            BeltMark::Line => "c",
            BeltMark::Readout => "h",
        }
    }
}

/// Where the forget gate's share of a station ends and the input gate's begins.
const FORGET_INPUT_SPLIT: f64 = (FORGET_AT + ADD_AT) / 2.0;
/// How far before ⊗ (and after ⊕) the gates' shares reach, as a fraction of the station.
const REACH: f64 = (ADD_AT - FORGET_AT) / 2.0;

/// The mark of the belt at a phase within a station (0 at its left edge, 1 at its right).
pub fn mark_at_phase(phase: f64) -> BeltMark {
    if (FORGET_AT - REACH..FORGET_INPUT_SPLIT).contains(&phase) {
        BeltMark::Forget
    } else if (FORGET_INPUT_SPLIT..ADD_AT + REACH).contains(&phase) {
        BeltMark::Input
    } else {
        BeltMark::Line
    }
}

/// The station, unit and mark under (`x`, `y`) on a belt drawn with `layout`, or `None` where
/// [`BeltLayout::at`] finds nothing (the legend, the read-out, the gutter).
pub fn mark_at(layout: &BeltLayout, x: f64, y: f64) -> Option<(BeltHit, BeltMark)> {
    let hit = layout.at(x, y)?;
    let mark = if layout.output_row.contains(x, y) {
        BeltMark::Readout
    } else if layout.supply_row.contains(x, y) {
        BeltMark::Input
    } else {
        let (left, right) = layout.axis.station(hit.step);
        mark_at_phase((x - left) / (right - left).max(f64::EPSILON))
    };
    Some((hit, mark))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> BeltLayout {
        BeltLayout::new(800.0, 600.0, 12, 3, &[0, 3, 5], 1, 2)
    }

    #[test]
    fn the_gates_are_found_where_they_are_drawn() {
        let l = layout();
        let (left, right) = l.axis.station(7);
        let at = |phase: f64| left + phase * (right - left);
        let (_, belt_y) = l.belt_row.center();
        let hit = BeltHit { step: 7, unit: 3 };
        assert_eq!(mark_at(&l, at(FORGET_AT), belt_y), Some((hit, BeltMark::Forget)));
        assert_eq!(mark_at(&l, at(ADD_AT), belt_y), Some((hit, BeltMark::Input)));
        assert_eq!(mark_at(&l, at(0.95), belt_y), Some((hit, BeltMark::Line)));
        assert_eq!(mark_at(&l, at(0.02), belt_y), Some((hit, BeltMark::Line)));
        // Above the belt the output gate reads h_t; below it the supply j_t comes in.
        let (_, output_y) = l.output_row.center();
        assert_eq!(mark_at(&l, at(0.1), output_y), Some((hit, BeltMark::Readout)));
        let (_, supply_y) = l.supply_row.center();
        assert_eq!(mark_at(&l, at(0.1), supply_y), Some((hit, BeltMark::Input)));
    }

    #[test]
    fn a_lane_names_its_own_unit_and_the_same_marks() {
        let l = layout();
        let (left, right) = l.axis.station(2);
        let (_, lane_y) = l.lane(5).unwrap().center();
        let forget = left + FORGET_AT * (right - left);
        assert_eq!(
            mark_at(&l, forget, lane_y),
            Some((BeltHit { step: 2, unit: 5 }, BeltMark::Forget))
        );
    }

    #[test]
    fn nothing_outside_the_stations_and_their_rows() {
        let l = layout();
        let (_, belt_y) = l.belt_row.center();
        assert_eq!(mark_at(&l, l.axis.left / 2.0, belt_y), None);
        assert_eq!(mark_at(&l, l.axis.center(4), l.readout.center().1), None);
    }

    #[test]
    fn the_marks_split_a_station_without_gaps() {
        assert_eq!(mark_at_phase(0.0), BeltMark::Line);
        assert_eq!(mark_at_phase(FORGET_AT - REACH), BeltMark::Forget);
        assert_eq!(mark_at_phase(FORGET_INPUT_SPLIT - 1e-9), BeltMark::Forget);
        assert_eq!(mark_at_phase(FORGET_INPUT_SPLIT), BeltMark::Input);
        assert_eq!(mark_at_phase(ADD_AT + REACH - 1e-9), BeltMark::Input);
        assert_eq!(mark_at_phase(ADD_AT + REACH), BeltMark::Line);
        // Each mark holds its equation's part.
        let parts: Vec<_> = [BeltMark::Forget, BeltMark::Input, BeltMark::Line, BeltMark::Readout]
            .iter()
            .map(|m| m.part())
            .collect();
        assert_eq!(parts, ["k", "j", "c", "h"]);
    }
}
