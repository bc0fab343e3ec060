// The speed menu (epochs per frame): its options come from the SETTINGS table, its words from
// the string tables, and the classroom keys + / − step through the same options.

import { findSetting } from "./settings.js";
import { t } from "./i18n.js";

// The option `direction` (+1 or −1) places from `current`, or null past either end.
export function nextSpeed(current, direction) {
  const options = findSetting("epochsPerFrame").options;
  const index = options.indexOf(current) + direction;
  return index < 0 || index >= options.length ? null : options[index];
}

// Wires the <select>; onChange(epochsPerFrame) on a choice. Returns { show(value), translate(value) }.
export function createSpeedMenu(select, onChange) {
  select.addEventListener("change", () => onChange(Number(select.value)));
  return {
    show(value) {
      select.value = String(value);
    },
    // Rebuilds the options in the current language, keeping `value` chosen.
    translate(value) {
      select.replaceChildren(
        ...findSetting("epochsPerFrame").options.map((n) => {
          const option = document.createElement("option");
          option.value = String(n);
          option.textContent = t(n === 1 ? "control.speed.optionOne" : "control.speed.option", {
            n,
          });
          return option;
        }),
      );
      select.value = String(value);
    },
  };
}
