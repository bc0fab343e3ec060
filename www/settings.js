// The page's settings as ONE declarative table (tensorflow/playground's state.ts PROPS). Each
// row says what a setting is — name, type, default, range or options, URL key, owner, whether
// changing it needs a new model, its label and tooltip keys — and everything else is derived
// from the table: the validation with messages a learner can act on, the URL hash, the presets'
// check, the controls (part 2) and the tests (tests/js/settings.test.mjs walks every row).
//
// The URL hash. encodeHash writes EVERY setting, in table order:
//
//   #hidden=40&layers=1&window=24&layout=sequence&transform=log_diff&opt=adam&lr=0.03&batch=0
//    &clip=0&seed=1&fb1=1&ensemble=5&early=0&data=air_passengers&epochs=600&speed=1&lang=en
//    &classroom=0&baselines=0  (with compare=none before data)
//
// All of them, not only those that differ from the defaults, so that a link keeps reproducing
// its run (same seed, same curves) even after a later version changes a default. Numbers are
// written with JavaScript's shortest round-trip form (0.05, 0.00001, 1e-7), so decoding gives
// back exactly the same double; booleans as 1 or 0. Only values that pass validation are ever
// written: NaN and ±Infinity cannot reach the URL. decodeHash reads any subset (a missing
// setting takes its default), reports every value it cannot use with a sentence that names the
// key and the allowed range, and uses the default for it instead.
//
// Nothing here touches the DOM: Node's test runner imports this module as it is.

import { translate, DEFAULT_LANGUAGE } from "./i18n.js";
import { WASM_URL_KEY } from "./wasm-features.js";

// Who acts on a setting: ENGINE settings go to `new Demo(engineSettings(values))`, with the
// same names as the Rust `Settings` struct in src/web.rs; PAGE settings are the page's own.
export const ENGINE = "engine";
export const PAGE = "page";

// The ids of the example series that come with the page (src/examples.rs, same ids), and
// OWN_DATA for a series the person pasted or uploaded, which a link cannot carry.
export const EXAMPLE_SERIES = [
  "air_passengers",
  "co2",
  "nottem",
  "us_accidental_deaths",
  "synthetic",
  "long_memory",
];
export const OWN_DATA = "own";

