// The page's words in English and 简体中文: one flat table of keys per language (www/strings/),
// a `t(key, params)` that fills `{name}` placeholders, the language chosen from the browser,
// switchable, and kept in the URL hash by www/settings.js (`lang=zh`).
//
// The Chinese uses the source article's own terms: 遗忘门 (forget gate f_t), 输入门 (input gate
// i_t), 输出门 (output gate o_t), 补给来源 (the candidate g_t), 门控制补给大小 (j_t = i_t ⊙ g_t),
// 主线遗忘 (k_t = f_t ⊙ c_{t−1}), 主线 (the cell state c_t), 传送带 (the conveyor belt) and
// 隐藏层向量 (the hidden state h_t).
//
// Importing this module touches no DOM: Node's test runner imports it as it is. Only
// applyTranslations(root) reads and writes elements, when the page calls it.

import { setRichText } from "./rich-text.js";
import en from "./strings/en.js";
import zh from "./strings/zh.js";

export const DEFAULT_LANGUAGE = "en";
export const LANGUAGES = ["en", "zh"];
export const STRINGS = { en, zh };

// `{name}`: a placeholder, filled from the params of t(key, params).
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

// The attributes that applyTranslations fills, each from its own data attribute:
// <button data-i18n="control.reset" data-i18n-title="control.reset.title">.
const TRANSLATED_ATTRIBUTES = {
  "data-i18n-title": "title",
  "data-i18n-aria-label": "aria-label",
  "data-i18n-placeholder": "placeholder",
};

let currentLanguage = DEFAULT_LANGUAGE;

// The language for a browser's preference list (navigator.languages, most preferred first):
// the first entry that is Chinese (zh, zh-CN, zh-Hans, zh-TW, …) or English decides; any
// other list gives English.
export function detectLanguage(preferred = []) {
  for (const tag of preferred) {
    const primary = String(tag).toLowerCase().split(/[-_]/)[0];
    if (LANGUAGES.includes(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

// True when `lang` is one of LANGUAGES.
export function isLanguage(lang) {
  return LANGUAGES.includes(lang);
}

// Makes `lang` the language of t(); an unknown one is refused with an Error.
export function setLanguage(lang) {
  if (!isLanguage(lang)) throw new Error(`unknown language "${lang}"; use one of ${LANGUAGES}`);
  currentLanguage = lang;
}

export function getLanguage() {
  return currentLanguage;
}

// The names of the `{placeholders}` of a template, in order of appearance, without repeats.
export function placeholders(template) {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

// Fills each `{name}` with String(params[name]); a placeholder without a param stays as it is,
// so a forgotten param shows on screen instead of the word "undefined".
export function interpolate(template, params = {}) {
  return template.replace(PLACEHOLDER, (whole, name) =>
    Object.hasOwn(params, name) && params[name] !== undefined ? String(params[name]) : whole,
  );
}

// The text of `key` in `lang`, filled with `params`. A key missing in `lang` falls back to
// English, and a key missing everywhere shows as the key itself (the tests make sure neither
// happens).
export function translate(lang, key, params) {
  const template = STRINGS[lang]?.[key] ?? STRINGS[DEFAULT_LANGUAGE][key] ?? key;
  return interpolate(template, params);
}

// True when the string tables have `key` (English holds every key; the tests check the rest).
export function hasString(key) {
  return Object.hasOwn(STRINGS[DEFAULT_LANGUAGE], key);
}

// The text of `key` in the current language (see setLanguage).
export function t(key, params) {
  return translate(currentLanguage, key, params);
}

// Rewrites every element under `root` that names a key: `data-i18n` sets its text,
// `data-i18n-title`, `data-i18n-aria-label` and `data-i18n-placeholder` set those attributes.
// Also sets `lang` on the root element when it is <html>.
export function applyTranslations(root, lang = currentLanguage) {
  // The math in the texts (c_t, h_{t−1}) is written with subscripts (www/rich-text.js);
  // attributes (titles, labels) stay plain text.
  for (const element of root.querySelectorAll("[data-i18n]")) {
    setRichText(element, translate(lang, element.getAttribute("data-i18n")));
  }
  for (const [source, target] of Object.entries(TRANSLATED_ATTRIBUTES)) {
    for (const element of root.querySelectorAll(`[${source}]`)) {
      element.setAttribute(target, translate(lang, element.getAttribute(source)));
    }
  }
  const html = root.documentElement ?? root;
  if (html.tagName === "HTML") html.setAttribute("lang", lang === "zh" ? "zh-Hans" : lang);
}
