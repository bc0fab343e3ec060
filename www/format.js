// Numbers as the page writes them, one helper per kind, each giving a dash for a missing or
// non-finite value so that "NaN" or "Infinity" never reaches the page.

// What the page shows where there is no number.
export const NO_VALUE = "–";

// A number for a person to read: at most 4 decimals, no trailing zeros (337.05, 0.1235).
export function formatNumber(value) {
  if (!Number.isFinite(value)) return NO_VALUE;
  return String(Number(value.toFixed(4)));
}

// A number with exactly `digits` decimals (51.70).
export function formatFixed(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : NO_VALUE;
}

// A count with thousands separators (6,921). The separator is the comma in both languages:
// the article and the Chinese page both write counts that way.
export function formatCount(value) {
  return Number.isFinite(value) ? value.toLocaleString("en-US") : NO_VALUE;
}
