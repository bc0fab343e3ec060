// The settings table (www/settings.js): validation at and just beyond every bound of every
// setting (generated from the table, so a new setting is covered without a new test), the URL
// hash round trip (a seeded property test), the presets, and the table's agreement with the
// Rust engine's defaults, presets, settings fields and example series.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  SETTINGS,
  PRESETS,
  ENGINE,
  PAGE,
  EXAMPLE_SERIES,
  OWN_DATA,
  findSetting,
  defaultValues,
  validateSetting,
  validateAll,
  describeProblem,
  encodeHash,
  decodeHash,
  engineSettings,
  fromEngineSettings,
  applyPreset,
  matchPreset,
  changedSettings,
  needsReset,
  readSettings,
  formatValue,
  optionLabelKey,
} from "../../www/settings.js";
import { LANGUAGES, STRINGS } from "../../www/i18n.js";
import { createRandom } from "./random.mjs";

const ROOT = new URL("../../", import.meta.url);
const readSource = (path) => readFileSync(new URL(path, ROOT), "utf8");

// A value just outside the range: one below min / above max for whole numbers, 1 % of the
// bound's size (at least 1e-9) for real numbers.
function justBeyond(setting, side) {
  const bound = side === "min" ? setting.min : setting.max;
  const step = setting.type === "int" ? 1 : Math.max(Math.abs(bound) * 0.01, 1e-9);
  return side === "min" ? bound - step : bound + step;
}

// Every problem sentence, in every language, is complete: no `{placeholder}` left, no
// "undefined" or "NaN" (other than in the person's own text, which it quotes), and it names
// what it must (`mentions`).
function assertSentence(problem, mentions = []) {
  for (const lang of LANGUAGES) {
    const sentence = describeProblem(problem, lang);
    const quoted = problem.params.text ?? "";
    const rest = quoted === "" ? sentence : sentence.split(quoted).join("");
    assert.doesNotMatch(rest, /\{[A-Za-z]\w*\}|undefined|NaN/, `${lang}: ${sentence}`);
    for (const part of mentions)
      assert.ok(sentence.includes(part), `${lang}: "${sentence}" lacks ${part}`);
  }
}

// A random valid value for one setting.
function randomValue(setting, random) {
  switch (setting.type) {
    case "int":
      return random.int(setting.min, setting.max);
    case "number":
      if (setting.scale === "log") return random.logUniform(setting.min, setting.max);
      // Half the draws hit a bound or 0-ish values, where formatting is most fragile.
      if (random.next() < 0.2) return random.pick([setting.min, setting.max]);
      return setting.min + random.next() * (setting.max - setting.min);
    case "choice":
      return random.pick(setting.options);
    case "bool":
      return random.next() < 0.5;
    default:
      throw new Error(setting.type);
  }
}

// --- the table itself ------------------------------------------------------------------------

test("every row is complete and its default is valid", () => {
  for (const setting of SETTINGS) {
    assert.ok([ENGINE, PAGE].includes(setting.owner), setting.name);
    assert.equal(typeof setting.structural, "boolean", setting.name);
    assert.equal(typeof setting.urlKey, "string", setting.name);
    assert.equal(typeof setting.testId, "string", setting.name);
    if (setting.type === "int" || setting.type === "number") {
      assert.ok(Number.isFinite(setting.min) && Number.isFinite(setting.max), setting.name);
      assert.ok(setting.min < setting.max, setting.name);
    }
    if (setting.type === "choice") assert.ok(setting.options.length >= 2, setting.name);
    assert.deepEqual(
      validateSetting(setting, setting.default),
      { value: setting.default },
      setting.name,
    );
  }
});

test("names, URL keys (with aliases) and test ids are unique", () => {
  const unique = (list) => assert.equal(new Set(list).size, list.length, list.join(", "));
  unique(SETTINGS.map((s) => s.name));
  unique(SETTINGS.flatMap((s) => [s.urlKey, ...(s.aliases ?? [])]));
  unique(SETTINGS.map((s) => s.testId));
});

