//! The loss chart: the training and test loss of every epoch on a logarithmic axis and, with
//! early stopping, the validation loss (the held-out last training windows) as a third curve,
//! with a dashed vertical mark at its best epoch, the one whose weights the forecast uses. A
//! comparison adds the second model's training and test loss, in its own colour (the test
//! loss dashed).
//!
//! The y axis is drawn in exponents (y = log₁₀ loss) with ticks at 1, 2 and 5 times the powers
//! of ten ([`log_ticks`]), labelled as plain decimals. The epoch axis steps out at 10, 20, 50,
//! 100 … epochs ([`epoch_axis_max`]) instead of moving every epoch.

use crate::render::canvas::{
    self, clip_to, color, draw_legend, fit_backing_store, unclip, Chart, RenderError, Scaled, TickedAxis,
};
use crate::render::decimate::decimate_columns;
use crate::render::frame::PlotFrame;
use crate::render::palette::{
    BACKGROUND, COMPARE, GRID, INK, LABEL_SIZE, MUTED, TEST_LOSS, TITLE_SIZE, TRAIN_LOSS, VALIDATION_LOSS,
};
use crate::render::scale::{epoch_axis_max, label_at, log_range, log_ticks, nice_step};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// The axis titles.
pub const EPOCH_AXIS_TITLE: &str = "epoch";
/// The title of the loss axis: the mean squared error of the scaled values the model sees.
pub const LOSS_AXIS_TITLE: &str = "loss (MSE, scaled)";
/// The legend entries: the training, test and validation loss.
pub const LEGEND: [&str; 3] = ["train loss", "test loss", "validation loss"];
/// The label of the best epoch's mark, drawn beside it.
pub const BEST: &str = "best so far";
/// Shown on the empty chart before the first epoch.
pub const EMPTY_HINT: &str = "Press Play or Step to train";

/// The legend entries of a second model's losses.
pub const COMPARE_LEGEND: [&str; 2] = ["second model, train", "second model, test"];

/// The words drawn on the loss chart, so the page can pass them in its language;
/// [`LossLabels::ENGLISH`] holds the constants above.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossLabels<'a> {
    /// The title of the epoch axis.
    pub epoch_axis: &'a str,
    /// The title of the loss axis.
    pub loss_axis: &'a str,
    /// The legend entries: training loss, test loss, validation loss.
    pub legend: [&'a str; 3],
    /// The label of the best epoch's mark, beside it at the top of the plot ("best so far").
    pub best: &'a str,
    /// The legend entry of the best epoch's mark, such as "best so far: epoch 312"; when
    /// empty, `best` is used.
    pub best_legend: &'a str,
    /// The hint on the empty chart.
    pub empty_hint: &'a str,
    /// The legend entries of a second model's training and test loss.
    pub compare: [&'a str; 2],
}

impl LossLabels<'static> {
    /// The English labels.
    pub const ENGLISH: LossLabels<'static> = LossLabels {
        epoch_axis: EPOCH_AXIS_TITLE,
        loss_axis: LOSS_AXIS_TITLE,
        legend: LEGEND,
        best: BEST,
        best_legend: "",
        empty_hint: EMPTY_HINT,
        compare: COMPARE_LEGEND,
    };
}

/// About how many epoch ticks the axis has.
const EPOCH_TICKS: f64 = 5.0;
/// The exponent range of the axis before any loss is known: 0.01 … 1.
const EMPTY_RANGE: (f64, f64) = (-2.0, 0.0);

/// What the loss chart shows: one loss per epoch, epoch 1 first.
#[derive(Clone, Copy, Debug)]
pub struct LossView<'a> {
    /// The mean training loss of each epoch.
    pub train: &'a [f64],
    /// The test loss after each epoch.
    pub test: &'a [f64],
    /// With early stopping, the validation loss after each epoch (`NaN` without, or empty).
    pub validation: &'a [f64],
    /// With early stopping, the epoch (1-based) with the lowest validation loss so far.
    pub best_epoch: Option<usize>,
    /// A second model's training and test loss per epoch (empty without a comparison).
    pub compare: [&'a [f64]; 2],
}

