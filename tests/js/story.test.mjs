// The guided story's steps (www/story.js) have their texts: every step's title, text, section
// and quote exist in both languages, so no step shows a raw key such as "story.x.title".
import { test } from "node:test";
import assert from "node:assert/strict";
import { STEPS } from "../../www/story.js";
import { STRINGS } from "../../www/i18n.js";

const PARTS = ["title", "text", "section", "quote"];

test("every story step has its four texts in both languages", () => {
  for (const step of STEPS) {
    for (const lang of ["en", "zh"]) {
      for (const part of PARTS) {
        const key = `story.${step.id}.${part}`;
        assert.ok(STRINGS[lang][key], `${key} in ${lang}`);
      }
    }
  }
});

test("the steps' ids are distinct and every story text belongs to a step", () => {
  const ids = STEPS.map((step) => step.id);
  assert.equal(new Set(ids).size, ids.length);
  const stepKey = /^story\.([a-z]+)\.(title|text|section|quote)$/;
  for (const key of Object.keys(STRINGS.en)) {
    const match = stepKey.exec(key);
    // story.start.title is the button's tooltip, not a step's.
    if (match && match[1] !== "start")
      assert.ok(ids.includes(match[1]), `${key} belongs to no step`);
  }
});
