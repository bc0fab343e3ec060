//! The layout of the gradient flow under the belt: per time step, ‖∂L/∂c_t‖ (the gradient
//! carried back along the main line) and ‖∂L/∂h_t‖ (through the outputs) as a pair of bars,
//! centred under the belt's stations ([`StationAxis`]), so the reason for the LSTM reads off
//! directly: the gradient that reaches the early steps along the belt.
//!
//! # Scales
//!
//! - **Logarithmic (the default)**: the bar's height is log₁₀ of the norm, from the whole decade
//!   below the smallest norm to the decade above the largest ([`log_range`]), with ticks at the
//!   decades (and 2×, 5× on a short axis, [`log_ticks`]). A gradient that shrinks by the same
//!   factor at each step back — vanishing — is a straight slope, and a norm 1,000 times smaller
//!   is still a visible bar.
//! - **Linear**: the height is the norm itself, from 0 to a nice number above the largest
//!   ([`nice_step`] × 4 ticks): the sizes compare directly, and vanishing looks as drastic as
//!   it is.
//!
//! A zero, negative or non-finite norm gets no bar (on the log scale it has no place).

use crate::render::belt::StationAxis;
use crate::render::geometry::Rect;
use crate::render::scale::{format_tick, log_range, log_ticks, nice_step, Tick};

/// The legend row at the top.
pub const LEGEND_HEIGHT: f64 = 20.0;
/// Space above the legend.
pub const TOP_MARGIN: f64 = 4.0;
/// The row of station numbers under the bars.
pub const STEP_AXIS: f64 = 16.0;
/// The note under the station numbers.
pub const NOTE_HEIGHT: f64 = 17.0;
/// Space below the note.
pub const BOTTOM_MARGIN: f64 = 4.0;
/// The widest a bar gets, and the share of a station a pair of bars takes.
const MAX_BAR_WIDTH: f64 = 14.0;
const PAIR_SHARE: f64 = 0.7;

/// How bar heights are measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GradientScale {
    /// The height is the norm.
    Linear,
    /// The height is log₁₀ of the norm.
    Log,
}

impl GradientScale {
    /// `"linear"` or `"log"`.
    pub fn parse(text: &str) -> Option<GradientScale> {
        match text {
            "linear" => Some(GradientScale::Linear),
            "log" => Some(GradientScale::Log),
            _ => None,
        }
    }
}

/// The value axis of the bars: the heights run from `lo` (the bottom) to `hi` (the top), in
/// norms (linear) or exponents (log).
#[derive(Clone, Debug, PartialEq)]
pub struct GradientAxis {
    /// The scale.
    pub scale: GradientScale,
    /// The value at the bottom (0, or an exponent).
    pub lo: f64,
    /// The value at the top.
    pub hi: f64,
    /// The ticks, positioned in the same units as `lo` and `hi`.
    pub ticks: Vec<Tick>,
}

impl GradientAxis {
    /// The axis for `norms`; `None` when none of them can be drawn (no positive finite norm).
    pub fn new(norms: &[f64], scale: GradientScale) -> Option<GradientAxis> {
        match scale {
            GradientScale::Log => {
                let (lo, hi) = log_range(norms)?;
                Some(GradientAxis {
                    scale,
                    lo,
                    hi,
                    ticks: log_ticks(lo, hi),
                })
            }
            GradientScale::Linear => {
                let largest = norms
                    .iter()
                    .copied()
                    .filter(|v| v.is_finite() && *v > 0.0)
                    .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))?;
                let step = nice_step(largest / 4.0);
                let hi = (largest / step).ceil() * step;
                let ticks = (0..=(hi / step).round() as usize)
                    .map(|k| {
                        let position = k as f64 * step;
                        Tick {
                            position,
                            label: format_tick(position),
                        }
                    })
                    .collect();
                Some(GradientAxis {
                    scale,
                    lo: 0.0,
                    hi,
                    ticks,
                })
            }
        }
    }

    /// How far up the axis a norm reaches, 0 at the bottom and 1 at the top (clamped); `None`
    /// for a norm that gets no bar.
    pub fn fraction(&self, norm: f64) -> Option<f64> {
        if !(norm.is_finite() && norm > 0.0) {
            return None;
        }
        let v = match self.scale {
            GradientScale::Linear => norm,
            GradientScale::Log => norm.log10(),
        };
        let span = self.hi - self.lo;
        Some(if span > 0.0 {
            ((v - self.lo) / span).clamp(0.0, 1.0)
        } else {
            1.0
        })
    }

    /// The fraction up the axis of a tick.
    pub fn tick_fraction(&self, tick: &Tick) -> f64 {
        let span = self.hi - self.lo;
        if span > 0.0 {
            (tick.position - self.lo) / span
        } else {
            0.0
        }
    }
}

/// The layout of the gradient bars on a canvas of a given size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientLayout {
    /// The stations, the same as the belt's on a canvas of the same width.
    pub axis: StationAxis,
    /// The legend row.
    pub legend: Rect,
    /// Where the bars stand: their bottom is the axis' `lo`, the top its `hi`.
    pub plot: Rect,
    /// The station numbers.
    pub step_axis: Rect,
    /// The note.
    pub note: Rect,
}

impl GradientLayout {
    /// The layout on a canvas of `width` × `height` with `steps` stations.
    pub fn new(width: f64, height: f64, steps: usize) -> Self {
        let axis = StationAxis::new(width, steps);
        let legend = Rect::new(axis.left, TOP_MARGIN, axis.width, LEGEND_HEIGHT);
        let plot_height =
            (height - TOP_MARGIN - LEGEND_HEIGHT - 6.0 - STEP_AXIS - NOTE_HEIGHT - BOTTOM_MARGIN).max(0.0);
        let plot = Rect::new(axis.left, legend.bottom() + 6.0, axis.width, plot_height);
        let step_axis = Rect::new(axis.left, plot.bottom(), axis.width, STEP_AXIS);
        let note = Rect::new(axis.left, step_axis.bottom(), axis.width, NOTE_HEIGHT);
        GradientLayout {
            axis,
            legend,
            plot,
            step_axis,
            note,
        }
    }

