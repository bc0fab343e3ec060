"""PyTorch reference values for tests/torch_parity.rs (the LSTM) and tests/cells_parity.rs
(the GRU and the plain RNN).

The Rust tests never need torch: this script is run by hand and its output is committed in
tests/fixtures/. It was last run from the crate root with

    /tmp/torchenv/bin/python tools/torch_fixtures.py
    /tmp/torchenv/bin/python tools/torch_fixtures.py predict tests/fixtures/ours_weights.json

under torch 2.15.0 (CPU), Python 3.11.7 and numpy 2.4.6; every fixture records the versions
that wrote it under "versions". The GRU and RNN fixtures were written by

    /tmp/torchenv/bin/python tools/torch_fixtures.py cells

which writes only those four (the first command writes them too, after the LSTM's).

The first command writes

- parity_sequence.json    (a) 2 layers, input_size 1, hidden 3, 5 steps, batch 4
- parity_flat.json        (b) 2 layers, input_size 5, hidden 3, 1 step, batch 4 (flat layout)
- parity_real_size.json   (c) 1 layer, hidden 40, 12 steps, batch 3 (the article's size)
- pytorch_trained.json    (d) a small model trained here on AirPassengers, with its forecasts

Every fixture is itself a weights file (the schema of src/weights.rs: "format", "version",
"config" and the "lstm."/"linear." tensors at the top level), so the Rust tests read the weights
with weights::from_json, which ignores the other keys. Each of (a)-(c) adds the input
[batch, steps, input_size], the targets [batch], PyTorch's prediction
linear(lstm(x)[0][:, -1, :]).squeeze(-1), the nn.MSELoss() loss, the gradient of the loss
with respect to every state_dict tensor, the top layer's outputs h_t [batch, steps, hidden]
and the final (h_n, c_n) [layers, batch, hidden] of every layer. Everything runs in float64.
The random weights, inputs and targets are rounded to 4 decimals before use, so the files stay
short and readable; PyTorch then computes with exactly those numbers. Case (c) keeps its
computed values to 9 significant digits (see nested()), which keeps it near 180 KB.

The second command is the other direction: it loads a weights file written by our Rust
`weights::to_json` into nn.LSTM + nn.Linear (with the same few lines the module docs of
src/weights.rs show), predicts a seeded batch of inputs, and writes ours_torch.json next to
the weights file. The test `ours_weights_predict_the_same_in_pytorch` compares against it.
See tools/README.md for the whole round.

The third command writes the fixtures of tests/cells_parity.rs, in float64, for a 2-layer
nn.GRU or nn.RNN (tanh) + nn.Linear reading the top layer's last output:

- gru_sequence.json       (e) GRU, input_size 1, hidden 3, 5 steps, batch 4
- gru_flat.json           (f) GRU, input_size 5, hidden 3, 1 step, batch 4
- rnn_sequence.json       (g) RNN, input_size 1, hidden 3, 5 steps, batch 4
- rnn_flat.json           (h) RNN, input_size 5, hidden 3, 1 step, batch 4

They are not weights files (src/weights.rs knows only the LSTM): "config" gives the cell and
the shape, "weights" holds every named_parameters() tensor ("gru.weight_ih_l0", ...,
"linear.bias"), and beside them are the input [batch, steps, input_size], the targets
[batch], the prediction, the nn.MSELoss() loss, "grads" (the gradient of the loss with
respect to every tensor in "weights"), "d_input" (its gradient with respect to the input,
[batch, steps, input_size]), the top layer's outputs h_t [batch, steps, hidden] and the final
h_n [layers, batch, hidden]. Weights, inputs and targets are rounded to 4 decimals first, as
for the LSTM.
"""

import csv
import json
import math
import os
import platform
import sys

import torch
from torch import nn

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures")
FORMAT = "lstm-conveyor-weights"
VERSION = 1

# AirPassengers, 1949-01 .. 1960-12, thousands of passengers per month (sum 40,363).
AIR_PASSENGERS = [
    112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
    115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
    145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
    171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
    196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201,
    204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
    242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278,
    284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
    315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336,
    340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
    360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405,
    417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
]


def versions():
    return {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "script": "tools/torch_fixtures.py",
    }


def shape_of(layout, window):
    """(steps, features) of one model input: the same rule as data::Layout::shape."""
    return (window, 1) if layout == "sequence" else (1, window)


