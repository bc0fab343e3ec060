// The numbers panel: the epoch, the latest losses and the test months' errors (RMSE and MAPE,
// one-step and recursive), the baselines' test RMSE, in a comparison a second column for the
// second model; and the model's one-line description at the top of the page.

import { t, getLanguage } from "../i18n.js";
import { findElements } from "../dom.js";
import { describeBaselines } from "../baselines.js";
import { formatLoss, formatError, formatCount } from "./format.js";

// Every element this view uses, by data-testid.
const ELEMENT_IDS = {
  epoch: "epoch",
  trainLoss: "train-loss",
  testLoss: "test-loss",
  testRmse: "test-rmse",
  testMape: "test-mape",
  recursiveRmse: "recursive-rmse",
  recursiveMape: "recursive-mape",
  baselineNumbers: "baseline-numbers",
  baselineSeasonalNaive: "baseline-rmse-seasonal-naive",
  baselineAr12: "baseline-rmse-ar12",
  baselineHoltWinters: "baseline-rmse-holt-winters",
  modelSummary: "model-summary",
  numbersList: "numbers-list",
  numbersCell: "numbers-cell",
  numbersParams: "numbers-params",
  compareCell: "compare-cell",
  compareEpoch: "compare-epoch",
  compareTrainLoss: "compare-train-loss",
  compareTestLoss: "compare-test-loss",
  compareTestRmse: "compare-test-rmse",
  compareTestMape: "compare-test-mape",
  compareRecursiveRmse: "compare-recursive-rmse",
  compareRecursiveMape: "compare-recursive-mape",
  compareParams: "compare-params",
};
const UNAVAILABLE = "—"; // a baseline that cannot be fitted on this series
// An ensemble's member k starts from seed + k · MEMBER_SEED_STRIDE (src/train.rs, same name).
export const MEMBER_SEED_STRIDE = 1000;

// A plain description of the model in the page's language, e.g. "1 layer of 40 LSTM units
// reads 24 months, one at a time, and predicts the next month: 6,761 numbers to
// learn.", then how it trains. The article's formula and PyTorch's count are in the parameter
// panel (www/gates.js), not here.
export function describeModel(settings, counts) {
  const cell = t(`option.cell.${settings.cell ?? "lstm"}`);
  const layers =
    settings.layers === 1
      ? t("model.layers.one")
      : t("model.layers.many", { layers: settings.layers });
  const reading = t(`model.reading.${settings.layout}`, { window: settings.window });
  const summary = t("model.summary", {
    cell,
    layers,
    hidden: settings.hidden,
    reading,
    distinct: formatCount(counts.distinct),
  });
  const training = t("model.training", {
    target: t(`model.target.${settings.transform}`),
    optimizer: t(`option.optimizer.${settings.optimizer}`),
    lr: settings.learningRate,
    seed: settings.seed,
  });
  const parts = [summary, training];
  if (settings.ensemble > 1) {
    const seeds = Array.from(
      { length: settings.ensemble },
      (_, k) => settings.seed + MEMBER_SEED_STRIDE * k,
    );
    parts.push(t("model.ensemble", { count: settings.ensemble, seeds: seeds.join(", ") }));
  }
  if (settings.earlyStopping) parts.push(t("model.earlyStopping"));
  // Chinese sentences follow one another without a space.
  return parts.join(getLanguage() === "zh" ? "" : " ");
}

