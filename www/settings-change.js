// What a change of settings means for the running model, as plain data: which settings changed,
// whether the model must be built again, the worker commands that carry the change out, and the
// sentence the status line says about it. www/teaching.js sends the commands.

import { OWN_DATA, findSetting, changedSettings, engineSettings, formatValue } from "./settings.js";
import { t } from "./i18n.js";

// The settings the running model can take without starting again, and the worker command
// that changes each one (batch size has no live setter in the engine: it starts again).
export const LIVE_COMMANDS = {
  optimizer: "setOptimizer",
  learningRate: "setLearningRate",
  clip: "setClip",
};
// Page settings that only change what is drawn: a change says nothing in the status line.
const QUIET_SETTINGS = new Set(["targetEpochs", "showBaselines"]);

// { changed, rebuild, commands } for settings `before` -> `after` (both validated). Each command
// is [name, ...args] for the worker; `ownData` ({ text, name }) is the person's series, if any.
export function planChange(before, after, ownData = null) {
  const changed = changedSettings(before, after);
  const engineChanged = changed.filter((name) => findSetting(name).owner === "engine");
  const rebuild =
    changed.includes("series") ||
    engineChanged.some((name) => findSetting(name).structural || !(name in LIVE_COMMANDS));
  const commands = [];
  if (changed.includes("compare")) commands.push(["setCompare", after.compare]);
  if (changed.includes("series") && after.series !== OWN_DATA) {
    commands.push(["loadExample", after.series, engineSettings(after)]);
  } else if (changed.includes("series")) {
    commands.push(["loadSeries", ownData.text, ownData.name]);
    commands.push(["create", engineSettings(after)]);
  } else if (rebuild) {
    commands.push(["create", engineSettings(after)]);
  } else {
    for (const name of engineChanged) commands.push([LIVE_COMMANDS[name], after[name]]);
  }
  if (changed.includes("targetEpochs")) commands.push(["setStopEvery", after.targetEpochs]);
  if (changed.includes("epochsPerFrame"))
    commands.push(["setEpochsPerChunk", after.epochsPerFrame]);
  return { changed, rebuild, commands };
}

// The status line's sentence after a change that went through, or null for none: the same cell
// twice in a comparison, the caller's notice (a preset's), a new model and why, or one live
// setting's new value at `epoch`.
export function describeChange({ changed, rebuild }, after, { notice, epoch }) {
  if (after.compare !== "none" && after.compare === after.cell)
    return t("compare.sameCell", { cell: t(`option.cell.${after.cell}`) });
  if (notice) return notice;
  if (rebuild || changed.includes("compare")) {
    const names = changed.map((name) => t(findSetting(name).label)).join(", ");
    return t("status.reset", { settings: names });
  }
  if (changed.length === 1 && !QUIET_SETTINGS.has(changed[0])) {
    const setting = findSetting(changed[0]);
    const key = setting.optionLabel ? `${setting.optionLabel}.${after[setting.name]}` : null;
    return t("status.live", {
      setting: t(setting.label),
      value: key ? t(key) : formatValue(setting, after[setting.name]),
      epoch,
    });
  }
  return null;
}