def rounded(t, decimals=4):
    return torch.round(t, decimals=decimals)


def nested(t, digits=None):
    """A tensor as nested lists of Python floats (json writes them shortest-round-trip).

    With `digits`, every number is rounded to that many significant digits first: case (c)
    keeps its computed values (gradients, states) to 9 digits, a relative change of at most
    5e-10, far inside the tests' tolerances, to keep the file under 200 KB.
    """
    values = t.detach().to(torch.float64).tolist()
    if digits is None:
        return values

    def round_all(v):
        return [round_all(e) for e in v] if isinstance(v, list) else float(f"{v:.{digits}g}")

    return round_all(values)


def weights_file(lstm, linear, window, layout, transform, series=None, test_start=None):
    """A weights file (the schema of src/weights.rs) from PyTorch's own modules."""
    config = {
        "input_size": lstm.input_size,
        "hidden_size": lstm.hidden_size,
        "num_layers": lstm.num_layers,
        "window": window,
        "layout": layout,
        "transform": transform,
    }
    if series is not None:
        config["series"] = series
    if test_start is not None:
        config["test_start"] = test_start
    out = {"format": FORMAT, "version": VERSION, "config": config}
    for name, tensor in lstm.state_dict().items():
        out["lstm." + name] = nested(tensor)
    for name, tensor in linear.state_dict().items():
        out["linear." + name] = nested(tensor)
    return out


def load_weights(path):
    """Loads a weights file into nn.LSTM + nn.Linear: the snippet of src/weights.rs's docs."""
    with open(path) as f:
        w = json.load(f)
    assert w["format"] == "lstm-conveyor-weights" and w["version"] <= 2
    c = w["config"]
    cell = c.get("cell", "lstm")  # version 1 files are LSTMs
    module = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[cell]
    lstm = module(c["input_size"], c["hidden_size"], c["num_layers"], batch_first=True).double()
    linear = nn.Linear(c["hidden_size"], 1).double()
    tensors = {k: torch.tensor(v, dtype=torch.float64) for k, v in w.items() if "." in k}
    prefix = cell + "."
    lstm.load_state_dict({k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)})
    linear.load_state_dict({k[7:]: v for k, v in tensors.items() if k.startswith("linear.")})
    return c, lstm, linear


def predict(lstm, linear, x):
    """x [batch, steps, input_size] -> one number per sequence, read from the last step."""
    out, _ = lstm(x)
    return linear(out[:, -1, :]).squeeze(-1)


def parity_case(name, about, seed, num_layers, hidden, window, layout, batch, digits=None):
    torch.manual_seed(seed)
    steps, features = shape_of(layout, window)
    lstm = nn.LSTM(features, hidden, num_layers, batch_first=True).double()
    linear = nn.Linear(hidden, 1).double()
    with torch.no_grad():
        for p in list(lstm.parameters()) + list(linear.parameters()):
            p.copy_(rounded(p))
    x = rounded(torch.randn(batch, steps, features, dtype=torch.float64))
    y = rounded(torch.randn(batch, dtype=torch.float64))

    out, (h_n, c_n) = lstm(x)
    prediction = linear(out[:, -1, :]).squeeze(-1)
    loss = nn.MSELoss()(prediction, y)
    loss.backward()

    grads = {}
    for module, prefix in ((lstm, "lstm."), (linear, "linear.")):
        for pname, p in module.named_parameters():
            grads[prefix + pname] = nested(p.grad, digits)

    transform = {"kind": "min_max", "offset": 104.0, "scale": 518.0}
    fixture = {
        "about": about,
        "versions": versions(),
        **weights_file(lstm, linear, window, layout, transform),
        "input": nested(x),
        "target": nested(y),
        "prediction": nested(prediction),
        "loss": loss.item(),
        "grads": grads,
        "output": nested(out, digits),
        "h_n": nested(h_n, digits),
        "c_n": nested(c_n, digits),
    }
    if digits is not None:
        fixture["digits"] = digits
    write(name, fixture)


