// The page's language switch: the 中文 / English button, and the event that tells every view
// to redraw its words (the gate views, the story, an embedded view listen to it).

import { setLanguage, getLanguage } from "./i18n.js";

// A language change is announced to the other views with this event on the page's root.
export const LANGUAGE_EVENT = "lstm:language";

// The other of the page's two languages.
export function otherLanguage(lang) {
  return lang === "en" ? "zh" : "en";
}

// Sets the language of the string tables and tells the views, after `translate()` (the page's
// own texts) has run.
export function switchLanguage(root, lang, translate) {
  setLanguage(lang);
  translate();
  root.dispatchEvent(new CustomEvent(LANGUAGE_EVENT, { detail: { lang } }));
}

// The toggle's own `lang` attribute names the language it offers, for screen readers.
export function showLanguageToggle(button) {
  button.setAttribute("lang", getLanguage() === "en" ? "zh-Hans" : "en");
}
