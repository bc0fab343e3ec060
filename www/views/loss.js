// The loss chart (drawn by Rust onto its canvas): the training and test loss per epoch, the
// validation loss and early stopping's best epoch when there are, and a comparison's second
// model. The canvas says `data-best-epoch` (absent without early stopping) and `data-compare`
// (the second model's cell in a comparison; absent without), for tests and tools.

import { canvasTextScale } from "../canvas-words.js";
import { findElements } from "../dom.js";
import { chartLabels } from "./chart-labels.js";
import { setData } from "./elements.js";

// Every element this view uses, by data-testid.
const ELEMENT_IDS = { lossCanvas: "loss-canvas" };
// How far outside the window the chart counts as on screen.
const ON_SCREEN_MARGIN = "100px";
// The loss chart names no unit.
const unit = "";

// mountLoss(root, shared): see www/views/page.js for `shared`. Returns { update(snapshot) }.
export function mountLoss(root, { wasm: charts, scheduler, requestDraw }) {
  const elements = findElements(root, ELEMENT_IDS);

  new ResizeObserver(() => requestDraw()).observe(elements.lossCanvas);
  scheduler.watch(elements.lossCanvas, { margin: ON_SCREEN_MARGIN, visible: true });

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

  return {
    // Redraws the chart from `snapshot` when due (see www/views/scheduler.js).
    update(snapshot) {
      if (scheduler.due(elements.lossCanvas, snapshot.playing))
        drawLoss(snapshot, window.devicePixelRatio || 1);
    },
  };
}
