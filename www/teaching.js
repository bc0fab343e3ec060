// The teaching controls: the page's settings as ONE state (values of the SETTINGS table in
// www/settings.js), kept in the URL hash, shown by the generated settings panel and applied to
// the training worker — a structural change builds a new model (with a notice saying so), a
// live one (learning rate, optimizer, clipping) goes on training. This module holds that state
// and composes the parts, each in its own module:
//
//   www/series-picker.js    the series <select>, the title, lede and unit that name the series
//   www/preset-buttons.js   the presets and which one the settings match
//   www/speed-menu.js       epochs per frame
//   www/language.js         中文 / English and the event that redraws the views' words
//   www/url-state.js        the settings (and the story's step) in the URL hash
//   www/explanations.js     "What you are seeing", with the series' own months
//   www/settings-change.js  what a change means: a new model or a live one, its commands, its words
//   www/divergence.js       the worker's statuses in words, a divergence explained
//
//   const initial = readInitialState();              // before the engine: hash, language
//   ... create the model from initial.values ...
//   const teaching = initTeaching({ ... });          // once the model and the view exist
//
// Own data, downloads and imports are in www/io.js; classroom mode and the keys in
// www/classroom.js; the text alternatives and the aria-live summary in www/access.js.

import {
  OWN_DATA,
  findSetting,
  decodeHash,
  urlSettingsText,
  describeProblem,
  engineSettings,
  fromEngineSettings,
  validateAll,
} from "./settings.js";
import { t, setLanguage, getLanguage, detectLanguage, applyTranslations } from "./i18n.js";
import { createSettingsPanel } from "./settings-panel.js";
import { wireIo } from "./io.js";
import { wireClassroom } from "./classroom.js";
import { createAccess } from "./access.js";
import { byTestId } from "./dom.js";
import { describeError } from "./status.js";
import { createSeriesPicker, unitOf } from "./series-picker.js";
import { createPresetButtons } from "./preset-buttons.js";
import { createSpeedMenu, nextSpeed } from "./speed-menu.js";
import { LANGUAGE_EVENT, otherLanguage, switchLanguage, showLanguageToggle } from "./language.js";
import { writeUrlHash } from "./url-state.js";
import { writeExplanations } from "./explanations.js";
import { planChange, describeChange } from "./settings-change.js";
import { describeWorkerStatus } from "./divergence.js";

export { LANGUAGE_EVENT };
export { smallerRate, describeDivergence } from "./divergence.js";

// Reads the URL (hash, or the query of older links) and the browser's language, before the
// engine starts. Returns { values, problems } with `problems` as sentences in the language
// chosen; sets that language and translates the page's static text.
export function readInitialState(location = window.location, languages = navigator.languages) {
  const text = urlSettingsText(location.search, location.hash);
  const { values, problems } = decodeHash(text, { lang: detectLanguage(languages ?? []) });
  setLanguage(values.lang);
  applyTranslations(document);
  const sentences = problems.map((problem) => describeProblem(problem, values.lang));
  if (values.series === OWN_DATA) {
    values.series = findSetting("series").default;
    sentences.push(t("data.ownNotInLink", { series: t(`example.${values.series}`) }));
  }
  document.body.classList.toggle("classroom", values.classroom);
  return { values, problems: sentences };
}

// The settings object of the first model: the example series and the engine settings.
export function firstModel(values) {
  return { series: values.series, settings: engineSettings(values) };
}

