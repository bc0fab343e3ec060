// How the views write numbers: a loss to four significant digits, an error with two
// decimals, a count with thousands separators; a dash when there is no number yet.

export const NO_VALUE = "–";
const LOSS_DIGITS = 4; // significant digits of a loss
const ERROR_DECIMALS = 2; // decimals of an RMSE (thousands) or a MAPE (percent)

// Formats a loss such as 0.04127; a dash when there is none yet.
export function formatLoss(value) {
  return Number.isFinite(value) ? value.toPrecision(LOSS_DIGITS) : NO_VALUE;
}

// A number with `digits` decimals, or a dash when it is not a number.
export function formatNumber(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : NO_VALUE;
}

// Formats an RMSE or a MAPE as a plain number with two decimals.
export function formatError(value) {
  return Number.isFinite(value) ? value.toFixed(ERROR_DECIMALS) : NO_VALUE;
}

// Formats a count with thousands separators: 6,761; a dash for anything but a number.
export function formatCount(value) {
  return Number.isFinite(value) ? value.toLocaleString("en-US") : NO_VALUE;
}
