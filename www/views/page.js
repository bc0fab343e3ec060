// What every view of the page is mounted with, and the one signature they share:
//
//   const view = mountX(root, shared);   // forecast, loss, numbers, heatmaps, belt, gradient,
//   view.update(snapshot);               // cell, params: in every animation frame
//
// `root` holds the view's parts, found in it by data-testid (the document on the page; an
// embedded view's parts are moved, www/embed.js, and still found there). The source of
// snapshots is the page's one animation loop (www/loop.js): in every frame it hands each
// mounted view the latest snapshot the training worker posted, then calls
// shared.scheduler.finishFrame(playing), which draws the heavy views that are due. A view keeps
// the state only it needs; the state views share is in `shared`:
//
//   wasm          the main thread's drawing module (draw*, *At hit tests, *Height)
//   selection     the selected layer, time step and unit (www/views/selection.js)
//   equationPart  the cell part whose equation is shown (heatmaps and cell)
//   scheduler     when each view draws (www/views/scheduler.js)
//   requestDraw   asks the loop for a frame
//
// The heatmaps and the belt also take `colourScale` (www/colour-scale.js), the gates card's
// "fixed colour scale" checkbox; mounted without it, they scale each drawing by its own trace.

import { markWarm } from "../warm-marks.js";
import { createSelection, createShownPart } from "./selection.js";
import { createScheduler } from "./scheduler.js";

// createShared({ wasm, requestDraw }): the shared state of a page's views. A change of the
// selection asks for a frame, so every view marks it.
export function createShared({ wasm, requestDraw }) {
  const selection = createSelection();
  selection.subscribe(() => requestDraw());
  return {
    wasm,
    selection,
    equationPart: createShownPart(),
    scheduler: createScheduler({
      requestDraw,
      // Every heavy view has been drawn ahead of time (see scheduler.js): for tools.
      onWarm: () => markWarm("viewsWarm"),
    }),
    requestDraw,
  };
}
