//! The equations of the cell with the real numbers filled in, the shapes as the article writes
//! them, and the article's parameter-count formula with the current sizes: the text the page
//! shows when a part of the cell diagram is hovered or focused, and beside the parameter count.
//!
//! # Recovering a gate's pre-activation
//!
//! The trace records the gates' values, not the sums inside them. Both activations are
//! invertible, so the sum is recovered exactly (up to f32 rounding) from the value:
//!
//! ```text
//! f = σ(z)     ⇒  z = σ⁻¹(f) = ln(f / (1 − f))
//! g = tanh(z)  ⇒  z = atanh(g) = ½ ln((1 + g) / (1 − g))
//! ```
//!
//! A gate that is fully saturated in f32 has lost its z: σ(z) rounds to exactly 1 for z above
//! about 17.3 and to 0 below about −87; tanh(z) rounds to ±1 beyond about ±9. The text then
//! says `σ(> 17)`, `σ(< −87)` or `tanh(> 9)` instead of a number.

use crate::model::CellKind;
use crate::render::notation::{format_factor, format_value, thousands, Quantity};
use crate::render::words::{word, word_with};
use crate::trace::{LayerTrace, Trace};

/// The layer of `trace` a selection points into, or a message saying which index is out of
/// range and what the range is (every index 0-based, in the message too).
pub fn check_selection(trace: &Trace, layer: usize, step: usize, unit: usize) -> Result<&LayerTrace, String> {
    let record = trace.layers.get(layer).ok_or_else(|| {
        format!(
            "layer {layer} does not exist: the trace has {} layer(s), 0 to {}",
            trace.layers.len(),
            trace.layers.len().saturating_sub(1)
        )
    })?;
    if step >= trace.steps {
        return Err(format!(
            "step {step} does not exist: the window has {} step(s), 0 to {}",
            trace.steps,
            trace.steps.saturating_sub(1)
        ));
    }
    if unit >= record.d_hidden {
        return Err(format!(
            "unit {unit} does not exist: layer {layer} has {} unit(s), 0 to {}",
            record.d_hidden,
            record.d_hidden.saturating_sub(1)
        ));
    }
    Ok(record)
}

/// σ⁻¹(v) as text: `0.83`, or `> 17` / `< −87` for a saturated gate.
fn logit_text(v: f32) -> String {
    if v >= 1.0 {
        "> 17".into()
    } else if v <= 0.0 {
        "< −87".into()
    } else {
        let v = v as f64;
        format_value((v / (1.0 - v)).ln())
    }
}

/// atanh(v) as text: `0.23`, or `> 9` / `< −9` for a saturated tanh.
fn atanh_text(v: f32) -> String {
    if v >= 1.0 {
        "> 9".into()
    } else if v <= -1.0 {
        "< −9".into()
    } else {
        format_value((v as f64).atanh())
    }
}

/// `a + b` written as a person would: `0.36 + 0.21`, `0.36 − 0.21` for a negative b.
fn sum_text(a: f32, b: f32) -> String {
    if b < 0.0 && format_value(b as f64) != "0.00" {
        format!("{} − {}", format_value(a as f64), format_value(-b as f64))
    } else {
        format!("{} + {}", format_value(a as f64), format_value(b as f64))
    }
}

