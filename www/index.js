// Bootstrap: starts the training worker (engine.js) with the URL's settings, loads the wasm
// module's chart drawing for the main thread, and connects the views, the animation loop and
// the controls. The page trains nothing itself: it sends commands to the worker and draws the
// snapshots the worker posts, at most once per animation frame.

// The page's stylesheet: webpack extracts it into the .css file linked in <head>.
import { markWarm } from "./warm-marks.js";
import "./styles/index.css";
import { engineSettings } from "./settings.js";
import { t } from "./i18n.js";
import { readInitialState, initTeaching, LANGUAGE_EVENT } from "./teaching.js";
import { createStatus, describeError, isFatalError } from "./status.js";
import { createEngine, isFatalEngineError } from "./engine.js";
import { requestedWasmBuild, chooseWasmBuild } from "./wasm-features.js";
import { createLoop } from "./loop.js";
import { createView } from "./view.js";
import { wireControls } from "./controls.js";
import { createGatesPanel } from "./gates.js";
import { createShared } from "./views/page.js";
import { installCanvasWords } from "./canvas-words.js";
import { findElements } from "./dom.js";
import { startEmbed, embedValues } from "./embed.js";
import { createStory, takeStoryStep } from "./story.js";
import { startOffline } from "./offline.js";

// A performance mark set when the first chart is on screen (read by the benchmark).
const FIRST_CHART_MARK = "lstm:first-chart";
// Status kinds of the worker shown as errors.
const ERROR_KINDS = new Set(["divergence", "error"]);

// Every element the page script uses, by data-testid (each view finds its own, www/views/).
const ELEMENT_IDS = {
  play: "play",
  step: "step",
  reset: "reset",
  speed: "speed",
  status: "status",
  forecastCanvas: "forecast-canvas",
  lossCanvas: "loss-canvas",
};

// Creates the model on the URL's series from the URL's settings; if the engine refuses them,
// AirPassengers with the defaults.
async function createModel(engine, values, status) {
  try {
    await engine.send("loadExample", values.series, engineSettings(values));
    if (values.compare !== "none") await engine.send("setCompare", values.compare);
  } catch (error) {
    if (isFatalEngineError(error)) throw error;
    status.error(t("status.settingsRefused", { error: describeError(error) }));
    await engine.send("loadExample", "air_passengers", {});
  }
}

