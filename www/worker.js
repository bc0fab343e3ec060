// The training worker: owns the trainer (the Rust `Demo`, compiled to single-threaded wasm)
// and its loop, so that training never blocks the page. The page talks to it through
// engine.js, which documents the commands and the snapshot in full.
//
// Messages in:   { id, command, args: [...] }
// Messages out:  { type: "reply", id, ok: true, value }
//                { type: "reply", id, ok: false, error: { name, message } }
//                { type: "snapshot", snapshot }   typed arrays transferred, not copied
//                { type: "fatal", message }       the engine panicked; the worker is finished
//
// While playing, the loop trains one chunk of epochs (the speed: epochs per frame), posts a
// snapshot, and waits until a frame's time (FRAME_MS) has passed since the chunk began, so
// the page receives at most about one snapshot per animation frame. Between chunks the
// worker returns to its message queue, so pause, step and reset are handled within a chunk.
// The engine trains an epoch in pieces (Demo.trainPiece: a bounded amount of work each, the
// whole epoch at small settings), and a chunk that runs longer than CHUNK_BUDGET_MS (a large
// network) is split between two pieces, also in the middle of an epoch: the worker posts what
// it has (mid-epoch, a light snapshot with the epoch's progress, see postProgress), reads its
// messages, and goes on. A pause keeps the partial epoch; play and step go on with it, reset
// and every setting change discard it.
//
// A snapshot needs the evaluation of the weights (the forecast and its errors), which for a
// large network takes seconds too. It is computed in pieces as well (Demo.evaluatePiece): at
// small settings one piece, the whole evaluation, runs with the snapshot; a large network's
// (Demo.evaluationInPieces) the loop computes before it trains on (also while paused), posting
// its progress (postEvaluating) until the full snapshot can be posted.
//
// While nothing plays, the worker readies the engine for the first Play (warmUp below): it
// trains a small scratch copy of the model for a moment, so that the browser's optimising
// compiler has compiled the training code before the learner presses Play, not in its first
// second, when that compiler's threads took the page's core.

import { createHistorySender } from "./loss-history.js";
import { chooseWasmBuild } from "./wasm-features.js";

const FRAME_MS = 16;
const CHUNK_BUDGET_MS = 100;
// In the middle of an epoch (a large network): how long the loop trains pieces before it
// posts the progress and reads its messages, so that with a piece's own time (a few tens of
// ms) pause, step and reset answer within about 100 ms.
const PIECE_BUDGET_MS = 40;
// Speed 0 means "as fast as it can": train for this long in each frame, then post.
const MAX_SPEED_TRAIN_MS = 12;
const DIVERGENCE_ERROR = "DivergenceError";
// Readying the engine (warmUp): how long the scratch model trains in all, and at most at once.
const WARM_MS = 400;
const WARM_SLICE_MS = 8;

let wasm = null;
let demo = null;
// What each model's loss history the page has (only new epochs are posted, www/loss-history.js).
const historySender = createHistorySender();
// A comparison: a second model (another cell) trained beside `demo`, epoch for epoch, on the
// same series with the same settings; null without. `compareCell` is the cell asked for.
let compareDemo = null;
let compareCell = null;
let playing = false;
let epochsPerChunk = 1;
let stopEvery = 0;
let stopAt = 0;
let selectedRow = 0;
// The page's "fixed colour scale" (issue 11): while on, each snapshot carries keptCellScale, the
// c_t half-range over every kept epoch's trace of the window (one forward pass per kept epoch,
// so only while asked for).
let fixedScale = false;
let status = null;
let statusCount = 0;
let monthsChanged = true;
// The baselines depend only on the series and its test months: fitted once per model.
let baselinesChanged = true;
let fatal = false;
// Whether the weights came from a file (importWeights) rather than from training since the
// model's start: epoch 0 then does not mean untrained (the forecast's epoch-0 note asks).
let weightsFromFile = false;

