// Engine errors carry a stable code: src/web.rs (from DataError / TrainError / WeightsError
// ::code, and its own) and www/worker.js name it, www/strings/ says it. Every code found in
// those sources has a sentence in both languages with the same placeholders, and
// describeError says a coded error in the page's language, keeping the English message for
// an error without a code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { STRINGS, setLanguage, placeholders } from "../../www/i18n.js";
import { describeError, ERROR_KEY_PREFIX } from "../../www/status.js";
import { describeCsvError } from "../../www/csv.js";

const ROOT = new URL("../../", import.meta.url);
const CODE = /"((?:data|train|weights|engine|worker)\.[a-zA-Z]+)"/g;

function sourcesWithCodes() {
  const rust = readdirSync(new URL("src/", ROOT)).filter((f) => f.endsWith(".rs"));
  return [...rust.map((f) => `src/${f}`), "www/worker.js"];
}

function codesIn(path) {
  const text = readFileSync(new URL(path, ROOT), "utf8");
  return [...text.matchAll(CODE)].map((match) => match[1]);
}

test("the engine and the worker name their error codes, and each has both languages", () => {
  const codes = new Set(sourcesWithCodes().flatMap(codesIn));
  // The codes of each error type, the engine's own and the worker's.
  for (const sure of ["data.tooShort", "train.diverged", "weights.shape", "engine.badSeed"])
    assert.ok(codes.has(sure), `${sure} is found in the sources`);
  assert.ok(codes.has("worker.noWindow"));
  for (const code of codes) {
    const key = `${ERROR_KEY_PREFIX}${code}`;
    assert.ok(Object.hasOwn(STRINGS.en, key), `en has ${key}`);
    assert.ok(Object.hasOwn(STRINGS.zh, key), `zh has ${key}`);
    assert.deepEqual(placeholders(STRINGS.zh[key]).sort(), placeholders(STRINGS.en[key]).sort());
  }
  // No string for a code nobody sends.
  const keys = Object.keys(STRINGS.en).filter((key) => key.startsWith(ERROR_KEY_PREFIX));
  assert.deepEqual(
    keys.filter((key) => !codes.has(key.slice(ERROR_KEY_PREFIX.length))),
    [],
  );
});

test("a coded error is said in the page's language, with its params", () => {
  const error = Object.assign(new Error("the series has 20 months; a window of 24 …"), {
    code: "data.tooShort",
    params: { len: "20", window: "24", transform: "log_diff", needed: "27" },
  });
  setLanguage("zh");
  const zh = describeError(error);
  assert.match(zh, /序列有 20 个月/);
  assert.match(zh, /27/);
  setLanguage("en");
  assert.match(describeError(error), /^The series has 20 months; a window of 24/);
  // The worker's error data (no Error object) is said the same way.
  assert.equal(describeError({ ...error, message: error.message }), describeError(error));
});

test("an error without a code, or with an unknown one, keeps its own message", () => {
  setLanguage("zh");
  assert.equal(describeError(new Error("plain")), "plain");
  assert.equal(describeError(Object.assign(new Error("odd"), { code: "data.nope" })), "odd");
  assert.equal(describeError("text"), "text");
  setLanguage("en");
});

test("own data's line errors use the code's line in both languages", () => {
  const error = Object.assign(new Error('line 7: "abc" is not a number'), {
    code: "data.csvLine",
    params: { line: "7", detail: '"abc" is not a number' },
  });
  assert.equal(describeCsvError(error, "en"), 'Line 7: "abc" is not a number');
  assert.equal(describeCsvError(error, "zh"), '第 7 行："abc" is not a number');
  // A bare message (an older engine) still names its line.
  assert.equal(describeCsvError(error.message, "zh"), '第 7 行："abc" is not a number');
});
