// The loss history travels in pieces: the training worker posts, with each snapshot, only the
// epochs the page does not have yet, and the page keeps the whole history. (Posting the whole
// history with every snapshot made each frame's work grow with the epochs trained: at 100,000
// epochs, three arrays of 100,000 numbers built, posted and drawn sixty times a second.)
//
//   worker:  const sender = createHistorySender();
//            snapshot.history = sender.next(demo);          // { from, length, train, … }
//   page:    const keeper = createHistoryKeeper();
//            snapshot.history = keeper.merge(snapshot.history);  // the whole history again
//
// A model's history can start again (Reset, a new seed, an undone epoch): the sender asks for
// one epoch it already posted and, when that epoch's loss is not the one it posted, asks for
// the whole history again; the engine answers a `from` past its end with the whole history too.

const SERIES = ["train", "test", "validation"];

// The worker's side, per model: how many epochs were posted and the last train loss posted.
export function createHistorySender() {
  const sent = new WeakMap();
  return {
    // The piece of `model.lossHistory(from)` the page lacks, overlap-checked as above.
    next(model) {
      const before = sent.get(model);
      let piece = model.lossHistory(before && before.length > 0 ? before.length - 1 : 0);
      if (before && before.length > 0 && piece.from === before.length - 1) {
        // The overlapping epoch must be the one posted last; else the history started again.
        if (!Object.is(piece.train[0], before.last)) piece = model.lossHistory(0);
      }
      const { length, train } = piece;
      sent.set(model, { length, last: train[train.length - 1] });
      return piece;
    },
    // Forgets what was posted for `model`: its next piece is the whole history.
    forget(model) {
      sent.delete(model);
    },
  };
}

// The page's side: the whole history of one model, grown from the pieces.
export function createHistoryKeeper() {
  let length = 0;
  let store = Object.fromEntries(SERIES.map((name) => [name, new Float64Array(64)]));
  return {
    // `piece` merged into the history kept; returns the whole history, `{ train, test,
    // validation, bestEpoch }` with each series a view of `length` epochs.
    merge(piece) {
      if (!Number.isInteger(piece?.from)) return piece; // already whole (an old worker)
      const total = piece.length;
      if (store.train.length < total) {
        const capacity = Math.max(total, 2 * store.train.length);
        store = Object.fromEntries(
          SERIES.map((name) => {
            const grown = new Float64Array(capacity);
            grown.set(store[name].subarray(0, Math.min(length, piece.from)));
            return [name, grown];
          }),
        );
      }
      for (const name of SERIES) store[name].set(piece[name], piece.from);
      length = total;
      const whole = Object.fromEntries(
        SERIES.map((name) => [name, store[name].subarray(0, length)]),
      );
      return { ...whole, bestEpoch: piece.bestEpoch };
    },
  };
}
