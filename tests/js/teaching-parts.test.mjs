// The parts of the teaching controls that www/teaching.js composes, each tested without a DOM:
// what a change of settings sends to the worker and says, the speed steps, the series' names,
// the explanations' months, the worker's statuses in words, and the number formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultValues, engineSettings, OWN_DATA } from "../../www/settings.js";
import { setLanguage } from "../../www/i18n.js";
import { planChange, describeChange } from "../../www/settings-change.js";
import { nextSpeed } from "../../www/speed-menu.js";
import { unitOf, seriesName, ledeText } from "../../www/series-picker.js";
import { explanationWords } from "../../www/explanations.js";
import { describeWorkerStatus } from "../../www/divergence.js";
import { otherLanguage } from "../../www/language.js";
import { formatNumber, formatFixed, formatCount, NO_VALUE } from "../../www/format.js";

test("a live setting is sent as its own command; a structural one builds a new model", () => {
  setLanguage("en");
  const before = defaultValues();
  const live = planChange(before, { ...before, learningRate: 0.01 });
  assert.deepEqual(live.changed, ["learningRate"]);
  assert.equal(live.rebuild, false);
  assert.deepEqual(live.commands, [["setLearningRate", 0.01]]);
  const after = { ...before, hidden: 8 };
  const rebuilt = planChange(before, after);
  assert.equal(rebuilt.rebuild, true);
  assert.deepEqual(rebuilt.commands, [["create", engineSettings(after)]]);
  assert.match(describeChange(rebuilt, after, { epoch: 3 }), /starts again from epoch 0/);
  assert.match(
    describeChange(live, { ...before, learningRate: 0.01 }, { epoch: 3 }),
    /is now 0\.01; training goes on from epoch 3/,
  );
});

test("a new series loads the example, or the person's data and then a model", () => {
  const before = defaultValues();
  const example = planChange(before, { ...before, series: "co2" });
  assert.equal(example.commands[0][0], "loadExample");
  assert.equal(example.commands[0][1], "co2");
  const own = planChange(before, { ...before, series: OWN_DATA }, { text: "1\n2\n", name: "x" });
  assert.deepEqual(
    own.commands.map(([name]) => name),
    ["loadSeries", "create"],
  );
  assert.deepEqual(own.commands[0], ["loadSeries", "1\n2\n", "x"]);
});

test("the speed, the target and the view settings are sent or said as they should be", () => {
  const before = defaultValues();
  const speed = planChange(before, { ...before, epochsPerFrame: 5 });
  assert.deepEqual(speed.commands, [["setEpochsPerChunk", 5]]);
  const target = planChange(before, { ...before, targetEpochs: 100 });
  assert.deepEqual(target.commands, [["setStopEvery", 100]]);
  // The target only changes what is drawn: nothing said.
  assert.equal(describeChange(target, { ...before, targetEpochs: 100 }, { epoch: 0 }), null);
  assert.equal(describeChange(speed, before, { notice: "a preset", epoch: 0 }), "a preset");
  assert.deepEqual(planChange(before, { ...before }).changed, []);
});

test("the speed steps through the table's options and stops at either end", () => {
  assert.equal(nextSpeed(1, 1), 2);
  assert.equal(nextSpeed(2, -1), 1);
  assert.equal(nextSpeed(1, -1), null);
  assert.equal(nextSpeed(50, 1), null);
});

test("the series is named in the title and the lede, in both languages", () => {
  for (const lang of ["en", "zh"]) {
    setLanguage(lang);
    assert.notEqual(unitOf("air_passengers"), "");
    assert.equal(unitOf(OWN_DATA), "");
    assert.equal(seriesName(OWN_DATA, { name: "sales.csv" }), "sales.csv");
    const lede = ledeText("co2", null);
    assert.ok(lede.includes(seriesName("co2", null)), `${lang}: ${lede}`);
    assert.notEqual(ledeText("air_passengers", null), lede);
  }
});

test("the explanations name the series' own test months", () => {
  setLanguage("en");
  const months = ["1949-01", "1949-02", "1949-03", "1949-04"];
  const words = explanationWords(
    { months, predictions: { testStart: 2 } },
    { series: OWN_DATA, targetEpochs: 600 },
  );
  assert.match(words.test, /1949-03/);
  assert.match(words.test, /1949-04/);
  assert.match(words.loss, /600/);
  assert.ok(Object.values(words).every((text) => !/undefined|\{/.test(text)));
});

test("a worker's stop is said as the target reached or a pause; others pass through", () => {
  setLanguage("en");
  const values = { learningRate: 0.03, targetEpochs: 600 };
  const reached = describeWorkerStatus({ kind: "info", code: "stopped", epoch: 600 }, values, 600);
  const paused = describeWorkerStatus({ kind: "info", code: "stopped", epoch: 12 }, values, 12);
  assert.equal(reached.kind, "info");
  assert.match(reached.message, /600/);
  assert.match(paused.message, /12/);
  assert.notEqual(reached.message, paused.message);
  const diverged = describeWorkerStatus(
    { kind: "divergence", message: "training diverged at epoch 7: the loss became NaN." },
    values,
    6,
  );
  assert.equal(diverged.kind, "error");
  assert.match(diverged.message, /epoch 7/);
  assert.deepEqual(describeWorkerStatus({ kind: "error", message: "x" }, values, 0), {
    kind: "error",
    message: "x",
  });
});

test("the language toggle offers the other language", () => {
  assert.equal(otherLanguage("en"), "zh");
  assert.equal(otherLanguage("zh"), "en");
});

test("numbers: a dash for none, fixed decimals, counts with separators", () => {
  assert.equal(formatNumber(337.05), "337.05");
  assert.equal(formatNumber(Infinity), NO_VALUE);
  assert.equal(formatFixed(51.7, 2), "51.70");
  assert.equal(formatFixed(NaN, 2), NO_VALUE);
  assert.equal(formatCount(6921), "6,921");
  assert.equal(formatCount(undefined), NO_VALUE);
});
