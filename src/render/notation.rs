//! The article's notation, shared by every view of the gates: the named quantities of one LSTM
//! step (x_t, h_{t−1}, c_{t−1}, f_t, i_t, g_t, o_t, k_t, j_t, c_t, tanh(c_t), h_t) with their
//! symbols and the article's Chinese names, how numbers are written, and the little markup the
//! canvases use for subscripts.
//!
//! ```text
//! f_t = σ(W_f·[h_{t−1}, x_t] + b_f)    遗忘门 forget gate
//! i_t = σ(W_i·[h_{t−1}, x_t] + b_i)    输入门 input gate
//! g_t = tanh(W_g·[h_{t−1}, x_t] + b_g) 补给来源 candidate supply
//! o_t = σ(W_o·[h_{t−1}, x_t] + b_o)    输出门 output gate
//! k_t = f_t ⊙ c_{t−1}                  主线遗忘 what the forget gate keeps
//! j_t = i_t ⊙ g_t                      补给 the supply added
//! c_t = k_t + j_t                      主线 the main line, the cell state (the belt)
//! h_t = o_t ⊙ tanh(c_t)                主线最终输出 the output
//! ```
//!
//! The GRU (PyTorch's `nn.GRU`) and the plain RNN have quantities of their own, named as the
//! Chinese GRU literature names them; neither has a main line c_t:
//!
//! ```text
//! r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)              重置门 reset gate
//! z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)              更新门 update gate
//! n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))    候选状态 candidate state
//! z_t ⊙ h_{t−1}                                               保留 what z_t keeps
//! (1 − z_t) ⊙ n_t                                             写入 what is written over it
//! h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}                       隐层向量 the hidden state
//! rnn: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)      隐层向量 the hidden state
//! ```

use crate::model::CellKind;
use crate::trace::LayerTrace;

/// Which range a quantity's values lie in, which decides its colour map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    /// σ(…) ∈ (0, 1): the three gates f, i, o.
    Sigmoid,
    /// tanh(…) ∈ (−1, 1), and products of a gate with one: g, j, tanh(c), h.
    Tanh,
    /// Not bounded: the main line c, c_{t−1} and k (and the input x).
    Free,
}

/// A named quantity of one step of a cell (the LSTM's, and the GRU's r, z, n and its mixing
/// of h; every cell has x_t, h_{t−1} and h_t).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// x_t, the input of the step: the series value for layer 1, the hidden state of the layer
    /// below above it.
    Input,
    /// h_{t−1}, the previous output (0 before the first step).
    HiddenPrev,
    /// c_{t−1}, the main line arriving at step t (0 before the first step).
    CellPrev,
    /// f_t, the forget gate (遗忘门).
    ForgetGate,
    /// i_t, the input gate (输入门).
    InputGate,
    /// g_t, the candidate supply (补给来源).
    CellGate,
    /// o_t, the output gate (输出门).
    OutputGate,
    /// k_t = f_t ⊙ c_{t−1}, what the forget gate keeps of the main line (主线遗忘).
    Kept,
    /// j_t = i_t ⊙ g_t, the supply added to the main line (补给).
    Added,
    /// c_t = k_t + j_t, the main line leaving step t (主线).
    Cell,
    /// tanh(c_t), the main line squashed to (−1, 1) before the output gate reads it.
    TanhCell,
    /// h_t = o_t ⊙ tanh(c_t), the output (主线最终输出); for the GRU and the RNN their hidden
    /// state (隐层向量).
    Hidden,
    /// r_t, the GRU's reset gate (重置门): how much of W_hn h_{t−1} + b_hn reaches n_t.
    ResetGate,
    /// z_t, the GRU's update gate (更新门): how much of h_{t−1} is kept.
    UpdateGate,
    /// n_t, the GRU's candidate state (候选状态, PyTorch's "new gate").
    NewGate,
    /// z_t ⊙ h_{t−1}, what the GRU keeps of its memory (保留).
    HiddenKept,
    /// (1 − z_t) ⊙ n_t, what the GRU writes over it (写入).
    HiddenWritten,
}

