// Classroom mode and the keys. Classroom mode hides the controls and enlarges the type (the
// CSS class `classroom` on <body>); the keys keep working, so a presenter drives the page from
// the keyboard or a presentation remote (which sends Page Down / Page Up). "?" opens the list
// of every key, a dialog that keeps the focus inside until Esc or Close.
//
// Space and → are handled by www/controls.js (they work on every page); the list shows them too.
//
// Presenter keys: in classroom mode and in an embedded view (body class `embed`, www/embed.js)
// ← / → and Page Up / Page Down step the explanation — the belt's previous / next time step —
// instead of training an epoch (presenterKey below, the one place that decides). Precedence,
// first match wins: (1) the key owner set with setKeyOwner(fn), when fn(event) returns true
// (it handled the key); (2) an open guided story (body class `story-open`) keeps the keys for
// itself, so nothing here acts; (3) presenting: the belt steps; (4) otherwise the page's usual
// keys (→ and Page Down train one epoch).

import { t } from "./i18n.js";
import { isTyping, byTestId } from "./dom.js";

// Every shortcut: the keys (as shown), the action's name, its description key and, for the
// arrow and page keys whose meaning depends on the mode, `when`: the mode it applies in
// ("page", "presenting" or "story", see keyMode). The list in the overlay is generated from
// this table, for the mode the page is in when it opens, so it never lists → as training
// where → steps the explanation.
export const SHORTCUTS = [
  { keys: ["key.space"], action: null, help: "shortcut.playPause" },
  { keys: ["→", "key.pageDown"], action: "step", help: "shortcut.step", when: "page" },
  {
    keys: ["←", "→", "key.pageUp", "key.pageDown"],
    action: "explain",
    help: "shortcut.explain",
    when: "presenting",
  },
  {
    keys: ["←", "→", "key.pageUp", "key.pageDown"],
    action: null,
    help: "shortcut.story",
    when: "story",
  },
  { keys: ["R"], action: "reset", help: "shortcut.reset" },
  { keys: ["+"], action: "faster", help: "shortcut.faster" },
  { keys: ["−"], action: "slower", help: "shortcut.slower" },
  { keys: ["C"], action: "toggleClassroom", help: "shortcut.classroom" },
  { keys: ["L"], action: "toggleLanguage", help: "shortcut.language" },
  { keys: ["?"], action: "toggleHelp", help: "shortcut.help" },
  { keys: ["key.escape"], action: "escape", help: "shortcut.escape" },
];

// event.key -> action, for the keys this module handles (Space and → are in controls.js).
const KEY_ACTIONS = {
  PageDown: "step",
  r: "reset",
  R: "reset",
  "+": "faster",
  "=": "faster",
  "-": "slower",
  _: "slower",
  c: "toggleClassroom",
  C: "toggleClassroom",
  l: "toggleLanguage",
  L: "toggleLanguage",
  "?": "toggleHelp",
  Escape: "escape",
};
// event.key -> direction of the explanation step, for the presenter keys.
const PRESENTER_KEYS = { ArrowLeft: -1, PageUp: -1, ArrowRight: 1, PageDown: 1 };
// Body classes: presenting (classroom mode, an embedded view) and an open guided story.
const PRESENTING_CLASSES = ["classroom", "embed"];
const STORY_OPEN_CLASS = "story-open";

// The mode that decides what ← / → and Page Up / Down do, by the precedence at the top of
// this file: "story" (an open guided story), "presenting" (classroom mode, an embedded view)
// or "page" (the usual keys).
export function keyMode(body = document.body) {
  if (body.classList.contains(STORY_OPEN_CLASS)) return "story";
  if (PRESENTING_CLASSES.some((name) => body.classList.contains(name))) return "presenting";
  return "page";
}

// The shortcuts that apply in `mode` (every one without a `when`, and those of the mode).
export function shortcutsFor(mode) {
  return SHORTCUTS.filter((shortcut) => shortcut.when === undefined || shortcut.when === mode);
}

// The one key owner ahead of the presenter keys (e.g. a guided story): fn(event) -> true when
// it handled the key. null for none.
let keyOwner = null;
export function setKeyOwner(fn) {
  keyOwner = typeof fn === "function" ? fn : null;
}

