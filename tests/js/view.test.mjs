// The words of the views that need no DOM (www/views/numbers.js, www/views/chart-labels.js): the model's one-line description with
// an ensemble and early stopping, and the words drawn on the two charts in both languages.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { describeModel, MEMBER_SEED_STRIDE } from "../../www/views/numbers.js";
import { chartLabels } from "../../www/views/chart-labels.js";
import { defaultValues, engineSettings } from "../../www/settings.js";
import { LANGUAGES, setLanguage, DEFAULT_LANGUAGE } from "../../www/i18n.js";

const COUNTS = { distinct: 6761, article: 6761, numel: 6921 };

test("the members' seeds step as the engine's (MEMBER_SEED_STRIDE in src/train.rs)", () => {
  const train = readFileSync(new URL("../../src/train.rs", import.meta.url), "utf8");
  const stride = Number(/pub const MEMBER_SEED_STRIDE: u64 = (\d+);/.exec(train)[1]);
  assert.equal(MEMBER_SEED_STRIDE, stride);
});

test("the model summary names the ensemble's seeds and early stopping, only when they are on", () => {
  try {
    setLanguage("en");
    const defaults = engineSettings(defaultValues());
    const summary = describeModel(defaults, COUNTS);
    assert.match(summary, /An ensemble of 5 such networks \(seeds 1, 1001, 2001, 3001, 4001\)/);
    assert.doesNotMatch(summary, /Early stopping/);
    const single = describeModel(
      { ...defaults, ensemble: 1, earlyStopping: true, seed: 7 },
      COUNTS,
    );
    assert.doesNotMatch(single, /ensemble/);
    assert.match(single, /Early stopping: the forecast uses the epoch with the lowest loss/);
    setLanguage("zh");
    assert.match(describeModel({ ...defaults, ensemble: 2, seed: 3 }, COUNTS), /随机种子 3, 1003/);
  } finally {
    setLanguage(DEFAULT_LANGUAGE);
  }
});

test("the chart words: members with their count, the mean, the baselines, the best epoch", () => {
  try {
    for (const lang of LANGUAGES) {
      setLanguage(lang);
      const one = chartLabels("thousand", { memberCount: 0 });
      const five = chartLabels("thousand", { memberCount: 5, bestEpoch: 312 });
      assert.equal(one.forecast.legend.length, 3);
      assert.notEqual(one.forecast.legend[1], five.forecast.legend[1], "the mean is said");
      assert.match(five.forecast.members, /\(5\)$/);
      assert.equal(five.forecast.baselines.length, 3);
      assert.equal(new Set(five.forecast.baselines).size, 3);
      assert.equal(five.loss.legend.length, 3);
      assert.match(five.loss.bestLegend, /312/);
      assert.equal(one.loss.bestLegend, "", "no best epoch without early stopping");
      for (const text of [
        ...five.forecast.legend,
        five.forecast.members,
        ...five.forecast.baselines,
        ...five.loss.legend,
        five.loss.best,
        five.loss.bestLegend,
      ]) {
        assert.doesNotMatch(text, /\{|undefined|NaN/, `${lang}: ${text}`);
      }
    }
    setLanguage("en");
    assert.equal(chartLabels("x", { memberCount: 5 }).forecast.members, "members (5)");
    assert.equal(chartLabels("x").loss.best, "best so far");
    setLanguage("zh");
    assert.equal(chartLabels("x", { memberCount: 5 }).forecast.members, "成员 (5)");
    assert.equal(chartLabels("x").loss.best, "目前最佳");
    // In a comparison every curve names its cell, in the page's language.
    setLanguage("en");
    const compared = chartLabels("x", { compareCell: "rnn", cell: "lstm" });
    assert.equal(compared.forecast.legend[1], "LSTM, one step");
    assert.equal(compared.forecast.compare, "RNN, one step");
    assert.deepEqual(compared.loss.compare, ["RNN train loss", "RNN test loss"]);
    assert.equal(compared.loss.legend[0], "LSTM train loss");
    assert.equal(chartLabels("x").forecast.legend[1], "one-step prediction");
    setLanguage("zh");
    assert.equal(
      chartLabels("x", { compareCell: "gru", cell: "rnn" }).forecast.compare,
      "GRU 一步预测",
    );
  } finally {
    setLanguage(DEFAULT_LANGUAGE);
  }
});
