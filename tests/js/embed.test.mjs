// The pure parts of presenter mode: the URL's query and hash read together, the embed setting,
// the belt's previous station and speed, and who gets the presenter keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { urlSettingsText, decodeHash, describeProblem } from "../../www/settings.js";
import { advancePlayhead, previousStation, STATIONS_PER_SECOND } from "../../www/belt-animation.js";
import { presenterKey, setKeyOwner } from "../../www/classroom.js";

test("the query and the hash are read together, the hash winning", () => {
  const text = urlSettingsText("?lang=zh&window=12", "#embed=belt&window=24");
  const { values, problems } = decodeHash(text);
  assert.deepEqual(problems, []);
  assert.equal(values.lang, "zh");
  assert.equal(values.window, 24);
  assert.equal(values.embed, "belt");
  assert.equal(decodeHash(urlSettingsText("", "")).values.embed, "none");
});

test("an unknown view is refused with the list of views", () => {
  const { values, problems } = decodeHash("#embed=nope");
  assert.equal(values.embed, "none");
  const sentence = describeProblem(problems[0]);
  assert.match(sentence, /embed=nope/);
  assert.match(sentence, /forecast, loss, gates, belt, cell, gradient, compare/);
});

test("the belt's previous station wraps round; speed scales the glide", () => {
  assert.equal(previousStation(5, 24), 4);
  assert.equal(previousStation(0, 24), 23);
  const second = advancePlayhead(0.5, 1, 24);
  assert.equal(second, 0.5 + STATIONS_PER_SECOND);
  assert.equal(advancePlayhead(0.5, 1, 24, 2), 0.5 + 2 * STATIONS_PER_SECOND);
  assert.equal(advancePlayhead(0.5, 1, 24, 0.5), 0.5 + 0.5 * STATIONS_PER_SECOND);
});

// A body with the given classes, as presenterKey reads it.
const bodyWith = (...names) => ({ classList: { contains: (name) => names.includes(name) } });
const key = (name) => ({ key: name, target: null });

test("the presenter keys: owner first, then an open story, then presenting, else none", () => {
  assert.equal(presenterKey(key("ArrowRight"), bodyWith()), null);
  assert.equal(presenterKey(key("ArrowRight"), bodyWith("classroom")), 1);
  assert.equal(presenterKey(key("PageUp"), bodyWith("embed")), -1);
  assert.equal(presenterKey(key("ArrowLeft"), bodyWith("classroom")), -1);
  assert.equal(presenterKey(key("r"), bodyWith("classroom")), null);
  assert.equal(presenterKey({ ...key("ArrowRight"), ctrlKey: true }, bodyWith("embed")), null);
  assert.equal(presenterKey(key("PageDown"), bodyWith("classroom", "story-open")), "story");
  setKeyOwner((event) => event.key === "ArrowRight");
  try {
    assert.equal(presenterKey(key("ArrowRight"), bodyWith("classroom")), "owner");
    assert.equal(presenterKey(key("ArrowLeft"), bodyWith("classroom")), -1);
  } finally {
    setKeyOwner(null);
  }
});
