// The words and the text size of the canvases, which Rust draws (src/render/words.rs).
//
//   installCanvasWords(wasm);   // once, at start
//   wasm.drawGates(canvas, ratio, trace, withCanvasWords({ layer, step, unit }));
//
// canvasWords() gathers every `canvas.*` key of the string tables in the current language
// (the keys come from en.js, the one complete table); Rust falls back to its English text for
// a key it is not given. canvasTextScale() is 1, or CLASSROOM_TEXT_SCALE when the page is in
// classroom mode (body class `classroom`, see www/classroom.js). canvasLook() names both, for
// the draw caches: a view drawn in another language or size is stale.
import { STRINGS, DEFAULT_LANGUAGE, getLanguage, translate } from "./i18n.js";

// How much larger every canvas label is in classroom mode, for the back of a lecture hall.
export const CLASSROOM_TEXT_SCALE = 1.5;

const PREFIX = "canvas.";
const cache = new Map();

// `{ key: text }` for every canvas key, in `lang` (the current language by default).
export function canvasWords(lang = getLanguage()) {
  if (!cache.has(lang)) {
    const keys = Object.keys(STRINGS[DEFAULT_LANGUAGE]).filter((k) => k.startsWith(PREFIX));
    cache.set(lang, Object.fromEntries(keys.map((k) => [k, translate(lang, k)])));
  }
  return cache.get(lang);
}

// The factor the canvases' font sizes are multiplied by.
export function canvasTextScale() {
  return document.body?.classList.contains("classroom") ? CLASSROOM_TEXT_SCALE : 1;
}

// The wasm module the words were handed to (installCanvasWords), and the look they were for.
let installed = null;
let installedLook = null;

// Makes `wasm` (the drawing module) hold the canvas words itself: withCanvasWords then sends
// the table once per language and text size (wasm.setCanvasWords) instead of with every
// drawing, which a profile showed cost more than the drawing. index.js calls it once.
export function installCanvasWords(wasm) {
  installed = typeof wasm?.setCanvasWords === "function" ? wasm : null;
  installedLook = null;
}

// `opts` for a drawing function, the words and the text scale seen to: with an installed
// module, they are set in it when the language or the text size changed and `opts` goes as it
// is; without one (a test drawing alone), they travel in `opts`.
export function withCanvasWords(opts = {}) {
  if (installed === null) return { ...opts, words: canvasWords(), textScale: canvasTextScale() };
  const look = canvasLook();
  if (look !== installedLook) {
    installed.setCanvasWords(canvasWords(), canvasTextScale());
    installedLook = look;
  }
  return opts;
}

// The language and the text scale: part of each view's draw key.
export function canvasLook() {
  return `${getLanguage()}@${canvasTextScale()}`;
}
