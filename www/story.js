// The guided story: ten steps that walk through the article's argument on the live page. Each
// step scrolls one view into sight, highlights it (the rest of the page is dimmed), sets what
// it needs by driving the page's own controls — the same inputs, buttons and events a person
// uses, so the story never reaches around the page's state — and shows two or three
// sentences on what to look at, with a one-sentence quote from the article's section.
//
// Keys while the story is open: → / Page Down next, ← / Page Up back, Esc leaves. They are
// caught in the capture phase on window, before the page's own keys (www/controls.js,
// www/classroom.js), so that → moves the story instead of training an epoch.
//
// The URL key `story=N` (1-based) opens step N. It is not a setting (www/settings.js): it is
// taken out of the hash before the settings are read (takeStoryStep) and written back beside
// them while the story is open (storyHashPart, used by www/url-state.js when it writes the URL).

import { t } from "./i18n.js";
import { LANGUAGE_EVENT } from "./language.js";
import { byTestId, isTyping } from "./dom.js";
import { setRichText } from "./rich-text.js";

const STORY_KEY = "story";
const NEXT_KEYS = new Set(["ArrowRight", "PageDown"]);
const PREV_KEYS = new Set(["ArrowLeft", "PageUp"]);
const TARGET_CLASS = "story-target";
const ALSO_CLASS = "story-also";
const DIM_CLASS = "story-dim";
const OPEN_CLASS = "story-open";

// Helpers for the steps' setups: each drives a control of the page as a person would.

// Sets a range or select to `value` and sends the event its listener waits for.
function setControl(element, value, event = "x") {
  if (!element) return;
  element.value = String(value);
  element.dispatchEvent(new Event(event, { bubbles: true }));
}

// Sets a checkbox and sends its change event, only when it changes.
function setChecked(element, checked) {
  if (!element || element.checked === checked) return;
  element.checked = checked;
  element.dispatchEvent(new Event("change", { bubbles: true }));
}

// Shows the equation of one part of the cell diagram (its overlay button answers a click); the
// parts are named by Quantity::key in src/render/notation.rs: x, f, k, j, c, h, ...
function showPart(root, part) {
  root.querySelector(`[data-testid="cell-parts"] button[data-part="${part}"]`)?.click();
}

// Leaves the RNN-vs-LSTM comparison for the steps that explain one LSTM on AirPassengers.
function leaveCompare(root) {
  const compare = byTestId(root, "preset-compare");
  if (compare?.getAttribute("aria-pressed") === "true") byTestId(root, "preset-best")?.click();
}

// The steps, in the order of the article's argument. `target` is the view shown (a CSS
// selector), `also` more selectors highlighted with it; `setup(root)` sets what the step needs; the texts are the i18n keys
// story.<id>.title, story.<id>.text, story.<id>.section and story.<id>.quote.
export const STEPS = [
  {
    id: "data",
    target: 'section[aria-labelledby="forecast-title"]',
    setup(root) {
      leaveCompare(root);
      setChecked(byTestId(root, "baselines-toggle"), false);
      setControl(byTestId(root, "window-picker"), 0);
    },
  },
  {
    id: "cell",
    target: ".cell-row",
    setup(root) {
      showPart(root, "x");
    },
  },
  {
    id: "forget",
    target: ".cell-row",
    setup(root) {
      showPart(root, "k");
    },
  },
  {
    id: "input",
    target: ".cell-row",
    setup(root) {
      showPart(root, "j");
    },
  },
  {
    id: "mainline",
    target: '[data-testid="belt-canvas"]',
    setup(root) {
      showPart(root, "c");
    },
  },
  {
    id: "output",
    target: ".cell-row",
    setup(root) {
      showPart(root, "h");
    },
  },
  {
    id: "belt",
    target: '[data-testid="gates-canvas"]',
    // The text speaks of the belt's Next step too: the belt and its window line are lit with
    // the heatmaps.
    also: ['[data-testid="belt-window"]', '[data-testid="belt-canvas"]'],
    setup(root) {
      byTestId(root, "belt-step")?.click();
    },
  },
  {
    id: "training",
    target: 'section[aria-labelledby="loss-title"]',
    setup(root) {
      leaveCompare(root);
    },
  },
  {
    id: "baselines",
    target: "section.stats",
    setup(root) {
      leaveCompare(root);
      setChecked(byTestId(root, "baselines-toggle"), true);
    },
  },
  {
    id: "compare",
    target: '[data-testid="gradient-canvas"]',
    // The RNN's bars below the LSTM's, with both captions and the note: read together.
    also: [
      '[data-testid="gradient-caption"]',
      '[data-testid="gradient-compare-caption"]',
      '[data-testid="gradient-compare-canvas"]',
      '[data-testid="gradient-compare-note"]',
    ],
    setup(root) {
      const compare = byTestId(root, "preset-compare");
      if (compare?.getAttribute("aria-pressed") !== "true") compare?.click();
    },
  },
];

let openStep = 0; // 1-based step on screen, 0 when the story is closed

// "&story=N" while the story is open, else "": appended to the hash the page writes.
export function storyHashPart() {
  return openStep > 0 ? `&${STORY_KEY}=${openStep}` : "";
}

