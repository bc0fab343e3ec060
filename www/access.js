// Text for those who do not see the charts: each canvas keeps a short description of what it
// shows (its aria-label) and a summary of the current numbers (aria-describedby), and one
// aria-live region reads the numbers out — at most once a second while training, and at once
// when training pauses, so that a screen reader is not flooded.
//
// Every number goes through formatNumber, so NaN or ±Infinity shows as "–", never as text.

import { t } from "./i18n.js";
import { formatNumber } from "./format.js";
import { byTestId } from "./dom.js";

// The shortest time between two announcements while training.
export const ANNOUNCE_EVERY_MS = 1000;

// createAccess({ root, elements, getValues, unitOf }) returns { onSnapshot(snapshot), translate() }.
export function createAccess({ root, elements, getValues, unitOf }) {
  const live = byTestId(root, "live-summary");
  const forecastSummary = byTestId(root, "forecast-summary");
  const lossSummary = byTestId(root, "loss-summary");
  let lastAnnounced = 0;
  let wasPlaying = false;
  let latest = null;

  function summaries(snapshot) {
    const { history, evaluation, epoch } = snapshot;
    const last = history.train.length - 1;
    const none = t("chart.summary.none");
    const number = (value) => (Number.isFinite(value) ? formatNumber(value) : none);
    return {
      forecast: t("chart.summary.forecast", {
        epoch,
        rmse: number(evaluation.testRmse),
        mape: number(evaluation.testMape),
        recursiveRmse: number(evaluation.recursiveRmse),
        recursiveMape: number(evaluation.recursiveMape),
        unit: unitOf(getValues().series),
      }),
      loss: t("chart.summary.loss", {
        epoch,
        train: number(history.train[last]),
        test: number(history.test[last]),
      }),
    };
  }

  function write(snapshot, announce) {
    const text = summaries(snapshot);
    forecastSummary.textContent = text.forecast;
    lossSummary.textContent = text.loss;
    if (announce) {
      live.textContent = `${text.loss} ${text.forecast}`;
      lastAnnounced = performance.now();
    }
  }

  function translate() {
    elements.forecastCanvas.setAttribute("aria-label", t("chart.forecast.alt"));
    elements.lossCanvas.setAttribute("aria-label", t("chart.loss.alt"));
    if (latest) write(latest, false);
  }

  return {
    onSnapshot(snapshot) {
      latest = snapshot;
      const stopped = wasPlaying && !snapshot.playing;
      wasPlaying = snapshot.playing;
      const due = performance.now() - lastAnnounced >= ANNOUNCE_EVERY_MS;
      // While training the summaries follow once a second; a pause or a single step at once.
      if (!snapshot.playing || due) write(snapshot, stopped || !snapshot.playing || due);
    },
    translate,
  };
}
