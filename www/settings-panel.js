// The settings panel: one control per row of the SETTINGS table (www/settings.js), generated,
// never written out by hand. A row's type picks the control — a number field for "int" and
// "number", a menu for "choice", a check box for "bool" — and its range, label, tooltip, option
// labels and data-testid come from the row. A value is checked with validateSetting when the
// person commits it (Enter, leaving the field, picking an option); a refused value is shown
// next to its control in words (describeProblem) and goes nowhere, so nothing the person had
// is lost.
//
// The panel knows nothing about the engine: it calls onChange(name, value) with a valid value
// and the page (www/teaching.js) decides what that means (a new model, or a live change).

import {
  SETTINGS,
  validateSetting,
  describeProblem,
  formatValue,
  optionLabelKey,
} from "./settings.js";
import { t, getLanguage } from "./i18n.js";

// The groups of the panel, in order, with the settings each one shows. Settings that live
// elsewhere on the page (speed next to Play, language and classroom mode in the header, the
// baselines on the forecast chart) are not in the panel.
export const PANEL_GROUPS = [
  {
    title: "settings.model",
    names: ["cell", "compare", "hidden", "layers", "window", "layout", "transform", "ensemble"],
  },
  {
    title: "settings.training",
    names: [
      "optimizer",
      "learningRate",
      "batchSize",
      "clip",
      "seed",
      "forgetBiasOne",
      "earlyStopping",
      "targetEpochs",
    ],
  },
];

// Notes shown beside a number field whose 0 means something special.
const ZERO_NOTES = { batchSize: "setting.batchSize.all", clip: "setting.clip.off" };

// createSettingsPanel({ container, onChange }) fills `container` and returns
// { show(values), showProblem(name, text), translate() }.
export function createSettingsPanel({ container, onChange }) {
  const controls = new Map(); // name -> { setting, input, problem, label, note }
  container.replaceChildren();
  for (const group of PANEL_GROUPS) {
    const fieldset = document.createElement("fieldset");
    fieldset.className = "settings-group";
    const legend = document.createElement("legend");
    legend.dataset.i18n = group.title;
    fieldset.append(legend);
    for (const name of group.names) {
      const setting = SETTINGS.find((row) => row.name === name);
      const control = buildControl(setting, (raw) => commit(setting, raw));
      controls.set(name, control);
      fieldset.append(control.row);
    }
    container.append(fieldset);
  }

  // Checks the raw value; passes a valid one on, or shows why it cannot be used.
  function commit(setting, raw) {
    const { value, problem } = validateSetting(setting, raw);
    if (problem) {
      showProblem(setting.name, describeProblem(problem, getLanguage()));
      return;
    }
    showProblem(setting.name, "");
    onChange(setting.name, value);
  }

  function showProblem(name, text) {
    const control = controls.get(name);
    if (!control) return;
    control.problem.textContent = text;
    control.problem.hidden = text === "";
    control.input.setAttribute("aria-invalid", String(text !== ""));
  }

  function translate() {
    for (const control of controls.values()) fillWords(control);
    for (const legend of container.querySelectorAll("legend[data-i18n]")) {
      legend.textContent = t(legend.dataset.i18n);
    }
  }
  translate();

  return {
    // Shows `values` in the controls (after a preset, a link, an import, a change the engine
    // has carried out) and clears problems; a number the learner is typing in and has not
    // committed yet is left as typed (a change committed just before it finishing while they
    // type would otherwise overwrite it: seen in the end-to-end tests on a busy machine).
    show(values) {
      for (const [name, control] of controls) {
        const value = values[name];
        if (value === undefined || control.editing()) continue;
        if (control.setting.type === "bool") control.input.checked = Boolean(value);
        else control.input.value = formatValue(control.setting, value);
        showProblem(name, "");
      }
    },
    showProblem,
    // Rewrites every label, tooltip and option in the current language.
    translate,
  };
}

// One labelled control for `setting`; `commit(raw)` is called with the raw value.
function buildControl(setting, commit) {
  const id = `setting-${setting.name}`;
  const row = document.createElement("div");
  row.className = "setting";
  const label = document.createElement("label");
  label.htmlFor = id;
  const marker = document.createElement("span");
  marker.className = "resets";
  marker.textContent = setting.structural ? " ↺" : "";
  let input;
  let editing = false;
  if (setting.type === "choice") {
    input = document.createElement("select");
    for (const option of setting.options) {
      const element = document.createElement("option");
      element.value = String(option);
      input.append(element);
    }
    input.addEventListener("change", () => commit(input.value));
  } else if (setting.type === "bool") {
    input = document.createElement("input");
    input.type = "checkbox";
    input.addEventListener("change", () => commit(input.checked));
    row.classList.add("setting-bool");
  } else {
    input = document.createElement("input");
    input.type = "number";
    input.min = String(setting.min);
    input.max = String(setting.max);
    input.step = setting.type === "int" ? "1" : "any";
    input.inputMode = setting.type === "int" ? "numeric" : "decimal";
    input.required = true;
    // Typed but not yet committed (Enter or leaving the field): show() leaves it alone.
    input.addEventListener("input", () => (editing = true));
    const done = () => {
      editing = false;
      commit(input.value);
    };
    input.addEventListener("change", done);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") done();
    });
  }
  input.id = id;
  input.dataset.testid = setting.testId;
  const help = document.createElement("span");
  help.id = `${id}-help`;
  help.className = "visually-hidden";
  const note = document.createElement("span");
  note.className = "setting-note";
  const problem = document.createElement("span");
  problem.className = "setting-problem";
  problem.id = `${id}-problem`;
  problem.setAttribute("role", "alert");
  problem.hidden = true;
  input.setAttribute("aria-describedby", `${help.id} ${problem.id}`);
  label.append(document.createTextNode(""), marker);
  row.append(label, input, note, help, problem);
  return { setting, row, label, input, help, note, problem, editing: () => editing };
}

// Writes the control's words in the current language.
function fillWords({ setting, label, input, help, note, row }) {
  label.firstChild.textContent = t(setting.label);
  const range =
    setting.type === "int" || setting.type === "number"
      ? ` (${t("settings.range", { min: setting.min, max: setting.max })})`
      : "";
  help.textContent = `${t(setting.help)}${range}${setting.structural ? ` ${t("settings.resets")}` : ""}`;
  row.title = t(setting.help);
  if (setting.structural) row.querySelector(".resets").title = t("settings.resets.title");
  note.textContent = ZERO_NOTES[setting.name] ? t(ZERO_NOTES[setting.name]) : "";
  if (setting.type === "choice") {
    for (const option of input.options) {
      const key = optionLabelKey(setting, option.value);
      option.textContent = key ? t(key) : option.value;
    }
  }
}
