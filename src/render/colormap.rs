//! The colour maps of the gate views: a value becomes a colour, and a legend explains it.
//!
//! - **Sequential, for the sigmoid gates f, i, o ∈ [0, 1]: viridis.** Dark purple for a shut gate
//!   (0), yellow for a wide-open one (1). Its lightness rises steadily from end to end, so
//!   "brighter = more open" reads the same in greyscale and for the common colour-vision
//!   deficiencies; matplotlib's default map, familiar to most learners.
//! - **Diverging, for signed values: ColorBrewer's RdBu, blue for negative, white for 0, red for
//!   positive.** Used on [−1, 1] for g, j, tanh(c) and h, and on a symmetric [−m, m] for the
//!   main line c, c_{t−1} and k, which are not bounded ([`cell_half_range`] says how m is
//!   chosen). Lightness falls from the white middle to both ends, so the size of a value reads
//!   as its darkness and the sign as its hue; RdBu is one of ColorBrewer's colour-blind-safe maps.
//!
//! Both maps interpolate linearly (in sRGB) between their published stops. Values outside a
//! map's range take the colour of the nearer end; NaN (a diverged or missing value) is a
//! neutral grey that neither map uses.

use crate::render::notation::Range;
use crate::render::palette::{Rgb, INK};
use crate::trace::LayerTrace;

/// Viridis at 0, 1/9, 2/9, … 1 (matplotlib's `viridis(np.linspace(0, 1, 10))`).
pub const VIRIDIS: [Rgb; 10] = [
    Rgb::new(0x44, 0x01, 0x54),
    Rgb::new(0x48, 0x28, 0x78),
    Rgb::new(0x3e, 0x49, 0x89),
    Rgb::new(0x31, 0x68, 0x8e),
    Rgb::new(0x26, 0x82, 0x8e),
    Rgb::new(0x1f, 0x9e, 0x89),
    Rgb::new(0x35, 0xb7, 0x79),
    Rgb::new(0x6e, 0xce, 0x58),
    Rgb::new(0xb5, 0xde, 0x2b),
    Rgb::new(0xfd, 0xe7, 0x25),
];

/// ColorBrewer RdBu (11 classes), ordered from −1 (dark blue) through 0 (near-white) to
/// +1 (dark red).
pub const RED_BLUE: [Rgb; 11] = [
    Rgb::new(0x05, 0x30, 0x61),
    Rgb::new(0x21, 0x66, 0xac),
    Rgb::new(0x43, 0x93, 0xc3),
    Rgb::new(0x92, 0xc5, 0xde),
    Rgb::new(0xd1, 0xe5, 0xf0),
    Rgb::new(0xf7, 0xf7, 0xf7),
    Rgb::new(0xfd, 0xdb, 0xc7),
    Rgb::new(0xf4, 0xa5, 0x82),
    Rgb::new(0xd6, 0x60, 0x4d),
    Rgb::new(0xb2, 0x18, 0x2b),
    Rgb::new(0x67, 0x00, 0x1f),
];

/// The colour of a NaN: a mid grey, unlike any colour of either map.
pub const MISSING: Rgb = Rgb::new(150, 150, 150);

/// The colour at position `s` ∈ [0, 1] along `stops` (clamped), interpolated linearly between
/// the two nearest stops; NaN gives [`MISSING`].
pub fn interpolate(stops: &[Rgb], s: f64) -> Rgb {
    if s.is_nan() || stops.is_empty() {
        return MISSING;
    }
    let s = s.clamp(0.0, 1.0) * (stops.len() - 1) as f64;
    let k = (s.floor() as usize).min(stops.len() - 1);
    let (a, b) = (stops[k], stops[(k + 1).min(stops.len() - 1)]);
    let w = s - k as f64;
    let mix = |x: u8, y: u8| (x as f64 + w * (y as f64 - x as f64)).round() as u8;
    Rgb::new(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
}

/// Which of the two maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colormap {
    /// Viridis, for [0, 1].
    Sequential,
    /// RdBu, for a range symmetric about 0.
    Diverging,
}

/// A colour map over a value range: `lo` takes the map's first colour, `hi` its last.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColorScale {
    /// The map.
    pub map: Colormap,
    /// The value of the first colour.
    pub lo: f64,
    /// The value of the last colour.
    pub hi: f64,
}

impl ColorScale {
    /// The sigmoid gates: viridis on [0, 1].
    pub const GATE: ColorScale = ColorScale {
        map: Colormap::Sequential,
        lo: 0.0,
        hi: 1.0,
    };

    /// The tanh-ranged values: RdBu on [−1, 1].
    pub const TANH: ColorScale = ColorScale::symmetric(1.0);

