// The page's side of the training worker (www/worker.js): the trainer runs there, in
// single-threaded wasm, so that the page stays responsive however long an epoch takes. The
// main thread keeps its own copy of the wasm module for drawing only.
//
//   const engine = createEngine();
//   engine.onSnapshot((snapshot) => { latest = snapshot; requestDraw(); });
//   engine.onFatal((message) => showFatal(message));
//   await engine.send("create", { hidden: 40 });
//   await engine.send("play");
//
// COMMANDS: send(command, ...args) returns a promise of the reply. An engine error rejects it
// with an Error carrying the engine's message (a diverging epoch: name "DivergenceError"); a
// refused command changes nothing. Every command's snapshot is posted before its reply, so when
// the promise resolves, engine.latest() shows the state after it.
//
//   loadWasm(build)         sent by createEngine itself, first: load the "relaxed" or "simd128"
//                           WebAssembly build, or "auto" = relaxed where the browser has relaxed
//                           SIMD (www/wasm-features.js) -> "relaxed" | "simd128"
//   create(settings)        a new model from settings (any subset of the fields of
//                           Demo.settings(); missing ones take the defaults), on the series in
//                           use. Stops playing; keeps the selected window if it exists.
//                           -> { settings }
//   loadSeries(csv, name)   a new model on a series read from CSV text, with the current
//                           settings (the test months are the series' own default);
//                           loadSeries(null) returns to AirPassengers. Errors name the line.
//                           -> { seriesName, months }
//   loadExample(id, settings?)
//                           a new model on an example series that comes with the page
//                           ("air_passengers", "co2", "nottem", "us_accidental_deaths",
//                           "synthetic", "long_memory"; src/examples.rs) with `settings` (default: the current
//                           ones); the series' own test months. -> { seriesName, months }
//   play, pause             start / stop the worker's loop -> { playing }; a pause in the
//                           middle of an epoch keeps it, and play goes on with it
//   step(n = 1)             pause, then train exactly n epochs (a partial epoch left by a
//                           pause counts as the first) -> { epoch }. An epoch still under
//                           way after ~40 ms of its own (a large network) goes on in the
//                           loop, which pauses by itself after the n-th epoch
//                           -> { epoch, stepping: true } (playing is true meanwhile; pause
//                           and reset stop it)
//   reset(seed?)            pause, fresh weights from `seed` (default: the current one); the
//                           same seed replays the same losses -> { epoch: 0 }
//   setEpochsPerChunk(n)    the speed: epochs trained per frame (~16 ms) while playing;
//                           0 = as many as fit in 12 ms of each frame. Alias setSpeed(n).
//   setStopEvery(n)         while playing, pause by itself at every multiple of n (0 = never),
//                           with status { kind: "info", code: "stopped", epoch }
//   setStopAt(n)            while playing, pause by itself on reaching epoch n, once (0 or
//                           null = never; from epoch n on, Play trains on), same status
//   setLearningRate(x), setOptimizer("adagrad" | "adam" | "sgd"), setClip(x | null)
//                           change training live, without a reset (an epoch under way is
//                           undone back to its start) -> { settings }
//   setCompare(cell|null)   a comparison: a second model of cell "lstm", "gru" or "rnn" trained
//                           beside the first, epoch for epoch, with the same series and
//                           settings (both start again at epoch 0); null or "none" ends it.
//                           Kept across create, loads and imports (the second model is rebuilt
//                           from the first's settings); the first model's own cell trains no
//                           second model. Live settings and viewEpoch apply to both.
//                           -> { compare: cell | null }
//   selectWindow(row)       which window's trace the snapshots carry (0 … windowCount − 1;
//                           default: the window predicting the first test month)
//   viewEpoch(epoch|null)   look back: snapshots then carry the evaluation, predictions and
//                           trace of the weights kept at the latest snapshot epoch at or before
//                           `epoch` (history stays live; training may go on). null: live again.
//                           A large network's evaluation of them comes in pieces, as after an
//                           epoch (evaluationProgress). -> { viewingEpoch }
//   exportWeights           -> the weights JSON (a string): the forecast's weights (with early
//                           stopping, the best epoch's); an ensemble's members all in one file
//   importWeights(json)     load a weights file; starts at epoch 0 with its weights (and its
//                           ensemble size)
//   snapshot                post a snapshot now -> null
//   memoryUsage             -> { wasmBytes }: the byte length of the worker's wasm memory
//                           (it grows in 64 KiB pages and never shrinks), for `npm run soak`
//
// SNAPSHOT: a plain object, its typed arrays transferred. While playing, at most about one per
// animation frame; otherwise one after every command.
//
//   epoch              epochs trained since the last reset (completed: everything below is
//                      of that epoch's weights, also while the next one is under way)
//   epochProgress      null between epochs; in the middle of one (a large network's epoch is
//                      trained in pieces, Demo.trainPiece) { done, total }: its row chunks
//                      trained so far and in all. Mid-epoch, the worker posts only this, playing
//                      and status; this module fills in the rest from the last full snapshot
//   evaluationProgress null, or { done, total, epoch } while the weights after `epoch` (both
//                      models') are evaluated in pieces (a large network; Demo.evaluatePiece):
//                      windows done so far and in all. Meanwhile the worker posts only this,
//                      playing and status, and the rest stays the last evaluated epoch's; for
//                      new weights (a reset, a load) it posts everything once, with the
//                      evaluation's figures NaN and no predictions (NaN)
//   playing            whether the worker's loop runs
//   viewingEpoch       the kept epoch looked at, or null when live
//   weightsFromFile    true when the weights were loaded (importWeights) since the model's
//                      start or last reset: epoch 0 is then not an untrained network
//   history            { train, test, validation: Float64Array, bestEpoch }: loss per epoch,
//                      epoch 1 first; `validation` is the loss on the held-out last 12
//                      training windows with early stopping (NaN without), `bestEpoch` the
//                      epoch with the lowest one so far, whose weights forecast (undefined
//                      without early stopping)
//   evaluation         { testLoss, trainRmse, trainMape, testRmse, testMape, recursiveRmse,
//                      recursiveMape } (RMSE in the series' unit, MAPE in %)
//   predictions        { actual, oneStep, recursive: Float64Array (one per month, NaN where
//                      none), members: Float64Array (memberCount × months, member after
//                      member; empty for one network), memberCount (0 for one network),
//                      testStart: index of the first test month }. With an ensemble, oneStep
//                      and recursive are the members' mean. Looking back at an earlier epoch
//                      shows the first member alone (the snapshots keep one network).
//   months             ["1949-01", …]: the worker sends it only when it changes; this module
//                      fills it in from the last one, so every snapshot here has it
//   baselines          Demo.baselines(), fitted once per model (it depends only on the series
//                      and its test months), or null: { ids, labels, fitted, oneStep,
//                      recursive: Float64Array (ids.length × months), testRmse, recursiveRmse:
//                      Float64Array, unavailable: [{ id, message }] }; sent like `months`,
//                      only when it changes, and filled in here
//   seriesName         "AirPassengers" or the loaded series' name
//   settings           Demo.settings(): { cell, hidden, layers, window, layout, transform, optimizer,
//                      learningRate, batchSize, clip, seed, forgetBiasOne, testStart,
//                      earlyStopping, ensemble }
//   paramCount         { distinct, numel, article }
//   selectedRow, windowCount, trainWindowCount
//                      the traced window; rows 0 … trainWindowCount − 1 are training windows
//   trace              Demo.trace(selectedRow): { cell: "lstm" | "gru" | "rnn", steps,
//                      targetMonth, prediction, target, predictionRaw, actualRaw, layers: [{
//                      dInput, dHidden, input, forgetGate, inputGate, cellGate, outputGate,
//                      cellPrev, kept, added, cell, tanhCell, hidden, dHiddenNorm, dCellNorm,
//                      rows: { name: Float32Array }, rowNames }] }, every row a Float32Array,
//                      time-major [steps × dHidden] (input [steps × dInput], the two norms
//                      [steps]); `rows` holds the cell's own rows by name (lstm: input_gate,
//                      forget_gate, cell_gate, output_gate, cell, hidden; gru: reset_gate,
//                      update_gate, new_gate, hidden; rnn: hidden), and for a GRU or an RNN
//                      the LSTM's named rows and dCellNorm are empty
//   snapshotEpochs     Uint32Array: the epochs whose weights are kept for viewEpoch
//   compare            only in a comparison: { cell, epoch, settings, paramCount, history,
//                      evaluation, predictions: { oneStep, recursive }, trace } of the second
//                      model, as the fields of the same names above (its trace of the same
//                      window)
//   epochsPerChunk     the speed in use; stopEvery, stopAt as last set (0 = none)
//   status             null, or { id, kind: "divergence" | "info" | "error", message, code?,
//                      epoch? }: why the loop stopped by itself (a diverging epoch, which
//                      changed nothing; the stop epoch). A new status has a new id; play,
//                      step, reset, create and loads clear it.
//
// WARM: while nothing plays, the worker readies its code for the first Play (www/worker.js,
// "Readying the engine"); onWarm(listener) is told each time it has done so for a new kind of
// model.
//
// FATAL: a panic in the engine (a bug) or a worker that cannot start calls onFatal(message)
// once; every pending and later command rejects with an Error named "FatalError".