// initTeaching({ document, engine, send, status, elements, view, loop, charts, values, actions })
//   send(command, ...args)  a worker command once the model exists (rejects on refusal)
//   charts                  the main thread's wasm module (parseSeries for the CSV preview)
//   values                  the state read by readInitialState
//   actions                 { toggle, step, reset } of the play controls
// Returns { describeWorkerStatus(status), onSnapshot(snapshot), values(), io }.
export function initTeaching({
  root = document,
  engine,
  send,
  status,
  elements,
  view,
  loop,
  charts,
  values,
  actions,
}) {
  let current = { ...values };
  const writeHash = () => writeUrlHash(current);

  const panel = createSettingsPanel({
    container: byTestId(root, "settings-panel"),
    onChange: (name, value) => changeSettings({ [name]: value }),
  });
  panel.show(current);

  const series = createSeriesPicker(root, {
    monthCount: () => engine.latest()?.months.length ?? 0,
    setUnit: (unit) => view.setUnit?.(unit),
    onChange: (id) => changeSettings({ series: id }),
  });
  const presets = createPresetButtons(
    root,
    () => current,
    (after, notice) => changeSettings(after, notice),
  );
  const speed = createSpeedMenu(elements.speed, (epochsPerFrame) => {
    current = { ...current, epochsPerFrame };
    writeHash();
  });

  // --- the baselines on the forecast chart -------------------------------------------------
  const baselinesToggle = byTestId(root, "baselines-toggle");
  baselinesToggle.addEventListener("change", () =>
    changeSettings({ showBaselines: baselinesToggle.checked }),
  );
  function showBaselines() {
    baselinesToggle.checked = current.showBaselines;
    view.setShowBaselines?.(current.showBaselines);
  }
  showBaselines();

  // --- language --------------------------------------------------------------------------
  const langToggle = byTestId(root, "lang-toggle");
  langToggle.addEventListener("click", () => setPageLanguage(otherLanguage(current.lang)));

  function setPageLanguage(lang) {
    current = { ...current, lang };
    switchLanguage(root, lang, () => {
      translatePage();
      writeHash();
    });
  }

  // Every text of the page in the current language: this module is the one that knows all
  // the parts, so it is the one that asks each to translate itself.
  function translatePage() {
    applyTranslations(root);
    showLanguageToggle(langToggle);
    panel.translate();
    speed.translate(current.epochsPerFrame);
    series.translate();
    series.show(current.series);
    presets.show(current);
    view.translate?.();
    access.translate();
    classroom.translate();
    const snapshot = engine.latest();
    if (snapshot) {
      writeExplanations(root, snapshot, current);
      elements.play.textContent = t(snapshot.playing ? "control.pause" : "control.play");
    }
    loop.requestDraw();
  }

  // Applies a change of any settings: validates, sends the worker commands the change needs
  // (www/settings-change.js), and writes the URL. A change the engine refuses is undone in
  // the controls, with its message in the status line.
  async function changeSettings(given, notice) {
    const { values: after, problems } = validateAll({ ...current, ...given }, current);
    if (problems.length > 0) {
      status.error(problems.map((problem) => describeProblem(problem, getLanguage())).join(" "));
      return;
    }
    const before = current;
    const plan = planChange(before, after, series.ownData());
    if (plan.changed.length === 0) return;
    current = after;
    try {
      for (const [command, ...args] of plan.commands) await send(command, ...args);
    } catch (error) {
      current = before;
      panel.show(current);
      series.show(current.series);
      showBaselines();
      status.error(describeError(error));
      return;
    }
    panel.show(current);
    speed.show(current.epochsPerFrame);
    showBaselines();
    series.show(current.series);
    presets.show(current);
    writeHash();
    const sentence = describeChange(plan, after, { notice, epoch: engine.latest()?.epoch ?? 0 });
    if (sentence) status.info(sentence);
  }

  const access = createAccess({ root, elements, getValues: () => current, unitOf });
  const io = wireIo({
    root,
    engine,
    send,
    status,
    charts,
    elements,
    // A series the person gave trained: it becomes the current series.
    onOwnData(data, settings) {
      series.setOwnData(data);
      current = { ...current, ...fromEngineSettings(settings), series: OWN_DATA };
      panel.show(current);
      series.show(current.series);
      presets.show(current);
      writeHash();
    },
    // Imported weights bring their own shape and data settings.
    onImported(settings) {
      current = { ...current, ...fromEngineSettings(settings) };
      panel.show(current);
      presets.show(current);
      writeHash();
    },
  });
  const classroom = wireClassroom({
    root,
    actions: {
      ...actions,
      toggleLanguage: () => setPageLanguage(otherLanguage(current.lang)),
      faster: () => stepSpeed(1),
      slower: () => stepSpeed(-1),
      setClassroom(on) {
        current = { ...current, classroom: on };
        writeHash();
        if (on) status.info(t("classroom.on"));
        loop.requestDraw();
      },
    },
    initial: current.classroom,
  });

  function stepSpeed(direction) {
    const next = nextSpeed(current.epochsPerFrame, direction);
    if (next !== null) changeSettings({ epochsPerFrame: next });
  }

  let explainedMonths = null;
  translatePage();
  writeHash();

  return {
    // The worker's status (why it stopped by itself) in words: { kind, message }.
    describeWorkerStatus: (workerStatus) =>
      describeWorkerStatus(workerStatus, current, engine.latest()?.epoch ?? 0),
    // Called with every snapshot: the summaries and the explanations that depend on the data.
    onSnapshot(snapshot) {
      access.onSnapshot(snapshot);
      if (snapshot.months !== explainedMonths) {
        explainedMonths = snapshot.months;
        writeExplanations(root, snapshot, current);
      }
    },
    values: () => ({ ...current }),
    io,
  };
}
