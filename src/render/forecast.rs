//! The forecast chart: the actual series with its year ticks, the held-out test months shaded,
//! the one-step predictions over every month that has a window, the recursive forecast over the
//! test months, and a legend. Two layers are optional: an ensemble's members (each one's
//! one-step line, faint, under their mean, which is the one-step line) and the classical
//! baselines' one-step predictions over the test months (thin lines, one colour each). A
//! comparison adds a second model's one-step line (another cell trained beside the first).
//!
//! The legend is a strip above the plotting area ([`crate::render::legend::flow`]), so that it
//! never covers a curve at any width or in any language: the lines, then the marks (the input
//! window's band and the month it predicts, which the page lays over the chart, and the shaded
//! test months), then a note on the one-step line when the page gives one.
//!
//! Month i of the series sits at x = i. The value axis is fitted to the actual series only
//! ([`value_range`]), so it stays still while the predictions move; anything outside it is
//! clipped at the plotting area.

use crate::data::YearMonth;
use crate::render::canvas::{self, clip_to, color, fit_backing_store, unclip, Chart, RenderError, Scaled, TickedAxis};
use crate::render::frame::PlotFrame;
use crate::render::legend::{flow, lines, Placed};
use crate::render::palette::{
    Rgb, ACTUAL, BACKGROUND, BASELINES, COMPARE, GRID, INK, LABEL_SIZE, MEMBER_ALPHA, MUTED, ONE_STEP, RECURSIVE,
    TEST_SHADE, TITLE_SIZE,
};
use crate::render::scale::{finite_runs, label_at, value_range, year_ticks, AxisRange};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The axis title of the value axis.
pub const VALUE_AXIS_TITLE: &str = "thousands of passengers";
/// The legend entries, in drawing order.
pub const LEGEND: [&str; 3] = ["actual", "one-step prediction", "recursive forecast"];
/// The note in the shaded test period.
pub const TEST_NOTE: &str = "held-out test months";
/// The legend entry of an ensemble's members.
pub const MEMBERS: &str = "ensemble members";
/// The legend entries of the baselines, in the engine's order.
pub const BASELINE_NAMES: [&str; 3] = ["seasonal naive", "AR(12) on logs", "Holt–Winters"];

/// The legend entry of a second model's one-step line.
pub const COMPARE_NAME: &str = "second model, one step";
/// The legend entry of the shaded test months, whose left edge is the split between the
/// training and the test part.
pub const TEST_MARK: &str = "held-out test months";

/// The yellow band the page lays over the chart for the selected input window
/// (`.window-mark` in index.html: rgba(255, 196, 0, 0.16) on white), for its legend sample.
pub const WINDOW_BAND: Rgb = Rgb::new(255, 246, 214);
/// The band's dashed edges and the solid mark at the month the window predicts.
pub const WINDOW_EDGE: Rgb = Rgb::new(192, 138, 0);

/// The words drawn on the forecast chart, so the page can pass them in its language and name
/// the series' own unit; [`ForecastLabels::ENGLISH`] holds the constants above.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForecastLabels<'a> {
    /// The title of the value axis (the series' unit).
    pub value_axis: &'a str,
    /// The legend entries: actual, one-step prediction, recursive forecast.
    pub legend: [&'a str; 3],
    /// The note in the shaded test months.
    pub test_note: &'a str,
    /// The legend entry of an ensemble's members (such as "members (5)").
    pub members: &'a str,
    /// The legend entries of the baselines: seasonal naive, AR(12) on logs, Holt–Winters.
    pub baselines: [&'a str; 3],
    /// The legend entry of the second model's one-step line (such as "RNN, one step").
    pub compare: &'a str,
    /// The legend entries of the marks: the input window's yellow band with its dashed edges,
    /// the mark at the month it predicts, and the shaded test months from the split. The page
    /// draws the band and the mark over the chart: an empty entry (the default) is left out.
    pub marks: [&'a str; 3],
    /// A note about the one-step line, in pieces that wrap as the width needs, drawn on a line
    /// of its own after the legend with the line's sample (at epoch 0 the page says what the
    /// untrained network predicts); empty for none.
    pub note: &'a [&'a str],
}

impl ForecastLabels<'static> {
    /// The English labels of AirPassengers.
    pub const ENGLISH: ForecastLabels<'static> = ForecastLabels {
        value_axis: VALUE_AXIS_TITLE,
        legend: LEGEND,
        test_note: TEST_NOTE,
        members: MEMBERS,
        baselines: BASELINE_NAMES,
        compare: COMPARE_NAME,
        marks: ["", "", TEST_MARK],
        note: &[],
    };
}

