//! Plain Canvas 2D drawing for the gate views, in CSS pixels.
//!
//! The heatmaps, the belt and the cell diagram are rectangles, lines, circles and labels, drawn
//! straight onto the canvas' 2-D context: thousands of cells a frame at 60 fps, and a playhead
//! at a fractional position. [`Painter::new`] sizes the backing store for the screen (as the
//! charts do, [`fit_backing_store`]) and scales the context by the pixel ratio, so everything
//! here is given in CSS pixels; rectangles are snapped to device pixels, so a grid of cells has
//! no seams.
//!
//! Labels are written in the small markup of [`rich_text`]: `c_{t−1}` draws a subscript.

use crate::render::canvas::{context_2d, fit_backing_store, RenderError};
use crate::render::geometry::Rect;
use crate::render::notation::{rich_text, SUBSCRIPT_SCALE};
use crate::render::palette::{Rgb, BACKGROUND, FONT_FAMILY};
use crate::render::words::text_scale;
use std::cell::RefCell;
use std::collections::HashMap;
use std::f64::consts::TAU;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::ImageData;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

thread_local! {
    /// The canvases [`Painter::pixels`] puts its images on before scaling them, one per image
    /// size: the heatmaps and their colour bars alternate sizes, and resizing one canvas for
    /// each image cleared and reallocated it every time.
    static SCRATCH: RefCell<HashMap<(u32, u32), HtmlCanvasElement>> = RefCell::new(HashMap::new());

    /// Widths of text already measured, by (CSS font, text). A label's width depends only on
    /// both (the page loads no web font that could change it later), and the views write the
    /// same few hundred labels every frame: asking the canvas each time cost more than drawing
    /// (measureText was a quarter of the belt's time in a profile, with the strings copied out
    /// of wasm for every call).
    static WIDTHS: RefCell<HashMap<(String, String), f64>> = RefCell::new(HashMap::new());
}

/// The most widths kept; past it the cache starts again (a scrubbed run writes new numbers).
const MAX_CACHED_WIDTHS: usize = 4096;

/// The most scratch canvases kept (a few sizes are drawn at once: heatmaps, colour bars).
const MAX_SCRATCH_CANVASES: usize = 16;

/// The scratch canvas of `width` × `height` pixels, created on first use (not in the document).
fn scratch_canvas(width: u32, height: u32) -> Result<HtmlCanvasElement, RenderError> {
    if let Some(canvas) = SCRATCH.with(|s| s.borrow().get(&(width, height)).cloned()) {
        return Ok(canvas);
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| RenderError("no document to make a scratch canvas in".into()))?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")?
        .dyn_into()
        .map_err(|_| RenderError("the scratch element is not a canvas".into()))?;
    canvas.set_width(width);
    canvas.set_height(height);
    SCRATCH.with(|s| {
        let mut canvases = s.borrow_mut();
        if canvases.len() >= MAX_SCRATCH_CANVASES {
            canvases.clear();
        }
        canvases.insert((width, height), canvas.clone());
    });
    Ok(canvas)
}

/// The font size of a run of a label in `font`: smaller for a subscript.
fn run_size(font: Font, subscript: bool) -> f64 {
    if subscript {
        font.size * SUBSCRIPT_SCALE
    } else {
        font.size
    }
}

/// Where a label sits horizontally relative to its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// x is the left end.
    Left,
    /// x is the middle.
    Center,
    /// x is the right end.
    Right,
}

/// Where a label sits vertically relative to its y.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Valign {
    /// y is the top of the capitals.
    Top,
    /// y is the middle of the capitals.
    Middle,
    /// y is the baseline.
    Baseline,
}

/// A label's style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    /// Size in CSS pixels.
    pub size: f64,
    /// Bold or regular.
    pub bold: bool,
    /// Colour.
    pub color: Rgb,
}

impl Font {
    /// A regular font.
    pub const fn regular(size: f64, color: Rgb) -> Font {
        Font {
            size,
            bold: false,
            color,
        }
    }

    /// A bold font.
    pub const fn bold(size: f64, color: Rgb) -> Font {
        Font {
            size,
            bold: true,
            color,
        }
    }

