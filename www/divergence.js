// The worker's statuses in words: why training stopped by itself, and a divergence explained
// (what happened, what is kept, what to try) with a suggested smaller learning rate.

import { t } from "./i18n.js";
import { describeError } from "./status.js";

// The divergence message of the engine: "training diverged at epoch 7: the loss became 1.2e41."
const DIVERGENCE = /epoch (\d+): the loss became ([^\s]+?)\.?(\s|$)/;

// The nearest "round" learning rate a tenth of `rate`, for the divergence suggestion.
export function smallerRate(rate) {
  if (!Number.isFinite(rate) || rate <= 0) return 0.05;
  const tenth = rate / 10;
  const magnitude = 10 ** Math.floor(Math.log10(tenth));
  // toPrecision(12) first: 0.3 / 0.1 is 2.9999999999999996 in floating point.
  const digit = Math.floor(Number((tenth / magnitude).toPrecision(12)));
  return Number((digit * magnitude).toPrecision(1));
}

// The divergence explained in words from the engine's message and the settings in use.
export function describeDivergence(message, { learningRate, lastGood }) {
  const match = DIVERGENCE.exec(String(message));
  const epoch = match ? Number(match[1]) : lastGood + 1;
  const raw = match ? Number(match[2]) : NaN;
  const loss = Number.isFinite(raw) ? raw.toPrecision(3) : t("divergence.lossNotNumber");
  return [
    `${t("divergence.title")}.`,
    t("divergence.what", { epoch, loss, lr: learningRate }),
    t("divergence.kept", { lastGood }),
    t("divergence.suggest", { suggested: smallerRate(learningRate) }),
  ].join(" ");
}

// A status of the worker ({ kind, code, message, epoch }) as { kind, message } for the status
// line: a divergence explained, a stop at the target or a pause said as such, anything else
// as the worker said it. `values` are the page's settings, `lastGood` the newest epoch drawn.
export function describeWorkerStatus(workerStatus, { learningRate, targetEpochs }, lastGood) {
  if (workerStatus.kind === "divergence") {
    return {
      kind: "error",
      message: describeDivergence(workerStatus.message, { learningRate, lastGood }),
    };
  }
  if (workerStatus.code === "stopped") {
    const message =
      workerStatus.epoch === targetEpochs
        ? t("status.reachedTarget", { target: targetEpochs })
        : t("status.paused", { epoch: workerStatus.epoch });
    return { kind: "info", message };
  }
  return {
    kind: workerStatus.kind === "error" ? "error" : "info",
    // An error status carries the error's code and params (www/worker.js).
    message: workerStatus.error ? describeError(workerStatus.error) : workerStatus.message,
  };
}
