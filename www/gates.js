// The gate views of issue 4, drawn by Rust (src/web_views.rs) from the trace the latest
// snapshot carries: the heatmaps of f, i, g, o, c and h, the conveyor belt with the gradient
// bars under it, the cell diagram with its equations, and the parameter panel. Every view
// follows the trace's cell (trace.cell: "lstm", "gru" or "rnn"): the GRU's heatmaps are r, z,
// n and h, its belt canvas says the belt is the LSTM's and draws h_t instead, its diagram and
// equations are its own; the RNN likewise with h alone. One selection
// (layer, time step, unit) is shared by every view: a click on a heatmap square, a belt lane or
// a gradient bar chooses it, the belt's playhead moves it along the steps, and every view marks
// it. Each view is redrawn only when its inputs change (a new snapshot, the selection, its
// size) and only while it is on screen, at most once per animation frame; only the belt
// redraws every frame while it plays. A view scrolled into sight catches up at once.
//
//   const gates = createGatesPanel({ wasm, root: document, view, run, requestDraw });
//   gates.drawFrame(snapshot);   // from the page's animation loop, after the charts

import { t, getLanguage, translate } from "./i18n.js";
import { createBeltAnimation, stationOf, DEFAULT_BELT_SPEED } from "./belt-animation.js";
import { createWindowPicker } from "./window-picker.js";
import { formatNumber } from "./csv.js";
import { createScrubber } from "./scrubber.js";
import { findElements } from "./dom.js";
import { withCanvasWords, canvasTextScale, canvasLook } from "./canvas-words.js";
// Issue 11: the fixed colour scale over the kept epochs.
import { createColourScale, showScale } from "./colour-scale.js";

// Every element this module uses, by data-testid.
const ELEMENT_IDS = {
  gatesCanvas: "gates-canvas",
  beltCanvas: "belt-canvas",
  gradientCanvas: "gradient-canvas",
  gradientCaption: "gradient-caption",
  gradientCompareCanvas: "gradient-compare-canvas",
  gradientCompareCaption: "gradient-compare-caption",
  gradientCompareNote: "gradient-compare-note",
  cellCanvas: "cell-diagram",
  cellParts: "cell-parts",
  equation: "equation",
  params: "param-count",
  windowPicker: "window-picker",
  windowLabel: "window-label",
  layerSelect: "layer-select",
  epochScrubber: "epoch-scrubber",
  epochLabel: "epoch-label",
  epochLive: "epoch-live",
  beltPlay: "belt-play",
  beltStep: "belt-step",
  beltPrev: "belt-prev",
  beltSpeed: "belt-speed",
  beltStepLabel: "belt-step-label",
  beltWindow: "belt-window",
  beltAllUnits: "belt-all-units",
  fixedScale: "fixed-scale",
  forecastCanvas: "forecast-canvas",
};
// The lanes of the belt unless "show all units" is on (0 asks Rust for every unit).
const BELT_LANES = 8;
const ALL_LANES = 0;
// How far outside the window a view counts as on screen (drawn ahead of scrolling to it).
const ON_SCREEN_MARGIN = "200px 0px";
// Heavy views drawn per frame while training plays (each takes a few milliseconds).
const VIEWS_PER_FRAME_WHILE_TRAINING = 1;
// At rest (paused, or catching up after a scroll), two views per frame keep every frame short.
const VIEWS_PER_FRAME_AT_REST = 2;

// The selection kept inside the trace: layer < layers, step < steps, unit < units of the
// layer (a new model may be smaller than the old one); a step not chosen yet is the last.
export function clampSelection(selection, trace) {
  const layer = Math.min(selection.layer, trace.layers.length - 1);
  const units = trace.layers[layer].dHidden;
  const step =
    selection.step === null ? trace.steps - 1 : Math.min(selection.step, trace.steps - 1);
  return { layer, step, unit: Math.min(selection.unit, units - 1) };
}

// The cell of a trace; a trace without one is an LSTM's.
export function cellOf(trace) {
  return trace?.cell ?? "lstm";
}

// The string key of a label for `cell`: the LSTM's own key, or the key with ".gru" / ".rnn".
export function cellKey(key, cell) {
  return cell === "lstm" ? key : `${key}.${cell}`;
}

// Sets a canvas' CSS height (rounded), only when it changes: a write costs a layout.
function setHeight(canvas, height) {
  const css = `${Math.round(height)}px`;
  if (canvas.style.height !== css) canvas.style.height = css;
}

