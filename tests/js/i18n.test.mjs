// The words of the page (www/i18n.js, www/strings/): both languages have every key with the
// same {placeholders}; every key the settings table, the presets and the example series need
// exists; the Chinese uses the article's terms; the language follows the browser and can be
// switched.

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  LANGUAGES,
  STRINGS,
  DEFAULT_LANGUAGE,
  detectLanguage,
  isLanguage,
  setLanguage,
  getLanguage,
  placeholders,
  interpolate,
  translate,
  t,
  applyTranslations,
} from "../../www/i18n.js";
import { SETTINGS, PRESETS, EXAMPLE_SERIES, optionLabelKey } from "../../www/settings.js";

const [en, zh] = [STRINGS.en, STRINGS.zh];

// Keys whose Chinese text may equal the English one: symbols, abbreviations, names of
// optimizers and keys, and the names of the two languages themselves.
const SAME_IN_BOTH = new Set([
  "canvas.heatmap.hGru",
  "canvas.heatmap.hRnn",
  "option.cell.lstm",
  "option.cell.gru",
  "option.cell.rnn",
  "readout.compare",
  "option.optimizer.adagrad",
  "option.optimizer.adam",
  "option.lang.en",
  "option.lang.zh",
  "numbers.rmse",
  "numbers.mape",
  "unit.percent",
  "example.co2.unit",
  "example.nottem.unit",
  "gate.tanhCell",
  "gate.gradHidden",
  "gate.gradCell",
  "csv.error",
  "readout.unit",
  "readout.baseline",
  "data.paste.placeholder",
  "key.escape",
  "key.pageUp",
  "key.pageDown",
]);

test("the two languages have exactly the same keys", () => {
  assert.deepEqual(LANGUAGES, ["en", "zh"]);
  const onlyEn = Object.keys(en).filter((key) => !Object.hasOwn(zh, key));
  const onlyZh = Object.keys(zh).filter((key) => !Object.hasOwn(en, key));
  assert.deepEqual(onlyEn, [], "keys missing in zh");
  assert.deepEqual(onlyZh, [], "keys missing in en");
});

test("every key has the same {placeholders} in both languages, and no empty text", () => {
  for (const key of Object.keys(en)) {
    assert.equal(typeof en[key], "string", key);
    assert.ok(en[key].trim().length > 0 && zh[key].trim().length > 0, key);
    assert.deepEqual(placeholders(zh[key]).sort(), placeholders(en[key]).sort(), key);
  }
});

test("the Chinese is a translation, not a copy", () => {
  const copied = Object.keys(en).filter((key) => en[key] === zh[key] && !SAME_IN_BOTH.has(key));
  assert.deepEqual(copied, []);
  const han = /[\u4e00-\u9fff]/;
  const withoutHan = Object.keys(zh).filter((key) => !SAME_IN_BOTH.has(key) && !han.test(zh[key]));
  // Formulas such as "‖∂L/∂h_t‖" are in SAME_IN_BOTH; anything else needs Chinese characters,
  // but for the button that switches to English and a line that is only a full-width colon.
  assert.deepEqual(withoutHan, ["status.preset", "lang.toggle"]);
});

test("every key the settings table, the presets and the examples name exists", () => {
  const needed = [];
  for (const setting of SETTINGS) {
    needed.push(setting.label, setting.help);
    for (const option of setting.options ?? []) {
      const key = optionLabelKey(setting, option);
      if (key) needed.push(key);
    }
  }
  for (const preset of Object.values(PRESETS)) needed.push(preset.label, preset.explain);
  for (const id of EXAMPLE_SERIES) {
    needed.push(`example.${id}`, `example.${id}.description`, `example.${id}.unit`);
  }
  for (const code of ["notANumber", "notWhole", "tooSmall", "tooLarge", "notChoice", "notBool"]) {
    needed.push(`problem.${code}`);
  }
  needed.push("problem.inLink", "problem.unknownKey");
  for (const lang of LANGUAGES) {
    const missing = needed.filter((key) => !Object.hasOwn(STRINGS[lang], key));
    assert.deepEqual(missing, [], lang);
  }
});

test("the series menu shows each example's name, and 'your own data'", () => {
  const series = SETTINGS.find((s) => s.name === "series");
  assert.equal(translate("en", optionLabelKey(series, "co2")), "Mauna Loa CO₂");
  assert.equal(translate("zh", optionLabelKey(series, "own")), "你自己的数据");
});

