// The page's CSS lives in www/styles/ and reaches the page through webpack, never inline:
// index.html carries no <style>, www/styles/index.css imports every stylesheet of the folder
// once, and each stylesheet opens with a comment saying what it styles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

const ROOT = new URL("../../", import.meta.url);
const STYLES = new URL("www/styles/", ROOT);

test("index.html has no inline <style> block", () => {
  const html = readFileSync(new URL("index.html", ROOT), "utf8");
  assert.doesNotMatch(html, /<style[\s>]/i);
});

test("index.css imports every stylesheet in www/styles/ once, phone.css last", () => {
  const index = readFileSync(new URL("index.css", STYLES), "utf8");
  const imported = [...index.matchAll(/@import "\.\/([\w-]+\.css)";/g)].map((m) => m[1]);
  const files = readdirSync(STYLES).filter((f) => f.endsWith(".css") && f !== "index.css");
  assert.deepEqual([...imported].sort(), [...files].sort());
  assert.equal(new Set(imported).size, imported.length);
  assert.equal(imported.at(-1), "phone.css");
});

test("each stylesheet starts with a comment naming it", () => {
  for (const file of readdirSync(STYLES).filter((f) => f.endsWith(".css"))) {
    const text = readFileSync(new URL(file, STYLES), "utf8");
    assert.ok(text.startsWith("/*"), `${file} starts with a header comment`);
    if (file !== "index.css") assert.ok(text.startsWith(`/* ${file}:`), `${file} names itself`);
  }
});
