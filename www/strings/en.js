// English: every label, tooltip and explanation of the page, by key. `{name}` is filled by
// t(key, { name }). www/strings/zh.js has exactly the same keys and placeholders (a test checks).
// Keys group by the part of the page: app, control, setting, option, preset, data/csv, chart,
// numbers, explain, gate (the gate views), status, problem (settings validation), divergence,
// export/import, lang, classroom, shortcut.

export default {
  // --- the page ---------------------------------------------------------------------------
  "app.title": "LSTM Conveyor",
  "app.description":
    "An LSTM network trains in your browser (Rust compiled to WebAssembly) to forecast a monthly series, redrawn epoch by epoch.",
  "app.lede":
    "A small LSTM network learns, right here in your browser, to predict next month's airline passengers from the months before it (AirPassengers, 1949–1960). Each frame it trains another epoch and redraws what it now predicts.",
  "app.lede.series":
    "A small LSTM network learns, right here in your browser, to predict the next month of the series “{series}” from the months before it. Each frame it trains another epoch and redraws what it now predicts.",
  "model.heading": "The model:",
  // The model line says plainly what the network is and how many numbers it learns; the
  // article's formula and PyTorch's numel() are in the parameter panel of the gates section.
  "model.layers.one": "1 layer",
  "model.layers.many": "{layers} stacked layers",
  "model.reading.sequence": "reads {window} months, one at a time,",
  "model.reading.flat": "reads {window} months in one go",
  "model.summary":
    "{layers} of {hidden} {cell} units {reading} and predicts the next month: {distinct} numbers to learn.",
  "model.training": "It trains on {target} with {optimizer} (learning rate {lr}, seed {seed}).",
  "model.target.min_max": "min–max scaled values",
  "model.target.log_diff": "month-on-month log changes",
  "model.target.seasonal_log_diff": "year-on-year log changes",
  "model.target.window_log_norm": "logs relative to the window's last month",

  // --- play, step, reset, speed ------------------------------------------------------------
  "control.group": "Training controls",
  "control.play": "Play",
  "control.pause": "Pause",
  "control.step": "Step",
  "control.step.title": "Train one epoch (→)",
  "control.reset": "Reset",
  "control.reset.title": "Start again from the same seed (R)",
  "control.speed": "Speed",
  "control.speed.option": "{n} epochs / frame",
  "control.speed.optionOne": "{n} epoch / frame",
  "control.keys.playPause": "play / pause",
  "control.keys.step": "one epoch",

  // --- the settings panel: one label and one tooltip per setting ---------------------------
  "settings.title": "Settings",
  "settings.model": "Model",
  "settings.training": "Training",
  "settings.display": "Display",
  "settings.resets": "↺ starts the model again",
  "settings.resets.title":
    "Changing this setting builds a new model, so training starts again from epoch 0.",
  "settings.range": "{min} to {max}",
  "setting.hidden": "Hidden size H",
  "setting.hidden.help":
    "Units in each layer: the length of the hidden state h_t (and of the LSTM's main line c_t). More units can learn more, at h·(h+x)+h parameters per layer for the RNN, 4 times that for the LSTM and about 3 times for the GRU.",
  "setting.layers": "Layers",
  "setting.layers.help":
    "Layers stacked on one another; each reads the hidden states h_t of the layer below. The article uses one.",
  "setting.window": "Window W (months)",
  "setting.window.help":
    "How many past months the network sees to predict the next one. The article uses 12.",
  "setting.layout": "Input layout",
  "setting.layout.help":
    "How the W months enter the LSTM: as W time steps of one number (the main line carries the window from step to step), or as in the article, one time step of W numbers ([batch, 1, W]).",
  "setting.transform": "Transform",
  "setting.transform.help":
    "How the raw numbers become the small numbers the network works in. Raw min–max scaling (the article's) maps the training part onto 0…1; the log transforms model relative changes instead.",
  "setting.optimizer": "Optimizer",
  "setting.optimizer.help":
    "The rule that turns gradients into weight changes. The article uses Adagrad. Changing it keeps the weights; training goes on with the new rule.",
  "setting.learningRate": "Learning rate",
  "setting.learningRate.help":
    "How large each step is. Too small learns slowly; too large makes the loss explode (try 50). A change applies at once, without starting again.",
  "setting.batchSize": "Batch size",
  "setting.batchSize.help":
    "Training windows per weight update; 0 uses them all in one batch, one update per epoch.",
  "setting.clip": "Gradient clipping",
  "setting.clip.help":
    "Shortens the gradient to at most this length (L2 norm) before each step, so that one bad step cannot throw the weights far; 0 turns clipping off.",
  "setting.seed": "Seed",
  "setting.seed.help":
    "Fixes the starting weights and the order of the windows: the same seed and settings give the same curves.",
  "setting.forgetBiasOne": "Forget gate starts open",
  "setting.forgetBiasOne.help":
    "Starts the LSTM's forget gate bias at 1, so f_t ≈ σ(1) ≈ 0.73 and the main line keeps most of what it carries at first (as the article's TensorFlow BasicLSTMCell does). The GRU and the RNN have no forget gate and ignore it.",
  "setting.series": "Series",
  "setting.series.help":
    "The monthly series to learn: one of the examples that come with the page, or your own CSV.",
  "setting.targetEpochs": "Target epochs",
  "setting.targetEpochs.help": "Training stops by itself at this epoch; raise it to train on.",
  "setting.epochsPerFrame": "Speed (epochs per frame)",
  "setting.epochsPerFrame.help": "How many epochs are trained between two redraws of the charts.",
  "setting.lang": "Language",
  "setting.lang.help": "English or 简体中文; the link keeps the choice.",
  "setting.classroom": "Classroom mode",
  "setting.classroom.help":
    "Hides the controls and enlarges the type for a projector; the keys keep working (press ? for the list).",
  "setting.batchSize.all": "0 = all windows",
  "setting.clip.off": "0 = off",

  // --- the options of the choice settings --------------------------------------------------
  "option.layout.sequence": "W steps of 1 value (sequence)",
  "option.layout.flat": "1 step of W values (the article's 1 × W)",
  "option.transform.min_max": "raw min–max (as in the article)",
  "option.transform.log_diff": "log change on the month before",
  "option.transform.seasonal_log_diff": "seasonal log change (on the month a year before)",
  "option.transform.window_log_norm": "logs relative to the window's last month",
  "option.optimizer.adagrad": "Adagrad",
  "option.optimizer.adam": "Adam",
  "option.optimizer.sgd": "SGD with momentum",
  "option.lang.en": "English",
  "option.lang.zh": "简体中文",

  // --- presets -----------------------------------------------------------------------------
  "preset.label": "Presets",
  "preset.custom": "Your own settings",
  "preset.article": "As in the article",
  "preset.article.explain":
    "The article's set-up — a window of 12 months fed as one step of 12 numbers, 40 hidden units, one layer, Adagrad at 0.6, raw min–max scaling — which undershoots the 1959–60 peaks, because min–max scaling maps the training maximum (505 thousand, August 1958) to 1, so the network never sees a target above it and hardly predicts above 505, while July 1960 reaches 622.",
  "preset.compare": "RNN vs LSTM",
  "preset.compare.explain":
    "The article's opening paragraph, made visible: a series whose next month repeats (0.95 of) the month a whole 30-month window back, read by an LSTM and an RNN side by side with the same settings (window 30, hidden 20, min–max, Adam 0.03 — the LSTM's best on validation months — for 2,000 epochs). Watch the two gradient flows under the belt: the RNN's ‖∂L/∂h_t‖ falls away, step by step, towards the window's first month, the one that matters, so it hardly learns from it (由于梯度消失的存在,RNN很难处理长距离的依赖); the LSTM's ‖∂L/∂c_t‖ holds up along its belt. Over seeds 1–5 (README, native build) the RNN ends near the training mean (median RMSE 11.05; the mean scores 11.04) and the LSTM learns part of the memory (median 8.31; copying the month 30 back scores 4.36). One run can differ from the median: if the LSTM's test loss climbs while its training loss keeps falling, it is learning the training months by heart. Said plainly: at Adam 0.01 the RNN learns this memory too — the vanishing gradient makes a long dependency hard to learn, not impossible.",
  "preset.best": "Best forecast",
  "preset.best.explain":
    "The defaults: month-on-month log changes read as 24 time steps, 40 hidden units, Adam at 0.03 for 600 epochs, and an ensemble of 5 networks whose mean is the forecast. They were chosen by rolling-origin validation on 1956–1958, with the series cut at 1958-12 so that 1959–60 was never read (validation median RMSE 9.5). On 1959–60, over seeds 1 to 5, they score a one-step RMSE of 19.3–26.7 thousand (median 20.5) and a recursive 24-month RMSE of 52–90 (median 82.8): one step ahead better than seasonal naive (50.0), but worse than AR(12) on logs (17.7 one step, 25.0 recursive) and Holt–Winters (14.9 one step), and recursively worse even than seasonal naive (77.0). The best this LSTM found, not a win over the classics: show the baselines to compare.",

  // --- the example series and own data ----------------------------------------------------
  "example.air_passengers": "AirPassengers",
  "example.air_passengers.description":
    "International airline passengers per month, 1949–1960 (Box & Jenkins): the article's series.",
  "example.air_passengers.unit": "thousand passengers",
  "example.co2": "Mauna Loa CO₂",
  "example.co2.description":
    "Atmospheric CO₂ at Mauna Loa, Hawaii, per month, 1959–1997 (Keeling & Whorf, Scripps); February to April 1964 are interpolated. A steady trend under a yearly wave.",
  "example.co2.unit": "ppm",
  "example.nottem": "Nottingham temperature",
  "example.nottem.description":
    "Average air temperature at Nottingham Castle per month, 1920–1939 (Anderson): seasons with no trend.",
  "example.nottem.unit": "°F",
  "example.us_accidental_deaths": "US accidental deaths",
  "example.us_accidental_deaths.description":
    "Accidental deaths in the USA per month, 1973–1978 (Brockwell & Davis): only six years, a test of short data.",
  "example.us_accidental_deaths.unit": "deaths",
  "example.synthetic": "Synthetic (seed 7)",
  "example.synthetic.description":
    "Made up, not measured: a growing trend times a yearly season times noise, drawn with seed 7, so its structure is known exactly.",
  "example.synthetic.unit": "units",
  "example.long_memory": "Long memory (30 months)",
  "example.long_memory.description":
    "Made up, not measured: a random 30-month pattern that repeats, each month as far from 100 as 0.95 times the month 30 months before, plus fresh noise (seed 30). The months just before tell little about the next one; the month a full 30-month window back tells most, so a network has to carry that first value through the whole window: a test of long memory.",
  "example.long_memory.unit": "units",
  "example.own": "Your own data",
  "data.title": "Data",
  "data.own": "Your own data",
  "data.paste": "Paste CSV",
  "data.paste.placeholder": "1949-01,112\n1949-02,118\n1949-03,132\n…",
  "data.upload": "Choose a CSV file…",
  "data.format":
    "One or two columns: a value per line, or a month (YYYY-MM) and a value. A header line is optional; commas, semicolons or tabs separate the columns.",
  "data.use": "Train on this data",
  "data.preview": "Preview",
  "data.preview.summary": "{count} months from {first} to {last}; smallest {min}, largest {max}.",
  "data.preview.month": "Month",
  "data.preview.value": "Value",
  "data.preview.gap": "… {count} more months …",
  "data.loaded": "Training on {name}: {count} months. The model starts again.",
  "data.ownNotInLink":
    "This link was made with the sender's own data, which a link cannot carry; showing {series} instead. Paste or upload the same file to get the same run.",
  "csv.rejected": "The data was not loaded; what you had stays as it was.",
  "csv.lineError": "Line {line}: {detail}",
  "csv.error": "{detail}",
  "csv.empty": "There is nothing to read: paste CSV text or choose a file first.",
  "csv.tooLarge": "The file has {size} bytes; files up to {limit} bytes are read.",
  "csv.readFailed": "The file could not be read: {error}",

  // --- charts and their text alternatives --------------------------------------------------
  "chart.forecast.title": "Forecast: {series}",
  "chart.forecast.alt":
    "Chart of the actual series, the one-step predictions and the recursive forecast; the test months are shaded.",
  "chart.loss.title": "Loss per epoch (log scale)",
  "chart.loss.alt": "Chart of the training and the test loss of every epoch, on a log scale.",
  "chart.loss.train": "training",
  "chart.loss.test": "test",
  "chart.summary.forecast":
    "Epoch {epoch}. Test months, one step ahead: RMSE {rmse} {unit}, MAPE {mape} %. Recursive forecast: RMSE {recursiveRmse} {unit}, MAPE {recursiveMape} %.",
  "chart.summary.loss": "Epoch {epoch}: training loss {train}, test loss {test}.",
  "chart.summary.none": "not yet",
  "readout.hint": "Point at the chart to read a month.",
  "readout.actual": "{month}: actual {value}",
  "readout.oneStep": "one-step {value}",
  "readout.recursive": "recursive {value}",
  "readout.testMonth": "(test month)",
  "readout.unit": "{parts} {unit}",

  // --- the numbers panel ---------------------------------------------------------------------
  "numbers.title": "Numbers",
  "numbers.epoch": "Epoch",
  "numbers.epochProgress": "next {percent}%",
  "numbers.evaluationProgress": "evaluating {percent}%",
  "numbers.nextEvaluationProgress": "epoch {epoch}: evaluating {percent}%",
  "numbers.trainLoss": "Train loss",
  "numbers.testLoss": "Test loss",
  "numbers.params": "Parameters",
  "numbers.oneStep": "Test months, one step ahead",
  "numbers.recursive": "Test months, recursive forecast",
  "numbers.rmse": "RMSE",
  "numbers.mape": "MAPE",
  "unit.thousand": "thousand",
  "unit.percent": "%",

  // --- "What you are seeing" -----------------------------------------------------------------
  "explain.title": "What you are seeing",
  "explain.actual.term": "Actual",
  "explain.actual.text": "the number of international airline passengers each month, in thousands.",
  "explain.oneStep.term": "One-step prediction",
  "explain.oneStep.text":
    "for every month, the network is shown the true months before it and predicts that month. Where the window reaches before the first month there is no prediction.",
  "explain.test.term": "Test months",
  "explain.test.text":
    "({from} to {to}): the network never trains on them. How well it predicts them is the honest score: the test RMSE (in the series' unit) and MAPE (in percent).",
  "explain.recursive.term": "Recursive forecast",
  "explain.recursive.text":
    "from {start} the network is fed its own predictions instead of the truth, {months} months ahead. Its errors pile up, which is why it is usually worse than one step.",
  "explain.loss.term": "Loss",
  "engine.build.relaxed":
    "Engine: WebAssembly with relaxed SIMD (one fused multiply-add instruction where this processor has it).",
  "engine.build.simd128": "Engine: WebAssembly with 128-bit SIMD.",
  "explain.loss.text":
    "the mean squared error of the scaled numbers the network works in, on the training windows (blue) and the test windows (orange), on a log scale; with early stopping also on the last 12 training windows held out for validation (green), with a dashed mark at the best epoch so far, whose weights the forecast uses. Training stops by itself at the target epoch ({epochs}); raise the target to train on.",

  // --- the gate views: the article's names -------------------------------------------------
  "gate.title.gru": "Inside the GRU: its gates at every time step",
  "gate.title.rnn": "Inside the RNN: its state at every time step",
  "gate.heatmapsTitle.gru": "Gate values: one row per unit, one column per time step",
  "gate.heatmapsTitle.rnn":
    "The hidden state h_t: one row per unit, one column per time step (the RNN has no gates)",
  "gate.title": "Inside the LSTM: the gates at every time step",
  "gate.conveyor": "conveyor belt",
  "gate.conveyor.help":
    "The main line c_t runs along the time steps like a conveyor belt: at each step the forget gate takes some of it off and the input gate puts new supply on.",
  "gate.input.x": "input x_t",
  "gate.input.x.help": "The number (or the W numbers) the LSTM reads at time step t.",
  "gate.forget": "forget gate f_t",
  "gate.forget.help":
    "f_t = σ(W_f·[h_{t−1}, x_t] + b_f): how much of the main line c_{t−1} each unit keeps; 0 forgets it, 1 keeps it all.",
  "gate.input": "input gate i_t",
  "gate.input.help":
    "i_t = σ(W_i·[h_{t−1}, x_t] + b_i): how much of the candidate supply g_t gets onto the main line.",
  "gate.candidate": "candidate g_t (the supply)",
  "gate.candidate.help":
    "g_t = tanh(W_g·[h_{t−1}, x_t] + b_g): the new content offered to the main line, between −1 and 1.",
  "gate.output": "output gate o_t",
  "gate.output.help":
    "o_t = σ(W_o·[h_{t−1}, x_t] + b_o): how much of tanh(c_t) leaves as the hidden state h_t.",
  "gate.kept": "kept part k_t = f_t ⊙ c_{t−1}",
  "gate.kept.help": "What the forget gate lets through of the old main line.",
  "gate.added": "supply added j_t = i_t ⊙ g_t",
  "gate.added.help": "The input gate's share of the candidate: what is added to the main line.",
  "gate.cell": "main line c_t = k_t + j_t (cell state)",
  "gate.cell.help":
    "The LSTM's memory: kept part plus supply added. It is touched only by ⊙ and +, which is why it can carry information over many steps.",
  "gate.tanhCell": "tanh(c_t)",
  "gate.hidden": "hidden state h_t = o_t ⊙ tanh(c_t)",
  "gate.hidden.help":
    "The LSTM's output at step t, read by the next step, by the layer above and, at the last step, by the dense layer that predicts the month.",
  "gate.gradHidden": "‖∂L/∂h_t‖",
  "gate.gradCell": "‖∂L/∂c_t‖",
  "gate.grad.help":
    "How strongly the loss pulls on h_t and on c_t at each step; along the main line this pull fades more slowly than in a plain RNN.",
  "gate.timeStep": "time step {t}",
  // The tooltip of the gate views (www/tooltip.js).
  "tip.where": "{step} ({month}), {unit}",
  "tip.whereWhole": "the whole window ({first} to {last}), {unit}",
  "tip.value": "value: {value}",
  "tip.belt.forget": "⊗ forget gate: what the belt keeps",
  "tip.belt.input": "⊕ input gate: the supply it adds",
  "tip.belt.line": "the main line c_t on the belt",
  "tip.belt.readout": "output gate: reads h_t off the belt",
  "tip.name.x": "input x_t",
  "tip.name.hPrev": "previous output h_{t−1}",
  "tip.name.cPrev": "main line arriving, c_{t−1}",
  "tip.name.f": "forget gate f_t",
  "tip.name.i": "input gate i_t",
  "tip.name.g": "candidate g_t (the supply)",
  "tip.name.o": "output gate o_t",
  "tip.name.k": "what the belt keeps, k_t",
  "tip.name.j": "the supply added, j_t",
  "tip.name.c": "main line c_t (cell state)",
  "tip.name.tanhC": "squashed main line tanh(c_t)",
  "tip.name.h": "hidden vector h_t (the output)",
  "tip.name.h.gru": "hidden vector h_t, the GRU's only memory",
  "tip.name.h.rnn": "hidden vector h_t",
  "tip.name.r": "reset gate r_t",
  "tip.name.z": "update gate z_t",
  "tip.name.n": "candidate state n_t",
  "tip.name.zh": "kept by z_t: z_t ⊙ h_{t−1}",
  "tip.name.zn": "written over: (1 − z_t) ⊙ n_t",
  "gate.layer": "layer {n}",
  "gate.unit": "unit {n}",
  "gate.window": "the window that predicts {month}",
  "gate.scale.closed": "0: closed",
  "gate.scale.open": "1: open",

  // --- the gate views: controls and panels (www/gates.js) ------------------------------------
  "gate.intro":
    "Pick an input window (a month on the forecast chart, or the slider; the forecast chart shades its months in yellow and marks the month it predicts), then click a square of a heatmap, a lane of the belt or a bar under it: the time step and unit you choose are marked in every view.",
  "gate.pickWindow": "Window",
  "gate.pickLayer": "Layer",
  "gate.pickEpoch": "Epoch",
  "gate.backToLive": "Back to live",
  "gate.window.label": "window {row} of {count}: {first} to {last} → predicts {month} ({kind})",
  "gate.window.training": "training window",
  "gate.window.test": "test window",
  "gate.epoch.none": "No epochs kept yet: train a little, then look back.",
  "gate.epoch.live": "Live: epoch {epoch}. Epochs kept to look back at: {kept}.",
  "gate.epoch.viewingStart":
    "Viewing epoch 0 of {live}: the starting weights, before any training. Training is paused.",
  "gate.epoch.viewing":
    "Viewing epoch {epoch} of {live}: training loss {train}, test loss {test}. Training is paused.",
  "gate.heatmapsTitle": "Gate values: one row per unit, one column per time step",
  "gate.heatmaps.alt":
    "Heatmaps of the forget, input and output gates, the candidate, the cell state and the hidden state of every unit at every time step. Click a square to choose its step and unit; arrow keys move the choice.",
  "gate.heatmaps.alt.gru":
    "Heatmaps of the GRU's reset gate r_t, update gate z_t, candidate n_t and hidden state h_t of every unit at every time step. Click a square to choose its step and unit; arrow keys move the choice.",
  "gate.heatmaps.alt.rnn":
    "A heatmap of the RNN's hidden state h_t of every unit at every time step. Click a square to choose its step and unit; arrow keys move the choice.",
  "gate.conveyor.title.gru":
    "No conveyor belt: c_t is the LSTM's alone; the GRU's only memory is h_t",
  "gate.conveyor.title.rnn":
    "No conveyor belt: c_t is the LSTM's alone; the RNN rewrites h_t at every step",
  "gate.conveyor.title": "The conveyor belt: the main line c_t from step to step",
  "gate.belt.play": "Play the belt",
  "gate.belt.pause": "Pause the belt",
  "gate.belt.step": "Next step",
  "gate.belt.allUnits": "show all units",
  "gate.belt.fixedScale": "fixed colour scale",
  "gate.belt.fixedScale.title":
    "Colour the heatmaps' c_t and the belt on one scale, the largest over the kept epochs, so that scrubbing compares like with like",
  "gate.belt.stepLabel": "time step {t} of {steps}, unit {unit}",
  "gate.belt.window":
    "Window {first} … {last}: {count} months, {low} to {high} {unit}, predicting {target} (actual {actual}).",
  "gate.belt.windowStep": "Step {t} reads {month}: {raw} {unit}, fed in transformed as x_t = {x}.",
  "gate.belt.windowWhole":
    "This window is one step: it reads all {count} months at once (x_t has {count} values), so the belt starts empty: c_{t−1} = 0 and k_t = 0.",
  "gate.belt.alt":
    "The cell state carried along the time steps: scaled by the forget gate, topped up by the input gate, read by the output gate.",
  "gate.belt.alt.gru":
    "The GRU's hidden state h_t of the chosen unit at every time step: the part z_t ⊙ h_{t−1} the update gate keeps, and the part (1 − z_t) ⊙ n_t written over the rest.",
  "gate.belt.alt.rnn":
    "The RNN's hidden state h_t of the chosen unit at every time step, rewritten through tanh at each step.",
  "gate.grad.alt": "Bars of ‖∂L/∂c_t‖ and ‖∂L/∂h_t‖ at every time step, under the belt's stations.",
  "gate.cellTitle": "One LSTM cell, with the numbers of the chosen step and unit",
  "gate.cell.alt":
    "The LSTM cell: x_t and h_{t−1} come in, the forget, input and output gates act on the main line c_t.",
  "gate.cellTitle.gru": "One GRU cell, with the numbers of the chosen step and unit",
  "gate.cellTitle.rnn": "One RNN cell, with the numbers of the chosen step and unit",
  "gate.cell.alt.gru":
    "The GRU cell: x_t and h_{t−1} come in; the reset gate r_t feeds the candidate n_t, the update gate z_t keeps z_t ⊙ h_{t−1} and writes (1 − z_t) ⊙ n_t, and their sum is h_t.",
  "gate.cell.alt.rnn": "The RNN cell: x_t and h_{t−1} go into one tanh box, h_t comes out.",
  "gate.equation.hint":
    "Point at (or tab to) a part of the cell or a square of a heatmap to see its equation with the numbers.",
  "gate.equation.shape": "shape: {shape}",
  "gate.params.title": "Parameters",
  "gate.params.formula": "The article's formula: {text}",
  "gate.params.formula.cell": "The article's count, for the {cell}: {text}",
  "gate.params.gruBias":
    "The + h is n's b_hn: in n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn)) the reset gate multiplies it, so it cannot be merged into b_in, and both of PyTorch's biases of n are real parameters.",
  "gate.params.counted": "Counted in the model's tensors:",
  "gate.params.matches": "The formula and the count agree.",
  "gate.params.differs": "The formula and the count differ (see the note).",
  "gate.params.numel":
    "PyTorch's numel() counts {numel}: it keeps two biases per gate (bias_ih and bias_hh; only their sum matters), 4·h = {perLayer} more per layer × {layers} layers = {extra} more.",
  "gate.params.numel.gru":
    "PyTorch's numel() counts {numel}: it keeps two biases per gate (bias_ih and bias_hh); for r and z only their sum matters, 2·h = {perLayer} more per layer × {layers} layers = {extra} more.",
  "gate.params.numel.rnn":
    "PyTorch's numel() counts {numel}: it keeps two biases (bias_ih and bias_hh; only their sum matters), h = {perLayer} more per layer × {layers} layers = {extra} more.",
  "gate.params.numelSame": "PyTorch's numel() counts the same: {numel}.",

  // --- status line -------------------------------------------------------------------------
  "status.loading": "Loading the engine…",
  "status.ready": "Ready. Press Play (or the space bar) to train, → for one epoch.",
  "status.paused": "Paused at epoch {epoch}. Press Play to train on.",
  "status.reachedTarget":
    "Reached the target of {target} epochs. Raise the target epochs to train on.",
  "status.settingsRefused": "These settings do not work ({error}); using the defaults.",
  "status.fatal": "The engine stopped: {message}. Reload the page.",
  "status.cannotStart": "The page could not start: {message}",
  "status.reset": "{settings} changed, so the model starts again from epoch 0.",
  "status.live": "{setting} is now {value}; training goes on from epoch {epoch}.",
  "status.preset": "{preset}: {explain}",

  // --- settings validation (www/settings.js) -----------------------------------------------
  "problem.notANumber": "{label}: “{text}” is not a number.",
  "problem.notWhole": "{label} must be a whole number; {text} is not.",
  "problem.tooSmall": "{label} must be at least {min}; {value} is too small.",
  "problem.tooLarge": "{label} must be at most {max}; {value} is too large.",
  "problem.notChoice": "{label} must be one of {options}; “{text}” is not.",
  "problem.notBool": "{label} must be on (1) or off (0), not “{text}”.",
  "problem.inLink": "In the link, {key}={text}: {message} Using {fallback} instead.",
  "problem.unknownKey": "The link has “{key}”, which is not a setting here; it was ignored.",

  // --- divergence --------------------------------------------------------------------------
  "divergence.title": "Training diverged",
  "divergence.what":
    "At epoch {epoch} the loss jumped to {loss}: with a learning rate of {lr} the steps overshoot, the weights grow and the numbers explode.",
  "divergence.kept":
    "The model is kept as it was after epoch {lastGood}; the charts show that last good state, and training is paused.",
  "divergence.suggest":
    "Try a smaller learning rate such as {suggested}, or gradient clipping (for example at 1) so that no single step can move the weights far.",
  "divergence.useSmallerLr": "Use learning rate {suggested}",
  "divergence.useClip": "Clip gradients at {clip}",
  "divergence.lossNotNumber": "a value that is not a number",

  // --- export, import, link ----------------------------------------------------------------
  "export.title": "Save and share",
  "export.forecastPng": "Forecast chart (PNG)",
  "export.lossPng": "Loss chart (PNG)",
  "export.gatesPng": "Gate view (PNG)",
  "export.predictions": "Predictions (CSV)",
  "export.weights": "Weights (JSON)",
  "export.weights.title":
    "The weights in PyTorch's state_dict layout (nn.LSTM + nn.Linear), with the settings that go with them.",
  "import.weights": "Import weights (JSON)…",
  "import.loaded":
    "Loaded {file}: {layers} × {hidden} LSTM, window {window}. Training starts again at epoch 0 from these weights.",
  "import.rejected": "{file} was not loaded, and nothing changed: {error}",
  copyLink: "Copy link",
  "copyLink.title": "Copy a link that opens this run again: the same settings, seed and curves.",
  "copyLink.done": "Link copied. Opening it gives this run again.",
  "copyLink.manual": "The browser does not allow copying here; copy the link by hand: {url}",

  // --- language, classroom mode, shortcuts -------------------------------------------------
  "lang.toggle": "中文",
  "lang.toggle.title": "Show the page in Simplified Chinese (简体中文)",
  "classroom.toggle": "Classroom mode",
  "classroom.on":
    "Classroom mode: the controls are hidden. Press C or Esc to leave it, ? for the keys.",
  "classroom.leave": "Leave classroom mode",
  "shortcuts.open": "Keyboard shortcuts (?)",
  "shortcuts.title": "Keyboard shortcuts",
  "shortcuts.close": "Close",
  "shortcut.playPause": "Play or pause training",
  "shortcut.step": "Train one epoch",
  "shortcut.reset": "Start again from the same seed",
  "shortcut.faster": "Faster",
  "shortcut.slower": "Slower",
  "shortcut.classroom": "Classroom mode on or off",
  "shortcut.language": "Switch between English and 中文",
  "shortcut.help": "Show or hide this list",
  "shortcut.escape": "Close this list; leave classroom mode",
  "key.space": "Space",
  "key.escape": "Esc",
  "key.pageUp": "Page Up",
  "key.pageDown": "Page Down",

  // --- issue 5 part 2: the words drawn on the charts ---------------------------------------
  "chart.forecast.testNote": "held-out test months",
  "chart.loss.axis": "loss (MSE, scaled)",
  "chart.loss.epochAxis": "epoch",
  "chart.loss.empty": "Press Play or Step to train",
  "chart.loss.trainLegend": "train loss",
  "chart.loss.testLegend": "test loss",
  "data.ownSeries": "your data",

  // --- issue 9: the ensemble, early stopping and the baselines -------------------------------
  "setting.ensemble": "Ensemble (networks)",
  "setting.ensemble.help":
    "How many networks train side by side, each from its own seed (seed, seed + 1000, …); the forecast is their mean, drawn boldly over each member's faint line. 1 is a single network, which is what a weights file holds. The gate views and the epochs you look back at show the first network.",
  "setting.earlyStopping": "Early stopping",
  "setting.earlyStopping.help":
    "Holds out the last 12 training windows, scores every epoch on them (the green validation loss) and forecasts with the weights of the best epoch so far, marked on the loss chart. The test months are never used for it.",
  "setting.showBaselines": "Show baselines",
  "setting.showBaselines.help":
    "Draws three classical forecasts over the test months, each fitted on the training part only: seasonal naive, AR(12) on logs and Holt–Winters. Their one-step RMSE is in the numbers panel.",
  "model.ensemble":
    "An ensemble of {count} such networks (seeds {seeds}); the forecast is their mean.",
  "model.earlyStopping":
    "Early stopping: the forecast uses the epoch with the lowest loss on the last 12 training windows (the gate views show the live weights).",
  "baseline.seasonal_naive": "seasonal naive",
  "baseline.seasonal_naive.help": "Predicts each month by the same month a year before.",
  "baseline.ar12_log": "AR(12) on logs",
  "baseline.ar12_log.help":
    "A linear regression of the log of each month on the logs of the 12 months before it, fitted by least squares on the training part.",
  "baseline.holt_winters": "Holt–Winters",
  "baseline.holt_winters.help":
    "Exponential smoothing of a level, a trend and a multiplicative season, its three rates fitted on the training part.",
  "baseline.unavailable": "Not available on this series: {message}",
  "numbers.baselines": "Baselines, test months, one step ahead (RMSE)",
  "chart.forecast.members": "members ({count})",
  "chart.forecast.oneStepMean": "one-step prediction (mean)",
  "chart.loss.validationLegend": "validation loss",
  "chart.loss.best": "best so far",
  "chart.loss.bestLegend": "best so far: epoch {epoch}",
  "readout.baseline": "{name} {value}",
  "explain.members.term": "Ensemble members",
  "explain.members.text":
    "with an ensemble, each network's own one-step prediction, faint; the bold one-step line is their mean.",
  "explain.baselines.term": "Baselines",
  "explain.baselines.text":
    "(Show baselines) three classical one-step forecasts of the test months, fitted on the training part only: an LSTM is worth its cost only if it beats them.",
  "gate.params.ensemble":
    "These are one network's: the ensemble of {count} has {total} parameters in all, and the views here show its first network, live.",
  "gate.epoch.firstMember":
    "{text} The forecast shows the first of the {count} networks alone: the kept epochs hold one network's weights.",
  "chart.forecast.actualLegend": "actual",
  "chart.forecast.oneStepLegend": "one-step prediction",
  "chart.forecast.recursiveLegend": "recursive forecast",
  "setting.cell": "Cell",
  "setting.cell.help":
    "The recurrent cell of every layer: the LSTM with its belt c_t and three gates; the GRU (PyTorch's nn.GRU), which has two gates and no separate belt; or the plain RNN the article starts from, h_t = tanh(W·[h_{t−1}, x_t] + b).",
  "setting.compare": "Compare with",
  "setting.compare.help":
    "Trains a second model beside this one, epoch for epoch, on the same data with the same window, seed, transform and optimizer, but another cell: its curve, losses, numbers and gradient flow are drawn beside the first model's.",
  "option.cell.lstm": "LSTM",
  "option.cell.gru": "GRU",
  "option.cell.rnn": "RNN",
  "option.compare.none": "no second model",
  "option.compare.lstm": "an LSTM",
  "option.compare.gru": "a GRU",
  "option.compare.rnn": "an RNN",
  "compare.sameCell":
    "The second model would be another {cell}, the same as the first: choose another cell to compare with.",
  // The forecast chart's marks and its epoch-0 note, drawn by Rust (www/forecast-notes.js).
  "canvas.forecast.window": "input window: the {count} months one example reads",
  "canvas.forecast.target": "the month it predicts",
  "canvas.forecast.test": "test months from {month}, never trained on",
  "canvas.forecast.untrained": "epoch 0, untrained:",
  "canvas.forecast.lastMonth": "predicts ≈ last month × {factor} (within ±{spread}%)",
  "canvas.forecast.lastMonthWhy": "≈ no change: the actual curve shifted one month right",
  "canvas.forecast.lastYear":
    "predicts ≈ the same month a year earlier × {factor} (within ±{spread}%)",
  "canvas.forecast.lastYearWhy":
    "≈ no change on the year: the actual curve shifted 12 months right",
  "canvas.forecast.lastMonthGrown":
    "the actual curve shifted a month right, grown by the training part's average monthly change",
  "canvas.forecast.lastYearGrown":
    "the actual curve shifted 12 months right, grown by the training part's average yearly change",
  "canvas.forecast.flat": "predicts about {value} every month ({low} to {high})",
  "canvas.forecast.noPattern": "random weights: no pattern learned yet",
  "canvas.forecast.rmse": "test RMSE {rmse}",
  "canvas.forecast.rmseLastMonth": "test RMSE {rmse}; repeating last month: {naive}",
  "canvas.forecast.rmseLastYear": "test RMSE {rmse}; repeating the month a year earlier: {naive}",
  "canvas.forecast.windowShort": "input window ({count} months)",
  "canvas.forecast.targetShort": "month predicted",
  "canvas.forecast.testShort": "test months",
  "canvas.forecast.lastMonthShort": "≈ last month × {factor}",
  "canvas.forecast.lastYearShort": "≈ a year earlier × {factor}",
  "canvas.forecast.flatShort": "≈ {value} every month",
  "canvas.forecast.rmseShort": "test RMSE {rmse}",
  "canvas.forecast.rmseLastMonthShort": "test RMSE {rmse} (last month: {naive})",
  "canvas.forecast.rmseLastYearShort": "test RMSE {rmse} (a year earlier: {naive})",
  "chart.forecast.compareLegend": "{cell}, one step",
  "chart.loss.compareTrain": "{cell} train loss",
  "chart.loss.compareTest": "{cell} test loss",
  "readout.compare": "{cell} {value}",
  "gate.grad.caption.lstm": "{cell}: ‖∂L/∂c_t‖ along the belt and ‖∂L/∂h_t‖",
  "gate.grad.caption.gru": "{cell}: ‖∂L/∂h_t‖ (its h_t is its only memory)",
  "gate.grad.caption.rnn": "{cell}: ‖∂L/∂h_t‖ (its h_t is its only memory)",
  "gate.grad.compareNote":
    "Both on one log scale. Read from the right (the prediction) to the left (the window's first month): a bar that falls away step by step is the vanishing gradient, so the first months hardly change what that model learns.",
  "gate.grad.compareAlt":
    "The second model's gradient norms at every time step, on the same scale as the bars above",
  // embed
  "setting.embed": "Embedded view",
  "setting.embed.help":
    "Show one view alone, filling the window (presenter mode, or a page in an iframe): forecast, loss, gates, belt, cell, gradient or compare.",
  "embed.bar": "Controls of the embedded view",
  "embed.epoch": "epoch {epoch}",
  "embed.unknown":
    "The link asks for the embedded view “{view}”, which does not exist. The views are: {views}. Showing the whole page.",
  "embed.compareOn": "The comparison view trains a second model beside the LSTM: {cell}.",
  "gate.belt.prev": "Previous step",
  "gate.belt.speed": "Belt speed",
  "shortcut.explain": "Previous / next step of the belt",
  "shortcut.story": "Previous / next step of the guided story",
  "status.readyPresenting":
    "Ready. Press Play (or the space bar) to train; ← / → step along the belt.",
  // story
  // --- the guided story (www/story.js): a title, what to look at, the article's section and
  // a one-sentence quote from it (in English here, the article's own words in zh.js) --------
  "story.start": "Guided story",
  "story.start.title": "Walk through the article's argument on the live page, in 10 steps",
  "story.counter": "{step} / {count}",
  "story.prev": "← Back",
  "story.next": "Next →",
  "story.finish": "Finish",
  "story.close": "Leave the story (Esc)",
  "story.keys": "← → or Page Up / Down to move, Esc to leave",
  "story.data.title": "The data and one window",
  "story.data.text":
    "AirPassengers: monthly airline passengers, 1949–1960, in thousands. The months shaded yellow are one input window (the Window slider in the gates section picks another); the network reads them and predicts the month marked after them. Every training example is one such window and its next month.",
  "story.data.section": "Forecasting a time series with an LSTM",
  "story.data.quote":
    "Each sample is an array of length 12: 12 consecutive months of passenger numbers.",
  "story.cell.title": "One cell and its input x_t",
  "story.cell.text":
    "One LSTM cell, drawn with the live numbers of the chosen step and unit. At every time step it takes x_t, the month it reads now, and h_{t−1}, its own output of the step before. Point at any part of the cell to see its equation with the numbers beside it.",
  "story.cell.section": "Overview",
  "story.cell.quote": "h_{t−1} and x_t are joined together as the input.",
  "story.forget.title": "The forget gate f_t and k_t, the part kept",
  "story.forget.text":
    "f_t = σ(W_f·[x_t, h_{t−1}]) gives each unit a number between 0 and 1. Multiplied into the old main line it gives k_t = c_{t−1} ⊙ f_t, the part that is kept: near 0 forgets, near 1 keeps. The equation beside the cell works k_t out with this step's numbers.",
  "story.forget.section": "Overview: the forget gate",
  "story.forget.quote":
    "The forget gate decides how much of the previous cell state c_{t−1} is kept into the current one, c_t.",
  "story.input.title": "The input gate i_t and j_t, the part added",
  "story.input.text":
    "g_t = tanh(W_g·[x_t, h_{t−1}]) is the supply: new values between −1 and 1. The input gate i_t, between 0 and 1, sets how much of it gets in: j_t = i_t ⊙ g_t is the part added to the main line, worked out beside the cell.",
  "story.input.section": "Overview: the input gate",
  "story.input.quote":
    "The input gate controls the size of the supply, topping up the main line to make a new one.",
  "story.mainline.title": "The main line c_t = k_t + j_t",
  "story.mainline.text":
    "The belt carries the main line c_t from step to step: at each station the kept part k_t and the added part j_t are summed into the new c_t. No weight matrix and no squashing act on it between steps, which is why it can carry a month's information far along the window.",
  "story.mainline.section": "Overview",
  "story.mainline.quote":
    "c_{t−1} and c_t stay cut off from the outside: they are the LSTM's memory, its main storyline.",
  "story.output.title": "The output gate o_t and the hidden vector h_t",
  "story.output.text":
    "o_t, again between 0 and 1, chooses how much of the squashed main line goes out: h_t = tanh(c_t) ⊙ o_t. h_t is this step's output and comes back at the next step as h_{t−1}; after the window's last step a dense layer turns it into the forecast.",
  "story.output.section": "Overview: the output gate",
  "story.output.quote":
    "The output gate controls how much of the cell state c_t goes out to the LSTM's current output h_t.",
  "story.belt.title": "Every step of the window at once",
  "story.belt.text":
    "The heatmaps show f_t, i_t, g_t, o_t, c_t and h_t at every step of the window and for each unit; the belt's “Next step” moves the chosen step on, “Play the belt” runs it. With the “As in the article” preset the 12 months go in as one step (input shape (?, 1, 12)), so there is a single station: c_{t−1} is the zero start state, so k_t = c_{t−1} ⊙ f_t = 0 and c_t is all j_t.",
  "story.belt.section": "Preface",
  "story.belt.quote": "Imagine a conveyor belt running alongside as you process the sequence.",
  "story.training.title": "Training, epoch by epoch",
  "story.training.text":
    "Press Play (or Space). Each epoch runs every training window forward, takes the mean squared error against the true months and moves every weight a little against its gradient. Epoch 0 is the untrained network: with the default settings (the “Best forecast” preset) it predicts the change from the window's last month, which small random weights keep near zero, so its forecast curve stays close to “same as last month”. The train loss then falls fast and later slowly; the test loss, on months never trained on, can stall or rise.",
  "story.training.section": "Building the LSTM model",
  "story.training.quote": "The loss function: here the ordinary mean squared error.",
  "story.baselines.title": "The forecast against the baselines",
  "story.baselines.text":
    "The numbers give the test error on the months the network never trained on, one step ahead and recursive (its own predictions fed back); below them, the same error for three baselines, also drawn on the forecast chart. Train a few hundred epochs and compare the live numbers: the “Best forecast” preset's note records that this LSTM beats seasonal naive one step ahead, but not AR(12) or Holt–Winters.",
  "story.baselines.section": "Training and prediction",
  "story.baselines.quote":
    "Use the trained LSTM model to produce the predictions for the whole test set.",
  "story.compare.title": "The RNN beside the LSTM: the vanishing gradient",
  "story.compare.text":
    "This preset trains an LSTM and a plain RNN side by side on a series whose next value repeats the one a whole 30-step window back. The bars are the gradient's size at each step of the window: read them from right to left, and watch the RNN's ‖∂L/∂h_t‖ fall away towards the month that matters while the LSTM's ‖∂L/∂c_t‖ holds up along its belt. The numbers panel puts both models' errors side by side, and they need not favour the LSTM: in the README's run of this preset (seed 1) the LSTM overfits and the RNN's test error is lower. The lesson here is the gradient, not the score.",
  "story.compare.section": "Preface",
  "story.compare.quote":
    "Because of the vanishing gradient, in practice an RNN finds long-range dependencies hard to handle.",
  // canvas words: drawn by Rust on the canvases (src/render/words.rs), gathered by
  // www/canvas-words.js. A key holding several lines gives a label's variants, longest first,
  // or a message's pieces; {name} marks a number.
  "canvas.heatmap.f": "forget gate: 0 forgets, 1 keeps",
  "canvas.heatmap.fShort": "forget gate",
  "canvas.heatmap.i": "input gate: how much supply goes in",
  "canvas.heatmap.iShort": "input gate",
  "canvas.heatmap.g": "candidate supply, tanh",
  "canvas.heatmap.gShort": "candidate",
  "canvas.heatmap.o": "output gate: how much is read out",
  "canvas.heatmap.oShort": "output gate",
  "canvas.heatmap.c": "cell state: the belt, not squashed",
  "canvas.heatmap.cShort": "cell state",
  "canvas.heatmap.h": "output h_t = o_t ⊙ tanh(c_t)",
  "canvas.heatmap.hShort": "output",
  "canvas.heatmap.r": "reset gate: how much of h_{t−1} reaches n_t",
  "canvas.heatmap.rShort": "reset gate",
  "canvas.heatmap.z": "update gate: 1 keeps h_{t−1}, 0 writes n_t",
  "canvas.heatmap.zShort": "update gate",
  "canvas.heatmap.n": "candidate state n_t, tanh",
  "canvas.heatmap.nShort": "candidate",
  "canvas.heatmap.hGru": "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}",
  "canvas.heatmap.hGruShort": "hidden state",
  "canvas.heatmap.hRnn": "h_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})",
  "canvas.heatmap.hRnnShort": "hidden state",
  "canvas.heatmap.unit": "unit",
  "canvas.readout.at": "t = {t}, unit {unit}",
  "canvas.readout.atLayer": "t = {t}, unit {unit}, layer {layer}",
  // The parts' names drawn on the canvases (src/render/notation.rs, Quantity::page_name_in).
  "canvas.name.x": "input",
  "canvas.name.hPrev": "previous output",
  "canvas.name.cPrev": "cell state arriving",
  "canvas.name.f": "forget gate",
  "canvas.name.i": "input gate",
  "canvas.name.g": "candidate",
  "canvas.name.o": "output gate",
  "canvas.name.k": "kept",
  "canvas.name.j": "supply added",
  "canvas.name.c": "cell state",
  "canvas.name.tanhC": "squashed cell state",
  "canvas.name.h": "output (hidden state)",
  "canvas.name.r": "reset gate",
  "canvas.name.z": "update gate",
  "canvas.name.n": "candidate (new gate)",
  "canvas.name.zh": "kept by z_t",
  "canvas.name.zn": "written over",
  "canvas.name.hGru": "hidden state, the GRU's only memory",
  "canvas.name.hRnn": "hidden state",
  "canvas.name.hShort": "output",
  "canvas.belt.row.h": "output",
  "canvas.belt.row.c": "belt",
  "canvas.belt.row.j": "supply",
  "canvas.cell.name.f": "forget",
  "canvas.cell.name.i": "input",
  "canvas.cell.name.g": "supply",
  "canvas.cell.name.o": "output",
  "canvas.cell.name.r": "reset",
  "canvas.cell.name.z": "update",
  "canvas.cell.name.n": "new",
  "canvas.belt.lanesAll": "lanes: all {units} units, each carrying its own c_t",
  "canvas.belt.lanesAllShort": "all {units} units",
  "canvas.belt.lanesSome":
    "lanes: the {shown} most active of {units} units (largest |c_t| in this window)",
  "canvas.belt.lanesSomeShort": "the {shown} most active of {units} units",
  "canvas.belt.lanesSomeShortest": "{shown} of {units} units",
  "canvas.belt.legendScale":
    "blue < 0 < red: c_t, k_t, j_t, h_t on ±{scale} (this unit, this epoch)",
  "canvas.belt.legendScaleFixed":
    "blue < 0 < red: c_t, k_t, j_t, h_t on ±{scale}, fixed over the kept epochs",
  "canvas.belt.legendMarks":
    "bars on the belt: c_{t−1} → k_t → c_t, traced by the black step line\noutlined bar under ⊕: the supply j_t; bar on the stem above: h_t\n⊗ ⊕ ● fill: the gate f_t, i_t, o_t, dark purple 0 → yellow 1\nyellow band: the chosen step · black line: the playhead · pale: not yet reached\nbox on the belt and its pill: what the belt carries at the playhead",
  "canvas.belt.legend":
    "c_t, the cell state: the main line on the belt\n⊗ the forget gate keeps k_t = f_t ⊙ c_{t−1}\n⊕ the input gate adds the supply j_t = i_t ⊙ g_t\n↑ the output gate: h_t = o_t ⊙ tanh(c_t)",
  "canvas.memory.gru":
    "The conveyor belt c_t is the LSTM's alone:\nthe GRU has no main line.\nIts only memory is h_t, the hidden state.\nThe update gate z_t keeps z_t ⊙ h_{t−1},\n(1 − z_t) ⊙ n_t overwrites the rest:\nh_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t",
  "canvas.memory.rnn":
    "传送带 c_t 只属于 LSTM:\nthe conveyor belt c_t is the LSTM's alone.\nRNN 没有门: no gate keeps anything;\nh_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})\nis rewritten through tanh at every step.",
  "canvas.memory.keeps": "z_t = {z} keeps z_t ⊙ h_{t−1} = {kept}",
  "canvas.memory.written": "(1 − z_t) ⊙ n_t = {a} × {n} = {written} written",
  "canvas.memory.rewritten": "h_t 隐层向量, a new tanh each step",
  "canvas.gradient.empty": "no gradient to show for this window",
  "canvas.gradient.beltNote":
    "← back-propagation carries the gradient from the prediction (after the last step) back along the belt\n← the gradient flows back from the prediction\n← from the prediction back",
  "canvas.gradient.hiddenNote":
    "← back-propagation carries the gradient from the prediction back through h_t, one step at a time\n← the gradient flows back through h_t\n← from the prediction back",
  "canvas.gradient.logScale": "log scale",
  "canvas.gradient.linearScale": "linear scale",
  "canvas.gradient.cellLegend": "‖∂L/∂c_t‖ along the belt\n‖∂L/∂c_t‖",
  "canvas.gradient.hiddenLegend": "‖∂L/∂h_t‖ through the outputs\n‖∂L/∂h_t‖",
  "canvas.gradient.onlyHiddenLegend": "‖∂L/∂h_t‖ through h_t, the only memory\n‖∂L/∂h_t‖",
  "canvas.cell.values": "{d} values",
  "canvas.equation.values": "{d} values: ",
  "canvas.equation.theWindow": "the window",
  "canvas.equation.theSeries": "the series",
  "canvas.equation.transformed": "{what}, transformed",
  "canvas.equation.layerBelow": "h_t of layer {layer}",
  "canvas.equation.outputBelow": "the output of the layer below",
  "canvas.equation.belowH": "the layer below's h",
  "canvas.equation.initialState": "the initial state",
  "canvas.equation.beltEmpty": "the belt starts empty",
  "canvas.equation.forHead": "+ {head} for the head",
  "canvas.equation.perLayer": "per layer",
  "canvas.equation.numelAgrees": "PyTorch's numel() agrees: {numel}",
  "canvas.equation.numelNote":
    "PyTorch's numel() counts {numel}: it keeps two biases per gate (bias_ih and bias_hh, only their sum matters), 4·h = {perLayer} more per layer × {layers} = {more} more",
  "canvas.equation.numelNote.gru":
    "PyTorch's numel() counts {numel}: it keeps two biases per gate (bias_ih and bias_hh, 3·h each); for r and z only their sum matters, 2·h = {perLayer} more per layer × {layers} = {more} more. n's b_hn is a parameter of its own: r_t multiplies it, so it cannot merge into b_in, and the formula's + h counts it",
  "canvas.equation.numelNote.rnn":
    "PyTorch's numel() counts {numel}: it keeps two biases (bias_ih and bias_hh, only their sum matters), h = {perLayer} more per layer × {layers} = {more} more",

  // --- engine and worker errors: "error." + the code of src/web.rs / www/worker.js ---------
  // A {detail} is a sentence of the engine with no code of its own; it stays in English.
  "error.data.badMonth":
    '"{text}" is not a valid month: {detail}. Write months as YYYY-MM, for example 1949-01.',
  "error.data.csvLine": "Line {line}: {detail}",
  "error.data.noData":
    "The file has no data: it is empty or holds only a header. Write one value per line, optionally after its month (1949-01,112).",
  "error.data.empty": "The series is empty; it needs at least one value.",
  "error.data.lengthMismatch":
    "The series has {months} months but {values} values; every value needs exactly one month.",
  "error.data.nonFinite":
    "Value {place} is {value}, which is not a finite number; every value must be an ordinary number.",
  "error.data.nonPositive":
    "Value {place} is {value}, but the {transform} transform takes logarithms, so every value must be positive. Use the min_max transform for a series with zeros or negative values.",
  "error.data.tooShort":
    "The series has {len} months; a window of {window} with the {transform} transform needs at least {needed} months, so that there is at least one training and one test window. Use a shorter window or a longer series.",
  "error.data.testStart": "The test months do not fit the series: {detail}",
  "error.data.constant":
    "The training part is constant (every value is {value}), so the min_max transform has nothing to scale. Use a longer training part, another series or a log transform such as log_diff.",
  "error.data.setting": "A data setting is not valid: {detail}",
  "error.train.setting": "A setting is not valid: {detail}",
  "error.train.input": "The inputs do not fit the model: {detail}",
  "error.train.diverged":
    "Training diverged at epoch {epoch}: the loss became {loss}. The weights are back to where they were before this epoch. Try a smaller learning rate or gradient clipping.",
  "error.weights.json": "The weights file is not valid JSON: {detail}",
  "error.weights.missing": '"{field}" is missing from the weights file.',
  "error.weights.invalid": 'In the weights file, "{field}" {detail}',
  "error.weights.shape":
    'In the weights file, "{field}" should be {expected} but is {found}; check config.input_size, config.hidden_size and config.num_layers.',
  "error.engine.unknownExample": 'There is no example series "{id}"; the examples are {known}.',
  "error.engine.badSeed": "The seed must be a whole number from 0 to 2^53, not {seed}.",
  "error.engine.unknownOptimizer": 'Unknown optimizer "{name}": expected adagrad, adam or sgd.',
  "error.engine.badEpoch": "The epoch must be a whole number ≥ 0, not {epoch}.",
  "error.engine.noSnapshot": "No weights are kept for that epoch.",
  "error.engine.otherData":
    "These weights were trained on other data: their {transform} transform does not fit {series}.",
  "error.engine.settings": "The settings are not valid: {detail}",
  "error.worker.noModel": "There is no model yet: the page must create one first.",
  "error.worker.notWholeNumber": "Expected a whole number ≥ {min}, not {value}.",
  "error.worker.unknownCell": 'Unknown cell "{cell}" to compare with: expected lstm, gru or rnn.',
  "error.worker.noWindow": "Window {row} does not exist: there are {windows}.",
  "error.worker.unknownCommand": 'The engine has no command "{command}".',
  "error.worker.secondModel":
    "The second model ({cell}): training diverged at epoch {epoch}; the loss became {loss}.",
  "status.fatal": "The engine stopped: {message}. Reload the page.",
  // --- offline: a new deploy is ready (www/offline.js) ---------------------------------------
  "update.ready": "A new version of the page is ready.",
  "update.reload": "Reload",
  "update.later": "Later",
};
