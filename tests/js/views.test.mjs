// The two modules every view of the page leans on (www/views/): the store of the shared
// selection (and of the equation shown), and the scheduler that decides which view draws in
// which animation frame. Both run here without a DOM: the scheduler takes its visibility
// observer as an argument.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  clampSelection,
  createStore,
  createSelection,
  createShownPart,
  nextShown,
} from "../../www/views/selection.js";
import {
  createScheduler,
  pickCold,
  pickStale,
  OFF_SCREEN_EVERY,
  VIEWS_PER_FRAME_AT_REST,
  VIEWS_PER_FRAME_WHILE_TRAINING,
  WARM_DRAWINGS,
} from "../../www/views/scheduler.js";

// A trace of `steps` time steps with one layer per entry of `units`.
const traceOf = (steps, units) => ({ steps, layers: units.map((dHidden) => ({ dHidden })) });

test("the selection is kept inside the trace; a step not chosen yet is the last", () => {
  const trace = traceOf(12, [8, 4]);
  assert.deepEqual(clampSelection({ layer: 0, step: null, unit: 0 }, trace), {
    layer: 0,
    step: 11,
    unit: 0,
  });
  // A smaller model: layer 5 of 2 is the last one, unit 7 of its 4 the last unit.
  assert.deepEqual(clampSelection({ layer: 5, step: 30, unit: 7 }, trace), {
    layer: 1,
    step: 11,
    unit: 3,
  });
});

test("a store tells its listeners of a change, with why, and not of the same value again", () => {
  const store = createStore({ step: 1, unit: 0 });
  const heard = [];
  const stop = store.subscribe((value, how) => heard.push([value.step, how.why]));
  store.set({ step: 1, unit: 0 }, { why: "same" });
  store.set({ step: 2, unit: 0 }, { why: "moved" });
  store.notify({ why: "asked" });
  stop();
  store.set({ step: 3, unit: 0 });
  assert.deepEqual(heard, [
    [2, "moved"],
    [2, "asked"],
  ]);
  assert.equal(store.get().step, 3);
});

test("a choice is clamped to the trace and heard as chosen, even when nothing changed", () => {
  const selection = createSelection();
  const heard = [];
  selection.subscribe((s, how) => heard.push({ ...s, ...how }));
  const trace = traceOf(12, [8]);
  selection.choose({ step: 40, unit: 2 }, trace, { stopsBelt: true });
  selection.choose({ unit: 2 }, trace);
  // The belt's own playhead moves the step without a choice.
  selection.set({ ...selection.get(), step: 4 });
  assert.deepEqual(heard, [
    { layer: 0, step: 11, unit: 2, chosen: true, stopsBelt: true },
    { layer: 0, step: 11, unit: 2, chosen: true },
    { layer: 0, step: 4, unit: 2 },
  ]);
  // Before the first snapshot there is no trace to clamp to: the choice is kept as made.
  const early = createSelection();
  early.choose({ step: 40 });
  assert.deepEqual(early.get(), { layer: 0, step: 40, unit: 0 });
});

test("a diagram part shown is also the focus; a heatmap square leaves the focus alone", () => {
  assert.deepEqual(nextShown({ shown: null, focus: undefined }, { part: "forget_gate" }), {
    shown: { part: "forget_gate" },
    focus: "forget_gate",
  });
  const square = { part: "input_gate", step: 3, unit: 1 };
  assert.deepEqual(nextShown({ shown: null, focus: "forget_gate" }, square), {
    shown: square,
    focus: "forget_gate",
  });
  assert.deepEqual(nextShown({ shown: square, focus: "forget_gate" }, null), {
    shown: null,
    focus: "forget_gate",
  });
  const part = createShownPart();
  part.show({ part: "cell" });
  part.show(square);
  assert.deepEqual(part.get(), { shown: square, focus: "cell" });
});

// A visibility observer under the test's control: show(canvas, on) plays the browser's part.
function fakeObserver() {
  const callbacks = [];
  return {
    observe(callback) {
      const observer = { observed: [], observe: (canvas) => observer.observed.push(canvas) };
      callbacks.push(callback);
      return observer;
    },
    show(canvas, on) {
      for (const callback of callbacks) callback([{ target: canvas, isIntersecting: on }]);
    },
  };
}

