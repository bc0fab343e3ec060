//! What the belt's canvas shows for a cell without a belt: the conveyor belt (传送带) c_t is the
//! LSTM's alone, and the canvas says so.
//!
//! For the GRU, whose only memory is h_t, it draws h of the selected unit across the steps
//! instead, on the belt's stations ([`StationAxis`], so the gradient bars under it still line
//! up), with at each step how h_t is made: the part z_t keeps of h_{t−1} and the part
//! (1 − z_t) ⊙ n_t written over the rest, stacked (the two add up to h_t):
//!
//! ```text
//!  h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t        保留 kept + 写入 written
//! ```
//!
//! For the RNN, which has no gate, it draws h_t alone: a new tanh of the weighted sum at every
//! step, nothing kept on purpose.
//!
//! From top to bottom: the message (packed into as many lines as the width needs), the station
//! numbers, the chart, and a read-out of the numbers at the playhead's station.

use crate::model::CellKind;
use crate::render::belt::{
    header_height, line_height, BeltHit, StationAxis, BOTTOM_MARGIN, READOUT_PADDING, TOP_MARGIN,
};
use crate::render::colormap::nice_ceiling;
use crate::render::geometry::Rect;
use crate::render::notation::{format_factor, format_value, pack_lines, Quantity};
use crate::render::words::{at_step, word, word_with};
use crate::trace::LayerTrace;

/// The chart of h_t.
pub const CHART_HEIGHT: f64 = 150.0;
/// The size of the message's text.
pub const MESSAGE_FONT: f64 = 12.0;
/// The size of the read-out's text.
pub const READOUT_FONT: f64 = 13.0;
/// The separator between the pieces of a packed read-out line.
pub const PIECE_SEPARATOR: &str = "    ";
/// The separator between the pieces of the message, which reads as running text.
pub const MESSAGE_SEPARATOR: &str = " ";

/// The message in the article's terms and in English, in pieces short enough for a phone's
/// line (packed into lines by the drawing); empty for the LSTM, which has its belt.
pub fn message_pieces(cell: CellKind) -> Vec<String> {
    let (key, english) = match cell {
        CellKind::Lstm => return Vec::new(),
        CellKind::Gru => ("canvas.memory.gru", GRU_MESSAGE),
        CellKind::Rnn => ("canvas.memory.rnn", RNN_MESSAGE),
    };
    word(key, english).split('\n').map(str::to_string).collect()
}

/// The GRU's message in English (with the article's terms), one piece a line.
const GRU_MESSAGE: &str = "传送带 c_t 只属于 LSTM:
the conveyor belt c_t is the LSTM's alone.
GRU 没有主线:
its only memory is h_t (隐层向量).
更新门 z_t keeps z_t ⊙ h_{t−1} (保留),
(1 − z_t) ⊙ n_t overwrites the rest (写入):
h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t";

/// The RNN's message in English (with the article's terms), one piece a line.
const RNN_MESSAGE: &str = "传送带 c_t 只属于 LSTM:
the conveyor belt c_t is the LSTM's alone.
RNN 没有门: no gate keeps anything;
h_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})
is rewritten through tanh at every step.";

/// The read-out of the selected unit's numbers at station `step` (counted from 1 in the text),
/// each piece one operation; `None` outside the trace.
pub fn readout_pieces(
    cell: CellKind,
    layer: &LayerTrace,
    layer_index: usize,
    layers: usize,
    step: usize,
    unit: usize,
) -> Option<Vec<String>> {
    let value = |q: Quantity| q.value(layer, step, unit).map(|v| v as f64);
    let v = |q: Quantity| value(q).map(format_value);
    let at = format!("{}:", at_step(step, unit, (layers > 1).then_some(layer_index)));
    Some(match cell {
        CellKind::Lstm => return None,
        CellKind::Gru => {
            let z = value(Quantity::UpdateGate)?;
            vec![
                at,
                format!("h_{{t−1}} = {}", v(Quantity::HiddenPrev)?),
                word_with(
                    "canvas.memory.keeps",
                    "z_t = {z} keeps z_t ⊙ h_{t−1} = {kept}",
                    &[("z", &format_value(z)), ("kept", &v(Quantity::HiddenKept)?)],
                ),
                word_with(
                    "canvas.memory.written",
                    "(1 − z_t) ⊙ n_t = {a} × {n} = {written} written",
                    &[
                        ("a", &format_factor(1.0 - z)),
                        ("n", &format_factor(value(Quantity::NewGate)?)),
                        ("written", &v(Quantity::HiddenWritten)?),
                    ],
                ),
                format!("h_t = {}", v(Quantity::Hidden)?),
            ]
        }
        CellKind::Rnn => vec![
            at,
            format!("h_{{t−1}} = {}", v(Quantity::HiddenPrev)?),
            format!("h_t = tanh(…) = {}", v(Quantity::Hidden)?),
        ],
    })
}