// mountNumbers(root): needs nothing shared. Returns { update(snapshot), translate() }.
export function mountNumbers(root) {
  const elements = findElements(root, ELEMENT_IDS);
  let modelKey = "";
  let numbersOf = { report: undefined, key: "" };
  const baselineRmse = {
    seasonal_naive: elements.baselineSeasonalNaive,
    ar12_log: elements.baselineAr12,
    holt_winters: elements.baselineHoltWinters,
  };

  // The baselines' one-step test RMSE, whenever the engine gave them; "—" with the reason as
  // a tooltip for one that cannot be fitted on this series.
  function writeBaselineNumbers(snapshot) {
    const key = t("baseline.unavailable");
    if (numbersOf.report === snapshot.baselines && numbersOf.key === key) return;
    numbersOf = { report: snapshot.baselines, key };
    const group = elements.baselineNumbers;
    group.hidden = !snapshot.baselines;
    for (const entry of describeBaselines(snapshot.baselines)) {
      const element = baselineRmse[entry.id];
      element.textContent = entry.available ? formatError(entry.testRmse) : UNAVAILABLE;
      element.parentElement.classList.toggle("unavailable", !entry.available);
      const title = entry.available
        ? entry.fitted
        : t("baseline.unavailable", { message: entry.message });
      if (title) element.parentElement.title = title;
      else element.parentElement.removeAttribute("title");
    }
  }

  // One column of numbers (the model's, or in a comparison the second model's): the epoch,
  // the latest losses and the test months' errors, into the elements named in `column`.
  // A large network's epoch is trained in pieces: while one is under way (epochProgress), the
  // counter also says how far the next epoch has got ("12 · next 40%", the part after the
  // number drawn by the stylesheet from data-progress), so that a slow epoch visibly moves
  // while the counter's text stays the number of completed epochs.
  // After a large network's epoch its evaluation is computed in pieces too (evaluationProgress):
  // "12 · epoch 13: evaluating 40%", or for new weights whose numbers are not there yet
  // "0 · evaluating 40%".
  function writeColumn(column, { epoch, epochProgress, evaluationProgress, history, evaluation }) {
    const last = history.train.length - 1;
    column.epoch.textContent = String(epoch);
    const percentOf = ({ done, total }) => Math.floor((100 * done) / Math.max(1, total));
    if (evaluationProgress) {
      const percent = percentOf(evaluationProgress);
      column.epoch.dataset.progress =
        evaluationProgress.epoch === epoch
          ? t("numbers.evaluationProgress", { percent })
          : t("numbers.nextEvaluationProgress", { percent, epoch: evaluationProgress.epoch });
    } else if (epochProgress) {
      const percent = percentOf(epochProgress);
      column.epoch.dataset.progress = t("numbers.epochProgress", { percent });
    } else delete column.epoch.dataset.progress;
    column.trainLoss.textContent = formatLoss(history.train[last]);
    column.testLoss.textContent = formatLoss(history.test[last]);
    column.testRmse.textContent = formatError(evaluation.testRmse);
    column.testMape.textContent = formatError(evaluation.testMape);
    column.recursiveRmse.textContent = formatError(evaluation.recursiveRmse);
    column.recursiveMape.textContent = formatError(evaluation.recursiveMape);
  }

  const mainColumn = {
    epoch: elements.epoch,
    trainLoss: elements.trainLoss,
    testLoss: elements.testLoss,
    testRmse: elements.testRmse,
    testMape: elements.testMape,
    recursiveRmse: elements.recursiveRmse,
    recursiveMape: elements.recursiveMape,
  };
  const compareColumn = {
    epoch: elements.compareEpoch,
    trainLoss: elements.compareTrainLoss,
    testLoss: elements.compareTestLoss,
    testRmse: elements.compareTestRmse,
    testMape: elements.compareTestMape,
    recursiveRmse: elements.compareRecursiveRmse,
    recursiveMape: elements.compareRecursiveMape,
  };

  function writeNumbers(snapshot) {
    writeColumn(mainColumn, snapshot);
    writeBaselineNumbers(snapshot);
    writeCompareNumbers(snapshot);
  }

  // The second column of a comparison: the second model's numbers beside the first's, under
  // the names of the two cells, with each one's distinct parameter count.
  function writeCompareNumbers(snapshot) {
    const compare = snapshot.compare;
    elements.numbersList.classList.toggle("comparing", Boolean(compare));
    if (!compare) return;
    writeColumn(compareColumn, compare);
    elements.numbersCell.textContent = t(`option.cell.${snapshot.settings.cell}`);
    elements.compareCell.textContent = t(`option.cell.${compare.cell}`);
    elements.numbersParams.textContent = formatCount(snapshot.paramCount.distinct);
    elements.compareParams.textContent = formatCount(compare.paramCount.distinct);
  }

  function writeModelSummary(snapshot) {
    const key = JSON.stringify([snapshot.settings, snapshot.paramCount, t("model.summary")]);
    if (key === modelKey) return;
    modelKey = key;
    elements.modelSummary.textContent = describeModel(snapshot.settings, snapshot.paramCount);
  }

  return {
    // Writes the numbers and the model's description from `snapshot`.
    update(snapshot) {
      writeNumbers(snapshot);
      writeModelSummary(snapshot);
    },
    // Takes the words of the language now in use (the next frame writes them).
    translate() {
      modelKey = "";
      numbersOf = { report: undefined, key: "" };
    },
  };
}