// A scheduler over the canvases `names`, each watched and on screen; returns it with the
// drawings made (in order) and the number of frames asked for.
function schedulerWith(names) {
  const visibility = fakeObserver();
  let asked = 0;
  // Idle periods come only when a test says so (runIdle).
  const idleTasks = [];
  const warmed = [];
  const scheduler = createScheduler({
    requestDraw: () => (asked += 1),
    observe: visibility.observe,
    idle: (task) => idleTasks.push(task),
    onWarm: () => warmed.push(true),
  });
  const runIdle = () => idleTasks.splice(0).forEach((task) => task());
  const canvases = Object.fromEntries(names.map((name) => [name, { name }]));
  for (const canvas of Object.values(canvases)) {
    scheduler.watch(canvas);
    visibility.show(canvas, true);
  }
  const drawn = [];
  const offer = (name, key) =>
    scheduler.offer({ name, canvas: canvases[name], key, draw: () => drawn.push(name) });
  return {
    scheduler,
    visibility,
    canvases,
    drawn,
    offer,
    asked: () => asked,
    runIdle,
    idleTasks,
    warmed,
  };
}

test("while training one stale view draws per frame, in turn; at rest two", () => {
  assert.equal(VIEWS_PER_FRAME_WHILE_TRAINING, 1);
  assert.equal(VIEWS_PER_FRAME_AT_REST, 2);
  const names = ["gates", "belt", "gradient", "cell"];
  const { scheduler, drawn, offer, asked } = schedulerWith(names);
  const frame = (key, playing) => {
    for (const name of names) offer(name, key);
    const before = asked();
    scheduler.finishFrame(playing);
    return asked() > before; // whether another frame was asked for
  };
  // A new snapshot (key 1) while training: gates, then belt, … one per frame.
  assert.equal(frame(1, true), true);
  assert.equal(frame(1, true), true);
  assert.deepEqual(drawn, ["gates", "belt"]);
  // The next snapshot (key 2) starts after the last view drawn, so no view waits for ever.
  frame(2, true);
  assert.deepEqual(drawn, ["gates", "belt", "gradient"]);
  // At rest: two per frame, and no frame asked for once every view is drawn.
  drawn.length = 0;
  assert.equal(frame(2, false), true);
  assert.equal(frame(2, false), false);
  assert.deepEqual(drawn, ["cell", "gates", "belt"]);
  // Nothing changed: nothing drawn.
  assert.equal(frame(2, false), false);
  assert.equal(drawn.length, 3);
});

test("a view off screen is not drawn; scrolled into sight it catches up", () => {
  const { scheduler, visibility, canvases, drawn, offer, asked } = schedulerWith(["gates"]);
  visibility.show(canvases.gates, false);
  offer("gates", 1);
  scheduler.finishFrame(false);
  assert.deepEqual(drawn, []);
  // Coming into sight asks for a frame, which draws it.
  const before = asked();
  visibility.show(canvases.gates, true);
  assert.equal(asked(), before + 1);
  offer("gates", 1);
  scheduler.finishFrame(false);
  assert.deepEqual(drawn, ["gates"]);
  // A drawing made outside a frame (the belt's clock) counts as drawn.
  scheduler.markDrawn("gates", 2);
  offer("gates", 2);
  scheduler.finishFrame(false);
  assert.deepEqual(drawn, ["gates"]);
  assert.equal(scheduler.drawnKey("gates"), 2);
});

test("pickCold takes the view drawn least, skips folded ones and those drawn often enough", () => {
  const job = (name, width = 300) => ({ name, canvas: { clientWidth: width } });
  const jobs = [job("gates"), job("belt"), job("folded", 0), job("cell")];
  const drawings = new Map();
  assert.equal(pickCold(jobs, drawings, 2).name, "gates", "the first offered among equals");
  drawings.set("gates", 1);
  assert.equal(pickCold(jobs, drawings, 2).name, "belt");
  drawings.set("belt", 1).set("cell", 0);
  assert.equal(pickCold(jobs, drawings, 2).name, "cell", "the one drawn least");
  drawings.set("gates", 2).set("belt", 2).set("cell", 2);
  assert.equal(pickCold(jobs, drawings, 2), null, "the folded view is never picked");
  assert.equal(pickCold(jobs, drawings, 3).name, "gates");
  assert.equal(pickCold(jobs, new Map()).name, "gates", "WARM_DRAWINGS by default");
  assert.equal(pickCold(jobs, new Map([["gates", WARM_DRAWINGS]])).name, "belt");
});

