//! The cell diagram on a canvas ([`CellLayout`]): the article's figure of one LSTM cell (or the
//! GRU's, or the article's RNN figure, by the trace's cell) with the live numbers of the
//! selected step and unit. Each gate's box is filled with its value's
//! colour (the heatmaps' maps), each ⊗/⊕ with its result's colour, and a focused part (under
//! the pointer or the keyboard focus) is shaded.

use crate::model::CellKind;
use crate::render::canvas::RenderError;
use crate::render::cell::{
    CellLayout, ADDED_TO_BELT_AT, BELT_Y, BODY, BUS_Y, FONT, GATES, GATE_BOX, GATE_X, GATE_Y, GRU_BRANCH_X, GRU_GATES,
    GRU_KEEP_AT, GRU_MIX_AT, GRU_ONE_MINUS_AT, GRU_WRITE_AT, INPUT_X, JOINT_RADIUS, KEPT_AT, LEFT_END, OUTPUT_AT,
    RIGHT_END, RNN_BODY, RNN_BOX, RNN_BOX_AT, SUPPLY_AT, TANH_AT, TANH_RADII, VIEW_HEIGHT, VIEW_WIDTH,
};
use crate::render::colormap::{cell_half_range, ink_on, ColorScale};
use crate::render::geometry::Rect;
use crate::render::notation::{format_value, Quantity, Range};
use crate::render::paint::{Align, Font, Painter, Valign};
use crate::render::palette::{Rgb, GRID, INK, MUTED};
use crate::render::words::{at_step, text_scale, word_with};
use crate::trace::LayerTrace;
use web_sys::HtmlCanvasElement;

/// The inside of the cell.
pub const BODY_FILL: Rgb = Rgb::new(247, 248, 250);
/// The main line.
pub const BELT_LINE: Rgb = Rgb::new(70, 70, 70);
/// The shading of the focused part.
pub const FOCUS: Rgb = crate::render::belt_view::PLAYHEAD_BAND;

/// What the diagram shows.
#[derive(Clone, Copy, Debug)]
pub struct CellView<'a> {
    /// The cell of the trace, whose diagram is drawn.
    pub cell: CellKind,
    /// The layer's trace.
    pub layer: &'a LayerTrace,
    /// Which layer (0-based) and how many, for the title.
    pub layer_index: usize,
    /// The number of layers.
    pub layers: usize,
    /// The step, 0-based.
    pub step: usize,
    /// The unit, 0-based.
    pub unit: usize,
    /// The part to shade, if any.
    pub focus: Option<Quantity>,
}

/// Draws the diagram onto `canvas` at `pixel_ratio`; returns its layout for pointer look-ups.
pub fn draw_cell(canvas: &HtmlCanvasElement, pixel_ratio: f64, view: &CellView) -> Result<CellLayout, RenderError> {
    let p = Painter::new(canvas, pixel_ratio)?;
    let layout = CellLayout::for_cell(view.cell, p.width, p.height);
    let d = Diagram {
        p: &p,
        layout,
        view,
        m: cell_half_range(view.layer),
    };
    d.draw();
    Ok(layout)
}

/// The drawing, in the diagram's own frame units.
struct Diagram<'a> {
    p: &'a Painter,
    layout: CellLayout,
    view: &'a CellView<'a>,
    m: f64,
}