// The rows. Fields:
//   name        the key in a values object, and in the engine's settings for ENGINE rows
//   owner       ENGINE or PAGE
//   type        "int", "number", "choice" or "bool"
//   default     the value when nothing else is said (ENGINE defaults = TrainConfig::default()
//               in src/train.rs; a test reads the Rust source to keep them equal)
//   min, max    the closed range of an int or number
//   options     the allowed values of a choice, in menu order
//   urlKey      the key in the URL hash
//   structural  true when a change needs a new model (a reset to epoch 0, with a notice);
//               false when it applies to the running model or only to the page
//   label, help the i18n keys of the control's label and tooltip (www/strings/)
//   optionLabel the i18n key prefix of a choice's option labels (`${optionLabel}.${option}`);
//               absent when the option is shown as it is (numbers)
//   testId      the control's data-testid
//   aliases     older URL keys that are still read (never written)
export const SETTINGS = Object.freeze(
  [
    {
      // The recurrent cell of every layer (src/model/cell.rs): the LSTM, PyTorch's GRU or the
      // plain tanh RNN the article starts from.
      name: "cell",
      owner: ENGINE,
      type: "choice",
      default: "lstm",
      options: ["lstm", "gru", "rnn"],
      urlKey: "cell",
      structural: true,
      optionLabel: "option.cell",
      testId: "setting-cell",
    },
    {
      name: "hidden",
      owner: ENGINE,
      type: "int",
      default: 40,
      min: 1,
      max: 128,
      urlKey: "hidden",
      structural: true,
      testId: "setting-hidden",
    },
    {
      name: "layers",
      owner: ENGINE,
      type: "int",
      default: 1,
      min: 1,
      max: 4,
      urlKey: "layers",
      structural: true,
      testId: "setting-layers",
    },
    {
      name: "window",
      owner: ENGINE,
      type: "int",
      default: 24,
      min: 3,
      max: 36,
      urlKey: "window",
      structural: true,
      testId: "setting-window",
    },
    {
      name: "layout",
      owner: ENGINE,
      type: "choice",
      default: "sequence",
      options: ["sequence", "flat"],
      urlKey: "layout",
      structural: true,
      optionLabel: "option.layout",
      testId: "setting-layout",
    },
    {
      name: "transform",
      owner: ENGINE,
      type: "choice",
      default: "log_diff",
      options: ["min_max", "log_diff", "seasonal_log_diff", "window_log_norm"],
      urlKey: "transform",
      structural: true,
      optionLabel: "option.transform",
      testId: "setting-transform",
    },
    {
      name: "optimizer",
      owner: ENGINE,
      type: "choice",
      default: "adam",
      options: ["adagrad", "adam", "sgd"],
      urlKey: "opt",
      structural: false,
      optionLabel: "option.optimizer",
      testId: "setting-opt",
    },
    {
      // 50 is inside on purpose: it diverges, and the page shows what that looks like.
      name: "learningRate",
      owner: ENGINE,
      type: "number",
      default: 0.03,
      min: 1e-5,
      max: 100,
      scale: "log",
      urlKey: "lr",
      structural: false,
      testId: "setting-lr",
    },
    {
      // 0 = every training window in one batch.
      name: "batchSize",
      owner: ENGINE,
      type: "int",
      default: 0,
      min: 0,
      max: 10000,
      urlKey: "batch",
      structural: false,
      testId: "setting-batch",
    },
    {
      // 0 = no clipping.
      name: "clip",
      owner: ENGINE,
      type: "number",
      default: 0,
      min: 0,
      max: 1000,
      urlKey: "clip",
      structural: false,
      testId: "setting-clip",
    },
    {
      name: "seed",
      owner: ENGINE,
      type: "int",
      default: 1,
      min: 0,
      max: 2 ** 32,
      urlKey: "seed",
      structural: true,
      testId: "setting-seed",
    },
    {
      name: "forgetBiasOne",
      owner: ENGINE,
      type: "bool",
      default: true,
      urlKey: "fb1",
      structural: true,
      testId: "setting-fb1",
    },
    {
      // Networks trained side by side from seeds seed, seed + 1000, …; the forecast is their
      // mean. The gate views and the epochs looked back at show the first one.
      name: "ensemble",
      owner: ENGINE,
      type: "int",
      default: 5,
      min: 1,
      max: 10,
      urlKey: "ensemble",
      structural: true,
      testId: "setting-ensemble",
    },
    {
      // Holds out the last 12 training windows, scores every epoch on them and forecasts with
      // the weights of the best epoch so far.
      name: "earlyStopping",
      owner: ENGINE,
      type: "bool",
      default: false,
      urlKey: "early",
      structural: true,
      testId: "setting-early-stopping",
    },
    {
      // A second model trained beside the first in the worker, on the same data with the same
      // settings but this cell; "none" trains one model.
      name: "compare",
      owner: PAGE,
      type: "choice",
      default: "none",
      options: ["none", "lstm", "gru", "rnn"],
      urlKey: "compare",
      structural: true,
      optionLabel: "option.compare",
      testId: "setting-compare",
    },
    {
      // Which series the page hands to the engine; OWN_DATA when the person gave their own.
      name: "series",
      owner: PAGE,
      type: "choice",
      default: "air_passengers",
      options: [...EXAMPLE_SERIES, OWN_DATA],
      urlKey: "data",
      structural: true,
      optionLabel: "example",
      testId: "setting-data",
    },
    {
      // Training stops by itself at this epoch; raising it trains on.
      name: "targetEpochs",
      owner: PAGE,
      type: "int",
      default: 600,
      min: 1,
      max: 100000,
      urlKey: "epochs",
      aliases: ["stop"],
      structural: false,
      testId: "setting-epochs",
    },
    {
      name: "epochsPerFrame",
      owner: PAGE,
      type: "choice",
      default: 1,
      options: [1, 2, 5, 10, 20, 50],
      urlKey: "speed",
      structural: false,
      testId: "speed",
    },
    {
      // The default is a placeholder: the page passes detectLanguage(navigator.languages).
      name: "lang",
      owner: PAGE,
      type: "choice",
      default: DEFAULT_LANGUAGE,
      options: ["en", "zh"],
      urlKey: "lang",
      structural: false,
      optionLabel: "option.lang",
      testId: "lang-toggle",
    },
    {
      name: "classroom",
      owner: PAGE,
      type: "bool",
      default: false,
      urlKey: "classroom",
      structural: false,
      testId: "classroom-toggle",
    },
    {
      // The forecast chart also draws the classical baselines' one-step predictions.
      name: "showBaselines",
      owner: PAGE,
      type: "bool",
      default: false,
      urlKey: "baselines",
      structural: false,
      testId: "baselines-toggle",
    },
    {
      // Presenter mode (www/embed.js): one view alone, filling the window, e.g. in an iframe.
      // "none" is the whole page.
      name: "embed",
      owner: PAGE,
      type: "choice",
      default: "none",
      options: ["none", "forecast", "loss", "gates", "belt", "cell", "gradient", "compare"],
      urlKey: "embed",
      structural: false,
      testId: "embed-bar",
    },
  ].map((row) =>
    Object.freeze({ label: `setting.${row.name}`, help: `setting.${row.name}.help`, ...row }),
  ),
);

