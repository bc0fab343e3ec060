// The views: the two charts (drawn by Rust onto their canvases), the numbers panel and the
// month read-out under the pointer. drawFrame(snapshot) redraws all of them from the latest
// snapshot the training worker posted (see engine.js); the main thread never trains.
//
// Beside what they draw, the canvases say it in data attributes, for tests and tools:
// the forecast canvas `data-member-count` (the ensemble's members drawn, 0 for one network)
// and `data-baselines` (how many baselines are drawn), the loss canvas `data-best-epoch`
// (early stopping's best epoch; absent without), and both `data-compare` (the second model's
// cell in a comparison; absent without).

import { t, getLanguage } from "./i18n.js";
import { canvasTextScale } from "./canvas-words.js";
import { forecastMarks, untrainedNote, NARROW_CHART } from "./forecast-notes.js";
import {
  BASELINE_IDS,
  baselineLabelKey,
  baselineRows,
  baselinesAt,
  describeBaselines,
} from "./baselines.js";

const NO_VALUE = "–";
const UNAVAILABLE = "—"; // a baseline that cannot be fitted on this series
// An ensemble's member k starts from seed + k · MEMBER_SEED_STRIDE (src/train.rs, same name).
export const MEMBER_SEED_STRIDE = 1000;
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

// A plain description of the model in the page's language, e.g. "1 layer of 40 LSTM units
// reads 24 months, one at a time, and predicts the next month: 6,761 numbers to
// learn.", then how it trains. The article's formula and PyTorch's count are in the parameter
// panel (www/gates.js), not here.
export function describeModel(settings, counts) {
  const cell = t(`option.cell.${settings.cell ?? "lstm"}`);
  const layers =
    settings.layers === 1
      ? t("model.layers.one")
      : t("model.layers.many", { layers: settings.layers });
  const reading = t(`model.reading.${settings.layout}`, { window: settings.window });
  const summary = t("model.summary", {
    cell,
    layers,
    hidden: settings.hidden,
    reading,
    distinct: formatCount(counts.distinct),
  });
  const training = t("model.training", {
    target: t(`model.target.${settings.transform}`),
    optimizer: t(`option.optimizer.${settings.optimizer}`),
    lr: settings.learningRate,
    seed: settings.seed,
  });
  const parts = [summary, training];
  if (settings.ensemble > 1) {
    const seeds = Array.from(
      { length: settings.ensemble },
      (_, k) => settings.seed + MEMBER_SEED_STRIDE * k,
    );
    parts.push(t("model.ensemble", { count: settings.ensemble, seeds: seeds.join(", ") }));
  }
  if (settings.earlyStopping) parts.push(t("model.earlyStopping"));
  // Chinese sentences follow one another without a space.
  return parts.join(getLanguage() === "zh" ? "" : " ");
}

// The words drawn on the two charts, in the page's language; `unit` names the value axis,
// `memberCount` the ensemble's members (0 or 1: a single network), `bestEpoch` early
// stopping's best epoch (undefined without).
export function chartLabels(unit, { memberCount = 0, bestEpoch, compareCell, cell } = {}) {
  const ensemble = memberCount > 1;
  const other = compareCell ? t(`option.cell.${compareCell}`) : "";
  // In a comparison each curve names its cell.
  const own = compareCell && !ensemble ? t(`option.cell.${cell ?? "lstm"}`) : "";
  return {
    forecast: {
      valueAxis: unit,
      legend: [
        t("chart.forecast.actualLegend"),
        ensemble
          ? t("chart.forecast.oneStepMean")
          : own
            ? t("chart.forecast.compareLegend", { cell: own })
            : t("chart.forecast.oneStepLegend"),
        t("chart.forecast.recursiveLegend"),
      ],
      testNote: t("chart.forecast.testNote"),
      members: t("chart.forecast.members", { count: memberCount }),
      baselines: BASELINE_IDS.map((id) => t(baselineLabelKey(id))),
      compare: t("chart.forecast.compareLegend", { cell: other }),
    },
    loss: {
      epochAxis: t("chart.loss.epochAxis"),
      lossAxis: t("chart.loss.axis"),
      legend: [
        compareCell
          ? t("chart.loss.compareTrain", { cell: t(`option.cell.${cell ?? "lstm"}`) })
          : t("chart.loss.trainLegend"),
        compareCell
          ? t("chart.loss.compareTest", { cell: t(`option.cell.${cell ?? "lstm"}`) })
          : t("chart.loss.testLegend"),
        t("chart.loss.validationLegend"),
      ],
      best: t("chart.loss.best"),
      bestLegend: bestEpoch === undefined ? "" : t("chart.loss.bestLegend", { epoch: bestEpoch }),
      emptyHint: t("chart.loss.empty"),
      compare: [
        t("chart.loss.compareTrain", { cell: other }),
        t("chart.loss.compareTest", { cell: other }),
      ],
    },
  };
}