impl Diagram<'_> {
    fn pt(&self, x: f64, y: f64) -> (f64, f64) {
        self.layout.point(x, y)
    }

    fn len(&self, d: f64) -> f64 {
        self.layout.length(d)
    }

    fn font(&self, size: f64, bold: bool, color: Rgb) -> Font {
        Font {
            size: self.layout.font(size),
            bold,
            color,
        }
    }

    fn value(&self, q: Quantity) -> f64 {
        q.value(self.view.layer, self.view.step, self.view.unit)
            .map_or(f64::NAN, |v| v as f64)
    }

    /// The colour of a quantity's value, on its heatmap's scale.
    fn color(&self, q: Quantity) -> Rgb {
        ColorScale::for_range(q.range(), self.m).color(self.value(q))
    }

    fn text(&self, markup: &str, at: (f64, f64), font: Font, align: Align, valign: Valign) {
        let (x, y) = self.pt(at.0, at.1);
        self.p.text(markup, x, y, font, align, valign);
    }

    fn wire(&self, points: &[(f64, f64)], arrow: bool) {
        let screen: Vec<(f64, f64)> = points.iter().map(|&(x, y)| self.pt(x, y)).collect();
        let width = self.len(1.4).max(1.0);
        if arrow && screen.len() >= 2 {
            let n = screen.len();
            self.p.polyline(&screen[..n - 1], MUTED, width);
            self.p
                .arrow(screen[n - 2], screen[n - 1], MUTED, width, self.len(7.0).max(5.0));
        } else {
            self.p.polyline(&screen, MUTED, width);
        }
    }

    fn draw(&self) {
        let (p, view) = (self.p, self.view);
        let body = self
            .layout
            .rect(if view.cell == CellKind::Rnn { RNN_BODY } else { BODY });
        p.round_rect(body, self.len(14.0), Some(BODY_FILL), Some((GRID, 1.5)));
        if let Some(focus) = view.focus {
            for r in self.layout.part_rects(focus) {
                p.round_rect(r, self.len(6.0), Some(FOCUS), Some((INK, 1.0)));
            }
        }
        let title = at_step(view.step, view.unit, (view.layers > 1).then_some(view.layer_index));
        self.text(
            &title,
            (VIEW_WIDTH / 2.0, 14.0),
            self.font(13.0, true, INK),
            Align::Center,
            Valign::Middle,
        );
        match view.cell {
            CellKind::Lstm => {
                self.draw_wires();
                self.draw_joints();
                self.draw_gates();
                self.draw_labels();
            }
            CellKind::Gru => self.draw_gru(),
            CellKind::Rnn => self.draw_rnn(),
        }
    }

    /// A gate's box at (`x`, `y`) of size `size`, filled with its value's colour, its activation
    /// and value inside, its symbol and name under it.
    fn gate_box(&self, q: Quantity, (x, y): (f64, f64), (w, h): (f64, f64)) {
        let fill = self.color(q);
        let ink = ink_on(fill);
        let r = self.layout.rect(Rect::new(x - w / 2.0, y - h / 2.0, w, h));
        self.p.round_rect(r, self.len(5.0), Some(fill), Some((INK, 1.2)));
        let activation = if q.range() == Range::Sigmoid { "σ" } else { "tanh" };
        // The box is drawn to the diagram's scale, so its text stays at the diagram's scale too
        // (divided by the page's text scale, which the painter applies again); the labels under
        // it grow with the page's text.
        let inside = 1.0 / text_scale();
        self.text(
            activation,
            (x, y - 9.0),
            self.font(10.5 * inside, false, ink),
            Align::Center,
            Valign::Middle,
        );
        // The value shrinks to fit its box on a small diagram ([`CellLayout::inside_font`]).
        let value = format_value(self.value(q));
        let mut font = self.font(FONT * inside, true, ink);
        let shown = font.size * text_scale();
        let fitted = self.layout.inside_font(shown, &|size| {
            self.p.measure(
                &value,
                Font {
                    size: size / text_scale(),
                    ..font
                },
            )
        });
        font.size *= fitted / shown;
        self.text(&value, (x, y + 8.0), font, Align::Center, Valign::Middle);
        // The name under the box, on the cell's colour (or the focus') so the wire behind it
        // breaks; stacked by their real sizes, which stop shrinking at the smallest legible font.
        let background = if self.view.focus == Some(q) { FOCUS } else { BODY_FILL };
        let font = self.font(FONT, true, INK);
        let mut name_font = self.font(11.0, false, INK);
        // The page's short word for the gate (the article's name in 中文), fitted to the box.
        let name = short_name(q, self.view.cell);
        let shown = name_font.size * text_scale();
        let fitted = self.layout.name_font(shown, &|size| {
            self.p.measure(
                &name,
                Font {
                    size: size / text_scale(),
                    ..name_font
                },
            )
        });
        name_font.size *= fitted / shown;
        let (sx, box_bottom) = self.pt(x, y + h / 2.0);
        let (size, name_size) = (font.size * text_scale(), name_font.size * text_scale());
        let symbol_y = box_bottom + 2.0 + size * 0.65;
        let name_y = symbol_y + size * 0.6 + name_size * 0.75;
        self.p
            .pill(q.symbol(), (sx, symbol_y), font, Align::Center, background, None);
        self.p
            .pill(&name, (sx, name_y), name_font, Align::Center, background, None);
    }

    /// x_t's label at the bottom, at `x`.
    fn input_label(&self, x: f64) {
        let text = match self.view.layer.d_input {
            1 => {
                let x = Quantity::Input.value(self.view.layer, self.view.step, 0);
                format!("x_t = {}", format_value(x.map_or(f64::NAN, |v| v as f64)))
            }
            d => format!(
                "x_t: {}",
                word_with("canvas.cell.values", "{d} values", &[("d", &d.to_string())])
            ),
        };
        self.text(
            &text,
            (x + 8.0, VIEW_HEIGHT - 24.0),
            self.font(FONT, false, INK),
            Align::Left,
            Valign::Middle,
        );
    }

    /// The GRU: h along the top, kept by z_t (⊗) and written over by (1 − z_t) ⊙ n_t (⊕).
    fn draw_gru(&self) {
        let r = JOINT_RADIUS;
        let (w, h) = GATE_BOX;
        let top = GATE_Y - h / 2.0;
        let [(_, z_x), (_, r_x), (_, n_x)] = GRU_GATES;
        let v = |q: Quantity| format_value(self.value(q));
        let label = self.font(FONT, false, INK);
        let bold = self.font(FONT, true, INK);
        // h's line, thick, end to end: the GRU's only memory.
        let (a, b) = (self.pt(LEFT_END, BELT_Y), self.pt(RIGHT_END, BELT_Y));
        self.p
            .arrow(a, b, BELT_LINE, self.len(3.5).max(2.0), self.len(10.0).max(6.0));
        // h_{t−1} down into the bus [h_{t−1}, x_t], and the bus up into the gates.
        self.wire(&[(GRU_BRANCH_X, BELT_Y), (GRU_BRANCH_X, BUS_Y), (n_x, BUS_Y)], false);
        self.wire(&[(INPUT_X, VIEW_HEIGHT - 10.0), (INPUT_X, BUS_Y)], false);
        for (_, x) in GRU_GATES {
            self.wire(&[(x, BUS_Y), (x, GATE_Y + h / 2.0 + 1.0)], true);
        }
        // z_t up into the ⊗ that keeps z_t ⊙ h_{t−1}, and across through 1 − z_t.
        self.wire(&[(z_x, top), (GRU_KEEP_AT.0, GRU_KEEP_AT.1 + r + 1.0)], true);
        self.wire(
            &[
                (z_x, GRU_ONE_MINUS_AT.1),
                (GRU_ONE_MINUS_AT.0 - r - 1.0, GRU_ONE_MINUS_AT.1),
            ],
            true,
        );
        self.wire(
            &[
                (GRU_ONE_MINUS_AT.0 + r, GRU_ONE_MINUS_AT.1),
                (GRU_WRITE_AT.0 - r - 1.0, GRU_WRITE_AT.1),
            ],
            true,
        );
        // r_t into the candidate, n_t up into its ⊗, the product up into ⊕.
        self.wire(&[(r_x + w / 2.0, GATE_Y), (n_x - w / 2.0 - 1.0, GATE_Y)], true);
        self.wire(&[(n_x, top), (GRU_WRITE_AT.0, GRU_WRITE_AT.1 + r + 1.0)], true);
        self.wire(
            &[
                (GRU_WRITE_AT.0, GRU_WRITE_AT.1 - r),
                (GRU_MIX_AT.0, GRU_MIX_AT.1 + r + 1.0),
            ],
            true,
        );
        for (at, q, plus) in [
            (GRU_KEEP_AT, Quantity::HiddenKept, false),
            (GRU_WRITE_AT, Quantity::HiddenWritten, false),
            (GRU_MIX_AT, Quantity::Hidden, true),
        ] {
            let fill = self.color(q);
            self.p.joint(self.pt(at.0, at.1), self.len(r), fill, ink_on(fill), plus);
        }
        self.p.circle(
            self.pt(GRU_ONE_MINUS_AT.0, GRU_ONE_MINUS_AT.1),
            self.len(r),
            Some(BODY_FILL),
            Some((INK, 1.2)),
        );
        self.text(
            "1−",
            GRU_ONE_MINUS_AT,
            self.font(10.5, false, INK),
            Align::Center,
            Valign::Middle,
        );
        for (q, x) in GRU_GATES {
            self.gate_box(q, (x, GATE_Y), GATE_BOX);
        }
        // The numbers.
        self.text("h_{t−1}", (LEFT_END, BELT_Y - 7.0), bold, Align::Left, Valign::Baseline);
        self.text(
            &v(Quantity::HiddenPrev),
            (LEFT_END, BELT_Y + 8.0),
            label,
            Align::Left,
            Valign::Top,
        );
        self.text("h_t", (RIGHT_END, BELT_Y - 7.0), bold, Align::Right, Valign::Baseline);
        self.text(
            &v(Quantity::Hidden),
            (RIGHT_END, BELT_Y + 8.0),
            label,
            Align::Right,
            Valign::Top,
        );
        self.text(
            &format!("z⊙h = {}", v(Quantity::HiddenKept)),
            (GRU_KEEP_AT.0, 41.0),
            label,
            Align::Center,
            Valign::Middle,
        );
        self.text(
            &format!("h_t = {}", v(Quantity::Hidden)),
            (GRU_MIX_AT.0, 41.0),
            label,
            Align::Center,
            Valign::Middle,
        );
        self.text(
            &format!("(1−z)⊙n = {}", v(Quantity::HiddenWritten)),
            (GRU_WRITE_AT.0 + r + 5.0, GRU_WRITE_AT.1),
            label,
            Align::Left,
            Valign::Middle,
        );
        let one_minus_z = 1.0 - self.value(Quantity::UpdateGate);
        self.text(
            &format!("1−z = {}", format_value(one_minus_z)),
            (GRU_ONE_MINUS_AT.0, GRU_ONE_MINUS_AT.1 + r + 10.0),
            self.font(10.5, false, MUTED),
            Align::Center,
            Valign::Middle,
        );
        self.input_label(INPUT_X);
    }

    /// The RNN, as the article's figure: one tanh box, h_{t−1} and x_t in, h_t out.
    fn draw_rnn(&self) {
        let (cx, cy) = RNN_BOX_AT;
        let (w, h) = RNN_BOX;
        let v = |q: Quantity| format_value(self.value(q));
        let label = self.font(FONT, false, INK);
        let bold = self.font(FONT, true, INK);
        self.wire(&[(LEFT_END, cy), (cx - w / 2.0 - 1.0, cy)], true);
        // x_t comes up beside the box's name, into the box.
        let input_x = cx - 35.0;
        self.wire(&[(input_x, VIEW_HEIGHT - 10.0), (input_x, cy + h / 2.0 + 1.0)], true);
        self.p.arrow(
            self.pt(cx + w / 2.0, cy),
            self.pt(RIGHT_END, cy),
            BELT_LINE,
            self.len(2.0).max(1.5),
            self.len(8.0).max(5.0),
        );
        self.gate_box(Quantity::Hidden, (cx, cy), (w, h));
        self.text("h_{t−1}", (LEFT_END, cy - 7.0), bold, Align::Left, Valign::Baseline);
        self.text(
            &v(Quantity::HiddenPrev),
            (LEFT_END, cy + 8.0),
            label,
            Align::Left,
            Valign::Top,
        );
        self.text("h_t", (RIGHT_END, cy - 7.0), bold, Align::Right, Valign::Baseline);
        self.text(
            &v(Quantity::Hidden),
            (RIGHT_END, cy + 8.0),
            label,
            Align::Right,
            Valign::Top,
        );
        self.input_label(input_x);
    }

    fn draw_wires(&self) {
        let r = JOINT_RADIUS;
        let (_, box_h) = GATE_BOX;
        // The main line, thick, end to end.
        let (a, b) = (self.pt(LEFT_END, BELT_Y), self.pt(RIGHT_END, BELT_Y));
        self.p
            .arrow(a, b, BELT_LINE, self.len(3.5).max(2.0), self.len(10.0).max(6.0));
        // The bus [h_{t−1}, x_t] and its branches up into the gates.
        self.wire(&[(LEFT_END, BUS_Y), (GATE_X[3], BUS_Y)], false);
        self.wire(&[(INPUT_X, VIEW_HEIGHT - 10.0), (INPUT_X, BUS_Y)], false);
        for &x in &GATE_X {
            self.wire(&[(x, BUS_Y), (x, GATE_Y + box_h / 2.0 + 1.0)], true);
        }
        let top = GATE_Y - box_h / 2.0;
        // f_t up into the forget gate's ⊗ on the belt.
        self.wire(&[(GATE_X[0], top), (KEPT_AT.0, KEPT_AT.1 + r + 1.0)], true);
        // i_t and g_t into the ⊗ of the supply, and j_t up into ⊕.
        self.wire(
            &[
                (GATE_X[1], top),
                (GATE_X[1], SUPPLY_AT.1),
                (SUPPLY_AT.0 - r - 1.0, SUPPLY_AT.1),
            ],
            true,
        );
        self.wire(&[(GATE_X[2], top), (SUPPLY_AT.0, SUPPLY_AT.1 + r + 1.0)], true);
        self.wire(
            &[
                (SUPPLY_AT.0, SUPPLY_AT.1 - r),
                (ADDED_TO_BELT_AT.0, ADDED_TO_BELT_AT.1 + r + 1.0),
            ],
            true,
        );
        // tanh(c_t) tapped off the belt, o_t beside it, h_t out.
        self.wire(
            &[(TANH_AT.0, BELT_Y), (TANH_AT.0, TANH_AT.1 - TANH_RADII.1 - 1.0)],
            true,
        );
        self.wire(
            &[
                (TANH_AT.0, TANH_AT.1 + TANH_RADII.1),
                (OUTPUT_AT.0, OUTPUT_AT.1 - r - 1.0),
            ],
            true,
        );
        self.wire(
            &[
                (GATE_X[3] + GATE_BOX.0 / 2.0, GATE_Y),
                (OUTPUT_AT.0 - r - 1.0, OUTPUT_AT.1),
            ],
            true,
        );
        self.wire(
            &[(OUTPUT_AT.0, OUTPUT_AT.1 + r), (OUTPUT_AT.0, BUS_Y), (RIGHT_END, BUS_Y)],
            true,
        );
    }

    fn draw_joints(&self) {
        let r = self.len(JOINT_RADIUS);
        for (at, q, plus) in [
            (KEPT_AT, Quantity::Kept, false),
            (ADDED_TO_BELT_AT, Quantity::Cell, true),
            (SUPPLY_AT, Quantity::Added, false),
            (OUTPUT_AT, Quantity::Hidden, false),
        ] {
            let fill = self.color(q);
            self.p.joint(self.pt(at.0, at.1), r, fill, ink_on(fill), plus);
        }
        let fill = self.color(Quantity::TanhCell);
        self.p.ellipse(
            self.pt(TANH_AT.0, TANH_AT.1),
            (self.len(TANH_RADII.0), self.len(TANH_RADII.1)),
            Some(fill),
            Some((INK, 1.2)),
        );
        self.text(
            "tanh",
            TANH_AT,
            self.font(10.5, false, ink_on(fill)),
            Align::Center,
            Valign::Middle,
        );
    }

    /// The LSTM's four gate boxes, in the article's order, on their row.
    fn draw_gates(&self) {
        for (k, &q) in GATES.iter().enumerate() {
            self.gate_box(q, (GATE_X[k], GATE_Y), GATE_BOX);
        }
    }

    fn draw_labels(&self) {
        let v = |q: Quantity| format_value(self.value(q));
        let label = self.font(FONT, false, INK);
        let bold = self.font(FONT, true, INK);
        // The main line in and out.
        self.text("c_{t−1}", (LEFT_END, BELT_Y - 7.0), bold, Align::Left, Valign::Baseline);
        self.text(
            &v(Quantity::CellPrev),
            (LEFT_END, BELT_Y + 8.0),
            label,
            Align::Left,
            Valign::Top,
        );
        self.text("c_t", (RIGHT_END, BELT_Y - 7.0), bold, Align::Right, Valign::Baseline);
        self.text(
            &v(Quantity::Cell),
            (RIGHT_END, BELT_Y + 8.0),
            label,
            Align::Right,
            Valign::Top,
        );
        // The results on the belt and of the supply.
        self.text(
            &format!("k_t = {}", v(Quantity::Kept)),
            (KEPT_AT.0, 41.0),
            label,
            Align::Center,
            Valign::Middle,
        );
        self.text(
            &format!("c_t = {}", v(Quantity::Cell)),
            (ADDED_TO_BELT_AT.0, 41.0),
            label,
            Align::Center,
            Valign::Middle,
        );
        self.text(
            &format!("j_t = {}", v(Quantity::Added)),
            (SUPPLY_AT.0 + JOINT_RADIUS + 5.0, SUPPLY_AT.1),
            label,
            Align::Left,
            Valign::Middle,
        );
        self.text(
            &v(Quantity::TanhCell),
            (TANH_AT.0 + TANH_RADII.0 + 5.0, TANH_AT.1),
            label,
            Align::Left,
            Valign::Middle,
        );
        // The inputs and the output.
        // h_{t−1} above its wire and its value below, as c_{t−1}: on one line it ran into the
        // forget gate's name on a phone.
        self.text("h_{t−1}", (LEFT_END, BUS_Y - 7.0), bold, Align::Left, Valign::Baseline);
        self.text(
            &v(Quantity::HiddenPrev),
            (LEFT_END, BUS_Y + 8.0),
            label,
            Align::Left,
            Valign::Top,
        );
        let x = match self.view.layer.d_input {
            // x_t has d components of its own, not H: with d = 1, the first is the value.
            1 => {
                let x = Quantity::Input.value(self.view.layer, self.view.step, 0);
                format!("x_t = {}", format_value(x.map_or(f64::NAN, |v| v as f64)))
            }
            d => format!(
                "x_t: {}",
                word_with("canvas.cell.values", "{d} values", &[("d", &d.to_string())])
            ),
        };
        self.text(
            &x,
            (INPUT_X + 8.0, VIEW_HEIGHT - 24.0),
            label,
            Align::Left,
            Valign::Middle,
        );
        self.text(
            &format!("h_t = {}", v(Quantity::Hidden)),
            (RIGHT_END, BUS_Y - 7.0),
            bold,
            Align::Right,
            Valign::Baseline,
        );
    }
}

/// The name under a gate's box: one short word (`canvas.cell.name.<key>`: forget, input,
/// supply, output; the article's 遗忘门, 输入门, 补给来源, 输出门 in 中文), since the boxes stand
/// about 40 px apart on a phone; other parts take their full name (see
/// [`Quantity::page_name_in`]).
fn short_name(q: Quantity, cell: CellKind) -> String {
    let english = match q {
        Quantity::ForgetGate => "forget",
        Quantity::InputGate => "input",
        Quantity::CellGate => "supply",
        Quantity::OutputGate => "output",
        Quantity::ResetGate => "reset",
        Quantity::UpdateGate => "update",
        Quantity::NewGate => "new",
        _ => return q.page_name_in(cell),
    };
    crate::render::words::word(&format!("canvas.cell.name.{}", q.key()), english)
}
