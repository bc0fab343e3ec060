// Presenter mode: `#embed=VIEW` shows one view of the page alone, filling the window, with a
// minimal bar (Play / Pause, Step, the epoch; the belt adds Previous / Next step), e.g. inside
// <iframe src="…#embed=belt&window=24&lang=zh" sandbox="allow-scripts">. Every other URL
// setting still applies (the hash and the query are read together, www/settings.js).
//
// Each view is one module of www/views/ with one mount function (CONVENTIONS.md, "Views"):
// forecast.js and loss.js (the `compare` view is both charts of a comparison), heatmaps.js
// (`gates`), belt.js, cell.js, gradient.js. The page mounts every one of them over the whole
// document (www/views/page.js), and each finds its parts there by data-testid. The registry
// below names the parts of each embeddable view, and mountView moves them into the element it
// is given, so the same mounted view draws into them there; the rest of the page stays in the
// document, hidden by the body class `embed` (the CSS block "embed" at the end of index.html's
// <style>).
//
// Nothing here touches storage or navigates the top window: a sandboxed iframe allows neither.

import { findSetting, PRESETS } from "./settings.js";
import { t } from "./i18n.js";
import { byTestId } from "./dom.js";

const BODY_CLASS = "embed";
const NO_EMBED = "none";

// A view's elements, found in `root`: the closest section of a canvas, or the elements named.
const sectionOf = (root, id) => byTestId(root, id).closest("section");

// name -> { parts(root): the elements the view is made of, in order; canvas: the test id of
// its main canvas; belt: true when the bar gets the belt's Previous / Next step }.
const VIEWS = {
  forecast: { parts: (root) => [sectionOf(root, "forecast-canvas")], canvas: "forecast-canvas" },
  loss: { parts: (root) => [sectionOf(root, "loss-canvas")], canvas: "loss-canvas" },
  gates: { parts: (root) => [byTestId(root, "gates-canvas")], canvas: "gates-canvas" },
  belt: {
    parts: (root) => [byTestId(root, "belt-canvas")],
    canvas: "belt-canvas",
    belt: true,
  },
  cell: {
    parts: (root) => [byTestId(root, "cell-diagram").closest(".cell-row")],
    canvas: "cell-diagram",
  },
  gradient: {
    parts: (root) =>
      [
        "gradient-caption",
        "gradient-canvas",
        "gradient-compare-caption",
        "gradient-compare-canvas",
        "gradient-compare-note",
      ].map((id) => byTestId(root, id)),
    canvas: "gradient-canvas",
  },
  compare: {
    parts: (root) => [sectionOf(root, "forecast-canvas"), sectionOf(root, "loss-canvas")],
    canvas: "forecast-canvas",
  },
};

// The names of the views that can be embedded (the options of the `embed` setting).
export const EMBED_VIEWS = findSetting("embed").options.filter((name) => name !== NO_EMBED);

// Moves the elements of view `name` into `element` (they keep their listeners and the views'
// references to them). Returns { name, canvas } with the view's main canvas. Throws for a name
// that is not in the registry, with the valid names in the message.
export function mountView(name, element, root = document) {
  const view = VIEWS[name];
  if (!view) throw new Error(`no view called "${name}"; the views are ${EMBED_VIEWS.join(", ")}`);
  element.append(...view.parts(root));
  element.dataset.view = name;
  return { name, canvas: byTestId(root, view.canvas) };
}

// The settings an embedded view needs on top of the URL's: the comparison view without a
// second model asks for the compare preset's (the RNN). Returns `values` unchanged otherwise.
export function embedValues(values) {
  if (values.embed !== "compare" || values.compare !== NO_EMBED) return values;
  return { ...values, compare: PRESETS.compare.page.compare };
}

// Builds the embedded page for values.embed: the view alone in a stage, the bar above it.
// `elements` are the page's (index.js): its Play and Step buttons do the work, so the bar's
// buttons act exactly like them. Returns null when values.embed is "none"; else
// { onSnapshot(snapshot), translate() }.
export function startEmbed({ values, elements, root = document }) {
  if (values.embed === NO_EMBED) return null;
  const body = root.body;
  body.classList.add(BODY_CLASS);

  const bar = root.createElement("div");
  bar.className = "embed-bar";
  bar.setAttribute("role", "group");
  bar.dataset.testid = "embed-bar";
  const play = button("embed-play", () => elements.play.click());
  const step = button("embed-step", () => elements.step.click());
  const epoch = root.createElement("span");
  epoch.className = "embed-epoch";
  epoch.dataset.testid = "embed-epoch";
  bar.append(play, step, epoch);

  const stage = root.createElement("div");
  stage.className = "embed-stage";
  const mounted = mountView(values.embed, stage, root);
  if (VIEWS[mounted.name].belt) {
    // The belt's own controls (Previous / Next step, its play and speed) join the bar.
    bar.append(root.querySelector(".belt-controls"));
  }
  // The status line too: a refused setting or a stopped run is still said.
  bar.append(elements.status);
  body.append(bar, stage);

  let playing = false;
  let shownEpoch = -1;
  function translate() {
    bar.setAttribute("aria-label", t("embed.bar"));
    play.textContent = t(playing ? "control.pause" : "control.play");
    step.textContent = t("control.step");
    epoch.textContent = t("embed.epoch", { epoch: Math.max(0, shownEpoch) });
  }
  translate();

  return {
    onSnapshot(snapshot) {
      if (snapshot === null) return;
      if (snapshot.playing !== playing || snapshot.epoch !== shownEpoch) {
        playing = snapshot.playing;
        shownEpoch = snapshot.epoch;
        play.setAttribute("aria-pressed", String(playing));
        translate();
      }
    },
    translate,
  };

  function button(testId, onClick) {
    const element = root.createElement("button");
    element.type = "button";
    element.dataset.testid = testId;
    element.addEventListener("click", onClick);
    return element;
  }
}