// Reads `story=N` from the URL hash and takes it out (the settings would call it an unknown
// key). Returns N clamped to the steps, or 0 when the URL has none or it is not a number.
export function takeStoryStep(location = window.location) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (!params.has(STORY_KEY)) return 0;
  const step = Number.parseInt(params.get(STORY_KEY), 10);
  params.delete(STORY_KEY);
  const rest = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${rest ? `#${rest}` : ""}`);
  return Number.isFinite(step) ? Math.min(Math.max(step, 1), STEPS.length) : 0;
}

// Writes the story's key into the URL without touching the settings' keys.
function writeStoryKey() {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  params.delete(STORY_KEY);
  const rest = params.toString();
  const hash = `${rest}${storyHashPart()}`.replace(/^&/, "");
  history.replaceState(history.state, "", `${window.location.pathname}${hash ? `#${hash}` : ""}`);
}

// Wires the story's start button and panel (markup in index.html). `startAt` (1-based, 0 for
// none) opens the story at once. Returns { open(step), close(), step() }.
export function createStory({ root = document, startAt = 0 }) {
  const startButton = byTestId(root, "story-start");
  const panel = byTestId(root, "story-panel");
  const counter = byTestId(root, "story-step");
  const title = byTestId(root, "story-title");
  const text = byTestId(root, "story-text");
  const section = byTestId(root, "story-section");
  const quote = byTestId(root, "story-quote");
  const prev = byTestId(root, "story-prev");
  const next = byTestId(root, "story-next");
  const closeButton = byTestId(root, "story-close");

  // Clears the highlight and the dimming of the last step.
  function clearHighlight() {
    for (const element of root.querySelectorAll(
      `.${TARGET_CLASS}, .${ALSO_CLASS}, .${DIM_CLASS}`,
    )) {
      element.classList.remove(TARGET_CLASS, ALSO_CLASS, DIM_CLASS);
    }
  }

  // Highlights `target` (and `also`) and dims everything beside them: the siblings of the
  // target and of each of its ancestors up to <main> (dimming an ancestor would dim the target
  // with it), but for those that hold a highlighted element.
  function highlight(target, also) {
    clearHighlight();
    target.classList.add(TARGET_CLASS);
    for (const element of also) element.classList.add(ALSO_CLASS);
    const kept = [target, ...also];
    const holdsKept = (element) => kept.some((k) => element.contains(k));
    for (let node = target; node && node.tagName !== "BODY"; node = node.parentElement) {
      for (const sibling of node.parentElement?.children ?? []) {
        if (sibling !== node && !holdsKept(sibling)) sibling.classList.add(DIM_CLASS);
      }
      if (node.tagName === "MAIN") break;
    }
  }

  function writeTexts() {
    if (openStep === 0) return;
    const { id } = STEPS[openStep - 1];
    counter.textContent = t("story.counter", { step: openStep, count: STEPS.length });
    // The math in the texts (c_{t−1}, k_t) is written with subscripts, as on the canvases.
    setRichText(title, t(`story.${id}.title`));
    setRichText(text, t(`story.${id}.text`));
    section.textContent = t(`story.${id}.section`);
    setRichText(quote, t(`story.${id}.quote`));
    prev.disabled = openStep === 1;
    next.textContent = t(openStep === STEPS.length ? "story.finish" : "story.next");
  }

  function open(step) {
    openStep = Math.min(Math.max(step, 1), STEPS.length);
    const current = STEPS[openStep - 1];
    panel.hidden = false;
    document.body.classList.add(OPEN_CLASS);
    current.setup(root);
    writeTexts();
    // A new step's text is read from its start.
    const body = byTestId(root, "story-body");
    if (body) body.scrollTop = 0;
    writeStoryKey();
    const target = root.querySelector(current.target);
    if (target) {
      const also = (current.also ?? []).flatMap((selector) => [...root.querySelectorAll(selector)]);
      highlight(target, also);
      target.scrollIntoView({ block: "start", behavior: "instant" });
    }
  }

  function close() {
    openStep = 0;
    panel.hidden = true;
    document.body.classList.remove(OPEN_CLASS);
    clearHighlight();
    writeStoryKey();
    startButton.focus();
  }

  startButton.addEventListener("click", () => open(1));
  prev.addEventListener("click", () => open(openStep - 1));
  next.addEventListener("click", () => (openStep === STEPS.length ? close() : open(openStep + 1)));
  closeButton.addEventListener("click", close);

  // Capture phase on window: runs before the page's keys on document and stops them.
  window.addEventListener(
    "keydown",
    (event) => {
      if (openStep === 0 || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTyping(event.target)) return;
      let handled = true;
      if (NEXT_KEYS.has(event.key)) {
        if (openStep < STEPS.length) open(openStep + 1);
      } else if (PREV_KEYS.has(event.key)) {
        if (openStep > 1) open(openStep - 1);
      } else if (event.key === "Escape") {
        close();
      } else {
        handled = false;
      }
      if (handled) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    { capture: true },
  );

  root.addEventListener(LANGUAGE_EVENT, writeTexts);

  if (startAt > 0) open(startAt);
  return { open, close, step: () => openStep };
}
