//! The geometry of the cell diagram: one LSTM cell drawn as in the article's figure, with the
//! main line (主线, c) running along the top, the three gates and the candidate below it, and
//! the inputs x_t and h_{t−1} coming in at the bottom.
//!
//! ```text
//!  c_{t−1} ───────⊗ k_t ─────────⊕ c_t ──────────┬──────────── c_t
//!                 │              │               tanh
//!                 │        i_t ──⊗ j_t            │
//!                 │         │    │        o_t ───⊗ h_t
//!                [σ]       [σ] [tanh]     [σ]     │
//!                 f_t       i_t  g_t      o_t     │
//!  h_{t−1} ───────┴─────────┴────┴────────┴       └──────────── h_t
//!        x_t ──┘
//! ```
//!
//! The GRU (PyTorch's `nn.GRU`) has no main line: its only memory is h, which runs along the
//! top, z_t keeping part of it (⊗) and (1 − z_t) ⊙ n_t written over the rest (⊕); r_t feeds the
//! candidate n_t:
//!
//! ```text
//!  h_{t−1} ──┬─────⊗ z⊙h ────────────────────⊕ h_t ─────────── h_t
//!            │     │                          │
//!            │     ├──────── (1−) ──────────▶ ⊗ (1−z)⊙n
//!            │     │                          │
//!            │    [σ] z_t      [σ] r_t ───▶ [tanh] n_t
//!            └─────┴────────────┴─────────────┴
//!        x_t ──┘
//! ```
//!
//! The RNN is the article's RNN figure: one tanh box, h_{t−1} and x_t in, h_t out.
//!
//! Each diagram is laid out once in a fixed frame of [`VIEW_WIDTH`] × [`VIEW_HEIGHT`] units and
//! scaled uniformly to fit the canvas, centred; the text is never smaller than
//! [`MIN_FONT`] CSS pixels. Each part (a [`Quantity`]) has one or more hit rectangles, so the
//! page can show the equation of the part under the pointer or the keyboard focus.

use crate::model::CellKind;
use crate::render::geometry::Rect;
use crate::render::notation::Quantity;

/// The width of the diagram's own frame.
pub const VIEW_WIDTH: f64 = 520.0;
/// The height of the diagram's own frame.
pub const VIEW_HEIGHT: f64 = 330.0;
/// The smallest text, in CSS pixels.
pub const MIN_FONT: f64 = 10.0;
/// The label size in frame units.
pub const FONT: f64 = 12.0;
/// `preferred` when text `width_at(preferred)` wide fits `room`, else smaller in proportion,
/// never below [`MIN_INSIDE_FONT`].
pub fn fitted_font(preferred: f64, room: f64, width_at: &dyn Fn(f64) -> f64) -> f64 {
    let width = width_at(preferred);
    if width <= room || width <= 0.0 {
        return preferred;
    }
    (preferred * room / width).max(MIN_INSIDE_FONT)
}

/// The smallest font of a value inside a gate box (CSS pixels), which must stay in its box.
pub const MIN_INSIDE_FONT: f64 = 7.5;