/// About how many value ticks the axis aims for.
const VALUE_TICKS: usize = 7;
/// The CSS width a year label needs, with its gap, when choosing how many years to label.
const YEAR_LABEL_WIDTH: f64 = 44.0;
/// CSS pixels reserved left of the plotting area for the value labels and the axis title.
const Y_LABEL_AREA: f64 = 58.0;
/// CSS pixels reserved below the plotting area for the year labels.
const X_LABEL_AREA: f64 = 26.0;

/// Everything the forecast chart shows: plain numbers, one per month.
#[derive(Clone, Copy, Debug)]
pub struct ForecastView<'a> {
    /// The month of the first value.
    pub start: YearMonth,
    /// The actual series.
    pub actual: &'a [f64],
    /// The one-step prediction of each month (NaN where a month has no window).
    pub one_step: &'a [f64],
    /// The recursive forecast (NaN outside the test months).
    pub recursive: &'a [f64],
    /// The index of the first test month.
    pub test_start: usize,
    /// A month to mark, such as the one under the pointer.
    pub highlight: Option<usize>,
    /// An ensemble's members: each one's one-step predictions per month (as `one_step`, which
    /// is their mean), drawn faintly under it; empty for a single network.
    pub members: &'a [&'a [f64]],
    /// The classical baselines' one-step predictions per month, in the order of
    /// [`BASELINES`] (seasonal naive, AR(12) on logs, Holt–Winters), drawn over the test months
    /// only; empty to leave them out. A baseline with no finite value there (it could not be
    /// fitted) is left out, legend entry and all.
    pub baselines: &'a [&'a [f64]],
    /// A second model's one-step predictions per month (another cell, same data and settings),
    /// drawn as a line of its own; empty without a comparison.
    pub compare: &'a [f64],
}

/// Draws the forecast chart onto `canvas`, filling it completely (one frame, no flicker), at
/// `pixel_ratio` backing pixels per CSS pixel. Returns where the plotting area landed, for
/// mapping a pointer position back to a month.
pub fn draw_forecast(
    canvas: &HtmlCanvasElement,
    view: &ForecastView,
    pixel_ratio: f64,
) -> Result<PlotFrame, RenderError> {
    draw_forecast_labelled(canvas, view, &ForecastLabels::ENGLISH, pixel_ratio)
}