/// Draws the loss chart onto `canvas`, filling it completely, at `pixel_ratio` backing pixels
/// per CSS pixel. Returns where the plotting area landed (x in epochs, y in log₁₀ loss).
pub fn draw_loss(canvas: &HtmlCanvasElement, view: &LossView, pixel_ratio: f64) -> Result<PlotFrame, RenderError> {
    draw_loss_labelled(canvas, view, &LossLabels::ENGLISH, pixel_ratio)
}

/// [`draw_loss`] with the words given in `labels` (the page's language).
pub fn draw_loss_labelled(
    canvas: &HtmlCanvasElement,
    view: &LossView,
    labels: &LossLabels,
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

    let epochs = view.train.len().max(view.test.len()).max(view.compare[0].len());
    let all: Vec<f64> = view
        .train
        .iter()
        .chain(view.test)
        .chain(view.validation)
        .chain(view.compare[0])
        .chain(view.compare[1])
        .copied()
        .collect();
    let (lo, hi) = log_range(&all).unwrap_or(EMPTY_RANGE);
    let ticks = log_ticks(lo, hi);
    let x_range = (0.0, epoch_axis_max(epochs) as f64);
    let epoch_step = nice_step(x_range.1 / EPOCH_TICKS);
    let epoch_ticks: Vec<f64> = (0..=(x_range.1 / epoch_step).round() as usize)
        .map(|k| k as f64 * epoch_step)
        .collect();

    let mut chart = ChartBuilder::on(&root)
        .margin_top(s.px(12.0))
        .margin_right(s.px(18.0))
        .margin_left(s.px(6.0))
        .margin_bottom(s.px(6.0))
        .x_label_area_size(s.px(42.0))
        .y_label_area_size(s.px(70.0))
        .build_cartesian_2d(
            TickedAxis {
                lo: x_range.0,
                hi: x_range.1,
                ticks: epoch_ticks,
            },
            TickedAxis {
                lo,
                hi,
                ticks: ticks.iter().map(|t| t.position).collect(),
            },
        )?;

    chart
        .configure_mesh()
        .bold_line_style(s.line(GRID, 1.0))
        .axis_style(s.line(MUTED, 1.0))
        .set_all_tick_mark_size(s.px(4.0))
        .label_style(s.text(LABEL_SIZE, INK))
        .axis_desc_style(s.text(TITLE_SIZE, INK))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| label_at(&ticks, *v))
        .x_desc(labels.epoch_axis)
        .y_desc(labels.loss_axis)
        .draw()?;

    let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
    let frame = PlotFrame::from_backing_pixels(
        (x_pixels.start, x_pixels.end),
        (y_pixels.start, y_pixels.end),
        s.ratio,
        x_range,
        (lo, hi),
    );

    if epochs == 0 {
        let (cx, cy) = frame.to_screen((x_range.0 + x_range.1) / 2.0, (lo + hi) / 2.0);
        root.draw(&Text::new(
            labels.empty_hint,
            (s.offset(cx), s.offset(cy)),
            s.text_at(LABEL_SIZE, MUTED, Pos::new(HPos::Center, VPos::Center)),
        ))?;
        root.present()?;
        return Ok(frame);
    }

    clip_to(&context, (x_pixels.start, x_pixels.end), (y_pixels.start, y_pixels.end));
    let columns = (x_pixels.end - x_pixels.start).max(0) as usize;
    let drawn = draw_curves(&mut chart, view, labels, (lo, hi), (x_range, columns), s);
    unclip(&context);
    drawn?;

    if let Some(best) = view.best_epoch.filter(|&e| e >= 1 && e <= epochs) {
        draw_best_label(&root, &frame, best, labels.best, s)?;
    }

    draw_legend(&mut chart, SeriesLabelPosition::UpperRight, s)?;

    root.present()?;
    Ok(frame)
}