/// The parts of each cell's diagram, in the order of its computation.
const LSTM_PARTS: [Quantity; 12] = [
    Quantity::Input,
    Quantity::HiddenPrev,
    Quantity::CellPrev,
    Quantity::ForgetGate,
    Quantity::InputGate,
    Quantity::CellGate,
    Quantity::OutputGate,
    Quantity::Kept,
    Quantity::Added,
    Quantity::Cell,
    Quantity::TanhCell,
    Quantity::Hidden,
];
const GRU_PARTS: [Quantity; 8] = [
    Quantity::Input,
    Quantity::HiddenPrev,
    Quantity::ResetGate,
    Quantity::UpdateGate,
    Quantity::NewGate,
    Quantity::HiddenKept,
    Quantity::HiddenWritten,
    Quantity::Hidden,
];
const RNN_PARTS: [Quantity; 3] = [Quantity::Input, Quantity::HiddenPrev, Quantity::Hidden];

impl Quantity {
    /// Every quantity: the LSTM's in the order of its computation, then the GRU's own.
    pub const ALL: [Quantity; 17] = [
        Quantity::Input,
        Quantity::HiddenPrev,
        Quantity::CellPrev,
        Quantity::ForgetGate,
        Quantity::InputGate,
        Quantity::CellGate,
        Quantity::OutputGate,
        Quantity::Kept,
        Quantity::Added,
        Quantity::Cell,
        Quantity::TanhCell,
        Quantity::Hidden,
        Quantity::ResetGate,
        Quantity::UpdateGate,
        Quantity::NewGate,
        Quantity::HiddenKept,
        Quantity::HiddenWritten,
    ];

