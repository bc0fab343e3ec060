// The pure parts of the tooltip (www/tooltip.js) and of the forecast chart's notes
// (www/forecast-notes.js): where the tip goes, which value of the trace it shows, and what the
// untrained network's one-step curve is found to be.
import { test } from "node:test";
import assert from "node:assert/strict";
import { placeTip, valueOf, EDGE, POINTER_GAP } from "../../www/tooltip.js";
import { untrainedFinding, untrainedNote, CLOSE } from "../../www/forecast-notes.js";

const VIEWPORT = { width: 1000, height: 800 };
const SIZE = { width: 300, height: 120 };

function inside({ left, top }) {
  return (
    left >= EDGE &&
    top >= EDGE &&
    left + SIZE.width <= VIEWPORT.width - EDGE &&
    top + SIZE.height <= VIEWPORT.height - EDGE
  );
}

function coversPoint({ left, top }, { x, y }) {
  return x >= left && x <= left + SIZE.width && y >= top && y <= top + SIZE.height;
}

test("the tip sits right of and below the pointer, flipped near the edges", () => {
  const middle = placeTip({ x: 400, y: 300 }, SIZE, VIEWPORT);
  assert.deepEqual(middle, { left: 400 + POINTER_GAP, top: 300 + POINTER_GAP });
  const corner = placeTip({ x: 950, y: 760 }, SIZE, VIEWPORT);
  assert.deepEqual(corner, { left: 950 - POINTER_GAP - 300, top: 760 - POINTER_GAP - 120 });
  for (const point of [
    { x: 2, y: 2 },
    { x: 998, y: 2 },
    { x: 2, y: 798 },
    { x: 998, y: 798 },
    { x: 500, y: 400 },
  ]) {
    const at = placeTip(point, SIZE, VIEWPORT);
    assert.ok(inside(at), `${JSON.stringify(point)} → ${JSON.stringify(at)}`);
    assert.ok(!coversPoint(at, point), `covers ${JSON.stringify(point)}`);
  }
});

test("on a narrow screen the tip still leaves the pointer's point free", () => {
  const phone = { width: 390, height: 844 };
  const at = placeTip({ x: 195, y: 400 }, { width: 360, height: 100 }, phone);
  assert.ok(at.left >= EDGE && at.left + 360 <= phone.width - EDGE);
  assert.ok(at.top > 400 || at.top + 100 < 400, JSON.stringify(at));
});

test("beside a part: right of it, else left of it, else below it", () => {
  const part = { left: 100, top: 200, right: 160, bottom: 230 };
  assert.deepEqual(placeTip(part, SIZE, VIEWPORT), { left: 168, top: 200 });
  const right = { left: 800, top: 200, right: 860, bottom: 230 };
  assert.deepEqual(placeTip(right, SIZE, VIEWPORT), { left: 800 - 8 - 300, top: 200 });
  const phone = { width: 390, height: 844 };
  const wide = { width: 360, height: 100 };
  const below = placeTip({ left: 150, top: 300, right: 200, bottom: 330 }, wide, phone);
  assert.equal(below.top, 338);
  assert.ok(below.left + 360 <= phone.width - EDGE);
});

test("a value is read from the trace's row of its part, time-major", () => {
  const layer = {
    dInput: 1,
    dHidden: 2,
    input: new Float32Array([0.5, -0.25]),
    forgetGate: new Float32Array([0.1, 0.2, 0.3, 0.4]),
    hidden: new Float32Array([1, 2, 3, 4]),
    kept: new Float32Array(),
    rows: { update_gate: new Float32Array([0.9, 0.8, 0.7, 0.6]) },
  };
  assert.equal(valueOf(layer, "f", 1, 0), layer.forgetGate[2]);
  assert.equal(valueOf(layer, "x", 1, 0), -0.25);
  assert.equal(valueOf(layer, "hPrev", 0, 1), 0);
  assert.equal(valueOf(layer, "hPrev", 1, 1), 2);
  assert.equal(valueOf(layer, "z", 1, 1), layer.rows.update_gate[3]);
  assert.equal(valueOf(layer, "k", 0, 0), undefined, "an empty row has no value");
  assert.equal(valueOf({ ...layer, dInput: 12 }, "x", 0, 0), undefined);
});

test("an untrained curve close to last month is named so, with the naive RMSE", () => {
  const actual = [100, 110, 120, 130, 140, 150, 160, 170];
  const oneStep = actual.map((_, m) => (m === 0 ? NaN : actual[m - 1] * 1.01));
  const found = untrainedFinding({ actual, oneStep, testStart: 6 });
  assert.equal(found.kind, "lastMonth");
  assert.ok(Math.abs(found.factor - 1.01) < 1e-12);
  assert.ok(found.spread < 1e-12);
  assert.equal(found.naiveRmse, 10);
});

test("a flat or a patternless curve is not called 'last month'", () => {
  const actual = [100, 200, 100, 200, 100, 200, 100, 200];
  const flat = actual.map((_, m) => (m === 0 ? NaN : 150));
  const found = untrainedFinding({ actual, oneStep: flat, testStart: 6 });
  assert.deepEqual(found, { kind: "flat", value: 150, low: 150, high: 150 });
  // Nearly flat: within 5 % of the series' range (100) around one value.
  const nearly = actual.map((_, m) => (m === 0 ? NaN : 150 + (m % 2)));
  assert.equal(untrainedFinding({ actual, oneStep: nearly, testStart: 6 }).kind, "flat");
  const wild = actual.map((_, m) => (m === 0 ? NaN : m % 3 === 0 ? 50 : 300));
  assert.equal(untrainedFinding({ actual, oneStep: wild, testStart: 6 }).kind, "none");
  // A curve just outside the bound is not called close.
  const off = actual.map((_, m) => (m === 0 ? NaN : actual[m - 1] * (m % 2 ? 1 : 1 + 3 * CLOSE)));
  assert.notEqual(untrainedFinding({ actual, oneStep: off, testStart: 6 }).kind, "lastMonth");
  assert.equal(untrainedFinding({ actual, oneStep: actual.map(() => NaN), testStart: 6 }), null);
});

test("the epoch-0 note is for an untrained network only, not for weights loaded from a file", () => {
  const actual = [100, 110, 120, 130, 140, 150, 160, 170];
  const oneStep = actual.map((_, m) => (m === 0 ? NaN : actual[m - 1]));
  const snapshot = {
    epoch: 0,
    viewingEpoch: null,
    predictions: { actual, oneStep, testStart: 6 },
    evaluation: { testRmse: 10 },
  };
  const format = (v) => v.toFixed(2);
  assert.equal(untrainedNote(snapshot, format).length, 4);
  assert.deepEqual(untrainedNote({ ...snapshot, weightsFromFile: true }, format), []);
  assert.deepEqual(untrainedNote({ ...snapshot, epoch: 3 }, format), []);
  // Looking back at epoch 0 of a trained network shows its untrained weights.
  assert.equal(untrainedNote({ ...snapshot, epoch: 3, viewingEpoch: 0 }, format).length, 4);
});