test("the test hooks the issue names are in the table", () => {
  assert.equal(findSetting("hidden").testId, "setting-hidden");
  assert.equal(findSetting("learningRate").testId, "setting-lr");
  assert.equal(findSetting("lang").testId, "lang-toggle");
  assert.throws(() => findSetting("nope"), /no setting called nope/);
});

test("the ranges are the issue's", () => {
  const range = (name) => [findSetting(name).min, findSetting(name).max];
  assert.deepEqual(range("hidden"), [1, 128]);
  assert.deepEqual(range("layers"), [1, 4]);
  assert.deepEqual(range("window"), [3, 36]);
  assert.deepEqual(range("learningRate"), [1e-5, 100]);
  assert.deepEqual(range("batchSize"), [0, 10000]);
  assert.deepEqual(range("seed"), [0, 2 ** 32]);
  assert.deepEqual(range("targetEpochs"), [1, 100000]);
  assert.deepEqual(range("ensemble"), [1, 10]);
  assert.equal(findSetting("earlyStopping").type, "bool");
  assert.deepEqual(findSetting("epochsPerFrame").options, [1, 2, 5, 10, 20, 50]);
  assert.deepEqual(findSetting("layout").options, ["sequence", "flat"]);
  assert.deepEqual(findSetting("optimizer").options, ["adagrad", "adam", "sgd"]);
  assert.deepEqual(findSetting("cell").options, ["lstm", "gru", "rnn"]);
  assert.deepEqual(findSetting("compare").options, ["none", "lstm", "gru", "rnn"]);
  // Only the model's shape, its data and its starting point need a new model.
  const structural = SETTINGS.filter((s) => s.structural).map((s) => s.name);
  assert.deepEqual(structural, [
    "cell",
    "hidden",
    "layers",
    "window",
    "layout",
    "transform",
    "seed",
    "forgetBiasOne",
    "ensemble",
    "earlyStopping",
    "compare",
    "series",
  ]);
});

// --- validation at and beyond every bound ----------------------------------------------------

for (const setting of SETTINGS.filter((s) => s.type === "int" || s.type === "number")) {
  test(`${setting.name}: ${setting.min} and ${setting.max} pass, just beyond them fails`, () => {
    for (const bound of [setting.min, setting.max]) {
      assert.deepEqual(validateSetting(setting, bound), { value: bound });
      assert.deepEqual(validateSetting(setting, formatValue(setting, bound)), { value: bound });
    }
    const below = validateSetting(setting, justBeyond(setting, "min"));
    assert.equal(below.problem?.code, "tooSmall", JSON.stringify(below));
    assertSentence(below.problem, [formatValue(setting, setting.min)]);
    const above = validateSetting(setting, String(justBeyond(setting, "max")));
    assert.equal(above.problem?.code, "tooLarge", JSON.stringify(above));
    assertSentence(above.problem, [formatValue(setting, setting.max)]);
  });

  test(`${setting.name}: text that is not a finite number is refused`, () => {
    for (const text of ["", "  ", "abc", "NaN", "Infinity", "-Infinity", "1,5", "12abc"]) {
      const { value, problem } = validateSetting(setting, text);
      assert.equal(value, undefined, `${JSON.stringify(text)} gave ${value}`);
      assert.equal(problem.code, "notANumber", text);
      assertSentence(problem);
    }
    for (const raw of [NaN, Infinity, -Infinity, null, undefined, true]) {
      assert.equal(validateSetting(setting, raw).problem?.code, "notANumber", String(raw));
    }
  });

  if (setting.type === "int") {
    test(`${setting.name}: a fraction is refused as not whole`, () => {
      const { problem } = validateSetting(setting, setting.min + 0.5);
      assert.equal(problem.code, "notWhole");
      assertSentence(problem, [String(setting.min + 0.5)]);
    });
  }
}