    /// RdBu on [−m, m].
    pub const fn symmetric(m: f64) -> ColorScale {
        ColorScale {
            map: Colormap::Diverging,
            lo: -m,
            hi: m,
        }
    }

    /// The scale of a quantity of `range`; the unbounded ones (the main line) use [−m, m] with
    /// `cell_half_range` = m.
    pub fn for_range(range: Range, cell_half_range: f64) -> ColorScale {
        match range {
            Range::Sigmoid => ColorScale::GATE,
            Range::Tanh => ColorScale::TANH,
            Range::Free => ColorScale::symmetric(cell_half_range),
        }
    }

    /// Where `v` sits along the map, 0 at `lo` and 1 at `hi`, clamped; NaN stays NaN.
    pub fn position(&self, v: f64) -> f64 {
        if v.is_nan() {
            return f64::NAN;
        }
        let span = self.hi - self.lo;
        if span <= 0.0 {
            return 0.5;
        }
        ((v - self.lo) / span).clamp(0.0, 1.0)
    }

    /// The colour of `v`.
    pub fn color(&self, v: f64) -> Rgb {
        let stops: &[Rgb] = match self.map {
            Colormap::Sequential => &VIRIDIS,
            Colormap::Diverging => &RED_BLUE,
        };
        interpolate(stops, self.position(v))
    }

    /// The legend's ticks: the two ends and the middle (0, 0.5, 1 or −m, 0, m), with labels.
    pub fn ticks(&self) -> [(f64, String); 3] {
        let mid = (self.lo + self.hi) / 2.0;
        [self.lo, mid, self.hi].map(|v| (v, tick_label(v)))
    }
}

/// A legend tick: `0`, `0.5`, `1`, `−1`, `−2.5` (shortest form, true minus sign).
fn tick_label(v: f64) -> String {
    let text = format!("{}", (v * 1000.0).round() / 1000.0);
    let text = if text == "-0" { "0".to_string() } else { text };
    text.replace('-', "−")
}

/// The half-range m of the main line's colour scale [−m, m] for one layer: the largest |c_t|,
/// |c_{t−1}| or |k_t| over every unit and step, rounded up to the next of 1, 1.5, 2, 3, 5 times a
/// power of ten, and never below 1 (so early in training, when the belt carries little, the
/// main line shares the scale of g and h). A NaN is skipped.
///
/// One m per layer and window, so all of the layer's units are drawn on one scale: lanes can be
/// compared, and a value of 1.2 looks the same in the heatmap and on the belt.
pub fn cell_half_range(layer: &LayerTrace) -> f64 {
    let largest = layer
        .cell
        .iter()
        .chain(&layer.cell_prev)
        .chain(&layer.kept)
        .map(|v| v.abs() as f64)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    nice_ceiling(largest.max(1.0))
}

/// The smallest of 1, 1.5, 2, 3, 5 times a power of ten that is at least `v` (> 0).
pub fn nice_ceiling(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    let decade = 10f64.powf(v.log10().floor());
    [1.0, 1.5, 2.0, 3.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|&c| c >= v * (1.0 - 1e-12))
        .unwrap_or(10.0 * decade)
}

