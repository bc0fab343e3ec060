//! What every chart needs from the canvas: a backing store sized for the screen, sizes in
//! backing pixels, colours in the drawing library's type, clipping, and one error type.
//!
//! # High-DPI
//!
//! plotters-canvas draws in the canvas' backing-store pixels (`canvas.width` × `canvas.height`),
//! with whole-pixel coordinates. So [`fit_backing_store`] makes the backing store
//! `devicePixelRatio` times the canvas' CSS size, and the charts draw at that size with every
//! length (font sizes, line widths, margins) multiplied by the same ratio through [`Scaled`].
//! Each backing pixel is then one device pixel: the text and lines are crisp, and a chart keeps
//! its proportions on every screen.

use crate::render::palette::{Rgb, FONT_FAMILY};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::Pos;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The largest pixel ratio honoured; beyond it a bigger backing store only costs memory.
const MAX_PIXEL_RATIO: f64 = 4.0;

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderError(pub String);

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not draw the chart: {}", self.0)
    }
}

impl std::error::Error for RenderError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for RenderError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        RenderError(error.to_string())
    }
}

impl From<JsValue> for RenderError {
    fn from(error: JsValue) -> Self {
        RenderError(error.as_string().unwrap_or_else(|| format!("{error:?}")))
    }
}

/// Sizes the canvas' backing store to its CSS size times `pixel_ratio` (clamped to 1 … 4) and
/// returns the ratio to draw at. Only a changed size is written, because writing `width`
/// clears the canvas. A canvas that is not laid out (no CSS size, e.g. `display: none` or not
/// in the document) keeps its backing store and is drawn at ratio 1.
///
/// The page's stylesheet must give the canvas its size (width and height, or width and
/// aspect-ratio): otherwise its CSS size follows the backing store and would grow each draw.
pub fn fit_backing_store(canvas: &HtmlCanvasElement, pixel_ratio: f64) -> f64 {
    let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 {
        pixel_ratio.clamp(1.0, MAX_PIXEL_RATIO)
    } else {
        1.0
    };
    let rect = canvas.get_bounding_client_rect();
    let (css_width, css_height) = (rect.width(), rect.height());
    if css_width < 1.0 || css_height < 1.0 {
        return 1.0;
    }
    let width = (css_width * ratio).round() as u32;
    let height = (css_height * ratio).round() as u32;
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    ratio
}

/// The canvas' 2-D context (the same object plotters-canvas draws with).
pub fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, RenderError> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| RenderError("the canvas has no 2-D context".into()))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| RenderError("the canvas context is not a 2-D context".into()))
}

/// Restricts drawing to a rectangle of backing pixels until [`unclip`]: the series are clipped
/// to the plotting area, so a wild early prediction never paints over the axes.
pub fn clip_to(context: &CanvasRenderingContext2d, x: (i32, i32), y: (i32, i32)) {
    context.save();
    context.begin_path();
    context.rect(x.0 as f64, y.0 as f64, (x.1 - x.0) as f64, (y.1 - y.0) as f64);
    context.clip();
}

/// Ends the clipping started by [`clip_to`].
pub fn unclip(context: &CanvasRenderingContext2d) {
    context.restore();
}

/// A palette colour in plotters' type.
pub fn color(c: Rgb) -> RGBColor {
    RGBColor(c.r, c.g, c.b)
}

/// Lengths given in CSS pixels, turned into backing pixels at one pixel ratio.
#[derive(Clone, Copy, Debug)]
pub struct Scaled {
    /// Backing pixels per CSS pixel.
    pub ratio: f64,
}

impl Scaled {
    /// A length in backing pixels, at least 1.
    pub fn px(self, css: f64) -> u32 {
        (css * self.ratio).round().max(1.0) as u32
    }

    /// A signed length in backing pixels.
    pub fn offset(self, css: f64) -> i32 {
        (css * self.ratio).round() as i32
    }

    /// A line of `width` CSS pixels in colour `c`.
    pub fn line(self, c: Rgb, width: f64) -> ShapeStyle {
        color(c).stroke_width(self.px(width))
    }

    /// The chart font at `size` CSS pixels in colour `c`.
    pub fn text(self, size: f64, c: Rgb) -> TextStyle<'static> {
        // Times the page's text scale (classroom mode), like the views' labels.
        (FONT_FAMILY, size * crate::render::words::text_scale() * self.ratio)
            .into_font()
            .color(&color(c))
    }

    /// The same, anchored at `pos` (e.g. left-top) rather than the default left-baseline.
    pub fn text_at(self, size: f64, c: Rgb, pos: Pos) -> TextStyle<'static> {
        self.text(size, c).pos(pos)
    }
}

/// A linear axis from `lo` to `hi` whose ticks (and grid lines) are exactly `ticks`: the tick
/// positions come from the pure functions in [`crate::render::scale`], not from plotters' own
/// choice, and the labels from a formatter the chart passes.
#[derive(Clone, Debug, PartialEq)]
pub struct TickedAxis {
    /// The data value at the start of the axis (left or bottom).
    pub lo: f64,
    /// The data value at the end of the axis (right or top).
    pub hi: f64,
    /// Where the ticks go.
    pub ticks: Vec<f64>,
}

impl Ranged for TickedAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    /// `limit.0 + (v − lo)/(hi − lo) · (limit.1 − limit.0)`, rounded to a whole pixel.
    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.hi - self.lo;
        if span == 0.0 {
            return (limit.0 + limit.1) / 2;
        }
        let fraction = (value - self.lo) / span;
        limit.0 + (fraction * (limit.1 - limit.0) as f64).round() as i32
    }

    /// The given ticks as the bold grid; no light grid.
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// A chart of the page: two ticked axes on an HTML canvas.
pub type Chart<'a> = ChartContext<'a, plotters_canvas::CanvasBackend, Cartesian2d<TickedAxis, TickedAxis>>;

/// The legend box every chart draws, in the same style, at `position` inside the plot.
pub fn draw_legend(chart: &mut Chart, position: SeriesLabelPosition, s: Scaled) -> Result<(), RenderError> {
    chart
        .configure_series_labels()
        .position(position)
        .margin(s.px(10.0))
        .legend_area_size(s.px(30.0))
        .label_font(s.text(crate::render::palette::LABEL_SIZE, crate::render::palette::INK))
        .background_style(color(crate::render::palette::BACKGROUND).mix(0.92))
        .border_style(s.line(crate::render::palette::GRID, 1.0))
        .draw()?;
    Ok(())
}
