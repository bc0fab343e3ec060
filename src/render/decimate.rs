//! Thinning a long curve to what a chart can show: at most four points per pixel column.
//!
//! The loss chart has one point per epoch, and a run may go to 100,000 epochs on a plot a few
//! hundred pixels wide. Drawn as it is, every epoch is a `lineTo` call on the canvas (one call
//! across the wasm–JavaScript boundary each), and most of them land on a pixel column that
//! already has a hundred others. A polyline through the points of one column covers, in that
//! column, exactly the vertical span from their lowest to their highest value, entered at the
//! first point and left at the last. So keeping, per column, the first, the lowest, the
//! highest and the last point (in the order they come) draws the same pixels as all of them
//! (the "M4" rule of Jugel et al., VLDB 2014), with at most 4 × columns points whatever the
//! number of epochs.
//!
//! ```text
//! column:   |  . ' . ,  |  ' . .    |
//! kept:     |  f   h l  |  f   l    |     f first, l last, h highest, (lowest = f here)
//! ```

/// The points of `points` (in increasing x) that a polyline needs on a plot of `columns`
/// pixel columns spanning `x_range` in data units: per column the first, lowest, highest and
/// last point, in their original order, each once. Points outside `x_range` fall in the
/// first or last column. With `columns` 0 or a curve no longer than 4 × `columns`, the
/// points come back as they are.
pub fn decimate_columns(points: &[(f64, f64)], x_range: (f64, f64), columns: usize) -> Vec<(f64, f64)> {
    let (lo, hi) = x_range;
    if columns == 0 || points.len() <= 4 * columns || hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return points.to_vec();
    }
    let column_of = |x: f64| (((x - lo) / (hi - lo) * columns as f64).floor().max(0.0) as usize).min(columns - 1);
    let mut kept = Vec::with_capacity(4 * columns);
    let mut start = 0;
    while start < points.len() {
        let column = column_of(points[start].0);
        let mut end = start + 1;
        while end < points.len() && column_of(points[end].0) == column {
            end += 1;
        }
        keep_extremes(&points[start..end], &mut kept);
        start = end;
    }
    kept
}

/// Appends to `kept` the first, lowest, highest and last point of `run` (one column), in
/// their order within `run`, without repeating a point that is two of them at once.
fn keep_extremes(run: &[(f64, f64)], kept: &mut Vec<(f64, f64)>) {
    let last = run.len() - 1;
    let (mut low, mut high) = (0, 0);
    for (i, &(_, y)) in run.iter().enumerate() {
        if y < run[low].1 {
            low = i;
        }
        if y > run[high].1 {
            high = i;
        }
    }
    let mut indices = [0, low, high, last];
    indices.sort_unstable();
    let mut previous = None;
    for i in indices {
        if previous != Some(i) {
            kept.push(run[i]);
            previous = Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(n: usize) -> Vec<(f64, f64)> {
        // A decaying loss with a wiggle, so every column has its own lowest and highest point.
        (1..=n)
            .map(|e| {
                let e = e as f64;
                (e, (1.0 / e).ln() + 0.3 * (e * 0.7).sin())
            })
            .collect()
    }

    #[test]
    fn a_short_curve_comes_back_unchanged() {
        let points = curve(40);
        assert_eq!(decimate_columns(&points, (0.0, 40.0), 10), points);
        assert_eq!(decimate_columns(&points, (0.0, 40.0), 0), points);
    }

    #[test]
    fn a_long_curve_keeps_at_most_four_points_per_column() {
        let points = curve(100_000);
        let kept = decimate_columns(&points, (0.0, 100_000.0), 500);
        assert!(kept.len() <= 4 * 500, "{} points kept", kept.len());
        assert!(
            kept.len() >= 2 * 500,
            "every column keeps its first and last: {}",
            kept.len()
        );
    }

    #[test]
    fn every_column_keeps_its_first_last_lowest_and_highest_point_in_order() {
        let points = curve(10_000);
        let (range, columns) = ((0.0, 10_000.0), 300);
        let kept = decimate_columns(&points, range, columns);
        assert!(
            kept.windows(2).all(|w| w[0].0 < w[1].0),
            "kept points are in increasing x"
        );
        let column = |x: f64| ((x / 10_000.0 * columns as f64).floor() as usize).min(columns - 1);
        for c in 0..columns {
            let all: Vec<_> = points.iter().copied().filter(|p| column(p.0) == c).collect();
            let mine: Vec<_> = kept.iter().copied().filter(|p| column(p.0) == c).collect();
            if all.is_empty() {
                assert!(mine.is_empty());
                continue;
            }
            let lowest = all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let highest = all.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
            assert_eq!(mine.first(), all.first(), "column {c} starts where the curve enters it");
            assert_eq!(mine.last(), all.last(), "column {c} ends where the curve leaves it");
            assert!(mine.iter().any(|p| p.1 == lowest), "column {c} keeps its lowest point");
            assert!(
                mine.iter().any(|p| p.1 == highest),
                "column {c} keeps its highest point"
            );
            assert!(mine.len() <= 4);
        }
    }

    #[test]
    fn points_outside_the_range_join_the_edge_columns() {
        let points: Vec<_> = (0..1000).map(|i| (i as f64 - 100.0, (i % 7) as f64)).collect();
        let kept = decimate_columns(&points, (0.0, 800.0), 20);
        assert_eq!(kept.first(), points.first());
        assert_eq!(kept.last(), points.last());
        assert!(kept.len() <= 80);
    }
}
