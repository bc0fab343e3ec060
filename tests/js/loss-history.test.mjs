// The loss history in pieces (www/loss-history.js): the worker posts only new epochs, the
// page keeps the whole; a history that starts again (Reset, a new seed) is sent whole again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHistorySender, createHistoryKeeper } from "../../www/loss-history.js";

// A stand-in for the engine's Demo: its history is an array of train losses (test = 2 ×,
// validation NaN) and lossHistory(from) answers as src/web.rs does.
function model(train) {
  return {
    train,
    calls: [],
    lossHistory(from = 0) {
      this.calls.push(from);
      const start = from <= this.train.length ? from : 0;
      const tail = this.train.slice(start);
      return {
        from: start,
        length: this.train.length,
        train: Float64Array.from(tail),
        test: Float64Array.from(tail.map((v) => 2 * v)),
        validation: Float64Array.from(tail.map(() => NaN)),
        bestEpoch: undefined,
      };
    },
  };
}

const values = (history) => Array.from(history.train);

test("only new epochs are posted, and the page has the whole history", () => {
  const sender = createHistorySender();
  const keeper = createHistoryKeeper();
  const demo = model([]);
  assert.deepEqual(values(keeper.merge(sender.next(demo))), []);
  demo.train.push(0.9, 0.8, 0.7);
  let piece = sender.next(demo);
  assert.equal(piece.from, 0);
  assert.deepEqual(values(keeper.merge(piece)), [0.9, 0.8, 0.7]);
  for (let epoch = 0; epoch < 200; epoch += 1) demo.train.push(0.5 / (epoch + 1));
  piece = sender.next(demo);
  assert.equal(piece.from, 2, "from the last epoch posted (the overlap)");
  assert.equal(piece.train.length, 201);
  const whole = keeper.merge(piece);
  assert.deepEqual(values(whole), demo.train);
  assert.deepEqual(
    Array.from(whole.test),
    demo.train.map((v) => 2 * v),
  );
  // Nothing new: one epoch, the overlap.
  assert.equal(sender.next(demo).train.length, 1);
});

test("a history that started again is sent whole, even when it is longer than before", () => {
  const sender = createHistorySender();
  const keeper = createHistoryKeeper();
  const demo = model([0.9, 0.8, 0.7]);
  keeper.merge(sender.next(demo));
  // Reset with a new seed, then more epochs than before between two snapshots.
  demo.train = [0.95, 0.85, 0.75, 0.65, 0.55];
  const piece = sender.next(demo);
  assert.equal(piece.from, 0);
  assert.deepEqual(values(keeper.merge(piece)), [0.95, 0.85, 0.75, 0.65, 0.55]);
  // Shorter than before (a reset, one epoch since): the engine answers from 0 itself.
  demo.train = [0.95];
  assert.deepEqual(values(keeper.merge(sender.next(demo))), [0.95]);
});

test("a new model starts from the whole history; forget() does the same", () => {
  const sender = createHistorySender();
  const first = model([0.9, 0.8]);
  sender.next(first);
  const second = model([0.5, 0.4, 0.3]);
  assert.equal(sender.next(second).from, 0);
  sender.forget(first);
  assert.equal(sender.next(first).from, 0);
});