/// The equation of `part` at step `step` (0-based; t = step + 1), unit `unit` of layer `layer`,
/// with its numbers, e.g. `f_t = σ(W_f·[h_{t−1}, x_t] + b_f) = σ(0.83) = 0.70` or
/// `k_t = f_t ⊙ c_{t−1} = 0.70 × 0.52 = 0.36`. Every number is the traced one, written with two
/// decimals; b is the sum of PyTorch's two biases (b_ih + b_hh). An index out of range, or a
/// part the trace's cell does not have, is an error naming it. The GRU's and the RNN's
/// equations are PyTorch's, with both biases written out: `z_t = σ(W_iz x_t + b_iz + W_hz
/// h_{t−1} + b_hz) = σ(0.41) = 0.60`.
pub fn equation_text(part: Quantity, trace: &Trace, layer: usize, step: usize, unit: usize) -> Result<String, String> {
    let record = check_selection(trace, layer, step, unit)?;
    if !Quantity::parts(trace.cell).contains(&part) {
        return Err(format!(
            "the {} cell has no part {:?}; its parts are {}",
            trace.cell,
            part.key(),
            part_keys(trace.cell)
        ));
    }
    let value = |q: Quantity| q.value(record, step, unit).unwrap_or(f32::NAN);
    let v = |q: Quantity| format_value(value(q) as f64);
    let factor = |q: Quantity| format_factor(value(q) as f64);
    let sigmoid_gate = |q: Quantity, w: &str| {
        format!(
            "{} = σ(W_{w}·[h_{{t−1}}, x_t] + b_{w}) = σ({}) = {}",
            q.symbol(),
            logit_text(value(q)),
            v(q)
        )
    };
    let pytorch_gate = |q: Quantity, g: &str| {
        format!(
            "{} = σ(W_i{g} x_t + b_i{g} + W_h{g} h_{{t−1}} + b_h{g}) = σ({}) = {}",
            q.symbol(),
            logit_text(value(q)),
            v(q)
        )
    };
    Ok(match part {
        Quantity::ResetGate => pytorch_gate(part, "r"),
        Quantity::UpdateGate => pytorch_gate(part, "z"),
        Quantity::NewGate => format!(
            "n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{{t−1}} + b_hn)) = tanh({}) = {}, r_t = {}",
            atanh_text(value(part)),
            v(part),
            v(Quantity::ResetGate)
        ),
        Quantity::HiddenKept => format!(
            "z_t ⊙ h_{{t−1}} = {} × {} = {}",
            factor(Quantity::UpdateGate),
            factor(Quantity::HiddenPrev),
            v(part)
        ),
        Quantity::HiddenWritten => format!(
            "(1 − z_t) ⊙ n_t = {} × {} = {}",
            factor_of(1.0 - value(Quantity::UpdateGate)),
            factor(Quantity::NewGate),
            v(part)
        ),
        Quantity::Hidden if trace.cell == CellKind::Gru => format!(
            "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{{t−1}} = {} = {}",
            sum_text(value(Quantity::HiddenWritten), value(Quantity::HiddenKept)),
            v(part)
        ),
        Quantity::Hidden if trace.cell == CellKind::Rnn => format!(
            "h_t = tanh(W_ih x_t + b_ih + W_hh h_{{t−1}} + b_hh) = tanh({}) = {}",
            atanh_text(value(part)),
            v(part)
        ),
        Quantity::Input => input_text(trace, record, layer, step),
        Quantity::HiddenPrev if step == 0 => format!(
            "h_{{t−1}} = h_0 = 0.00 ({})",
            word("canvas.equation.initialState", "the initial state")
        ),
        Quantity::HiddenPrev => format!("h_{{t−1}} = h_{step} = {}", v(Quantity::HiddenPrev)),
        Quantity::CellPrev if step == 0 => format!(
            "c_{{t−1}} = c_0 = 0.00 ({})",
            word("canvas.equation.beltEmpty", "the belt starts empty")
        ),
        Quantity::CellPrev => format!("c_{{t−1}} = c_{step} = {}", v(Quantity::CellPrev)),
        Quantity::ForgetGate => sigmoid_gate(part, "f"),
        Quantity::InputGate => sigmoid_gate(part, "i"),
        Quantity::OutputGate => sigmoid_gate(part, "o"),
        Quantity::CellGate => format!(
            "g_t = tanh(W_g·[h_{{t−1}}, x_t] + b_g) = tanh({}) = {}",
            atanh_text(value(part)),
            v(part)
        ),
        Quantity::Kept => format!(
            "k_t = f_t ⊙ c_{{t−1}} = {} × {} = {}",
            factor(Quantity::ForgetGate),
            factor(Quantity::CellPrev),
            v(part)
        ),
        Quantity::Added => format!(
            "j_t = i_t ⊙ g_t = {} × {} = {}",
            factor(Quantity::InputGate),
            factor(Quantity::CellGate),
            v(part)
        ),
        Quantity::Cell => format!(
            "c_t = k_t + j_t = {} = {}",
            sum_text(value(Quantity::Kept), value(Quantity::Added)),
            v(part)
        ),
        Quantity::TanhCell => format!("tanh(c_t) = tanh({}) = {}", v(Quantity::Cell), v(part)),
        Quantity::Hidden => format!(
            "h_t = o_t ⊙ tanh(c_t) = {} × {} = {}",
            factor(Quantity::OutputGate),
            factor(Quantity::TanhCell),
            v(part)
        ),
    })
}

/// A number as a factor (see [`format_factor`]).
fn factor_of(v: f32) -> String {
    format_factor(v as f64)
}

/// The keys of a cell's parts, for messages: `x, hPrev, h`.
pub fn part_keys(cell: CellKind) -> String {
    Quantity::parts(cell)
        .iter()
        .map(|q| q.key())
        .collect::<Vec<_>>()
        .join(", ")
}

