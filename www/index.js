// Bootstrap: loads the engine (Rust compiled to wasm), creates the demo from the URL's
// settings, and connects the views, the animation loop and the controls.

import { readSettings } from "./settings.js";
import { createStatus, describeError, isFatalError } from "./status.js";
import { createLoop } from "./loop.js";
import { createView } from "./view.js";
import { wireControls } from "./controls.js";

// Every element the page script uses, by data-testid.
const ELEMENT_IDS = {
  play: "play",
  step: "step",
  reset: "reset",
  speed: "speed",
  status: "status",
  forecastCanvas: "forecast-canvas",
  lossCanvas: "loss-canvas",
  readout: "readout",
  epoch: "epoch",
  trainLoss: "train-loss",
  testLoss: "test-loss",
  testRmse: "test-rmse",
  testMape: "test-mape",
  recursiveRmse: "recursive-rmse",
  recursiveMape: "recursive-mape",
  modelSummary: "model-summary",
};

// Returns { name: element } for ELEMENT_IDS, or throws naming the missing one.
function findElements(root) {
  const elements = {};
  for (const [name, id] of Object.entries(ELEMENT_IDS)) {
    const element = root.querySelector(`[data-testid="${id}"]`);
    if (!element) throw new Error(`the page has no element with data-testid="${id}"`);
    elements[name] = element;
  }
  return elements;
}

// Creates the demo from the URL's settings; if the engine refuses them, from its defaults.
function createDemo(wasm, engineSettings, status) {
  try {
    return new wasm.Demo(engineSettings);
  } catch (error) {
    if (isFatalError(error)) throw error;
    status.error(`These settings do not work (${describeError(error)}); using the defaults.`);
    return new wasm.Demo({});
  }
}

async function main() {
  const elements = findElements(document);
  const status = createStatus(elements.status);
  status.info("Loading the engine…");

  const settings = readSettings(window.location.search);
  const wasm = await import("../pkg/lstm_conveyor.js");
  wasm.setPanicHandler((message) => status.fatal(message));

  const demo = createDemo(wasm, settings.engine, status);
  const view = createView({ demo, elements });
  let epochsPerFrame = settings.page.epochsPerFrame;
  const stopEvery = settings.page.stopEvery;
  let loop = null;
  let controls = null;

  // Runs a call into the engine; shows what went wrong and stops playing when it throws.
  function guard(action) {
    try {
      action();
      return true;
    } catch (error) {
      loop.pause();
      if (isFatalError(error)) status.fatal(describeError(error));
      else status.error(describeError(error));
      loop.requestDraw();
      return false;
    }
  }

  function trainFrame() {
    const epoch = demo.epoch();
    const nextStop = (Math.floor(epoch / stopEvery) + 1) * stopEvery;
    const epochs = Math.min(epochsPerFrame, nextStop - epoch);
    if (!guard(() => demo.trainEpochs(epochs))) return false;
    if (demo.epoch() >= nextStop) {
      status.info(`Paused at epoch ${demo.epoch()}. Press Play to train on.`);
      return false;
    }
    return true;
  }

  function drawFrame() {
    if (status.isFatal()) return;
    try {
      view.drawFrame();
    } catch (error) {
      loop.pause();
      if (isFatalError(error)) status.fatal(describeError(error));
      else status.error(describeError(error));
    }
  }

  loop = createLoop({
    trainFrame,
    drawFrame,
    onPlayingChange: (playing) => controls?.showPlaying(playing),
  });

  controls = wireControls({
    elements,
    actions: {
      toggle() {
        if (status.isFatal()) return;
        if (!loop.isPlaying()) status.clear();
        loop.toggle();
      },
      step() {
        if (status.isFatal()) return;
        loop.pause();
        status.clear();
        guard(() => demo.trainEpochs(1));
        loop.requestDraw();
      },
      reset() {
        if (status.isFatal()) return;
        loop.pause();
        status.clear();
        guard(() => demo.reset());
        loop.requestDraw();
      },
      setSpeed(value) {
        epochsPerFrame = value;
      },
      hoverAt(x, y) {
        if (status.isFatal()) return;
        if (view.setHover(demo.forecastMonthAt(x, y))) loop.requestDraw();
      },
      hoverEnd() {
        if (view.setHover(undefined)) loop.requestDraw();
      },
    },
  });
  controls.showSpeed(epochsPerFrame);
  controls.showPlaying(false);

  for (const canvas of [elements.forecastCanvas, elements.lossCanvas]) {
    new ResizeObserver(() => loop.requestDraw()).observe(canvas);
  }
  window.addEventListener("resize", () => loop.requestDraw());

  view.writeModelSummary();
  if (settings.problems.length > 0) status.error(settings.problems.join(" "));
  else status.info("Ready. Press Play (or the space bar) to train, → for one epoch.");
  // The first frame is drawn at once, so the charts appear with the page.
  drawFrame();
}

main().catch((error) => {
  console.error(error);
  const element = document.querySelector('[data-testid="status"]');
  if (element) {
    element.textContent = `The page could not start: ${describeError(error)}`;
    element.className = "status-error";
  }
});