    /// The width of one bar.
    pub fn bar_width(&self) -> f64 {
        (self.axis.station_width() * PAIR_SHARE / 2.0).min(MAX_BAR_WIDTH)
    }

    /// The bars of station `t` reaching `fractions` (‖∂L/∂c_t‖, ‖∂L/∂h_t‖) up the plot: the
    /// belt's bar just left of the station's centre, the output's just right; a `None`
    /// fraction gets no bar.
    pub fn bars(&self, t: usize, fractions: (Option<f64>, Option<f64>)) -> (Option<Rect>, Option<Rect>) {
        let w = self.bar_width();
        let center = self.axis.center(t);
        let bar = |x: f64, f: Option<f64>| {
            f.map(|f| {
                let h = f * self.plot.height;
                Rect::new(x, self.plot.bottom() - h, w, h)
            })
        };
        (bar(center - w, fractions.0), bar(center, fractions.1))
    }

    /// The y of a fraction of the plot's height.
    pub fn y_of(&self, fraction: f64) -> f64 {
        self.plot.bottom() - fraction * self.plot.height
    }

    /// The station whose column holds the point, within the plot and the station numbers.
    pub fn step_at(&self, x: f64, y: f64) -> Option<usize> {
        if y < self.plot.y || y >= self.step_axis.bottom() {
            return None;
        }
        self.axis.step_at(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_axis_spans_whole_decades_around_the_norms() {
        let axis = GradientAxis::new(&[0.003, 0.02, 0.4], GradientScale::Log).unwrap();
        assert_eq!((axis.lo, axis.hi), (-3.0, 0.0));
        assert_eq!(axis.fraction(0.001), Some(0.0));
        assert_eq!(axis.fraction(1.0), Some(1.0));
        assert!((axis.fraction(0.01).unwrap() - 1.0 / 3.0).abs() < 1e-12);
        // Equal ratios, equal steps: a gradient halving each step back is a straight slope.
        let (a, b, c) = (
            axis.fraction(0.4).unwrap(),
            axis.fraction(0.2).unwrap(),
            axis.fraction(0.1).unwrap(),
        );
        assert!(((a - b) - (b - c)).abs() < 1e-12);
        assert_eq!(axis.ticks.first().unwrap().label, "0.001");
    }

    #[test]
    fn the_linear_axis_starts_at_zero_and_ends_on_a_nice_number() {
        let axis = GradientAxis::new(&[0.3, 1.7, 0.9], GradientScale::Linear).unwrap();
        // 1.7 / 4 = 0.425 → step 0.5 → top 2.
        assert_eq!((axis.lo, axis.hi), (0.0, 2.0));
        let labels: Vec<&str> = axis.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0", "0.5", "1", "1.5", "2"]);
        assert_eq!(axis.fraction(1.0), Some(0.5));
        assert_eq!(axis.tick_fraction(&axis.ticks[4]), 1.0);
    }

    #[test]
    fn zero_negative_and_missing_norms_get_no_bar() {
        for scale in [GradientScale::Log, GradientScale::Linear] {
            let axis = GradientAxis::new(&[0.0, 0.5, f64::NAN], scale).unwrap();
            assert_eq!(axis.fraction(0.0), None);
            assert_eq!(axis.fraction(-1.0), None);
            assert_eq!(axis.fraction(f64::NAN), None);
            assert!(axis.fraction(0.5).is_some());
            assert_eq!(GradientAxis::new(&[0.0, f64::NAN], scale), None);
            assert_eq!(GradientAxis::new(&[], scale), None);
        }
        assert_eq!(GradientScale::parse("log"), Some(GradientScale::Log));
        assert_eq!(GradientScale::parse("LOG"), None);
    }

    #[test]
    fn bars_stand_under_the_stations_of_the_belt() {
        let layout = GradientLayout::new(800.0, 160.0, 12);
        let belt = StationAxis::new(800.0, 12);
        assert_eq!(layout.axis, belt, "the same stations as the belt on a canvas as wide");
        let (c, h) = layout.bars(4, (Some(1.0), Some(0.5)));
        let (c, h) = (c.unwrap(), h.unwrap());
        assert!((c.right() - belt.center(4)).abs() < 1e-9);
        assert!((h.x - belt.center(4)).abs() < 1e-9);
        assert!((c.y - layout.plot.y).abs() < 1e-9, "a full bar reaches the top");
        assert!((h.height - layout.plot.height / 2.0).abs() < 1e-9);
        assert!((c.bottom() - layout.plot.bottom()).abs() < 1e-9);
        assert_eq!(layout.bars(4, (None, Some(0.1))).0, None);
        // A pair of bars stays within its station.
        let (x0, x1) = belt.station(4);
        assert!(c.x >= x0 && h.right() <= x1);
    }

    #[test]
    fn the_rows_fit_the_canvas_and_the_pointer_finds_the_station() {
        let layout = GradientLayout::new(400.0, 150.0, 12);
        assert!(layout.plot.height > 50.0);
        assert!(layout.note.bottom() <= 150.0 - BOTTOM_MARGIN + 1e-9);
        let x = layout.axis.center(3);
        assert_eq!(layout.step_at(x, layout.plot.center().1), Some(3));
        assert_eq!(layout.step_at(x, layout.legend.center().1), None);
        assert_eq!(layout.y_of(1.0), layout.plot.y);
    }
}