/// The y of the main line.
pub const BELT_Y: f64 = 62.0;
/// The y of the bus that carries [h_{t−1}, x_t] to the gates.
pub const BUS_Y: f64 = 252.0;
/// The y of the gates' centres.
pub const GATE_Y: f64 = 190.0;
/// The size of a gate's box.
pub const GATE_BOX: (f64, f64) = (46.0, 40.0);
/// The x of each gate's centre: f, i, g, o.
pub const GATE_X: [f64; 4] = [140.0, 205.0, 270.0, 335.0];
/// Where the lines enter and leave: the left and right ends of the main line and the bus.
pub const LEFT_END: f64 = 8.0;
/// The right end.
pub const RIGHT_END: f64 = 512.0;
/// The x at which x_t comes up into the bus.
pub const INPUT_X: f64 = 96.0;
/// The ⊗ of the forget gate on the main line (k_t = f_t ⊙ c_{t−1}).
pub const KEPT_AT: (f64, f64) = (140.0, BELT_Y);
/// The ⊕ where the supply joins the main line (c_t = k_t + j_t).
pub const ADDED_TO_BELT_AT: (f64, f64) = (270.0, BELT_Y);
/// The ⊗ of the input gate (j_t = i_t ⊙ g_t).
pub const SUPPLY_AT: (f64, f64) = (270.0, 128.0);
/// The tanh that squashes the main line for the output gate.
pub const TANH_AT: (f64, f64) = (400.0, 112.0);
/// The half-width and half-height of the tanh's ellipse.
pub const TANH_RADII: (f64, f64) = (24.0, 11.0);
/// The ⊗ of the output gate (h_t = o_t ⊙ tanh(c_t)).
pub const OUTPUT_AT: (f64, f64) = (400.0, GATE_Y);
/// The radius of a ⊗ or ⊕.
pub const JOINT_RADIUS: f64 = 11.0;
/// The rounded box of the cell.
pub const BODY: Rect = Rect::new(56.0, 30.0, 408.0, 252.0);

/// The gate quantities in the order of [`GATE_X`].
pub const GATES: [Quantity; 4] = [
    Quantity::ForgetGate,
    Quantity::InputGate,
    Quantity::CellGate,
    Quantity::OutputGate,
];

/// The GRU's gates and the x of their boxes' centres (on [`GATE_Y`]): z, r, n.
pub const GRU_GATES: [(Quantity, f64); 3] = [
    (Quantity::UpdateGate, 150.0),
    (Quantity::ResetGate, 270.0),
    (Quantity::NewGate, 370.0),
];
/// The x at which h_{t−1} leaves the top line down to the bus.
pub const GRU_BRANCH_X: f64 = 46.0;
/// The ⊗ on h's line that keeps z_t ⊙ h_{t−1}.
pub const GRU_KEEP_AT: (f64, f64) = (150.0, BELT_Y);
/// The 1 − z_t node.
pub const GRU_ONE_MINUS_AT: (f64, f64) = (270.0, 128.0);
/// The ⊗ of (1 − z_t) ⊙ n_t.
pub const GRU_WRITE_AT: (f64, f64) = (370.0, 128.0);
/// The ⊕ where h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}.
pub const GRU_MIX_AT: (f64, f64) = (370.0, BELT_Y);

/// The RNN's one tanh box: its centre and its size.
pub const RNN_BOX_AT: (f64, f64) = (260.0, 165.0);
/// The size of the RNN's box.
pub const RNN_BOX: (f64, f64) = (100.0, 56.0);
/// The rounded box of the RNN cell.
pub const RNN_BODY: Rect = Rect::new(150.0, 95.0, 220.0, 150.0);

/// The box of a gate at `x` (on [`GATE_Y`]) with the two lines of its name under it.
fn gate_rect(x: f64) -> Rect {
    let (w, h) = GATE_BOX;
    Rect::new(x - w / 2.0 - 2.0, GATE_Y - h / 2.0 - 2.0, w + 4.0, h + 4.0 + 34.0)
}

/// The hit rectangle of a ⊗ or ⊕ at `at`.
fn joint_rect((x, y): (f64, f64)) -> Rect {
    Rect::new(x - 16.0, y - 16.0, 32.0, 32.0)
}

/// The hit rectangles of a part of `cell`'s diagram, in frame units; none for a part the cell
/// does not have.
pub fn frame_rects(cell: CellKind, part: Quantity) -> Vec<Rect> {
    if !Quantity::parts(cell).contains(&part) {
        return Vec::new();
    }
    match cell {
        CellKind::Lstm => part_frame_rects(part),
        CellKind::Gru => gru_frame_rects(part),
        CellKind::Rnn => rnn_frame_rects(part),
    }
}

