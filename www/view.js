// The views: the two charts (drawn by Rust onto their canvases), the numbers panel and the
// month read-out under the pointer. drawFrame(snapshot) redraws all of them from the latest
// snapshot the training worker posted (see engine.js); the main thread never trains.

import { t } from "./i18n.js";

const NO_VALUE = "–";
const LOSS_DIGITS = 4; // significant digits of a loss
const ERROR_DECIMALS = 2; // decimals of an RMSE (thousands) or a MAPE (percent)
const OFF_SCREEN_EVERY = 30; // while training, an off-screen chart is redrawn every 30th frame

// Formats a loss such as 0.04127; a dash when there is none yet.
export function formatLoss(value) {
  return Number.isFinite(value) ? value.toPrecision(LOSS_DIGITS) : NO_VALUE;
}

// A number with `digits` decimals, or a dash when it is not a number.
function formatNumber(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : NO_VALUE;
}

// Formats an RMSE or a MAPE as a plain number with two decimals.
export function formatError(value) {
  return Number.isFinite(value) ? value.toFixed(ERROR_DECIMALS) : NO_VALUE;
}

// Formats a count with thousands separators: 6,761; a dash for anything but a number.
function formatCount(value) {
  return Number.isFinite(value) ? value.toLocaleString("en-US") : NO_VALUE;
}

// A one-line description of the model in the page's language, e.g. "1 LSTM layer of 40 units,
// reading 12 months one step at a time, …".
export function describeModel(settings, counts) {
  const layers =
    settings.layers === 1
      ? t("model.layers.one")
      : t("model.layers.many", { layers: settings.layers });
  const reading = t(`model.reading.${settings.layout}`, { window: settings.window });
  const summary = t("model.summary", {
    layers,
    hidden: settings.hidden,
    reading,
    target: t(`model.target.${settings.transform}`),
    optimizer: t(`option.optimizer.${settings.optimizer}`),
    lr: settings.learningRate,
    seed: settings.seed,
  });
  const params = t("model.params", {
    distinct: formatCount(counts.distinct),
    article: formatCount(counts.article),
    numel: formatCount(counts.numel),
  });
  return `${summary} ${params}`;
}

// The words drawn on the two charts, in the page's language; `unit` names the value axis.
export function chartLabels(unit) {
  return {
    forecast: {
      valueAxis: unit,
      legend: [t("explain.actual.term"), t("explain.oneStep.term"), t("explain.recursive.term")],
      testNote: t("chart.forecast.testNote"),
    },
    loss: {
      epochAxis: t("chart.loss.epochAxis"),
      lossAxis: t("chart.loss.axis"),
      legend: [t("chart.loss.trainLegend"), t("chart.loss.testLegend")],
      emptyHint: t("chart.loss.empty"),
    },
  };
}