// Decides what a key does under the precedence at the top of this file: "owner" (the key
// owner took it), "story" (left to the open story), a direction -1 / +1 (step the
// explanation), or null (the page's usual keys).
export function presenterKey(event, body = document.body) {
  const direction = PRESENTER_KEYS[event.key];
  if (direction === undefined) return null;
  if (event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return null;
  if (keyOwner?.(event)) return "owner";
  const mode = keyMode(body);
  if (mode === "story") return "story";
  return mode === "presenting" ? direction : null;
}

// wireClassroom({ root, actions, initial }) where actions = { step, reset, faster, slower,
// toggleLanguage, setClassroom(on), explainStep(direction) }. Returns { translate(), setClassroom(on), isOpen() }.
export function wireClassroom({ root, actions, initial }) {
  const toggle = byTestId(root, "classroom-toggle");
  const overlay = byTestId(root, "shortcuts-overlay");
  const list = byTestId(root, "shortcut-list");
  const closeButton = byTestId(root, "shortcuts-close");
  const openButton = byTestId(root, "shortcuts-open");
  let classroom = Boolean(initial);
  let returnFocus = null;

  function setClassroom(on) {
    classroom = on;
    document.body.classList.toggle("classroom", on);
    toggle.setAttribute("aria-pressed", String(on));
    toggle.textContent = t(on ? "classroom.leave" : "classroom.toggle");
    // The canvases' text grows with the body class (www/canvas-words.js): redraw them.
    actions.setClassroom(on);
  }

  function openHelp() {
    returnFocus = document.activeElement;
    fillList(); // for the mode the page is in now
    overlay.hidden = false;
    closeButton.focus();
  }

  function closeHelp() {
    overlay.hidden = true;
    if (returnFocus instanceof HTMLElement) returnFocus.focus();
    returnFocus = null;
  }

  const run = {
    step: () => actions.step(),
    reset: () => actions.reset(),
    faster: () => actions.faster(),
    slower: () => actions.slower(),
    toggleLanguage: () => actions.toggleLanguage(),
    toggleClassroom: () => setClassroom(!classroom),
    toggleHelp: () => (overlay.hidden ? openHelp() : closeHelp()),
    escape() {
      if (!overlay.hidden) closeHelp();
      else if (classroom) setClassroom(false);
    },
  };

  toggle.addEventListener("click", () => setClassroom(!classroom));
  openButton.addEventListener("click", openHelp);
  closeButton.addEventListener("click", closeHelp);
  overlay.addEventListener("click", (event) => {
    if (event.target === overlay) closeHelp();
  });
  // The focus stays in the dialog: Tab from its last control goes back to its first.
  overlay.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const focusable = [...overlay.querySelectorAll("button, [href], input, select, textarea")];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  // In the capture phase on window, so that it comes before the page's → (www/controls.js)
  // and Page Down (below), which would train an epoch.
  window.addEventListener(
    "keydown",
    (event) => {
      if (!overlay.hidden) return;
      const decided = presenterKey(event);
      if (typeof decided !== "number") return;
      event.preventDefault();
      event.stopPropagation();
      actions.explainStep?.(decided);
    },
    { capture: true },
  );

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const action = KEY_ACTIONS[event.key];
    if (!action) return;
    if (action !== "escape" && isTyping(event.target)) return;
    // With the list open, only the keys that close it act.
    if (!overlay.hidden && action !== "escape" && action !== "toggleHelp") return;
    event.preventDefault();
    run[action]();
  });

  function fillList() {
    list.replaceChildren();
    for (const shortcut of shortcutsFor(keyMode())) {
      const dt = document.createElement("dt");
      shortcut.keys.forEach((key, i) => {
        if (i > 0) dt.append(" / ");
        const kbd = document.createElement("kbd");
        kbd.textContent = key.startsWith("key.") ? t(key) : key;
        dt.append(kbd);
      });
      const dd = document.createElement("dd");
      dd.textContent = t(shortcut.help);
      list.append(dt, dd);
    }
  }

  function translate() {
    fillList();
    toggle.textContent = t(classroom ? "classroom.leave" : "classroom.toggle");
  }

  toggle.setAttribute("aria-pressed", String(classroom));
  document.body.classList.toggle("classroom", classroom);
  return { translate, setClassroom, isOpen: () => !overlay.hidden };
}
