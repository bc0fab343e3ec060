//! Property tests of the readers that take text from outside: the CSV reader
//! (`Series::parse_csv`, a pasted or chosen file) and the weights reader (`weights::from_json`,
//! a downloaded model brought back). For any input each must return either a value that keeps
//! its promises or an error whose message names what is wrong, and never panic.
//!
//! Inside `npm test` every property runs proptest's default 256 cases. `npm run fuzz`
//! (scripts/fuzz.sh) runs the same properties with `PROPTEST_CASES=100000`; the README's test
//! section records its counts and results.

use lstm_conveyor::data::{FittedTransform, Layout, Series, Transform, YearMonth};
use lstm_conveyor::model::{CellKind, Network};
use lstm_conveyor::weights::{from_json, to_json, WeightsConfig};
use proptest::prelude::*;
use serde_json::Value;

// --- the CSV reader ------------------------------------------------------------------------

/// A valid two-column file of `values` from 1949-01, one row per month.
fn valid_csv(values: &[f64]) -> String {
    let start = YearMonth::new(1949, 1).unwrap();
    let mut text = String::from("month,passengers\n");
    for (i, v) in values.iter().enumerate() {
        text.push_str(&format!("{},{v}\n", start.plus(i)));
    }
    text
}

/// One edit of a CSV text, at a byte position taken modulo its length.
#[derive(Clone, Debug)]
enum CsvEdit {
    /// Inserts the text.
    Insert(usize, String),
    /// Removes up to n characters.
    Remove(usize, usize),
    /// Cuts the text off.
    Truncate(usize),
    /// Swaps two lines.
    SwapLines(usize, usize),
}