import { createHistoryKeeper } from "./loss-history.js";

const FATAL_ERROR = "FatalError";

// Runs `start` (which constructs the worker). In a page with an opaque origin — an
// <iframe sandbox="allow-scripts"> without allow-same-origin — the browser refuses a worker
// from a URL ("cannot be accessed from origin 'null'"), so there the worker is started from a
// one-line blob that loads the bundled worker script with importScripts (a classic script
// load, allowed across origins). The worker's name carries the folder of the page's scripts:
// www/worker.js reads its chunks (and the .wasm) from there instead of from the blob's URL.
// Everywhere else `start` runs as it is. (The global is swapped only for the one call,
// because webpack must see `new Worker(new URL(...))` written out to bundle the worker.)
function withOpaqueOriginWorkers(start) {
  if (self.origin !== "null") return start();
  const NativeWorker = self.Worker;
  self.Worker = function BlobWorker(url) {
    const href = new URL(url, document.baseURI).href;
    const source = `importScripts(${JSON.stringify(href)});`;
    const blob = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    return new NativeWorker(blob, { name: href.replace(/[^/]*$/, "") });
  };
  try {
    return start();
  } finally {
    self.Worker = NativeWorker;
  }
}

// Starts the worker and returns { send, onSnapshot, onWarm, onFatal, latest, terminate,
// wasmBuild }.
// `wasmBuild` ("auto", "relaxed" or "simd128", www/wasm-features.js) is the WebAssembly build the
// page asks for; the returned `wasmBuild` promise resolves with the one the worker loaded.
export function createEngine({ wasmBuild = "auto" } = {}) {
  // Written out in full so that webpack sees it and bundles the worker with its own chunks.
  const worker = withOpaqueOriginWorkers(
    () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  );
  const pending = new Map();
  const snapshotListeners = new Set();
  const fatalListeners = new Set();
  const warmListeners = new Set();
  let nextId = 1;
  let latest = null;
  let months = [];
  let baselines = null;
  let fatalMessage = null;

  function fail(message) {
    if (fatalMessage !== null) return;
    fatalMessage = message;
    for (const { reject } of pending.values()) reject(fatalError(message));
    pending.clear();
    for (const listener of fatalListeners) listener(message);
  }

  const lossHistory = createHistoryKeeper();
  const compareHistory = createHistoryKeeper();
  worker.onmessage = (event) => {
    const message = event.data;
    switch (message.type) {
      case "snapshot": {
        // Mid-epoch the worker posts only the epoch's progress and the loop's state; the rest
        // (the last completed epoch's) is the last full snapshot's.
        const snapshot =
          message.snapshot.progressOnly && latest !== null
            ? { ...latest, ...message.snapshot, progressOnly: undefined }
            : message.snapshot;
        if (snapshot.months) months = snapshot.months;
        else snapshot.months = months;
        if (snapshot.baselines !== undefined) baselines = snapshot.baselines;
        else snapshot.baselines = baselines;
        // The worker posts only the epochs not posted before (www/loss-history.js).
        snapshot.history = lossHistory.merge(snapshot.history);
        if (snapshot.compare)
          snapshot.compare.history = compareHistory.merge(snapshot.compare.history);
        latest = snapshot;
        for (const listener of snapshotListeners) listener(snapshot);
        break;
      }
      case "reply": {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        if (message.ok) call.resolve(message.value);
        else call.reject(engineError(message.error));
        break;
      }
      case "warm":
        for (const listener of warmListeners) listener();
        break;
      case "fatal":
        fail(message.message);
        break;
      default:
        console.warn("engine: unknown message from the worker", message);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || "the training worker could not start");
  };

  function send(command, ...args) {
    if (fatalMessage !== null) return Promise.reject(fatalError(fatalMessage));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, command, args });
    });
  }
  // The first message: the worker loads no module before it (messages arrive in order, so every
  // later command waits for this build).
  const loadedBuild = send("loadWasm", wasmBuild);
  loadedBuild.catch(() => {}); // a failure to load is reported through onFatal

  return {
    // Sends a command (see the top of this file); resolves with its reply.
    send,
    // Resolves with the build the worker runs: "relaxed" or "simd128".
    wasmBuild: loadedBuild,
    // Calls `listener(snapshot)` for every snapshot; returns a function that stops it.
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    // Calls `listener()` whenever the worker has readied its code for a new kind of model.
    onWarm(listener) {
      warmListeners.add(listener);
      return () => warmListeners.delete(listener);
    },
    // Calls `listener(message)` once if the engine stops for good.
    onFatal(listener) {
      fatalListeners.add(listener);
      if (fatalMessage !== null) listener(fatalMessage);
      return () => fatalListeners.delete(listener);
    },
    // The last snapshot received, or null before the first.
    latest: () => latest,
    isFatal: () => fatalMessage !== null,
    terminate() {
      worker.terminate();
      fail("the engine was stopped");
    },
  };
}

// True for the rejection of a command after the engine stopped for good.
export function isFatalEngineError(error) {
  return error instanceof Error && error.name === FATAL_ERROR;
}

// The worker's error data back as an Error, keeping its code and params (www/status.js'
// describeError says it in the page's language from those).
function engineError({ name, message, code, params }) {
  const error = new Error(message);
  error.name = name;
  if (code !== undefined) {
    error.code = code;
    error.params = params ?? {};
  }
  return error;
}

function fatalError(message) {
  return engineError({ name: FATAL_ERROR, message });
}