    /// The quantities of `cell`'s step, the parts of its diagram, in the order of its
    /// computation.
    pub fn parts(cell: CellKind) -> &'static [Quantity] {
        match cell {
            CellKind::Lstm => &LSTM_PARTS,
            CellKind::Gru => &GRU_PARTS,
            CellKind::Rnn => &RNN_PARTS,
        }
    }

    /// The name JavaScript uses for it (`equation("f", …)`, the cell diagram's parts).
    pub fn key(self) -> &'static str {
        match self {
            Quantity::Input => "x",
            Quantity::HiddenPrev => "hPrev",
            Quantity::CellPrev => "cPrev",
            Quantity::ForgetGate => "f",
            Quantity::InputGate => "i",
            Quantity::CellGate => "g",
            Quantity::OutputGate => "o",
            Quantity::Kept => "k",
            Quantity::Added => "j",
            Quantity::Cell => "c",
            Quantity::TanhCell => "tanhC",
            Quantity::Hidden => "h",
            Quantity::ResetGate => "r",
            Quantity::UpdateGate => "z",
            Quantity::NewGate => "n",
            Quantity::HiddenKept => "zh",
            Quantity::HiddenWritten => "zn",
        }
    }

    /// The quantity called `key` (see [`Quantity::key`]), or `None`.
    pub fn from_key(key: &str) -> Option<Quantity> {
        Quantity::ALL.into_iter().find(|q| q.key() == key)
    }

    /// Its symbol in the markup of [`rich_text`]: `f_t`, `c_{t−1}`, `tanh(c_t)`.
    pub fn symbol(self) -> &'static str {
        match self {
            Quantity::Input => "x_t",
            Quantity::HiddenPrev => "h_{t−1}",
            Quantity::CellPrev => "c_{t−1}",
            Quantity::ForgetGate => "f_t",
            Quantity::InputGate => "i_t",
            Quantity::CellGate => "g_t",
            Quantity::OutputGate => "o_t",
            Quantity::Kept => "k_t",
            Quantity::Added => "j_t",
            Quantity::Cell => "c_t",
            Quantity::TanhCell => "tanh(c_t)",
            Quantity::Hidden => "h_t",
            Quantity::ResetGate => "r_t",
            Quantity::UpdateGate => "z_t",
            Quantity::NewGate => "n_t",
            Quantity::HiddenKept => "z_t ⊙ h_{t−1}",
            Quantity::HiddenWritten => "(1 − z_t) ⊙ n_t",
        }
    }

    /// The article's Chinese name.
    pub fn article_name(self) -> &'static str {
        match self {
            Quantity::Input => "输入",
            Quantity::HiddenPrev => "上一时刻的隐藏层",
            Quantity::CellPrev => "主线",
            Quantity::ForgetGate => "遗忘门",
            Quantity::InputGate => "输入门",
            Quantity::CellGate => "补给来源",
            Quantity::OutputGate => "输出门",
            Quantity::Kept => "主线遗忘",
            Quantity::Added => "补给",
            Quantity::Cell => "主线",
            Quantity::TanhCell => "tanh(主线)",
            Quantity::Hidden => "主线最终输出",
            Quantity::ResetGate => "重置门",
            Quantity::UpdateGate => "更新门",
            Quantity::NewGate => "候选状态",
            Quantity::HiddenKept => "保留",
            Quantity::HiddenWritten => "写入",
        }
    }

    /// The Chinese name in `cell`: h_t is the LSTM's 主线最终输出 and the other cells' 隐层向量
    /// (the article's word for h_t); the rest are named alike in every cell.
    pub fn article_name_in(self, cell: CellKind) -> &'static str {
        match (self, cell) {
            (Quantity::Hidden, CellKind::Gru | CellKind::Rnn) => "隐层向量",
            _ => self.article_name(),
        }
    }

    /// The name a canvas draws for this quantity in `cell`: the page's words
    /// `canvas.name.<key>` (`hGru` / `hRnn` for the GRU's and the RNN's h_t), its English name
    /// when the page gives none. In 中文 those words are the article's terms (遗忘门, 主线); in
    /// English they are English, and an English canvas carries no Chinese: an unlabelled 遗忘门
    /// on an English page reads as decoration, not as a term, and the article's terms are one
    /// click away in 中文 (and quoted in the guided story).
    pub fn page_name_in(self, cell: CellKind) -> String {
        let key = match (self, cell) {
            (Quantity::Hidden, CellKind::Gru) => "hGru",
            (Quantity::Hidden, CellKind::Rnn) => "hRnn",
            _ => self.key(),
        };
        crate::render::words::word(&format!("canvas.name.{key}"), self.english_in(cell))
    }

    /// The English name in `cell` (see [`Quantity::article_name_in`]).
    pub fn english_in(self, cell: CellKind) -> &'static str {
        match (self, cell) {
            (Quantity::Hidden, CellKind::Gru) => "hidden state, the GRU's only memory",
            (Quantity::Hidden, CellKind::Rnn) => "hidden state",
            _ => self.english(),
        }
    }

    /// Its English name.
    pub fn english(self) -> &'static str {
        match self {
            Quantity::Input => "input",
            Quantity::HiddenPrev => "previous output",
            Quantity::CellPrev => "cell state arriving",
            Quantity::ForgetGate => "forget gate",
            Quantity::InputGate => "input gate",
            Quantity::CellGate => "candidate",
            Quantity::OutputGate => "output gate",
            Quantity::Kept => "kept",
            Quantity::Added => "supply added",
            Quantity::Cell => "cell state",
            Quantity::TanhCell => "squashed cell state",
            Quantity::Hidden => "output (hidden state)",
            Quantity::ResetGate => "reset gate",
            Quantity::UpdateGate => "update gate",
            Quantity::NewGate => "candidate (new gate)",
            Quantity::HiddenKept => "kept by z_t",
            Quantity::HiddenWritten => "written over",
        }
    }

    /// The range of its values.
    pub fn range(self) -> Range {
        match self {
            Quantity::ForgetGate
            | Quantity::InputGate
            | Quantity::OutputGate
            | Quantity::ResetGate
            | Quantity::UpdateGate => Range::Sigmoid,
            Quantity::CellGate
            | Quantity::Added
            | Quantity::TanhCell
            | Quantity::Hidden
            | Quantity::HiddenPrev
            | Quantity::NewGate
            | Quantity::HiddenKept
            | Quantity::HiddenWritten => Range::Tanh,
            Quantity::Input | Quantity::CellPrev | Quantity::Kept | Quantity::Cell => Range::Free,
        }
    }

    /// Its `[T × H]` row in a layer's trace; `None` for x_t (`[T × d]`), h_{t−1} (a shifted
    /// copy of h_t), the GRU's two products (computed, see [`Quantity::value`]) and a row the
    /// layer's cell does not have. The GRU's gates are read from the cell's named rows.
    pub fn row(self, layer: &LayerTrace) -> Option<&[f32]> {
        Some(match self {
            Quantity::Input | Quantity::HiddenPrev | Quantity::HiddenKept | Quantity::HiddenWritten => return None,
            Quantity::ResetGate => return layer.row("reset_gate"),
            Quantity::UpdateGate => return layer.row("update_gate"),
            Quantity::NewGate => return layer.row("new_gate"),
            Quantity::CellPrev => &layer.cell_prev,
            Quantity::ForgetGate => &layer.forget_gate,
            Quantity::InputGate => &layer.input_gate,
            Quantity::CellGate => &layer.cell_gate,
            Quantity::OutputGate => &layer.output_gate,
            Quantity::Kept => &layer.kept,
            Quantity::Added => &layer.added,
            Quantity::Cell => &layer.cell,
            Quantity::TanhCell => &layer.tanh_cell,
            Quantity::Hidden => &layer.hidden,
        })
    }

    /// Its value at step `t` (0-based), unit `u`: for x_t the input's component `u` when it
    /// has one (x_t has d components, not H), for h_{t−1} the previous step's h (0 at t = 0,
    /// the initial state). `None` outside the trace.
    pub fn value(self, layer: &LayerTrace, t: usize, u: usize) -> Option<f32> {
        let h = layer.d_hidden;
        match self {
            Quantity::Input => layer
                .input
                .get(t * layer.d_input + u)
                .copied()
                .filter(|_| u < layer.d_input),
            Quantity::HiddenPrev if u >= h || t * h >= layer.hidden.len() => None,
            Quantity::HiddenPrev if t == 0 => Some(0.0),
            Quantity::HiddenPrev => layer.hidden.get((t - 1) * h + u).copied(),
            _ if u >= h => None,
            Quantity::HiddenKept => {
                Some(Quantity::UpdateGate.value(layer, t, u)? * Quantity::HiddenPrev.value(layer, t, u)?)
            }
            Quantity::HiddenWritten => {
                Some((1.0 - Quantity::UpdateGate.value(layer, t, u)?) * Quantity::NewGate.value(layer, t, u)?)
            }
            _ => self.row(layer)?.get(t * h + u).copied(),
        }
    }
}