fn csv_edit() -> impl Strategy<Value = CsvEdit> {
    // What a hand-edited or damaged file holds: separators, quotes, signs, exponents, odd
    // spaces, line ends, markup, letters from other scripts, and the odd control character.
    let piece = prop_oneof![
        "[0-9,;\\t. \"'eE+\\-]{1,6}",
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("1e999".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("一月".to_string()),
        Just("\u{0}".to_string()),
        "\\PC{1,4}",
    ];
    prop_oneof![
        (any::<usize>(), piece).prop_map(|(at, s)| CsvEdit::Insert(at, s)),
        (any::<usize>(), 1..8usize).prop_map(|(at, n)| CsvEdit::Remove(at, n)),
        any::<usize>().prop_map(CsvEdit::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| CsvEdit::SwapLines(a, b)),
    ]
}

/// The byte position `at` (mod the length + 1) moved back to a character boundary.
fn boundary(text: &str, at: usize) -> usize {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply_csv_edit(text: &mut String, edit: &CsvEdit) {
    match edit {
        CsvEdit::Insert(at, s) => {
            let i = boundary(text, *at);
            text.insert_str(i, s);
        }
        CsvEdit::Remove(at, n) => {
            let i = boundary(text, *at);
            let end = text[i..].char_indices().nth(*n).map_or(text.len(), |(k, _)| i + k);
            text.replace_range(i..end, "");
        }
        CsvEdit::Truncate(at) => {
            let i = boundary(text, *at);
            text.truncate(i);
        }
        CsvEdit::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let n = lines.len();
            lines.swap(a % n, b % n);
            *text = lines.join("\n");
        }
    }
}

/// A series the reader accepted keeps its promises: months and values line up, one month
/// after another, every value finite.
fn assert_series_is_sound(series: &Series) -> Result<(), TestCaseError> {
    prop_assert!(!series.is_empty());
    prop_assert_eq!(series.months.len(), series.values.len());
    prop_assert!(series.values.iter().all(|v| v.is_finite()));
    prop_assert!(series.months.windows(2).all(|pair| pair[1] == pair[0].next()));
    Ok(())
}

/// A refusal is a sentence that says where and what: not empty, and not a Rust debug dump.
fn assert_message_is_useful(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(message.chars().count() >= 10, "too short: {message:?}");
    prop_assert!(!message.contains("Some(") && !message.contains("Err("), "{message}");
    Ok(())
}

proptest! {
    #[test]
    fn csv_reader_answers_any_text(text in "(?s)\\PC{0,300}") {
        match Series::parse_csv("fuzz", &text) {
            Ok(series) => assert_series_is_sound(&series)?,
            Err(e) => assert_message_is_useful(&e.to_string())?,
        }
    }

    #[test]
    fn csv_reader_answers_a_damaged_valid_file(
        values in proptest::collection::vec(1.0..1000.0f64, 1..40),
        edits in proptest::collection::vec(csv_edit(), 1..6),
    ) {
        let mut text = valid_csv(&values);
        for edit in &edits {
            apply_csv_edit(&mut text, edit);
        }
        match Series::parse_csv("fuzz", &text) {
            Ok(series) => assert_series_is_sound(&series)?,
            Err(e) => {
                let message = e.to_string();
                assert_message_is_useful(&message)?;
            }
        }
    }

    #[test]
    fn csv_reader_names_the_line_of_a_bad_value(
        values in proptest::collection::vec(1.0..1000.0f64, 3..40),
        row in any::<usize>(),
        junk in "[a-df-zA-DF-Z]{1,6}",
    ) {
        // One value replaced by letters: refused, and the message gives that line.
        let row = row % values.len();
        let mut lines: Vec<String> = valid_csv(&values).lines().map(str::to_string).collect();
        let month = lines[row + 1].split(',').next().unwrap().to_string();
        lines[row + 1] = format!("{month},{junk}");
        let text = lines.join("\n");
        let message = Series::parse_csv("fuzz", &text).unwrap_err().to_string();
        prop_assert!(message.contains(&format!("line {}", row + 2)), "{message}");
    }
}

// --- the weights reader --------------------------------------------------------------------

/// A valid weights file of a small 2-layer network of `cell`.
fn valid_weights(cell: CellKind, seed: u64) -> String {
    let window = 4;
    let config = WeightsConfig {
        cell,
        input_size: 1,
        hidden_size: 3,
        num_layers: 2,
        window,
        layout: Layout::Sequence,
        transform: FittedTransform {
            kind: Transform::LogDiff,
            offset: 0.01,
            scale: 0.05,
        },
        series: Some("AirPassengers".to_string()),
        test_start: Some(YearMonth::new(1959, 1).unwrap()),
    };
    let network: Network<f64> = Network::new(config.network_config(), true, seed);
    to_json(&config, &network.params)
}

/// Every path to a value in a JSON tree (object keys and array indices), leaves and inner nodes.
fn paths(value: &Value, prefix: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                prefix.push(PathStep::Key(key.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            // The first few items of a long tensor are enough to reach every kind of value.
            for (i, child) in items.iter().enumerate().take(4) {
                prefix.push(PathStep::Index(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at_path<'a>(value: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        PathStep::Key(k) => v.get_mut(k.as_str()).expect("a path we listed"),
        PathStep::Index(i) => v.get_mut(*i).expect("a path we listed"),
    })
}

/// What a value may be replaced with: every JSON kind, and the numbers that break shapes and
/// ranges (zero, negative, huge, fractional, the engine's limits and one past them).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![
            Just(0.0),
            Just(-1.0),
            Just(0.5),
            Just(1e300),
            Just(-1e300),
            Just(128.0),
            Just(129.0),
            Just(9.0),
            any::<i32>().prop_map(f64::from),
            -1.0e6..1.0e6f64,
        ]
        .prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        Just(Value::String("<img src=x onerror=alert(1)>".into())),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One edit of a weights file's JSON tree.
#[derive(Clone, Debug)]
enum JsonEdit {
    /// Replaces the value at path number i (mod the number of paths).
    Replace(usize, Value),
    /// Removes the key or item at path i (the root stays).
    Remove(usize),
}

fn json_edit() -> impl Strategy<Value = JsonEdit> {
    prop_oneof![
        (any::<usize>(), json_value()).prop_map(|(i, v)| JsonEdit::Replace(i, v)),
        any::<usize>().prop_map(JsonEdit::Remove),
    ]
}

fn apply_json_edit(root: &mut Value, edit: &JsonEdit) {
    let mut all = Vec::new();
    paths(root, &mut Vec::new(), &mut all);
    match edit {
        JsonEdit::Replace(i, v) => *at_path(root, &all[i % all.len()]) = v.clone(),
        JsonEdit::Remove(i) => {
            let path = &all[i % all.len()];
            let Some((last, parent_path)) = path.split_last() else {
                return;
            };
            match (at_path(root, parent_path), last) {
                (Value::Object(map), PathStep::Key(k)) => {
                    map.remove(k);
                }
                (Value::Array(items), PathStep::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
    }
}

fn cell_kind() -> impl Strategy<Value = CellKind> {
    prop_oneof![Just(CellKind::Lstm), Just(CellKind::Gru), Just(CellKind::Rnn)]
}

/// A file the reader accepted describes a network it can build: the tensors fit the config.
fn assert_weights_are_sound(text: &str) -> Result<(), TestCaseError> {
    if let Ok(file) = from_json(text) {
        let network = file.network::<f32>();
        prop_assert_eq!(network.params.config(), file.config.network_config());
        for member in &file.members {
            prop_assert_eq!(member.config(), file.config.network_config());
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn weights_reader_answers_any_text(text in "(?s)\\PC{0,200}") {
        if let Err(e) = from_json(&text) {
            assert_message_is_useful(&e.to_string())?;
        }
        assert_weights_are_sound(&text)?;
    }

    #[test]
    fn weights_reader_answers_a_damaged_valid_file(
        cell in cell_kind(),
        seed in 1..1000u64,
        edits in proptest::collection::vec(json_edit(), 1..4),
    ) {
        let mut root: Value = serde_json::from_str(&valid_weights(cell, seed)).unwrap();
        for edit in &edits {
            apply_json_edit(&mut root, edit);
        }
        let text = root.to_string();
        match from_json(&text) {
            Ok(_) => assert_weights_are_sound(&text)?,
            Err(e) => {
                let message = e.to_string();
                assert_message_is_useful(&message)?;
                // It names a key (quoted) or says the text is not what a weights file is.
                prop_assert!(
                    message.contains('"') || message.contains("JSON") || message.contains("weights"),
                    "{message}"
                );
            }
        }
    }

    #[test]
    fn weights_reader_answers_a_cut_off_file(cell in cell_kind(), cut in any::<usize>()) {
        let text = valid_weights(cell, 7);
        let cut = boundary(&text, cut);
        let piece = &text[..cut];
        match from_json(piece) {
            // Only the whole file (or one cut in its trailing whitespace) reads back.
            Ok(_) => prop_assert!(piece.trim_end() == text.trim_end()),
            Err(e) => assert_message_is_useful(&e.to_string())?,
        }
    }
}

#[test]
fn the_valid_files_used_above_are_valid() {
    // The damaged-file properties start from files that do read back; else they test nothing.
    for cell in [CellKind::Lstm, CellKind::Gru, CellKind::Rnn] {
        let file = from_json(&valid_weights(cell, 3)).expect("our own output reads back");
        assert_eq!(file.config.cell, cell);
    }
    let series = Series::parse_csv("ok", &valid_csv(&[112.0, 118.0, 132.0])).unwrap();
    assert_eq!(series.values, vec![112.0, 118.0, 132.0]);
}
