// The conveyor belt (src/web_views.rs draws it from the trace): the cell line c_t through the
// window's time steps with what each gate keeps and adds, its own playhead (play / pause,
// previous and next step, a speed) that moves the shared selection's step, the line above it
// naming the window's months, and "show all units". A click on a station chooses its step and
// unit for every view. Only the belt redraws every frame while it plays.

import { setRichText } from "../rich-text.js";
import { showScale, NO_FIXED_SCALE } from "../colour-scale.js";
import { t } from "../i18n.js";
import { createBeltAnimation, stationOf, DEFAULT_BELT_SPEED } from "../belt-animation.js";
import { formatNumber } from "../csv.js";
import { findElements } from "../dom.js";
import { withCanvasWords, canvasTextScale, canvasLook } from "../canvas-words.js";
import { clampSelection } from "./selection.js";
import { cellOf, relabel } from "./cell-words.js";
import { setData, setHeight } from "./elements.js";

// Every element this view uses, by data-testid.
const ELEMENT_IDS = {
  beltCanvas: "belt-canvas",
  beltPlay: "belt-play",
  beltStep: "belt-step",
  beltPrev: "belt-prev",
  beltSpeed: "belt-speed",
  beltStepLabel: "belt-step-label",
  beltWindow: "belt-window",
  beltAllUnits: "belt-all-units",
};
// The lanes of the belt unless "show all units" is on (0 asks Rust for every unit).
const BELT_LANES = 8;
const ALL_LANES = 0;

// mountBelt(root, shared): see www/views/page.js for `shared`. Returns { update(snapshot),
// stepBelt(direction) }.
export function mountBelt(
  root,
  { wasm, selection, scheduler, requestDraw, colourScale = NO_FIXED_SCALE },
) {
  const el = findElements(root, ELEMENT_IDS);
  let snapshot = null;
  let snapshotId = 0;
  let lanes = BELT_LANES;
  let sizeKey = "";
  // The cell the labels were last written for.
  let labelledCell = "lstm";

  const belt = createBeltAnimation({
    onMove(playhead) {
      if (snapshot === null) return;
      const step = stationOf(playhead, snapshot.trace.steps);
      // The playhead's own move: no choice, so the playhead is not moved back to a station.
      selection.set({ ...selection.get(), step });
      drawBelt();
    },
  });
  // A choice made in a view (the belt's, the heatmaps', the gradient's): the playhead goes
  // there; a click on the belt or on a gradient bar pauses it first.
  selection.subscribe((s, how) => {
    if (!how.chosen) return;
    if (how.stopsBelt) belt.pause();
    belt.moveTo(s.step ?? 0);
  });

  el.beltCanvas.addEventListener("click", (event) => {
    const hit = wasm.beltAt(event.offsetX, event.offsetY);
    if (hit) selection.choose(hit, snapshot?.trace, { stopsBelt: true });
  });

  // --- the belt's controls ------------------------------------------------------------------

  function showBeltPlaying() {
    const playing = belt.playing();
    el.beltPlay.textContent = playing ? t("gate.belt.pause") : t("gate.belt.play");
    el.beltPlay.setAttribute("aria-pressed", String(playing));
  }
  el.beltPlay.addEventListener("click", () => {
    belt.toggle();
    showBeltPlaying();
  });
  el.beltStep.addEventListener("click", () => {
    belt.step();
    showBeltPlaying();
  });
  el.beltPrev.addEventListener("click", () => {
    belt.back();
    showBeltPlaying();
  });
  el.beltSpeed.value = String(DEFAULT_BELT_SPEED);
  el.beltSpeed.addEventListener("change", () => belt.setSpeed(Number(el.beltSpeed.value)));
  el.beltAllUnits.addEventListener("change", () => {
    lanes = el.beltAllUnits.checked ? ALL_LANES : BELT_LANES;
    requestDraw();
  });
  scheduler.watch(el.beltCanvas);
  showBeltPlaying();

  // --- drawing ------------------------------------------------------------------------------

  // The canvas' CSS height for its width and the trace's size. The belt's lanes (the most
  // active units) may change with the weights: measured again with every snapshot while
  // training stands still, and not during training, when a snapshot comes every frame.
  function fitHeight(s) {
    const trace = snapshot.trace;
    const beltWidth = el.beltCanvas.clientWidth;
    const key = JSON.stringify([
      cellOf(trace),
      beltWidth,
      trace.steps,
      trace.layers[s.layer].dHidden,
      s.layer,
      s.unit,
      lanes,
      snapshot.playing ? "playing" : snapshotId,
      canvasTextScale(),
      colourScale.fixed(),
    ]);
    if (key === sizeKey) return;
    sizeKey = key;
    setHeight(
      el.beltCanvas,
      wasm.beltHeight(
        beltWidth,
        trace,
        withCanvasWords({ layer: s.layer, unit: s.unit, lanes, ...colourScale.option(snapshot) }),
      ),
    );
  }

  // The belt's step read-out, also for tests: `data-step` and `data-unit` count from 1.
  function writeBeltStep(s) {
    const label = t("gate.belt.stepLabel", {
      t: s.step + 1,
      steps: snapshot.trace.steps,
      unit: s.unit + 1,
    });
    if (el.beltStepLabel.textContent !== label) el.beltStepLabel.textContent = label;
    setData(el.beltCanvas, "step", String(s.step + 1));
    setData(el.beltCanvas, "unit", String(s.unit + 1));
    writeBeltWindow(s);
  }

  // Where the belt's numbers come from: the window's months and values, the month it predicts,
  // and what the selected step reads, raw and as the transformed x_t the network sees.
  function writeBeltWindow(s) {
    const line = beltWindowText(snapshot, s, root.querySelector(".series-unit")?.textContent ?? "");
    // A series without a unit (the learner's own) leaves no empty brackets behind.
    const tidy = line?.replaceAll("（）", "").replace(/ +(?=[.,:)])/g, "");
    if (tidy != null) setRichText(el.beltWindow, tidy);
  }

  function beltKey(s) {
    const { clientWidth, style } = el.beltCanvas;
    return JSON.stringify([
      snapshotId,
      s.layer,
      s.unit,
      lanes,
      belt.playhead(),
      clientWidth,
      style.height,
      canvasLook(),
      colourScale.option(snapshot),
    ]);
  }

  function paintBelt(s) {
    const opts = { layer: s.layer, playhead: belt.playhead(), unit: s.unit, lanes };
    // The fixed colour scale when asked for; the scale in use goes to data-c-scale.
    const scale = wasm.drawBelt(
      el.beltCanvas,
      window.devicePixelRatio || 1,
      snapshot.trace,
      withCanvasWords({ ...opts, ...colourScale.option(snapshot) }),
    );
    showScale(el.beltCanvas, scale);
  }

  // Draws the belt alone, when the belt's clock moved the playhead.
  function drawBelt() {
    if (snapshot === null) return;
    const s = clampSelection(selection.get(), snapshot.trace);
    writeBeltStep(s);
    const key = beltKey(s);
    if (!scheduler.isOnScreen(el.beltCanvas) || key === scheduler.drawnKey("belt")) return;
    scheduler.markDrawn("belt", key);
    paintBelt(s);
  }

  // The title and description name the trace's cell; the belt's lanes are the LSTM's units on
  // c_t: the other cells show one unit's h_t, so "show all units" is the LSTM's alone.
  function labelCell(cell) {
    if (cell === labelledCell) return;
    labelledCell = cell;
    relabel(el.beltCanvas, "data-i18n-aria-label", "gate.belt.alt", cell);
    relabel(
      root.querySelector('[data-i18n^="gate.conveyor.title"]'),
      "data-i18n",
      "gate.conveyor.title",
      cell,
    );
    const allUnits = el.beltAllUnits.closest("label");
    if (allUnits) allUnits.hidden = cell !== "lstm";
  }

  return {
    // Offers the drawing of `next` (the latest snapshot) to the scheduler.
    update(next) {
      if (next !== snapshot) {
        snapshot = next;
        snapshotId += 1;
        labelCell(cellOf(next.trace));
      }
      const trace = snapshot.trace;
      const s = clampSelection(selection.get(), trace);
      belt.setSteps(trace.steps);
      fitHeight(s);
      // A belt standing still stands at the selected step (the first drawing, a new window).
      if (!belt.playing()) belt.moveTo(s.step);
      writeBeltStep(s);
      scheduler.offer({
        name: "belt",
        canvas: el.beltCanvas,
        key: beltKey(s),
        draw: () => paintBelt(s),
      });
    },
    // One step of the explanation along the belt: +1 the next time step, -1 the previous one
    // (the presenter keys of classroom mode and embedded views, www/classroom.js).
    stepBelt(direction) {
      if (direction < 0) el.beltPrev.click();
      else el.beltStep.click();
    },
  };
}