/// x_t: one number, or the first three of a vector and how many there are; above the first
/// layer, it is the output of the layer below.
fn input_text(trace: &Trace, record: &LayerTrace, layer: usize, step: usize) -> String {
    let d = record.d_input;
    let row = record.input.get(step * d..(step + 1) * d).unwrap_or(&[]);
    let (values, count) = match row {
        [x] => (format_value(*x as f64), String::new()),
        _ => {
            let shown: Vec<String> = row.iter().take(3).map(|x| format_value(*x as f64)).collect();
            let more = if row.len() > 3 { ", …" } else { "" };
            let count = word_with("canvas.equation.values", "{d} values: ", &[("d", &d.to_string())]);
            (format!("[{}{more}]", shown.join(", ")), count)
        }
    };
    if layer == 0 {
        let what = if trace.steps == 1 {
            word("canvas.equation.theWindow", "the window")
        } else {
            word("canvas.equation.theSeries", "the series")
        };
        let note = word_with("canvas.equation.transformed", "{what}, transformed", &[("what", &what)]);
        format!("x_t = {values} ({count}{note})")
    } else {
        let below = word_with(
            "canvas.equation.layerBelow",
            "h_t of layer {layer}",
            &[("layer", &layer.to_string())],
        );
        let output = word("canvas.equation.outputBelow", "the output of the layer below");
        format!("x_t = {below} = {values} ({count}{output})")
    }
}

/// The shape of `part` as the article writes it, with the sizes of layer `layer`: for a gate
/// its weight matrix and its output, `W_f: [d+h, h] = [41, 40], f_t: [1, h] = [1, 40]`; for
/// the rest the row vector, `c_t: [1, h] = [1, 40]`, or `x_t: [1, d] = [1, 1]`.
///
/// The GRU's and the RNN's weights are written as PyTorch stores them, one matrix for x_t and
/// one for h_{t−1}: `W_iz: [h, d] = [40, 1], W_hz: [h, h] = [40, 40], z_t: [1, h] = [1, 40]`.
pub fn shape_text(part: Quantity, record: &LayerTrace, layer: usize) -> String {
    shape_text_in(CellKind::Lstm, part, record, layer)
}

/// [`shape_text`] for a part of `cell`.
pub fn shape_text_in(cell: CellKind, part: Quantity, record: &LayerTrace, layer: usize) -> String {
    let (d, h) = (record.d_input, record.d_hidden);
    let d_note = if layer > 0 {
        format!(" (d = {d}: {})", word("canvas.equation.belowH", "the layer below's h"))
    } else {
        String::new()
    };
    let pytorch = |g: &str| {
        format!(
            "W_i{g}: [h, d] = [{h}, {d}], W_h{g}: [h, h] = [{h}, {h}], {}: [1, h] = [1, {h}]{d_note}",
            part.symbol()
        )
    };
    match (cell, part) {
        (_, Quantity::ResetGate) => return pytorch("r"),
        (_, Quantity::UpdateGate) => return pytorch("z"),
        (_, Quantity::NewGate) => return pytorch("n"),
        (CellKind::Rnn, Quantity::Hidden) => {
            return format!("W_ih: [h, d] = [{h}, {d}], W_hh: [h, h] = [{h}, {h}], h_t: [1, h] = [1, {h}]{d_note}")
        }
        _ => {}
    }
    let gate = |w: &str| {
        format!(
            "W_{w}: [d+h, h] = [{}, {h}], {}: [1, h] = [1, {h}]{d_note}",
            d + h,
            part.symbol()
        )
    };
    match part {
        Quantity::ForgetGate => gate("f"),
        Quantity::InputGate => gate("i"),
        Quantity::CellGate => gate("g"),
        Quantity::OutputGate => gate("o"),
        Quantity::Input => format!("x_t: [1, d] = [1, {d}]{d_note}"),
        _ => format!("{}: [1, h] = [1, {h}]", part.symbol()),
    }
}

/// The name of `part` in the page's words: `forget gate`, or the article's `遗忘门` in 中文
/// (see [`Quantity::page_name_in`]).
pub fn part_name(part: Quantity) -> String {
    part_name_in(CellKind::Lstm, part)
}

/// The name of `part` in `cell` (h_t: `hidden state` / `隐层向量` outside the LSTM).
pub fn part_name_in(cell: CellKind, part: Quantity) -> String {
    part.page_name_in(cell)
}

