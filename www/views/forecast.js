// The forecast chart (drawn by Rust onto its canvas): the series, the one-step and recursive
// predictions, the test months, and on request the baselines, an ensemble's members or the
// second model of a comparison; and the read-out under it, naming the month under the pointer.
//
// Beside what it draws, the canvas says it in data attributes, for tests and tools:
// `data-member-count` (the ensemble's members drawn, 0 for one network), `data-baselines` (how
// many baselines are drawn) and `data-compare` (the second model's cell in a comparison;
// absent without).

import { t } from "../i18n.js";
import { canvasTextScale } from "../canvas-words.js";
import { findElements } from "../dom.js";
import { baselineLabelKey, baselineRows, baselinesAt, describeBaselines } from "../baselines.js";
import { chartLabels } from "./chart-labels.js";
import { formatNumber, formatError } from "./format.js";
import { forecastMarks, untrainedNote, NARROW_CHART } from "../forecast-notes.js";
import { setData } from "./elements.js";

// Every element this view uses, by data-testid.
const ELEMENT_IDS = { forecastCanvas: "forecast-canvas", readout: "readout" };
// How far outside the window the chart counts as on screen.
const ON_SCREEN_MARGIN = "100px";

// mountForecast(root, shared): see www/views/page.js for `shared`. Returns { update(snapshot),
// setUnit, setShowBaselines, setHover, monthAt, forecastFrame }.
// Whether the window picker (www/window-picker.js) lays its band over the forecast canvas.
function windowMarked(canvas, snapshot) {
  return Boolean(snapshot.trace) && canvas.parentElement?.querySelector(".window-mark") !== null;
}

export function mountForecast(root, { wasm: charts, scheduler, requestDraw }) {
  const elements = findElements(root, ELEMENT_IDS);
  let hover = undefined;
  let forecastFrame = null;
  let unit = t("example.air_passengers.unit");
  let showBaselines = false;
  // The baselines' one-step rows for the chart, made once per report (one per model).
  let rowsOf = { report: undefined, months: 0, rows: null };

  new ResizeObserver(() => requestDraw()).observe(elements.forecastCanvas);
  scheduler.watch(elements.forecastCanvas, { margin: ON_SCREEN_MARGIN, visible: true });

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

  return {
    // Redraws the chart (when due, see www/views/scheduler.js) and the read-out from `snapshot`.
    update(snapshot) {
      const ratio = window.devicePixelRatio || 1;
      if (scheduler.due(elements.forecastCanvas, snapshot.playing) || forecastFrame === null)
        drawForecast(snapshot, ratio);
      writeReadout(snapshot);
    },
    // The unit of the series shown (the value axis, the read-out).
    setUnit(text) {
      unit = text;
    },
    // Draws the baselines on the forecast chart, or not.
    setShowBaselines(on) {
      if (showBaselines === on) return;
      showBaselines = on;
      requestDraw();
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
