// The classical baselines the LSTM is measured against: the engine fits them on the training
// part once per model (demo.baselines(), src/baselines.rs), the worker sends them with the
// first snapshot of each model, and this module turns that report into what the page shows —
// always the three of them, in the engine's order, whether or not each could be fitted on the
// series (a short or non-positive uploaded series may rule one out, with a reason).
//
// Nothing here touches the DOM: Node's test runner imports this module as it is.

// The engine's ids (BaselineKind::name), in BaselineKind::ALL order; a test reads the Rust
// source to keep them equal. The chart's colours follow this order (palette.rs BASELINES).
export const BASELINE_IDS = ["seasonal_naive", "ar12_log", "holt_winters"];

// The i18n key of a baseline's short name ("baseline.ar12_log").
export function baselineLabelKey(id) {
  return `baseline.${id}`;
}

// One entry per BASELINE_IDS, from the engine's report (null before it came):
// { id, available, testRmse, recursiveRmse, fitted, message } — `message` says why a baseline
// could not be fitted (available false, both RMSEs NaN).
export function describeBaselines(report) {
  return BASELINE_IDS.map((id) => {
    const index = report?.ids?.indexOf(id) ?? -1;
    if (index >= 0) {
      return {
        id,
        available: true,
        testRmse: report.testRmse[index],
        recursiveRmse: report.recursiveRmse[index],
        fitted: report.fitted?.[index] ?? "",
        message: "",
      };
    }
    const missing = report?.unavailable?.find((entry) => entry.id === id);
    return {
      id,
      available: false,
      testRmse: NaN,
      recursiveRmse: NaN,
      fitted: "",
      message: missing?.message ?? "",
    };
  });
}

// The baselines' one-step predictions as the forecast chart takes them: BASELINE_IDS.length
// rows of `months` numbers, one after another, NaN throughout for a baseline that could not be
// fitted (the chart leaves it out). null when there is no report, or it is for another series
// length.
export function baselineRows(report, months) {
  if (!report?.oneStep || !Array.isArray(report.ids)) return null;
  if (report.oneStep.length !== report.ids.length * months) return null;
  const rows = new Float64Array(BASELINE_IDS.length * months).fill(NaN);
  BASELINE_IDS.forEach((id, k) => {
    const index = report.ids.indexOf(id);
    if (index >= 0)
      rows.set(report.oneStep.subarray(index * months, (index + 1) * months), k * months);
  });
  return rows;
}

// The one-step prediction of each available baseline for month `month`: [{ id, value }].
export function baselinesAt(report, month) {
  if (!report?.oneStep || !Array.isArray(report.ids) || report.ids.length === 0) return [];
  const months = report.oneStep.length / report.ids.length;
  return BASELINE_IDS.flatMap((id) => {
    const index = report.ids.indexOf(id);
    const value = index >= 0 ? report.oneStep[index * months + month] : NaN;
    return Number.isFinite(value) ? [{ id, value }] : [];
  });
}