/// [`draw_forecast`] with the words given in `labels` (the page's language, the series' unit).
pub fn draw_forecast_labelled(
    canvas: &HtmlCanvasElement,
    view: &ForecastView,
    labels: &ForecastLabels,
    pixel_ratio: f64,
) -> Result<PlotFrame, RenderError> {
    let s = Scaled {
        ratio: fit_backing_store(canvas, pixel_ratio),
    };
    let context = canvas::context_2d(canvas)?;
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| RenderError("the canvas has no 2-D context".into()))?;
    let root = backend.into_drawing_area();
    root.fill(&color(BACKGROUND))?;

    let n = view.actual.len();
    let values = value_range(view.actual, VALUE_TICKS).unwrap_or(AxisRange {
        lo: 0.0,
        hi: 1.0,
        step: 0.2,
    });
    let x_range = (-0.5, (n.max(1) as f64) - 0.5);
    let css_width = root.dim_in_pixel().0 as f64 / s.ratio;
    let scale = crate::render::words::text_scale();
    let max_year_labels = ((css_width - Y_LABEL_AREA * scale) / (YEAR_LABEL_WIDTH * scale))
        .floor()
        .max(1.0) as usize;
    let years = year_ticks(view.start, n, max_year_labels);
    let year_label = |x: &f64| label_at(&years, *x);

    // The legend's strip above the plotting area, as wide as the plotting area; on a narrow
    // chart (a phone) as wide as the canvas, in smaller type, so that it takes fewer lines.
    let narrow = css_width < NARROW_WIDTH;
    let strip_left = if narrow {
        PLOT_MARGIN_LEFT
    } else {
        PLOT_MARGIN_LEFT + Y_LABEL_AREA * scale
    };
    let strip = LegendStrip::measure(
        &context,
        legend_entries(view, labels),
        (css_width - strip_left - PLOT_MARGIN_RIGHT).max(1.0),
        if narrow { NARROW_LEGEND } else { LegendLook::WIDE },
    );

    let mut chart = ChartBuilder::on(&root)
        .margin_top(s.px(PLOT_MARGIN_TOP + strip.height()))
        .margin_right(s.px(PLOT_MARGIN_RIGHT))
        .margin_left(s.px(PLOT_MARGIN_LEFT))
        .margin_bottom(s.px(6.0))
        .x_label_area_size(s.px(X_LABEL_AREA * crate::render::words::text_scale()))
        .y_label_area_size(s.px(Y_LABEL_AREA * crate::render::words::text_scale()))
        .build_cartesian_2d(
            TickedAxis {
                lo: x_range.0,
                hi: x_range.1,
                ticks: years.iter().map(|t| t.position).collect(),
            },
            TickedAxis {
                lo: values.lo,
                hi: values.hi,
                ticks: values.ticks(),
            },
        )?;

    // The test months, behind everything else.
    let test_from = view.test_start.min(n) as f64 - 0.5;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(test_from, values.lo), (x_range.1, values.hi)],
        color(TEST_SHADE).filled(),
    )))?;

    chart
        .configure_mesh()
        .bold_line_style(s.line(GRID, 1.0))
        .axis_style(s.line(MUTED, 1.0))
        .set_all_tick_mark_size(s.px(4.0))
        .label_style(s.text(LABEL_SIZE, INK))
        .axis_desc_style(s.text(TITLE_SIZE, INK))
        .x_label_formatter(&year_label)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc(labels.value_axis)
        .draw()?;

    let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
    let frame = PlotFrame::from_backing_pixels(
        (x_pixels.start, x_pixels.end),
        (y_pixels.start, y_pixels.end),
        s.ratio,
        x_range,
        (values.lo, values.hi),
    );

    // The note at the top of the shaded months, if there is room for it.
    let (note_x, note_y) = frame.to_screen(test_from, values.hi);
    if frame.left + frame.width - note_x > 150.0 {
        root.draw(&Text::new(
            labels.test_note,
            (s.offset(note_x + 6.0), s.offset(note_y + 5.0)),
            s.text_at(LABEL_SIZE, MUTED, Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }

    clip_to(&context, (x_pixels.start, x_pixels.end), (y_pixels.start, y_pixels.end));
    let drawn = draw_lines(&mut chart, view, s);
    unclip(&context);
    drawn?;

    if let Some(month) = view.highlight.filter(|&m| m < n) {
        draw_highlight(&mut chart, view, month, values, s)?;
    }

    root.present()?;
    strip.draw(&context, strip_left, LEGEND_TOP, s.ratio);
    Ok(frame)
}

/// The series, each as one line per unbroken run of finite values, from the back to the
/// front: the members, the actual series, the baselines, the one-step line (the members'
/// mean), the second model's one-step line, the recursive forecast.
fn draw_lines(chart: &mut Chart, view: &ForecastView, s: Scaled) -> Result<(), RenderError> {
    let points = |values: &[f64], run: std::ops::Range<usize>| -> Vec<(f64, f64)> {
        run.map(|i| (i as f64, values[i])).collect()
    };
    let lines = |values: &[f64], from: usize, style: ShapeStyle| {
        let values = values.get(..view.actual.len()).unwrap_or(values);
        finite_runs(values)
            .into_iter()
            .filter_map(move |run| {
                let run = run.start.max(from)..run.end;
                (!run.is_empty()).then(|| PathElement::new(points(values, run), style))
            })
            .collect::<Vec<_>>()
    };

    let member_style = color(ONE_STEP).mix(MEMBER_ALPHA).stroke_width(s.px(1.0));
    for member in view.members {
        chart.draw_series(lines(member, 0, member_style))?;
    }

    let actual_style = s.line(ACTUAL, 2.0);
    chart.draw_series(lines(view.actual, 0, actual_style))?;

    let test_start = view.test_start.min(view.actual.len());
    for k in shown_baselines(view) {
        chart.draw_series(lines(view.baselines[k], test_start, s.line(BASELINES[k], 1.5)))?;
    }

    let one_step_style = s.line(ONE_STEP, if view.members.is_empty() { 2.0 } else { 2.5 });
    chart.draw_series(lines(view.one_step, 0, one_step_style))?;

    let compare_style = s.line(COMPARE, 2.0);
    if compare_shown(view) {
        chart.draw_series(lines(view.compare, 0, compare_style))?;
    }

    let recursive_style = s.line(RECURSIVE, 2.5);
    let (dash, gap) = (s.px(7.0), s.px(4.0));
    for run in finite_runs(view.recursive) {
        chart.draw_series(DashedLineSeries::new(
            points(view.recursive, run),
            dash,
            gap,
            recursive_style,
        ))?;
    }

    Ok(())
}

/// A vertical rule at `month` and a dot on each series there.
fn draw_highlight(
    chart: &mut Chart,
    view: &ForecastView,
    month: usize,
    values: AxisRange,
    s: Scaled,
) -> Result<(), RenderError> {
    let x = month as f64;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x, values.lo), (x, values.hi)],
        s.line(MUTED, 1.0),
    )))?;
    let radius = s.px(4.0);
    let dots = [
        (view.actual, ACTUAL),
        (view.one_step, ONE_STEP),
        (view.recursive, RECURSIVE),
        (view.compare, COMPARE),
    ]
    .into_iter()
    .filter_map(|(series, c)| series.get(month).map(|&v| (v, c)))
    .filter(|(v, _)| v.is_finite() && *v >= values.lo && *v <= values.hi)
    .map(|(v, c)| Circle::new((x, v), radius, color(c).filled()));
    chart.draw_series(dots)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The legend strip
