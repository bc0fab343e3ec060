// The "What you are seeing" list under the charts, written with the loaded series' own months:
// each element with data-explain="NAME" gets the sentence NAME of explanationWords.

import { EXAMPLE_SERIES } from "./settings.js";
import { t } from "./i18n.js";

const NO_MONTH = "–";

// The sentences, by name, for a snapshot ({ months, predictions: { testStart } }) and the
// page's settings ({ series, targetEpochs }).
export function explanationWords({ months, predictions }, { series, targetEpochs }) {
  const testStart = predictions.testStart;
  return {
    actual: EXAMPLE_SERIES.includes(series)
      ? t(`example.${series}.description`)
      : t("explain.actual.text"),
    oneStep: t("explain.oneStep.text"),
    test: t("explain.test.text", {
      from: months[testStart] ?? NO_MONTH,
      to: months[months.length - 1] ?? NO_MONTH,
    }),
    recursive: t("explain.recursive.text", {
      start: months[testStart] ?? NO_MONTH,
      months: Math.max(0, months.length - testStart),
    }),
    loss: t("explain.loss.text", { epochs: targetEpochs }),
  };
}

// Writes the sentences into every [data-explain] element under `root`.
export function writeExplanations(root, snapshot, values) {
  const words = explanationWords(snapshot, values);
  for (const element of root.querySelectorAll("[data-explain]")) {
    element.textContent = words[element.dataset.explain] ?? "";
  }
}
