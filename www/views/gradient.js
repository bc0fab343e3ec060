// The gradient flow under the belt: how large ∂L/∂c_t and ∂L/∂h_t are at each time step of the
// window (src/web_views.rs draws it from the trace). In a comparison the second model's flow
// is drawn under it, both on one scale, each with a caption naming its cell. A click on a bar
// chooses its time step for every view and pauses the belt.

import { setRichText } from "../rich-text.js";
import { t } from "../i18n.js";
import { findElements } from "../dom.js";
import { withCanvasWords, canvasLook } from "../canvas-words.js";
import { clampSelection } from "./selection.js";
import { setData } from "./elements.js";

// Every element this view uses, by data-testid.
const ELEMENT_IDS = {
  gradientCanvas: "gradient-canvas",
  gradientCaption: "gradient-caption",
  gradientCompareCanvas: "gradient-compare-canvas",
  gradientCompareCaption: "gradient-compare-caption",
  gradientCompareNote: "gradient-compare-note",
};

// mountGradient(root, shared): see www/views/page.js for `shared`. Returns { update(snapshot) }.
export function mountGradient(root, { wasm, selection, scheduler }) {
  const el = findElements(root, ELEMENT_IDS);
  let snapshot = null;
  let snapshotId = 0;

  el.gradientCanvas.addEventListener("click", (event) => {
    const step = wasm.gradientAt(event.offsetX, event.offsetY);
    if (step !== undefined) selection.choose({ step }, snapshot?.trace, { stopsBelt: true });
  });
  scheduler.watch(el.gradientCanvas);

  // The gradient flow; in a comparison also the second model's, under it, both on one scale
  // (each drawing takes the other's norms into its axis), each with a caption naming its cell.
  function drawGradients(trace, s, ratio) {
    const other = snapshot.compare?.trace;
    const comparing = Boolean(other);
    for (const element of [
      el.gradientCaption,
      el.gradientCompareCanvas,
      el.gradientCompareCaption,
      el.gradientCompareNote,
    ])
      element.hidden = !comparing;
    if (!comparing) {
      wasm.drawGradientFlow(
        el.gradientCanvas,
        ratio,
        trace,
        withCanvasWords({ layer: s.layer, step: s.step }),
      );
      return;
    }
    const layer = Math.min(s.layer, other.layers.length - 1);
    const norms = (t, l) => [...t.layers[l].dCellNorm, ...t.layers[l].dHiddenNorm];
    const cell = snapshot.settings.cell;
    const otherCell = snapshot.compare.cell;
    // The captions' math (‖∂L/∂c_t‖) with subscripts.
    setRichText(
      el.gradientCaption,
      t(`gate.grad.caption.${cell}`, { cell: t(`option.cell.${cell}`) }),
    );
    setRichText(
      el.gradientCompareCaption,
      t(`gate.grad.caption.${otherCell}`, { cell: t(`option.cell.${otherCell}`) }),
    );
    el.gradientCompareNote.textContent = t("gate.grad.compareNote");
    wasm.drawGradientFlow(
      el.gradientCanvas,
      ratio,
      trace,
      withCanvasWords({ layer: s.layer, step: s.step, shared: norms(other, layer) }),
    );
    wasm.drawGradientFlow(
      el.gradientCompareCanvas,
      ratio,
      other,
      withCanvasWords({
        layer,
        step: Math.min(s.step, other.steps - 1),
        shared: norms(trace, s.layer),
      }),
    );
    setData(el.gradientCompareCanvas, "cell", otherCell);
  }

  return {
    // Offers the drawing of `next` (the latest snapshot) to the scheduler.
    update(next) {
      if (next !== snapshot) {
        snapshot = next;
        snapshotId += 1;
      }
      const trace = snapshot.trace;
      const s = clampSelection(selection.get(), trace);
      const ratio = window.devicePixelRatio || 1;
      const sized = [el.gradientCanvas.clientWidth, el.gradientCanvas.clientHeight, ratio];
      scheduler.offer({
        name: "gradient",
        canvas: el.gradientCanvas,
        key: JSON.stringify([snapshotId, s.layer, s.step, sized, canvasLook()]),
        draw: () => drawGradients(trace, s, ratio),
      });
    },
  };
}