/// A number as the views write it: two decimals, a true minus sign (−0.35), no "−0.00";
/// `NaN`, `∞` and `−∞` spelt out.
pub fn format_value(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞".into() } else { "−∞".into() };
    }
    let text = format!("{v:.2}");
    match text.strip_prefix('-') {
        Some("0.00") => "0.00".into(),
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

/// A number as a factor of a product: [`format_value`], in parentheses when negative, so that
/// `0.70 × (−0.22)` does not read as a subtraction.
pub fn format_factor(v: f64) -> String {
    let text = format_value(v);
    if text.starts_with('−') {
        format!("({text})")
    } else {
        text
    }
}

/// A whole number with thousands separators: 6761 → `6,761`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// One run of a label: plain text or a subscript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The characters.
    pub text: String,
    /// True for a subscript (drawn smaller and lower).
    pub subscript: bool,
}

/// The size of a subscript relative to the text around it.
pub const SUBSCRIPT_SCALE: f64 = 0.72;

/// Splits the markup of a label into runs: `_x` makes the one character x a subscript,
/// `_{…}` the braced text. `c_{t−1} = 0.52` → `c`, sub `t−1`, ` = 0.52`.
pub fn rich_text(markup: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut push = |text: &str, subscript: bool| {
        if text.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.subscript == subscript => last.text.push_str(text),
            _ => runs.push(Run {
                text: text.to_string(),
                subscript,
            }),
        }
    };
    let mut rest = markup;
    while let Some(at) = rest.find('_') {
        push(&rest[..at], false);
        let after = &rest[at + 1..];
        if let Some(braced) = after.strip_prefix('{') {
            let end = braced.find('}').unwrap_or(braced.len());
            push(&braced[..end], true);
            rest = braced.get(end + 1..).unwrap_or("");
        } else if let Some(c) = after.chars().next() {
            push(&after[..c.len_utf8()], true);
            rest = &after[c.len_utf8()..];
        } else {
            rest = after;
        }
    }
    push(rest, false);
    runs
}