for (const setting of SETTINGS.filter((s) => s.type === "choice")) {
  test(`${setting.name}: every option passes, anything else fails`, () => {
    for (const option of setting.options) {
      assert.deepEqual(validateSetting(setting, option), { value: option });
      assert.deepEqual(validateSetting(setting, String(option)), { value: option });
    }
    for (const text of ["", "nope", "SEQUENCE ", "0"]) {
      if (setting.options.map(String).includes(text.trim())) continue;
      const { problem } = validateSetting(setting, text);
      assert.equal(problem?.code, "notChoice", text);
      assertSentence(problem, [setting.options.join(", ")]);
    }
  });
}

for (const setting of SETTINGS.filter((s) => s.type === "bool")) {
  test(`${setting.name}: 1/0, true/false pass, other words fail`, () => {
    for (const [raw, value] of [
      ["1", true],
      ["0", false],
      ["true", true],
      ["false", false],
      [true, true],
      [false, false],
    ]) {
      assert.deepEqual(validateSetting(setting, raw), { value });
    }
    const { problem } = validateSetting(setting, "maybe");
    assert.equal(problem.code, "notBool");
    assertSentence(problem, ["maybe"]);
  });
}

test("the messages a learner sees name the setting and the bound", () => {
  const hidden = validateSetting("hidden", "129").problem;
  assert.equal(
    describeProblem(hidden, "en"),
    "Hidden size H must be at most 128; 129 is too large.",
  );
  assert.equal(describeProblem(hidden, "zh"), "隐层大小 H至多为 128；129 太大了。");
  const lr = validateSetting("learningRate", 0).problem;
  assert.equal(
    describeProblem(lr, "en"),
    "Learning rate must be at least 0.00001; 0 is too small.",
  );
  // 50 is allowed on purpose: the demo of a diverging run.
  assert.deepEqual(validateSetting("learningRate", "50"), { value: 50 });
  assert.deepEqual(validateSetting("seed", 2 ** 32), { value: 2 ** 32 });
  assert.equal(validateSetting("seed", 2 ** 32 + 1).problem.code, "tooLarge");
});

test("validateAll keeps what is valid and replaces the rest by the fallback", () => {
  const given = { hidden: 20, layers: 9, learningRate: "NaN", optimizer: "adam", bogus: 3 };
  const { values, problems } = validateAll(given);
  assert.equal(values.hidden, 20);
  assert.equal(values.layers, 1);
  assert.equal(values.learningRate, findSetting("learningRate").default);
  assert.equal(values.optimizer, "adam");
  assert.equal(Object.hasOwn(values, "bogus"), false);
  assert.deepEqual(
    problems.map((p) => [p.name, p.code]),
    [
      ["layers", "tooLarge"],
      ["learningRate", "notANumber"],
    ],
  );
  assert.deepEqual(
    Object.keys(values),
    SETTINGS.map((s) => s.name),
  );
  // With the current values as fallback, a refused value keeps what the person had.
  const current = { ...defaultValues(), layers: 3 };
  assert.equal(validateAll({ layers: 0 }, current).values.layers, 3);
});

// --- the URL hash ----------------------------------------------------------------------------

test("the hash names every setting once, in table order, and the defaults read back", () => {
  const hash = encodeHash(defaultValues());
  assert.ok(hash.startsWith("#"));
  const keys = hash
    .slice(1)
    .split("&")
    .map((pair) => pair.split("=")[0]);
  assert.deepEqual(
    keys,
    SETTINGS.map((s) => s.urlKey),
  );
  assert.match(
    hash,
    /^#cell=lstm&hidden=40&layers=1&window=24&layout=sequence&transform=log_diff&opt=adam&lr=0\.03&/,
  );
  assert.match(hash, /&compare=none&data=air_passengers&/);
  assert.match(hash, /&ensemble=5&early=0&/);
  assert.match(hash, /&epochs=600&/);
  assert.match(hash, /&baselines=0&embed=none$/);
  const back = decodeHash(hash);
  assert.deepEqual(back.values, defaultValues());
  assert.deepEqual(back.problems, []);
  assert.deepEqual(
    back.given,
    SETTINGS.map((s) => s.name),
  );
});