/// CIE L* (0 black … 100 white) of an sRGB colour: how light it looks.
pub fn lightness(c: Rgb) -> f64 {
    let linear = |v: u8| {
        let v = v as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
    if y > 216.0 / 24389.0 {
        116.0 * y.cbrt() - 16.0
    } else {
        y * 24389.0 / 27.0
    }
}

/// White.
pub const WHITE: Rgb = Rgb::new(255, 255, 255);

/// The ink that reads on a background of colour `c`: near-black on a light colour, white on a
/// dark one (the switch at L* = 55, where both contrast about equally).
pub fn ink_on(c: Rgb) -> Rgb {
    if lightness(c) > 55.0 {
        INK
    } else {
        WHITE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(scale: &ColorScale, n: usize) -> Vec<Rgb> {
        (0..=n)
            .map(|k| scale.color(scale.lo + (scale.hi - scale.lo) * k as f64 / n as f64))
            .collect()
    }

    #[test]
    fn the_gate_map_runs_from_viridis_purple_to_yellow() {
        assert_eq!(ColorScale::GATE.color(0.0), VIRIDIS[0]);
        assert_eq!(ColorScale::GATE.color(1.0), VIRIDIS[9]);
        // 0.5 lies halfway between the 5th and 6th stops (4.5/9).
        assert_eq!(ColorScale::GATE.color(0.5), Rgb::new(0x23, 0x90, 0x8c));
    }

    #[test]
    fn the_diverging_map_is_blue_white_red() {
        let scale = ColorScale::TANH;
        assert_eq!(scale.color(-1.0), RED_BLUE[0]);
        assert_eq!(scale.color(0.0), RED_BLUE[5]);
        assert_eq!(scale.color(1.0), RED_BLUE[10]);
        let (neg, pos) = (scale.color(-0.5), scale.color(0.5));
        assert!(neg.b > neg.r, "negative is blue: {neg:?}");
        assert!(pos.r > pos.b, "positive is red: {pos:?}");
        // A wider scale puts the same value nearer the middle.
        let wide = ColorScale::symmetric(4.0);
        assert_eq!(wide.color(4.0), RED_BLUE[10]);
        assert!(lightness(wide.color(1.0)) > lightness(scale.color(1.0)));
    }

    #[test]
    fn values_outside_the_range_clamp_and_nan_is_grey() {
        assert_eq!(ColorScale::GATE.color(-3.0), VIRIDIS[0]);
        assert_eq!(ColorScale::GATE.color(7.0), VIRIDIS[9]);
        assert_eq!(ColorScale::TANH.color(f64::INFINITY), RED_BLUE[10]);
        assert_eq!(ColorScale::TANH.color(f64::NAN), MISSING);
        assert_eq!(ColorScale::GATE.color(f64::NAN), MISSING);
        for c in VIRIDIS.iter().chain(&RED_BLUE) {
            assert!(!MISSING.is_near(c.r, c.g, c.b, 30), "grey is too close to {c:?}");
        }
    }

    #[test]
    fn viridis_gets_lighter_all_the_way() {
        let colors = samples(&ColorScale::GATE, 100);
        for pair in colors.windows(2) {
            assert!(
                lightness(pair[1]) >= lightness(pair[0]) - 0.01,
                "{:?} → {:?}",
                pair[0],
                pair[1]
            );
        }
        assert!(lightness(VIRIDIS[9]) - lightness(VIRIDIS[0]) > 70.0);
    }

    #[test]
    fn the_diverging_map_is_lightest_in_the_middle_and_darkens_to_both_ends() {
        let colors = samples(&ColorScale::TANH, 100);
        for pair in colors[..=50].windows(2) {
            assert!(lightness(pair[1]) >= lightness(pair[0]) - 0.01);
        }
        for pair in colors[50..].windows(2) {
            assert!(lightness(pair[1]) <= lightness(pair[0]) + 0.01);
        }
        // The two ends are about equally dark, so −1 and +1 weigh the same.
        assert!((lightness(RED_BLUE[0]) - lightness(RED_BLUE[10])).abs() < 6.0);
    }

    #[test]
    fn legend_ticks_are_the_ends_and_the_middle() {
        let labels = |s: ColorScale| s.ticks().map(|(_, l)| l);
        assert_eq!(labels(ColorScale::GATE), ["0", "0.5", "1"]);
        assert_eq!(labels(ColorScale::TANH), ["−1", "0", "1"]);
        assert_eq!(labels(ColorScale::symmetric(1.5)), ["−1.5", "0", "1.5"]);
    }

    #[test]
    fn the_main_line_scale_rounds_the_largest_value_up() {
        assert!((nice_ceiling(0.3) - 0.3).abs() < 1e-12);
        assert_eq!(nice_ceiling(1.0), 1.0);
        assert_eq!(nice_ceiling(1.2), 1.5);
        assert_eq!(nice_ceiling(2.7), 3.0);
        assert_eq!(nice_ceiling(3.1), 5.0);
        assert_eq!(nice_ceiling(6.0), 10.0);
        assert_eq!(nice_ceiling(f64::NAN), 1.0);

        let mut layer = LayerTrace {
            d_hidden: 2,
            cell: vec![0.2, -0.4],
            cell_prev: vec![0.0, 0.1],
            kept: vec![0.0, 0.05],
            ..LayerTrace::default()
        };
        assert_eq!(cell_half_range(&layer), 1.0, "never below 1");
        layer.cell[1] = -2.2;
        assert_eq!(cell_half_range(&layer), 3.0);
        layer.kept[0] = f32::NAN;
        assert_eq!(cell_half_range(&layer), 3.0, "a NaN is skipped");
    }

    #[test]
    fn ink_contrasts_with_its_background() {
        assert_eq!(ink_on(VIRIDIS[0]), WHITE);
        assert_eq!(ink_on(VIRIDIS[9]), INK);
        assert_eq!(ink_on(RED_BLUE[5]), INK);
        assert_eq!(ink_on(RED_BLUE[0]), WHITE);
        assert!((lightness(WHITE) - 100.0).abs() < 0.01);
        assert!(lightness(Rgb::new(0, 0, 0)).abs() < 0.01);
    }
}
