// The one requestAnimationFrame loop of the page. Training runs in the worker (engine.js);
// this loop only draws. Any number of requests between two frames — a snapshot from the
// worker, a resize, the pointer moving — draw once, in the next frame; with nothing to draw,
// no frame is requested at all.

// createLoop({ drawFrame }) returns { requestDraw, cancel }; drawFrame() redraws the views.
export function createLoop({ drawFrame }) {
  let frameId = 0;

  function runFrame() {
    frameId = 0;
    drawFrame();
  }

  return {
    // Asks for a redraw in the next frame (several requests in one frame draw once).
    requestDraw() {
      if (frameId === 0) frameId = requestAnimationFrame(runFrame);
    },
    // Drops a pending redraw.
    cancel() {
      if (frameId !== 0) cancelAnimationFrame(frameId);
      frameId = 0;
    },
  };
}
