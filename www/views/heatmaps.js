// The heatmaps of the gates (f, i, g, o, c and h; the GRU's r, z, n and h; the RNN's h), drawn
// by Rust (src/web_views.rs) from the trace of the latest snapshot. A click on a square chooses
// its time step and unit for every view; pointing at one shows its equation (the cell view's
// panel); ←/→ choose the time step and ↑/↓ the unit while the canvas has focus.

import { showScale, NO_FIXED_SCALE } from "../colour-scale.js";
import { findElements } from "../dom.js";
import { withCanvasWords, canvasTextScale, canvasLook } from "../canvas-words.js";
import { clampSelection } from "./selection.js";
import { cellOf, relabel } from "./cell-words.js";
import { setData, setHeight } from "./elements.js";

// Every element this view uses, by data-testid.
const ELEMENT_IDS = { gatesCanvas: "gates-canvas" };

// mountHeatmaps(root, shared): see www/views/page.js for `shared`. Returns { update(snapshot) }.
export function mountHeatmaps(
  root,
  { wasm, selection, equationPart, scheduler, requestDraw, colourScale = NO_FIXED_SCALE },
) {
  const el = findElements(root, ELEMENT_IDS);
  let snapshot = null;
  let snapshotId = 0;
  let sizeKey = "";
  // The cell the labels were last written for.
  let labelledCell = "lstm";

  // Chooses (step, unit) (either may be undefined to keep it) and shows it everywhere.
  function select(choice) {
    selection.choose(choice, snapshot?.trace);
  }

  el.gatesCanvas.addEventListener("click", (event) => {
    const hit = wasm.gateAt(event.offsetX, event.offsetY);
    if (hit) select(hit);
  });
  el.gatesCanvas.addEventListener("pointermove", (event) => {
    const hit = wasm.gateAt(event.offsetX, event.offsetY);
    if (hit) equationPart.show({ part: hit.part, step: hit.step, unit: hit.unit });
  });
  el.gatesCanvas.addEventListener("pointerleave", () => {
    const { shown, focus } = equationPart.get();
    if (shown?.step !== undefined) equationPart.show(focus ? { part: focus } : null);
  });
  // Keyboard: ←/→ choose the time step, ↑/↓ the unit (the page's own ← → keys wait).
  el.gatesCanvas.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[event.key];
    if (!move || snapshot === null) return;
    event.preventDefault();
    event.stopPropagation();
    const current = clampSelection(selection.get(), snapshot.trace);
    select({
      step: Math.max(0, current.step + move[0]),
      unit: Math.max(0, current.unit + move[1]),
    });
  });
  new ResizeObserver(() => requestDraw()).observe(el.gatesCanvas);
  scheduler.watch(el.gatesCanvas);

  // The canvas' CSS height for its width and the trace's size.
  function fitHeight(s) {
    const trace = snapshot.trace;
    const width = el.gatesCanvas.clientWidth;
    const units = trace.layers[s.layer].dHidden;
    const cell = cellOf(trace);
    const key = JSON.stringify([cell, width, trace.steps, units, canvasTextScale()]);
    if (key === sizeKey) return;
    sizeKey = key;
    setHeight(el.gatesCanvas, wasm.gatesHeight(width, trace.steps, units, cell, canvasTextScale()));
  }

  // The title and description name the trace's cell.
  function labelCell(cell) {
    if (cell === labelledCell) return;
    labelledCell = cell;
    relabel(el.gatesCanvas, "data-i18n-aria-label", "gate.heatmaps.alt", cell);
    relabel(
      root.querySelector('[data-i18n^="gate.heatmapsTitle"]'),
      "data-i18n",
      "gate.heatmapsTitle",
      cell,
    );
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
      fitHeight(s);
      setData(el.gatesCanvas, "window", String(snapshot.selectedRow));
      const ratio = window.devicePixelRatio || 1;
      const sized = [el.gatesCanvas.clientWidth, el.gatesCanvas.clientHeight, ratio];
      scheduler.offer({
        name: "gates",
        canvas: el.gatesCanvas,
        key: JSON.stringify([snapshotId, s, sized, canvasLook(), colourScale.option(snapshot)]),
        // The c_t grid on the fixed scale when asked for, shown in data-c-scale.
        draw: () =>
          showScale(
            el.gatesCanvas,
            wasm.drawGates(
              el.gatesCanvas,
              ratio,
              trace,
              withCanvasWords({ ...s, ...colourScale.option(snapshot) }),
            ),
          ),
      });
    },
  };
}