async function main() {
  const elements = findElements(document, ELEMENT_IDS);
  const status = createStatus(elements.status);
  // The URL's settings and the language come first: every word on the page depends on them.
  // The story's `story=N` is not a setting: it leaves the hash before the settings are read.
  const storyStart = takeStoryStep();
  const initial = readInitialState();
  // Presenter mode (#embed=VIEW): the one view alone, laid out before anything is drawn.
  initial.values = embedValues(initial.values);
  const embed = startEmbed({ values: initial.values, elements });
  if (embed) document.addEventListener(LANGUAGE_EVENT, () => embed.translate());
  status.info(t("status.loading"));
  // The worker and the main thread's drawing module load side by side.
  // The worker trains with the relaxed-SIMD build where the browser has it (?wasm= forces one;
  // www/wasm-features.js). The drawing copy below follows the same choice, not for speed
  // (drawing spends its time in plotters and the canvas, not in multiply-adds) but so that the
  // page downloads one .wasm file, which the worker and the main thread share, not two.
  const wasmRequest = requestedWasmBuild(window.location.search, window.location.hash);
  if (wasmRequest.problem) console.warn(`LSTM Conveyor: ${wasmRequest.problem}`);
  const wasmBuild = chooseWasmBuild(wasmRequest.build);
  const engine = createEngine({ wasmBuild });
  engine.wasmBuild.then(
    (build) => {
      // Which build trains, for the curious (the line under "What you are seeing") and the tests.
      document.documentElement.dataset.wasmBuild = build;
      const line = document.querySelector("[data-testid=wasm-build]");
      if (line) {
        line.setAttribute("data-i18n", `engine.build.${build}`);
        line.textContent = t(`engine.build.${build}`);
        line.hidden = false;
      }
    },
    () => {},
  );
  // For the browser console and the end-to-end tests of the worker protocol (engine.js).
  window.lstmEngine = engine;
  const charts =
    wasmBuild === "relaxed"
      ? import("../pkg-relaxed/lstm_conveyor.js")
      : import("../pkg/lstm_conveyor.js");
  engine.onFatal((message) => status.fatal(message));
  // The worker has readied its code for the first Play (www/worker.js): www/warm-marks.js.
  engine.onWarm(() => markWarm("engineWarm"));

  let view = null;
  let gates = null;
  let shared = null;
  let teaching = null;
  let controls = null;
  let shownStatusId = null;
  let firstChart = true;

  function drawFrame() {
    const snapshot = engine.latest();
    if (view === null || snapshot === null || status.isFatal()) return;
    try {
      view.drawFrame(snapshot);
      gates.drawFrame(snapshot);
      // The heavy views that are due draw now, after every view has had the snapshot.
      shared.scheduler.finishFrame(snapshot.playing);
    } catch (error) {
      if (isFatalError(error)) status.fatal(describeError(error));
      else status.error(describeError(error));
      return;
    }
    if (firstChart) {
      firstChart = false;
      performance.mark(FIRST_CHART_MARK);
    }
  }
  const loop = createLoop({ drawFrame });

  // Shows a status the worker reports (why training stopped by itself), once per new status.
  function showWorkerStatus(workerStatus) {
    if (workerStatus === null || workerStatus.id === shownStatusId) return;
    shownStatusId = workerStatus.id;
    const shown = teaching?.describeWorkerStatus(workerStatus) ?? workerStatus;
    if (ERROR_KINDS.has(shown.kind)) status.error(shown.message);
    else status.info(shown.message);
  }

  let shownPlaying = false;
  engine.onSnapshot((snapshot) => {
    // Only a change touches the button: a write between frames would make the next frame's
    // drawing wait for a layout.
    if (controls !== null && snapshot.playing !== shownPlaying) {
      shownPlaying = snapshot.playing;
      controls.showPlaying(shownPlaying);
    }
    teaching?.onSnapshot(snapshot);
    embed?.onSnapshot(snapshot);
    showWorkerStatus(snapshot.status);
    loop.requestDraw();
  });

  // The model exists once the worker has created it; a command sent before waits for it.
  const modelReady = (async () => {
    await createModel(engine, initial.values, status);
    await engine.send("setEpochsPerChunk", initial.values.epochsPerFrame);
    await engine.send("setStopEvery", initial.values.targetEpochs);
  })();

  // Sends a command; shows the engine's message if it refuses.
  function run(command, ...args) {
    return modelReady
      .then(() => engine.send(command, ...args))
      .catch((error) => {
        // A diverging epoch is explained by the worker's status, which came with its snapshot.
        if (isFatalEngineError(error) || error.name === "DivergenceError") return;
        status.error(describeError(error));
      });
  }

  // Sends a command once the model exists; rejects with the engine's message if it refuses.
  function send(command, ...args) {
    return modelReady.then(() => engine.send(command, ...args));
  }

  // The controls answer from the first moment, also while the engine is still loading.
  let acted = false;
  controls = wireControls({
    elements,
    actions: {
      toggle() {
        if (status.isFatal()) return;
        acted = true;
        if (engine.latest()?.playing) {
          run("pause");
        } else {
          status.clear();
          run("play");
        }
      },
      step() {
        if (status.isFatal()) return;
        acted = true;
        status.clear();
        run("step", 1);
      },
      reset() {
        if (status.isFatal()) return;
        acted = true;
        status.clear();
        run("reset");
      },
      setSpeed(value) {
        run("setEpochsPerChunk", value);
      },
      hoverAt(x, y) {
        if (status.isFatal() || view === null) return;
        if (view.setHover(view.monthAt(x, y))) loop.requestDraw();
      },
      hoverEnd() {
        if (view?.setHover(undefined)) loop.requestDraw();
      },
    },
  });
  controls.showSpeed(initial.values.epochsPerFrame);
  controls.showPlaying(false);

  await modelReady;
  const wasm = await charts;
  wasm.setPanicHandler((message) => status.fatal(message));
  installCanvasWords(wasm);
  // Every view is mounted over the document (an embedded view's parts were moved, not copied).
  shared = createShared({ wasm, requestDraw: loop.requestDraw });
  view = createView({ root: document, shared });
  gates = createGatesPanel({ root: document, view, run, shared });
  teaching = initTeaching({
    engine,
    send,
    status,
    elements,
    view,
    loop,
    charts: wasm,
    values: initial.values,
    actions: {
      // The same path as the buttons.
      step: () => elements.step.click(),
      reset: () => elements.reset.click(),
      // The presenter keys (www/classroom.js): the belt's previous / next time step.
      explainStep: (direction) => gates.stepBelt(direction),
    },
  });
  teaching.onSnapshot(engine.latest());
  // The story drives the page's controls, so it starts once they are all wired.
  createStory({ root: document, startAt: storyStart });

  window.addEventListener("resize", () => loop.requestDraw());

  if (initial.problems.length > 0) status.error(initial.problems.join(" "));
  else if (!status.isFatal() && !acted) {
    // In classroom mode and embedded views ← / → step the belt (www/classroom.js), not train.
    const presenting = embed !== null || initial.values.classroom;
    status.info(t(presenting ? "status.readyPresenting" : "status.ready"));
  }
  // The first frame is drawn at once, so the charts appear with the page.
  drawFrame();
}

// The offline copy (production builds): independent of the engine, so it starts at once.
startOffline();

main().catch((error) => {
  console.error(error);
  const element = document.querySelector('[data-testid="status"]');
  if (element) {
    element.textContent = t("status.cannotStart", { message: describeError(error) });
    element.className = "status-error";
  }
});