/// The markup of a label without its markup: `c_{t−1}` → `ct−1`.
pub fn plain_text(markup: &str) -> String {
    rich_text(markup).into_iter().map(|r| r.text).collect()
}

/// An estimate of the width of `text` (plain, no markup) at font size `size`, in the same unit:
/// per character, about 1 em for Chinese characters, 0.3 for narrow Latin letters and
/// punctuation, 0.56 for digits and most lower-case letters, 0.7 for capitals and symbols.
/// Generous rather than tight, so that a layout that fits by the estimate fits on screen. The
/// browser measures the real text where it can ([`measure_markup`] takes the measure as an
/// argument); this is the measure of the native tests.
pub fn estimate_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' => 1.0,
            ' ' => 0.3,
            'i' | 'j' | 'l' | 'f' | 't' | 'r' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '(' | ')' | '['
            | ']' | '‖' => 0.34,
            'm' | 'w' | 'M' | 'W' | '⊙' | '⊗' | '⊕' | '∂' | '—' => 0.86,
            'A'..='Z' | '×' | '−' | '+' | '=' | '→' | '←' | '≈' | '·' | 'σ' | '…' => 0.66,
            _ => 0.57,
        })
        .sum::<f64>()
        * size
}

/// The width of a label in markup at font size `size`, with `measure(text, size)` measuring
/// one plain run: subscripts at [`SUBSCRIPT_SCALE`] of the size.
pub fn measure_markup(markup: &str, size: f64, measure: &dyn Fn(&str, f64) -> f64) -> f64 {
    rich_text(markup)
        .iter()
        .map(|run| {
            let s = if run.subscript { size * SUBSCRIPT_SCALE } else { size };
            measure(&run.text, s)
        })
        .sum()
}

/// The first of `variants` (longest first) whose width at `size` is at most `room`, or the
/// last one when none fits: labels that shorten on a narrow screen instead of overlapping.
pub fn fitting<'a, S: AsRef<str>>(
    variants: &'a [S],
    size: f64,
    room: f64,
    measure: &dyn Fn(&str, f64) -> f64,
) -> &'a str {
    variants
        .iter()
        .map(AsRef::as_ref)
        .find(|v| measure_markup(v, size, measure) <= room)
        .or(variants.last().map(AsRef::as_ref))
        .unwrap_or("")
}

/// Packs `pieces` (markup) into lines at most `room` wide, in order, joined by `separator`
/// within a line: the read-out of numbers that takes one line on a wide screen and several on
/// a phone. A piece wider than the room is wrapped onto lines of its own ([`wrap_markup`]).
pub fn pack_lines(
    pieces: &[String],
    separator: &str,
    size: f64,
    room: f64,
    measure: &dyn Fn(&str, f64) -> f64,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // After a wrapped piece the next one starts a line of its own, so that it does not read as
    // the wrapped piece's end.
    let mut after_wrap = false;
    for piece in pieces {
        let parts = wrap_markup(piece, size, room, measure);
        let wrapped = parts.len() > 1;
        let mut parts = parts.into_iter();
        let Some(first) = parts.next() else { continue };
        match lines.last_mut() {
            Some(line)
                if !after_wrap
                    && !wrapped
                    && measure_markup(&format!("{line}{separator}{first}"), size, measure) <= room =>
            {
                line.push_str(separator);
                line.push_str(&first);
            }
            _ => lines.push(first),
        }
        lines.extend(parts);
        after_wrap = wrapped;
    }
    lines
}

