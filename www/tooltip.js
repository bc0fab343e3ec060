// The tooltip of the gate views (issue 11, "explained in place"): pointing at a heatmap square,
// a belt station or a part of the cell diagram shows, next to the pointer, what it is, where it
// is (time step and its month, unit), its value and its equation with the numbers filled in.
// The fixed equation panel below the diagram keeps working; the tip only saves the learner the
// trip there.
//
//   attachTips({ wasm, elements: { gatesCanvas, beltCanvas, cellParts }, current });
//
// `current()` returns { snapshot, selection } (the selection clamped to the trace). A mouse
// shows the tip while it hovers and the tip follows it; a touch shows it on a tap (a heatmap
// square, a belt station, a cell part) and a tap anywhere else hides it, as Esc does. Keyboard
// focus on a cell part shows the tip beside the part. The tip is placed by placeTip: beside the
// pointer, flipped left or up near the window's edges, never over the point under the pointer.

import { t } from "./i18n.js";
import { formatNumber } from "./csv.js";
import { withCanvasWords } from "./canvas-words.js";
import { windowMonths } from "./window-picker.js";

// CSS pixels between the pointer and the tip, between a part and the tip, and the least room
// kept between the tip and the window's edges.
export const POINTER_GAP = 14;
export const PART_GAP = 8;
export const EDGE = 6;

// Each part's row of the trace (www/engine.js: the layer's rows by field or, for the GRU's own
// gates, by name in `rows`).
const FIELDS = {
  f: "forgetGate",
  i: "inputGate",
  g: "cellGate",
  o: "outputGate",
  k: "kept",
  j: "added",
  c: "cell",
  tanhC: "tanhCell",
  h: "hidden",
  cPrev: "cellPrev",
};
const ROWS = { r: "reset_gate", z: "update_gate", n: "new_gate", h: "hidden" };

// Where a tip of `size` ({ width, height }) goes in a `viewport` ({ width, height }), as
// { left, top }: `anchor` is the pointer ({ x, y }) or a part's rectangle ({ left, top, right,
// bottom }). Beside the pointer: right of and below it, flipped left (up) when it would pass
// the right (bottom) edge; beside a part: right of it, else left of it, its top at the part's,
// else (no room on either side) below the part, or above it.
// Always inside the viewport when it fits, and never over the pointer: if keeping it inside
// would put it there, it moves above or below the pointer, wherever there is more room.
export function placeTip(anchor, size, viewport) {
  const pointer = anchor.x !== undefined;
  const box = pointer
    ? { left: anchor.x, right: anchor.x, top: anchor.y, bottom: anchor.y }
    : anchor;
  const gap = pointer ? POINTER_GAP : PART_GAP;
  let left = box.right + gap;
  if (left + size.width > viewport.width - EDGE) left = box.left - gap - size.width;
  let top = pointer ? box.bottom + gap : box.top;
  if (!pointer && left < EDGE) {
    // No room on either side of the part (a phone): below it, or above it.
    left = box.left;
    top = box.bottom + gap;
    if (top + size.height > viewport.height - EDGE) top = box.top - gap - size.height;
  } else if (top + size.height > viewport.height - EDGE) {
    top = pointer ? box.top - gap - size.height : box.bottom - size.height;
  }
  left = clamp(left, EDGE, viewport.width - EDGE - size.width);
  top = clamp(top, EDGE, viewport.height - EDGE - size.height);
  if (pointer && covers({ left, top, ...size }, anchor)) {
    const below = viewport.height - anchor.y;
    top = below > anchor.y ? anchor.y + gap : anchor.y - gap - size.height;
  }
  return { left, top };
}

function clamp(value, low, high) {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}

function covers(rect, point) {
  return (
    point.x >= rect.left &&
    point.x <= rect.left + rect.width &&
    point.y >= rect.top &&
    point.y <= rect.top + rect.height
  );
}

// The value of `part` at (step, unit) in `layer` of a trace, or undefined where the trace keeps
// none (a part that is a sum of others, x_t of the window read all at once).
export function valueOf(layer, part, step, unit) {
  const h = layer.dHidden;
  const row = (name) => (layer.rows?.[name]?.length ? layer.rows[name] : undefined);
  let values;
  let index = step * h + unit;
  if (part === "x") {
    if (layer.dInput !== 1) return undefined;
    values = layer.input;
    index = step;
  } else if (part === "hPrev") {
    if (step === 0) return 0;
    values = layer.hidden?.length ? layer.hidden : row("hidden");
    index = (step - 1) * h + unit;
  } else {
    values = (ROWS[part] && row(ROWS[part])) || layer[FIELDS[part]];
  }
  const v = values?.[index];
  return Number.isFinite(v) ? v : undefined;
}

// "time step 5 (1958-03), unit 3" (and the layer when there are more): where a value is, in
// the words of the fixed equation panel (gate.timeStep, gate.unit).
export function whereText(snapshot, { layer, step, unit }) {
  const { trace, months } = snapshot;
  let where;
  if (months && trace.steps === 1 && trace.layers[0].dInput > 1) {
    const { first, last } = windowMonths(snapshot);
    where = t("tip.whereWhole", {
      first: months[first],
      last: months[last],
      unit: t("gate.unit", { n: unit + 1 }),
    });
  } else {
    const month = months?.[windowMonths(snapshot).first + step] ?? "";
    where = t("tip.where", {
      step: t("gate.timeStep", { t: step + 1 }),
      month,
      unit: t("gate.unit", { n: unit + 1 }),
    });
  }
  return trace.layers.length > 1 ? `${where}, ${t("gate.layer", { n: layer + 1 })}` : where;
}