// createView({ charts, elements }), where `charts` is the wasm module's drawing functions
// (drawForecast, drawLoss). Returns { drawFrame, setHover, monthAt, forecastFrame }.
export function createView({ charts, elements, requestDraw = () => {} }) {
  let hover = undefined;
  let forecastFrame = null;
  let modelKey = "";
  let unit = t("example.air_passengers.unit");
  let labels = chartLabels(unit);

  // While training, a chart scrolled out of sight is redrawn only every OFF_SCREEN_EVERY-th
  // frame, so that the frame's time goes to the views on screen (the gate views below the
  // charts); it is drawn again as soon as it comes back into sight, and whenever training is
  // paused. (An exported PNG is then at most a fraction of a second old.)
  let frameCount = 0;
  const onScreen = new Set([elements.forecastCanvas, elements.lossCanvas]);
  if (typeof IntersectionObserver === "function") {
    const visibility = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) onScreen.add(entry.target);
          else onScreen.delete(entry.target);
        }
        requestDraw();
      },
      { rootMargin: "100px" },
    );
    visibility.observe(elements.forecastCanvas);
    visibility.observe(elements.lossCanvas);
  }

  function drawCharts(snapshot) {
    const ratio = window.devicePixelRatio || 1;
    frameCount += 1;
    const due = (canvas) =>
      !snapshot.playing || onScreen.has(canvas) || frameCount % OFF_SCREEN_EVERY === 0;
    if (due(elements.forecastCanvas) || forecastFrame === null) drawForecast(snapshot, ratio);
    if (due(elements.lossCanvas)) drawLoss(snapshot, ratio);
  }

  function drawForecast(snapshot, ratio) {
    const { actual, oneStep, recursive, testStart } = snapshot.predictions;
    const frame = charts.drawForecast(
      elements.forecastCanvas,
      ratio,
      snapshot.months[0],
      actual,
      oneStep,
      recursive,
      testStart,
      hover,
      labels.forecast,
    );
    forecastFrame?.free();
    forecastFrame = frame;
  }

  function drawLoss(snapshot, ratio) {
    charts.drawLoss(
      elements.lossCanvas,
      ratio,
      snapshot.history.train,
      snapshot.history.test,
      labels.loss,
    );
  }

  function writeNumbers(snapshot) {
    const { history, evaluation } = snapshot;
    const last = history.train.length - 1;
    elements.epoch.textContent = String(snapshot.epoch);
    elements.trainLoss.textContent = formatLoss(history.train[last]);
    elements.testLoss.textContent = formatLoss(history.test[last]);
    elements.testRmse.textContent = formatError(evaluation.testRmse);
    elements.testMape.textContent = formatError(evaluation.testMape);
    elements.recursiveRmse.textContent = formatError(evaluation.recursiveRmse);
    elements.recursiveMape.textContent = formatError(evaluation.recursiveMape);
  }

  function writeReadout(snapshot) {
    const predictions = snapshot.predictions;
    if (hover === undefined || hover >= predictions.actual.length) {
      elements.readout.textContent = t("readout.hint");
      return;
    }
    const parts = [
      t("readout.actual", {
        month: snapshot.months[hover],
        value: formatNumber(predictions.actual[hover], 0),
      }),
    ];
    const oneStep = predictions.oneStep[hover];
    const recursive = predictions.recursive[hover];
    if (Number.isFinite(oneStep)) parts.push(t("readout.oneStep", { value: oneStep.toFixed(1) }));
    if (Number.isFinite(recursive))
      parts.push(t("readout.recursive", { value: recursive.toFixed(1) }));
    if (hover >= predictions.testStart) parts.push(t("readout.testMonth"));
    elements.readout.textContent = t("readout.unit", { parts: parts.join(" · "), unit });
  }

  function writeModelSummary(snapshot) {
    const key = JSON.stringify([snapshot.settings, snapshot.paramCount, t("model.summary")]);
    if (key === modelKey) return;
    modelKey = key;
    elements.modelSummary.textContent = describeModel(snapshot.settings, snapshot.paramCount);
  }

  return {
    // Redraws everything from `snapshot`.
    drawFrame(snapshot) {
      drawCharts(snapshot);
      writeNumbers(snapshot);
      writeReadout(snapshot);
      writeModelSummary(snapshot);
    },
    // The unit of the series shown (the value axis, the read-out).
    setUnit(text) {
      unit = text;
      labels = chartLabels(unit);
    },
    // Takes the words of the language now in use (the next frame draws them).
    translate() {
      labels = chartLabels(unit);
      modelKey = "";
    },
    // Marks month `month` (undefined for none); returns true when that changed.
    setHover(month) {
      if (month === hover) return false;
      hover = month;
      return true;
    },
    // The month under the point (x, y) of the forecast chart as last drawn, or undefined.
    monthAt(x, y) {
      return forecastFrame?.monthAt(x, y);
    },
    // Where the forecast chart last landed (monthX(month), plotTop, plotHeight), or null;
    // valid until the next drawFrame.
    forecastFrame() {
      return forecastFrame;
    },
  };
}