/// The GRU's hit rectangles.
fn gru_frame_rects(part: Quantity) -> Vec<Rect> {
    let label_above = |x: f64| Rect::new(x - 40.0, BODY.y + 2.0, 80.0, 18.0);
    match part {
        Quantity::Input => vec![Rect::new(INPUT_X - 8.0, BUS_Y + 6.0, 78.0, VIEW_HEIGHT - BUS_Y - 6.0)],
        Quantity::HiddenPrev => vec![Rect::new(0.0, BELT_Y - 22.0, BODY.x, 44.0)],
        Quantity::HiddenKept => vec![joint_rect(GRU_KEEP_AT), label_above(GRU_KEEP_AT.0)],
        Quantity::HiddenWritten => vec![
            joint_rect(GRU_WRITE_AT),
            Rect::new(GRU_WRITE_AT.0 + 14.0, GRU_WRITE_AT.1 - 12.0, 100.0, 24.0),
        ],
        Quantity::Hidden => vec![
            joint_rect(GRU_MIX_AT),
            label_above(GRU_MIX_AT.0),
            Rect::new(BODY.right() + 2.0, BELT_Y - 22.0, VIEW_WIDTH - BODY.right() - 2.0, 44.0),
        ],
        gate => GRU_GATES
            .iter()
            .find(|(q, _)| *q == gate)
            .map(|&(_, x)| vec![gate_rect(x)])
            .unwrap_or_default(),
    }
}

/// The RNN's hit rectangles.
fn rnn_frame_rects(part: Quantity) -> Vec<Rect> {
    let (cx, cy) = RNN_BOX_AT;
    let (w, h) = RNN_BOX;
    match part {
        Quantity::HiddenPrev => vec![Rect::new(0.0, cy - 25.0, cx - w / 2.0 - 10.0, 50.0)],
        Quantity::Input => vec![Rect::new(
            cx - 50.0,
            RNN_BODY.bottom() - 5.0,
            130.0,
            VIEW_HEIGHT - RNN_BODY.bottom() + 5.0,
        )],
        Quantity::Hidden => vec![
            Rect::new(cx - w / 2.0 - 2.0, cy - h / 2.0 - 2.0, w + 4.0, h + 4.0 + 34.0),
            Rect::new(cx + w / 2.0 + 10.0, cy - 25.0, VIEW_WIDTH - cx - w / 2.0 - 10.0, 50.0),
        ],
        _ => Vec::new(),
    }
}