test("property: random valid settings survive the hash exactly (seeded, 500 cases)", () => {
  const random = createRandom(20240601);
  for (let run = 0; run < 500; run += 1) {
    const values = Object.fromEntries(SETTINGS.map((s) => [s.name, randomValue(s, random)]));
    const hash = encodeHash(values);
    assert.doesNotMatch(hash, /NaN|Infinity|undefined/, hash);
    const back = decodeHash(hash);
    assert.deepEqual(back.problems, [], hash);
    assert.deepEqual(back.values, values, hash);
    assert.equal(encodeHash(back.values), hash);
  }
});

test("NaN, infinities and junk are never written: the default goes in their place", () => {
  const junk = {
    hidden: NaN,
    learningRate: Infinity,
    clip: -Infinity,
    layers: "many",
    seed: -1,
    window: 12.5,
    layout: undefined,
    lang: "fr",
    classroom: "perhaps",
  };
  const hash = encodeHash(junk);
  assert.doesNotMatch(hash, /NaN|Infinity|undefined|many|fr|perhaps/);
  assert.deepEqual(decodeHash(hash).values, defaultValues());
});

test("a bad value in a link is reported with its key and replaced by its default", () => {
  const { values, problems, given } = decodeHash("#hidden=999&lr=abc&opt=sgd&zoom=2");
  const lr = findSetting("learningRate").default;
  assert.equal(values.hidden, 40);
  assert.equal(values.learningRate, lr);
  assert.equal(values.optimizer, "sgd");
  assert.deepEqual(given, ["hidden", "optimizer", "learningRate"]);
  const sentences = problems.map((p) => describeProblem(p, "en"));
  assert.deepEqual(sentences, [
    "In the link, hidden=999: Hidden size H must be at most 128; 999 is too large. Using 40 instead.",
    `In the link, lr=abc: Learning rate: “abc” is not a number. Using ${lr} instead.`,
    "The link has “zoom”, which is not a setting here; it was ignored.",
  ]);
  for (const problem of problems) assertSentence(problem);
});

test("decoding takes the page's own defaults, old query links and the old `stop` key", () => {
  assert.equal(decodeHash("", { lang: "zh" }).values.lang, "zh");
  assert.equal(decodeHash("#lang=en", { lang: "zh" }).values.lang, "en");
  // A bad value falls back to the page's default, not the table's.
  assert.equal(decodeHash("#lang=fr", { lang: "zh" }).values.lang, "zh");
  assert.equal(decodeHash("?hidden=20&speed=5").values.hidden, 20);
  assert.equal(decodeHash("?hidden=20&speed=5").values.epochsPerFrame, 5);
  assert.equal(decodeHash("?stop=600").values.targetEpochs, 600);
  assert.equal(decodeHash("#epochs=700&stop=600").values.targetEpochs, 700);
  assert.equal(decodeHash("#data=own").values.series, OWN_DATA);
  assert.equal(decodeHash("#hidden=%2040%20").values.hidden, 40);
});