// createGatesPanel({ wasm, root, view, run, requestDraw }): `wasm` the main thread's module,
// `view` the charts (view.js: monthAt, forecastFrame), `run(command, ...args)` sends a command
// to the training worker, `requestDraw()` asks the page's loop for a frame.
export function createGatesPanel({ wasm, root, view, run, requestDraw }) {
  const el = findElements(root, ELEMENT_IDS);
  let snapshot = null;
  let selection = { layer: 0, step: null, unit: 0 };
  let lanes = BELT_LANES;
  // The part whose equation is shown: { part, step?, unit? } (step and unit when a heatmap
  // square is pointed at, else the selection's), or null for the hint.
  let shown = null;
  let focusPart = undefined;
  // What each view was last drawn from; a view is redrawn when its key changes.
  const drawnKeys = {
    gates: "",
    gradient: "",
    cell: "",
    belt: "",
    equation: "",
    params: "",
    sizes: "",
  };
  let snapshotId = 0;
  // The views on screen (or nearly): only they are drawn.
  const onScreen = new Set();
  // Which view is drawn first in the next frame while training plays.
  let turn = 0;
  let cellPartsKey = "";
  // The cell the labels and the equation were last written for.
  let labelledCell = "lstm";

  const windowPicker = createWindowPicker({
    slider: el.windowPicker,
    label: el.windowLabel,
    forecastCanvas: el.forecastCanvas,
    view,
    run,
  });
  const scrubber = createScrubber({
    slider: el.epochScrubber,
    label: el.epochLabel,
    liveButton: el.epochLive,
    container: el.epochScrubber.closest(".scrubber"),
    run,
  });
  // Issue 11: the heatmaps' and the belt's colour scale, fixed over the kept epochs on request.
  const colourScale = createColourScale({ checkbox: el.fixedScale, run, onChange: requestDraw });
  const belt = createBeltAnimation({
    onMove(playhead) {
      if (snapshot === null) return;
      const step = stationOf(playhead, snapshot.trace.steps);
      if (step !== selection.step) {
        selection = { ...selection, step };
        requestDraw();
      }
      drawBelt();
    },
  });

  // --- the selection ------------------------------------------------------------------------

  // Chooses (step, unit) (either may be undefined to keep it) and shows it everywhere.
  function select({ step, unit }) {
    const next = { ...selection };
    if (step !== undefined) next.step = step;
    if (unit !== undefined) next.unit = unit;
    selection = snapshot ? clampSelection(next, snapshot.trace) : next;
    belt.moveTo(selection.step ?? 0);
    requestDraw();
  }

  el.gatesCanvas.addEventListener("click", (event) => {
    const hit = wasm.gateAt(event.offsetX, event.offsetY);
    if (hit) select(hit);
  });
  el.gatesCanvas.addEventListener("pointermove", (event) => {
    const hit = wasm.gateAt(event.offsetX, event.offsetY);
    if (hit) showEquation({ part: hit.part, step: hit.step, unit: hit.unit });
  });
  el.gatesCanvas.addEventListener("pointerleave", () => {
    if (shown?.step !== undefined) showEquation(focusPart ? { part: focusPart } : null);
  });
  // Keyboard: ←/→ choose the time step, ↑/↓ the unit (the page's own ← → keys wait).
  el.gatesCanvas.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[event.key];
    if (!move || snapshot === null) return;
    event.preventDefault();
    event.stopPropagation();
    const current = clampSelection(selection, snapshot.trace);
    select({
      step: Math.max(0, current.step + move[0]),
      unit: Math.max(0, current.unit + move[1]),
    });
  });
  el.beltCanvas.addEventListener("click", (event) => {
    const hit = wasm.beltAt(event.offsetX, event.offsetY);
    if (hit) {
      belt.pause();
      select(hit);
    }
  });
  el.gradientCanvas.addEventListener("click", (event) => {
    const step = wasm.gradientAt(event.offsetX, event.offsetY);
    if (step !== undefined) {
      belt.pause();
      select({ step });
    }
  });

  // --- the belt's controls ------------------------------------------------------------------

  function showBeltPlaying() {
    const playing = belt.playing();
    el.beltPlay.textContent = playing ? t("gate.belt.pause") : t("gate.belt.play");
    el.beltPlay.setAttribute("aria-pressed", String(playing));
  }
  el.beltPlay.addEventListener("click", () => {
    belt.toggle();
    showBeltPlaying();
  });
  el.beltStep.addEventListener("click", () => {
    belt.step();
    showBeltPlaying();
  });
  el.beltPrev.addEventListener("click", () => {
    belt.back();
    showBeltPlaying();
  });
  el.beltSpeed.value = String(DEFAULT_BELT_SPEED);
  el.beltSpeed.addEventListener("change", () => belt.setSpeed(Number(el.beltSpeed.value)));
  el.beltAllUnits.addEventListener("change", () => {
    lanes = el.beltAllUnits.checked ? ALL_LANES : BELT_LANES;
    requestDraw();
  });
  el.layerSelect.addEventListener("change", () => {
    selection = { ...selection, layer: Number(el.layerSelect.value) };
    requestDraw();
  });

  // --- the cell diagram's parts and the equation ----------------------------------------------

  function showEquation(next) {
    shown = next;
    if (next && next.step === undefined) focusPart = next.part;
    writeEquation();
  }

  function writeEquation() {
    if (snapshot === null) return;
    const s = clampSelection(selection, snapshot.trace);
    const key = JSON.stringify([snapshotId, s, shown, canvasLook()]);
    if (key === drawnKeys.equation) return;
    drawnKeys.equation = key;
    if (shown === null) return; // the hint stays
    const at = {
      layer: s.layer,
      step: shown.step ?? s.step,
      unit: shown.unit ?? s.unit,
    };
    let eq;
    try {
      eq = wasm.equation(shown.part, snapshot.trace, withCanvasWords(at));
    } catch {
      // A part of another cell (the cell changed under the pointer): back to the hint.
      shown = null;
      el.equation.replaceChildren(paragraph("equation-hint", t("gate.equation.hint")));
      return;
    }
    const where = `${t("gate.timeStep", { t: at.step + 1 })}, ${t("gate.unit", { n: at.unit + 1 })}`;
    el.equation.replaceChildren(
      paragraph("equation-name", `${eq.name} · ${where}`),
      paragraph("equation-math", eq.equation),
      paragraph("equation-shape", t("gate.equation.shape", { shape: eq.shape })),
    );
    el.equation.dataset.part = eq.part;
  }

  // Focusable buttons over the diagram's parts (keyboard and pointer), placed from the layout
  // of the latest drawing; rebuilt only when that layout moved.
  function placeCellParts() {
    const parts = wasm.cellParts(cellOf(snapshot.trace));
    const key = JSON.stringify(parts);
    if (key === cellPartsKey) return;
    cellPartsKey = key;
    const buttons = parts.map((p) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.part = p.part;
      button.setAttribute("aria-label", p.name);
      button.title = p.name;
      Object.assign(button.style, {
        left: `${p.x}px`,
        top: `${p.y}px`,
        width: `${p.width}px`,
        height: `${p.height}px`,
      });
      const show = () => {
        showEquation({ part: p.part });
        requestDraw();
      };
      button.addEventListener("pointerenter", show);
      button.addEventListener("focus", show);
      button.addEventListener("click", show);
      return button;
    });
    el.cellParts.replaceChildren(...buttons);
  }

  // --- the parameter panel --------------------------------------------------------------------

  function writeParams() {
    const key = JSON.stringify([
      snapshot.settings,
      snapshot.paramCount,
      cellOf(snapshot.trace),
      canvasLook(),
    ]);
    if (key === drawnKeys.params) return;
    drawnKeys.params = key;
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

  // --- drawing ------------------------------------------------------------------------------

  // The CSS heights of the canvases for their widths and the trace's size. The belt's lanes
  // (the most active units) may change with the weights: measured again with every snapshot
  // while training stands still, and not during training, when a snapshot comes every frame.
  function fitHeights(s) {
    const trace = snapshot.trace;
    const width = el.gatesCanvas.clientWidth;
    const cellWidth = el.cellCanvas.clientWidth;
    const units = trace.layers[s.layer].dHidden;
    const cell = cellOf(trace);
    const key = JSON.stringify([
      cell,
      width,
      cellWidth,
      trace.steps,
      units,
      s.layer,
      s.unit,
      lanes,
      snapshot.playing ? "playing" : snapshotId,
      canvasTextScale(),
      colourScale.fixed(),
    ]);
    if (key === drawnKeys.sizes) return;
    drawnKeys.sizes = key;
    const scale = canvasTextScale();
    setHeight(el.gatesCanvas, wasm.gatesHeight(width, trace.steps, units, cell, scale));
    setHeight(el.cellCanvas, wasm.cellHeight(cellWidth, scale));
    const beltWidth = el.beltCanvas.clientWidth;
    setHeight(
      el.beltCanvas,
      wasm.beltHeight(
        beltWidth,
        trace,
        withCanvasWords({ layer: s.layer, unit: s.unit, lanes, ...colourScale.option(snapshot) }),
      ),
    );
  }

  // The belt's step read-out, also for tests: `data-step` and `data-unit` count from 1.
  function writeBeltStep(s) {
    const label = t("gate.belt.stepLabel", {
      t: s.step + 1,
      steps: snapshot.trace.steps,
      unit: s.unit + 1,
    });
    if (el.beltStepLabel.textContent !== label) el.beltStepLabel.textContent = label;
    setData(el.beltCanvas, "step", String(s.step + 1));
    setData(el.beltCanvas, "unit", String(s.unit + 1));
    writeBeltWindow(s);
  }

  // Where the belt's numbers come from: the window's months and values, the month it predicts,
  // and what the selected step reads, raw and as the transformed x_t the network sees.
  function writeBeltWindow(s) {
    const line = beltWindowText(snapshot, s, root.querySelector(".series-unit")?.textContent ?? "");
    // A series without a unit (the learner's own) leaves no empty brackets behind.
    const tidy = line?.replaceAll("（）", "").replace(/ +(?=[.,:)])/g, "");
    if (tidy != null && el.beltWindow.textContent !== tidy) el.beltWindow.textContent = tidy;
  }

  function beltKey(s) {
    const { clientWidth, style } = el.beltCanvas;
    return JSON.stringify([
      snapshotId,
      s.layer,
      s.unit,
      lanes,
      belt.playhead(),
      clientWidth,
      style.height,
      canvasLook(),
      colourScale.option(snapshot),
    ]);
  }

  function paintBelt(s) {
    const opts = { layer: s.layer, playhead: belt.playhead(), unit: s.unit, lanes };
    // Issue 11: the fixed scale when asked for; the scale in use goes to data-c-scale.
    const scale = wasm.drawBelt(
      el.beltCanvas,
      window.devicePixelRatio || 1,
      snapshot.trace,
      withCanvasWords({ ...opts, ...colourScale.option(snapshot) }),
    );
    showScale(el.beltCanvas, scale);
  }

  // Draws the belt alone, when the belt's clock moved the playhead.
  function drawBelt() {
    if (snapshot === null) return;
    const s = clampSelection(selection, snapshot.trace);
    writeBeltStep(s);
    const key = beltKey(s);
    if (!onScreen.has(el.beltCanvas) || key === drawnKeys.belt) return;
    drawnKeys.belt = key;
    paintBelt(s);
  }

  // Draws the views whose inputs changed and that are on screen. While training plays (a new
  // snapshot every frame) at most one of them is drawn per frame, in turn, so that a frame stays
  // within its 16 ms beside the charts; when training stands still, all of them at once.
  function drawViews() {
    const trace = snapshot.trace;
    selection = clampSelection(selection, trace);
    const s = selection;
    belt.setSteps(trace.steps);
    fitHeights(s);
    // A belt standing still stands at the selected step (the first drawing, a new window).
    if (!belt.playing()) belt.moveTo(s.step);
    writeBeltStep(s);
    setData(el.gatesCanvas, "window", String(snapshot.selectedRow));
    writeEquation();

    const ratio = window.devicePixelRatio || 1;
    const sized = (canvas) => [canvas.clientWidth, canvas.clientHeight, ratio];
    const views = [
      {
        name: "gates",
        canvas: el.gatesCanvas,
        key: JSON.stringify([
          snapshotId,
          s,
          sized(el.gatesCanvas),
          canvasLook(),
          colourScale.option(snapshot),
        ]),
        // Issue 11: the c_t grid on the fixed scale when asked for, shown in data-c-scale.
        draw: () =>
          showScale(
            el.gatesCanvas,
            wasm.drawGates(
              el.gatesCanvas,
              ratio,
              trace,
              withCanvasWords({ ...s, ...colourScale.option(snapshot) }),
            ),
          ),
      },
      {
        name: "belt",
        canvas: el.beltCanvas,
        key: beltKey(s),
        draw: () => paintBelt(s),
      },
      {
        name: "gradient",
        canvas: el.gradientCanvas,
        key: JSON.stringify([snapshotId, s.layer, s.step, sized(el.gradientCanvas), canvasLook()]),
        draw: () => drawGradients(trace, s, ratio),
      },
      {
        name: "cell",
        canvas: el.cellCanvas,
        key: JSON.stringify([snapshotId, s, focusPart, sized(el.cellCanvas), canvasLook()]),
        draw: () => {
          wasm.drawCell(el.cellCanvas, ratio, trace, withCanvasWords({ ...s, focus: focusPart }));
          placeCellParts();
        },
      },
    ];
    const order = views.map((_, i) => views[(turn + i) % views.length]);
    const stale = order.filter((v) => onScreen.has(v.canvas) && v.key !== drawnKeys[v.name]);
    const budget = snapshot.playing ? VIEWS_PER_FRAME_WHILE_TRAINING : VIEWS_PER_FRAME_AT_REST;
    for (const v of stale.slice(0, budget)) {
      drawnKeys[v.name] = v.key;
      v.draw();
      turn = (views.indexOf(v) + 1) % views.length;
    }
    // The rest follow in the next frames, also when no snapshot comes.
    if (stale.length > budget) requestDraw();
  }

  // The gradient flow; in a comparison also the second model's, under it, both on one scale
  // (each drawing takes the other's norms into its axis), each with a caption naming its cell.
  function drawGradients(trace, s, ratio) {
    const other = snapshot.compare?.trace;
    const comparing = Boolean(other);
    for (const element of [
      el.gradientCaption,
      el.gradientCompareCanvas,
      el.gradientCompareCaption,
      el.gradientCompareNote,
    ])
      element.hidden = !comparing;
    if (!comparing) {
      wasm.drawGradientFlow(
        el.gradientCanvas,
        ratio,
        trace,
        withCanvasWords({ layer: s.layer, step: s.step }),
      );
      return;
    }
    const layer = Math.min(s.layer, other.layers.length - 1);
    const norms = (t, l) => [...t.layers[l].dCellNorm, ...t.layers[l].dHiddenNorm];
    const cell = snapshot.settings.cell;
    const otherCell = snapshot.compare.cell;
    el.gradientCaption.textContent = t(`gate.grad.caption.${cell}`, {
      cell: t(`option.cell.${cell}`),
    });
    el.gradientCompareCaption.textContent = t(`gate.grad.caption.${otherCell}`, {
      cell: t(`option.cell.${otherCell}`),
    });
    el.gradientCompareNote.textContent = t("gate.grad.compareNote");
    wasm.drawGradientFlow(
      el.gradientCanvas,
      ratio,
      trace,
      withCanvasWords({ layer: s.layer, step: s.step, shared: norms(other, layer) }),
    );
    wasm.drawGradientFlow(
      el.gradientCompareCanvas,
      ratio,
      other,
      withCanvasWords({
        layer,
        step: Math.min(s.step, other.steps - 1),
        shared: norms(trace, s.layer),
      }),
    );
    setData(el.gradientCompareCanvas, "cell", otherCell);
  }

  // The titles and descriptions that name the cell: the LSTM's keys, or their ".gru" / ".rnn"
  // variants. The keys are written into the elements' data-i18n attributes, so a change of
  // language keeps them. A new cell also clears the equation shown (its parts are other).
  function labelCell(cell) {
    if (cell === labelledCell) return;
    labelledCell = cell;
    const lang = getLanguage();
    const relabel = (element, attribute, key) => {
      if (!element) return;
      const name = cellKey(key, cell);
      element.setAttribute(attribute, name);
      const text = translate(lang, name);
      if (attribute === "data-i18n") element.textContent = text;
      else element.setAttribute("aria-label", text);
    };
    const title = (key) => root.querySelector(`[data-i18n^="${key}"]`);
    relabel(el.gatesCanvas, "data-i18n-aria-label", "gate.heatmaps.alt");
    relabel(el.beltCanvas, "data-i18n-aria-label", "gate.belt.alt");
    relabel(el.cellCanvas, "data-i18n-aria-label", "gate.cell.alt");
    relabel(title("gate.conveyor.title"), "data-i18n", "gate.conveyor.title");
    relabel(title("gate.cellTitle"), "data-i18n", "gate.cellTitle");
    relabel(root.querySelector("#gates-title"), "data-i18n", "gate.title");
    relabel(title("gate.heatmapsTitle"), "data-i18n", "gate.heatmapsTitle");
    // The belt's lanes are the LSTM's units on c_t: the other cells show one unit's h_t.
    const allUnits = el.beltAllUnits.closest("label");
    if (allUnits) allUnits.hidden = cell !== "lstm";
    shown = null;
    focusPart = undefined;
    drawnKeys.equation = "";
    el.equation.replaceChildren(paragraph("equation-hint", t("gate.equation.hint")));
  }

  function showLayers(layers) {
    const picker = el.layerSelect.closest(".layer-picker");
    picker.hidden = layers <= 1;
    if (el.layerSelect.options.length === layers) return;
    el.layerSelect.replaceChildren(
      ...Array.from(
        { length: layers },
        (_, n) => new Option(t("gate.layer", { n: n + 1 }), String(n)),
      ),
    );
    el.layerSelect.value = String(Math.min(selection.layer, layers - 1));
  }

  new ResizeObserver(() => requestDraw()).observe(el.gatesCanvas);
  new ResizeObserver(() => requestDraw()).observe(el.cellCanvas);
  const visibility = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) onScreen.add(entry.target);
        else onScreen.delete(entry.target);
      }
      requestDraw();
    },
    { rootMargin: ON_SCREEN_MARGIN },
  );
  for (const canvas of [el.gatesCanvas, el.beltCanvas, el.gradientCanvas, el.cellCanvas]) {
    visibility.observe(canvas);
  }
  showBeltPlaying();

  return {
    // One step of the explanation along the belt: +1 the next time step, -1 the previous one
    // (the presenter keys of classroom mode and embedded views, www/classroom.js).
    stepBelt(direction) {
      if (direction < 0) el.beltPrev.click();
      else el.beltStep.click();
    },
    // Redraws what changed since the last frame from `next` (the latest snapshot).
    drawFrame(next) {
      if (next !== snapshot) {
        snapshot = next;
        snapshotId += 1;
        windowPicker.update(next);
        scrubber.update(next);
        showLayers(next.trace.layers.length);
        labelCell(cellOf(next.trace));
        writeParams();
      } else {
        // The forecast chart was redrawn (a resize, the pointer): its marks may have moved.
        windowPicker.update(next);
      }
      drawViews();
    },
  };
}