// The presets: complete values for the model and training settings (the page settings —
// series, speed, language, classroom — stay as they are, but for those a preset names in
// `page`, such as the comparison's series and second cell). `explain` is the i18n key of the
// one sentence that says what the preset is and what it shows.
export const PRESETS = Object.freeze({
  // TrainConfig::article() in src/train.rs.
  article: Object.freeze({
    label: "preset.article",
    explain: "preset.article.explain",
    values: Object.freeze({
      cell: "lstm",
      hidden: 40,
      layers: 1,
      window: 12,
      layout: "flat",
      transform: "min_max",
      optimizer: "adagrad",
      learningRate: 0.6,
      batchSize: 0,
      clip: 0,
      seed: 1,
      forgetBiasOne: true,
      ensemble: 1,
      earlyStopping: false,
      targetEpochs: 300,
    }),
  }),
  // "RNN vs LSTM": the article's opening argument made visible, on the long-memory series
  // (src/examples.rs), where the next value repeats the one a whole window back. Its settings
  // and the figures of its explanation come from `cargo run --release --example long_memory`
  // (README, "A series that needs a long memory").
  compare: Object.freeze({
    label: "preset.compare",
    explain: "preset.compare.explain",
    values: Object.freeze({
      cell: "lstm",
      hidden: 20,
      layers: 1,
      window: 30,
      layout: "sequence",
      transform: "min_max",
      optimizer: "adam",
      learningRate: 0.03,
      batchSize: 0,
      clip: 0,
      seed: 1,
      forgetBiasOne: true,
      ensemble: 1,
      earlyStopping: false,
      targetEpochs: 2000,
    }),
    page: Object.freeze({ series: "long_memory", compare: "rnn" }),
  }),
  // TrainConfig::default() and DEFAULT_EPOCHS: chosen by rolling-origin validation on
  // 1956–1958, on the series cut at 1958-12 (README, FORECAST.md).
  best: Object.freeze({
    label: "preset.best",
    explain: "preset.best.explain",
    values: Object.freeze({
      cell: "lstm",
      hidden: 40,
      layers: 1,
      window: 24,
      layout: "sequence",
      transform: "log_diff",
      optimizer: "adam",
      learningRate: 0.03,
      batchSize: 0,
      clip: 0,
      seed: 1,
      forgetBiasOne: true,
      ensemble: 5,
      earlyStopping: false,
      targetEpochs: 600,
    }),
  }),
});

const TRUE_WORDS = ["1", "true", "yes", "on"];
const FALSE_WORDS = ["0", "false", "no", "off"];
const SETTINGS_BY_NAME = new Map(SETTINGS.map((setting) => [setting.name, setting]));

// Returns the setting called `name` from the table.
export function findSetting(name) {
  const setting = SETTINGS_BY_NAME.get(name);
  if (!setting) throw new Error(`no setting called ${name}`);
  return setting;
}

// { name: default } for every setting.
export function defaultValues() {
  return Object.fromEntries(SETTINGS.map((setting) => [setting.name, setting.default]));
}

// How a value is shown in a message, a control or the URL: the shortest form that reads back
// as the same number (0.05, 0.00001, 4294967296), 1/0 for booleans.
export function formatValue(setting, value) {
  if (setting.type === "bool") return value ? "1" : "0";
  return String(value);
}