/// The curves, each with a dot at its latest epoch (the validation curve only where it has
/// finite values), and the best epoch's dashed mark, with their legend entries.
fn draw_curves(
    chart: &mut Chart,
    view: &LossView,
    labels: &LossLabels,
    (y_lo, y_hi): (f64, f64),
    (x_range, columns): ((f64, f64), usize),
    s: Scaled,
) -> Result<(), RenderError> {
    let legend_length = s.offset(22.0);
    // Thinned to at most four points per backing-store pixel column (see `decimate`): the
    // same pixels, however many epochs the run has.
    let to_points = |losses: &[f64]| -> Vec<(f64, f64)> {
        let points: Vec<(f64, f64)> = losses
            .iter()
            .enumerate()
            .filter(|(_, &loss)| loss.is_finite() && loss > 0.0)
            .map(|(i, &loss)| ((i + 1) as f64, loss.log10()))
            .collect();
        decimate_columns(&points, x_range, columns)
    };
    let validation = to_points(view.validation);
    let mut curves = vec![
        (to_points(view.train), TRAIN_LOSS, labels.legend[0]),
        (to_points(view.test), TEST_LOSS, labels.legend[1]),
    ];
    if !validation.is_empty() {
        curves.push((validation, VALIDATION_LOSS, labels.legend[2]));
    }
    for (points, c, label) in curves {
        let style = s.line(c, 2.0);
        let last = points.last().copied();
        chart
            .draw_series(std::iter::once(PathElement::new(points, style)))?
            .label(label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + legend_length, y)], style));
        if let Some(point) = last {
            chart.draw_series(std::iter::once(Circle::new(point, s.px(3.5), color(c).filled())))?;
        }
    }

    // The second model: its training loss solid, its test loss dashed, both in its colour.
    let (dash, gap) = (s.px(6.0), s.px(4.0));
    for (k, losses) in view.compare.iter().enumerate() {
        let points = to_points(losses);
        if points.is_empty() {
            continue;
        }
        let style = s.line(COMPARE, 2.0);
        let last = points.last().copied();
        let dashed = k == 1;
        if dashed {
            chart
                .draw_series(DashedLineSeries::new(points, dash, gap, style))?
                .label(labels.compare[k])
                .legend(move |(x, y)| DashedPathElement::new(vec![(x, y), (x + legend_length, y)], dash, gap, style));
        } else {
            chart
                .draw_series(std::iter::once(PathElement::new(points, style)))?
                .label(labels.compare[k])
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + legend_length, y)], style));
        }
        if let Some(point) = last {
            chart.draw_series(std::iter::once(Circle::new(point, s.px(3.5), color(COMPARE).filled())))?;
        }
    }

    let epochs = view.train.len().max(view.test.len());
    if let Some(best) = view.best_epoch.filter(|&e| e >= 1 && e <= epochs) {
        let x = best as f64;
        let style = s.line(VALIDATION_LOSS, 1.5);
        let (dash, gap) = (s.px(5.0), s.px(4.0));
        chart.draw_series(DashedLineSeries::new(vec![(x, y_lo), (x, y_hi)], dash, gap, style))?;
        if let Some(&loss) = view.validation.get(best - 1).filter(|l| l.is_finite() && **l > 0.0) {
            chart.draw_series(std::iter::once(Circle::new(
                (x, loss.log10()),
                s.px(4.5),
                color(VALIDATION_LOSS).stroke_width(s.px(2.0)),
            )))?;
        }
        let legend = if labels.best_legend.is_empty() {
            labels.best
        } else {
            labels.best_legend
        };
        let half = s.offset(8.0);
        chart
            .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())?
            .label(legend)
            .legend(move |(x, y)| {
                let x = x + legend_length / 2;
                DashedPathElement::new(vec![(x, y - half), (x, y + half)], s.px(3.0), s.px(2.0), style)
            });
    }
    Ok(())
}

/// The label of the best epoch's mark, at the top of the plot beside the mark: to its right,
/// or to its left when the mark is in the right half.
fn draw_best_label(
    root: &DrawingArea<CanvasBackend, plotters::coord::Shift>,
    frame: &PlotFrame,
    best: usize,
    text: &str,
    s: Scaled,
) -> Result<(), RenderError> {
    let (x, y) = frame.to_screen(best as f64, frame.y.1);
    let right_half = x > frame.left + frame.width / 2.0;
    let (dx, h) = if right_half {
        (-5.0, HPos::Right)
    } else {
        (5.0, HPos::Left)
    };
    root.draw(&Text::new(
        text.to_string(),
        (s.offset(x + dx), s.offset(y + 4.0)),
        s.text_at(LABEL_SIZE, INK, Pos::new(h, VPos::Top)),
    ))?;
    Ok(())
}
