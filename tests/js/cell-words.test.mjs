// The cell-dependent helpers of the gate views (www/views/cell-words.js): which cell a trace is, and which
// string key labels a view for that cell (both languages must have every variant).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cellOf, cellKey } from "../../www/views/cell-words.js";
import { STRINGS } from "../../www/i18n.js";

test("a trace without a cell is an LSTM's", () => {
  assert.equal(cellOf({ steps: 12, layers: [] }), "lstm");
  assert.equal(cellOf({ cell: "gru" }), "gru");
  assert.equal(cellOf(null), "lstm");
});

test("the LSTM keeps its keys, the GRU and the RNN have their own in both languages", () => {
  assert.equal(cellKey("gate.cellTitle", "lstm"), "gate.cellTitle");
  assert.equal(cellKey("gate.cellTitle", "gru"), "gate.cellTitle.gru");
  const keys = [
    "gate.heatmaps.alt",
    "gate.belt.alt",
    "gate.cell.alt",
    "gate.cellTitle",
    "gate.conveyor.title",
    "gate.params.numel",
  ];
  for (const lang of Object.keys(STRINGS)) {
    for (const cell of ["lstm", "gru", "rnn"]) {
      for (const key of keys) {
        const text = STRINGS[lang][cellKey(key, cell)];
        assert.equal(typeof text, "string", `${lang} ${cellKey(key, cell)}`);
        assert.ok(text.length > 0);
      }
    }
  }
  // The GRU's words are the article's terms in Chinese.
  assert.match(STRINGS.zh["gate.heatmaps.alt.gru"], /重置门.*更新门/);
  assert.match(STRINGS.en["gate.params.gruBias"], /b_hn/);
});