/// The article's parameter count, (h·(h+x)+h)·4 per layer plus the dense head's h + 1, with
/// the sizes filled in; for the GRU (h·(h+x)+h)·3 + h, for the RNN h·(h+x)+h.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamFormula {
    /// The formula as the article writes it: `(h·(h+x)+h)·4`.
    pub formula: String,
    /// The formula with the sizes, the per-layer counts and the total:
    /// `(h·(h+x)+h)·4 = (40·(40+1)+40)·4 = 6,720, + 41 for the head = 6,761`.
    pub text: String,
    /// The count of each layer.
    pub per_layer: Vec<usize>,
    /// The head's h + 1.
    pub head: usize,
    /// Everything.
    pub total: usize,
    /// How many more each layer has in PyTorch's `numel()`, which keeps two bias vectors
    /// (`bias_ih`, `bias_hh`) where only their sum acts: 4h (LSTM), 2h (GRU: r and z; n's
    /// b_hn is a parameter of its own), h (RNN).
    pub numel_extra_per_layer: usize,
}

/// The article's formula for `layers` stacked LSTM layers of `d_hidden` units reading
/// `d_input` numbers a step (x = d for the first layer, h above it).
pub fn describe_params(d_input: usize, d_hidden: usize, layers: usize) -> ParamFormula {
    describe_params_in(CellKind::Lstm, d_input, d_hidden, layers)
}

/// The formula of `cell`, written as the article writes the LSTM's: one block h·(h+x)+h
/// (a weight per input and unit, one bias per unit) per gate, 4 for the LSTM, 3 for the GRU
/// and 1 for the RNN, and for the GRU + h for b_hn, the bias inside n_t that r_t multiplies
/// (n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))), which therefore cannot be
/// merged into b_in as the other second biases can.
pub fn describe_params_in(cell: CellKind, d_input: usize, d_hidden: usize, layers: usize) -> ParamFormula {
    let h = d_hidden;
    let x_of = |l: usize| if l == 0 { d_input } else { h };
    let gates = cell.gates();
    let own_bias = if cell == CellKind::Gru { h } else { 0 };
    let per_layer: Vec<usize> = (0..layers)
        .map(|l| (h * (h + x_of(l)) + h) * gates + own_bias)
        .collect();
    let head = h + 1;
    let recurrent: usize = per_layer.iter().sum();
    let total = recurrent + head;
    let (formula, filled): (String, Vec<String>) = match cell {
        CellKind::Lstm => (
            "(h·(h+x)+h)·4".into(),
            (0..layers).map(|l| format!("({h}·({h}+{})+{h})·4", x_of(l))).collect(),
        ),
        CellKind::Gru => (
            "(h·(h+x)+h)·3 + h".into(),
            (0..layers)
                .map(|l| format!("({h}·({h}+{})+{h})·3 + {h}", x_of(l)))
                .collect(),
        ),
        CellKind::Rnn => (
            "h·(h+x)+h".into(),
            (0..layers).map(|l| format!("{h}·({h}+{})+{h}", x_of(l))).collect(),
        ),
    };
    let counts: Vec<String> = per_layer.iter().map(|&n| thousands(n)).collect();
    let for_head = word_with(
        "canvas.equation.forHead",
        "+ {head} for the head",
        &[("head", &head.to_string())],
    );
    let text = if layers == 1 {
        format!(
            "{formula} = {} = {}, {for_head} = {}",
            filled[0],
            counts[0],
            thousands(total)
        )
    } else {
        let joined = if cell == CellKind::Lstm {
            filled.join(" + ")
        } else {
            // The GRU's and the RNN's fillings hold a + or none: each in parentheses.
            filled.iter().map(|f| format!("[{f}]")).collect::<Vec<_>>().join(" + ")
        };
        format!(
            "{formula} {} = {joined} = {} = {}, {for_head} = {}",
            word("canvas.equation.perLayer", "per layer"),
            counts.join(" + "),
            thousands(recurrent),
            thousands(total)
        )
    };
    let numel_extra_per_layer = match cell {
        CellKind::Lstm => 4 * h,
        CellKind::Gru => 2 * h,
        CellKind::Rnn => h,
    };
    ParamFormula {
        formula,
        text,
        per_layer,
        head,
        total,
        numel_extra_per_layer,
    }
}

/// Why PyTorch's `numel()` total differs from the article's count: two bias vectors per gate.
pub fn bias_note(numel: usize, distinct: usize, d_hidden: usize, layers: usize) -> String {
    bias_note_in(CellKind::Lstm, numel, distinct, d_hidden, layers)
}

