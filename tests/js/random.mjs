// A small seeded generator for the property tests (mulberry32): the same seed gives the same
// cases on every machine, so a failure can be replayed.

export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  return {
    // A uniform draw from [0, 1).
    next,
    // A whole number from min to max, both included.
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    // One of the items.
    pick: (items) => items[Math.floor(next() * items.length)],
    // A number from [min, max] spread evenly over the orders of magnitude (min > 0).
    logUniform: (min, max) => Math.min(max, min * Math.exp(next() * Math.log(max / min))),
  };
}