def cell_case(name, about, kind, seed, num_layers, hidden, window, layout, batch):
    """(e)-(h): a 2-layer nn.GRU or nn.RNN (tanh) + nn.Linear, forward and backward in float64."""
    torch.manual_seed(seed)
    steps, features = shape_of(layout, window)
    cell_type = {"gru": nn.GRU, "rnn": nn.RNN}[kind]
    cell = cell_type(features, hidden, num_layers, batch_first=True).double()
    linear = nn.Linear(hidden, 1).double()
    with torch.no_grad():
        for p in list(cell.parameters()) + list(linear.parameters()):
            p.copy_(rounded(p))
    x = rounded(torch.randn(batch, steps, features, dtype=torch.float64)).requires_grad_()
    y = rounded(torch.randn(batch, dtype=torch.float64))

    out, h_n = cell(x)
    prediction = linear(out[:, -1, :]).squeeze(-1)
    loss = nn.MSELoss()(prediction, y)
    loss.backward()

    weights, grads = {}, {}
    for module, prefix in ((cell, kind + "."), (linear, "linear.")):
        for pname, p in module.named_parameters():
            weights[prefix + pname] = nested(p)
            grads[prefix + pname] = nested(p.grad)
    fixture = {
        "about": about,
        "versions": versions(),
        "config": {
            "cell": kind,
            "input_size": features,
            "hidden_size": hidden,
            "num_layers": num_layers,
            "steps": steps,
            "batch": batch,
            "layout": layout,
            **({"nonlinearity": cell.nonlinearity} if kind == "rnn" else {}),
        },
        "weights": weights,
        "input": nested(x),
        "target": nested(y),
        "prediction": nested(prediction),
        "loss": loss.item(),
        "grads": grads,
        "d_input": nested(x.grad),
        "output": nested(out),
        "h_n": nested(h_n),
    }
    write(name, fixture)


def cell_cases():
    for kind, name, seed0 in (("gru", "GRU", 10), ("rnn", "RNN", 20)):
        cell_case(
            kind + "_sequence.json",
            f"sequence layout: 2-layer nn.{name}, input_size 1, hidden 3, 5 steps, batch 4",
            kind, seed=seed0 + 1, num_layers=2, hidden=3, window=5, layout="sequence", batch=4,
        )
        cell_case(
            kind + "_flat.json",
            f"flat layout: 2-layer nn.{name}, input_size 5, hidden 3, 1 step, batch 4",
            kind, seed=seed0 + 2, num_layers=2, hidden=3, window=5, layout="flat", batch=4,
        )


def trained_case():
    """(d) A model trained in PyTorch: min-max scaled AirPassengers, window 12, 1959-01 on held out."""
    torch.manual_seed(1959)
    window, hidden = 12, 8
    series = torch.tensor(AIR_PASSENGERS, dtype=torch.float64)
    train_end = 120  # 1959-01 is index 120
    lo, hi = series[:train_end].min(), series[:train_end].max()
    scaled = (series - lo) / (hi - lo)
    xs = torch.stack([scaled[i : i + window] for i in range(len(series) - window)]).unsqueeze(-1)
    ys = scaled[window:]
    # window i predicts month i + window; train on targets before 1959-01.
    n_train = train_end - window
    lstm = nn.LSTM(1, hidden, 1, batch_first=True).double()
    linear = nn.Linear(hidden, 1).double()
    opt = torch.optim.Adam(list(lstm.parameters()) + list(linear.parameters()), lr=0.02)
    for _ in range(300):
        opt.zero_grad()
        loss = nn.MSELoss()(predict(lstm, linear, xs[:n_train]), ys[:n_train])
        loss.backward()
        opt.step()
    with torch.no_grad():
        test_x = xs[n_train:]
        prediction = predict(lstm, linear, test_x)
        test_loss = nn.MSELoss()(prediction, ys[n_train:]).item()
    transform = {"kind": "min_max", "offset": lo.item(), "scale": (hi - lo).item()}
    fixture = {
        "about": "A 1-layer, 8-unit LSTM trained in PyTorch (Adam, 300 full-batch steps) on "
        "min-max scaled AirPassengers before 1959-01; its forecasts of the 24 test months "
        "1959-01..1960-12 from the true preceding 12 months, in scaled units.",
        "versions": versions(),
        **weights_file(lstm, linear, window, "sequence", transform, "AirPassengers", "1959-01"),
        "input": nested(test_x),
        "target": nested(ys[n_train:]),
        "prediction": nested(prediction),
        "train_loss": loss.item(),
        "test_loss": test_loss,
    }
    write("pytorch_trained.json", fixture)