// Whether the window picker (www/window-picker.js) lays its band over the forecast canvas.
function windowMarked(canvas, snapshot) {
  return Boolean(snapshot.trace) && canvas.parentElement?.querySelector(".window-mark") !== null;
}

// Sets a data attribute only when it changes (undefined removes it).
function setData(element, name, value) {
  const text = value === undefined || value === null ? undefined : String(value);
  if (element.dataset[name] === text) return;
  if (text === undefined) delete element.dataset[name];
  else element.dataset[name] = text;
}

// createView({ charts, elements }), where `charts` is the wasm module's drawing functions
// (drawForecast, drawLoss). Returns { drawFrame, setHover, monthAt, forecastFrame,
// setShowBaselines, … }.
export function createView({ charts, elements, requestDraw = () => {} }) {
  let hover = undefined;
  let forecastFrame = null;
  let modelKey = "";
  let unit = t("example.air_passengers.unit");
  let showBaselines = false;
  // The baselines' rows for the chart, made once per report (one per model).
  let rowsOf = { report: undefined, months: 0, rows: null };
  let numbersOf = { report: undefined, key: "" };
  const baselineRmse = {
    seasonal_naive: elements.baselineSeasonalNaive,
    ar12_log: elements.baselineAr12,
    holt_winters: elements.baselineHoltWinters,
  };

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

  // The baselines' one-step rows to draw, or undefined when they are off or not there.
  function baselinesToDraw(snapshot) {
    if (!showBaselines) return undefined;
    const months = snapshot.predictions.actual.length;
    if (rowsOf.report !== snapshot.baselines || rowsOf.months !== months) {
      rowsOf = {
        report: snapshot.baselines,
        months,
        rows: baselineRows(snapshot.baselines, months),
      };
    }
    return rowsOf.rows ?? undefined;
  }

  function drawForecast(snapshot, ratio) {
    const {
      actual,
      oneStep,
      recursive,
      testStart,
      members,
      memberCount = 0,
    } = snapshot.predictions;
    const ensemble = memberCount > 1;
    const baselines = baselinesToDraw(snapshot);
    const compare = snapshot.compare;
    const narrow = elements.forecastCanvas.clientWidth < NARROW_CHART;
    const frame = charts.drawForecast(
      elements.forecastCanvas,
      ratio,
      snapshot.months[0],
      actual,
      oneStep,
      recursive,
      testStart,
      hover,
      {
        ...chartLabels(unit, {
          memberCount,
          compareCell: compare?.cell,
          cell: snapshot.settings.cell,
        }).forecast,
        // The chart's own legend of its marks and, at epoch 0, what the untrained curve is
        // (www/forecast-notes.js); the window's marks are there once the window picker is.
        marks: forecastMarks(snapshot, windowMarked(elements.forecastCanvas, snapshot), narrow),
        note: untrainedNote(snapshot, formatError, narrow),
        textScale: canvasTextScale(),
      },
      ensemble ? members : undefined,
      baselines,
      compare?.predictions.oneStep,
    );
    forecastFrame?.free();
    forecastFrame = frame;
    setData(elements.forecastCanvas, "memberCount", ensemble ? memberCount : 0);
    const drawn = describeBaselines(snapshot.baselines).filter((b) => b.available).length;
    setData(elements.forecastCanvas, "baselines", baselines ? drawn : 0);
    setData(elements.forecastCanvas, "compare", compare?.cell);
  }

  function drawLoss(snapshot, ratio) {
    const { train, test, validation, bestEpoch } = snapshot.history;
    const compare = snapshot.compare;
    charts.drawLoss(
      elements.lossCanvas,
      ratio,
      train,
      test,
      {
        ...chartLabels(unit, {
          bestEpoch,
          compareCell: compare?.cell,
          cell: snapshot.settings.cell,
        }).loss,
        textScale: canvasTextScale(),
      },
      validation,
      bestEpoch,
      compare?.history.train,
      compare?.history.test,
    );
    setData(elements.lossCanvas, "bestEpoch", bestEpoch);
    setData(elements.lossCanvas, "compare", compare?.cell);
  }

  // The baselines' one-step test RMSE, whenever the engine gave them; "—" with the reason as
  // a tooltip for one that cannot be fitted on this series.
  function writeBaselineNumbers(snapshot) {
    const key = t("baseline.unavailable");
    if (numbersOf.report === snapshot.baselines && numbersOf.key === key) return;
    numbersOf = { report: snapshot.baselines, key };
    const group = elements.baselineNumbers;
    group.hidden = !snapshot.baselines;
    for (const entry of describeBaselines(snapshot.baselines)) {
      const element = baselineRmse[entry.id];
      element.textContent = entry.available ? formatError(entry.testRmse) : UNAVAILABLE;
      element.parentElement.classList.toggle("unavailable", !entry.available);
      const title = entry.available
        ? entry.fitted
        : t("baseline.unavailable", { message: entry.message });
      if (title) element.parentElement.title = title;
      else element.parentElement.removeAttribute("title");
    }
  }

  // One column of numbers (the model's, or in a comparison the second model's): the epoch,
  // the latest losses and the test months' errors, into the elements named in `column`.
  function writeColumn(column, { epoch, history, evaluation }) {
    const last = history.train.length - 1;
    column.epoch.textContent = String(epoch);
    column.trainLoss.textContent = formatLoss(history.train[last]);
    column.testLoss.textContent = formatLoss(history.test[last]);
    column.testRmse.textContent = formatError(evaluation.testRmse);
    column.testMape.textContent = formatError(evaluation.testMape);
    column.recursiveRmse.textContent = formatError(evaluation.recursiveRmse);
    column.recursiveMape.textContent = formatError(evaluation.recursiveMape);
  }

  const mainColumn = {
    epoch: elements.epoch,
    trainLoss: elements.trainLoss,
    testLoss: elements.testLoss,
    testRmse: elements.testRmse,
    testMape: elements.testMape,
    recursiveRmse: elements.recursiveRmse,
    recursiveMape: elements.recursiveMape,
  };
  const compareColumn = {
    epoch: elements.compareEpoch,
    trainLoss: elements.compareTrainLoss,
    testLoss: elements.compareTestLoss,
    testRmse: elements.compareTestRmse,
    testMape: elements.compareTestMape,
    recursiveRmse: elements.compareRecursiveRmse,
    recursiveMape: elements.compareRecursiveMape,
  };

  function writeNumbers(snapshot) {
    writeColumn(mainColumn, snapshot);
    writeBaselineNumbers(snapshot);
    writeCompareNumbers(snapshot);
  }

  // The second column of a comparison: the second model's numbers beside the first's, under
  // the names of the two cells, with each one's distinct parameter count.
  function writeCompareNumbers(snapshot) {
    const compare = snapshot.compare;
    elements.numbersList.classList.toggle("comparing", Boolean(compare));
    if (!compare) return;
    writeColumn(compareColumn, compare);
    elements.numbersCell.textContent = t(`option.cell.${snapshot.settings.cell}`);
    elements.compareCell.textContent = t(`option.cell.${compare.cell}`);
    elements.numbersParams.textContent = formatCount(snapshot.paramCount.distinct);
    elements.compareParams.textContent = formatCount(compare.paramCount.distinct);
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
    const compared = snapshot.compare?.predictions.oneStep[hover];
    if (Number.isFinite(compared))
      parts.push(
        t("readout.compare", {
          cell: t(`option.cell.${snapshot.compare.cell}`),
          value: compared.toFixed(1),
        }),
      );
    if (showBaselines && hover >= predictions.testStart) {
      for (const { id, value } of baselinesAt(snapshot.baselines, hover))
        parts.push(
          t("readout.baseline", { name: t(baselineLabelKey(id)), value: value.toFixed(1) }),
        );
    }
    if (hover >= predictions.testStart) parts.push(t("readout.testMonth"));
    elements.readout.textContent = t("readout.unit", { parts: parts.join(" · "), unit });
  }

  function writeModelSummary(snapshot) {
    const key = JSON.stringify([snapshot.settings, snapshot.paramCount, t("model.summary")]);
    if (key === modelKey) return;
    modelKey = key;
    elements.modelSummary.textContent = describeModel(snapshot.settings, snapshot.paramCount);
  }

  function redrawNow() {
    requestDraw();
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
    },
    // Takes the words of the language now in use (the next frame draws them).
    translate() {
      modelKey = "";
      numbersOf = { report: undefined, key: "" };
    },
    // Draws the baselines on the forecast chart, or not.
    setShowBaselines(on) {
      if (showBaselines === on) return;
      showBaselines = on;
      redrawNow();
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
