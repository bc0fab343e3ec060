// The gate views of issue 4, under one card of the page: the heatmaps, the conveyor belt with
// the gradient bars under it, the cell diagram with its equations, and the parameter panel,
// each its own module in www/views/ drawn by Rust (src/web_views.rs) from the trace the latest
// snapshot carries. Every view follows the trace's cell (trace.cell: "lstm", "gru" or "rnn").
// One selection (layer, time step, unit) is shared by every view (www/views/selection.js): a
// click on a heatmap square, a belt lane or a gradient bar chooses it, the belt's playhead
// moves it along the steps, and every view marks it. What is left here are the card's own
// controls, which choose what all of its views show: the window picker, the epoch scrubber,
// the layer picker and the card's title.
//
//   const gates = createGatesPanel({ root: document, view, run, shared });
//   gates.drawFrame(snapshot);   // from the page's animation loop, after the charts

import { createWindowPicker } from "./window-picker.js";
import { createScrubber } from "./scrubber.js";
import { findElements } from "./dom.js";
import { t } from "./i18n.js";
import { clampSelection } from "./views/selection.js";
import { cellOf, relabel } from "./views/cell-words.js";
import { mountHeatmaps } from "./views/heatmaps.js";
import { mountBelt } from "./views/belt.js";
import { mountGradient } from "./views/gradient.js";
import { mountCell } from "./views/cell.js";
import { mountParams } from "./views/params.js";
import { attachTips } from "./tooltip.js";
import { createColourScale } from "./colour-scale.js";

// Earlier homes of these helpers, for code that still imports them from here.
export { clampSelection } from "./views/selection.js";
export { cellOf, cellKey } from "./views/cell-words.js";
export { beltWindowText } from "./views/belt.js";

// Every element this module uses, by data-testid.
const ELEMENT_IDS = {
  windowPicker: "window-picker",
  windowLabel: "window-label",
  layerSelect: "layer-select",
  epochScrubber: "epoch-scrubber",
  epochLabel: "epoch-label",
  epochLive: "epoch-live",
  fixedScale: "fixed-scale",
  forecastCanvas: "forecast-canvas",
};

// createGatesPanel({ root, view, run, shared }): `view` the charts (view.js: monthAt,
// forecastFrame), `run(command, ...args)` sends a command to the training worker, `shared`
// what the views share (www/views/page.js: createShared). The views are mounted in the order
// the scheduler takes its turns in.
export function createGatesPanel({ root, view, run, shared }) {
  const el = findElements(root, ELEMENT_IDS);
  const { selection, requestDraw } = shared;
  let snapshot = null;
  let labelledCell = "lstm";

  const windowPicker = createWindowPicker({
    slider: el.windowPicker,
    label: el.windowLabel,
    forecastCanvas: el.forecastCanvas,
    view,
    run,
  });
  const scrubber = createScrubber({
    slider: el.epochScrubber,
    label: el.epochLabel,
    liveButton: el.epochLive,
    container: el.epochScrubber.closest(".scrubber"),
    run,
  });
  // The heatmaps' and the belt's colour scale, fixed over the kept epochs on request: the
  // card's checkbox, handed to the two views that colour by c_t.
  const colourScale = createColourScale({
    checkbox: el.fixedScale,
    run,
    onChange: requestDraw,
  });
  const heatmaps = mountHeatmaps(root, { ...shared, colourScale });
  const belt = mountBelt(root, { ...shared, colourScale });
  const gradient = mountGradient(root, shared);
  const cell = mountCell(root, shared);
  const params = mountParams(root, shared);
  const views = [heatmaps, belt, gradient, cell, params];
  // The tooltip next to the pointer over the heatmaps, the belt and the cell diagram's parts
  // (www/tooltip.js) reads the latest snapshot and the selection from here.
  attachTips({
    wasm: shared.wasm,
    elements: findElements(root, {
      gatesCanvas: "gates-canvas",
      beltCanvas: "belt-canvas",
      cellParts: "cell-parts",
    }),
    current: () => ({
      snapshot,
      selection: snapshot ? clampSelection(selection.get(), snapshot.trace) : null,
    }),
  });

  el.layerSelect.addEventListener("change", () => {
    selection.set({ ...selection.get(), layer: Number(el.layerSelect.value) });
  });

  function showLayers(layers) {
    const picker = el.layerSelect.closest(".layer-picker");
    picker.hidden = layers <= 1;
    if (el.layerSelect.options.length === layers) return;
    el.layerSelect.replaceChildren(
      ...Array.from(
        { length: layers },
        (_, n) => new Option(t("gate.layer", { n: n + 1 }), String(n)),
      ),
    );
    el.layerSelect.value = String(Math.min(selection.get().layer, layers - 1));
  }

  return {
    // One step of the explanation along the belt: +1 the next time step, -1 the previous one
    // (the presenter keys of classroom mode and embedded views, www/classroom.js).
    stepBelt: (direction) => belt.stepBelt(direction),
    // Hands `next` (the latest snapshot) to every view; what changed is drawn by the scheduler.
    drawFrame(next) {
      if (next !== snapshot) {
        snapshot = next;
        windowPicker.update(next);
        scrubber.update(next);
        showLayers(next.trace.layers.length);
        // The card's title names the cell.
        const cellName = cellOf(next.trace);
        if (cellName !== labelledCell) {
          labelledCell = cellName;
          relabel(root.querySelector("#gates-title"), "data-i18n", "gate.title", cellName);
        }
      } else {
        // The forecast chart was redrawn (a resize, the pointer): its marks may have moved.
        windowPicker.update(next);
      }
      selection.set(clampSelection(selection.get(), next.trace));
      for (const v of views) v.update(next);
    },
  };
}
