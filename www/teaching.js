// The teaching controls: the page's settings as ONE state (values of the SETTINGS table in
// www/settings.js), kept in the URL hash, shown by the generated settings panel and applied to
// the training worker — a structural change builds a new model (with a notice saying so), a
// live one (learning rate, optimizer, clipping) goes on training. Also the presets, the series
// picker, the language, and the words of the worker's statuses (divergence explained).
//
//   const initial = readInitialState();              // before the engine: hash, language
//   ... create the model from initial.values ...
//   const teaching = initTeaching({ ... });          // once the model and the view exist
//
// Own data, downloads and imports are in www/io.js; classroom mode and the keys in
// www/classroom.js; the text alternatives and the aria-live summary in www/access.js.

import { storyHashPart } from "./story.js";
import {
  PRESETS,
  OWN_DATA,
  EXAMPLE_SERIES,
  findSetting,
  decodeHash,
  encodeHash,
  urlSettingsText,
  describeProblem,
  engineSettings,
  fromEngineSettings,
  applyPreset,
  matchPreset,
  changedSettings,
  formatValue,
  validateAll,
} from "./settings.js";
import { t, setLanguage, getLanguage, detectLanguage, applyTranslations } from "./i18n.js";
import { createSettingsPanel } from "./settings-panel.js";
import { wireIo } from "./io.js";
import { wireClassroom } from "./classroom.js";
import { createAccess } from "./access.js";

// The settings the running model can take without starting again, and the worker command
// that changes each one (batch size has no live setter in the engine: it starts again).
const LIVE_COMMANDS = {
  optimizer: "setOptimizer",
  learningRate: "setLearningRate",
  clip: "setClip",
};
// The divergence message of the engine: "training diverged at epoch 7: the loss became 1.2e41."
const DIVERGENCE = /epoch (\d+): the loss became ([^\s]+?)\.?(\s|$)/;
// Page settings that only change what is drawn: a change says nothing in the status line.
const QUIET_SETTINGS = new Set(["targetEpochs", "showBaselines"]);
// A language change is announced to the other views (the gate views) with this event.
export const LANGUAGE_EVENT = "lstm:language";

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

// The nearest "round" learning rate a tenth of `rate`, for the divergence suggestion.
export function smallerRate(rate) {
  if (!Number.isFinite(rate) || rate <= 0) return 0.05;
  const tenth = rate / 10;
  const magnitude = 10 ** Math.floor(Math.log10(tenth));
  // toPrecision(12) first: 0.3 / 0.1 is 2.9999999999999996 in floating point.
  const digit = Math.floor(Number((tenth / magnitude).toPrecision(12)));
  return Number((digit * magnitude).toPrecision(1));
}

// The divergence explained in words (what happened, what is kept, what to try) from the
// engine's message and the settings in use.
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

