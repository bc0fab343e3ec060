//! The forecast chart: the actual series with its year ticks, the held-out test months shaded,
//! the one-step predictions over every month that has a window, the recursive forecast over the
//! test months, and a legend. Two layers are optional: an ensemble's members (each one's
//! one-step line, faint, under their mean, which is the one-step line) and the classical
//! baselines' one-step predictions over the test months (thin lines, one colour each). A
//! comparison adds a second model's one-step line (another cell trained beside the first).
//!
//! Month i of the series sits at x = i. The value axis is fitted to the actual series only
//! ([`value_range`]), so it stays still while the predictions move; anything outside it is
//! clipped at the plotting area.

use crate::data::YearMonth;
use crate::render::canvas::{
    self, clip_to, color, draw_legend, fit_backing_store, unclip, Chart, RenderError, Scaled, TickedAxis,
};
use crate::render::frame::PlotFrame;
use crate::render::palette::{
    ACTUAL, BACKGROUND, BASELINES, COMPARE, GRID, INK, LABEL_SIZE, MEMBER_ALPHA, MUTED, ONE_STEP, RECURSIVE,
    TEST_SHADE, TITLE_SIZE,
};
use crate::render::scale::{finite_runs, label_at, value_range, year_ticks, AxisRange};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

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

    let mut chart = ChartBuilder::on(&root)
        .margin_top(s.px(12.0))
        .margin_right(s.px(18.0))
        .margin_left(s.px(6.0))
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
    let drawn = draw_lines(&mut chart, view, labels, s);
    unclip(&context);
    drawn?;

    if let Some(month) = view.highlight.filter(|&m| m < n) {
        draw_highlight(&mut chart, view, month, values, s)?;
    }

    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft, s)?;

    root.present()?;
    Ok(frame)
}

/// The series, each as one line per unbroken run of finite values, from the back to the
/// front: the members, the actual series, the baselines, the one-step line (the members'
/// mean), the second model's one-step line, the recursive forecast. The legend lists the
/// actual series, the one-step line, the recursive forecast, the members, the second model and
/// the baselines, in that order, each entry attached to
/// an empty series so that the legend's order does not follow the drawing's.
fn draw_lines(chart: &mut Chart, view: &ForecastView, labels: &ForecastLabels, s: Scaled) -> Result<(), RenderError> {
    let legend_length = s.offset(22.0);
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
    let shown: Vec<(usize, &[f64])> = view
        .baselines
        .iter()
        .take(BASELINES.len())
        .enumerate()
        .filter(|(_, b)| b.iter().skip(test_start).any(|v| v.is_finite()))
        .map(|(k, b)| (k, *b))
        .collect();
    for &(k, baseline) in &shown {
        chart.draw_series(lines(baseline, test_start, s.line(BASELINES[k], 1.5)))?;
    }

    let one_step_style = s.line(ONE_STEP, if view.members.is_empty() { 2.0 } else { 2.5 });
    chart.draw_series(lines(view.one_step, 0, one_step_style))?;

    let compare_style = s.line(COMPARE, 2.0);
    let compare_shown = view.compare.iter().any(|v| v.is_finite());
    if compare_shown {
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

    // The legend, in reading order.
    let sample =
        move |(x, y): (i32, i32), style: ShapeStyle| PathElement::new(vec![(x, y), (x + legend_length, y)], style);
    let empty = || std::iter::empty::<PathElement<(f64, f64)>>();
    chart
        .draw_series(empty())?
        .label(labels.legend[0])
        .legend(move |p| sample(p, actual_style));
    chart
        .draw_series(empty())?
        .label(labels.legend[1])
        .legend(move |p| sample(p, one_step_style));
    chart
        .draw_series(empty())?
        .label(labels.legend[2])
        .legend(move |(x, y)| DashedPathElement::new(vec![(x, y), (x + legend_length, y)], dash, gap, recursive_style));
    if !view.members.is_empty() {
        // The faint colour at the width of the other samples, so that it can be seen.
        let member_sample = color(ONE_STEP).mix(MEMBER_ALPHA + 0.2).stroke_width(s.px(2.0));
        chart
            .draw_series(empty())?
            .label(labels.members)
            .legend(move |p| sample(p, member_sample));
    }
    if compare_shown {
        chart
            .draw_series(empty())?
            .label(labels.compare)
            .legend(move |p| sample(p, compare_style));
    }
    for &(k, _) in &shown {
        let style = s.line(BASELINES[k], 2.0);
        chart
            .draw_series(empty())?
            .label(labels.baselines[k])
            .legend(move |p| sample(p, style));
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