// The i18n key of a choice's option label, or undefined when the option shows as it is.
export function optionLabelKey(setting, option) {
  return setting.optionLabel ? `${setting.optionLabel}.${option}` : undefined;
}

// Checks one raw value — a string from the URL or a text field, or a number or boolean from a
// control — against its setting. Returns { value } with the value in its proper type, or
// { problem } with problem = { name, code, params } (see describeProblem). Never throws on
// bad input; never returns NaN or ±Infinity as a value.
export function validateSetting(settingOrName, raw) {
  const setting = typeof settingOrName === "string" ? findSetting(settingOrName) : settingOrName;
  const text = typeof raw === "string" ? raw.trim() : String(raw);
  const fail = (code, params = {}) => ({
    problem: { name: setting.name, code, params: { text, ...params } },
  });
  switch (setting.type) {
    case "int":
    case "number": {
      const range = { min: setting.min, max: setting.max };
      if (typeof raw === "boolean" || raw === null || raw === undefined)
        return fail("notANumber", range);
      const value = typeof raw === "number" ? raw : Number(text);
      if (text === "" || !Number.isFinite(value)) return fail("notANumber", range);
      if (setting.type === "int" && !Number.isInteger(value)) return fail("notWhole", range);
      if (value < setting.min) return fail("tooSmall", { ...range, value });
      if (value > setting.max) return fail("tooLarge", { ...range, value });
      return { value: Object.is(value, -0) ? 0 : value };
    }
    case "bool": {
      if (typeof raw === "boolean") return { value: raw };
      const word = text.toLowerCase();
      if (TRUE_WORDS.includes(word)) return { value: true };
      if (FALSE_WORDS.includes(word)) return { value: false };
      return fail("notBool");
    }
    case "choice": {
      const value = setting.options.find((option) => String(option) === text);
      if (value === undefined) return fail("notChoice", { options: setting.options.join(", ") });
      return { value };
    }
    default:
      throw new Error(`unknown setting type ${setting.type}`);
  }
}

// Checks a whole values object (any subset, any junk). Returns { values, problems }: `values`
// has every setting, each one valid — the given value when it passes, else the default (or
// the value in `fallback`, e.g. the current settings) — and `problems` one problem per value
// that was refused. Names that are not settings are ignored.
export function validateAll(given = {}, fallback = defaultValues()) {
  const values = {};
  const problems = [];
  for (const setting of SETTINGS) {
    const keep = fallback[setting.name] ?? setting.default;
    if (!Object.hasOwn(given, setting.name) || given[setting.name] === undefined) {
      values[setting.name] = keep;
      continue;
    }
    const { value, problem } = validateSetting(setting, given[setting.name]);
    if (problem) {
      problems.push(problem);
      values[setting.name] = keep;
    } else {
      values[setting.name] = value;
    }
  }
  return { values, problems };
}

// The problem as a sentence in `lang`, naming the setting and its bound:
// "Hidden size H must be at most 128; 129 is too large."
export function describeProblem(problem, lang = DEFAULT_LANGUAGE) {
  if (problem.code === "unknownKey") return translate(lang, "problem.unknownKey", problem.params);
  const setting = findSetting(problem.name);
  const message = translate(lang, `problem.${problem.code}`, {
    ...problem.params,
    label: translate(lang, setting.label),
  });
  if (problem.urlKey === undefined) return message;
  return translate(lang, "problem.inLink", {
    key: problem.urlKey,
    text: problem.params.text,
    message,
    fallback: formatValue(setting, problem.fallback),
  });
}

// The URL hash for `values` (see the top of this file): every setting, in table order, each
// value validated first — one that fails is written as its default, so nothing invalid, NaN
// or infinite is ever written.
export function encodeHash(values) {
  const { values: valid } = validateAll(values);
  const pairs = SETTINGS.map(
    (setting) =>
      `${encodeURIComponent(setting.urlKey)}=${encodeURIComponent(formatValue(setting, valid[setting.name]))}`,
  );
  return `#${pairs.join("&")}`;
}

