// The page's warm-up marks (www/warm-marks.js): each part marks itself, and ready-to-play comes
// only once every part has, in either order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { WARM_PARTS, markWarm } from "../../www/warm-marks.js";

test("ready-to-play is marked once both warm-ups are done, in either order", () => {
  assert.deepEqual(WARM_PARTS, ["viewsWarm", "engineWarm"]);
  for (const order of [WARM_PARTS, [...WARM_PARTS].reverse()]) {
    const dataset = {};
    markWarm(order[0], dataset);
    assert.equal(dataset[order[0]], "true");
    assert.equal(dataset.readyToPlay, undefined, `not ready after ${order[0]} alone`);
    markWarm(order[1], dataset);
    assert.equal(dataset.readyToPlay, "true");
  }
  // Marked again (a second kind of model readied later): still ready, nothing else set.
  const dataset = {};
  for (const part of [...WARM_PARTS, "engineWarm"]) markWarm(part, dataset);
  assert.deepEqual(Object.keys(dataset).sort(), ["engineWarm", "readyToPlay", "viewsWarm"]);
});
