//! The weights file: a network and the data settings it was trained with, as JSON that plain
//! Python can load into PyTorch and that the demo and the command line can load back.
//!
//! # Schema, version 2
//!
//! One JSON object. The tensors are PyTorch's `state_dict` of the recurrent module named by
//! `config.cell` — `nn.LSTM`, `nn.GRU` or `nn.RNN` (tanh), each built as
//! `(input_size, hidden_size, num_layers, batch_first=True)` — under the prefix `lstm.`,
//! `gru.` or `rnn.` (the cell's name), and of an `nn.Linear(hidden_size, 1)` under the prefix
//! `linear.`, as nested lists:
//!
//! ```json
//! {
//!   "format": "lstm-conveyor-weights",
//!   "version": 2,
//!   "config": {
//!     "cell": "lstm",
//!     "input_size": 1,
//!     "hidden_size": 40,
//!     "num_layers": 1,
//!     "window": 12,
//!     "layout": "sequence",
//!     "transform": {"kind": "seasonal_log_diff", "offset": 0.0123, "scale": 0.0456},
//!     "series": "AirPassengers",
//!     "test_start": "1959-01"
//!   },
//!   "lstm.weight_ih_l0": [[0.1], [-0.2], "... 4H rows of input_size numbers"],
//!   "lstm.weight_hh_l0": [[0.1, "..."], "... 4H rows of H numbers"],
//!   "lstm.bias_ih_l0": [0.1, "... 4H numbers"],
//!   "lstm.bias_hh_l0": [0.1, "... 4H numbers"],
//!   "linear.weight": [[0.1, "... H numbers"]],
//!   "linear.bias": [0.1]
//! }
//! ```
//!
//! | key | meaning |
//! |---|---|
//! | `format` | always `"lstm-conveyor-weights"` |
//! | `version` | `2`; a reader refuses a newer version. Version 1 files (no `config.cell`) still load, as LSTMs |
//! | `config.cell` | `"lstm"`, `"gru"` or `"rnn"`: the recurrent cell, and the prefix of its tensors |
//! | `config.input_size` | features per time step: 1 for the `sequence` layout, `window` for `flat` |
//! | `config.hidden_size` | H, the hidden units per layer, 1 to 512 |
//! | `config.num_layers` | stacked recurrent layers, 1 to 4 |
//! | `config.window` | W, the months one prediction looks back over, 1 to 120 |
//! | `config.layout` | `"sequence"`: W steps of 1 value; `"flat"`: 1 step of W values (the article's `[batch, 1, 12]`) |
//! | `config.transform` | how raw values become the model's inputs and target: `kind` (`"min_max"`, `"log_diff"`, `"seasonal_log_diff"` or `"window_log_norm"`), `offset`, `scale` (see [`FittedTransform`]) |
//! | `config.series` | optional: the name of the series it was trained on |
//! | `config.test_start` | optional: the first month held out for testing, `"YYYY-MM"` |
//! | `lstm.weight_ih_l{l}` | `[4H, input_size]` for l = 0, `[4H, H]` above; rows in PyTorch's gate order i, f, g, o |
//! | `lstm.weight_hh_l{l}` | `[4H, H]` |
//! | `lstm.bias_ih_l{l}`, `lstm.bias_hh_l{l}` | `[4H]` each (PyTorch keeps two biases; only their sum matters) |
//! | `gru.weight_ih_l{l}`, `gru.weight_hh_l{l}` | `[3H, input_size]` (l = 0) or `[3H, H]`, and `[3H, H]`; gate order r, z, n |
//! | `gru.bias_ih_l{l}`, `gru.bias_hh_l{l}` | `[3H]` each (b_hn is scaled by r_t, so the n blocks do not merge) |
//! | `rnn.weight_ih_l{l}`, `rnn.weight_hh_l{l}` | `[H, input_size]` (l = 0) or `[H, H]`, and `[H, H]` |
//! | `rnn.bias_ih_l{l}`, `rnn.bias_hh_l{l}` | `[H]` each |
//! | `linear.weight` | `[1, H]` |
//! | `linear.bias` | `[1]` |
//!
//! Layers run from `l0` (reading the input) to `l{num_layers − 1}`. The prediction for one
//! window is `linear(h_T)`, with h_T the top layer's hidden state after the last time step.
//! Every tensor must be present with exactly its shape; a `lstm.`, `gru.`, `rnn.` or `linear.`
//! key that is not a tensor of the configured network is an error (a wrong `num_layers` or
//! `cell` shows up that way).
//! Other top-level keys, such as a note on how the model was trained, are ignored. Every
//! number must be finite and within the `f32` range, because the browser runs in `f32`.
//!
//! # An ensemble in one file
//!
//! An ensemble of N networks (`lstm-train --ensemble N`, the page's ensemble setting) is one
//! file: the top-level tensors are member 1, so everything above (and the PyTorch lines below)
//! still loads a complete network; `config.ensemble` is N, and the optional key `members` holds
//! members 2 … N, each an object with exactly the same tensor keys and shapes:
//!
//! ```json
//! { "format": "lstm-conveyor-weights", "version": 2,
//!   "config": { "...": "as above", "ensemble": 3 },
//!   "lstm.weight_ih_l0": "... member 1's tensors, as above",
//!   "members": [ { "lstm.weight_ih_l0": "... member 2's tensors" }, { "...": "member 3's" } ] }
//! ```
//!
//! The forecast is the mean of the members' model-space outputs. A reader that ignores
//! `members` gets member 1 alone, a valid but different forecast. `config.ensemble` is optional
//! (1 without `members`) and, when given, must equal 1 + the number of `members`.
//!
//! # Loading it in PyTorch
//!
//! ```python
//! import json, torch
//! from torch import nn
//!
//! w = json.load(open("weights.json"))
//! c = w["config"]
//! cell = c.get("cell", "lstm")                    # version 1 files are LSTMs
//! module = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[cell]
//! rnn = module(c["input_size"], c["hidden_size"], c["num_layers"], batch_first=True).double()
//! linear = nn.Linear(c["hidden_size"], 1).double()
//! tensors = {k: torch.tensor(v, dtype=torch.float64) for k, v in w.items() if "." in k}
//! prefix = cell + "."
//! rnn.load_state_dict({k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)})
//! linear.load_state_dict({k[7:]: v for k, v in tensors.items() if k.startswith("linear.")})
//!
//! # windows: a [batch, window] array of model-space inputs (see "The transform" below)
//! steps, features = (c["window"], 1) if c["layout"] == "sequence" else (1, c["window"])
//! x = torch.tensor(windows, dtype=torch.float64).view(-1, steps, features)
//! with torch.no_grad():
//!     out, _ = rnn(x)                             # out: [batch, steps, H], the top layer's h_t
//!     y = linear(out[:, -1, :]).squeeze(-1)       # one model-space prediction per window
//! ```
//!
//! (`tools/torch_fixtures.py` holds the same lines as `load_weights`, and the tests in
//! `tests/torch_parity.rs` check that PyTorch and this crate predict the same with them.)
//!
//! # The transform
//!
//! The network reads and predicts *model-space* numbers `m = (d − offset) / scale`, where `d`
//! depends on `kind` (the full definitions are on [`FittedTransform`]). For month t with raw
//! values x:
//!
//! - `min_max`: `d = x`; the inputs are the W values before t, and the forecast is
//!   `x̂_t = y · scale + offset`;
//! - `seasonal_log_diff`: `d_s = ln x_s − ln x_{s−12}`; the inputs are
//!   `d_{t−W} … d_{t−1}`, and `x̂_t = x_{t−12} · exp(y · scale + offset)`;
//! - `log_diff` (the page's default): as above with a lag of 1 month: `x̂_t = x_{t−1} · exp(y · scale + offset)`;
//! - `window_log_norm`: inputs `ln x_{t−W+k} − ln x_{t−1}` for k = 0 … W−1;
//!   `x̂_t = x_{t−1} · exp(y · scale + offset)`.
//!
//! # Exactness
//!
//! [`to_json`] writes every number as the shortest decimal that reads back as the same `f64`
//! (`f32` weights are widened to `f64` first, which is exact), and [`from_json`] reads every
//! decimal to the nearest `f64`, so `from_json(&to_json(c, p))` gives back exactly the numbers of
//! `p`. serde_json's default float parser may be one unit in the last place off (about one number
//! in eight); this crate turns on its exact parser, the `float_roundtrip` feature, in Cargo.toml.