test("the ensemble and early stopping go to the engine and ride in the link as ensemble= and early=", () => {
  const { values, problems } = decodeHash("#ensemble=3&early=1&baselines=1");
  assert.deepEqual(problems, []);
  assert.equal(values.ensemble, 3);
  assert.equal(values.earlyStopping, true);
  assert.equal(values.showBaselines, true);
  const engine = engineSettings(values);
  assert.equal(engine.ensemble, 3);
  assert.equal(engine.earlyStopping, true);
  assert.equal(Object.hasOwn(engine, "showBaselines"), false, "the baselines are the page's");
  const hash = encodeHash(values);
  assert.match(hash, /&ensemble=3&early=1&/);
  assert.match(hash, /&baselines=1&/);

  const bad = decodeHash("#ensemble=11&early=maybe");
  assert.equal(bad.values.ensemble, findSetting("ensemble").default);
  assert.equal(bad.values.earlyStopping, false);
  const sentences = bad.problems.map((p) => describeProblem(p, "en"));
  assert.match(
    sentences[0],
    /^In the link, ensemble=11: .* at most 10; 11 is too large\. Using 5 instead\.$/,
  );
  assert.match(sentences[1], /^In the link, early=maybe: .*on \(1\) or off \(0\)/);
  for (const problem of bad.problems) assertSentence(problem);
  assert.equal(validateSetting("ensemble", 0).problem.code, "tooSmall");
  assert.equal(validateSetting("ensemble", 2.5).problem.code, "notWhole");

  // Both rebuild the model; showing the baselines does not.
  const before = defaultValues();
  assert.equal(needsReset(before, { ...before, ensemble: 1 }), true);
  assert.equal(needsReset(before, { ...before, earlyStopping: true }), true);
  assert.equal(needsReset(before, { ...before, showBaselines: true }), false);
});

// --- presets ---------------------------------------------------------------------------------

test("each preset is valid, complete for the model and explained in every language", () => {
  const modelSettings = SETTINGS.filter((s) => s.owner === ENGINE)
    .map((s) => s.name)
    .concat("targetEpochs")
    .sort();
  for (const [name, preset] of Object.entries(PRESETS)) {
    assert.deepEqual(Object.keys(preset.values).sort(), modelSettings, name);
    const { problems } = validateAll(preset.values);
    assert.deepEqual(problems, [], name);
    for (const lang of LANGUAGES) {
      assert.ok(STRINGS[lang][preset.label], `${lang} ${preset.label}`);
      assert.ok(STRINGS[lang][preset.explain], `${lang} ${preset.explain}`);
    }
    const applied = applyPreset({ ...defaultValues(), lang: "zh", series: "co2" }, name);
    assert.equal(matchPreset(applied), name);
    assert.equal(applied.lang, "zh");
    // Page settings stay, but for those the preset names (the comparison's series and cell).
    assert.equal(applied.series, preset.page?.series ?? "co2");
    for (const [key, value] of Object.entries(preset.page ?? {})) {
      assert.equal(findSetting(key).owner, PAGE, `${name}: ${key} is a page setting`);
      assert.deepEqual(validateSetting(key, value), { value }, `${name}: ${key}`);
    }
  }
  assert.equal(PRESETS.compare.page.compare, "rnn");
  assert.equal(PRESETS.compare.values.cell, "lstm");
  assert.notEqual(
    matchPreset({ ...applyPreset(defaultValues(), "compare"), compare: "gru" }),
    "compare",
  );
  assert.equal(matchPreset({ ...defaultValues(), hidden: 7 }), undefined);
  assert.throws(() => applyPreset(defaultValues(), "fastest"), /no preset called fastest/);
});

test("the article preset is the article's set-up and 'best' is the defaults", () => {
  const article = PRESETS.article.values;
  assert.deepEqual(
    [article.window, article.layout, article.hidden, article.layers, article.optimizer],
    [12, "flat", 40, 1, "adagrad"],
  );
  assert.deepEqual([article.learningRate, article.transform], [0.6, "min_max"]);
  const defaults = defaultValues();
  for (const [key, value] of Object.entries(PRESETS.best.values))
    assert.equal(defaults[key], value, key);
  assert.match(STRINGS.en["preset.article.explain"], /undershoots the 1959–60 peaks/);
});

// --- changes and resets ----------------------------------------------------------------------

for (const setting of SETTINGS) {
  test(`${setting.name}: a change ${setting.structural ? "needs" : "does not need"} a reset`, () => {
    const before = defaultValues();
    const other =
      setting.type === "bool"
        ? !before[setting.name]
        : setting.type === "choice"
          ? setting.options.find((o) => o !== before[setting.name])
          : before[setting.name] === setting.max
            ? setting.min
            : setting.max;
    const after = { ...before, [setting.name]: other };
    assert.deepEqual(changedSettings(before, after), [setting.name]);
    assert.equal(needsReset(before, after), setting.structural);
  });
}