// The chunk in progress: its start time and how many epochs it still has to train.
let chunkStart = 0;
let chunkLeft = 0;
// While a step of several pieces runs through the loop: the epoch at which it pauses; 0 else.
let stepUntil = 0;
// The epoch of the last full snapshot posted (a light progress snapshot needs nothing else).
let postedEpoch = -1;
// Bumped to cancel a scheduled chunk (on pause, and by every chunk scheduled: one runs at a time).
let loopToken = 0;
// Whether an evaluation too large for one piece is under way, which the loop finishes first.
let evaluating = false;
// Bumped whenever the weights change other than by training on (a new model, a reset, a load,
// another comparison, looking at an earlier epoch): the last full snapshot is then of other
// weights, and while the new ones are evaluated the page is sent a snapshot without a forecast
// rather than the old one's progress. `postedGeneration` is that of the last full snapshot.
let generation = 0;
let postedGeneration = -1;

// Started from a blob (www/engine.js, a sandboxed iframe): the chunks and the .wasm are next to
// the page's scripts, whose folder the worker's name carries, not next to the blob.
if (self.location.protocol === "blob:" && self.name) {
  // eslint-disable-next-line no-undef
  __webpack_public_path__ = self.name;
}

// The build this worker runs ("relaxed" or "simd128", www/wasm-features.js), chosen by the
// page's first message, `loadWasm`, which createEngine (www/engine.js) sends before any other.
// Each build is its own async chunk: only the chosen one is fetched. Feature detection runs here,
// in the worker, because the worker's WebAssembly is the one that must compile the module (in a
// sandboxed iframe too, where the worker starts from a blob).
let wasmBuild = null;
let startWasm = null;
const wasmReady = new Promise((resolve) => {
  startWasm = resolve;
}).then(async (build) => {
  const module =
    build === "relaxed"
      ? await import("../pkg-relaxed/lstm_conveyor.js")
      : await import("../pkg/lstm_conveyor.js");
  // The module says what it is (the development server may stand in simd128 for relaxed).
  wasmBuild = module.wasmBuild();
  wasm = module;
  wasm.setPanicHandler((message) => reportFatal(message));
  return module;
});

// A zero-delay hop through the message queue (setTimeout(0) would be clamped to 4 ms).
const hop = new MessageChannel();
let hopCallback = null;
hop.port1.onmessage = () => {
  const callback = hopCallback;
  hopCallback = null;
  callback?.();
};

function schedule(callback, delay, yieldFirst) {
  if (delay > 0 || yieldFirst) setTimeout(callback, delay);
  else {
    hopCallback = callback;
    hop.port2.postMessage(null);
  }
}

function reportFatal(message) {
  if (fatal) return;
  fatal = true;
  playing = false;
  loopToken += 1;
  self.postMessage({ type: "fatal", message: String(message) });
}

function setStatus(kind, message, extra = {}) {
  statusCount += 1;
  status = { id: statusCount, kind, message, ...extra };
}

function clearStatus() {
  status = null;
}

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

// The full snapshot; with `pending`, before the weights are evaluated: the forecast and its
// errors are then NaN (the page draws no forecast and shows dashes).
function snapshotOf(demo, pending = false) {
  const snapshot = {
    epoch: demo.epoch(),
    epochProgress: demo.epochProgress(),
    evaluationProgress: pending ? evaluationProgress() : null,
    playing,
    viewingEpoch: demo.viewingEpoch() ?? null,
    weightsFromFile,
    history: historySender.next(demo),
    evaluation: pending ? demo.pendingEvaluation() : demo.evaluation(),
    predictions: pending ? demo.pendingPredictions() : demo.predictions(),
    seriesName: demo.seriesName(),
    settings: demo.settings(),
    paramCount: demo.paramCount(),
    selectedRow,
    windowCount: demo.windowCount(),
    trainWindowCount: demo.trainWindowCount(),
    trace: demo.trace(selectedRow),
    snapshotEpochs: demo.snapshotEpochs(),
    keptCellScale: fixedScale ? demo.keptCellScale(selectedRow) : null,
    epochsPerChunk,
    stopEvery,
    stopAt,
    status,
  };
  if (monthsChanged) {
    snapshot.months = demo.months();
    monthsChanged = false;
  }
  if (baselinesChanged) {
    snapshot.baselines = baselinesOf(demo);
    baselinesChanged = false;
  }
  if (compareDemo !== null) snapshot.compare = compareSnapshotOf(compareDemo, pending);
  return snapshot;
}