def predict_ours(path):
    """Loads a weights file written by our Rust code and records PyTorch's predictions."""
    config, lstm, linear = load_weights(path)
    steps, features = shape_of(config["layout"], config["window"])
    torch.manual_seed(2024)
    x = rounded(torch.randn(4, steps, features, dtype=torch.float64))
    with torch.no_grad():
        out, state = lstm(x)
        prediction = linear(out[:, -1, :]).squeeze(-1)
    # nn.LSTM returns (h_n, c_n); nn.GRU and nn.RNN return h_n alone.
    h_n, c_n = state if isinstance(state, tuple) else (state, None)
    fixture = {
        "about": "PyTorch's predictions with the weights of " + os.path.basename(path)
        + " (written by our weights::to_json), loaded by load_weights() in "
        "tools/torch_fixtures.py.",
        "versions": versions(),
        "weights_file": os.path.basename(path),
        "input": nested(x),
        "prediction": nested(prediction),
        "cell": config.get("cell", "lstm"),
        "h_n": nested(h_n),
    }
    if c_n is not None:
        fixture["c_n"] = nested(c_n)
    # ours_weights.json -> ours_torch.json, ours_weights_gru.json -> ours_torch_gru.json
    name = os.path.basename(path).replace("weights", "torch", 1)
    out_path = os.path.join(os.path.dirname(os.path.abspath(path)), name)
    with open(out_path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", out_path, "prediction", fixture["prediction"])


def check_predictions(weights_path, predictions_path):
    """Loads a log_diff weights file with load_weights() and predicts every month of the
    `lstm-train --predictions-out` CSV from its true preceding window; prints the largest
    difference from lstm-train's one_step column (in the series' unit)."""
    config, rnn, linear = load_weights(weights_path)
    t = config["transform"]
    assert t["kind"] == "log_diff" and config["layout"] == "sequence", "log_diff, sequence only"
    with open(predictions_path) as f:
        rows = list(csv.DictReader(f))
    x = [float(r["actual"]) for r in rows]
    window = config["window"]
    d = [None] + [math.log(x[i]) - math.log(x[i - 1]) for i in range(1, len(x))]
    worst, months = 0.0, 0
    for i in range(window + 1, len(x)):
        m = [(d[j] - t["offset"]) / t["scale"] for j in range(i - window, i)]
        with torch.no_grad():
            y = predict(rnn, linear, torch.tensor(m, dtype=torch.float64).view(1, window, 1))
        raw = x[i - 1] * math.exp(y.item() * t["scale"] + t["offset"])
        worst = max(worst, abs(raw - float(rows[i]["one_step"])))
        months += 1
    print(f"{config.get('cell', 'lstm')}: {months} months, largest |PyTorch - lstm-train| {worst:.2e}")


def write(name, fixture):
    os.makedirs(FIXTURES, exist_ok=True)
    path = os.path.join(FIXTURES, name)
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(path), os.path.getsize(path), "bytes")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "predict":
        predict_ours(sys.argv[2])
        return
    if len(sys.argv) == 4 and sys.argv[1] == "check-predictions":
        check_predictions(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) == 2 and sys.argv[1] == "cells":
        cell_cases()
        return
    if len(sys.argv) != 1:
        sys.exit(
            "usage: torch_fixtures.py [cells | predict WEIGHTS.json"
            " | check-predictions WEIGHTS.json PREDICTIONS.csv]"
        )
    parity_case(
        "parity_sequence.json",
        "(a) sequence layout: 2 layers, input_size 1, hidden 3, 5 steps, batch 4",
        seed=1, num_layers=2, hidden=3, window=5, layout="sequence", batch=4,
    )
    parity_case(
        "parity_flat.json",
        "(b) flat layout: 2 layers, input_size 5, hidden 3, 1 step, batch 4",
        seed=2, num_layers=2, hidden=3, window=5, layout="flat", batch=4,
    )
    parity_case(
        "parity_real_size.json",
        "(c) the article's size: 1 layer, input_size 1, hidden 40, 12 steps, batch 3",
        seed=3, num_layers=1, hidden=40, window=12, layout="sequence", batch=3, digits=9,
    )
    trained_case()
    cell_cases()


if __name__ == "__main__":
    main()
