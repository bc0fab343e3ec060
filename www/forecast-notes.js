// The forecast chart's own explanations (issue 11, "explained in place"): the legend entries of
// its marks, and at epoch 0 a note saying what the untrained network's one-step curve is. Rust
// draws both (src/render/forecast.rs, `marks` and `note` of the chart's labels); the words come
// from the page's string tables (`canvas.forecast.*`), the numbers from the snapshot.
//
// Why the untrained curve is "repeat last month": the network predicts the month's target in
// model space, and for the log transforms that target is a standardised change,
// m = (d − mean) / sd with d = ln x_t − ln x_{t−1} (log_diff, window_log_norm) or
// ln x_t − ln x_{t−12} (seasonal_log_diff). Untrained weights give m ≈ 0, so the prediction
// x̂_t = x_{t−1} · exp(m · sd + mean) ≈ x_{t−1} · exp(mean): last month (or the same month a
// year earlier) times the average change of the training part. min_max has no such base: its
// untrained output is about one value for every month. So the note is not assumed; it is read
// off the predictions: how close each one is to last month's value (or a year earlier's), or to
// one constant, and it says only what holds.

import { t } from "./i18n.js";
import { formatNumber } from "./csv.js";

// How close (as a fraction) every prediction must be to its base for the note to name it.
export const CLOSE = 0.05;
// How near 1 the factor must be for the note to call the prediction "≈ no change".
export const NO_CHANGE = 0.02;

// The note's finding for `predictions` ({ actual, oneStep, testStart }), or null when there is
// nothing to compare: { kind: "lastMonth" | "lastYear" | "flat" | "none", factor, spread,
// naiveRmse, value, low, high }. `factor` is the median of prediction / base, `spread` the
// largest relative distance of a prediction from base × factor, `naiveRmse` the RMSE over the
// predicted test months of repeating the base exactly; a flat curve (all its predictions
// within CLOSE of the series' range) has its median `value` and its `low` and `high`.
export function untrainedFinding({ actual, oneStep, testStart }) {
  const months = [];
  for (let m = 0; m < oneStep.length; m += 1) {
    if (Number.isFinite(oneStep[m]) && Number.isFinite(actual[m])) months.push(m);
  }
  if (months.length < 2) return null;
  const relativeTo = (lag) => {
    const ratios = months
      .filter((m) => m >= lag && actual[m - lag] > 0)
      .map((m) => oneStep[m] / actual[m - lag]);
    if (ratios.length < months.length / 2) return null;
    const factor = median(ratios);
    const spread = Math.max(...ratios.map((r) => Math.abs(r / factor - 1)));
    return { factor, spread };
  };
  const naive = (lag) => {
    const test = months.filter((m) => m >= testStart && m >= lag);
    if (test.length === 0) return NaN;
    const sum = test.reduce((s, m) => s + (actual[m] - actual[m - lag]) ** 2, 0);
    return Math.sqrt(sum / test.length);
  };
  for (const [kind, lag] of [
    ["lastMonth", 1],
    ["lastYear", 12],
  ]) {
    const fit = relativeTo(lag);
    if (fit && fit.spread < CLOSE) return { kind, ...fit, naiveRmse: naive(lag) };
  }
  // Flat: every prediction within CLOSE of the actual series' range around one value.
  const values = months.map((m) => oneStep[m]);
  const seen = months.map((m) => actual[m]);
  const range = Math.max(...seen) - Math.min(...seen);
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (range > 0 && high - low < CLOSE * range) {
    return { kind: "flat", value: median(values), low, high };
  }
  return { kind: "none" };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Below this canvas width (CSS pixels) the legend uses its short words, so that its lines
// leave the curves room on a phone.
export const NARROW_CHART = 640;

// The key of a canvas word, or of its short form ("…Short") on a narrow chart.
function wordKey(key, narrow) {
  return narrow ? `${key}Short` : key;
}

// The epoch-0 note's pieces (empty after training): `formatError` is the page's format of an
// RMSE (view.js), so the note's RMSE reads as the readout's; `narrow` takes the short words.
export function untrainedNote(snapshot, formatError, narrow = false) {
  // Epoch 0 of weights loaded from a file is not an untrained network.
  const epoch = snapshot.viewingEpoch ?? snapshot.epoch;
  if (epoch !== 0 || snapshot.weightsFromFile || !snapshot.predictions) return [];
  const finding = untrainedFinding(snapshot.predictions);
  if (!finding) return [];
  const rmse = formatError(snapshot.evaluation?.testRmse);
  const percent = (spread) => formatNumber(Math.max(0.1, Math.ceil(spread * 1000) / 10));
  const factor = (f) => f.toFixed(3);
  const pieces = [t("canvas.forecast.untrained")];
  switch (finding.kind) {
    case "lastMonth":
    case "lastYear":
      pieces.push(
        t(wordKey(`canvas.forecast.${finding.kind}`, narrow), {
          factor: factor(finding.factor),
          spread: percent(finding.spread),
        }),
      );
      // "≈ no change" only where the factor is near 1; else the base grown by the average change.
      if (!narrow) {
        const still = Math.abs(finding.factor - 1) < NO_CHANGE;
        pieces.push(t(`canvas.forecast.${finding.kind}${still ? "Why" : "Grown"}`));
      }
      pieces.push(
        t(
          wordKey(
            `canvas.forecast.rmse${finding.kind === "lastMonth" ? "LastMonth" : "LastYear"}`,
            narrow,
          ),
          { rmse, naive: formatError(finding.naiveRmse) },
        ),
      );
      break;
    case "flat":
      pieces.push(
        t(wordKey("canvas.forecast.flat", narrow), {
          value: formatNumber(Math.round(finding.value)),
          low: formatNumber(Math.round(finding.low)),
          high: formatNumber(Math.round(finding.high)),
        }),
        t(wordKey("canvas.forecast.rmse", narrow), { rmse }),
      );
      break;
    default:
      pieces.push(
        t("canvas.forecast.noPattern"),
        t(wordKey("canvas.forecast.rmse", narrow), { rmse }),
      );
  }
  return pieces;
}

// The legend entries of the marks: the input window's band and the month it predicts (when the
// page lays them over the chart, `windowShown`) and the shaded test months from the split;
// `narrow` takes the short words.
export function forecastMarks(snapshot, windowShown, narrow = false) {
  const { testStart } = snapshot.predictions;
  const word = (key, values) => t(wordKey(`canvas.forecast.${key}`, narrow), values);
  return [
    windowShown ? word("window", { count: snapshot.settings.window }) : "",
    windowShown ? word("target") : "",
    word("test", { month: snapshot.months?.[testStart] ?? "" }),
  ];
}