/// [`bias_note`] for `cell`.
pub fn bias_note_in(cell: CellKind, numel: usize, distinct: usize, d_hidden: usize, layers: usize) -> String {
    if numel == distinct {
        return word_with(
            "canvas.equation.numelAgrees",
            "PyTorch's numel() agrees: {numel}",
            &[("numel", &thousands(numel))],
        );
    }
    // The page's words for the note (www/strings: canvas.equation.numelNote…), English without.
    let numel_text = thousands(numel);
    let more = thousands(numel.saturating_sub(distinct));
    let layers = layers.to_string();
    let (key, per_layer, english) = match cell {
        CellKind::Lstm => (
            "canvas.equation.numelNote",
            4 * d_hidden,
            "PyTorch's numel() counts {numel}: it keeps two biases per gate (bias_ih and bias_hh, only their sum \
             matters), 4·h = {perLayer} more per layer × {layers} = {more} more",
        ),
        CellKind::Gru => (
            "canvas.equation.numelNote.gru",
            2 * d_hidden,
            "PyTorch's numel() counts {numel}: it keeps two biases per gate (bias_ih and bias_hh, 3·h each); for r \
             and z only their sum matters, 2·h = {perLayer} more per layer × {layers} = {more} more. n's b_hn is a \
             parameter of its own: r_t multiplies it, so it cannot merge into b_in, and the formula's + h counts it",
        ),
        CellKind::Rnn => (
            "canvas.equation.numelNote.rnn",
            d_hidden,
            "PyTorch's numel() counts {numel}: it keeps two biases (bias_ih and bias_hh, only their sum matters), \
             h = {perLayer} more per layer × {layers} = {more} more",
        ),
    };
    let per_layer = per_layer.to_string();
    word_with(
        key,
        english,
        &[
            ("numel", &numel_text),
            ("perLayer", &per_layer),
            ("layers", &layers),
            ("more", &more),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::network::NetworkConfig;

    /// One layer, 2 units, 2 steps, with hand-made numbers that satisfy the equations:
    /// step 1 (index 1), unit 0: f = σ(0.83) = 0.6964, c_0 = 0.52 → k = 0.3621;
    /// i = 0.9, g = tanh(0.2342) = 0.23 → j = 0.207; c = 0.5691; tanh(c) = 0.5148;
    /// o = 0.8 → h = 0.4118.
    fn trace() -> Trace {
        let f = 1.0 / (1.0 + (-0.83f32).exp());
        let (i, g, o, c_prev) = (0.9f32, 0.23f32, 0.8f32, 0.52f32);
        let (k, j) = (f * c_prev, i * g);
        let c = k + j;
        let layer = LayerTrace {
            d_input: 1,
            d_hidden: 2,
            input: vec![0.13, -0.4],
            forget_gate: vec![0.5, 0.5, f, 1.0],
            input_gate: vec![0.5, 0.5, i, 0.0],
            cell_gate: vec![0.0, 0.0, g, -1.0],
            output_gate: vec![0.5, 0.5, o, 0.5],
            cell_prev: vec![0.0, 0.0, c_prev, 0.3],
            kept: vec![0.0, 0.0, k, 0.3],
            added: vec![0.1, 0.2, j, -0.25],
            cell: vec![c_prev, 0.3, c, 0.05],
            tanh_cell: vec![c_prev.tanh(), 0.3f32.tanh(), c.tanh(), 0.05f32.tanh()],
            hidden: vec![0.3, 0.1, o * c.tanh(), 0.02],
            d_hidden_norm: vec![0.1, 0.2],
            d_cell_norm: vec![0.3, 0.4],
            rows: Vec::new(),
        };
        Trace {
            steps: 2,
            layers: vec![layer.clone(), layer],
            ..Trace::default()
        }
    }

    #[test]
    fn a_gate_shows_its_recovered_sum_and_its_value() {
        let t = trace();
        assert_eq!(
            equation_text(Quantity::ForgetGate, &t, 0, 1, 0).unwrap(),
            "f_t = σ(W_f·[h_{t−1}, x_t] + b_f) = σ(0.83) = 0.70"
        );
        assert_eq!(
            equation_text(Quantity::CellGate, &t, 0, 1, 0).unwrap(),
            "g_t = tanh(W_g·[h_{t−1}, x_t] + b_g) = tanh(0.23) = 0.23"
        );
        assert_eq!(
            equation_text(Quantity::InputGate, &t, 0, 1, 0).unwrap(),
            "i_t = σ(W_i·[h_{t−1}, x_t] + b_i) = σ(2.20) = 0.90"
        );
        assert_eq!(
            equation_text(Quantity::OutputGate, &t, 0, 1, 0).unwrap(),
            "o_t = σ(W_o·[h_{t−1}, x_t] + b_o) = σ(1.39) = 0.80"
        );
    }

    #[test]
    fn a_saturated_gate_says_so_instead_of_a_number() {
        let t = trace();
        assert!(equation_text(Quantity::ForgetGate, &t, 0, 1, 1)
            .unwrap()
            .ends_with("σ(> 17) = 1.00"));
        assert!(equation_text(Quantity::InputGate, &t, 0, 1, 1)
            .unwrap()
            .ends_with("σ(< −87) = 0.00"));
        assert!(equation_text(Quantity::CellGate, &t, 0, 1, 1)
            .unwrap()
            .ends_with("tanh(< −9) = −1.00"));
    }

    #[test]
    fn the_belt_equations_multiply_and_add_the_traced_numbers() {
        let t = trace();
        let eq = |q| equation_text(q, &t, 0, 1, 0).unwrap();
        assert_eq!(eq(Quantity::Kept), "k_t = f_t ⊙ c_{t−1} = 0.70 × 0.52 = 0.36");
        assert_eq!(eq(Quantity::Added), "j_t = i_t ⊙ g_t = 0.90 × 0.23 = 0.21");
        assert_eq!(eq(Quantity::Cell), "c_t = k_t + j_t = 0.36 + 0.21 = 0.57");
        assert_eq!(eq(Quantity::TanhCell), "tanh(c_t) = tanh(0.57) = 0.51");
        assert_eq!(eq(Quantity::Hidden), "h_t = o_t ⊙ tanh(c_t) = 0.80 × 0.51 = 0.41");
        assert_eq!(eq(Quantity::CellPrev), "c_{t−1} = c_1 = 0.52");
        assert_eq!(eq(Quantity::HiddenPrev), "h_{t−1} = h_1 = 0.30");
        // A negative factor is put in parentheses.
        assert_eq!(
            equation_text(Quantity::Added, &t, 0, 1, 1).unwrap(),
            "j_t = i_t ⊙ g_t = 0.00 × (−1.00) = −0.25"
        );
        // A negative supply is subtracted.
        assert_eq!(
            equation_text(Quantity::Cell, &t, 0, 1, 1).unwrap(),
            "c_t = k_t + j_t = 0.30 − 0.25 = 0.05"
        );
    }

    #[test]
    fn the_first_step_starts_from_the_empty_state() {
        let t = trace();
        assert_eq!(
            equation_text(Quantity::HiddenPrev, &t, 0, 0, 0).unwrap(),
            "h_{t−1} = h_0 = 0.00 (the initial state)"
        );
        assert!(equation_text(Quantity::CellPrev, &t, 0, 0, 1)
            .unwrap()
            .contains("c_0 = 0.00"));
    }

    #[test]
    fn the_input_is_a_series_value_or_the_layer_below() {
        let mut t = trace();
        assert_eq!(
            equation_text(Quantity::Input, &t, 0, 1, 0).unwrap(),
            "x_t = −0.40 (the series, transformed)"
        );
        t.layers[1].d_input = 2;
        t.layers[1].input = vec![0.3, 0.1, 0.5, -0.25];
        assert_eq!(
            equation_text(Quantity::Input, &t, 1, 1, 0).unwrap(),
            "x_t = h_t of layer 1 = [0.50, −0.25] (2 values: the output of the layer below)"
        );
        // The article's flat layout: one step of the whole window.
        t.steps = 1;
        t.layers[0].d_input = 4;
        t.layers[0].input = vec![0.81, 0.02, -0.72, 0.3];
        assert_eq!(
            equation_text(Quantity::Input, &t, 0, 0, 0).unwrap(),
            "x_t = [0.81, 0.02, −0.72, …] (4 values: the window, transformed)"
        );
    }

    #[test]
    fn an_index_out_of_range_is_named_in_the_error() {
        let t = trace();
        assert!(equation_text(Quantity::Hidden, &t, 2, 0, 0)
            .unwrap_err()
            .contains("layer 2"));
        assert!(equation_text(Quantity::Hidden, &t, 0, 2, 0)
            .unwrap_err()
            .contains("step 2"));
        assert!(equation_text(Quantity::Hidden, &t, 0, 0, 2)
            .unwrap_err()
            .contains("unit 2"));
    }

    #[test]
    fn every_part_has_an_equation_a_shape_and_a_name() {
        let t = trace();
        for &q in Quantity::parts(CellKind::Lstm) {
            let eq = equation_text(q, &t, 0, 1, 0).unwrap();
            assert!(eq.starts_with(q.symbol()), "{eq}");
            assert!(!eq.contains("NaN"), "{eq}");
            assert!(shape_text(q, &t.layers[0], 0).contains("[1, "), "{q:?}");
            assert_eq!(part_name(q), q.english(), "no words given: English");
        }
    }

    /// One GRU layer, 1 unit, 2 steps. Step 2 (index 1): r = σ(0.5) = 0.6225, z = σ(0.41) =
    /// 0.6011, n = tanh(0.3) = 0.2913, h_1 = 0.2, so z ⊙ h_1 = 0.1202, (1 − z) ⊙ n = 0.1162 and
    /// h_2 = 0.2364.
    fn gru_trace() -> Trace {
        let sigmoid = |a: f32| 1.0 / (1.0 + (-a).exp());
        let (r, z, n, h_prev) = (sigmoid(0.5), sigmoid(0.41), 0.3f32.tanh(), 0.2f32);
        let h = (1.0 - z) * n + z * h_prev;
        let layer = LayerTrace {
            d_input: 1,
            d_hidden: 1,
            input: vec![0.13, -0.4],
            hidden: vec![h_prev, h],
            d_hidden_norm: vec![0.1, 0.2],
            rows: vec![
                ("reset_gate".into(), vec![0.5, r]),
                ("update_gate".into(), vec![0.5, z]),
                ("new_gate".into(), vec![0.4, n]),
                ("hidden".into(), vec![h_prev, h]),
            ],
            ..LayerTrace::default()
        };
        Trace {
            cell: CellKind::Gru,
            steps: 2,
            layers: vec![layer],
            ..Trace::default()
        }
    }

    #[test]
    fn the_grus_equations_are_pytorchs_with_the_traced_numbers() {
        let t = gru_trace();
        let eq = |q| equation_text(q, &t, 0, 1, 0).unwrap();
        assert_eq!(
            eq(Quantity::UpdateGate),
            "z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz) = σ(0.41) = 0.60"
        );
        assert_eq!(
            eq(Quantity::ResetGate),
            "r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr) = σ(0.50) = 0.62"
        );
        assert_eq!(
            eq(Quantity::NewGate),
            "n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn)) = tanh(0.30) = 0.29, r_t = 0.62"
        );
        assert_eq!(eq(Quantity::HiddenKept), "z_t ⊙ h_{t−1} = 0.60 × 0.20 = 0.12");
        assert_eq!(eq(Quantity::HiddenWritten), "(1 − z_t) ⊙ n_t = 0.40 × 0.29 = 0.12");
        assert_eq!(
            eq(Quantity::Hidden),
            "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1} = 0.12 + 0.12 = 0.24"
        );
        assert_eq!(eq(Quantity::HiddenPrev), "h_{t−1} = h_1 = 0.20");
        // The LSTM's parts are not the GRU's.
        let err = equation_text(Quantity::ForgetGate, &t, 0, 1, 0).unwrap_err();
        assert!(
            err.contains("gru") && err.contains("\"f\"") && err.contains("zn"),
            "{err}"
        );
        for &q in Quantity::parts(CellKind::Gru) {
            let eq = equation_text(q, &t, 0, 1, 0).unwrap();
            assert!(!eq.contains("NaN"), "{eq}");
            assert!(
                shape_text_in(CellKind::Gru, q, &t.layers[0], 0).contains("[1, "),
                "{q:?}"
            );
        }
        assert_eq!(
            shape_text_in(CellKind::Gru, Quantity::UpdateGate, &t.layers[0], 0),
            "W_iz: [h, d] = [1, 1], W_hz: [h, h] = [1, 1], z_t: [1, h] = [1, 1]"
        );
        assert_eq!(part_name_in(CellKind::Gru, Quantity::ResetGate), "reset gate");
        assert!(part_name_in(CellKind::Gru, Quantity::Hidden).starts_with("hidden state"));
    }

    #[test]
    fn the_rnns_one_equation_recovers_its_sum_through_atanh() {
        let mut t = gru_trace();
        t.cell = CellKind::Rnn;
        let h = 0.33f32.tanh();
        t.layers[0].hidden = vec![0.2, h];
        t.layers[0].rows = vec![("hidden".into(), vec![0.2, h])];
        assert_eq!(
            equation_text(Quantity::Hidden, &t, 0, 1, 0).unwrap(),
            "h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) = tanh(0.33) = 0.32"
        );
        assert!(equation_text(Quantity::UpdateGate, &t, 0, 1, 0).is_err());
        assert_eq!(
            shape_text_in(CellKind::Rnn, Quantity::Hidden, &t.layers[0], 0),
            "W_ih: [h, d] = [1, 1], W_hh: [h, h] = [1, 1], h_t: [1, h] = [1, 1]"
        );
        assert_eq!(part_name_in(CellKind::Rnn, Quantity::Hidden), "hidden state");
    }

    #[test]
    fn each_cells_formula_is_filled_in_and_counts_its_distinct_parameters() {
        let gru = describe_params_in(CellKind::Gru, 1, 40, 1);
        assert_eq!(
            gru.text,
            "(h·(h+x)+h)·3 + h = (40·(40+1)+40)·3 + 40 = 5,080, + 41 for the head = 5,121"
        );
        let rnn = describe_params_in(CellKind::Rnn, 1, 40, 2);
        assert_eq!(
            rnn.text,
            "h·(h+x)+h per layer = [40·(40+1)+40] + [40·(40+40)+40] = 1,680 + 3,240 = 4,920, \
             + 41 for the head = 4,961"
        );
        assert_eq!(describe_params_in(CellKind::Lstm, 1, 40, 1), describe_params(1, 40, 1));
        // Against the real tensors: the formula is the distinct count, and PyTorch's numel()
        // is larger by the mergeable second biases.
        for cell in CellKind::ALL {
            for &(d, h, l) in &[(1, 40, 1), (12, 40, 1), (1, 8, 3)] {
                let config = NetworkConfig {
                    d_input: d,
                    d_hidden: h,
                    n_layers: l,
                    cell,
                };
                let net = crate::model::Network::<f32>::new(config, false, 0);
                let f = describe_params_in(cell, d, h, l);
                assert_eq!(f.total, net.params.distinct_count(), "{cell} {d} {h} {l}");
                let numel = crate::model::ParamSet::count(&net.params);
                assert_eq!(numel - f.total, l * f.numel_extra_per_layer, "{cell} {d} {h} {l}");
            }
        }
        let note = bias_note_in(CellKind::Gru, 5_201, 5_121, 40, 1);
        assert!(note.contains("b_hn") && note.contains("2·h = 80"), "{note}");
        assert!(bias_note_in(CellKind::Rnn, 1_761, 1_721, 40, 1).contains("h = 40 more"));
    }

    #[test]
    fn shapes_follow_the_article() {
        let record = LayerTrace {
            d_input: 1,
            d_hidden: 40,
            ..LayerTrace::default()
        };
        assert_eq!(
            shape_text(Quantity::ForgetGate, &record, 0),
            "W_f: [d+h, h] = [41, 40], f_t: [1, h] = [1, 40]"
        );
        assert_eq!(shape_text(Quantity::Cell, &record, 0), "c_t: [1, h] = [1, 40]");
        assert_eq!(shape_text(Quantity::Input, &record, 0), "x_t: [1, d] = [1, 1]");
        let above = LayerTrace { d_input: 40, ..record };
        assert_eq!(
            shape_text(Quantity::OutputGate, &above, 1),
            "W_o: [d+h, h] = [80, 40], o_t: [1, h] = [1, 40] (d = 40: the layer below's h)"
        );
    }

    #[test]
    fn the_parameter_formula_is_filled_in_with_the_current_sizes() {
        let one = describe_params(1, 40, 1);
        assert_eq!(
            one.text,
            "(h·(h+x)+h)·4 = (40·(40+1)+40)·4 = 6,720, + 41 for the head = 6,761"
        );
        assert_eq!((one.per_layer.clone(), one.head, one.total), (vec![6_720], 41, 6_761));
        let two = describe_params(1, 40, 2);
        assert_eq!(
            two.text,
            "(h·(h+x)+h)·4 per layer = (40·(40+1)+40)·4 + (40·(40+40)+40)·4 = 6,720 + 12,960 = 19,680, \
             + 41 for the head = 19,721"
        );
    }

    #[test]
    fn the_formula_agrees_with_the_model_for_every_shape() {
        for &(d, h, l) in &[(1, 40, 1), (12, 40, 1), (1, 8, 3), (1, 128, 4)] {
            let config = NetworkConfig {
                d_input: d,
                d_hidden: h,
                n_layers: l,
                cell: crate::model::CellKind::Lstm,
            };
            assert_eq!(
                describe_params(d, h, l).total,
                config.article_param_count(),
                "{d} {h} {l}"
            );
        }
    }

    #[test]
    fn the_bias_note_explains_the_difference() {
        let note = bias_note(6_921, 6_761, 40, 1);
        assert!(note.contains("6,921") && note.contains("4·h = 160") && note.contains("bias_ih"));
        assert!(bias_note(10, 10, 2, 1).contains("agrees"));
    }

    #[test]
    fn the_bias_note_takes_the_pages_words() {
        let zh = "PyTorch 的 numel() 数出 {numel}：每层多 4·h = {perLayer} 个 × {layers} 层 = 多 {more} 个";
        let table = [("canvas.equation.numelNote".to_string(), zh.to_string())];
        crate::render::words::set_words(table.into_iter().collect(), 1.0);
        let note = bias_note(6_921, 6_761, 40, 1);
        crate::render::words::set_words(Default::default(), 1.0);
        assert_eq!(
            note,
            "PyTorch 的 numel() 数出 6,921：每层多 4·h = 160 个 × 1 层 = 多 160 个"
        );
    }
}