// ---------------------------------------------------------------------------------------------

/// CSS pixels above the legend strip.
const LEGEND_TOP: f64 = 6.0;
/// CSS pixels between the strip (or the canvas' top) and the plotting area.
const PLOT_MARGIN_TOP: f64 = 12.0;
/// CSS pixels left of the value labels and right of the plotting area.
const PLOT_MARGIN_LEFT: f64 = 6.0;
const PLOT_MARGIN_RIGHT: f64 = 18.0;
/// A legend line's height, in multiples of the label size.
const LEGEND_LINE: f64 = 1.4;
/// The space between a sample and its words.
const SAMPLE_GAP: f64 = 5.0;
/// Below this CSS width the legend takes [`NARROW_LEGEND`] and the canvas' whole width.
const NARROW_WIDTH: f64 = 640.0;

/// The type and spacing of the legend strip.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LegendLook {
    /// The words' size, in multiples of [`LABEL_SIZE`].
    size: f64,
    /// The length of a sample.
    sample: f64,
    /// The space between two entries.
    gap: f64,
}

impl LegendLook {
    /// The legend of a wide chart: the chart's label size, samples as long as the axis ticks'.
    const WIDE: LegendLook = LegendLook {
        size: 1.0,
        sample: 22.0,
        gap: 16.0,
    };
}