test("the learning rate and the optimizer change without a reset; the hidden size resets", () => {
  const before = defaultValues();
  assert.equal(needsReset(before, { ...before, learningRate: 0.1, optimizer: "adam" }), false);
  assert.equal(needsReset(before, { ...before, hidden: 20, learningRate: 0.1 }), true);
  assert.equal(needsReset(before, { ...before }), false);
});

// --- agreement with the engine ---------------------------------------------------------------

// Reads `field: value,` pairs from a block of Rust source.
function rustFields(block) {
  return Object.fromEntries(
    [...block.matchAll(/^\s*(\w+): ([^\n]+?),?$/gm)].map((m) => [m[1], m[2]]),
  );
}

// "LogDiff" -> "log_diff"
const snake = (name) => name.replace(/(?<!^)([A-Z])/g, "_$1").toLowerCase();

// The table's values from the fields of a Rust ModelConfig literal.
function fromModelConfig(fields, transform) {
  const option = (text) => (text === "None" ? 0 : Number(/^Some\((.+)\)$/.exec(text)[1]));
  return {
    cell: fields.cell.replace("CellKind::", "").toLowerCase(),
    hidden: Number(fields.hidden),
    layers: Number(fields.layers),
    window: Number(fields.window),
    layout: snake(fields.layout.replace("Layout::", "")),
    transform,
    optimizer: snake(fields.optimizer.replace("OptimizerKind::", "")),
    learningRate: Number(fields.learning_rate),
    batchSize: option(fields.batch_size),
    clip: option(fields.clip_norm),
    seed: Number(fields.seed),
    forgetBiasOne: fields.forget_bias_one === "true",
  };
}

// The table's values from the fields of a Rust TrainConfig literal beyond its ModelConfig.
function fromTrainConfig(fields) {
  assert.ok(fields.ensemble && fields.early_stopping, "ensemble and early_stopping are set");
  return { ensemble: Number(fields.ensemble), earlyStopping: fields.early_stopping === "true" };
}

// The text from `start` to the first line that closes an item at the left margin.
function rustBlock(source, start) {
  const from = source.indexOf(start);
  assert.ok(from >= 0, `"${start}" not found in the Rust source`);
  return source.slice(from, source.indexOf("\n}", from));
}

test("the table's defaults are the engine's TrainConfig::default() and DEFAULT_EPOCHS", () => {
  const train = readSource("src/train.rs");
  const data = readSource("src/data.rs");
  const transform = snake(
    /pub const DEFAULT_TRANSFORM: Transform = Transform::(\w+);/.exec(data)[1],
  );
  const fields = rustFields(rustBlock(train, "impl Default for TrainConfig"));
  const expected = { ...fromModelConfig(fields, transform), ...fromTrainConfig(fields) };
  expected.targetEpochs = Number(/pub const DEFAULT_EPOCHS: usize = (\d+);/.exec(train)[1]);
  const defaults = defaultValues();
  for (const [key, value] of Object.entries(expected)) assert.equal(defaults[key], value, key);
  // Every engine setting is checked against the Rust source.
  for (const setting of SETTINGS.filter((s) => s.owner === ENGINE))
    assert.ok(Object.hasOwn(expected, setting.name), setting.name);
});

test("'Best forecast' is exactly the engine's defaults, with the ensemble and no early stop", () => {
  const defaults = defaultValues();
  assert.deepEqual(
    Object.keys(PRESETS.best.values).sort(),
    Object.keys(PRESETS.best.values)
      .filter((key) => defaults[key] === PRESETS.best.values[key])
      .sort(),
  );
  assert.equal(PRESETS.best.values.ensemble, 5);
  assert.equal(PRESETS.best.values.earlyStopping, false);
  assert.equal(matchPreset(defaultValues()), "best");
});