test("the Chinese uses the article's own terms for the gates and the main line", () => {
  const expected = {
    "gate.forget": "遗忘门",
    "gate.input": "输入门",
    "gate.output": "输出门",
    "gate.candidate": "补给来源",
    "gate.added": "门控制补给大小",
    "gate.kept": "主线遗忘",
    "gate.cell": "主线",
    "gate.conveyor": "传送带",
    "gate.hidden": "隐藏层向量",
    "setting.batchSize": "训练批尺寸",
  };
  for (const [key, term] of Object.entries(expected)) {
    assert.ok(zh[key].includes(term), `${key}: "${zh[key]}" lacks ${term}`);
  }
  assert.ok(zh["gate.input.help"].includes("补给大小"));
});

test("the language follows the browser's first English or Chinese preference", () => {
  assert.equal(detectLanguage(["zh-CN", "en"]), "zh");
  assert.equal(detectLanguage(["zh-TW"]), "zh");
  assert.equal(detectLanguage(["zh-Hans-CN"]), "zh");
  assert.equal(detectLanguage(["ZH_cn"]), "zh");
  assert.equal(detectLanguage(["en-US", "zh-CN"]), "en");
  assert.equal(detectLanguage(["fr-FR", "zh-CN"]), "zh");
  assert.equal(detectLanguage(["fr-FR", "de"]), "en");
  assert.equal(detectLanguage([]), "en");
  assert.equal(detectLanguage(), DEFAULT_LANGUAGE);
  assert.ok(isLanguage("zh") && !isLanguage("fr"));
});

test("t() follows setLanguage; an unknown language is refused", () => {
  try {
    setLanguage("zh");
    assert.equal(getLanguage(), "zh");
    assert.equal(t("control.play"), "播放");
    assert.equal(t("status.paused", { epoch: 12 }), "已在第 12 轮暂停。按“播放”继续训练。");
    setLanguage("en");
    assert.equal(t("control.play"), "Play");
    assert.throws(() => setLanguage("fr"), /unknown language "fr"/);
    assert.equal(getLanguage(), "en");
  } finally {
    setLanguage(DEFAULT_LANGUAGE);
  }
});

test("interpolation fills every {name}, repeated or not, and shows a forgotten one", () => {
  assert.equal(interpolate("{a} and {b} and {a}", { a: 1, b: "x" }), "1 and x and 1");
  assert.equal(interpolate("{a} of {b}", { a: 0 }), "0 of {b}");
  assert.equal(interpolate("{a}", { a: undefined }), "{a}");
  assert.equal(interpolate("no braces"), "no braces");
  assert.deepEqual(placeholders("{x} {y} {x} {not a name}"), ["x", "y"]);
  assert.equal(
    translate("zh", "problem.tooLarge", { label: "层数", max: 4, value: 5 }),
    "层数至多为 4；5 太大了。",
  );
  assert.equal(translate("en", "no.such.key"), "no.such.key");
});

test("applyTranslations rewrites text and attributes of the elements that name a key", () => {
  // A minimal stand-in for the DOM: elements with attributes and text.
  const element = (attributes) => ({
    attributes: { ...attributes },
    textContent: "",
    getAttribute(name) {
      return this.attributes[name] ?? null;
    },
    setAttribute(name, value) {
      this.attributes[name] = value;
    },
  });
  const play = element({ "data-i18n": "control.play" });
  const step = element({ "data-i18n": "control.step", "data-i18n-title": "control.step.title" });
  const canvas = element({ "data-i18n-aria-label": "chart.loss.alt" });
  const all = [play, step, canvas];
  const root = {
    tagName: "HTML",
    ...element({}),
    querySelectorAll(selector) {
      const name = selector.slice(1, -1);
      return all.filter((e) => e.getAttribute(name) !== null);
    },
  };
  applyTranslations(root, "zh");
  assert.equal(play.textContent, "播放");
  assert.equal(step.textContent, "单步");
  assert.equal(step.attributes.title, "训练一轮（→）");
  assert.equal(canvas.attributes["aria-label"], zh["chart.loss.alt"]);
  assert.equal(root.attributes.lang, "zh-Hans");
  applyTranslations(root, "en");
  assert.equal(play.textContent, "Play");
  assert.equal(root.attributes.lang, "en");
});