/// Breaks the markup `piece` into lines at most `room` wide: at spaces outside a subscript's
/// braces, or after Chinese punctuation (，、：；) or a middle dot; a word wider than the room
/// stays whole. A piece that fits is returned as it is.
pub fn wrap_markup(piece: &str, size: f64, room: f64, measure: &dyn Fn(&str, f64) -> f64) -> Vec<String> {
    if measure_markup(piece, size, measure) <= room {
        return vec![piece.to_string()];
    }
    let mut words: Vec<String> = Vec::new();
    let (mut word, mut depth) = (String::new(), 0usize);
    for ch in piece.chars() {
        word.push(ch);
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ' ' | '，' | '、' | '：' | '；' | '·' if depth == 0 => words.push(std::mem::take(&mut word)),
            _ => {}
        }
    }
    words.push(word);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words {
        let longer = format!("{line}{word}");
        if !line.trim().is_empty() && measure_markup(longer.trim_end(), size, measure) > room {
            lines.push(line.trim_end().to_string());
            line = word;
        } else {
            line = longer;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One layer, 2 units, 2 steps, with every row distinct so a mix-up shows.
    fn layer() -> LayerTrace {
        LayerTrace {
            d_input: 1,
            d_hidden: 2,
            input: vec![0.5, -0.5],
            forget_gate: vec![0.1, 0.2, 0.3, 0.4],
            input_gate: vec![0.5, 0.6, 0.7, 0.8],
            cell_gate: vec![-0.1, -0.2, -0.3, -0.4],
            output_gate: vec![0.9, 0.8, 0.7, 0.6],
            cell_prev: vec![0.0, 0.0, 1.0, 2.0],
            kept: vec![0.0, 0.0, 0.3, 0.8],
            added: vec![-0.05, -0.12, -0.21, -0.32],
            cell: vec![1.0, 2.0, 0.09, 0.48],
            tanh_cell: vec![0.76, 0.96, 0.09, 0.45],
            hidden: vec![0.68, 0.77, 0.06, 0.27],
            d_hidden_norm: vec![0.1, 0.2],
            d_cell_norm: vec![0.3, 0.4],
            rows: Vec::new(),
        }
    }

    #[test]
    fn keys_name_each_quantity_once_and_read_back() {
        for q in Quantity::ALL {
            assert_eq!(Quantity::from_key(q.key()), Some(q));
            assert_eq!(Quantity::ALL.iter().filter(|p| p.key() == q.key()).count(), 1);
        }
        assert_eq!(Quantity::from_key("F"), None);
    }

    #[test]
    fn values_are_read_time_major() {
        let l = layer();
        assert_eq!(Quantity::ForgetGate.value(&l, 1, 0), Some(0.3));
        assert_eq!(Quantity::Cell.value(&l, 0, 1), Some(2.0));
        assert_eq!(Quantity::Input.value(&l, 1, 0), Some(-0.5));
        // x_t has one component: unit 1 has none.
        assert_eq!(Quantity::Input.value(&l, 1, 1), None);
        // h_{t−1}: 0 before the first step, then the previous h.
        assert_eq!(Quantity::HiddenPrev.value(&l, 0, 1), Some(0.0));
        assert_eq!(Quantity::HiddenPrev.value(&l, 1, 1), Some(0.77));
        assert_eq!(Quantity::Hidden.value(&l, 2, 0), None);
        assert_eq!(Quantity::Hidden.value(&l, 0, 2), None);
    }

    #[test]
    fn gates_are_sigmoid_the_candidate_and_output_tanh_the_belt_free() {
        assert_eq!(Quantity::ForgetGate.range(), Range::Sigmoid);
        assert_eq!(Quantity::CellGate.range(), Range::Tanh);
        assert_eq!(Quantity::Hidden.range(), Range::Tanh);
        assert_eq!(Quantity::Cell.range(), Range::Free);
        assert_eq!(Quantity::ForgetGate.article_name(), "遗忘门");
        assert_eq!(Quantity::OutputGate.article_name(), "输出门");
    }

    /// One GRU unit over 2 steps ([`LayerTrace::one_gru_unit`]).
    fn gru_layer() -> LayerTrace {
        LayerTrace::one_gru_unit()
    }

    #[test]
    fn the_grus_gates_come_from_its_named_rows_and_its_products_are_computed() {
        let l = gru_layer();
        assert_eq!(Quantity::ResetGate.value(&l, 1, 0), Some(0.1));
        assert_eq!(Quantity::UpdateGate.value(&l, 0, 0), Some(0.25));
        assert_eq!(Quantity::NewGate.value(&l, 1, 0), Some(-0.4));
        // z_2 ⊙ h_1 = 0.5 × 0.6, (1 − z_2) ⊙ n_2 = 0.5 × (−0.4); their sum is h_2.
        let kept = Quantity::HiddenKept.value(&l, 1, 0).unwrap();
        let written = Quantity::HiddenWritten.value(&l, 1, 0).unwrap();
        assert!((kept - 0.3).abs() < 1e-6 && (written + 0.2).abs() < 1e-6);
        assert!((kept + written - Quantity::Hidden.value(&l, 1, 0).unwrap()).abs() < 1e-6);
        // Nothing before the first step is kept.
        assert_eq!(Quantity::HiddenKept.value(&l, 0, 0), Some(0.0));
        // An LSTM row the GRU has not: no value, not a wrong one.
        assert_eq!(Quantity::ForgetGate.value(&l, 0, 0), None);
        assert_eq!(Quantity::ResetGate.value(&layer(), 0, 0), None);
        assert_eq!(Quantity::UpdateGate.range(), Range::Sigmoid);
        assert_eq!(Quantity::NewGate.range(), Range::Tanh);
    }

    #[test]
    fn each_cell_has_its_parts_and_h_its_name() {
        assert_eq!(Quantity::parts(CellKind::Lstm).len(), 12);
        assert_eq!(
            Quantity::parts(CellKind::Gru)
                .iter()
                .map(|q| q.key())
                .collect::<Vec<_>>(),
            ["x", "hPrev", "r", "z", "n", "zh", "zn", "h"]
        );
        assert_eq!(
            Quantity::parts(CellKind::Rnn),
            [Quantity::Input, Quantity::HiddenPrev, Quantity::Hidden]
        );
        for cell in CellKind::ALL {
            assert!(Quantity::parts(cell).iter().all(|q| Quantity::ALL.contains(q)));
        }
        assert_eq!(Quantity::Hidden.article_name_in(CellKind::Lstm), "主线最终输出");
        assert_eq!(Quantity::Hidden.article_name_in(CellKind::Gru), "隐层向量");
        assert_eq!(Quantity::ResetGate.article_name_in(CellKind::Gru), "重置门");
        assert_eq!(Quantity::UpdateGate.article_name(), "更新门");
    }

    #[test]
    fn values_have_two_decimals_and_a_true_minus() {
        assert_eq!(format_value(0.7012), "0.70");
        assert_eq!(format_value(-0.349), "−0.35");
        assert_eq!(format_value(-0.001), "0.00");
        assert_eq!(format_value(12.0), "12.00");
        assert_eq!(format_value(f64::NAN), "NaN");
        assert_eq!(format_value(f64::NEG_INFINITY), "−∞");
        assert_eq!(format_factor(-0.22), "(−0.22)");
        assert_eq!(format_factor(0.22), "0.22");
        assert_eq!(format_factor(-0.001), "0.00");
    }

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(6_761), "6,761");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn markup_splits_into_runs_with_subscripts() {
        let runs = rich_text("c_{t−1} = 0.52");
        assert_eq!(
            runs,
            [
                Run {
                    text: "c".into(),
                    subscript: false
                },
                Run {
                    text: "t−1".into(),
                    subscript: true
                },
                Run {
                    text: " = 0.52".into(),
                    subscript: false
                },
            ]
        );
        assert_eq!(plain_text("tanh(c_t) = o_t"), "tanh(ct) = ot");
        assert_eq!(plain_text("no markup"), "no markup");
        // A trailing underscore or an unclosed brace loses nothing else.
        assert_eq!(plain_text("a_"), "a");
        assert_eq!(plain_text("a_{bc"), "abc");
    }

    #[test]
    fn chinese_characters_are_estimated_wider_than_latin() {
        assert!(estimate_width("遗忘门", 10.0) > estimate_width("abc", 10.0));
        assert_eq!(estimate_width("", 10.0), 0.0);
        assert!((estimate_width("遗", 12.0) - 12.0).abs() < 1e-9);
        // Subscripts are measured smaller.
        assert!(measure_markup("c_t", 10.0, &estimate_width) < measure_markup("ct", 10.0, &estimate_width));
    }

    #[test]
    fn the_longest_label_that_fits_is_chosen() {
        let variants = ["f_t 遗忘门 forget gate", "f_t 遗忘门", "f_t"];
        assert_eq!(fitting(&variants, 12.0, 1000.0, &estimate_width), variants[0]);
        let short = measure_markup(variants[1], 12.0, &estimate_width);
        assert_eq!(fitting(&variants, 12.0, short + 0.1, &estimate_width), variants[1]);
        assert_eq!(fitting(&variants, 12.0, 1.0, &estimate_width), "f_t");
    }

    #[test]
    fn pieces_pack_into_as_few_lines_as_the_room_allows() {
        let pieces: Vec<String> = ["aaaa", "bbbb", "cccc"].iter().map(|s| s.to_string()).collect();
        let one = measure_markup("aaaa · bbbb · cccc", 10.0, &estimate_width);
        assert_eq!(
            pack_lines(&pieces, " · ", 10.0, one, &estimate_width),
            ["aaaa · bbbb · cccc"]
        );
        assert_eq!(
            pack_lines(&pieces, " · ", 10.0, one - 1.0, &estimate_width),
            ["aaaa · bbbb", "cccc"]
        );
        // Too narrow for any two: one piece per line, none lost.
        assert_eq!(pack_lines(&pieces, " · ", 10.0, 1.0, &estimate_width).len(), 3);
    }

    #[test]
    fn a_piece_wider_than_the_room_wraps_at_spaces_and_chinese_commas() {
        let room = estimate_width("blue < 0 < red: c_t, k_t", 12.0);
        let lines = wrap_markup(
            "blue < 0 < red: c_t, k_t, j_t, h_t on ±1 (this unit)",
            12.0,
            room,
            &estimate_width,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        for line in &lines {
            assert!(measure_markup(line, 12.0, &estimate_width) <= room + 1e-9, "{line}");
        }
        assert_eq!(lines.join(" "), "blue < 0 < red: c_t, k_t, j_t, h_t on ±1 (this unit)");
        // Chinese breaks after its commas; a subscript's braces are never split.
        let zh = wrap_markup("蓝 < 0 < 红：c_t、k_t、j_t、h_t 的范围 ±1", 12.0, 80.0, &estimate_width);
        assert!(zh.len() >= 2 && zh.iter().all(|l| l.matches('{').count() == l.matches('}').count()));
        let braces = wrap_markup("x h_{t − 1} y", 12.0, 1.0, &estimate_width);
        assert!(braces.contains(&"h_{t − 1}".to_string()), "{braces:?}");
        // What fits stays whole, and packing wraps only what does not.
        assert_eq!(wrap_markup("short", 12.0, 500.0, &estimate_width), ["short"]);
        let pieces = ["ab", "a b c d e f g h", "cd"].map(String::from);
        let packed = pack_lines(&pieces, "  ", 12.0, 40.0, &estimate_width);
        assert!(packed.len() > 3, "{packed:?}");
        assert_eq!(packed[0], "ab");
        assert_eq!(packed.last().unwrap(), "cd", "a wrapped piece's end stands alone");
    }
}
