// The window picker: which input window the gate views explain. A slider over the windows
// (the arrow keys move it when it has focus), or a click on a month of the forecast chart; the
// chosen window's months and the month it predicts are marked over the forecast chart.
//
// Rows count the windows in month order: row r predicts month firstTarget + r, from the W
// months before it. Rows 0 … trainWindowCount − 1 are training windows, the rest test windows.
// Until the learner chooses, the last training window is shown (and again after the series or
// the window length changes the set of windows).

import { t } from "./i18n.js";

// The first month a snapshot's windows predict (row 0's target).
export function firstTarget(snapshot) {
  return snapshot.trace.targetMonth - snapshot.selectedRow;
}

// The row whose window predicts month `month`, or undefined when no window does.
export function rowForMonth(snapshot, month) {
  const row = month - firstTarget(snapshot);
  return row >= 0 && row < snapshot.windowCount ? row : undefined;
}

// The months of the selected window: { first, last, target } (indices into the series).
export function windowMonths(snapshot) {
  const target = snapshot.trace.targetMonth;
  return { first: Math.max(0, target - snapshot.settings.window), last: target - 1, target };
}

// createWindowPicker({ slider, label, forecastCanvas, view, run }) returns { update(snapshot) },
// to call after every drawing of the forecast chart.
export function createWindowPicker({ slider, label, forecastCanvas, view, run }) {
  let latest = null;
  let chosen = false; // whether the learner picked a window for the current set of windows
  let windowsKey = "";
  let requested = null; // the row asked for and not yet shown
  let labelKey = "";
  let markKey = "";

  const card = forecastCanvas.parentElement;
  card.style.position = "relative";
  const spanMark = document.createElement("div");
  spanMark.className = "window-mark";
  spanMark.dataset.testid = "window-mark";
  const targetMark = document.createElement("div");
  targetMark.className = "window-mark target";
  for (const mark of [spanMark, targetMark]) {
    mark.hidden = true;
    card.appendChild(mark);
  }

  function choose(row) {
    if (latest === null || row === undefined) return;
    chosen = true;
    if (row === latest.selectedRow && requested === null) return;
    requested = row;
    run("selectWindow", row);
  }

  slider.addEventListener("input", () => choose(Number(slider.value)));
  forecastCanvas.addEventListener("click", (event) => {
    if (latest === null) return;
    const month = view.monthAt(event.offsetX, event.offsetY);
    if (month !== undefined) choose(rowForMonth(latest, month));
  });

  function writeLabel(snapshot) {
    const { first, last, target } = windowMonths(snapshot);
    const months = snapshot.months;
    const kind =
      snapshot.selectedRow < snapshot.trainWindowCount
        ? t("gate.window.training")
        : t("gate.window.test");
    const text = t("gate.window.label", {
      row: snapshot.selectedRow + 1,
      count: snapshot.windowCount,
      first: months[first] ?? "",
      last: months[last] ?? "",
      month: months[target] ?? "",
      kind,
    });
    if (text === labelKey) return;
    labelKey = text;
    label.textContent = text;
    slider.setAttribute("aria-valuetext", text);
  }

  // Places the marks over the chart's plotting area (only when they moved).
  function placeMarks(snapshot) {
    const frame = view.forecastFrame();
    if (!frame) return;
    const { first, last, target } = windowMonths(snapshot);
    const left = forecastCanvas.offsetLeft;
    const top = forecastCanvas.offsetTop + frame.plotTop;
    const x0 = left + frame.monthX(first - 0.5);
    const x1 = left + frame.monthX(last + 0.5);
    const xt = left + frame.monthX(target);
    const key = [x0, x1, xt, top, frame.plotHeight].map((v) => v.toFixed(1)).join();
    if (key === markKey) return;
    markKey = key;
    Object.assign(spanMark.style, {
      left: `${x0}px`,
      width: `${Math.max(1, x1 - x0)}px`,
      top: `${top}px`,
      height: `${frame.plotHeight}px`,
    });
    Object.assign(targetMark.style, {
      left: `${xt - 1}px`,
      width: "0px",
      top: `${top}px`,
      height: `${frame.plotHeight}px`,
    });
    spanMark.hidden = false;
    targetMark.hidden = false;
  }

  return {
    // Shows `snapshot`'s window; the first time (and when the windows change) picks the last
    // training window.
    update(snapshot) {
      latest = snapshot;
      const key = `${snapshot.windowCount}/${snapshot.trainWindowCount}/${snapshot.seriesName}`;
      if (key !== windowsKey) {
        windowsKey = key;
        chosen = false;
        slider.max = String(snapshot.windowCount - 1);
      }
      if (requested === snapshot.selectedRow) requested = null;
      const lastTraining = Math.max(0, snapshot.trainWindowCount - 1);
      if (!chosen && requested === null && snapshot.selectedRow !== lastTraining) {
        requested = lastTraining;
        run("selectWindow", lastTraining);
      }
      if (requested === null && slider.value !== String(snapshot.selectedRow)) {
        slider.value = String(snapshot.selectedRow);
      }
      writeLabel(snapshot);
      placeMarks(snapshot);
    },
  };
}
