// When each view draws: only while it is on screen (or nearly), at most once per animation
// frame, and only when its inputs changed. Two kinds of view use it:
//
// - The heavy gate views (heatmaps, belt, gradient, cell: each drawing takes a few
//   milliseconds) offer a job per frame, { name, canvas, key, draw }; finishFrame(playing) draws
//   the jobs whose key changed since their last drawing and whose canvas is on screen. While
//   training plays (a new snapshot every frame) at most VIEWS_PER_FRAME_WHILE_TRAINING of them
//   are drawn per frame, in turn, so that a frame stays within its 16 ms beside the charts; at
//   rest VIEWS_PER_FRAME_AT_REST. The rest follow in the next frames, also when no snapshot
//   comes. A view scrolled into sight catches up at once.
// - The charts (forecast, loss: cheap, redrawn every frame) ask due(canvas, playing): while
//   training, a chart scrolled out of sight is redrawn only every OFF_SCREEN_EVERY-th frame, so
//   that the frame's time goes to the views on screen; always when training stands still.
//
//   const scheduler = createScheduler({ requestDraw });
//   scheduler.watch(canvas);                       // then, in every frame:
//   scheduler.offer({ name, canvas, key, draw });  // by each heavy view
//   scheduler.finishFrame(snapshot.playing);       // by the page, after every view

// How far outside the window a gate view counts as on screen (drawn ahead of scrolling to it).
export const ON_SCREEN_MARGIN = "200px 0px";
// Heavy views drawn per frame while training plays (each takes a few milliseconds).
export const VIEWS_PER_FRAME_WHILE_TRAINING = 1;
// At rest (paused, or catching up after a scroll), two views per frame keep every frame short.
export const VIEWS_PER_FRAME_AT_REST = 2;
// While training, an off-screen chart is redrawn every 30th frame.
export const OFF_SCREEN_EVERY = 30;

// The jobs to draw this frame, in order: those on screen whose key changed, starting at `turn`
// (the view after the last one drawn), at most `budget` of them. Returns { draw, more } (more:
// stale jobs left for the next frames). Pure: the scheduler's rule, unit-tested.
export function pickStale(jobs, { turn, budget, drawnKeys, onScreen }) {
  const order = jobs.map((_, i) => jobs[(turn + i) % jobs.length]);
  const stale = order.filter((job) => onScreen(job.canvas) && job.key !== drawnKeys.get(job.name));
  return { draw: stale.slice(0, budget), more: stale.length > budget };
}

// createScheduler({ requestDraw, observe }): `requestDraw()` asks the page's loop for a frame;
// `observe(callback, options)` makes the visibility observer (IntersectionObserver by default;
// without one, as in Node, every watched canvas counts as on screen).
export function createScheduler({ requestDraw, observe = defaultObserver }) {
  const onScreen = new Set();
  const observers = new Map(); // margin -> observer
  const drawnKeys = new Map(); // job name -> the key it was last drawn with
  let jobs = [];
  let turn = 0;
  let frames = 0;

  function observerFor(margin) {
    if (!observers.has(margin)) {
      const observer = observe(
        (entries) => {
          for (const entry of entries) {
            if (entry.isIntersecting) onScreen.add(entry.target);
            else onScreen.delete(entry.target);
          }
          requestDraw();
        },
        { rootMargin: margin },
      );
      observers.set(margin, observer);
    }
    return observers.get(margin);
  }

  return {
    // Follows whether `canvas` is on screen, `margin` around the window counting; `visible` is
    // what it counts as until the observer first says (the charts start on screen).
    watch(canvas, { margin = ON_SCREEN_MARGIN, visible = false } = {}) {
      const observer = observerFor(margin);
      if (visible || observer === null) onScreen.add(canvas);
      observer?.observe(canvas);
    },
    isOnScreen: (canvas) => onScreen.has(canvas),
    // Whether a chart is drawn in this frame (see the header).
    due(canvas, playing) {
      return !playing || onScreen.has(canvas) || (frames + 1) % OFF_SCREEN_EVERY === 0;
    },
    // A heavy view's drawing for this frame (drawn or not by finishFrame).
    offer(job) {
      jobs.push(job);
    },
    // The key job `name` was last drawn with; markDrawn records a drawing made outside a frame
    // (the belt, when its own clock moves the playhead).
    drawnKey: (name) => drawnKeys.get(name),
    markDrawn(name, key) {
      drawnKeys.set(name, key);
    },
    // Draws this frame's stale jobs within the budget; asks for another frame for the rest.
    finishFrame(playing) {
      const offered = jobs;
      jobs = [];
      frames += 1;
      const budget = playing ? VIEWS_PER_FRAME_WHILE_TRAINING : VIEWS_PER_FRAME_AT_REST;
      const { draw, more } = pickStale(offered, {
        turn,
        budget,
        drawnKeys,
        onScreen: (canvas) => onScreen.has(canvas),
      });
      for (const job of draw) {
        drawnKeys.set(job.name, job.key);
        job.draw();
        turn = (offered.indexOf(job) + 1) % offered.length;
      }
      if (more) requestDraw();
    },
  };
}

function defaultObserver(callback, options) {
  if (typeof IntersectionObserver !== "function") return null;
  return new IntersectionObserver(callback, options);
}