/// The hit rectangles of a part of the LSTM's diagram, in frame units.
pub fn part_frame_rects(part: Quantity) -> Vec<Rect> {
    let joint = |(x, y): (f64, f64)| Rect::new(x - 16.0, y - 16.0, 32.0, 32.0);
    let gate = |k: usize| {
        let (w, h) = GATE_BOX;
        // The box and the two lines of its name under it.
        vec![Rect::new(
            GATE_X[k] - w / 2.0 - 2.0,
            GATE_Y - h / 2.0 - 2.0,
            w + 4.0,
            h + 4.0 + 34.0,
        )]
    };
    match part {
        Quantity::Input => vec![Rect::new(INPUT_X - 8.0, BUS_Y + 6.0, 78.0, VIEW_HEIGHT - BUS_Y - 6.0)],
        Quantity::HiddenPrev => vec![Rect::new(0.0, BUS_Y - 22.0, INPUT_X - 10.0, 30.0)],
        Quantity::CellPrev => vec![Rect::new(0.0, BELT_Y - 22.0, BODY.x, 44.0)],
        Quantity::ForgetGate => gate(0),
        Quantity::InputGate => gate(1),
        Quantity::CellGate => gate(2),
        Quantity::OutputGate => gate(3),
        // The ⊗ and its label above it.
        Quantity::Kept => vec![joint(KEPT_AT), Rect::new(KEPT_AT.0 - 36.0, BODY.y + 2.0, 72.0, 18.0)],
        Quantity::Added => vec![
            joint(SUPPLY_AT),
            Rect::new(SUPPLY_AT.0 + 14.0, SUPPLY_AT.1 - 12.0, 66.0, 22.0),
        ],
        Quantity::Cell => vec![
            joint(ADDED_TO_BELT_AT),
            Rect::new(ADDED_TO_BELT_AT.0 - 40.0, BODY.y + 2.0, 80.0, 18.0),
            Rect::new(BODY.right() + 2.0, BELT_Y - 22.0, VIEW_WIDTH - BODY.right() - 2.0, 44.0),
        ],
        Quantity::TanhCell => vec![Rect::new(
            TANH_AT.0 - TANH_RADII.0 - 4.0,
            TANH_AT.1 - TANH_RADII.1 - 4.0,
            2.0 * TANH_RADII.0 + 8.0 + 36.0,
            2.0 * TANH_RADII.1 + 8.0,
        )],
        Quantity::Hidden => vec![
            joint(OUTPUT_AT),
            Rect::new(
                BODY.right() - 20.0,
                BUS_Y - 22.0,
                VIEW_WIDTH - BODY.right() + 20.0,
                30.0,
            ),
        ],
        // The GRU's own parts are not in the LSTM's diagram.
        Quantity::ResetGate
        | Quantity::UpdateGate
        | Quantity::NewGate
        | Quantity::HiddenKept
        | Quantity::HiddenWritten => Vec::new(),
    }
}

/// The diagram placed on a canvas: the uniform scale and offset from frame units to CSS
/// pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellLayout {
    /// The cell drawn.
    pub cell: CellKind,
    /// CSS pixels per frame unit.
    pub scale: f64,
    /// The CSS x of the frame's left edge.
    pub left: f64,
    /// The CSS y of the frame's top edge.
    pub top: f64,
}

impl CellLayout {
    /// The LSTM's diagram as large as fits a canvas of `width` × `height`, centred.
    pub fn new(width: f64, height: f64) -> Self {
        Self::for_cell(CellKind::Lstm, width, height)
    }

    /// `cell`'s diagram as large as fits a canvas of `width` × `height`, centred (every
    /// cell's diagram has the same frame).
    pub fn for_cell(cell: CellKind, width: f64, height: f64) -> Self {
        let scale = (width / VIEW_WIDTH).min(height / VIEW_HEIGHT).max(0.0);
        CellLayout {
            cell,
            scale,
            left: (width - scale * VIEW_WIDTH) / 2.0,
            top: (height - scale * VIEW_HEIGHT) / 2.0,
        }
    }

    /// The canvas height that fits the diagram at the full canvas `width`.
    pub fn preferred_height(width: f64) -> f64 {
        (width.max(0.0) * VIEW_HEIGHT / VIEW_WIDTH).ceil()
    }

    /// A frame point in CSS pixels.
    pub fn point(&self, x: f64, y: f64) -> (f64, f64) {
        (self.left + x * self.scale, self.top + y * self.scale)
    }

    /// A frame length in CSS pixels.
    pub fn length(&self, d: f64) -> f64 {
        d * self.scale
    }

    /// A frame rectangle in CSS pixels.
    pub fn rect(&self, r: Rect) -> Rect {
        let (x, y) = self.point(r.x, r.y);
        Rect::new(x, y, self.length(r.width), self.length(r.height))
    }

    /// A font size given in frame units, in CSS pixels, never below [`MIN_FONT`].
    pub fn font(&self, size: f64) -> f64 {
        (size * self.scale).max(MIN_FONT)
    }