/// The legend of a narrow chart.
const NARROW_LEGEND: LegendLook = LegendLook {
    size: 0.88,
    sample: 16.0,
    gap: 12.0,
};

/// What a legend entry shows before its words.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Sample {
    /// A line in a colour, at an opacity and a width, solid or dashed.
    Line {
        color: Rgb,
        alpha: f64,
        width: f64,
        dashed: bool,
    },
    /// The input window's band with its dashed edges.
    Band,
    /// The solid mark at the month the window predicts.
    Target,
    /// The test months' shading, its left edge the split.
    Shade,
    /// Nothing: a piece of a note that follows the piece with the sample.
    Blank,
}

/// One entry: a sample and its words; `breaks` starts a new line with it.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    sample: Sample,
    text: String,
    breaks: bool,
}

/// The baselines drawn (those with a finite value over the test months), by index.
fn shown_baselines(view: &ForecastView) -> Vec<usize> {
    let test_start = view.test_start.min(view.actual.len());
    view.baselines
        .iter()
        .take(BASELINES.len())
        .enumerate()
        .filter(|(_, b)| b.iter().skip(test_start).any(|v| v.is_finite()))
        .map(|(k, _)| k)
        .collect()
}

/// Whether a second model's one-step line is drawn.
fn compare_shown(view: &ForecastView) -> bool {
    view.compare.iter().any(|v| v.is_finite())
}

/// The legend's entries, in reading order: the actual series, the one-step line, the
/// recursive forecast, the members, the second model, the baselines, the marks, the note.
fn legend_entries(view: &ForecastView, labels: &ForecastLabels) -> Vec<Entry> {
    let line = |color: Rgb, width: f64, dashed: bool| Sample::Line {
        color,
        alpha: 1.0,
        width,
        dashed,
    };
    let one_step = line(ONE_STEP, if view.members.is_empty() { 2.0 } else { 2.5 }, false);
    let mut entries = vec![
        (line(ACTUAL, 2.0, false), labels.legend[0]),
        (one_step, labels.legend[1]),
        (line(RECURSIVE, 2.5, true), labels.legend[2]),
    ];
    if !view.members.is_empty() {
        let faint = Sample::Line {
            color: ONE_STEP,
            alpha: MEMBER_ALPHA + 0.2,
            width: 2.0,
            dashed: false,
        };
        entries.push((faint, labels.members));
    }
    if compare_shown(view) {
        entries.push((line(COMPARE, 2.0, false), labels.compare));
    }
    for k in shown_baselines(view) {
        entries.push((line(BASELINES[k], 2.0, false), labels.baselines[k]));
    }
    for (sample, text) in [Sample::Band, Sample::Target, Sample::Shade]
        .into_iter()
        .zip(labels.marks)
    {
        entries.push((sample, text));
    }
    let mut entries: Vec<Entry> = entries
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(sample, text)| Entry {
            sample,
            text: text.to_string(),
            breaks: false,
        })
        .collect();
    let note = labels.note.iter().filter(|p| !p.is_empty());
    for (i, piece) in note.enumerate() {
        entries.push(Entry {
            sample: if i == 0 { one_step } else { Sample::Blank },
            text: piece.to_string(),
            breaks: i == 0,
        });
    }
    entries
}

/// The legend's entries placed in lines, in CSS pixels from the strip's top-left corner.
struct LegendStrip {
    entries: Vec<Entry>,
    placed: Vec<Placed>,
    font_size: f64,
    sample: f64,
}

impl LegendStrip {
    /// Measures the entries' words on `context` and flows them into a strip `room` wide.
    fn measure(context: &CanvasRenderingContext2d, entries: Vec<Entry>, room: f64, look: LegendLook) -> Self {
        let font_size = LABEL_SIZE * look.size * crate::render::words::text_scale();
        context.set_font(&font_css(font_size));
        let widths: Vec<f64> = entries
            .iter()
            .map(|e| {
                let text = context.measure_text(&e.text).map(|m| m.width()).unwrap_or(0.0);
                sample_room(e.sample, look.sample) + text
            })
            .collect();
        let breaks: Vec<usize> = (0..entries.len()).filter(|&i| entries[i].breaks).collect();
        let placed = flow(&widths, room, look.gap, &breaks);
        LegendStrip {
            entries,
            placed,
            font_size,
            sample: look.sample,
        }
    }