// The URL's settings text: the query's keys and the hash's together, a key in the hash winning
// over the same key in the query ("?lang=zh#embed=belt" is both). Either alone is read as it is.
export function urlSettingsText(search = "", hash = "") {
  const params = new URLSearchParams(String(search).replace(/^\?/, ""));
  for (const [key, value] of new URLSearchParams(String(hash).replace(/^#/, ""))) {
    params.set(key, value);
  }
  return params.toString();
}

// Reads settings from a URL hash ("#hidden=20&lr=0.1") or, for old links, a query string
// ("?hidden=20"). Returns { values, problems, given }:
//   values    every setting: the URL's value when valid, else the default (or `defaults[name]`,
//             e.g. { lang: detectLanguage(navigator.languages) })
//   problems  one problem per value that was refused, with `urlKey` and `fallback` set so that
//             describeProblem says "In the link, hidden=999: … Using 40 instead."; and one
//             { code: "unknownKey" } per key that is not a setting
//   given     the names of the settings the URL named (valid or not)
export function decodeHash(text = "", defaults = {}) {
  const params = new URLSearchParams(String(text).replace(/^[#?]/, ""));
  const fallback = { ...defaultValues(), ...defaults };
  const values = { ...fallback };
  const problems = [];
  const given = [];
  // `wasm=` is not a setting but the page reads it too (www/wasm-features.js).
  const known = new Set([WASM_URL_KEY]);
  for (const setting of SETTINGS) {
    const keys = [setting.urlKey, ...(setting.aliases ?? [])];
    keys.forEach((key) => known.add(key));
    const key = keys.find((k) => params.has(k));
    if (key === undefined) continue;
    given.push(setting.name);
    const { value, problem } = validateSetting(setting, params.get(key));
    if (problem) {
      problems.push({ ...problem, urlKey: key, fallback: fallback[setting.name] });
    } else {
      values[setting.name] = value;
    }
  }
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) problems.push({ code: "unknownKey", params: { key } });
  }
  return { values, problems, given };
}

// The settings object for `new Demo(...)`: the ENGINE settings, under the names of the Rust
// `Settings` struct (0 for batchSize and clip means "all windows" and "no clipping" there too).
export function engineSettings(values) {
  return Object.fromEntries(
    SETTINGS.filter((setting) => setting.owner === ENGINE).map((setting) => [
      setting.name,
      values[setting.name],
    ]),
  );
}

// Table values from the engine's own report (demo.settings(), e.g. after importing weights):
// null batchSize and clip become 0; fields that are not in the table (testStart) are dropped.
export function fromEngineSettings(reported) {
  const values = {};
  for (const setting of SETTINGS) {
    if (setting.owner !== ENGINE || !Object.hasOwn(reported, setting.name)) continue;
    const value = reported[setting.name];
    values[setting.name] = value === null ? 0 : value;
  }
  return values;
}

// `values` with the preset's settings applied (page settings untouched, but for those the
// preset names in `page`).
export function applyPreset(values, presetName) {
  const preset = PRESETS[presetName];
  if (!preset) throw new Error(`no preset called ${presetName}`);
  return { ...values, ...preset.values, ...preset.page };
}

// The preset whose settings all equal those in `values`, or undefined ("your own settings").
export function matchPreset(values) {
  return Object.keys(PRESETS).find((name) =>
    Object.entries({ ...PRESETS[name].values, ...PRESETS[name].page }).every(
      ([key, value]) => values[key] === value,
    ),
  );
}

// The names of the settings whose values differ between `before` and `after`, in table order.
export function changedSettings(before, after) {
  return SETTINGS.filter((setting) => before[setting.name] !== after[setting.name]).map(
    (setting) => setting.name,
  );
}

// True when going from `before` to `after` needs a new model (a structural setting changed).
export function needsReset(before, after) {
  return changedSettings(before, after).some((name) => findSetting(name).structural);
}

// Compatibility with the page as it is (www/index.js reads `?` queries): reads a query or a
// hash and returns { engine, page, problems, values } — `engine` every engine setting,
// `page` every page setting plus `stopEvery` (= targetEpochs, the name the current page
// uses), `problems` sentences in `lang`.
export function readSettings(text, lang = DEFAULT_LANGUAGE) {
  const { values, problems } = decodeHash(text);
  const page = {};
  for (const setting of SETTINGS) {
    if (setting.owner === PAGE) page[setting.name] = values[setting.name];
  }
  page.stopEvery = values.targetEpochs;
  return {
    engine: engineSettings(values),
    page,
    problems: problems.map((problem) => describeProblem(problem, lang)),
    values,
  };
}