// What the page draws of the second model: its cell, losses, numbers, one-step predictions
// and the trace of the same window (for its gradient flow).
function compareSnapshotOf(other, pending) {
  const predictions = pending ? other.pendingPredictions() : other.predictions();
  return {
    cell: compareCell,
    epoch: other.epoch(),
    settings: other.settings(),
    paramCount: other.paramCount(),
    history: historySender.next(other),
    evaluation: pending ? other.pendingEvaluation() : other.evaluation(),
    predictions: { oneStep: predictions.oneStep, recursive: predictions.recursive },
    trace: other.trace(selectedRow),
  };
}

// The classical baselines of the demo's series, or null if the engine could not give them
// (the page then shows none; training is not affected).
function baselinesOf(demo) {
  try {
    return demo.baselines();
  } catch (error) {
    if (isFatal(error)) throw error;
    console.warn("engine: no baselines", error);
    return null;
  }
}

// The ArrayBuffers of every typed array in the snapshot, to transfer rather than copy.
function transferables(snapshot) {
  const buffers = [];
  const add = (value) => {
    if (ArrayBuffer.isView(value)) buffers.push(value.buffer);
  };
  Object.values(snapshot.history).forEach(add);
  Object.values(snapshot.predictions).forEach(add);
  if (snapshot.baselines) Object.values(snapshot.baselines).forEach(add);
  add(snapshot.snapshotEpochs);
  const addTrace = (trace) => {
    for (const layer of trace?.layers ?? []) {
      Object.values(layer).forEach(add);
      // The cell's rows by name (trace.layers[l].rows), each its own Float32Array.
      Object.values(layer.rows ?? {}).forEach(add);
    }
  };
  addTrace(snapshot.trace);
  if (snapshot.compare) {
    Object.values(snapshot.compare.history).forEach(add);
    Object.values(snapshot.compare.predictions).forEach(add);
    addTrace(snapshot.compare.trace);
  }
  return buffers;
}

// Posts the full snapshot, once the weights are evaluated. At small settings their evaluation,
// one piece, runs here; when it takes more (a large network), the page is told how far it has
// got, and the loop computes it.
function postSnapshot() {
  if (demo === null || fatal) return;
  // A command during an evaluation under way answers at once: the loop goes on with it; so
  // does one that brings new weights of a large network (a reset, a load), before any piece.
  if (!evaluating || evaluationReady()) {
    const large = demo.evaluationInPieces() || compareDemo?.evaluationInPieces();
    evaluating = evaluationReady() ? false : large || !evaluateFor(0);
  }
  if (evaluating) {
    postEvaluating();
    startChunk(0);
    return;
  }
  postFull(false);
}

function postFull(pending) {
  const snapshot = snapshotOf(demo, pending);
  postedEpoch = snapshot.epoch;
  postedGeneration = generation;
  self.postMessage({ type: "snapshot", snapshot }, transferables(snapshot));
}

// Whether both models' weights are evaluated (their evaluation() and predictions() then cost
// nothing).
function evaluationReady() {
  return demo.evaluationReady() && (compareDemo === null || compareDemo.evaluationReady());
}

// Evaluates pieces of both models until both are evaluated or `budgetMs` has passed, at least
// one piece each; returns whether both are. A piece is at most Demo.evaluatePiece's bounded
// work, the whole evaluation at small settings.
function evaluateFor(budgetMs) {
  const until = performance.now() + budgetMs;
  for (;;) {
    const start = performance.now();
    const first = demo.evaluatePiece();
    const second = compareDemo === null || compareDemo.evaluatePiece();
    if (first && second) return true;
    // Stop before pieces like these would end past the budget.
    const end = performance.now();
    if (end + (end - start) > until) return false;
  }
}

// `{ done, total, epoch }` of the evaluation under way (both models' windows), or null.
function evaluationProgress() {
  const parts = [demo.evaluationProgress(), compareDemo?.evaluationProgress()];
  const under = parts.filter((part) => part);
  if (under.length === 0) return null;
  const sum = (key) => under.reduce((total, part) => total + part[key], 0);
  return { done: sum("done"), total: sum("total"), epoch: demo.epoch() };
}

// While the weights are evaluated: the page keeps the last full snapshot, now with the
// evaluation's progress, if that was of the same weights before their last epochs; otherwise
// (new weights) it gets a full snapshot without a forecast.
function postEvaluating() {
  if (postedGeneration !== generation) {
    postFull(true);
    return;
  }
  postLight(null, evaluationProgress());
}

