// The epoch benchmark, in the browser: the same LSTM on the same windows, trained one full-batch
// epoch at a time by our wasm module (with and without simd128) and by TensorFlow.js (its wasm
// and cpu backends). bench/run.mjs calls window.bench.run(options) and writes the figures.
//
// The runs are interleaved round by round (ours, ours without simd, tf.js wasm, tf.js cpu, and
// again), so that a busy moment of a shared machine hits every contender alike; each epoch is
// timed on its own and the medians are compared.

import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

// The case of `cargo bench`'s train_epoch/default, the fixed benchmark size (not the page's
// defaults, which train an ensemble of 5 on a 24-month window): one network, H = 40, W = 12, the
// sequence layout, SGD with momentum 0.9 at learning rate 0.05, forget-gate bias 1, the min–max
// transform, which leaves 108 training windows, trained as one full batch.
const SETTINGS = {
  transform: "min_max",
  batchSize: 0,
  hidden: 40,
  layers: 1,
  window: 12,
  layout: "sequence",
  optimizer: "sgd",
  learningRate: 0.05,
  ensemble: 1,
  earlyStopping: false,
};
const MOMENTUM = 0.9; // our SGD's μ (src/model/optim.rs), PyTorch's form: v ← μv + g, θ ← θ − lr·v
// Our epochs are timed ten at a time (see timeEpochs); TensorFlow.js's one at a time.
const OUR_GROUP = 10;

setWasmPaths(new URL("./tfjs-wasm/", document.baseURI).href);

// Our module: the shipped simd128 build ("simd"), the shipped relaxed-SIMD build ("relaxed",
// the one the page picks in this Chromium), or the crate built without simd128 ("nosimd").
async function loadOurs(variant) {
  try {
    if (variant === "simd") return await import("../pkg/lstm_conveyor.js");
    if (variant === "relaxed") return await import("../pkg-relaxed/lstm_conveyor.js");
    return await import("lstm-conveyor-nosimd");
  } catch (error) {
    return { error: String(error) };
  }
}

function ourRunner(module, name) {
  const demo = new module.Demo(SETTINGS);
  const settings = demo.settings();
  return {
    name,
    demo,
    settings,
    activate: async () => {},
    epoch() {
      demo.trainEpochs(1);
    },
    lastLoss() {
      const train = demo.lossHistory().train;
      return train[train.length - 1];
    },
  };
}

