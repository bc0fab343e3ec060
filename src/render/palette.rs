//! The colours and type sizes of the charts, in one place so that the page's legend text, the
//! charts and the browser tests agree on them.
//!
//! The palette is the usual blue/orange pair (distinguishable with the common colour-vision
//! deficiencies), on white, with near-black for the truth and light greys for the scaffolding.
//! The classical baselines and the validation loss take three more colours of the Okabe–Ito
//! set (bluish green, reddish purple, orange), which was made to stay apart under the common
//! colour-vision deficiencies and is apart from the blue and the vermilion above.

/// A colour as 8-bit red, green and blue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Rgb {
    /// A colour from its three channels.
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }

    /// The CSS form, `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// True when each channel of `(r, g, b)` is within `tolerance` of this colour (for tests
    /// that read pixels back from a canvas, where anti-aliasing blends the edges of a line).
    pub fn is_near(self, r: u8, g: u8, b: u8, tolerance: u8) -> bool {
        self.r.abs_diff(r) <= tolerance && self.g.abs_diff(g) <= tolerance && self.b.abs_diff(b) <= tolerance
    }
}

/// The chart background.
pub const BACKGROUND: Rgb = Rgb::new(255, 255, 255);
/// Axis lines, tick labels and axis titles.
pub const INK: Rgb = Rgb::new(17, 17, 17);
/// Secondary text: the test-period note, the empty-chart hint.
pub const MUTED: Rgb = Rgb::new(96, 96, 96);
/// The grid.
pub const GRID: Rgb = Rgb::new(229, 229, 229);
/// The shading behind the held-out test months.
pub const TEST_SHADE: Rgb = Rgb::new(238, 241, 246);
/// The actual series: what happened.
pub const ACTUAL: Rgb = Rgb::new(51, 51, 51);
/// The one-step predictions, each from the true preceding window.
pub const ONE_STEP: Rgb = Rgb::new(31, 111, 209);
/// The recursive forecast, which feeds its own predictions back in.
pub const RECURSIVE: Rgb = Rgb::new(230, 85, 13);
/// How opaque an ensemble member's one-step line is, over the background (its colour is
/// [`ONE_STEP`]: the mean is drawn boldly over its faint members).
pub const MEMBER_ALPHA: f64 = 0.4;
/// The baselines' one-step predictions over the test months, in the engine's order
/// (`crate::baselines::BaselineKind::ALL`): seasonal naive (reddish purple), AR(12) on logs
/// (bluish green), Holt–Winters (orange).
pub const BASELINES: [Rgb; 3] = [Rgb::new(204, 121, 167), Rgb::new(0, 158, 115), Rgb::new(230, 159, 0)];
/// The second model of a comparison (another cell trained beside the first): its one-step
/// line and its loss curves. A purple apart from every colour above.
pub const COMPARE: Rgb = Rgb::new(117, 68, 171);
/// The training loss curve.
pub const TRAIN_LOSS: Rgb = ONE_STEP;
/// The test loss curve.
pub const TEST_LOSS: Rgb = RECURSIVE;
/// The validation loss curve (early stopping's held-out training windows) and the mark of
/// its best epoch.
pub const VALIDATION_LOSS: Rgb = BASELINES[1];

/// The font stack of every chart label: the system's own interface font, never a remote one.
pub const FONT_FAMILY: &str = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";
/// Tick labels and the legend, in CSS pixels.
pub const LABEL_SIZE: f64 = 13.0;
/// Axis titles, in CSS pixels.
pub const TITLE_SIZE: f64 = 13.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_is_lower_case_hex_with_two_digits_per_channel() {
        assert_eq!(ONE_STEP.css(), "#1f6fd1");
        assert_eq!(Rgb::new(0, 10, 255).css(), "#000aff");
    }

    #[test]
    fn nearness_is_per_channel() {
        assert!(ACTUAL.is_near(51, 51, 51, 0));
        assert!(ACTUAL.is_near(55, 47, 51, 4));
        assert!(!ACTUAL.is_near(56, 51, 51, 4));
    }

    #[test]
    fn the_series_colours_are_told_apart_from_each_other_and_the_scaffolding() {
        let series = [
            ACTUAL,
            ONE_STEP,
            RECURSIVE,
            BASELINES[0],
            BASELINES[1],
            BASELINES[2],
            COMPARE,
        ];
        let scaffolding = [BACKGROUND, GRID, TEST_SHADE, INK];
        for (i, a) in series.iter().enumerate() {
            for b in series.iter().skip(i + 1).chain(&scaffolding) {
                assert!(!a.is_near(b.r, b.g, b.b, 24), "{a:?} is too close to {b:?}");
            }
        }
    }
}
