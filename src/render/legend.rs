//! A legend laid out as a strip of entries above a chart's plotting area, never over it: each
//! entry (a sample and its words) goes right of the one before, and a new line starts when the
//! next entry would pass the strip's width. So a legend of any length, in any language, on any
//! screen, takes lines instead of covering the curves (the forecast chart, issue 11).

/// Where [`flow`] puts one entry: its line (0 the first) and its left edge from the strip's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// The line, counted from 0.
    pub line: usize,
    /// The left edge, from the strip's left edge.
    pub x: f64,
}

/// Entries of the given `widths` placed left to right in a strip `room` wide, `gap` apart,
/// wrapping onto a new line when the next one would pass `room`. An entry is never split: one
/// wider than the strip gets a line of its own. `breaks` lists entries that start a new line
/// whatever the room (such as a note after the legend's entries).
pub fn flow(widths: &[f64], room: f64, gap: f64, breaks: &[usize]) -> Vec<Placed> {
    let mut placed = Vec::with_capacity(widths.len());
    let (mut line, mut x) = (0, 0.0);
    for (i, &width) in widths.iter().enumerate() {
        let starts_line = i == 0 || x == 0.0;
        if !starts_line && (breaks.contains(&i) || x + width > room) {
            line += 1;
            x = 0.0;
        }
        placed.push(Placed { line, x });
        x += width + gap;
    }
    placed
}

/// The number of lines [`flow`]'s placement takes (0 for no entries).
pub fn lines(placed: &[Placed]) -> usize {
    placed.last().map_or(0, |p| p.line + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_fill_a_line_then_wrap() {
        let placed = flow(&[100.0, 100.0, 100.0], 250.0, 10.0, &[]);
        assert_eq!(
            placed,
            [
                Placed { line: 0, x: 0.0 },
                Placed { line: 0, x: 110.0 },
                Placed { line: 1, x: 0.0 },
            ]
        );
        assert_eq!(lines(&placed), 2);
    }

    #[test]
    fn a_wide_entry_takes_its_own_line_and_a_break_starts_one() {
        let placed = flow(&[50.0, 400.0, 50.0, 50.0], 300.0, 10.0, &[3]);
        let on: Vec<usize> = placed.iter().map(|p| p.line).collect();
        assert_eq!(on, [0, 1, 2, 3]);
        assert!(placed.iter().all(|p| p.x == 0.0));
        assert_eq!(lines(&flow(&[], 300.0, 10.0, &[])), 0);
    }

    #[test]
    fn a_wide_strip_keeps_everything_on_one_line() {
        let placed = flow(&[80.0, 120.0, 60.0], 1000.0, 14.0, &[]);
        assert_eq!(lines(&placed), 1);
        assert_eq!(placed[2].x, 80.0 + 14.0 + 120.0 + 14.0);
    }
}