// initTeaching({ document, engine, send, status, elements, view, loop, charts, values, actions })
//   send(command, ...args)  a worker command once the model exists (rejects on refusal)
//   charts                  the main thread's wasm module (parseSeries for the CSV preview)
//   values                  the state read by readInitialState
//   actions                 { toggle, step, reset } of the play controls
// Returns { describeWorkerStatus(status), onSnapshot(snapshot), values() }.
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
  let ownData = null; // { text, name } of the series the person gave, once it trained
  const byId = (id) => root.querySelector(`[data-testid="${id}"]`);

  const panel = createSettingsPanel({
    container: byId("settings-panel"),
    onChange: (name, value) => changeSettings({ [name]: value }),
  });
  panel.show(current);

  // --- the series picker -------------------------------------------------------------------
  const seriesSelect = byId("setting-data");
  const seriesSetting = findSetting("series");
  for (const id of seriesSetting.options) {
    const option = document.createElement("option");
    option.value = id;
    seriesSelect.append(option);
  }
  seriesSelect.addEventListener("change", () => {
    if (seriesSelect.value === OWN_DATA && ownData === null) return;
    changeSettings({ series: seriesSelect.value });
  });

  // --- presets -------------------------------------------------------------------------------
  const presetButtons = Object.keys(PRESETS).map((name) => {
    const button = byId(`preset-${name}`);
    button.addEventListener("click", () => {
      const after = applyPreset(current, name);
      changeSettings(
        after,
        t("status.preset", { preset: t(PRESETS[name].label), explain: t(PRESETS[name].explain) }),
      );
    });
    return { name, button };
  });

  // --- the speed menu, generated from the table ----------------------------------------------
  const speedSelect = elements.speed;
  function fillSpeed() {
    speedSelect.replaceChildren(
      ...findSetting("epochsPerFrame").options.map((n) => {
        const option = document.createElement("option");
        option.value = String(n);
        option.textContent = t(n === 1 ? "control.speed.optionOne" : "control.speed.option", { n });
        return option;
      }),
    );
    speedSelect.value = String(current.epochsPerFrame);
  }
  speedSelect.addEventListener("change", () => {
    current = { ...current, epochsPerFrame: Number(speedSelect.value) };
    writeHash();
  });

  // --- the baselines on the forecast chart -------------------------------------------------
  const baselinesToggle = byId("baselines-toggle");
  baselinesToggle.addEventListener("change", () =>
    changeSettings({ showBaselines: baselinesToggle.checked }),
  );
  function showBaselines() {
    baselinesToggle.checked = current.showBaselines;
    view.setShowBaselines?.(current.showBaselines);
  }
  showBaselines();

  // --- language --------------------------------------------------------------------------
  const langToggle = byId("lang-toggle");
  langToggle.addEventListener("click", () => setPageLanguage(current.lang === "en" ? "zh" : "en"));

  function setPageLanguage(lang) {
    current = { ...current, lang };
    setLanguage(lang);
    translatePage();
    writeHash();
    root.dispatchEvent(new CustomEvent(LANGUAGE_EVENT, { detail: { lang } }));
  }

  // Every text of the page in the current language.
  function translatePage() {
    applyTranslations(root);
    langToggle.setAttribute("lang", getLanguage() === "en" ? "zh-Hans" : "en");
    panel.translate();
    fillSpeed();
    for (const option of seriesSelect.options) option.textContent = t(`example.${option.value}`);
    showSeries();
    showPresets();
    view.translate?.();
    access.translate();
    classroom.translate();
    const snapshot = engine.latest();
    if (snapshot) {
      writeExplanations(snapshot);
      controlsShowPlaying(snapshot.playing);
    }
    loop.requestDraw();
  }

  function controlsShowPlaying(playing) {
    elements.play.textContent = t(playing ? "control.pause" : "control.play");
  }

  // --- state, URL, notices -----------------------------------------------------------------
  function writeHash() {
    // The story's step (www/story.js) stays in the URL beside the settings.
    const hash = encodeHash(current) + storyHashPart();
    history.replaceState(history.state, "", `${window.location.pathname}${hash}`);
  }

  function showSeries() {
    seriesSelect.value = current.series;
    seriesSelect.querySelector(`option[value="${OWN_DATA}"]`).disabled = ownData === null;
    const description = byId("series-description");
    description.textContent =
      current.series === OWN_DATA
        ? t("data.loaded", {
            name: ownData?.name ?? "",
            count: engine.latest()?.months.length ?? 0,
          })
        : t(`example.${current.series}.description`);
    const name =
      current.series === OWN_DATA
        ? (ownData?.name ?? t("data.ownSeries"))
        : t(`example.${current.series}`);
    byId("forecast-title").textContent = t("chart.forecast.title", { series: name });
    // The lede tells the AirPassengers story; any other series is named in it instead.
    byId("lede").textContent =
      current.series === "air_passengers" ? t("app.lede") : t("app.lede.series", { series: name });
    const unit = unitOf(current.series);
    for (const element of root.querySelectorAll(".series-unit")) element.textContent = unit;
    view.setUnit?.(unit);
  }

  function showPresets() {
    const matched = matchPreset(current);
    for (const { name, button } of presetButtons)
      button.setAttribute("aria-pressed", String(name === matched));
  }

  function unitOf(series) {
    return EXAMPLE_SERIES.includes(series) ? t(`example.${series}.unit`) : "";
  }

  // Applies a change of any settings: validates, rebuilds the model when a structural setting
  // changed (saying so), sends the live ones, and writes the URL. A change the engine refuses
  // is undone in the controls, with its message in the status line.
  async function changeSettings(given, notice) {
    const { values: after, problems } = validateAll({ ...current, ...given }, current);
    if (problems.length > 0) {
      status.error(problems.map((problem) => describeProblem(problem, getLanguage())).join(" "));
      return;
    }
    const before = current;
    const changed = changedSettings(before, after);
    if (changed.length === 0) return;
    const engineChanged = changed.filter((name) => findSetting(name).owner === "engine");
    const rebuild =
      changed.includes("series") ||
      engineChanged.some((name) => findSetting(name).structural || !(name in LIVE_COMMANDS));
    current = after;
    try {
      if (changed.includes("compare")) await send("setCompare", after.compare);
      if (changed.includes("series") && after.series !== OWN_DATA) {
        await send("loadExample", after.series, engineSettings(after));
      } else if (changed.includes("series")) {
        await send("loadSeries", ownData.text, ownData.name);
        await send("create", engineSettings(after));
      } else if (rebuild) {
        await send("create", engineSettings(after));
      } else {
        for (const name of engineChanged) await send(LIVE_COMMANDS[name], after[name]);
      }
      if (changed.includes("targetEpochs")) await send("setStopEvery", after.targetEpochs);
      if (changed.includes("epochsPerFrame")) await send("setEpochsPerChunk", after.epochsPerFrame);
    } catch (error) {
      current = before;
      panel.show(current);
      showSeries();
      showBaselines();
      status.error(error instanceof Error ? error.message : String(error));
      return;
    }
    panel.show(current);
    speedSelect.value = String(current.epochsPerFrame);
    showBaselines();
    showSeries();
    showPresets();
    writeHash();
    if (after.compare !== "none" && after.compare === after.cell)
      status.info(t("compare.sameCell", { cell: t(`option.cell.${after.cell}`) }));
    else if (notice) status.info(notice);
    else if (rebuild || changed.includes("compare")) {
      const names = changed.map((name) => t(findSetting(name).label)).join(", ");
      status.info(t("status.reset", { settings: names }));
    } else if (changed.length === 1 && !QUIET_SETTINGS.has(changed[0])) {
      const setting = findSetting(changed[0]);
      const key = setting.optionLabel ? `${setting.optionLabel}.${after[setting.name]}` : null;
      status.info(
        t("status.live", {
          setting: t(setting.label),
          value: key ? t(key) : formatValue(setting, after[setting.name]),
          epoch: engine.latest()?.epoch ?? 0,
        }),
      );
    }
  }

  // --- explanations with the series' own months -------------------------------------------
  function writeExplanations(snapshot) {
    const months = snapshot.months;
    const testStart = snapshot.predictions.testStart;
    const words = {
      actual: EXAMPLE_SERIES.includes(current.series)
        ? t(`example.${current.series}.description`)
        : t("explain.actual.text"),
      oneStep: t("explain.oneStep.text"),
      test: t("explain.test.text", {
        from: months[testStart] ?? "–",
        to: months[months.length - 1] ?? "–",
      }),
      recursive: t("explain.recursive.text", {
        start: months[testStart] ?? "–",
        months: Math.max(0, months.length - testStart),
      }),
      loss: t("explain.loss.text", { epochs: current.targetEpochs }),
    };
    for (const element of root.querySelectorAll("[data-explain]")) {
      element.textContent = words[element.dataset.explain] ?? "";
    }
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
      ownData = data;
      current = { ...current, ...fromEngineSettings(settings), series: OWN_DATA };
      panel.show(current);
      showSeries();
      showPresets();
      writeHash();
    },
    // Imported weights bring their own shape and data settings.
    onImported(settings) {
      current = { ...current, ...fromEngineSettings(settings) };
      panel.show(current);
      showPresets();
      writeHash();
    },
  });
  const classroom = wireClassroom({
    root,
    actions: {
      ...actions,
      toggleLanguage: () => setPageLanguage(current.lang === "en" ? "zh" : "en"),
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
    const options = findSetting("epochsPerFrame").options;
    const index = options.indexOf(current.epochsPerFrame) + direction;
    if (index < 0 || index >= options.length) return;
    changeSettings({ epochsPerFrame: options[index] });
  }

  let explainedMonths = null;
  translatePage();
  writeHash();

  return {
    // The worker's status (why it stopped by itself) in words: { kind, message }.
    describeWorkerStatus(workerStatus) {
      if (workerStatus.kind === "divergence") {
        const lastGood = engine.latest()?.epoch ?? 0;
        return {
          kind: "error",
          message: describeDivergence(workerStatus.message, {
            learningRate: current.learningRate,
            lastGood,
          }),
        };
      }
      if (workerStatus.code === "stopped") {
        const message =
          workerStatus.epoch === current.targetEpochs
            ? t("status.reachedTarget", { target: current.targetEpochs })
            : t("status.paused", { epoch: workerStatus.epoch });
        return { kind: "info", message };
      }
      return {
        kind: workerStatus.kind === "error" ? "error" : "info",
        message: workerStatus.message,
      };
    },
    // Called with every snapshot: the summaries and the explanations that depend on the data.
    onSnapshot(snapshot) {
      access.onSnapshot(snapshot);
      if (snapshot.months !== explainedMonths) {
        explainedMonths = snapshot.months;
        writeExplanations(snapshot);
      }
    },
    values: () => ({ ...current }),
    io,
  };
}
