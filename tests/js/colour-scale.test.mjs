// Unit tests of www/colour-scale.js: the option the drawing functions get for the fixed scale.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixedScaleOption } from "../../www/colour-scale.js";

test("the fixed scale goes to the drawings only when asked for and known", () => {
  const snapshot = { keptCellScale: 3 };
  assert.deepEqual(fixedScaleOption(true, snapshot), { fixedScale: 3 });
  assert.deepEqual(fixedScaleOption(false, snapshot), {});
  // Before the worker has sent it (the first snapshot after the checkbox) each drawing scales
  // by its own trace.
  assert.deepEqual(fixedScaleOption(true, { keptCellScale: null }), {});
  assert.deepEqual(fixedScaleOption(true, null), {});
  assert.deepEqual(fixedScaleOption(true, { keptCellScale: 0 }), {});
  assert.deepEqual(fixedScaleOption(true, { keptCellScale: NaN }), {});
});