    fn line_height(&self) -> f64 {
        self.font_size * LEGEND_LINE
    }

    /// The strip's height in CSS pixels.
    fn height(&self) -> f64 {
        lines(&self.placed) as f64 * self.line_height()
    }

    /// Draws the strip with its top-left corner at (`left`, `top`) CSS pixels, on a context
    /// that draws in backing pixels (`ratio` per CSS pixel).
    fn draw(&self, context: &CanvasRenderingContext2d, left: f64, top: f64, ratio: f64) {
        context.save();
        context.set_font(&font_css(self.font_size * ratio));
        context.set_text_baseline("middle");
        context.set_text_align("left");
        for (entry, at) in self.entries.iter().zip(&self.placed) {
            let x = left + at.x;
            let y = top + (at.line as f64 + 0.5) * self.line_height();
            draw_sample(context, entry.sample, (x, y), (self.sample, self.font_size), ratio);
            context.set_global_alpha(1.0);
            context.set_fill_style_str(&INK.css());
            let text_x = x + sample_room(entry.sample, self.sample);
            context.fill_text(&entry.text, text_x * ratio, y * ratio).ok();
        }
        context.restore();
    }
}

/// The CSS font of the legend at `size` pixels.
fn font_css(size: f64) -> String {
    format!("{size}px {}", crate::render::palette::FONT_FAMILY)
}

/// The room a sample `length` long takes before its words (none for a blank one).
fn sample_room(sample: Sample, length: f64) -> f64 {
    match sample {
        Sample::Blank => 0.0,
        _ => length + SAMPLE_GAP,
    }
}

/// Draws `sample` starting at `x`, centred on `y` (CSS pixels), `length` long, on a line of
/// text `size` high.
fn draw_sample(
    context: &CanvasRenderingContext2d,
    sample: Sample,
    (x, y): (f64, f64),
    (length, size): (f64, f64),
    ratio: f64,
) {
    let rect = |c: Rgb, alpha: f64, x: f64, y: f64, w: f64, h: f64| {
        context.set_global_alpha(alpha);
        context.set_fill_style_str(&c.css());
        context.fill_rect(x * ratio, y * ratio, w * ratio, h * ratio);
    };
    let high = size * 0.9;
    // A vertical dashed edge from y0, `high` long: 2 px dashes 2 px apart.
    let dashed_edge = |x: f64, y0: f64| {
        let mut d = 0.0;
        while d < high {
            rect(WINDOW_EDGE, 1.0, x, y0 + d, 1.0, 2.0_f64.min(high - d));
            d += 4.0;
        }
    };
    match sample {
        Sample::Line {
            color,
            alpha,
            width,
            dashed,
        } => {
            if dashed {
                // The chart's dashes: 7 px drawn, 4 px left out.
                let mut d = 0.0;
                while d < length {
                    rect(color, alpha, x + d, y - width / 2.0, 7.0_f64.min(length - d), width);
                    d += 11.0;
                }
            } else {
                rect(color, alpha, x, y - width / 2.0, length, width);
            }
        }
        Sample::Band => {
            rect(WINDOW_BAND, 1.0, x, y - high / 2.0, length, high);
            dashed_edge(x, y - high / 2.0);
            dashed_edge(x + length - 1.0, y - high / 2.0);
        }
        Sample::Target => rect(WINDOW_EDGE, 1.0, x + length / 2.0 - 1.0, y - high / 2.0, 2.0, high),
        Sample::Shade => {
            rect(TEST_SHADE, 1.0, x, y - high / 2.0, length, high);
            rect(MUTED, 1.0, x, y - high / 2.0, 1.0, high);
        }
        Sample::Blank => {}
    }
}
