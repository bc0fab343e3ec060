//! Rectangles in CSS pixels, the unit every layout of the gate views works in, and the
//! rounding that keeps a grid of cells crisp on a high-density screen.

/// An axis-aligned rectangle: top-left corner and size, in CSS pixels from the canvas'
/// top-left corner (y grows downwards).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (≥ 0).
    pub width: f64,
    /// Height (≥ 0).
    pub height: f64,
}

impl Rect {
    /// A rectangle from its corner and size.
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Rect { x, y, width, height }
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The centre.
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// True when the point is inside, the left and top edges included and the right and bottom
    /// ones not, so that of two cells sharing an edge exactly one holds a point on it.
    pub fn contains(&self, px: f64, py: f64) -> bool {
        px >= self.x && px < self.right() && py >= self.y && py < self.bottom()
    }

    /// The rectangle grown by `d` on every side (shrunk for a negative `d`, never below size 0).
    pub fn inflate(&self, d: f64) -> Rect {
        let width = (self.width + 2.0 * d).max(0.0);
        let height = (self.height + 2.0 * d).max(0.0);
        let (cx, cy) = self.center();
        Rect::new(cx - width / 2.0, cy - height / 2.0, width, height)
    }

    /// The same rectangle with its edges moved to whole device pixels at `ratio` device pixels
    /// per CSS pixel: adjacent cells then share their edge exactly, with no anti-aliased seam.
    pub fn snapped(&self, ratio: f64) -> Rect {
        let (x0, y0) = (snap(self.x, ratio), snap(self.y, ratio));
        let (x1, y1) = (snap(self.right(), ratio), snap(self.bottom(), ratio));
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// True when the two rectangles share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }
}

/// `v` rounded to the nearest whole device pixel, at `ratio` device pixels per CSS pixel.
pub fn snap(v: f64, ratio: f64) -> f64 {
    let ratio = if ratio > 0.0 { ratio } else { 1.0 };
    (v * ratio).round() / ratio
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_on_a_shared_edge_belongs_to_one_cell() {
        let left = Rect::new(0.0, 0.0, 10.0, 10.0);
        let right = Rect::new(10.0, 0.0, 10.0, 10.0);
        assert!(!left.contains(10.0, 5.0));
        assert!(right.contains(10.0, 5.0));
        assert!(left.contains(0.0, 0.0));
        assert!(!left.contains(5.0, 10.0));
        assert!(!left.overlaps(&right));
        assert!(left.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)));
    }

    #[test]
    fn inflating_keeps_the_centre() {
        let r = Rect::new(10.0, 20.0, 4.0, 6.0).inflate(2.0);
        assert_eq!(r, Rect::new(8.0, 18.0, 8.0, 10.0));
        assert_eq!(r.center(), (12.0, 23.0));
        assert_eq!(Rect::new(0.0, 0.0, 2.0, 2.0).inflate(-5.0).width, 0.0);
    }

    #[test]
    fn snapping_lands_on_device_pixels() {
        assert_eq!(snap(10.3, 1.0), 10.0);
        assert_eq!(snap(10.3, 2.0), 10.5);
        assert_eq!(snap(10.3, 0.0), 10.0);
        // Adjacent cells of width 10/3 share their snapped edge.
        let a = Rect::new(0.0, 0.0, 10.0 / 3.0, 1.0).snapped(2.0);
        let b = Rect::new(10.0 / 3.0, 0.0, 10.0 / 3.0, 1.0).snapped(2.0);
        assert_eq!(a.right(), b.x);
        assert_eq!(a.width, 3.5);
    }
}