// Sets `data-<name>` only when it changes: every write to the page costs style work.
function setData(element, name, value) {
  if (element.dataset[name] !== value) element.dataset[name] = value;
}

function paragraph(className, text) {
  const p = document.createElement("p");
  if (className) p.className = className;
  p.textContent = text;
  return p;
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

// The belt's window line for selection `s` (unit: the series' unit, e.g. "thousand passengers"),
// or null before the snapshot knows its months. With one month per step it names the month the
// step reads; the article's shape (one step that reads the whole window) says so instead.
export function beltWindowText(snapshot, s, unit) {
  const { trace, months, settings } = snapshot;
  const actual = snapshot.predictions?.actual;
  if (!months || !actual) return null;
  const target = trace.targetMonth;
  const first = Math.max(0, target - settings.window);
  const values = actual.slice(first, target);
  const show = (v) =>
    Number.isFinite(v) ? formatNumber(Math.abs(v) >= 100 ? Math.round(v) : v) : "–";
  const whole = t("gate.belt.window", {
    first: months[first],
    last: months[target - 1],
    count: target - first,
    low: show(Math.min(...values)),
    high: show(Math.max(...values)),
    unit,
    target: months[target] ?? "",
    actual: show(actual[target]),
  });
  const layer = trace.layers[0];
  if (trace.steps === 1 && layer.dInput > 1)
    return `${whole} ${t("gate.belt.windowWhole", { count: layer.dInput })}`;
  const month = first + s.step;
  const x = layer.input[s.step * layer.dInput];
  return `${whole} ${t("gate.belt.windowStep", {
    t: s.step + 1,
    month: months[month] ?? "",
    raw: show(actual[month]),
    unit,
    x: Number.isFinite(x) ? x.toFixed(2).replace("-", "−") : "–",
  })}`;
}