/// The half-range of the chart: the largest |h_t|, |z_t ⊙ h_{t−1}| and |(1 − z_t) ⊙ n_t| of
/// the unit over the window, rounded up by [`nice_ceiling`], at least 0.01.
pub fn half_range(cell: CellKind, layer: &LayerTrace, steps: usize, unit: usize) -> f64 {
    let quantities: &[Quantity] = match cell {
        CellKind::Gru => &[Quantity::Hidden, Quantity::HiddenKept, Quantity::HiddenWritten],
        _ => &[Quantity::Hidden],
    };
    let largest = (0..steps)
        .flat_map(|t| quantities.iter().filter_map(move |q| q.value(layer, t, unit)))
        .map(|v| v.abs() as f64)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    nice_ceiling(largest.max(0.01))
}

/// The layout of the memory view on a canvas of a given size.
#[derive(Clone, Debug, PartialEq)]
pub struct MemoryLayout {
    /// The canvas' CSS width.
    pub width: f64,
    /// The canvas' CSS height.
    pub height: f64,
    /// The stations, as the belt's.
    pub axis: StationAxis,
    /// The message's lines.
    pub message: Rect,
    /// The row of station numbers.
    pub header: Rect,
    /// The chart of h_t.
    pub chart: Rect,
    /// The read-out.
    pub readout: Rect,
    /// The unit shown.
    pub selected: usize,
}

impl MemoryLayout {
    /// The height everything needs.
    pub fn preferred_height(message_lines: usize, readout_lines: usize) -> f64 {
        (TOP_MARGIN
            + message_lines as f64 * line_height()
            + header_height()
            + CHART_HEIGHT
            + 2.0 * READOUT_PADDING
            + readout_lines as f64 * line_height()
            + BOTTOM_MARGIN)
            .ceil()
    }

    /// The layout of `steps` stations on a canvas of `width` × `height`, showing `selected`.
    /// The chart takes the height the text leaves (at most [`CHART_HEIGHT`]).
    pub fn new(
        width: f64,
        height: f64,
        steps: usize,
        selected: usize,
        message_lines: usize,
        readout_lines: usize,
    ) -> Self {
        let axis = StationAxis::new(width, steps);
        let message = Rect::new(axis.left, TOP_MARGIN, axis.width, message_lines as f64 * line_height());
        let header = Rect::new(axis.left, message.bottom(), axis.width, header_height());
        let text_below = 2.0 * READOUT_PADDING + readout_lines as f64 * line_height() + BOTTOM_MARGIN;
        let chart_height = (height - header.bottom() - text_below).clamp(0.0, CHART_HEIGHT);
        let chart = Rect::new(axis.left, header.bottom(), axis.width, chart_height);
        let readout = Rect::new(
            axis.left,
            chart.bottom() + READOUT_PADDING,
            axis.width,
            readout_lines as f64 * line_height(),
        );
        MemoryLayout {
            width,
            height,
            axis,
            message,
            header,
            chart,
            readout,
            selected,
        }
    }

    /// The station under (`x`, `y`) in the station numbers or the chart, with the unit shown.
    pub fn at(&self, x: f64, y: f64) -> Option<BeltHit> {
        let step = self.axis.step_at(x)?;
        let area = Rect::new(
            self.axis.left,
            self.header.y,
            self.axis.width,
            self.chart.bottom() - self.header.y,
        );
        area.contains(x, y).then_some(BeltHit {
            step,
            unit: self.selected,
        })
    }

    /// The y of value `v` in the chart on the half-range `m` (0 in the middle).
    pub fn y_of(&self, v: f64, m: f64) -> f64 {
        let (_, center) = self.chart.center();
        let half = (self.chart.height / 2.0 - 4.0).max(0.0);
        if !v.is_finite() || m <= 0.0 {
            return center;
        }
        center - (v / m).clamp(-1.0, 1.0) * half
    }
}

