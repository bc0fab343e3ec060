// Property tests of the URL-state reader (www/settings.js: urlSettingsText, decodeHash,
// describeProblem, encodeHash): a link is text anyone can write, so for any text the reader
// returns every setting with a valid value and one sentence per refused key, never throws,
// and what it writes back reads back the same.
//
// Inside `npm test` each property runs 2,000 cases; `npm run fuzz` (scripts/fuzz.sh) runs
// FUZZ_CASES=100000. The cases come from a seeded generator (FUZZ_SEED, default 1), so a
// failure names the seed and the case to replay.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  SETTINGS,
  decodeHash,
  describeProblem,
  encodeHash,
  formatValue,
  urlSettingsText,
  validateSetting,
} from "../../www/settings.js";

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);

// mulberry32: a small seeded generator, so every run sees the same cases.
function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (items) => items[int(items.length)];
  return { next, int, pick };
}

// The keys a link may name: every setting's key and aliases, and some that are none.
const KEYS = [
  ...SETTINGS.flatMap((s) => [s.urlKey, ...(s.aliases ?? [])]),
  "",
  "x",
  "__proto__",
  "constructor",
  "HIDDEN",
  "hidden ",
  "图",
];
// Values: numbers in and out of range, the odd forms numbers take, words of the menus, and
// text that must never become markup or break the decoding.
const VALUES = [
  "",
  "0",
  "1",
  "-1",
  "40",
  "128",
  "129",
  "0.03",
  "1e-3",
  "1e309",
  "-0",
  "NaN",
  "Infinity",
  "0x10",
  " 12 ",
  "12abc",
  "adam",
  "lstm",
  "gru",
  "zh",
  "en",
  "belt",
  "true",
  "1959-01",
  "1958-13",
  "%",
  "%E0%A4%A",
  "%00",
  "<img src=x onerror=alert(1)>",
  "\u202e",
  "四十",
];

// One random key=value pair, sometimes with a broken separator or percent escape.
function pair(g) {
  const key = g.pick(KEYS);
  const value = g.next() < 0.8 ? g.pick(VALUES) : randomText(g);
  const separator = g.pick(["=", "=", "=", "==", ""]);
  return `${encodeMaybe(g, key)}${separator}${encodeMaybe(g, value)}`;
}

// Percent-encoded half the time (a lone surrogate cannot be: it goes in raw, as a browser
// would pass it on).
function encodeMaybe(g, text) {
  if (g.next() < 0.5) return text;
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

function randomText(g) {
  const alphabet = "abc019.-+e#?&=%/ 中文\u0000\ud800✈";
  let text = "";
  for (let i = g.int(12); i > 0; i -= 1) text += alphabet[g.int(alphabet.length)];
  return text;
}

// A whole link's settings text: a query, a hash, or both.
function link(g) {
  const part = () => Array.from({ length: g.int(6) }, () => pair(g)).join(g.pick(["&", "&", ";"]));
  return { search: g.next() < 0.5 ? `?${part()}` : "", hash: g.next() < 0.7 ? `#${part()}` : "" };
}

function forEachCase(name, check) {
  const g = generator(SEED);
  for (let i = 0; i < CASES; i += 1) {
    const input = link(g);
    try {
      check(input);
    } catch (error) {
      error.message = `${name}, seed ${SEED}, case ${i} (${JSON.stringify(input)}): ${error.message}`;
      throw error;
    }
  }
}

test("every link gives every setting a valid value", () => {
  forEachCase("valid values", ({ search, hash }) => {
    const { values, problems, given } = decodeHash(urlSettingsText(search, hash));
    assert.ok(Array.isArray(problems) && Array.isArray(given));
    for (const setting of SETTINGS) {
      assert.ok(setting.name in values, `${setting.name} has a value`);
      // The value reads back as itself: it is one the setting accepts.
      const again = validateSetting(setting, formatValue(setting, values[setting.name]));
      assert.equal(again.problem, undefined, `${setting.name}=${values[setting.name]}`);
    }
  });
});

test("every refused key is one sentence in each language that names the key", () => {
  forEachCase("problems", ({ search, hash }) => {
    const { problems } = decodeHash(urlSettingsText(search, hash));
    for (const problem of problems) {
      for (const lang of ["en", "zh"]) {
        const sentence = describeProblem(problem, lang);
        assert.equal(typeof sentence, "string");
        assert.ok(sentence.length > 5, sentence);
        const key = problem.urlKey ?? problem.params?.key;
        // Beside the link's own text (quoted back to the reader), no placeholder is left.
        let own = sentence;
        if (problem.params?.text !== undefined) own = own.split(problem.params.text).join("");
        own = own.split(key).join("");
        assert.doesNotMatch(own, /undefined|NaN|\{\w+\}|\[object/, sentence);
        assert.ok(sentence.includes(key), `${JSON.stringify(key)} in ${sentence}`);
      }
    }
  });
});

test("what the page writes back reads back the same, with no problem", () => {
  forEachCase("round trip", ({ search, hash }) => {
    const { values } = decodeHash(urlSettingsText(search, hash));
    const written = encodeHash(values);
    const back = decodeHash(written);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.values, values);
  });
});
