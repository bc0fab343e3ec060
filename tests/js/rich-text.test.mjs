// The page's math markup (www/rich-text.js): the same subscripts as the canvases' labels, and
// running text with underscores in names left alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { richRuns, setRichText } from "../../www/rich-text.js";

const sub = (text) => ({ text, subscript: true });
const plain = (text) => ({ text, subscript: false });

test("_x and _{…} make subscripts", () => {
  assert.deepEqual(richRuns("c_{t−1} ⊙ f_t"), [plain("c"), sub("t−1"), plain(" ⊙ f"), sub("t")]);
  assert.deepEqual(richRuns("k_t = f_t ⊙ c_{t−1}."), [
    plain("k"),
    sub("t"),
    plain(" = f"),
    sub("t"),
    plain(" ⊙ c"),
    sub("t−1"),
    plain("."),
  ]);
  assert.deepEqual(richRuns("σ(W_f·[x_t, h_{t−1}])"), [
    plain("σ(W"),
    sub("f"),
    plain("·[x"),
    sub("t"),
    plain(", h"),
    sub("t−1"),
    plain("])"),
  ]);
});

test("names with underscores, a trailing underscore and plain text stay as written", () => {
  assert.deepEqual(richRuns("bias_ih and bias_hh"), [plain("bias_ih and bias_hh")]);
  assert.deepEqual(richRuns("a_"), [plain("a_")]);
  assert.deepEqual(richRuns(" _t"), [plain(" _t")]);
  assert.deepEqual(richRuns("no markup here"), [plain("no markup here")]);
  assert.deepEqual(richRuns(""), []);
});

test("Chinese text around the symbols, and an unclosed brace", () => {
  assert.deepEqual(richRuns("主线 c_t 由 k_t 和 j_t 相加"), [
    plain("主线 c"),
    sub("t"),
    plain(" 由 k"),
    sub("t"),
    plain(" 和 j"),
    sub("t"),
    plain(" 相加"),
  ]);
  assert.deepEqual(richRuns("主线c_t"), [plain("主线c"), sub("t")]);
  assert.deepEqual(richRuns("h_{t"), [plain("h"), sub("t")]);
});

test("setRichText writes again when other code changed the element since", () => {
  // A plain-text element (no subscript, so no DOM is needed): textContent only.
  const element = { textContent: "" };
  setRichText(element, "Play");
  assert.equal(element.textContent, "Play");
  element.textContent = "Pause"; // e.g. the controls while training
  setRichText(element, "Play");
  assert.equal(element.textContent, "Play");
});