use crate::data::{FittedTransform, Layout, Transform, YearMonth, MAX_WINDOW};
use crate::model::cell::Layer;
use crate::model::{CellKind, Float, Linear, Network, NetworkConfig, NetworkParams, ParamSet};
use serde_json::{Map, Value};

/// The value of the `format` key.
pub const FORMAT: &str = "lstm-conveyor-weights";
/// The newest schema version this code reads, and the one it writes.
pub const VERSION: u64 = 2;
// A weights file may ask for at most the engine's own limits.
pub use crate::train::{MAX_ENSEMBLE, MAX_HIDDEN, MAX_LAYERS};

/// What a weights file records besides the tensors: the network's shape and the data settings
/// its inputs were made with.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightsConfig {
    /// The recurrent cell (`config.cell`); a version 1 file is an LSTM.
    pub cell: CellKind,
    /// Features per time step: 1 for [`Layout::Sequence`], `window` for [`Layout::Flat`].
    pub input_size: usize,
    /// H, the hidden units per layer, 1..=[`MAX_HIDDEN`].
    pub hidden_size: usize,
    /// The number of stacked LSTM layers, 1..=[`MAX_LAYERS`].
    pub num_layers: usize,
    /// W, the months one prediction looks back over, 1..=[`MAX_WINDOW`].
    pub window: usize,
    /// How a window is fed to the network.
    pub layout: Layout,
    /// The fitted transform that maps raw values to model space and back.
    pub transform: FittedTransform,
    /// The name of the series the model was trained on, if recorded.
    pub series: Option<String>,
    /// The first held-out test month, if recorded.
    pub test_start: Option<YearMonth>,
}

impl WeightsConfig {
    /// The network shape: `cell`, `d_input = input_size`, `d_hidden = hidden_size`,
    /// `n_layers = num_layers`.
    pub fn network_config(&self) -> NetworkConfig {
        NetworkConfig {
            cell: self.cell,
            d_input: self.input_size,
            d_hidden: self.hidden_size,
            n_layers: self.num_layers,
        }
    }
}

/// A weights file as read back: its config and its parameters in `f64` (exactly the numbers
/// written; cast with [`NetworkParams::cast`] to run in `f32`).
#[derive(Clone, Debug, PartialEq)]
pub struct WeightsFile {
    /// The shape and data settings.
    pub config: WeightsConfig,
    /// Every tensor, with the shape `config` describes: member 1 of an ensemble.
    pub params: NetworkParams<f64>,
    /// An ensemble's members 2 … N, each with the same shape; empty for one network.
    pub members: Vec<NetworkParams<f64>>,
}

impl WeightsFile {
    /// A network with these parameters, in the float type `F`.
    pub fn network<F: Float>(&self) -> Network<F> {
        Network {
            params: self.params.cast(),
        }
    }

    /// The file's text again: [`to_json_ensemble`] of its config and every member.
    pub fn to_json(&self) -> String {
        let all: Vec<&NetworkParams<f64>> = std::iter::once(&self.params).chain(&self.members).collect();
        to_json_ensemble(&self.config, &all)
    }

    /// Every member's parameters, member 1 first.
    pub fn all_members(&self) -> Vec<&NetworkParams<f64>> {
        std::iter::once(&self.params).chain(&self.members).collect()
    }
}

/// Why a weights file could not be read. Each message names the key it is about.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WeightsError {
    /// The text is not JSON, or not a JSON object.
    #[error("the weights file is not valid JSON: {0}")]
    Json(String),

    /// A required key is absent.
    #[error("\"{0}\" is missing from the weights file")]
    Missing(String),

    /// A key is present but its value cannot be used.
    #[error("\"{field}\" {problem}")]
    Invalid {
        /// The key, as a path such as `config.hidden_size` or `lstm.bias_ih_l0[3]`.
        field: String,
        /// What is wrong with its value, starting with a verb.
        problem: String,
    },

    /// A tensor has the wrong shape for the configured network.
    #[error(
        "\"{field}\" should be {} but is {}; check config.input_size, \
         config.hidden_size and config.num_layers",
        shape_text(.expected),
        shape_text(.found)
    )]
    Shape {
        /// The tensor's name.
        field: String,
        /// The shape the config asks for.
        expected: Vec<usize>,
        /// The shape in the file.
        found: Vec<usize>,
    },
}