test("each view is drawn WARM_DRAWINGS times ahead of time, off screen, one per idle period", () => {
  assert.ok(WARM_DRAWINGS > 1, "drawn more than once: the code tiers up after a few runs");
  const names = ["gates", "belt", "folded"];
  const { scheduler, visibility, canvases, drawn, offer, runIdle, idleTasks, warmed } =
    schedulerWith(names);
  for (const name of names) visibility.show(canvases[name], false);
  canvases.folded.clientWidth = 0; // in a folded part of the page: nothing to warm
  canvases.gates.clientWidth = 300;
  const frame = (key, playing = false) => {
    for (const name of names) offer(name, key);
    scheduler.finishFrame(playing);
  };
  frame(1, true);
  assert.equal(idleTasks.length, 0, "while training plays nothing is drawn ahead of time");
  frame(1);
  assert.deepEqual(drawn, [], "off screen: nothing drawn in the frame");
  assert.equal(idleTasks.length, 1, "at rest one idle period asked for, not one per view");
  frame(1);
  assert.equal(idleTasks.length, 1, "and not again while it waits");
  frame(1, true);
  runIdle();
  assert.deepEqual(drawn, [], "Play pressed before the idle period came: it draws nothing");
  frame(1);
  runIdle();
  assert.deepEqual(drawn, ["gates"], "one drawing per idle period");
  runIdle();
  assert.deepEqual(drawn, ["gates", "belt"], "the view drawn least goes next");
  for (let i = 2; i < 2 * WARM_DRAWINGS; i += 1) {
    assert.deepEqual(warmed, [], "not told while a view is left to draw ahead");
    runIdle();
  }
  const count = (name) => drawn.filter((d) => d === name).length;
  assert.equal(count("gates"), WARM_DRAWINGS);
  assert.equal(count("belt"), WARM_DRAWINGS);
  assert.deepEqual(drawn.slice(0, 4), ["gates", "belt", "gates", "belt"], "in turn");
  assert.equal(idleTasks.length, 0, "the folded view is not warmed, so nothing is left");
  assert.equal(drawn.length, 2 * WARM_DRAWINGS, "and nothing more was drawn");
  assert.deepEqual(warmed, [true], "no view is left to warm: told once");
  // Scrolled into sight with the key it was warmed with, a view is not drawn again ...
  const warmDrawings = drawn.length;
  visibility.show(canvases.gates, true);
  frame(1);
  assert.equal(drawn.length, warmDrawings);
  // ... and with a new key it is, in the frame.
  frame(2);
  assert.deepEqual(drawn.slice(warmDrawings), ["gates"]);
  // Nothing more is drawn ahead of time, and onWarm is not told again.
  canvases.folded.clientWidth = 300;
  frame(3);
  assert.equal(idleTasks.length, 0);
  assert.deepEqual(warmed, [true]);
});

test("a drawing made outside a frame (the belt's clock) counts towards the drawings ahead", () => {
  const { scheduler, visibility, canvases, drawn, offer, runIdle } = schedulerWith(["belt"]);
  visibility.show(canvases.belt, false);
  canvases.belt.clientWidth = 300;
  for (let i = 0; i < WARM_DRAWINGS - 1; i += 1) scheduler.markDrawn("belt", i);
  offer("belt", 0);
  scheduler.finishFrame(false);
  runIdle();
  runIdle();
  assert.deepEqual(drawn, ["belt"], "one drawing ahead was left, not WARM_DRAWINGS");
});

test("a chart off screen draws every OFF_SCREEN_EVERY-th frame while training, always at rest", () => {
  const visibility = fakeObserver();
  const scheduler = createScheduler({ requestDraw: () => {}, observe: visibility.observe });
  const chart = {};
  // The charts count as on screen until the observer first says otherwise.
  scheduler.watch(chart, { margin: "100px", visible: true });
  assert.equal(scheduler.due(chart, true), true);
  visibility.show(chart, false);
  const dueFrames = [];
  for (let frame = 1; frame <= 2 * OFF_SCREEN_EVERY; frame += 1) {
    if (scheduler.due(chart, true)) dueFrames.push(frame);
    assert.equal(scheduler.due(chart, false), true);
    scheduler.finishFrame(true);
  }
  assert.deepEqual(dueFrames, [OFF_SCREEN_EVERY, 2 * OFF_SCREEN_EVERY]);
});

test("without a visibility observer (no browser) every watched view counts as on screen", () => {
  const scheduler = createScheduler({ requestDraw: () => {}, observe: () => null });
  const canvas = {};
  scheduler.watch(canvas);
  assert.equal(scheduler.isOnScreen(canvas), true);
});

test("pickStale starts at the turn and skips views drawn with the same key", () => {
  const jobs = ["a", "b", "c"].map((name) => ({ name, canvas: name, key: 1 }));
  const drawnKeys = new Map([["b", 1]]);
  const { draw, more } = pickStale(jobs, { turn: 1, budget: 1, drawnKeys, onScreen: () => true });
  assert.deepEqual(
    draw.map((job) => job.name),
    ["c"],
  );
  assert.equal(more, true);
});