    fn css(&self, size: f64) -> String {
        format!("{}{:.2}px {}", if self.bold { "bold " } else { "" }, size, FONT_FAMILY)
    }
}

/// The canvas' context, scaled to CSS pixels, and the canvas' CSS size.
pub struct Painter {
    /// The 2-D context, with its transform set to the pixel ratio.
    pub context: CanvasRenderingContext2d,
    /// Device pixels per CSS pixel.
    pub ratio: f64,
    /// The canvas' width in CSS pixels.
    pub width: f64,
    /// The canvas' height in CSS pixels.
    pub height: f64,
    /// The font, fill and stroke last set on the context: setting them again parses CSS each
    /// time, so an unchanged one is skipped.
    state: RefCell<PenState>,
}

#[derive(Default)]
struct PenState {
    font: String,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
}

impl Painter {
    /// Sizes the canvas' backing store for `pixel_ratio`, scales the context to CSS pixels and
    /// fills the canvas with the background colour.
    pub fn new(canvas: &HtmlCanvasElement, pixel_ratio: f64) -> Result<Painter, RenderError> {
        let ratio = fit_backing_store(canvas, pixel_ratio);
        let context = context_2d(canvas)?;
        context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)?;
        context.set_global_alpha(1.0);
        let painter = Painter {
            context,
            ratio,
            width: canvas.width() as f64 / ratio,
            height: canvas.height() as f64 / ratio,
            state: RefCell::new(PenState::default()),
        };
        painter.fill_rect(Rect::new(0.0, 0.0, painter.width, painter.height), BACKGROUND);
        Ok(painter)
    }

    fn set_fill(&self, color: Rgb) {
        let mut state = self.state.borrow_mut();
        if state.fill != Some(color) {
            self.context.set_fill_style_str(&color.css());
            state.fill = Some(color);
        }
    }

    fn set_stroke(&self, color: Rgb) {
        let mut state = self.state.borrow_mut();
        if state.stroke != Some(color) {
            self.context.set_stroke_style_str(&color.css());
            state.stroke = Some(color);
        }
    }

    /// Sets the context's font at `size` times the page's text scale
    /// ([`crate::render::words::text_scale`]), so that every label grows in classroom mode
    /// while the drawing code keeps writing its sizes at scale 1.
    fn set_font(&self, font: Font, size: f64) {
        let css = font.css(size * text_scale());
        let mut state = self.state.borrow_mut();
        if state.font != css {
            self.context.set_font(&css);
            state.font = css;
        }
    }

    /// The width of plain `text` in `font` at `size` (before the text scale), from the cache
    /// when it was measured before.
    fn width_of(&self, text: &str, font: Font, size: f64) -> f64 {
        let css = font.css(size * text_scale());
        let key = (css, text.to_string());
        if let Some(width) = WIDTHS.with(|w| w.borrow().get(&key).copied()) {
            return width;
        }
        self.set_font(font, size);
        let width = self.context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        WIDTHS.with(|w| {
            let mut widths = w.borrow_mut();
            if widths.len() >= MAX_CACHED_WIDTHS {
                widths.clear();
            }
            widths.insert(key, width);
        });
        width
    }

    /// Draws what `draw` draws at `alpha` opacity.
    pub fn with_alpha(&self, alpha: f64, draw: impl FnOnce(&Painter)) {
        let before = self.context.global_alpha();
        self.context.set_global_alpha(alpha * before);
        draw(self);
        self.context.set_global_alpha(before);
    }

    /// Fills a rectangle, its edges snapped to device pixels.
    pub fn fill_rect(&self, r: Rect, color: Rgb) {
        let r = r.snapped(self.ratio);
        self.set_fill(color);
        self.context.fill_rect(r.x, r.y, r.width, r.height);
    }

    /// Draws an RGBA image of `columns` × `rows` pixels scaled to fill `dest` (snapped to device
    /// pixels) without smoothing, so each image pixel becomes a crisp block: a heatmap of
    /// thousands of cells in one call. The image goes through a scratch canvas of its size, kept
    /// between calls.
    pub fn pixels(&self, rgba: &[u8], columns: usize, rows: usize, dest: Rect) -> Result<(), RenderError> {
        if columns == 0 || rows == 0 || rgba.len() != columns * rows * 4 {
            return Err(RenderError(format!(
                "an image of {columns} × {rows} pixels needs {} bytes, not {}",
                columns * rows * 4,
                rgba.len()
            )));
        }
        let (w, h) = (columns as u32, rows as u32);
        let scratch = scratch_canvas(w, h)?;
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w, h)?;
        context_2d(&scratch)?.put_image_data(&image, 0.0, 0.0)?;
        let d = dest.snapped(self.ratio);
        self.context.set_image_smoothing_enabled(false);
        self.context
            .draw_image_with_html_canvas_element_and_dw_and_dh(&scratch, d.x, d.y, d.width, d.height)?;
        Ok(())
    }

    /// Outlines a rectangle with a line `width` wide centred on its edge, snapped so that a
    /// 1-pixel line covers whole device pixels.
    pub fn stroke_rect(&self, r: Rect, color: Rgb, width: f64) {
        let r = r.snapped(self.ratio);
        let half = if (width * self.ratio).round() as i64 % 2 == 1 {
            0.5 / self.ratio
        } else {
            0.0
        };
        self.set_stroke(color);
        self.context.set_line_width(width);
        self.context
            .stroke_rect(r.x + half, r.y + half, r.width - 2.0 * half, r.height - 2.0 * half);
    }

    /// A rounded rectangle, filled and/or outlined.
    pub fn round_rect(&self, r: Rect, radius: f64, fill: Option<Rgb>, stroke: Option<(Rgb, f64)>) {
        let c = &self.context;
        let radius = radius.min(r.width / 2.0).min(r.height / 2.0).max(0.0);
        c.begin_path();
        c.move_to(r.x + radius, r.y);
        c.arc_to(r.right(), r.y, r.right(), r.bottom(), radius).ok();
        c.arc_to(r.right(), r.bottom(), r.x, r.bottom(), radius).ok();
        c.arc_to(r.x, r.bottom(), r.x, r.y, radius).ok();
        c.arc_to(r.x, r.y, r.right(), r.y, radius).ok();
        c.close_path();
        self.finish_path(fill, stroke);
    }

    /// A straight line.
    pub fn line(&self, from: (f64, f64), to: (f64, f64), color: Rgb, width: f64) {
        let c = &self.context;
        c.begin_path();
        c.move_to(from.0, from.1);
        c.line_to(to.0, to.1);
        self.set_stroke(color);
        c.set_line_width(width);
        c.stroke();
    }

    /// A polyline through `points`.
    pub fn polyline(&self, points: &[(f64, f64)], color: Rgb, width: f64) {
        let c = &self.context;
        let Some(&(x0, y0)) = points.first() else {
            return;
        };
        c.begin_path();
        c.move_to(x0, y0);
        for &(x, y) in &points[1..] {
            c.line_to(x, y);
        }
        self.set_stroke(color);
        c.set_line_width(width);
        c.set_line_join("round");
        c.stroke();
    }

    /// A line ending in an arrowhead `head` long at `to`.
    pub fn arrow(&self, from: (f64, f64), to: (f64, f64), color: Rgb, width: f64, head: f64) {
        self.line(from, to, color, width);
        let angle = (to.1 - from.1).atan2(to.0 - from.0);
        let c = &self.context;
        c.begin_path();
        c.move_to(to.0, to.1);
        for side in [-1.0, 1.0] {
            let a = angle + side * 0.45;
            c.line_to(to.0 - head * a.cos(), to.1 - head * a.sin());
        }
        c.close_path();
        self.set_fill(color);
        c.fill();
    }

    /// A circle, filled and/or outlined.
    pub fn circle(&self, center: (f64, f64), radius: f64, fill: Option<Rgb>, stroke: Option<(Rgb, f64)>) {
        let c = &self.context;
        c.begin_path();
        c.arc(center.0, center.1, radius.max(0.0), 0.0, TAU).ok();
        self.finish_path(fill, stroke);
    }

    /// An ellipse, filled and/or outlined.
    pub fn ellipse(&self, center: (f64, f64), radii: (f64, f64), fill: Option<Rgb>, stroke: Option<(Rgb, f64)>) {
        let c = &self.context;
        c.begin_path();
        c.ellipse(center.0, center.1, radii.0.max(0.0), radii.1.max(0.0), 0.0, 0.0, TAU)
            .ok();
        self.finish_path(fill, stroke);
    }

    /// The article's ⊗ (multiply, `plus = false`) or ⊕ (add) at `center`: a circle filled with
    /// `fill` and the sign drawn in `ink`.
    pub fn joint(&self, center: (f64, f64), radius: f64, fill: Rgb, ink: Rgb, plus: bool) {
        self.circle(center, radius, Some(fill), Some((ink, 1.2)));
        let d = radius * if plus { 0.62 } else { 0.45 };
        let (x, y) = center;
        let (a, b) = if plus {
            (((x - d, y), (x + d, y)), ((x, y - d), (x, y + d)))
        } else {
            (((x - d, y - d), (x + d, y + d)), ((x - d, y + d), (x + d, y - d)))
        };
        self.line(a.0, a.1, ink, 1.4);
        self.line(b.0, b.1, ink, 1.4);
    }

    fn finish_path(&self, fill: Option<Rgb>, stroke: Option<(Rgb, f64)>) {
        let c = &self.context;
        if let Some(fill) = fill {
            self.set_fill(fill);
            c.fill();
        }
        if let Some((color, width)) = stroke {
            self.set_stroke(color);
            c.set_line_width(width);
            c.stroke();
        }
    }

    /// The width of a label in markup.
    pub fn measure(&self, markup: &str, font: Font) -> f64 {
        rich_text(markup)
            .iter()
            .map(|run| self.width_of(&run.text, font, run_size(font, run.subscript)))
            .sum()
    }

    /// A measure for the pure layout functions ([`crate::render::notation::fitting`],
    /// [`crate::render::notation::pack_lines`]): the real width of plain text at a size.
    pub fn measurer(&self, bold: bool) -> impl Fn(&str, f64) -> f64 + '_ {
        move |text: &str, size: f64| {
            let font = Font {
                size,
                bold,
                color: BACKGROUND,
            };
            self.width_of(text, font, size)
        }
    }

    /// Writes a label in markup at (`x`, `y`) and returns the rectangle it covers.
    pub fn text(&self, markup: &str, x: f64, y: f64, font: Font, align: Align, valign: Valign) -> Rect {
        let runs = rich_text(markup);
        let widths: Vec<f64> = runs
            .iter()
            .map(|run| self.width_of(&run.text, font, run_size(font, run.subscript)))
            .collect();
        let width: f64 = widths.iter().sum();
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        let size = font.size * text_scale();
        let cap = 0.72 * size;
        let baseline = match valign {
            Valign::Top => y + cap,
            Valign::Middle => y + cap / 2.0,
            Valign::Baseline => y,
        };
        let c = &self.context;
        c.set_text_align("left");
        c.set_text_baseline("alphabetic");
        self.set_fill(font.color);
        let mut pen = left;
        for (run, run_width) in runs.iter().zip(widths) {
            let dy = if run.subscript { 0.22 * size } else { 0.0 };
            self.set_font(font, run_size(font, run.subscript));
            c.fill_text(&run.text, pen, baseline + dy).ok();
            pen += run_width;
        }
        Rect::new(left, baseline - cap, width, cap + 0.3 * size)
    }

    /// A label on a rounded background (a "pill"), readable over anything.
    /// (`at` is the label's anchor, vertically its middle.)
    pub fn pill(&self, markup: &str, at: (f64, f64), font: Font, align: Align, background: Rgb, border: Option<Rgb>) {
        let (x, y) = at;
        let width = self.measure(markup, font);
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        let (pad_x, height) = (4.0, font.size * text_scale() + 5.0);
        let r = Rect::new(left - pad_x, y - height / 2.0, width + 2.0 * pad_x, height);
        self.round_rect(r, height / 2.0, Some(background), border.map(|b| (b, 1.0)));
        self.text(markup, left, y, font, Align::Left, Valign::Middle);
    }
}
