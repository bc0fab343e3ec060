//! The words drawn on the canvases, in the page's language.
//!
//! The page keeps every user-visible string in its tables (www/strings); it hands the canvas
//! ones over once per language and text size, with `setCanvasWords(words, textScale)`
//! (`{ "canvas.heatmap.unit": "单元", … }`, built by www/canvas-words.js), and they stay until
//! the next call. A drawing function's options may still carry `words` and `textScale`, which
//! replace them the same way. (Sending the table with every drawing cost more than the drawing:
//! about 150 ms in 6 s of training with the gate views on screen went to copying its strings
//! into wasm, by a profile.) The drawing code asks [`word`] for a key with its English text
//! beside it, so a missing key (a native unit test, an old caller) still draws English. The
//! words are held per thread: the renderers are many small functions, and threading a table
//! through all of them would hide the drawing behind plumbing.

use std::cell::RefCell;
use std::collections::HashMap;

/// The words and the text scale of the drawing under way.
#[derive(Clone, Debug)]
struct Words {
    table: HashMap<String, String>,
    text_scale: f64,
}

thread_local! {
    static WORDS: RefCell<Words> = RefCell::new(Words { table: HashMap::new(), text_scale: 1.0 });
}

/// The largest text scale taken; a bigger one is clamped (a typo of 15 for 1.5 would fill the
/// canvas with one letter).
pub const MAX_TEXT_SCALE: f64 = 3.0;

/// Sets the words and the text scale for the following drawings (until the next call). A
/// scale that is not a positive number is taken as 1.
pub fn set_words(table: HashMap<String, String>, text_scale: f64) {
    set_table(table);
    set_text_scale(text_scale);
}

/// Sets the words for the following drawings, keeping the text scale.
pub fn set_table(table: HashMap<String, String>) {
    WORDS.with(|w| w.borrow_mut().table = table);
}

/// Sets the text scale for the following drawings, keeping the words. A scale that is not a
/// positive number is taken as 1.
pub fn set_text_scale(text_scale: f64) {
    let text_scale = if text_scale.is_finite() && text_scale > 0.0 {
        text_scale.min(MAX_TEXT_SCALE)
    } else {
        1.0
    };
    WORDS.with(|w| w.borrow_mut().text_scale = text_scale);
}

/// The text for `key`, or `english` when the page gave none.
pub fn word(key: &str, english: &str) -> String {
    WORDS
        .with(|w| w.borrow().table.get(key).cloned())
        .unwrap_or_else(|| english.to_string())
}

/// [`word`] with its `{name}` placeholders filled from `values`.
pub fn word_with(key: &str, english: &str, values: &[(&str, &str)]) -> String {
    fill(&word(key, english), values)
}

/// A label's variants, longest first (the drawing takes the longest that fits): the page's
/// text for `key` is them one a line; `english` when it gave none.
pub fn variants(key: &str, english: &[&str]) -> Vec<String> {
    match WORDS.with(|w| w.borrow().table.get(key).cloned()) {
        Some(text) => text.split('\n').map(str::to_string).collect(),
        None => english.iter().map(|s| s.to_string()).collect(),
    }
}

/// `template` with every `{name}` replaced by its value in `values` (unknown ones left as is).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// Where a read-out's numbers come from, `t = 12, unit 1` (`…, layer 2` when the network has
/// more than one layer), counted from 1: the words `canvas.readout.at` / `canvas.readout.atLayer`.
pub fn at_step(step: usize, unit: usize, layer: Option<usize>) -> String {
    let (t, u) = ((step + 1).to_string(), (unit + 1).to_string());
    match layer {
        Some(l) => word_with(
            "canvas.readout.atLayer",
            "t = {t}, unit {unit}, layer {layer}",
            &[("t", &t), ("unit", &u), ("layer", &(l + 1).to_string())],
        ),
        None => word_with("canvas.readout.at", "t = {t}, unit {unit}", &[("t", &t), ("unit", &u)]),
    }
}

/// The factor every font size is multiplied by (1 unless the page asked for more, as in
/// classroom mode).
pub fn text_scale() -> f64 {
    WORDS.with(|w| w.borrow().text_scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_word_replaces_the_english_default() {
        set_words(HashMap::new(), 1.0);
        assert_eq!(word("canvas.heatmap.unit", "unit"), "unit");
        set_words(
            HashMap::from([("canvas.heatmap.unit".to_string(), "单元".to_string())]),
            1.0,
        );
        assert_eq!(word("canvas.heatmap.unit", "unit"), "单元");
        assert_eq!(
            word("canvas.heatmap.other", "other"),
            "other",
            "a missing key stays English"
        );
        set_words(HashMap::new(), 1.0);
    }

    #[test]
    fn variants_are_one_a_line() {
        set_words(HashMap::from([("v".to_string(), "长的说明\n短的".to_string())]), 1.0);
        assert_eq!(variants("v", &["a long note", "short"]), ["长的说明", "短的"]);
        assert_eq!(variants("w", &["a long note", "short"]), ["a long note", "short"]);
        set_words(HashMap::new(), 1.0);
    }

    #[test]
    fn placeholders_are_filled() {
        set_words(
            HashMap::from([("k".to_string(), "第 {t} 步，单元 {unit}".to_string())]),
            1.0,
        );
        assert_eq!(
            word_with("k", "t = {t}, unit {unit}", &[("t", "12"), ("unit", "1")]),
            "第 12 步，单元 1"
        );
        set_words(HashMap::new(), 1.0);
        assert_eq!(
            word_with("k", "t = {t}, unit {unit}", &[("t", "12"), ("unit", "1")]),
            "t = 12, unit 1"
        );
    }

    #[test]
    fn the_text_scale_is_positive_and_bounded() {
        set_words(HashMap::new(), 1.5);
        assert_eq!(text_scale(), 1.5);
        set_words(HashMap::new(), f64::NAN);
        assert_eq!(text_scale(), 1.0);
        set_words(HashMap::new(), -2.0);
        assert_eq!(text_scale(), 1.0);
        set_words(HashMap::new(), 15.0);
        assert_eq!(text_scale(), MAX_TEXT_SCALE);
        set_words(HashMap::new(), 1.0);
    }
}
