// The baselines on the page (www/baselines.js): the engine's ids in the engine's order, every
// baseline named in both languages, and the report turned into the chart's rows and the
// numbers panel's entries — also when a baseline could not be fitted on the series.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  BASELINE_IDS,
  baselineLabelKey,
  describeBaselines,
  baselineRows,
  baselinesAt,
} from "../../www/baselines.js";
import { LANGUAGES, STRINGS } from "../../www/i18n.js";

const source = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

// A report as demo.baselines() gives it, for `ids` fitted on a series of `months` months.
function report(ids, months, unavailable = []) {
  const oneStep = new Float64Array(ids.length * months);
  ids.forEach((_, k) => {
    for (let m = 0; m < months; m += 1) oneStep[k * months + m] = m < 12 ? NaN : 100 * (k + 1) + m;
  });
  return {
    ids,
    labels: ids,
    fitted: ids.map((id) => `${id} fitted`),
    oneStep,
    recursive: oneStep.slice(),
    testRmse: Float64Array.from(ids, (_, k) => 10 + k),
    recursiveRmse: Float64Array.from(ids, (_, k) => 20 + k),
    unavailable,
  };
}

test("the ids are the engine's, in BaselineKind::ALL order", () => {
  const rust = source("src/baselines.rs");
  const all = /pub const ALL: \[BaselineKind; 3\] = \[([^\]]+)\]/.exec(rust)[1];
  const kinds = [...all.matchAll(/BaselineKind::(\w+)/g)].map((m) => m[1]);
  const name = (kind) => new RegExp(`BaselineKind::${kind} => "(\\w+)"`).exec(rust)[1];
  assert.deepEqual(kinds.map(name), BASELINE_IDS);
  // The chart has a colour for each.
  const palette = source("src/render/palette.rs");
  assert.match(palette, new RegExp(`pub const BASELINES: \\[Rgb; ${BASELINE_IDS.length}\\]`));
});

test("every baseline has a name and a description in both languages", () => {
  for (const lang of LANGUAGES) {
    for (const id of BASELINE_IDS) {
      assert.ok(STRINGS[lang][baselineLabelKey(id)], `${lang} ${id}`);
      assert.ok(STRINGS[lang][`${baselineLabelKey(id)}.help`], `${lang} ${id} help`);
    }
  }
});

test("all three fitted: entries and rows in the engine's order", () => {
  const full = report(BASELINE_IDS, 30);
  const entries = describeBaselines(full);
  assert.deepEqual(
    entries.map((e) => [e.id, e.available, e.testRmse]),
    [
      ["seasonal_naive", true, 10],
      ["ar12_log", true, 11],
      ["holt_winters", true, 12],
    ],
  );
  const rows = baselineRows(full, 30);
  assert.equal(rows.length, 90);
  assert.equal(rows[30 + 20], 220);
  assert.deepEqual(baselinesAt(full, 20), [
    { id: "seasonal_naive", value: 120 },
    { id: "ar12_log", value: 220 },
    { id: "holt_winters", value: 320 },
  ]);
  assert.deepEqual(baselinesAt(full, 3), [], "no prediction in the first year");
});

test("a baseline that cannot be fitted keeps its place, as NaN, with its reason", () => {
  const partial = report(["seasonal_naive"], 20, [
    { id: "ar12_log", message: "needs 25 training months" },
    { id: "holt_winters", message: "needs 24 training months" },
  ]);
  const entries = describeBaselines(partial);
  assert.deepEqual(
    entries.map((e) => [e.id, e.available]),
    [
      ["seasonal_naive", true],
      ["ar12_log", false],
      ["holt_winters", false],
    ],
  );
  assert.ok(Number.isNaN(entries[1].testRmse));
  assert.equal(entries[1].message, "needs 25 training months");
  const rows = baselineRows(partial, 20);
  assert.equal(rows.length, 60);
  assert.equal(rows[15], 115);
  assert.ok(rows.subarray(20).every(Number.isNaN));
  assert.deepEqual(
    baselinesAt(partial, 15).map((b) => b.id),
    ["seasonal_naive"],
  );
});

test("no report yet, or one for another series: nothing to draw", () => {
  assert.equal(baselineRows(null, 30), null);
  assert.equal(baselineRows(report(BASELINE_IDS, 30), 31), null);
  assert.deepEqual(
    describeBaselines(null).map((e) => e.available),
    [false, false, false],
  );
  assert.deepEqual(baselinesAt(null, 5), []);
});