test("the article preset is the engine's TrainConfig::article()", () => {
  const train = readSource("src/train.rs");
  const modelImpl = rustBlock(train, "impl ModelConfig {");
  const article = modelImpl.slice(modelImpl.indexOf("pub fn article()"));
  const fields = rustFields(article.slice(0, article.indexOf("\n    }\n")));
  const trainArticle = rustBlock(train, "impl TrainConfig {");
  const articleBody = trainArticle.slice(trainArticle.indexOf("pub fn article()"));
  assert.match(articleBody, /model: ModelConfig::article\(\)/);
  const transform = snake(/transform: Transform::(\w+)/.exec(articleBody)[1]);
  const expected = {
    ...fromModelConfig(fields, transform),
    ...fromTrainConfig(rustFields(articleBody)),
  };
  assert.equal(Object.keys(expected).length, SETTINGS.filter((s) => s.owner === ENGINE).length);
  for (const [key, value] of Object.entries(expected))
    assert.equal(PRESETS.article.values[key], value, key);
});

test("the engine settings are exactly the fields of the Rust Settings struct", () => {
  const web = readSource("src/web.rs");
  const block = rustBlock(web, "pub struct Settings {");
  const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  const fields = [...block.matchAll(/^\s*pub (\w+):/gm)].map((m) => camel(m[1]));
  // testStart is the engine's too, but not a control of the page (the default split is used).
  const rustNames = fields.filter((name) => name !== "testStart").sort();
  const tableNames = SETTINGS.filter((s) => s.owner === ENGINE)
    .map((s) => s.name)
    .sort();
  assert.deepEqual(tableNames, rustNames);
  assert.deepEqual(Object.keys(engineSettings(defaultValues())).sort(), rustNames);
});

test("the series options are the example series of src/examples.rs, plus own data", () => {
  const examples = readSource("src/examples.rs");
  const ids = [...examples.matchAll(/^\s*id: "(\w+)",$/gm)].map((m) => m[1]);
  assert.deepEqual(ids, EXAMPLE_SERIES);
  assert.deepEqual(findSetting("series").options, [...EXAMPLE_SERIES, OWN_DATA]);
  for (const id of findSetting("series").options)
    assert.ok(optionLabelKey(findSetting("series"), id));
});

test("the engine's report maps back onto the table", () => {
  const reported = {
    cell: "gru",
    hidden: 20,
    layers: 2,
    window: 6,
    layout: "flat",
    transform: "min_max",
    optimizer: "adam",
    learningRate: 0.01,
    batchSize: null,
    clip: null,
    seed: 3,
    forgetBiasOne: false,
    testStart: null,
    earlyStopping: true,
    ensemble: 3,
  };
  const values = fromEngineSettings(reported);
  assert.equal(values.batchSize, 0);
  assert.equal(values.clip, 0);
  assert.equal(values.ensemble, 3);
  assert.equal(values.earlyStopping, true);
  assert.equal(Object.hasOwn(values, "testStart"), false);
  assert.deepEqual(validateAll(values).problems, []);
  const { testStart, ...modelSettings } = reported;
  assert.equal(testStart, null);
  assert.deepEqual(engineSettings({ ...defaultValues(), ...values }), {
    ...modelSettings,
    batchSize: 0,
    clip: 0,
  });
});

// --- the current page's API ------------------------------------------------------------------

test("readSettings still serves the current page: engine, page (with stopEvery), sentences", () => {
  const speed = readSettings("?speed=20");
  assert.equal(speed.page.epochsPerFrame, 20);
  assert.equal(speed.page.stopEvery, findSetting("targetEpochs").default);
  assert.deepEqual(speed.problems, []);
  assert.deepEqual(speed.engine, engineSettings(defaultValues()));
  const lr = readSettings("?opt=sgd&lr=10");
  assert.equal(lr.engine.learningRate, 10);
  assert.equal(lr.engine.optimizer, "sgd");
  const bad = readSettings("#hidden=0", "zh");
  assert.equal(bad.engine.hidden, 40);
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0], /hidden=0/);
  assert.match(bad.problems[0], /隐层大小/);
});
