// The preset buttons (one per entry of PRESETS in www/settings.js): a click applies the preset
// to the current settings, and the button of the preset the settings match is shown pressed.

import { PRESETS, applyPreset, matchPreset } from "./settings.js";
import { byTestId } from "./dom.js";
import { t } from "./i18n.js";

// onApply(settings, notice) with the settings after the preset and a sentence saying what it
// shows. Returns { show(values) }.
export function createPresetButtons(root, getValues, onApply) {
  const buttons = Object.keys(PRESETS).map((name) => {
    const button = byTestId(root, `preset-${name}`);
    button.addEventListener("click", () => {
      const { label, explain } = PRESETS[name];
      onApply(
        applyPreset(getValues(), name),
        t("status.preset", { preset: t(label), explain: t(explain) }),
      );
    });
    return { name, button };
  });
  return {
    show(values) {
      const matched = matchPreset(values);
      for (const { name, button } of buttons)
        button.setAttribute("aria-pressed", String(name === matched));
    },
  };
}