// A light snapshot: the loop's state and how far the epoch (`epochProgress`) or the evaluation
// (`evaluating`) under way has got; engine.js fills in the rest from the last full snapshot.
function postLight(epochProgress, evaluating = null) {
  const snapshot = {
    progressOnly: true,
    epochProgress,
    evaluationProgress: evaluating,
    playing,
    status,
  };
  self.postMessage({ type: "snapshot", snapshot });
}

// In the middle of an epoch nothing the page draws has changed since the last full snapshot
// (it shows the last completed epoch; every command posts a full one): the loop then posts
// only the epoch's progress and the loop's state, and engine.js keeps the rest from the last
// full snapshot. The evaluation, predictions and trace of a large network cost tens of
// milliseconds each, which would otherwise be paid after every piece.
function postProgress() {
  if (demo === null || fatal) return;
  if (demo.epoch() !== postedEpoch || demo.epochProgress() === null) {
    postSnapshot();
    return;
  }
  postLight(demo.epochProgress());
}

// The weights changed other than by training on: their evaluation starts again, with the next
// snapshot (see `generation`).
function newWeights() {
  generation += 1;
  evaluating = false;
}

// After play, pause or step: when the last full snapshot is of the weights and epoch shown now,
// only the loop's state is new, and the page needs only that (a large network's trace alone
// takes about 30 ms, which a pause would otherwise wait for); else the full snapshot.
function postLoopState() {
  const current =
    demo !== null &&
    !evaluating &&
    postedGeneration === generation &&
    postedEpoch === demo.epoch() &&
    evaluationReady();
  if (current) postLight(demo.epochProgress());
  else postSnapshot();
}

// ---------------------------------------------------------------------------------------------
// Readying the engine
// ---------------------------------------------------------------------------------------------

// V8 compiles a wasm function first with its baseline compiler and, once the function has run
// enough, again with its optimising compiler, in background threads ("tiering up"). Most of the
// training code (the backward pass, the optimiser) first runs when Play is pressed, so its
// optimising compilation fell in the first seconds of training, on background threads beside
// the training worker and the page (two cores here). Counted by bench/compile.mjs at the
// defaults with the gate views on screen, 5 s from Play: 96 functions and 362-419 ms of that
// compilation without any warming up, 69 functions and 302-362 ms with the views drawn ahead
// of time only, 39-40 functions and 92-114 ms with this as well (3 runs each; 2026-12-04). That
// compilation competes for the cores the frames need. So while nothing plays, the worker
// trains a scratch model of the same kinds (the cells, the layout, the optimiser, the
// batching: everything that picks the code; small sizes, one member) for WARM_MS, in slices of
// at most WARM_SLICE_MS between messages, and evaluates and traces it as a snapshot would.
// The real models are not touched. Done once per kind of model; Play before it is done stops
// it (the training then warms the code itself).
// When it is done the worker posts { type: "warm" } (the page marks <html data-engine-warm>,
// www/warm-marks.js, for the benchmark and the tests).
const warmedKinds = new Set();
let warming = null; // { kind, models, spentMs } while a warm-up runs

// What picks the engine's code paths, not their sizes.
function kindOf(settings, cell) {
  const { layout, optimizer, batchSize, earlyStopping, clip, transform } = settings;
  return JSON.stringify([
    cell,
    settings.layers > 1,
    layout,
    optimizer,
    batchSize,
    earlyStopping,
    clip,
    transform,
  ]);
}

// A small model of `demo`'s kind with cell `cell`.
function scratchModel(cell) {
  const settings = demo.settings();
  return demo.withSettings({
    ...settings,
    cell,
    hidden: Math.min(settings.hidden, 16),
    layers: Math.min(settings.layers, 2),
    window: Math.min(settings.window, 12),
    ensemble: 1,
  });
}

