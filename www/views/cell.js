// The cell diagram and its equation panel: the cell of the trace (LSTM, GRU or RNN) drawn by
// Rust at the selected time step and unit, with focusable buttons over its parts; pointing at,
// focusing or clicking a part (or a heatmap square, www/views/heatmaps.js) shows that part's
// equation with the numbers of the selection in the panel beside the diagram.

import { t } from "../i18n.js";
import { findElements } from "../dom.js";
import { withCanvasWords, canvasTextScale, canvasLook } from "../canvas-words.js";
import { clampSelection } from "./selection.js";
import { cellOf, relabel } from "./cell-words.js";
import { paragraph, setHeight } from "./elements.js";

// Every element this view uses, by data-testid.
const ELEMENT_IDS = {
  cellCanvas: "cell-diagram",
  cellParts: "cell-parts",
  equation: "equation",
};

// mountCell(root, shared): see www/views/page.js for `shared`. Returns { update(snapshot) }.
export function mountCell(root, { wasm, selection, equationPart, scheduler, requestDraw }) {
  const el = findElements(root, ELEMENT_IDS);
  let snapshot = null;
  let snapshotId = 0;
  let sizeKey = "";
  let equationKey = "";
  let cellPartsKey = "";
  // The cell the labels and the equation were last written for.
  let labelledCell = "lstm";

  // The part shown changed (here or on the heatmaps): its equation, at once.
  equationPart.subscribe(() => writeEquation());
  new ResizeObserver(() => requestDraw()).observe(el.cellCanvas);
  scheduler.watch(el.cellCanvas);

  function showEquation(next) {
    equationPart.show(next);
  }

  function writeEquation() {
    if (snapshot === null) return;
    const { shown } = equationPart.get();
    const s = clampSelection(selection.get(), snapshot.trace);
    const key = JSON.stringify([snapshotId, s, shown, canvasLook()]);
    if (key === equationKey) return;
    equationKey = key;
    if (shown === null) return; // the hint stays
    const at = {
      layer: s.layer,
      step: shown.step ?? s.step,
      unit: shown.unit ?? s.unit,
    };
    let eq;
    try {
      eq = wasm.equation(shown.part, snapshot.trace, withCanvasWords(at));
    } catch {
      // A part of another cell (the cell changed under the pointer): back to the hint.
      equationPart.set({ ...equationPart.get(), shown: null });
      el.equation.replaceChildren(paragraph("equation-hint", t("gate.equation.hint")));
      return;
    }
    const where = `${t("gate.timeStep", { t: at.step + 1 })}, ${t("gate.unit", { n: at.unit + 1 })}`;
    el.equation.replaceChildren(
      paragraph("equation-name", `${eq.name} · ${where}`),
      paragraph("equation-math", eq.equation),
      paragraph("equation-shape", t("gate.equation.shape", { shape: eq.shape })),
    );
    el.equation.dataset.part = eq.part;
  }

  // Focusable buttons over the diagram's parts (keyboard and pointer), placed from the layout
  // of the latest drawing; rebuilt only when that layout moved.
  function placeCellParts() {
    const parts = wasm.cellParts(cellOf(snapshot.trace));
    const key = JSON.stringify(parts);
    if (key === cellPartsKey) return;
    cellPartsKey = key;
    const buttons = parts.map((p) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.part = p.part;
      button.setAttribute("aria-label", p.name);
      // No `title`: the tooltip (www/tooltip.js) names the part instead.
      Object.assign(button.style, {
        left: `${p.x}px`,
        top: `${p.y}px`,
        width: `${p.width}px`,
        height: `${p.height}px`,
      });
      const show = () => {
        showEquation({ part: p.part });
        requestDraw();
      };
      button.addEventListener("pointerenter", show);
      button.addEventListener("focus", show);
      button.addEventListener("click", show);
      return button;
    });
    el.cellParts.replaceChildren(...buttons);
  }

  // The canvas' CSS height for its width.
  function fitHeight() {
    const cellWidth = el.cellCanvas.clientWidth;
    const key = JSON.stringify([cellWidth, canvasTextScale()]);
    if (key === sizeKey) return;
    sizeKey = key;
    setHeight(el.cellCanvas, wasm.cellHeight(cellWidth, canvasTextScale()));
  }

  // The title and description name the trace's cell. A new cell also clears the equation
  // shown (its parts are other).
  function labelCell(cell) {
    if (cell === labelledCell) return;
    labelledCell = cell;
    relabel(el.cellCanvas, "data-i18n-aria-label", "gate.cell.alt", cell);
    relabel(
      root.querySelector('[data-i18n^="gate.cellTitle"]'),
      "data-i18n",
      "gate.cellTitle",
      cell,
    );
    equationPart.set({ shown: null, focus: undefined });
    equationKey = "";
    el.equation.replaceChildren(paragraph("equation-hint", t("gate.equation.hint")));
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
      fitHeight();
      writeEquation();
      const { focus } = equationPart.get();
      const ratio = window.devicePixelRatio || 1;
      const sized = [el.cellCanvas.clientWidth, el.cellCanvas.clientHeight, ratio];
      scheduler.offer({
        name: "cell",
        canvas: el.cellCanvas,
        key: JSON.stringify([snapshotId, s, focus, sized, canvasLook()]),
        draw: () => {
          wasm.drawCell(el.cellCanvas, ratio, trace, withCanvasWords({ ...s, focus }));
          placeCellParts();
        },
      });
    },
  };
}
