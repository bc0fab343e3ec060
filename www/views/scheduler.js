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
//
// A view's first drawings are many times slower than the later ones: the browser runs wasm
// drawing code it has not run before in its baseline compiler, compiles it again with its
// optimising one once it has run a while (on the same few cores the page and the training
// worker use), and measures every label in fonts it has not shaped (measured at the defaults
// while training: drawGates 67 ms and drawBelt 53 ms the first time, 5 and 9 ms after). Done
// when the learner scrolls to the view or presses Play, that is a visible stutter, so each
// heavy view is drawn WARM_DRAWINGS times ahead of time, off screen, while the page is idle:
// one drawing per idle period (requestIdleCallback, or a short timeout where there is none),
// the charts' frames going first, the view drawn least so far first; not while training plays
// (Play pressed before the end: the views on screen warm up by being drawn). (Counted by
// bench/compile.mjs at the defaults, gate views on screen: after Play, 158-178 ms of
// optimising compilation, 66-72 ms of it in the first half second, with one drawing ahead (3
// runs); 92-114 ms and 18-22 ms with 20 (6 runs); 40 (2 runs) did no better; the page is ready
// 0.9 s after opening with one, 1.8 s with 20; the worker readied the engine in both.)
// `onWarm()` is called once, when no view is left to draw ahead of time (the page marks
// <html data-views-warm>, www/warm-marks.js, for the benchmark and the tests). A view in a folded part of the page
// has no size and is not drawn ahead; unfolded, it draws as before.

// How far outside the window a gate view counts as on screen (drawn ahead of scrolling to it).
export const ON_SCREEN_MARGIN = "200px 0px";
// Heavy views drawn per frame while training plays (each takes a few milliseconds).
export const VIEWS_PER_FRAME_WHILE_TRAINING = 1;
// At rest (paused, or catching up after a scroll), two views per frame keep every frame short.
export const VIEWS_PER_FRAME_AT_REST = 2;
// While training, an off-screen chart is redrawn every 30th frame.
export const OFF_SCREEN_EVERY = 30;
// How often each heavy view is drawn ahead of time (see the header; bench/compile.mjs counts
// the optimising compilations left after Play for a given number).
export const WARM_DRAWINGS = 20;

// The jobs to draw this frame, in order: those on screen whose key changed, starting at `turn`
// (the view after the last one drawn), at most `budget` of them. Returns { draw, more } (more:
// stale jobs left for the next frames). Pure: the scheduler's rule, unit-tested.
export function pickStale(jobs, { turn, budget, drawnKeys, onScreen }) {
  const order = jobs.map((_, i) => jobs[(turn + i) % jobs.length]);
  const stale = order.filter((job) => onScreen(job.canvas) && job.key !== drawnKeys.get(job.name));
  return { draw: stale.slice(0, budget), more: stale.length > budget };
}

// The job to draw ahead of time: of those whose canvas has a size (a canvas in a folded part of
// the page has none, and nothing to warm) and that were drawn fewer than `wanted` times, the
// one drawn least (the first offered among equals); null when none is left. `drawings` maps a
// job's name to how often it was drawn. Pure.
export function pickCold(jobs, drawings, wanted = WARM_DRAWINGS) {
  let cold = null;
  for (const job of jobs) {
    const count = drawings.get(job.name) ?? 0;
    if (count >= wanted || job.canvas.clientWidth === 0) continue;
    if (cold === null || count < (drawings.get(cold.name) ?? 0)) cold = job;
  }
  return cold;
}

// createScheduler({ requestDraw, observe, idle, onWarm }): `requestDraw()` asks the page's loop
// for a frame; `observe(callback, options)` makes the visibility observer (IntersectionObserver
// by default; without one, as in Node, every watched canvas counts as on screen); `idle(task)`
// runs `task` when the page is idle (see the header); `onWarm()` is told once no view is left to
// draw ahead of time.
export function createScheduler({
  requestDraw,
  observe = defaultObserver,
  idle = defaultIdle,
  onWarm = () => {},
}) {
  const onScreen = new Set();
  const observers = new Map(); // margin -> observer
  const drawnKeys = new Map(); // job name -> the key it was last drawn with
  const drawings = new Map(); // job name -> how often it was drawn
  let jobs = [];
  let turn = 0;
  let frames = 0;
  // The latest job each view offered (for the drawing ahead of time), and whether an idle task
  // is waiting to draw one, and whether onWarm was told (after which nothing is drawn ahead).
  const latest = new Map();
  let warming = false;
  let warm = false;
  // Whether the last frame was drawn while training plays: then nothing is drawn ahead of time
  // (the views on screen warm up by being drawn, and an off-screen drawing in an idle period
  // would only lengthen the frame after it); it goes on at the next frame at rest.
  let playing = false;

  function drawJob(job) {
    drawnKeys.set(job.name, job.key);
    drawings.set(job.name, (drawings.get(job.name) ?? 0) + 1);
    job.draw();
  }

  // Asks for an idle period to draw one view ahead of time in, unless one is asked for already.
  function warmUp() {
    if (warming || warm || playing) return;
    if (pickCold([...latest.values()], drawings) === null) {
      if (latest.size > 0) {
        warm = true;
        onWarm();
      }
      return;
    }
    warming = true;
    idle(() => {
      warming = false;
      if (playing) return;
      const job = pickCold([...latest.values()], drawings);
      if (job !== null) drawJob(job);
      warmUp();
    });
  }

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
      latest.set(job.name, job);
    },
    // The key job `name` was last drawn with; markDrawn records a drawing made outside a frame
    // (the belt, when its own clock moves the playhead).
    drawnKey: (name) => drawnKeys.get(name),
    markDrawn(name, key) {
      drawnKeys.set(name, key);
      drawings.set(name, (drawings.get(name) ?? 0) + 1);
    },
    // Draws this frame's stale jobs within the budget; asks for another frame for the rest.
    finishFrame(playingNow) {
      playing = playingNow;
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
        drawJob(job);
        turn = (offered.indexOf(job) + 1) % offered.length;
      }
      if (more) requestDraw();
      warmUp();
    },
  };
}

// How long to wait for an idle period where the browser has no requestIdleCallback (Safari).
const IDLE_FALLBACK_MS = 200;

function defaultIdle(task) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(() => task());
  else setTimeout(task, IDLE_FALLBACK_MS);
}

function defaultObserver(callback, options) {
  if (typeof IntersectionObserver !== "function") return null;
  return new IntersectionObserver(callback, options);
}