    /// The font size (CSS pixels) of a value inside a gate box: `preferred` (already in CSS
    /// pixels) when the text, `width_at(size)` wide, fits the box with 3 px either side, else
    /// smaller in proportion, down to [`MIN_INSIDE_FONT`]: on a phone the diagram shrinks below
    /// the smallest label font, and "−0.99" would leave its box.
    pub fn inside_font(&self, preferred: f64, width_at: &dyn Fn(f64) -> f64) -> f64 {
        fitted_font(preferred, self.length(GATE_BOX.0) - 6.0, width_at)
    }

    /// The font size of a gate's name under its box: `preferred`, or smaller so that the pill
    /// (4 px padding either side) leaves 3 px to its neighbours' ("补给来源" beside "输出门" on a
    /// phone).
    pub fn name_font(&self, preferred: f64, width_at: &dyn Fn(f64) -> f64) -> f64 {
        fitted_font(preferred, self.length(GATE_X[1] - GATE_X[0]) - 11.0, width_at)
    }

    /// The hit rectangles of `part` in CSS pixels.
    pub fn part_rects(&self, part: Quantity) -> Vec<Rect> {
        frame_rects(self.cell, part).into_iter().map(|r| self.rect(r)).collect()
    }

    /// The parts of the cell drawn.
    pub fn parts(&self) -> &'static [Quantity] {
        Quantity::parts(self.cell)
    }

    /// The part under the point (`x`, `y`) in CSS pixels, or `None`.
    pub fn at(&self, x: f64, y: f64) -> Option<Quantity> {
        self.parts()
            .iter()
            .copied()
            .find(|&q| self.part_rects(q).iter().any(|r| r.contains(x, y)))
    }

    /// One rectangle per part, the bounding box of its hit rectangles: where the page can put
    /// a focusable element for keyboard users.
    pub fn part_bounds(&self, part: Quantity) -> Rect {
        let rects = self.part_rects(part);
        let x0 = rects.iter().map(|r| r.x).fold(f64::INFINITY, f64::min);
        let y0 = rects.iter().map(|r| r.y).fold(f64::INFINITY, f64::min);
        let x1 = rects.iter().map(|r| r.right()).fold(f64::NEG_INFINITY, f64::max);
        let y1 = rects.iter().map(|r| r.bottom()).fold(f64::NEG_INFINITY, f64::max);
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_do_not_share_any_point() {
        for cell in CellKind::ALL {
            let parts = Quantity::parts(cell);
            for (k, &a) in parts.iter().enumerate() {
                assert!(!frame_rects(cell, a).is_empty(), "{cell} {a:?} has no place");
                for &b in &parts[k + 1..] {
                    for ra in frame_rects(cell, a) {
                        for rb in frame_rects(cell, b) {
                            assert!(!ra.overlaps(&rb), "{cell}: {a:?} {ra:?} overlaps {b:?} {rb:?}");
                        }
                    }
                }
            }
        }
        // A part of another cell has no place in this one.
        assert!(frame_rects(CellKind::Lstm, Quantity::UpdateGate).is_empty());
        assert!(frame_rects(CellKind::Rnn, Quantity::ForgetGate).is_empty());
    }

    #[test]
    fn every_part_lies_within_the_frame() {
        let frame = Rect::new(0.0, 0.0, VIEW_WIDTH, VIEW_HEIGHT);
        for (cell, q) in CellKind::ALL
            .into_iter()
            .flat_map(|c| Quantity::parts(c).iter().map(move |&q| (c, q)))
        {
            for r in frame_rects(cell, q) {
                assert!(r.x >= 0.0 && r.y >= 0.0, "{q:?} {r:?}");
                assert!(
                    r.right() <= frame.right() + 1e-9 && r.bottom() <= frame.bottom() + 1e-9,
                    "{q:?} {r:?}"
                );
            }
        }
    }

    #[test]
    fn the_diagram_fits_and_centres_on_any_canvas() {
        let wide = CellLayout::new(1040.0, 330.0);
        assert_eq!(wide.scale, 1.0);
        assert_eq!((wide.left, wide.top), (260.0, 0.0));
        let tall = CellLayout::new(520.0, 660.0);
        assert_eq!((tall.scale, tall.left, tall.top), (1.0, 0.0, 165.0));
        let phone = CellLayout::new(340.0, CellLayout::preferred_height(340.0));
        assert!((phone.scale - 340.0 / 520.0).abs() < 1e-9);
        assert_eq!(
            phone.font(FONT),
            MIN_FONT,
            "text stays legible when the diagram shrinks"
        );
        assert_eq!(wide.font(FONT), FONT);
    }

    #[test]
    fn the_pointer_finds_each_part_at_its_centre() {
        for cell in CellKind::ALL {
            let layout = CellLayout::for_cell(cell, 780.0, 495.0);
            for &q in Quantity::parts(cell) {
                let (cx, cy) = layout.part_rects(q)[0].center();
                assert_eq!(layout.at(cx, cy), Some(q), "{cell} {q:?}");
            }
        }
        let gru = CellLayout::for_cell(CellKind::Gru, 520.0, 330.0);
        let (x, y) = gru.point(GRU_WRITE_AT.0, GRU_WRITE_AT.1);
        assert_eq!(gru.at(x, y), Some(Quantity::HiddenWritten));
        let (x, y) = gru.point(GRU_GATES[0].1, GATE_Y);
        assert_eq!(gru.at(x, y), Some(Quantity::UpdateGate));
        let rnn = CellLayout::for_cell(CellKind::Rnn, 520.0, 330.0);
        let (x, y) = rnn.point(RNN_BOX_AT.0, RNN_BOX_AT.1);
        assert_eq!(rnn.at(x, y), Some(Quantity::Hidden));
        let layout = CellLayout::new(780.0, 495.0);
        let (x, y) = layout.point(KEPT_AT.0, KEPT_AT.1);
        assert_eq!(layout.at(x, y), Some(Quantity::Kept));
        let (x, y) = layout.point(GATE_X[3], GATE_Y);
        assert_eq!(layout.at(x, y), Some(Quantity::OutputGate));
        assert_eq!(layout.at(1.0, 494.0), None);
    }

    #[test]
    fn a_parts_bounds_hold_all_its_rectangles() {
        let layout = CellLayout::new(520.0, 330.0);
        let bounds = layout.part_bounds(Quantity::Cell);
        for r in layout.part_rects(Quantity::Cell) {
            assert!(r.x >= bounds.x && r.right() <= bounds.right() + 1e-9);
            assert!(r.y >= bounds.y && r.bottom() <= bounds.bottom() + 1e-9);
        }
        assert!(bounds.width > 200.0, "the ⊕ and the exit on the right");
    }

    #[test]
    fn a_gate_value_fits_its_box_on_a_phone() {
        use crate::render::notation::estimate_width;
        for width in [320.0, 390.0, 520.0, 1000.0] {
            let layout = CellLayout::new(width, CellLayout::preferred_height(width));
            let preferred = layout.font(FONT);
            let size = layout.inside_font(preferred, &|size| estimate_width("−0.99", size));
            let room = layout.length(GATE_BOX.0) - 6.0;
            assert!(estimate_width("−0.99", size) <= room + 1e-9, "{width} px: {size}");
            assert!(size <= preferred && size >= MIN_INSIDE_FONT);
        }
        // The gates' names leave room to each other at 390 px.
        let phone = CellLayout::new(390.0, CellLayout::preferred_height(390.0));
        let size = phone.name_font(phone.font(11.0), &|size| estimate_width("补给来源", size));
        let pitch = phone.length(GATE_X[1] - GATE_X[0]);
        assert!(estimate_width("补给来源", size) + 8.0 + 3.0 <= pitch + 1e-9, "{size}");
        // A wide diagram keeps its font.
        let wide = CellLayout::new(1000.0, 640.0);
        assert_eq!(wide.inside_font(wide.font(FONT), &|s| s * 2.0), wide.font(FONT));
    }
}