/// The number of message and read-out lines at `width`, measured with `measure`.
pub fn line_counts(
    cell: CellKind,
    width: f64,
    layer: &LayerTrace,
    layers: usize,
    measure: &dyn Fn(&str, f64) -> f64,
) -> (usize, usize) {
    let room = StationAxis::new(width, 1).width;
    let message = message_pieces(cell);
    let message_lines = pack_lines(&message, MESSAGE_SEPARATOR, MESSAGE_FONT, room, measure).len();
    let readout = readout_pieces(cell, layer, 0, layers, 0, 0).unwrap_or_default();
    let readout_lines = pack_lines(&readout, PIECE_SEPARATOR, READOUT_FONT, room, measure).len();
    (message_lines, readout_lines.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::notation::estimate_width;

    /// One GRU unit over 2 steps ([`LayerTrace::one_gru_unit`]).
    fn gru_layer() -> LayerTrace {
        LayerTrace::one_gru_unit()
    }

    #[test]
    fn the_message_says_the_belt_is_the_lstms_alone() {
        for cell in [CellKind::Gru, CellKind::Rnn] {
            let pieces = message_pieces(cell);
            assert!(
                pieces[0].contains("传送带") && pieces[1].contains("LSTM's alone"),
                "{cell}"
            );
            // Every piece fits a phone's line (340 px, the stations' width at 12 px).
            let room = StationAxis::new(340.0, 1).width;
            for piece in pieces {
                let w = crate::render::notation::measure_markup(&piece, MESSAGE_FONT, &estimate_width);
                assert!(w <= room, "{cell}: {piece:?} is {w} wide, the room {room}");
            }
        }
        assert!(message_pieces(CellKind::Gru)
            .iter()
            .any(|p| p.contains("z_t ⊙ h_{t−1}")));
        assert!(message_pieces(CellKind::Rnn)
            .iter()
            .any(|p| p.contains("rewritten through tanh")));
        assert!(message_pieces(CellKind::Lstm).is_empty());
    }

    #[test]
    fn the_grus_readout_splits_h_into_kept_and_written() {
        let l = gru_layer();
        let pieces = readout_pieces(CellKind::Gru, &l, 0, 1, 1, 0).unwrap();
        assert_eq!(
            pieces,
            [
                "t = 2, unit 1:",
                "h_{t−1} = 0.60",
                "z_t = 0.50 keeps z_t ⊙ h_{t−1} = 0.30",
                "(1 − z_t) ⊙ n_t = 0.50 × (−0.40) = −0.20 written",
                "h_t = 0.10",
            ]
        );
        let rnn = readout_pieces(CellKind::Rnn, &l, 1, 2, 0, 0).unwrap();
        assert_eq!(
            rnn,
            ["t = 1, unit 1, layer 2:", "h_{t−1} = 0.00", "h_t = tanh(…) = 0.60"]
        );
        assert_eq!(readout_pieces(CellKind::Gru, &l, 0, 1, 2, 0), None);
        assert_eq!(readout_pieces(CellKind::Lstm, &l, 0, 1, 0, 0), None);
    }

    #[test]
    fn the_chart_scale_holds_every_part() {
        let l = gru_layer();
        // Largest: h_1 = 0.6 (kept at step 2 is 0.3, written 0.6 at step 1).
        assert_eq!(half_range(CellKind::Gru, &l, 2, 0), 1.0);
        assert_eq!(half_range(CellKind::Rnn, &l, 2, 0), 1.0);
        let mut quiet = l.clone();
        quiet.hidden = vec![0.02, 0.01];
        quiet.rows[3].1 = quiet.hidden.clone();
        quiet.rows[2].1 = vec![0.02, 0.0];
        assert!(half_range(CellKind::Gru, &quiet, 2, 0) < 0.1);
    }

    #[test]
    fn the_layout_stacks_text_chart_and_readout_on_the_belts_stations() {
        let l = gru_layer();
        let (message, readout) = line_counts(CellKind::Gru, 700.0, &l, 1, &estimate_width);
        assert!(message >= 2, "the message needs lines: {message}");
        let narrow = line_counts(CellKind::Gru, 340.0, &l, 1, &estimate_width);
        assert!(narrow.0 > message && narrow.1 >= readout, "a phone needs more lines");
        let height = MemoryLayout::preferred_height(message, readout);
        let layout = MemoryLayout::new(700.0, height, 12, 3, message, readout);
        assert_eq!(layout.axis, StationAxis::new(700.0, 12), "the gradient bars line up");
        assert!((layout.chart.height - CHART_HEIGHT).abs() < 1e-9);
        assert!(layout.message.bottom() <= layout.header.y + 1e-9);
        assert!(layout.chart.bottom() <= layout.readout.y);
        assert!(layout.readout.bottom() <= height + 1e-9);
        let (x, y) = (layout.axis.center(4), layout.chart.center().1);
        assert_eq!(layout.at(x, y), Some(BeltHit { step: 4, unit: 3 }));
        assert_eq!(layout.at(x, layout.readout.center().1), None);
        // Values map into the chart, 0 in the middle, clamped at the half-range.
        let (_, mid) = layout.chart.center();
        assert_eq!(layout.y_of(0.0, 1.0), mid);
        assert!(layout.y_of(0.5, 1.0) < mid && layout.y_of(-0.5, 1.0) > mid);
        assert_eq!(layout.y_of(5.0, 1.0), layout.y_of(1.0, 1.0));
        assert!(layout.y_of(1.0, 1.0) >= layout.chart.y);
    }
}
