// The parameter panel: how many numbers the network learns, by the article's formula and as
// PyTorch's numel() counts them (with the reason they differ), for the trace's cell.

import { t } from "../i18n.js";
import { findElements } from "../dom.js";
import { withCanvasWords, canvasLook } from "../canvas-words.js";
import { cellOf, cellKey } from "./cell-words.js";
import { paragraph } from "./elements.js";

// Every element this view uses, by data-testid.
const ELEMENT_IDS = { params: "param-count" };

// mountParams(root, shared): see www/views/page.js for `shared`. Returns { update(snapshot) }.
export function mountParams(root, { wasm }) {
  const el = findElements(root, ELEMENT_IDS);
  let snapshot = null;
  let drawnKey = "";

  function writeParams() {
    const key = JSON.stringify([
      snapshot.settings,
      snapshot.paramCount,
      cellOf(snapshot.trace),
      canvasLook(),
    ]);
    if (key === drawnKey) return;
    drawnKey = key;
    const cell = cellOf(snapshot.trace);
    const d = wasm.describeParams(
      snapshot.paramCount,
      { ...snapshot.settings, cell },
      withCanvasWords(),
    );
    const value = document.createElement("span");
    value.className = "param-value";
    value.dataset.testid = "param-count-value";
    value.textContent = String(d.distinct);
    const counted = paragraph("", `${t("gate.params.counted")} `);
    counted.append(value);
    el.params.replaceChildren(
      heading(t("gate.params.title")),
      paragraph(
        "",
        cell === "lstm"
          ? t("gate.params.formula", { text: d.text })
          : t("gate.params.formula.cell", { cell: cell.toUpperCase(), text: d.text }),
      ),
      counted,
      paragraph("", d.matches ? t("gate.params.matches") : t("gate.params.differs")),
      paragraph("equation-shape", describeNumel(d, snapshot.settings)),
    );
    if (cell === "gru") el.params.append(paragraph("equation-shape", t("gate.params.gruBias")));
    // With an ensemble these are one network's: the views show the first member.
    const members = snapshot.settings.ensemble;
    if (members > 1) {
      el.params.append(
        paragraph(
          "equation-shape",
          t("gate.params.ensemble", {
            count: members,
            total: (members * d.distinct).toLocaleString("en-US"),
          }),
        ),
      );
    }
  }

  return {
    // Writes the panel for `next` (the latest snapshot) when its settings or words changed.
    update(next) {
      if (next === snapshot) return;
      snapshot = next;
      writeParams();
    },
  };
}

function heading(text) {
  const h = document.createElement("p");
  h.className = "equation-name";
  h.textContent = text;
  return h;
}

// Why PyTorch's numel() counts more than the distinct parameters: nn.LSTM keeps two biases per
// gate (bias_ih and bias_hh) where the article's formula counts one, 4·h more per layer (the
// GRU 2·h: its b_hn counts; the RNN h). `params` is describeParams' answer.
function describeNumel(params, settings) {
  const numel = params.numel.toLocaleString("en-US");
  const extra = params.numel - params.distinct;
  if (extra === 0) return t("gate.params.numelSame", { numel });
  return t(cellKey("gate.params.numel", params.cell ?? "lstm"), {
    numel,
    perLayer: params.numelExtraPerLayer ?? 4 * settings.hidden,
    layers: settings.layers,
    extra: extra.toLocaleString("en-US"),
  });
}
