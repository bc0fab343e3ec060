// Which cell a trace is, and the words that name it. Every gate view follows the trace's cell
// (trace.cell: "lstm", "gru" or "rnn"): its titles and descriptions are the LSTM's string keys
// or their ".gru" / ".rnn" variants.

import { getLanguage, translate } from "../i18n.js";

// The cell of a trace; a trace without one is an LSTM's.
export function cellOf(trace) {
  return trace?.cell ?? "lstm";
}

// The string key of a label for `cell`: the LSTM's own key, or the key with ".gru" / ".rnn".
export function cellKey(key, cell) {
  return cell === "lstm" ? key : `${key}.${cell}`;
}

// Writes the words of `key` for `cell` into `element` (its text for "data-i18n", its
// aria-label for "data-i18n-aria-label"). The key goes into the attribute, so a change of
// language keeps it. Nothing for a missing element.
export function relabel(element, attribute, key, cell) {
  if (!element) return;
  const name = cellKey(key, cell);
  element.setAttribute(attribute, name);
  const text = translate(getLanguage(), name);
  if (attribute === "data-i18n") element.textContent = text;
  else element.setAttribute("aria-label", text);
}