// attachTips({ wasm, elements, current }) wires the tip to the views; returns { hide, element }.
export function attachTips({ wasm, elements, current }) {
  const { gatesCanvas, beltCanvas, cellParts } = elements;
  const tip = document.createElement("div");
  tip.className = "tip";
  tip.id = "gate-tip";
  tip.dataset.testid = "tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  const lines = ["name", "where", "value", "equation"].map((name) => {
    const p = document.createElement("p");
    p.className = `tip-${name}`;
    p.dataset.testid = `tip-${name}`;
    return p;
  });
  tip.append(...lines);
  document.body.append(tip);
  let describedBy = null;

  // Fills the tip for `part` at `at` ({ layer, step, unit }) under `title`; false when the
  // part is not the trace's (the cell changed under the pointer).
  function fill(kind, part, at, title, mark) {
    const { snapshot } = current();
    if (!snapshot) return false;
    let eq;
    try {
      eq = wasm.equation(part, snapshot.trace, withCanvasWords(at));
    } catch {
      return false;
    }
    const value = valueOf(snapshot.trace.layers[at.layer], part, at.step, at.unit);
    const [name, where, valueLine, equation] = lines;
    name.textContent = title;
    where.textContent = whereText(snapshot, at);
    valueLine.textContent =
      value === undefined ? "" : t("tip.value", { value: formatNumber(value) });
    valueLine.hidden = value === undefined;
    if (value === undefined) delete valueLine.dataset.value;
    else valueLine.dataset.value = String(value);
    equation.textContent = eq.equation;
    Object.assign(tip.dataset, {
      kind,
      part,
      step: String(at.step),
      unit: String(at.unit),
      mark: mark ?? "",
    });
    return true;
  }

  // Shows the tip, placed by placeTip beside `anchor`.
  function show(anchor) {
    tip.hidden = false;
    const { width, height } = tip.getBoundingClientRect();
    const viewport = { width: window.innerWidth, height: window.innerHeight };
    const { left, top } = placeTip(anchor, { width, height }, viewport);
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }

  function hide() {
    tip.hidden = true;
    describedBy?.removeAttribute("aria-describedby");
    describedBy = null;
  }

  // The part's name in the page's language; h_t is named for its cell (the GRU's only memory).
  function nameOf(part, snapshot) {
    const cell = snapshot.trace.cell ?? "lstm";
    return t(part === "h" && cell !== "lstm" ? `tip.name.h.${cell}` : `tip.name.${part}`);
  }

  // A heatmap square under the pointer (wasm.gateAt): its gate, time step, unit and value.
  function pointHeatmap(event) {
    const { snapshot, selection } = current();
    const hit = snapshot && wasm.gateAt(event.offsetX, event.offsetY);
    if (!hit) return hide();
    const at = { layer: selection.layer, step: hit.step, unit: hit.unit };
    if (!fill("heatmap", hit.part, at, nameOf(hit.part, snapshot))) return hide();
    show({ x: event.clientX, y: event.clientY });
  }

  // A belt station under the pointer (wasm.beltAt): the mark there (⊗ k_t, ⊕ j_t, the main
  // line c_t, the read-out h_t) with its equation; the GRU's and RNN's belt show h_t.
  function pointBelt(event) {
    const { snapshot, selection } = current();
    const hit = snapshot && wasm.beltAt(event.offsetX, event.offsetY);
    if (!hit) return hide();
    const at = { layer: selection.layer, step: hit.step, unit: hit.unit };
    const part = hit.part ?? "h";
    const title = hit.mark ? t(`tip.belt.${hit.mark}`) : nameOf(part, snapshot);
    if (!fill("belt", part, at, title, hit.mark)) return hide();
    show({ x: event.clientX, y: event.clientY });
  }

  // A part of the cell diagram (a button placed over it): at the selected step and unit.
  function showPart(button) {
    const { snapshot, selection } = current();
    if (!snapshot || !selection) return;
    const part = button.dataset.part;
    if (!fill("cell", part, selection, nameOf(part, snapshot))) return hide();
    const r = button.getBoundingClientRect();
    show({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    if (describedBy !== button) describedBy?.removeAttribute("aria-describedby");
    button.setAttribute("aria-describedby", tip.id);
    describedBy = button;
  }

  // A mouse or a pen hovers; a touch shows the tip where it taps (and leaving, which a touch
  // does as the finger lifts, keeps it).
  for (const [canvas, point] of [
    [gatesCanvas, pointHeatmap],
    [beltCanvas, pointBelt],
  ]) {
    canvas.addEventListener("pointermove", point);
    canvas.addEventListener("pointerdown", point);
    canvas.addEventListener("pointerleave", (event) => {
      if (event.pointerType !== "touch") hide();
    });
  }
  const partOf = (event) => event.target.closest?.("button[data-part]");
  cellParts.addEventListener("pointerover", (event) => {
    const button = partOf(event);
    if (button) showPart(button);
  });
  cellParts.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch" || !partOf(event)) return;
    if (!partOf({ target: event.relatedTarget ?? document.body })) hide();
  });
  cellParts.addEventListener("focusin", (event) => {
    const button = partOf(event);
    if (button) showPart(button);
  });
  cellParts.addEventListener("focusout", () => hide());
  cellParts.addEventListener("click", (event) => {
    const button = partOf(event);
    if (button) showPart(button);
  });

  // A tap or a click anywhere else, Esc, or scrolling the tip away from what it names hides it.
  document.addEventListener("pointerdown", (event) => {
    const inside = event.target === gatesCanvas || event.target === beltCanvas || partOf(event);
    if (!inside) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !tip.hidden) hide();
  });
  window.addEventListener("scroll", () => hide(), { passive: true });

  return { hide, element: tip };
}
