//! Where a chart's plotting area landed on the screen and which data range it shows: the map
//! from data to CSS pixels and back. A chart returns its frame when it is drawn, so that a
//! pointer position can be turned into "which month is under the cursor" by the same numbers
//! that placed the lines.

/// The plotting area of a drawn chart, in CSS pixels from the canvas' top-left corner, and the
/// data range it spans. y grows downwards on screen and upwards in data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotFrame {
    /// Left edge of the plotting area.
    pub left: f64,
    /// Top edge of the plotting area.
    pub top: f64,
    /// Width of the plotting area (> 0).
    pub width: f64,
    /// Height of the plotting area (> 0).
    pub height: f64,
    /// The data x at the left and right edges.
    pub x: (f64, f64),
    /// The data y at the bottom and top edges.
    pub y: (f64, f64),
}

impl PlotFrame {
    /// The frame of a plotting area given in backing-store pixels (what the drawing library
    /// reports), on a canvas drawn at `pixel_ratio` backing pixels per CSS pixel.
    pub fn from_backing_pixels(
        x_pixels: (i32, i32),
        y_pixels: (i32, i32),
        pixel_ratio: f64,
        x: (f64, f64),
        y: (f64, f64),
    ) -> Self {
        let ratio = if pixel_ratio > 0.0 { pixel_ratio } else { 1.0 };
        PlotFrame {
            left: x_pixels.0 as f64 / ratio,
            top: y_pixels.0 as f64 / ratio,
            width: (x_pixels.1 - x_pixels.0).max(1) as f64 / ratio,
            height: (y_pixels.1 - y_pixels.0).max(1) as f64 / ratio,
            x,
            y,
        }
    }

    /// The screen position of a data point: `left + width · (x − x₀)/(x₁ − x₀)`, and for y the
    /// same measured up from the bottom edge.
    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (self.left + fx * self.width, self.top + (1.0 - fy) * self.height)
    }

    /// True when the screen point is inside the plotting area (edges included).
    pub fn contains(&self, px: f64, py: f64) -> bool {
        px >= self.left && px <= self.left + self.width && py >= self.top && py <= self.top + self.height
    }

    /// The data point under a screen point, or `None` outside the plotting area. The inverse of
    /// [`PlotFrame::to_screen`].
    pub fn to_data(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        if !self.contains(px, py) {
            return None;
        }
        let fx = (px - self.left) / self.width;
        let fy = 1.0 - (py - self.top) / self.height;
        Some((
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.0 + fy * (self.y.1 - self.y.0),
        ))
    }

    /// The index of the point nearest to the screen x `px` on a chart whose point i sits at
    /// data x = i, for `n` points; `None` outside the plotting area horizontally or when `n = 0`.
    pub fn nearest_index(&self, px: f64, n: usize) -> Option<usize> {
        if n == 0 || px < self.left || px > self.left + self.width {
            return None;
        }
        let x = self.x.0 + (px - self.left) / self.width * (self.x.1 - self.x.0);
        Some(x.round().clamp(0.0, (n - 1) as f64) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 400×200 plotting area at (50, 10) showing months −0.5 … 143.5 and values 0 … 700.
    fn frame() -> PlotFrame {
        PlotFrame {
            left: 50.0,
            top: 10.0,
            width: 400.0,
            height: 200.0,
            x: (-0.5, 143.5),
            y: (0.0, 700.0),
        }
    }

    #[test]
    fn corners_map_to_the_ends_of_the_ranges() {
        let f = frame();
        assert_eq!(f.to_screen(-0.5, 0.0), (50.0, 210.0));
        assert_eq!(f.to_screen(143.5, 700.0), (450.0, 10.0));
        assert_eq!(f.to_data(50.0, 210.0), Some((-0.5, 0.0)));
        assert_eq!(f.to_data(450.0, 10.0), Some((143.5, 700.0)));
    }

    #[test]
    fn to_data_inverts_to_screen() {
        let f = frame();
        for &(x, y) in &[(0.0, 112.0), (71.5, 350.0), (143.0, 622.0)] {
            let (px, py) = f.to_screen(x, y);
            let (bx, by) = f.to_data(px, py).unwrap();
            assert!((bx - x).abs() < 1e-9 && (by - y).abs() < 1e-9);
        }
    }

    #[test]
    fn outside_the_plotting_area_there_is_no_data_point() {
        let f = frame();
        assert_eq!(f.to_data(49.0, 100.0), None);
        assert_eq!(f.to_data(100.0, 211.0), None);
        assert_eq!(f.nearest_index(451.0, 144), None);
        assert_eq!(f.nearest_index(100.0, 0), None);
    }

    #[test]
    fn the_nearest_month_is_the_rounded_data_x() {
        let f = frame();
        // 400 px for 144 months: 2.78 px per month; month 0 is centred 1.39 px in.
        assert_eq!(f.nearest_index(50.0, 144), Some(0));
        assert_eq!(f.nearest_index(450.0, 144), Some(143));
        let (px, _) = f.to_screen(100.0, 0.0);
        assert_eq!(f.nearest_index(px + 1.0, 144), Some(100));
        assert_eq!(f.nearest_index(px - 1.0, 144), Some(100));
        // Fewer points than the range shows: clamped to the last one.
        assert_eq!(f.nearest_index(450.0, 10), Some(9));
    }

    #[test]
    fn backing_pixels_are_divided_by_the_pixel_ratio() {
        let f = PlotFrame::from_backing_pixels((100, 900), (20, 420), 2.0, (0.0, 1.0), (0.0, 1.0));
        assert_eq!((f.left, f.top, f.width, f.height), (50.0, 10.0, 400.0, 200.0));
        let f = PlotFrame::from_backing_pixels((10, 10), (0, 0), 0.0, (0.0, 1.0), (0.0, 1.0));
        assert_eq!((f.left, f.width, f.height), (10.0, 1.0, 1.0));
    }
}