// The belt's window line for selection `s` (unit: the series' unit, e.g. "thousand passengers"),
// or null before the snapshot knows its months. With one month per step it names the month the
// step reads; the article's shape (one step that reads the whole window) says so instead.
export function beltWindowText(snapshot, s, unit) {
  const { trace, months, settings } = snapshot;
  const actual = snapshot.predictions?.actual;
  if (!months || !actual) return null;
  const target = trace.targetMonth;
  const first = Math.max(0, target - settings.window);
  const values = actual.slice(first, target);
  const show = (v) =>
    Number.isFinite(v) ? formatNumber(Math.abs(v) >= 100 ? Math.round(v) : v) : "–";
  const whole = t("gate.belt.window", {
    first: months[first],
    last: months[target - 1],
    count: target - first,
    low: show(Math.min(...values)),
    high: show(Math.max(...values)),
    unit,
    target: months[target] ?? "",
    actual: show(actual[target]),
  });
  const layer = trace.layers[0];
  if (trace.steps === 1 && layer.dInput > 1)
    return `${whole} ${t("gate.belt.windowWhole", { count: layer.dInput })}`;
  const month = first + s.step;
  const x = layer.input[s.step * layer.dInput];
  return `${whole} ${t("gate.belt.windowStep", {
    t: s.step + 1,
    month: months[month] ?? "",
    raw: show(actual[month]),
    unit,
    x: Number.isFinite(x) ? x.toFixed(2).replace("-", "−") : "–",
  })}`;
}