// Starts readying the engine for the current models, unless it is ready or playing.
function warmUp() {
  if (demo === null || fatal || playing || warming !== null) return;
  const settings = demo.settings();
  const cells = [settings.cell, ...(compareDemo === null ? [] : [compareCell])];
  const cold = cells.filter((cell) => !warmedKinds.has(kindOf(settings, cell)));
  if (cold.length === 0) return;
  let models;
  try {
    models = cold.map((cell) => ({ kind: kindOf(settings, cell), model: scratchModel(cell) }));
  } catch (error) {
    if (isFatal(error)) reportFatal(error.message);
    return; // a setting the small copy cannot take: the training warms the code itself
  }
  warming = { models, spentMs: 0 };
  setTimeout(warmSlice, 0);
}

function stopWarming() {
  if (warming === null) return;
  for (const { model } of warming.models) model.free();
  warming = null;
}

// One slice of the warm-up: epochs of each scratch model, each evaluated and traced.
function warmSlice() {
  if (warming === null) return;
  if (playing || fatal) {
    stopWarming();
    return;
  }
  const start = performance.now();
  try {
    while (performance.now() - start < WARM_SLICE_MS) {
      for (const { model } of warming.models) {
        while (!model.trainPiece());
        while (!model.evaluatePiece());
        model.evaluation();
        model.predictions();
        model.trace(0);
        model.lossHistory(0);
      }
    }
  } catch (error) {
    stopWarming();
    if (isFatal(error)) reportFatal(error.message);
    return; // a diverging scratch model, say: the training warms the code itself
  }
  warming.spentMs += performance.now() - start;
  if (warming.spentMs < WARM_MS) {
    setTimeout(warmSlice, 0);
    return;
  }
  for (const { kind } of warming.models) warmedKinds.add(kind);
  stopWarming();
  self.postMessage({ type: "warm" });
}

// ---------------------------------------------------------------------------------------------
// The training loop
// ---------------------------------------------------------------------------------------------

function play() {
  // Play during a step that runs through the loop turns it into playing on.
  stepUntil = 0;
  if (playing) return;
  playing = true;
  chunkLeft = 0;
  startChunk(0);
}

function pause() {
  playing = false;
  chunkLeft = 0;
  stepUntil = 0;
  loopToken += 1;
}

// Schedules the loop's next chunk after `delay` ms. `yieldFirst` goes through a timer even
// for 0: Chromium runs the hop's port messages ahead of the page's commands, so between chunks
// that follow each other at once (a large network's pieces) a command waited 200-270 ms
// (measured at hidden=128&layers=4&window=36); a timer lets the worker read its messages first
// (about 4 ms per chunk, which take 40-80 ms there).
function startChunk(delay, yieldFirst = false) {
  loopToken += 1;
  const token = loopToken;
  schedule(
    () => {
      if (token === loopToken) runChunk();
    },
    delay,
    yieldFirst,
  );
}

// The next epoch at which training stops by itself, or Infinity.
function nextStop(epoch) {
  const every = stopEvery > 0 ? (Math.floor(epoch / stopEvery) + 1) * stopEvery : Infinity;
  const at = stopAt > epoch ? stopAt : Infinity;
  return Math.min(every, at);
}

// Trains `n` epochs of the model and, in a comparison, of the second model, so that both
// are always at the same epoch. A divergence of either throws (named DivergenceError, the
// second model's message saying which cell it is). When the first model stops early, the
// second is trained to the first's epoch count only, so they stay in step.
function trainBoth(n) {
  try {
    demo.trainEpochs(n);
  } finally {
    catchUpCompare();
  }
}

function catchUpCompare() {
  if (compareDemo === null) return;
  const behind = demo.epoch() - compareDemo.epoch();
  if (behind <= 0) return;
  try {
    compareDemo.trainEpochs(behind);
  } catch (error) {
    if (error.name !== DIVERGENCE_ERROR) throw error;
    const cell = compareCell.toUpperCase();
    const named = codedError(
      "worker.secondModel",
      { cell, ...error.params },
      `the second model (${cell}): ${error.message}`,
    );
    named.name = DIVERGENCE_ERROR;
    throw named;
  }
}

// Trains the next piece of an epoch (the whole epoch at small settings) and, when it ends the
// epoch, brings the second model of a comparison to the same epoch. Returns whether an epoch
// ended; a divergence of either throws as trainBoth does.
function trainPieceBoth() {
  let finished = false;
  try {
    finished = demo.trainPiece();
  } finally {
    catchUpCompare();
  }
  return finished;
}