impl WeightsError {
    /// A stable name for the kind of error (`weights.json`, …); the page translates it.
    pub fn code(&self) -> &'static str {
        match self {
            WeightsError::Json(_) => "weights.json",
            WeightsError::Missing(_) => "weights.missing",
            WeightsError::Invalid { .. } => "weights.invalid",
            WeightsError::Shape { .. } => "weights.shape",
        }
    }

    /// The values the page's sentence for [`Self::code`] needs, as text.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            WeightsError::Json(detail) => vec![("detail", detail.clone())],
            WeightsError::Missing(field) => vec![("field", field.clone())],
            WeightsError::Invalid { field, problem } => {
                vec![("field", field.clone()), ("detail", problem.clone())]
            }
            WeightsError::Shape { field, expected, found } => vec![
                ("field", field.clone()),
                ("expected", shape_text(expected)),
                ("found", shape_text(found)),
            ],
        }
    }

    fn invalid(field: impl Into<String>, problem: impl Into<String>) -> Self {
        WeightsError::Invalid {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

/// `[160, 1]`, or `a single number` for the empty shape.
fn shape_text(shape: &[usize]) -> String {
    if shape.is_empty() {
        return "a single number".to_string();
    }
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("[{}]", dims.join(", "))
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Writes a weights file: a small block for `format`, `version` and `config`, then one line per
/// tensor in `state_dict` order.
///
/// The shape fields written (`input_size`, `hidden_size`, `num_layers`) are read off `params`,
/// so the file always describes its own tensors; the other fields come from `config`. A
/// non-finite parameter is written as `null`, which [`from_json`] then refuses.
pub fn to_json<F: Float>(config: &WeightsConfig, params: &NetworkParams<F>) -> String {
    to_json_ensemble(config, &[params])
}

/// Writes the weights file of an ensemble: member 1's tensors at the top level, as
/// [`to_json`] does, `config.ensemble`, and members 2 … N under `members` (see the module doc).
/// With one member it writes exactly what [`to_json`] writes.
///
/// # Panics
///
/// If `members` is empty.
pub fn to_json_ensemble<F: Float>(config: &WeightsConfig, members: &[&NetworkParams<F>]) -> String {
    let params = members[0];
    let hidden = params.head.weight.ncols();
    let input_size = params.layers.first().map_or(0, |l| l.d_input());
    let transform = format!(
        "{{\"kind\": {}, \"offset\": {}, \"scale\": {}}}",
        json_string(config.transform.kind.name()),
        json_number(config.transform.offset),
        json_number(config.transform.scale),
    );
    let mut fields = vec![
        ("cell", json_string(params.cell().name())),
        ("input_size", input_size.to_string()),
        ("hidden_size", hidden.to_string()),
        ("num_layers", params.layers.len().to_string()),
        ("window", config.window.to_string()),
        ("layout", json_string(config.layout.name())),
        ("transform", transform),
    ];
    if let Some(series) = &config.series {
        fields.push(("series", json_string(series)));
    }
    if let Some(month) = config.test_start {
        fields.push(("test_start", json_string(&month.to_string())));
    }
    if members.len() > 1 {
        fields.push(("ensemble", members.len().to_string()));
    }

    let mut out = String::new();
    out.push_str(&format!("{{\n  \"format\": {},\n", json_string(FORMAT)));
    out.push_str(&format!("  \"version\": {VERSION},\n  \"config\": {{\n"));
    let config_lines: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("    {}: {value}", json_string(key)))
        .collect();
    out.push_str(&config_lines.join(",\n"));
    out.push_str("\n  }");
    write_tensors(&mut out, params, "  ");
    if members.len() > 1 {
        out.push_str(",\n  \"members\": [");
        for (k, member) in members[1..].iter().enumerate() {
            out.push_str(if k == 0 { "\n    {" } else { ",\n    {" });
            let mut body = String::new();
            write_tensors(&mut body, member, "      ");
            // The first tensor line starts with ",": an object's first key has none.
            out.push_str(body.strip_prefix(',').unwrap_or(&body));
            out.push_str("\n    }");
        }
        out.push_str("\n  ]");
    }
    out.push_str("\n}\n");
    out
}

/// Appends `,\n{indent}"name": [...]` for every tensor of `params`, in `state_dict` order.
fn write_tensors<F: Float>(out: &mut String, params: &NetworkParams<F>, indent: &str) {
    let hidden = params.head.weight.ncols();
    let cell = params.cell();
    for (name, tensor) in params.names().iter().zip(params.tensors()) {
        out.push_str(&format!(",\n{indent}{}: ", json_string(name)));
        let shape = tensor_shape(name, tensor.len(), cell, hidden);
        let row_len = shape.get(1).copied().unwrap_or(tensor.len()).max(1);
        let write_row = |out: &mut String, row: &[F]| {
            out.push('[');
            let numbers: Vec<String> = row.iter().map(|&x| json_number(x.as_f64())).collect();
            out.push_str(&numbers.join(","));
            out.push(']');
        };
        if shape.len() == 2 {
            out.push('[');
            for (r, row) in tensor.chunks(row_len).enumerate() {
                if r > 0 {
                    out.push(',');
                }
                write_row(out, row);
            }
            out.push(']');
        } else {
            write_row(out, tensor);
        }
    }
}

/// A JSON string literal, escaped.
fn json_string(s: &str) -> String {
    Value::from(s).to_string()
}

/// The shortest decimal that reads back as exactly `x`; `null` if `x` is not finite.
fn json_number(x: f64) -> String {
    Value::from(x).to_string()
}

/// The shape of a `state_dict` tensor from its name and length: weights are matrices with one
/// row per output (gates·H rows in the cell: 4H for the LSTM, 3H for the GRU, H for the RNN;
/// 1 in the head), biases are vectors.
fn tensor_shape(name: &str, len: usize, cell: CellKind, hidden: usize) -> Vec<usize> {
    if !name.contains(".weight") {
        return vec![len];
    }
    let rows = if name.starts_with("linear.") {
        1
    } else {
        cell.gates() * hidden
    };
    vec![rows, len.checked_div(rows).unwrap_or(0)]
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Reads a weights file, checking everything: the format and version, every config field, that
/// `input_size` fits the window and layout, every tensor's presence, shape and numbers, and
/// that no unexpected `lstm.`/`linear.` tensor is present. Never panics.
pub fn from_json(text: &str) -> Result<WeightsFile, WeightsError> {
    // serde_json's `float_roundtrip` feature (on in Cargo.toml) reads every number exactly, so a
    // weight written shortest-round-trip reads back to the same bits; its recursion limit keeps
    // deeply nested input from overflowing the stack.
    let parsed: Value = serde_json::from_str(text).map_err(|e| WeightsError::Json(e.to_string()))?;
    let root = match parsed {
        Value::Object(root) => root,
        other => {
            return Err(WeightsError::Json(format!(
                "the top level is {}, but it should be an object {{\"format\": ..., \
                 \"version\": ..., \"config\": ..., and the tensors}}",
                describe(&other)
            )))
        }
    };
    let version = check_header(&root)?;
    let config = read_config(&root, version)?;

    let params = read_tensors(&root, &config, "")?;
    let members = match root.get("members") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => {
            if list.len() + 1 > MAX_ENSEMBLE {
                return Err(WeightsError::invalid(
                    "members",
                    format!(
                        "holds {} networks; an ensemble has at most {MAX_ENSEMBLE} in all",
                        list.len()
                    ),
                ));
            }
            list.iter()
                .enumerate()
                .map(|(k, member)| match member {
                    Value::Object(tensors) => read_tensors(tensors, &config, &format!("members[{k}].")),
                    other => Err(WeightsError::invalid(
                        format!("members[{k}]"),
                        format!("should be an object of tensors, but is {}", brief(other)),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?
        }
        Some(other) => {
            return Err(WeightsError::invalid(
                "members",
                format!("should be a list of networks, but is {}", brief(other)),
            ))
        }
    };
    if let Some(value) = root.get("config").and_then(|c| c.get("ensemble")) {
        if value.as_u64() != Some(members.len() as u64 + 1) {
            return Err(WeightsError::invalid(
                "config.ensemble",
                format!(
                    "is {}, but the file holds {} network{} (the top level and {} under \"members\")",
                    brief(value),
                    members.len() + 1,
                    if members.is_empty() { "" } else { "s" },
                    members.len()
                ),
            ));
        }
    }
    Ok(WeightsFile {
        config,
        params,
        members,
    })
}

/// Reads one network's tensors from `object` (the top level, or one of `members`), refusing a
/// missing tensor, a wrong shape, a bad number and an `lstm.`/`linear.` key the configured
/// network does not have. `path` prefixes the field names in messages (`members[0].`).
fn read_tensors(
    object: &Map<String, Value>,
    config: &WeightsConfig,
    path: &str,
) -> Result<NetworkParams<f64>, WeightsError> {
    let mut params = zeros(config.network_config());
    let names = params.names();
    for (name, tensor) in names.iter().zip(params.tensors_mut()) {
        let field = format!("{path}{name}");
        let value = object.get(name).ok_or_else(|| WeightsError::Missing(field.clone()))?;
        let shape = tensor_shape(name, tensor.len(), config.cell, config.hidden_size);
        read_tensor(&field, value, &shape, tensor)?;
    }
    for key in object.keys() {
        let is_tensor_key = key.starts_with("linear.")
            || CellKind::ALL
                .iter()
                .any(|c| key.strip_prefix(c.name()).is_some_and(|rest| rest.starts_with('.')));
        if is_tensor_key && !names.contains(key) {
            return Err(WeightsError::invalid(
                format!("{path}{key}"),
                format!(
                    "is not a tensor of a network with num_layers = {} and cell = \"{}\" (its \
                     tensors are {} … {}.bias_hh_l{}, linear.weight and linear.bias)",
                    config.num_layers,
                    config.cell,
                    names[0],
                    config.cell,
                    config.num_layers - 1
                ),
            ));
        }
    }
    Ok(params)
}

/// Checks `format` and `version`, and returns the version.
fn check_header(root: &Map<String, Value>) -> Result<u64, WeightsError> {
    let format = root
        .get("format")
        .ok_or_else(|| WeightsError::Missing("format".into()))?;
    if format.as_str() != Some(FORMAT) {
        return Err(WeightsError::invalid(
            "format",
            format!("should be \"{FORMAT}\", but is {}", brief(format)),
        ));
    }
    let version = root
        .get("version")
        .ok_or_else(|| WeightsError::Missing("version".into()))?;
    match version.as_u64() {
        Some(v) if v > VERSION => Err(WeightsError::invalid(
            "version",
            format!(
                "is {v}, newer than this program reads (up to {VERSION}); \
                 update the program to load this file"
            ),
        )),
        Some(v) if v >= 1 => Ok(v),
        _ => Err(WeightsError::invalid(
            "version",
            format!(
                "should be a whole number from 1 to {VERSION}, but is {}",
                brief(version)
            ),
        )),
    }
}

/// Reads and checks `config`. Version 1 files are LSTMs and have no `config.cell`; from
/// version 2 on it is required.
fn read_config(root: &Map<String, Value>, version: u64) -> Result<WeightsConfig, WeightsError> {
    let config = root
        .get("config")
        .ok_or_else(|| WeightsError::Missing("config".into()))?;
    let Value::Object(config) = config else {
        return Err(WeightsError::invalid(
            "config",
            format!("should be an object, but is {}", brief(config)),
        ));
    };
    let get = |key: &str| {
        config
            .get(key)
            .ok_or_else(|| WeightsError::Missing(format!("config.{key}")))
    };
    let whole = |key: &str, max: usize| -> Result<usize, WeightsError> {
        let value = get(key)?;
        match value.as_u64() {
            Some(n) if n >= 1 && n <= max as u64 => Ok(n as usize),
            _ => Err(WeightsError::invalid(
                format!("config.{key}"),
                format!("should be a whole number from 1 to {max}, but is {}", brief(value)),
            )),
        }
    };

    let cell = if version < 2 {
        CellKind::Lstm
    } else {
        let value = get("cell")?;
        value.as_str().and_then(CellKind::from_name).ok_or_else(|| {
            let names: Vec<String> = CellKind::ALL.iter().map(|c| format!("\"{c}\"")).collect();
            WeightsError::invalid(
                "config.cell",
                format!("should be one of {}, but is {}", names.join(", "), brief(value)),
            )
        })?
    };
    let input_size = whole("input_size", MAX_WINDOW)?;
    let hidden_size = whole("hidden_size", MAX_HIDDEN)?;
    let num_layers = whole("num_layers", MAX_LAYERS)?;
    let window = whole("window", MAX_WINDOW)?;

    let layout_value = get("layout")?;
    let layout: Layout = serde_json::from_value(layout_value.clone()).map_err(|_| {
        WeightsError::invalid(
            "config.layout",
            format!("should be \"sequence\" or \"flat\", but is {}", brief(layout_value)),
        )
    })?;
    let (_, features) = layout.shape(window);
    if input_size != features {
        return Err(WeightsError::invalid(
            "config.input_size",
            format!(
                "should be {features} for the {layout} layout with a window of {window}, \
                 but is {input_size}"
            ),
        ));
    }

    let transform = read_transform(get("transform")?)?;

    let series = match config.get("series") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(WeightsError::invalid(
                "config.series",
                format!("should be the series' name as a string, but is {}", brief(other)),
            ))
        }
    };
    let test_start = match config.get("test_start") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(
            YearMonth::parse(s).map_err(|e| WeightsError::invalid("config.test_start", format!("is wrong: {e}")))?,
        ),
        Some(other) => {
            return Err(WeightsError::invalid(
                "config.test_start",
                format!("should be a month written \"YYYY-MM\", but is {}", brief(other)),
            ))
        }
    };

    Ok(WeightsConfig {
        cell,
        input_size,
        hidden_size,
        num_layers,
        window,
        layout,
        transform,
        series,
        test_start,
    })
}

/// Reads `config.transform`: `kind`, a finite `offset` and a finite, positive `scale`.
fn read_transform(value: &Value) -> Result<FittedTransform, WeightsError> {
    let Value::Object(fields) = value else {
        return Err(WeightsError::invalid(
            "config.transform",
            format!(
                "should be an object {{\"kind\": ..., \"offset\": ..., \"scale\": ...}}, but is {}",
                brief(value)
            ),
        ));
    };
    let get = |key: &str| {
        fields
            .get(key)
            .ok_or_else(|| WeightsError::Missing(format!("config.transform.{key}")))
    };
    let kind_value = get("kind")?;
    let kind: Transform = serde_json::from_value(kind_value.clone()).map_err(|_| {
        let names: Vec<String> = Transform::ALL.iter().map(|t| format!("\"{t}\"")).collect();
        WeightsError::invalid(
            "config.transform.kind",
            format!("should be one of {}, but is {}", names.join(", "), brief(kind_value)),
        )
    })?;
    let number = |key: &str, positive: bool| -> Result<f64, WeightsError> {
        let value = get(key)?;
        match value.as_f64() {
            Some(x) if x.is_finite() && (!positive || x > 0.0) => Ok(x),
            _ => Err(WeightsError::invalid(
                format!("config.transform.{key}"),
                format!(
                    "should be a {}number, but is {}",
                    if positive { "positive " } else { "" },
                    brief(value)
                ),
            )),
        }
    };
    Ok(FittedTransform {
        kind,
        offset: number("offset", false)?,
        scale: number("scale", true)?,
    })
}

/// Zero parameters of the given shape, to be filled tensor by tensor.
fn zeros(c: NetworkConfig) -> NetworkParams<f64> {
    NetworkParams {
        layers: (0..c.n_layers)
            .map(|l| Layer::zeros(c.cell, if l == 0 { c.d_input } else { c.d_hidden }, c.d_hidden))
            .collect(),
        head: Linear::zeros(c.d_hidden, 1),
    }
}

/// Fills `out` (row-major) from the nested lists `value`, which must have exactly `shape`.
fn read_tensor(name: &str, value: &Value, shape: &[usize], out: &mut [f64]) -> Result<(), WeightsError> {
    let mut flat = Vec::with_capacity(out.len());
    let found = flatten(name, value, &mut String::new(), &mut flat)?;
    if found != shape || flat.len() != out.len() {
        return Err(WeightsError::Shape {
            field: name.to_string(),
            expected: shape.to_vec(),
            found,
        });
    }
    out.copy_from_slice(&flat);
    Ok(())
}

/// Appends the numbers of `value` to `flat` in row-major order and returns its shape, checking
/// that every entry is a finite number in the `f32` range and that rows are not ragged.
/// `path` is the index path of `value` inside the tensor, such as `[3]`.
fn flatten(name: &str, value: &Value, path: &mut String, flat: &mut Vec<f64>) -> Result<Vec<usize>, WeightsError> {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.is_finite() && x.abs() <= f64::from(f32::MAX) => {
                flat.push(x);
                Ok(Vec::new())
            }
            _ => Err(WeightsError::invalid(
                format!("{name}{path}"),
                format!("is {n}, outside the range of f32 (±3.4e38)"),
            )),
        },
        Value::Array(items) => {
            let mut inner: Option<Vec<usize>> = None;
            let depth = path.len();
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                let shape = flatten(name, item, path, flat)?;
                path.truncate(depth);
                match &inner {
                    None => inner = Some(shape),
                    Some(first) if *first != shape => {
                        return Err(WeightsError::invalid(
                            name,
                            format!(
                                "has ragged rows: {path}[{i}] is {} but {path}[0] is {}; every \
                                 row must have the same length",
                                shape_text(&shape),
                                shape_text(first)
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
            let mut shape = vec![items.len()];
            shape.extend(inner.unwrap_or_default());
            Ok(shape)
        }
        other => Err(WeightsError::invalid(
            format!("{name}{path}"),
            format!("is {}, not a number", brief(other)),
        )),
    }
}

/// A short description of a JSON value for an error message.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The value itself, cut to 40 characters, for an error message.
fn brief(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 40 {
        text
    } else {
        format!("{}… ({})", text.chars().take(40).collect::<String>(), describe(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn config(layout: Layout, window: usize) -> WeightsConfig {
        let (_, input_size) = layout.shape(window);
        WeightsConfig {
            cell: CellKind::Lstm,
            input_size,
            hidden_size: 3,
            num_layers: 2,
            window,
            layout,
            transform: FittedTransform {
                kind: Transform::SeasonalLogDiff,
                offset: 0.012_345_678_901_234_5,
                scale: 0.045_6,
            },
            series: Some("AirPassengers \"G\" ✈".to_string()),
            test_start: Some(YearMonth { year: 1959, month: 1 }),
        }
    }

    fn network<F: Float>(config: &WeightsConfig, seed: u64) -> Network<F> {
        Network::new(config.network_config(), true, seed)
    }

    /// A valid file for a 2-layer, 3-unit network in the sequence layout with window 4.
    fn valid_text() -> String {
        let c = config(Layout::Sequence, 4);
        to_json(&c, &network::<f64>(&c, 1).params)
    }

    /// The valid file, changed by `edit`, read back: it must fail, and the message is returned.
    fn error_after(edit: impl FnOnce(&mut Map<String, Value>)) -> String {
        let mut root: Value = serde_json::from_str(&valid_text()).expect("our own output is JSON");
        edit(root.as_object_mut().expect("an object"));
        match from_json(&root.to_string()) {
            Ok(_) => panic!("the edited file was accepted"),
            Err(e) => e.to_string(),
        }
    }

    fn config_mut(root: &mut Map<String, Value>) -> &mut Map<String, Value> {
        root.get_mut("config").and_then(Value::as_object_mut).expect("config")
    }

    fn assert_names(message: &str, field: &str) {
        assert!(message.contains(field), "the message does not name {field}: {message}");
    }

    #[test]
    fn round_trip_is_exact_in_f64() {
        for (layout, window) in [(Layout::Sequence, 4), (Layout::Flat, 5)] {
            let c = config(layout, window);
            let params = network::<f64>(&c, 7).params;
            let file = from_json(&to_json(&c, &params)).expect("reads back");
            assert_eq!(file.params, params);
            assert_eq!(file.config, c);
            assert_eq!(file.to_json(), to_json(&c, &params));
        }
    }

    #[test]
    fn round_trip_is_exact_in_f32() {
        let c = config(Layout::Sequence, 12);
        let params = network::<f32>(&c, 8).params;
        let file = from_json(&to_json(&c, &params)).expect("reads back");
        assert_eq!(file.params, params.cast::<f64>());
        assert_eq!(file.params.cast::<f32>(), params);
        assert_eq!(file.network::<f32>().params, params);
    }

    /// Awkward numbers: subnormals, 17-digit decimals, the f32 extremes, exact halves.
    #[test]
    fn round_trip_is_exact_for_awkward_numbers() {
        let c = config(Layout::Sequence, 4);
        let mut params = network::<f64>(&c, 9).params;
        let awkward = [
            5e-324,
            -2.225_073_858_507_201e-308,
            0.1,
            1.0 / 3.0,
            -2.0 / 3.0,
            f64::from(f32::MAX),
            f64::from(f32::MIN_POSITIVE),
            1e-7,
            123_456_789.0,
            0.0,
            -0.5,
            0.115_687_197_800_543_93,
        ];
        let mut rng = Rng::new(3);
        for (k, tensor) in params.tensors_mut().into_iter().enumerate() {
            for (i, x) in tensor.iter_mut().enumerate() {
                *x = if (k + i) % 3 == 0 {
                    awkward[(k * 7 + i) % awkward.len()]
                } else {
                    rng.uniform(-1.0, 1.0) * 10f64.powi((i % 9) as i32 - 4)
                };
            }
        }
        let file = from_json(&to_json(&c, &params)).expect("reads back");
        assert_eq!(file.params, params);
    }

    #[test]
    fn the_file_is_plain_json_with_one_tensor_per_line() {
        let text = valid_text();
        let root: Value = serde_json::from_str(&text).expect("serde_json reads it too");
        assert_eq!(root["format"], FORMAT);
        assert_eq!(root["config"]["layout"], "sequence");
        assert_eq!(root["config"]["transform"]["kind"], "seasonal_log_diff");
        assert_eq!(root["config"]["test_start"], "1959-01");
        assert_eq!(root["lstm.weight_ih_l0"].as_array().map(Vec::len), Some(12));
        assert_eq!(root["lstm.weight_hh_l1"][0].as_array().map(Vec::len), Some(3));
        assert_eq!(root["linear.bias"].as_array().map(Vec::len), Some(1));
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("  \"l")).collect();
        assert_eq!(lines.len(), 4 * 2 + 2);
        assert!(lines[0].starts_with("  \"lstm.weight_ih_l0\": [["));
    }

    #[test]
    fn optional_fields_may_be_absent_or_null() {
        let mut c = config(Layout::Flat, 5);
        c.series = None;
        c.test_start = None;
        let text = to_json(&c, &network::<f64>(&c, 2).params);
        assert!(!text.contains("series") && !text.contains("test_start"));
        assert_eq!(from_json(&text).expect("reads").config, c);
        let with_nulls = text.replace("\"layout\"", "\"series\": null, \"test_start\": null, \"layout\"");
        assert_eq!(from_json(&with_nulls).expect("reads").config, c);
    }

    #[test]
    fn unknown_top_level_keys_are_ignored() {
        let text = valid_text().replacen('{', "{\n  \"trained_by\": {\"epochs\": [1, 2]},", 1);
        assert!(from_json(&text).is_ok());
    }

    #[test]
    fn syntax_errors_say_where() {
        for (text, wanted) in [
            ("", "line 1 column 0"),
            ("{\"format\": }", "line 1 column 12"),
            ("{\n  \"lstm.bias_hh_l0\": [0.5, NaN]\n}", "line 2"),
            ("{\"a\": 1} x", "trailing characters"),
            ("[1, 2,]", "trailing comma"),
        ] {
            let message = from_json(text).expect_err(text).to_string();
            assert!(message.contains(wanted), "{text:?}: {message}");
            assert!(message.starts_with("the weights file is not valid JSON"), "{message}");
        }
        // A number too large for a float is a named error, not an infinity.
        let message = from_json("{\"config\": {\"window\": 1e999}}").unwrap_err().to_string();
        assert!(message.contains("not valid JSON"), "{message}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        assert!(from_json(&text)
            .expect_err("too deep")
            .to_string()
            .contains("recursion limit"));
        let text = "{\"a\":".repeat(50_000);
        assert!(from_json(&text).is_err());
    }

    #[test]
    fn the_top_level_must_be_an_object() {
        let message = from_json("[1, 2]").expect_err("a list").to_string();
        assert!(message.contains("the top level is a list"), "{message}");
    }

    #[test]
    fn header_errors_name_the_field() {
        let m = error_after(|r| {
            r.remove("format");
        });
        assert_eq!(m, "\"format\" is missing from the weights file");
        let m = error_after(|r| {
            r.insert("format".into(), "keras".into());
        });
        assert_eq!(m, "\"format\" should be \"lstm-conveyor-weights\", but is \"keras\"");
        let m = error_after(|r| {
            r.insert("version".into(), 3.into());
        });
        assert_names(&m, "\"version\" is 3, newer than this program reads (up to 2)");
        for bad in [Value::from(0), Value::from("1"), Value::from(1.5)] {
            let m = error_after(|r| {
                r.insert("version".into(), bad);
            });
            assert_names(&m, "\"version\" should be a whole number");
        }
        let m = error_after(|r| {
            r.remove("version");
        });
        assert_names(&m, "\"version\" is missing");
    }

    #[test]
    fn config_errors_name_the_field() {
        let m = error_after(|r| {
            r.remove("config");
        });
        assert_eq!(m, "\"config\" is missing from the weights file");
        let m = error_after(|r| {
            r.insert("config".into(), Value::from(3));
        });
        assert_names(&m, "\"config\" should be an object");
        for key in [
            "input_size",
            "hidden_size",
            "num_layers",
            "window",
            "layout",
            "transform",
        ] {
            let m = error_after(|r| {
                config_mut(r).remove(key);
            });
            assert_eq!(m, format!("\"config.{key}\" is missing from the weights file"));
        }
        for (key, bad, wanted) in [
            ("hidden_size", Value::from(0), "from 1 to 512, but is 0"),
            ("hidden_size", Value::from(513), "from 1 to 512, but is 513"),
            ("hidden_size", Value::from(-3), "but is -3"),
            ("hidden_size", Value::from(2.5), "but is 2.5"),
            ("num_layers", Value::from(0), "from 1 to 4, but is 0"),
            ("num_layers", Value::from(5), "from 1 to 4, but is 5"),
            ("window", Value::from(0), "from 1 to 120"),
            ("window", Value::from(121), "from 1 to 120"),
            ("input_size", Value::from("1"), "but is \"1\""),
            (
                "layout",
                Value::from("Flat"),
                "should be \"sequence\" or \"flat\", but is \"Flat\"",
            ),
            ("series", Value::from(7), "should be the series' name"),
            ("test_start", Value::from("1959-13"), "1959-13"),
            (
                "test_start",
                serde_json::json!({"year": 1959, "month": 1}),
                "\"YYYY-MM\"",
            ),
        ] {
            let m = error_after(|r| {
                config_mut(r).insert(key.into(), bad);
            });
            assert_names(&m, &format!("\"config.{key}\""));
            assert_names(&m, wanted);
        }
    }

    #[test]
    fn input_size_must_fit_the_layout() {
        let m = error_after(|r| {
            config_mut(r).insert("input_size".into(), 4.into());
        });
        assert_eq!(
            m,
            "\"config.input_size\" should be 1 for the sequence layout with a window of 4, but is 4"
        );
        let m = error_after(|r| {
            config_mut(r).insert("layout".into(), "flat".into());
        });
        assert_names(&m, "\"config.input_size\" should be 4 for the flat layout");
    }

    #[test]
    fn transform_errors_name_the_field() {
        fn transform(r: &mut Map<String, Value>) -> &mut Map<String, Value> {
            config_mut(r)
                .get_mut("transform")
                .and_then(Value::as_object_mut)
                .expect("transform")
        }
        let m = error_after(|r| {
            transform(r).insert("kind".into(), "z_score".into());
        });
        assert_names(
            &m,
            "\"config.transform.kind\" should be one of \"min_max\", \"log_diff\"",
        );
        assert_names(&m, "but is \"z_score\"");
        for (key, bad) in [("scale", 0.0), ("scale", -1.0)] {
            let m = error_after(|r| {
                transform(r).insert(key.into(), bad.into());
            });
            assert_names(&m, "\"config.transform.scale\" should be a positive number");
        }
        let m = error_after(|r| {
            transform(r).insert("offset".into(), "0".into());
        });
        assert_names(&m, "\"config.transform.offset\" should be a number");
        let m = error_after(|r| {
            transform(r).remove("offset");
        });
        assert_eq!(m, "\"config.transform.offset\" is missing from the weights file");
        let m = error_after(|r| {
            config_mut(r).insert("transform".into(), "min_max".into());
        });
        assert_names(&m, "\"config.transform\" should be an object");
    }

    #[test]
    fn tensor_errors_name_the_tensor() {
        let m = error_after(|r| {
            r.remove("lstm.weight_hh_l1");
        });
        assert_eq!(m, "\"lstm.weight_hh_l1\" is missing from the weights file");

        // A second input column: [12, 2] where [12, 1] belongs (H = 3, so 4H = 12).
        let m = error_after(|r| {
            let rows: Vec<Value> = (0..12).map(|_| serde_json::json!([0.1, 0.2])).collect();
            r.insert("lstm.weight_ih_l0".into(), rows.into());
        });
        assert!(
            m.starts_with("\"lstm.weight_ih_l0\" should be [12, 1] but is [12, 2]"),
            "{m}"
        );
        let m = error_after(|r| {
            r.insert("linear.bias".into(), serde_json::json!(0.5));
        });
        assert_names(&m, "\"linear.bias\" should be [1] but is a single number");
        let m = error_after(|r| {
            r.insert("lstm.bias_ih_l1".into(), Value::from(vec![vec![1.0]; 12]));
        });
        assert_names(&m, "\"lstm.bias_ih_l1\" should be [12] but is [12, 1]");

        let m = error_after(|r| {
            r["lstm.weight_hh_l0"][2][1] = "0.5".into();
        });
        assert_eq!(m, "\"lstm.weight_hh_l0[2][1]\" is \"0.5\", not a number");
        let m = error_after(|r| {
            r["linear.weight"][0][2] = Value::Null;
        });
        assert_eq!(m, "\"linear.weight[0][2]\" is null, not a number");
        let m = error_after(|r| {
            r["lstm.bias_hh_l0"][0] = 1e39.into();
        });
        assert_names(&m, "\"lstm.bias_hh_l0[0]\" is 1e+39, outside the range of f32");

        let m = error_after(|r| {
            r["lstm.weight_hh_l1"][5] = serde_json::json!([1.0, 2.0]);
        });
        assert_names(&m, "\"lstm.weight_hh_l1\" has ragged rows: [5] is [2] but [0] is [3]");
        let m = error_after(|r| {
            r["lstm.weight_ih_l1"][0] = serde_json::json!(1.0);
        });
        assert_names(
            &m,
            "\"lstm.weight_ih_l1\" has ragged rows: [1] is [3] but [0] is a single number",
        );
    }

    #[test]
    fn unknown_tensors_are_errors() {
        for key in ["lstm.weight_ih_l2", "lstm.bias_l0", "linear.extra"] {
            let m = error_after(|r| {
                r.insert(key.into(), serde_json::json!([1.0]));
            });
            assert_names(
                &m,
                &format!("\"{key}\" is not a tensor of a network with num_layers = 2 and cell = \"lstm\""),
            );
        }
        // A file for 2 layers read as 1 layer: the second layer's tensors give it away.
        let m = error_after(|r| {
            config_mut(r).insert("num_layers".into(), 1.into());
        });
        assert_names(&m, "_l1\" is not a tensor of a network with num_layers = 1");
        // An LSTM file that says it is a GRU: its tensors have the wrong prefix and shape.
        let m = error_after(|r| {
            config_mut(r).insert("cell".into(), "gru".into());
        });
        assert_names(&m, "gru.weight_ih_l0");
        let m = error_after(|r| {
            config_mut(r).insert("cell".into(), "transformer".into());
        });
        assert_names(&m, "\"config.cell\" should be one of \"lstm\", \"gru\", \"rnn\"");
        let m = error_after(|r| {
            config_mut(r).remove("cell");
        });
        assert_names(&m, "\"config.cell\" is missing");
    }

    /// Every cell's file round-trips exactly, member list included, under its own prefix with
    /// PyTorch's shapes.
    #[test]
    fn every_cell_round_trips_exactly() {
        for cell in CellKind::ALL {
            for (layout, window) in [(Layout::Sequence, 4), (Layout::Flat, 5)] {
                let c = WeightsConfig {
                    cell,
                    ..config(layout, window)
                };
                let members: Vec<Network<f64>> = (0..2).map(|seed| network(&c, seed)).collect();
                let params: Vec<&NetworkParams<f64>> = members.iter().map(|n| &n.params).collect();
                let text = to_json_ensemble(&c, &params);
                let file = from_json(&text).expect("reads back");
                assert_eq!(file.config, c);
                assert_eq!(file.params, *params[0]);
                assert_eq!(file.members, [params[1].clone()]);
                assert_eq!(file.to_json(), text);
                let root: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(root["config"]["cell"], cell.name());
                assert_eq!(root["version"], 2);
                let h = c.hidden_size;
                let w_ih = root[format!("{cell}.weight_ih_l0")].as_array().expect("a matrix");
                assert_eq!(w_ih.len(), cell.gates() * h);
                assert_eq!(w_ih[0].as_array().unwrap().len(), c.input_size);
                let w_hh = root[format!("{cell}.weight_hh_l1")].as_array().expect("a matrix");
                assert_eq!((w_hh.len(), w_hh[0].as_array().unwrap().len()), (cell.gates() * h, h));
                assert_eq!(
                    root[format!("{cell}.bias_ih_l1")].as_array().unwrap().len(),
                    cell.gates() * h
                );
            }
        }
    }

    /// A version 1 file (no `config.cell`) reads as an LSTM.
    #[test]
    fn version_1_files_are_lstms() {
        let mut root: Value = serde_json::from_str(&valid_text()).unwrap();
        root["version"] = 1.into();
        root["config"].as_object_mut().unwrap().remove("cell");
        let file = from_json(&root.to_string()).expect("a version 1 file reads");
        assert_eq!(file.config.cell, CellKind::Lstm);
        assert_eq!(file.params.cell(), CellKind::Lstm);
    }

    /// Truncations and random byte changes of a valid file: every one is read or refused,
    /// none panics.
    #[test]
    fn damaged_files_never_panic() {
        let c = WeightsConfig {
            hidden_size: 1,
            num_layers: 1,
            ..config(Layout::Sequence, 2)
        };
        let text = to_json(&c, &network::<f64>(&c, 4).params);
        let bytes = text.as_bytes();
        for end in 0..bytes.len() {
            let _ = from_json(&String::from_utf8_lossy(&bytes[..end]));
        }
        let mut rng = Rng::new(12);
        let alphabet = b"{}[]\",:.-+eE0123456789 nulltruefalseNaN\\u\xc3\xa9";
        for _ in 0..3_000 {
            let mut damaged = bytes.to_vec();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(damaged.len());
                damaged[at] = alphabet[rng.below(alphabet.len())];
            }
            let _ = from_json(&String::from_utf8_lossy(&damaged));
        }
    }

    /// An ensemble round-trips exactly: member 1 at the top level, the rest under `members`.
    #[test]
    fn an_ensemble_round_trips_in_one_file() {
        let c = config(Layout::Sequence, 12);
        let members: Vec<Network<f64>> = (0..3).map(|seed| network(&c, seed)).collect();
        let params: Vec<&NetworkParams<f64>> = members.iter().map(|n| &n.params).collect();
        let text = to_json_ensemble(&c, &params);
        let file = from_json(&text).unwrap();
        assert_eq!(file.all_members(), params);
        assert_eq!(file.to_json(), text);
        // One member writes exactly what to_json writes, and has no members.
        assert_eq!(to_json_ensemble(&c, &params[..1]), to_json(&c, params[0]));
        assert!(from_json(&to_json(&c, params[0])).unwrap().members.is_empty());
    }

    #[test]
    fn ensemble_errors_name_the_member() {
        let c = config(Layout::Sequence, 12);
        let members: Vec<Network<f64>> = (0..2).map(|seed| network(&c, seed)).collect();
        let text = to_json_ensemble(&c, &[&members[0].params, &members[1].params]);
        let edit = |f: &dyn Fn(&mut Map<String, Value>)| {
            let mut root: Map<String, Value> = serde_json::from_str(&text).unwrap();
            f(&mut root);
            from_json(&Value::Object(root).to_string()).unwrap_err().to_string()
        };
        let m = edit(&|r| {
            r["members"][0].as_object_mut().unwrap().remove("lstm.bias_hh_l0");
        });
        assert_names(&m, "\"members[0].lstm.bias_hh_l0\" is missing");
        let m = edit(&|r| {
            r["config"]["ensemble"] = 3.into();
        });
        assert_names(&m, "\"config.ensemble\" is 3, but the file holds 2 networks");
        let m = edit(&|r| {
            r.insert("members".into(), "all of them".into());
        });
        assert_names(&m, "\"members\" should be a list");
        let m = edit(&|r| {
            r["members"][0]["lstm.weight_hh_l0"][0][0] = "x".into();
        });
        assert!(m.contains("members[0].lstm.weight_hh_l0"), "{m}");
    }
}