// The same network in TensorFlow.js: an LSTM layer with σ (not its default hard sigmoid) as the
// recurrent activation and the forget-gate bias starting at 1, a dense head, the mean squared
// error, and SGD with momentum 0.9 — one `trainOnBatch` of every window per epoch.
async function tfjsRunner(backend, windows, settings) {
  await tf.setBackend(backend);
  await tf.ready();
  const { inputs, targets, window, count } = windows;
  const model = tf.sequential();
  model.add(
    tf.layers.lstm({
      units: settings.hidden,
      activation: "tanh",
      recurrentActivation: "sigmoid",
      unitForgetBias: settings.forgetBiasOne,
      inputShape: [window, 1],
    }),
  );
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({
    optimizer: tf.train.momentum(settings.learningRate, MOMENTUM),
    loss: "meanSquaredError",
  });
  const x = tf.tensor3d(Float32Array.from(inputs), [count, window, 1]);
  const y = tf.tensor2d(Float32Array.from(targets), [count, 1]);
  let loss = NaN;
  return {
    name: `tfjs-${backend}`,
    params: model.countParams(),
    async activate() {
      await tf.setBackend(backend);
    },
    async epoch() {
      loss = await model.trainOnBatch(x, y);
    },
    lastLoss: () => loss,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Times `epochs` epochs of `runner` after `warmup` untimed ones, in groups of `group` epochs
// (performance.now() counts in steps of 0.1 ms on a page that is not cross-origin isolated, too
// coarse for a 3 ms epoch); returns the milliseconds per epoch of each group.
async function timeEpochs(runner, epochs, warmup, group) {
  await runner.activate();
  for (let i = 0; i < warmup; i += 1) await runner.epoch();
  const times = [];
  for (let done = 0; done < epochs; done += group) {
    const start = performance.now();
    for (let i = 0; i < group; i += 1) await runner.epoch();
    times.push((performance.now() - start) / group);
  }
  return times;
}

function log(text) {
  document.getElementById("log").textContent += `${text}\n`;
}

window.bench = {
  // Runs `rounds` rounds; in each, `epochs[name]` timed epochs of every contender after
  // `warmup[name]` untimed ones. Returns the times (ms per epoch: one per group of OUR_GROUP
  // epochs for ours, one per epoch for TensorFlow.js) and what each contender is.
  // `only` (a list of names) restricts the run to some contenders, for trying a change.
  async run({ rounds, epochs, warmup, only = null }) {
    const simd = await loadOurs("simd");
    const relaxed = await loadOurs("relaxed");
    const noSimd = await loadOurs("nosimd");
    const runners = [];
    const problems = {};
    const ours = ourRunner(simd, "ours-simd");
    runners.push(ours);
    if (relaxed.error) problems["ours-relaxed"] = relaxed.error;
    else runners.push(ourRunner(relaxed, "ours-relaxed"));
    if (noSimd.error) problems["ours-nosimd"] = noSimd.error;
    else runners.push(ourRunner(noSimd, "ours-nosimd"));
    const windows = ours.demo.trainingWindows();
    for (const backend of ["wasm", "cpu"]) {
      try {
        runners.push(await tfjsRunner(backend, windows, ours.settings));
      } catch (error) {
        problems[`tfjs-${backend}`] = String(error?.message ?? error);
      }
    }
    if (only) runners.splice(0, runners.length, ...runners.filter((r) => only.includes(r.name)));
    const times = Object.fromEntries(runners.map((r) => [r.name, []]));
    for (let round = 0; round < rounds; round += 1) {
      for (const runner of runners) {
        const ours = runner.name.startsWith("ours");
        const key = ours ? "ours" : runner.name;
        const group = ours ? OUR_GROUP : 1;
        times[runner.name].push(...(await timeEpochs(runner, epochs[key], warmup[key], group)));
      }
      log(
        `round ${round + 1}: ` +
          runners.map((r) => `${r.name} ${median(times[r.name]).toFixed(2)} ms`).join(", "),
      );
    }
    return {
      userAgent: navigator.userAgent,
      tfjsVersion: tf.version.tfjs,
      tfjsWasmFeatures: tf.findBackend("wasm") ? await wasmFeatures() : null,
      windows: windows.count,
      testWindows: ours.demo.windowCount() - ours.demo.trainWindowCount(),
      window: windows.window,
      settings: ours.settings,
      ourParams: ours.demo.paramCount(),
      tfjsParams: runners.find((r) => r.params)?.params ?? null,
      lastLoss: Object.fromEntries(runners.map((r) => [r.name, r.lastLoss()])),
      times,
      problems,
    };
  },
};

// Which build of its wasm binary tf.js picked: SIMD or not, threads or not.
async function wasmFeatures() {
  await tf.setBackend("wasm");
  return {
    simd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
    threads: await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"),
  };
}

// One epoch of each cell at the shipped defaults (`new Demo({ cell })`, and `new Demo({})` for
// the LSTM, the default cell: everything else from TrainConfig::default(), an ensemble of 5),
// timed one epoch at a time, the cells interleaved round by round. A cell the module cannot
// build (a wasm API without the `cell` setting refuses the unknown field) is reported, not timed.
const CELLS = ["lstm", "gru", "rnn"];

window.bench.cells = async ({ rounds, epochs, warmup }) => {
  const module = await loadOurs("simd");
  const demos = {};
  const problems = {};
  for (const cell of CELLS) {
    try {
      demos[cell] = new module.Demo(cell === "lstm" ? {} : { cell });
    } catch (error) {
      problems[cell] = String(error?.message ?? error);
    }
  }
  const times = Object.fromEntries(Object.keys(demos).map((cell) => [cell, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [cell, demo] of Object.entries(demos)) {
      const runner = { activate: async () => {}, epoch: () => demo.trainEpochs(1) };
      times[cell].push(...(await timeEpochs(runner, epochs, warmup, 1)));
    }
    log(
      `cells round ${round + 1}: ` +
        Object.keys(demos)
          .map((cell) => `${cell} ${median(times[cell]).toFixed(2)} ms`)
          .join(", "),
    );
  }
  const settings = Object.fromEntries(Object.entries(demos).map(([c, d]) => [c, d.settings()]));
  return { times, settings, problems };
};

// One training epoch's matrix products alone (the module's EpochProducts: the recurrent
// products of the training batch's forward and backward steps and of the test loss's forward
// pass) in each of our builds, timed as the epochs are (groups of OUR_GROUP), the builds
// interleaved round by round. Set beside the whole epoch, it splits the epoch into its products
// and the rest (bench/run.mjs). A build without the export is reported, not timed.
window.bench.products = async ({ batch, testBatch, hidden, steps, rounds, epochs, warmup }) => {
  const runners = {};
  const problems = {};
  for (const variant of ["simd", "relaxed", "nosimd"]) {
    const module = await loadOurs(variant);
    if (module.error || typeof module.EpochProducts !== "function") {
      problems[`ours-${variant}`] = module.error ?? "no EpochProducts in this build";
      continue;
    }
    const products = new module.EpochProducts(batch, testBatch, hidden, steps);
    runners[`ours-${variant}`] = {
      activate: async () => {},
      epoch: () => products.run(1),
      multiplyAdds: products.multiplyAdds(),
    };
  }
  const times = Object.fromEntries(Object.keys(runners).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, runner] of Object.entries(runners)) {
      times[name].push(...(await timeEpochs(runner, epochs, warmup, OUR_GROUP)));
    }
    log(
      `products round ${round + 1}: ` +
        Object.keys(runners)
          .map((name) => `${name} ${median(times[name]).toFixed(2)} ms`)
          .join(", "),
    );
  }
  const multiplyAdds = Object.values(runners)[0]?.multiplyAdds ?? null;
  return { times, multiplyAdds, problems };
};

window.benchReady = true;
