// The soak's verdict (scripts/soak-verdict.mjs): the snapshot cap's epoch, "flat", the clicks.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  FLAT_LIMIT,
  baselineIndex,
  capEpoch,
  clickLatency,
  clickVerdict,
  growthOf,
  isKeptEpoch,
  verdict,
} from "../../scripts/soak-verdict.mjs";

const MIB = 1024 * 1024;

// Samples every 1,000 epochs, the worker's wasm at `wasm(epoch)` and the heap at `heap(epoch)`.
function samples(wasm, heap, last = 10000) {
  const rows = [];
  for (let epoch = 0; epoch <= last; epoch += 1000) {
    rows.push({ epoch, wasmBytes: wasm(epoch), heapUsed: heap(epoch) });
  }
  return rows;
}

const quickClicks = [
  { eventTimingMs: 24, firstPaintMs: 20, appliedMs: 30 },
  { eventTimingMs: null, firstPaintMs: 9, appliedMs: 12 },
];

test("the kept epochs follow the snapshot store's schedule", () => {
  const kept = [];
  for (let epoch = 0; epoch <= 130; epoch += 1) if (isKeptEpoch(epoch)) kept.push(epoch);
  assert.deepEqual(
    kept,
    [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120],
  );
  assert.ok(isKeptEpoch(10000) && isKeptEpoch(2500) && !isKeptEpoch(2600));
});

test("the cap is reached when the kept snapshots outgrow it, or never", () => {
  // The default network: 6,921 weights of 4 bytes; 39 kept epochs up to 10,000, about 1 MiB.
  assert.equal(capEpoch(6921 * 4, 10000), null);
  // 1 MiB snapshots under a 10 MiB cap: the 11th kept epoch (after 0 … 6, 8, 10, 12) goes over.
  assert.equal(capEpoch(MIB, 10000, 10 * MIB), 15);
  assert.throws(() => capEpoch(0, 10000), /snapshotBytes/);
});

test("flatness is measured from the first sample at or after the cap", () => {
  const rows = samples(
    () => 0,
    () => 0,
  );
  assert.equal(baselineIndex(rows, null), 1); // epoch 1,000: the first after epoch 0
  assert.equal(baselineIndex(rows, 2500), 3); // epoch 3,000
  assert.equal(baselineIndex(rows, 20000), -1);
});

test("memory that settles after the cap is flat", () => {
  // Grows while the store fills, then 0.3 MiB more over 9,000 epochs (the loss history).
  const rows = samples(
    (e) => (e === 0 ? 5 * MIB : 12 * MIB + e * 32),
    (e) => 3 * MIB + e * 16,
  );
  const v = verdict(rows, quickClicks, null);
  assert.equal(v.baselineEpoch, 1000);
  assert.ok(v.series.every((s) => s.flat));
  assert.ok(v.ok);
});

test("a steady leak is not flat", () => {
  // 400 bytes an epoch: 3.4 MiB over 9,000 epochs, more than 5 % of 12 MiB or 1 MiB.
  const rows = samples(
    (e) => 12 * MIB + e * 400,
    () => 3 * MIB,
  );
  const wasm = growthOf(rows, "wasmBytes", 1);
  assert.equal(wasm.flat, false);
  assert.equal(wasm.growth, 9000 * 400);
  assert.equal(wasm.limit, FLAT_LIMIT.bytes);
  const v = verdict(rows, quickClicks, null);
  assert.equal(v.ok, false);
  assert.deepEqual(
    v.series.map((s) => s.flat),
    [false, true],
  );
});

test("the limit is 5 % of a large baseline", () => {
  const rows = samples(
    (e) => 100 * MIB + (e >= 5000 ? 4 * MIB : 0),
    () => 0,
  );
  const wasm = growthOf(rows, "wasmBytes", 1);
  assert.equal(wasm.limit, 5 * MIB);
  assert.ok(wasm.flat);
});

test("a sample without the figure is refused", () => {
  const rows = samples(
    () => MIB,
    () => MIB,
  );
  rows[4].heapUsed = undefined;
  assert.throws(() => growthOf(rows, "heapUsed", 1), /epoch 4000 has no heapUsed/);
});

test("a click's latency is Event Timing's duration, else the first frame after it", () => {
  assert.equal(clickLatency({ eventTimingMs: 40, firstPaintMs: 12 }), 40);
  assert.equal(clickLatency({ eventTimingMs: null, firstPaintMs: 12 }), 12);
  assert.throws(() => clickLatency({ eventTimingMs: null, firstPaintMs: null }), /no latency/);
});

test("one slow click fails the click limit", () => {
  const ok = clickVerdict(quickClicks);
  assert.deepEqual(ok.latencies, [24, 9]);
  assert.equal(ok.ok, true);
  assert.equal(ok.applied.ok, true);
  const slow = clickVerdict([...quickClicks, { eventTimingMs: 120, firstPaintMs: 110 }]);
  assert.equal(slow.max, 120);
  assert.equal(slow.median, 24);
  assert.equal(slow.ok, false);
  // That click's button never changed: pointerdown → changed counts as over the limit.
  assert.equal(slow.applied.ok, false);
  assert.throws(() => clickVerdict([]), /no clicks/);
});
