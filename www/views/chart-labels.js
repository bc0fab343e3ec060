// The words drawn on the two charts (forecast and loss), in the page's language.

import { t } from "../i18n.js";
import { BASELINE_IDS, baselineLabelKey } from "../baselines.js";

// The words drawn on the two charts, in the page's language; `unit` names the value axis,
// `memberCount` the ensemble's members (0 or 1: a single network), `bestEpoch` early
// stopping's best epoch (undefined without).
export function chartLabels(unit, { memberCount = 0, bestEpoch, compareCell, cell } = {}) {
  const ensemble = memberCount > 1;
  const other = compareCell ? t(`option.cell.${compareCell}`) : "";
  // In a comparison each curve names its cell.
  const own = compareCell && !ensemble ? t(`option.cell.${cell ?? "lstm"}`) : "";
  return {
    forecast: {
      valueAxis: unit,
      legend: [
        t("chart.forecast.actualLegend"),
        ensemble
          ? t("chart.forecast.oneStepMean")
          : own
            ? t("chart.forecast.compareLegend", { cell: own })
            : t("chart.forecast.oneStepLegend"),
        t("chart.forecast.recursiveLegend"),
      ],
      testNote: t("chart.forecast.testNote"),
      members: t("chart.forecast.members", { count: memberCount }),
      baselines: BASELINE_IDS.map((id) => t(baselineLabelKey(id))),
      compare: t("chart.forecast.compareLegend", { cell: other }),
    },
    loss: {
      epochAxis: t("chart.loss.epochAxis"),
      lossAxis: t("chart.loss.axis"),
      legend: [
        compareCell
          ? t("chart.loss.compareTrain", { cell: t(`option.cell.${cell ?? "lstm"}`) })
          : t("chart.loss.trainLegend"),
        compareCell
          ? t("chart.loss.compareTest", { cell: t(`option.cell.${cell ?? "lstm"}`) })
          : t("chart.loss.testLegend"),
        t("chart.loss.validationLegend"),
      ],
      best: t("chart.loss.best"),
      bestLegend: bestEpoch === undefined ? "" : t("chart.loss.bestLegend", { epoch: bestEpoch }),
      emptyHint: t("chart.loss.empty"),
      compare: [
        t("chart.loss.compareTrain", { cell: other }),
        t("chart.loss.compareTest", { cell: other }),
      ],
    },
  };
}