// Trains one piece; on failure stops playing and records why. Returns "epoch" when the piece
// ended an epoch, "piece" when the epoch goes on, null when it failed.
function trainOne() {
  try {
    return trainPieceBoth() ? "epoch" : "piece";
  } catch (error) {
    pause();
    if (isFatal(error)) reportFatal(error.message);
    else if (error.name === DIVERGENCE_ERROR) setStatus("divergence", error.message);
    else setStatus("error", error.message, { error: describe(error) });
    return null;
  }
}

function runChunk() {
  if (demo === null || fatal) return;
  if (evaluating) {
    // The evaluation first, also while paused: the page waits for its forecast.
    if (!evaluateFor(PIECE_BUDGET_MS)) {
      postEvaluating();
      startChunk(0, true);
      return;
    }
    evaluating = false;
    postFull(false);
    if (playing) startChunk(0);
    return;
  }
  if (!playing) return;
  const now = performance.now();
  if (chunkLeft === 0) {
    chunkStart = now;
    chunkLeft = epochsPerChunk > 0 ? epochsPerChunk : Infinity;
  }
  const trainUntil = epochsPerChunk > 0 ? now + CHUNK_BUDGET_MS : chunkStart + MAX_SPEED_TRAIN_MS;
  const piecesUntil = Math.min(trainUntil, now + PIECE_BUDGET_MS);
  const stop = nextStop(demo.epoch());
  let split = false;
  while (chunkLeft > 0) {
    const pieceStart = performance.now();
    const trained = trainOne();
    if (trained === null) break;
    if (trained === "piece") {
      // Stop before a piece like this one would end past the budget.
      const end = performance.now();
      if (end + (end - pieceStart) > piecesUntil) {
        split = epochsPerChunk > 0;
        if (!split) chunkLeft = 0;
        break;
      }
      continue;
    }
    chunkLeft -= 1;
    if (stepUntil > 0 && demo.epoch() >= stepUntil) {
      pause();
      break;
    }
    if (demo.epoch() >= stop) {
      pause();
      const epoch = demo.epoch();
      setStatus("info", `Paused at epoch ${epoch}. Press Play to train on.`, {
        code: "stopped",
        epoch,
      });
      break;
    }
    if (chunkLeft > 0 && performance.now() >= trainUntil) {
      split = epochsPerChunk > 0;
      if (!split) chunkLeft = 0;
      break;
    }
  }
  if (fatal) return;
  postProgress();
  // An evaluation left to the loop has scheduled it already.
  if (evaluating || !playing) return;
  if (split) startChunk(0, true);
  else startChunk(Math.max(0, chunkStart + FRAME_MS - performance.now()));
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

function requireDemo() {
  if (demo === null) {
    throw codedError("worker.noModel", {}, "no model yet: send create(settings) first");
  }
  return demo;
}

// Replaces the demo (a new model or series); playing stops, the window choice is kept if it
// still exists.
function replaceDemo(next) {
  pause();
  clearStatus();
  demo?.free();
  demo = next;
  newWeights();
  weightsFromFile = false;
  const windows = demo.windowCount();
  selectedRow = Math.min(selectedRow ?? defaultRow(demo), windows - 1);
  monthsChanged = true;
  baselinesChanged = true;
  rebuildCompare();
}

// Builds the second model afresh from the first's series and settings with the compared cell
// (or drops it without a comparison, or when the cells are the same).
function rebuildCompare() {
  compareDemo?.free();
  compareDemo = null;
  if (compareCell === null || demo === null) return;
  const settings = demo.settings();
  if (settings.cell === compareCell) return;
  compareDemo = demo.withSettings({ ...settings, cell: compareCell });
}

// The window shown by default: the one that predicts the first test month.
function defaultRow(demo) {
  return Math.min(demo.trainWindowCount(), demo.windowCount() - 1);
}

function wholeNumber(value, what, min = 0) {
  if (!Number.isInteger(value) || value < min) {
    const message = `${what} must be a whole number ≥ ${min}, not ${value}`;
    throw codedError("worker.notWholeNumber", { min, value: String(value) }, message);
  }
  return value;
}

const COMMANDS = {
  create(settings) {
    const first = demo === null;
    const next = first ? new wasm.Demo(settings ?? {}) : demo.withSettings(settings ?? {});
    if (first) selectedRow = null;
    replaceDemo(next);
    return { settings: demo.settings() };
  },
  loadSeries(csvText, name) {
    const settings = demo?.settings() ?? {};
    const next =
      csvText === null || csvText === undefined
        ? new wasm.Demo(settings)
        : wasm.Demo.fromCsv(String(csvText), String(name ?? "uploaded series"), settings);
    selectedRow = null;
    replaceDemo(next);
    return { seriesName: demo.seriesName(), months: demo.months().length };
  },
  loadExample(id, settings) {
    const given = settings ?? demo?.settings() ?? {};
    const next = wasm.Demo.fromExample(String(id), given);
    selectedRow = null;
    replaceDemo(next);
    return { seriesName: demo.seriesName(), months: demo.months().length };
  },
  play() {
    requireDemo();
    clearStatus();
    play();
    return { playing };
  },
  pause() {
    pause();
    return { playing };
  },
  // Trains piece by piece, as before whole epochs; an epoch that is still under way after
  // PIECE_BUDGET_MS of its own (a large network) is handed to the loop, which trains on as if
  // playing and pauses by itself at the step's last epoch, so that pause and reset still
  // answer meanwhile. The reply then says `stepping: true` and gives the epoch reached so far.
  step(n = 1) {
    requireDemo();
    wholeNumber(n, "the number of epochs to step", 1);
    pause();
    clearStatus();
    const target = demo.epoch() + n;
    let epochStart = performance.now();
    try {
      while (demo.epoch() < target) {
        const pieceStart = performance.now();
        if (trainPieceBoth()) epochStart = performance.now();
        else {
          // As the loop does: stop before a piece like this one would end past the budget.
          const end = performance.now();
          if (end - epochStart + (end - pieceStart) > PIECE_BUDGET_MS) break;
        }
      }
    } catch (error) {
      if (error.name === DIVERGENCE_ERROR) setStatus("divergence", error.message);
      throw error;
    }
    if (demo.epoch() >= target) return { epoch: demo.epoch() };
    playing = true;
    stepUntil = target;
    chunkLeft = 0;
    startChunk(0);
    return { epoch: demo.epoch(), stepping: true };
  },
  reset(seed) {
    requireDemo();
    pause();
    clearStatus();
    demo.reset(seed ?? undefined);
    compareDemo?.reset(seed ?? undefined);
    newWeights();
    weightsFromFile = false;
    return { epoch: 0 };
  },
  // A second model with cell `cell` ("lstm", "gru" or "rnn") trained beside the first from
  // epoch 0 (both start again), or none for null. The same cell as the first model's trains
  // no second model.
  setCompare(cell) {
    requireDemo();
    const next = cell === null || cell === undefined || cell === "none" ? null : String(cell);
    if (next !== null && !["lstm", "gru", "rnn"].includes(next)) {
      const message = `unknown cell "${next}" to compare with: expected lstm, gru or rnn`;
      throw codedError("worker.unknownCell", { cell: next }, message);
    }
    pause();
    clearStatus();
    compareCell = next;
    if (compareDemo !== null || compareCell !== null) demo.reset(undefined);
    rebuildCompare();
    newWeights();
    return { compare: compareDemo === null ? null : compareCell };
  },
  setEpochsPerChunk(n) {
    epochsPerChunk = wholeNumber(n, "the epochs per frame", 0);
    return { epochsPerChunk };
  },
  setSpeed(n) {
    return COMMANDS.setEpochsPerChunk(n);
  },
  setStopEvery(n) {
    stopEvery = wholeNumber(n, "the epoch to stop at", 0);
    return { stopEvery };
  },
  setStopAt(n) {
    stopAt = wholeNumber(n ?? 0, "the epoch to stop at", 0);
    return { stopAt };
  },
  setLearningRate(rate) {
    requireDemo().setLearningRate(rate);
    compareDemo?.setLearningRate(rate);
    return { settings: demo.settings() };
  },
  setOptimizer(name) {
    requireDemo().setOptimizer(String(name));
    compareDemo?.setOptimizer(String(name));
    return { settings: demo.settings() };
  },
  setClip(clip) {
    requireDemo().setClip(clip ?? undefined);
    compareDemo?.setClip(clip ?? undefined);
    return { settings: demo.settings() };
  },
  selectWindow(row) {
    const windows = requireDemo().windowCount();
    wholeNumber(row, "the window", 0);
    if (row >= windows) {
      const message = `window ${row} does not exist: there are ${windows}`;
      throw codedError("worker.noWindow", { row, windows }, message);
    }
    selectedRow = row;
    return { selectedRow };
  },
  setFixedScale(on) {
    fixedScale = Boolean(on);
    return { fixedScale };
  },
  viewEpoch(epoch) {
    const shown = requireDemo().viewEpoch(epoch ?? undefined);
    // Both models keep their weights at the same epochs: they train in step.
    compareDemo?.viewEpoch(epoch ?? undefined);
    newWeights();
    return { viewingEpoch: shown ?? null };
  },
  exportWeights() {
    return requireDemo().exportWeights();
  },
  importWeights(json) {
    requireDemo();
    pause();
    clearStatus();
    demo.importWeights(String(json));
    weightsFromFile = true;
    // The file may bring other test months, and another shape for the second model.
    baselinesChanged = true;
    rebuildCompare();
    newWeights();
    return { settings: demo.settings() };
  },
  snapshot() {
    requireDemo();
    return null;
  },
  // The size of the worker's wasm memory (it only grows: wasm cannot give pages back), for
  // the soak (scripts/soak.mjs). Asked for, not put in every snapshot.
  memoryUsage() {
    return { wasmBytes: wasm.wasmMemory().buffer.byteLength };
  },
};

// The commands that change only the loop's state (playing, status, the epoch's progress),
// after which the last full snapshot still holds unless an epoch ended (postLoopState).
const LOOP_COMMANDS = new Set(["play", "pause", "step"]);

function isFatal(error) {
  return error instanceof WebAssembly.RuntimeError;
}

// An Error the page can say in its own language: the English `message` for logs, a stable
// `code` (the page says `error.<code>` from www/strings/) and the `params` its sentence fills
// in. The engine's own errors (src/web.rs, coded_error) come with the same three.
function codedError(code, params, message) {
  const error = new Error(message);
  error.code = code;
  error.params = params;
  return error;
}

// An error as plain data for postMessage: { name, message, code?, params? }.
function describe(error) {
  const described = {
    name: error instanceof Error ? error.name : "Error",
    message: error instanceof Error ? error.message : String(error),
  };
  if (typeof error?.code === "string") {
    described.code = error.code;
    described.params = { ...error.params };
  }
  return described;
}

self.onmessage = async (event) => {
  const { id, command, args = [] } = event.data;
  if (command === "loadWasm") {
    // loadWasm(requested): "auto" | "relaxed" | "simd128"; replies with the build that runs.
    // Only the first call chooses; a later one reports that choice.
    startWasm(chooseWasmBuild(args[0]));
    startWasm = () => {};
    try {
      await wasmReady;
    } catch {
      return; // reported as fatal below (wasmReady.catch)
    }
    self.postMessage({ type: "reply", id, ok: true, value: wasmBuild });
    return;
  }
  await wasmReady;
  if (fatal) {
    self.postMessage({
      type: "reply",
      id,
      ok: false,
      error: { name: "FatalError", message: "the engine stopped" },
    });
    return;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : null;
  if (handler === null) {
    self.postMessage({
      type: "reply",
      id,
      ok: false,
      error: describe(
        codedError("worker.unknownCommand", { command }, `unknown command ${command}`),
      ),
    });
    return;
  }
  let reply;
  try {
    reply = { type: "reply", id, ok: true, value: handler(...args) };
  } catch (error) {
    if (isFatal(error)) {
      reportFatal(error.message);
      return;
    }
    reply = { type: "reply", id, ok: false, error: describe(error) };
  }
  // The snapshot first: when the page's promise resolves, the state it shows is current.
  if (LOOP_COMMANDS.has(command)) postLoopState();
  else postSnapshot();
  self.postMessage(reply);
  warmUp();
};

self.addEventListener("error", (event) => reportFatal(event.message));
self.addEventListener("unhandledrejection", (event) => reportFatal(describe(event.reason).message));
wasmReady.catch((error) => reportFatal(`the engine could not load: ${describe(error).message}`));
