// Unit tests of the page logic of the teaching controls that needs no DOM: the divergence
// explanation and its suggested learning rate, the shortcut table, the settings panel's groups.
import { test } from "node:test";
import assert from "node:assert/strict";
import { smallerRate, describeDivergence } from "../../www/teaching.js";
import { SHORTCUTS, shortcutsFor } from "../../www/classroom.js";
import { PANEL_GROUPS } from "../../www/settings-panel.js";
import { SETTINGS, findSetting } from "../../www/settings.js";
import { setLanguage, STRINGS } from "../../www/i18n.js";

test("the suggested learning rate is a round number about a tenth of the one that diverged", () => {
  assert.equal(smallerRate(50), 5);
  assert.equal(smallerRate(10), 1);
  assert.equal(smallerRate(0.6), 0.06);
  assert.equal(smallerRate(3), 0.3);
  assert.equal(smallerRate(NaN), 0.05);
  assert.equal(smallerRate(-1), 0.05);
});

test("a divergence is explained with its epoch, its loss, the last good epoch and a suggestion", () => {
  setLanguage("en");
  const message = describeDivergence(
    "training diverged at epoch 7: the loss became 1.234e41. The weights are back to where they were",
    { learningRate: 50, lastGood: 6 },
  );
  assert.match(message, /^Training diverged\./);
  assert.match(message, /At epoch 7 the loss jumped to 1\.23e\+41/);
  assert.match(message, /learning rate of 50/);
  assert.match(message, /after epoch 6/);
  assert.match(message, /such as 5,/);
  assert.match(message, /clipping/);
  assert.doesNotMatch(message, /NaN|Infinity|undefined|\{/);
});

test("a loss that is not a number is said in words, never as NaN", () => {
  for (const lang of ["en", "zh"]) {
    setLanguage(lang);
    const message = describeDivergence("training diverged at epoch 3: the loss became NaN.", {
      learningRate: 50,
      lastGood: 2,
    });
    assert.doesNotMatch(message, /NaN|Infinity|undefined|\{/, lang);
    assert.ok(message.includes(STRINGS[lang]["divergence.lossNotNumber"]), lang);
  }
  setLanguage("en");
});

test("an engine message of another shape still gives a complete explanation", () => {
  const message = describeDivergence("something else", { learningRate: 1, lastGood: 4 });
  assert.match(message, /At epoch 5/);
  assert.doesNotMatch(message, /NaN|undefined|\{/);
});

test("every shortcut has its description in both languages", () => {
  for (const shortcut of SHORTCUTS) {
    for (const lang of ["en", "zh"]) {
      assert.ok(STRINGS[lang][shortcut.help], `${shortcut.help} in ${lang}`);
      for (const key of shortcut.keys.filter((k) => k.startsWith("key."))) {
        assert.ok(STRINGS[lang][key], `${key} in ${lang}`);
      }
    }
  }
});

test("the shortcut list gives ← / → one meaning per mode", () => {
  const arrowMeanings = (mode) =>
    shortcutsFor(mode)
      .filter((shortcut) => shortcut.keys.includes("→"))
      .map((shortcut) => shortcut.help);
  assert.deepEqual(arrowMeanings("page"), ["shortcut.step"]);
  assert.deepEqual(arrowMeanings("presenting"), ["shortcut.explain"]);
  assert.deepEqual(arrowMeanings("story"), ["shortcut.story"]);
  // The keys without a mode are listed in every mode.
  for (const mode of ["page", "presenting", "story"]) {
    assert.ok(shortcutsFor(mode).some((shortcut) => shortcut.help === "shortcut.reset"));
  }
});

test("the panel shows every engine setting and the target epochs, each once", () => {
  const shown = PANEL_GROUPS.flatMap((group) => group.names);
  assert.equal(new Set(shown).size, shown.length, "no setting twice");
  for (const setting of SETTINGS.filter((s) => s.owner === "engine")) {
    assert.ok(shown.includes(setting.name), `${setting.name} is in the panel`);
  }
  assert.ok(shown.includes("targetEpochs"));
  // Those shown elsewhere on the page (the series picker, speed, language, classroom, the
  // baselines toggle on the forecast chart) are not.
  for (const name of ["series", "epochsPerFrame", "lang", "classroom", "showBaselines"]) {
    assert.ok(!shown.includes(name), `${name} is not in the panel`);
    findSetting(name);
  }
});
