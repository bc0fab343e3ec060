// The views: the two charts (drawn by Rust onto their canvases), the numbers panel and the
// month read-out under the pointer. drawFrame() redraws all of them from the demo's state.

const NO_VALUE = "–";
const LOSS_DIGITS = 4; // significant digits of a loss
const ERROR_DECIMALS = 2; // decimals of an RMSE (thousands) or a MAPE (percent)

const TRANSFORM_NAMES = {
  min_max: "min–max scaled values",
  log_diff: "month-on-month log changes",
  seasonal_log_diff: "year-on-year log changes",
  window_log_norm: "logs relative to the window's last month",
};
const OPTIMIZER_NAMES = { adagrad: "Adagrad", adam: "Adam", sgd: "SGD with momentum" };

// Formats a loss such as 0.04127; a dash when there is none yet.
export function formatLoss(value) {
  return Number.isFinite(value) ? value.toPrecision(LOSS_DIGITS) : NO_VALUE;
}

// Formats an RMSE or a MAPE as a plain number with two decimals.
export function formatError(value) {
  return Number.isFinite(value) ? value.toFixed(ERROR_DECIMALS) : NO_VALUE;
}

// Formats a count with thousands separators: 6,761.
function formatCount(value) {
  return value.toLocaleString("en-US");
}

// A one-line description of the model, e.g. "1 LSTM layer of 40 units, reading 12 months …".
export function describeModel(settings, counts) {
  const layers = settings.layers === 1 ? "1 LSTM layer" : `${settings.layers} stacked LSTM layers`;
  const reading =
    settings.layout === "sequence"
      ? `reading ${settings.window} months one step at a time`
      : `reading ${settings.window} months in one step`;
  const target = TRANSFORM_NAMES[settings.transform] ?? settings.transform;
  const optimizer = OPTIMIZER_NAMES[settings.optimizer] ?? settings.optimizer;
  return (
    `${layers} of ${settings.hidden} units, ${reading}, trained on ${target} ` +
    `with ${optimizer} (learning rate ${settings.learningRate}, seed ${settings.seed}). ` +
    `${formatCount(counts.distinct)} parameters (the article's formula gives ` +
    `${formatCount(counts.article)}; PyTorch's numel, with its second bias, ${formatCount(counts.numel)}).`
  );
}

// createView({ demo, elements }) returns { drawFrame, setHover, hover }.
export function createView({ demo, elements }) {
  const months = demo.months();
  let hover = undefined;

  function drawCharts() {
    const ratio = window.devicePixelRatio || 1;
    demo.drawForecast(elements.forecastCanvas, ratio, hover);
    demo.drawLoss(elements.lossCanvas, ratio);
  }

  function writeNumbers() {
    const history = demo.lossHistory();
    const metrics = demo.evaluation();
    const last = history.train.length - 1;
    elements.epoch.textContent = String(demo.epoch());
    elements.trainLoss.textContent = formatLoss(history.train[last]);
    elements.testLoss.textContent = formatLoss(history.test[last]);
    elements.testRmse.textContent = formatError(metrics.testRmse);
    elements.testMape.textContent = formatError(metrics.testMape);
    elements.recursiveRmse.textContent = formatError(metrics.recursiveRmse);
    elements.recursiveMape.textContent = formatError(metrics.recursiveMape);
  }

  function writeReadout() {
    if (hover === undefined) {
      elements.readout.textContent = "Point at the chart to read a month.";
      return;
    }
    const predictions = demo.predictions();
    const parts = [`${months[hover]}: actual ${predictions.actual[hover].toFixed(0)}`];
    const oneStep = predictions.oneStep[hover];
    const recursive = predictions.recursive[hover];
    if (Number.isFinite(oneStep)) parts.push(`one-step ${oneStep.toFixed(1)}`);
    if (Number.isFinite(recursive)) parts.push(`recursive ${recursive.toFixed(1)}`);
    if (hover >= predictions.testStart) parts.push("(test month)");
    elements.readout.textContent = `${parts.join(" · ")} thousand passengers`;
  }

  return {
    drawFrame() {
      drawCharts();
      writeNumbers();
      writeReadout();
    },
    // Marks month `month` (undefined for none); returns true when that changed.
    setHover(month) {
      if (month === hover) return false;
      hover = month;
      return true;
    },
    writeModelSummary() {
      elements.modelSummary.textContent = describeModel(demo.settings(), demo.paramCount());
    },
  };
}
