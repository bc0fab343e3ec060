// The epoch scrubber: look back through training at the epochs whose weights the worker keeps
// (snapshotEpochs, log-spaced under a memory cap). The forecast, the gate views and the
// numbers then show that epoch; the loss chart keeps the whole history.
//
// Scrubbing pauses training, so that what is on screen holds still while the learner looks;
// "Back to live" (or Play, or the slider's right end) returns to the live model, and training
// goes on from the live weights, never from the epoch looked at.

import { t } from "./i18n.js";

// The slider position of `snapshot`: the index of the epoch looked at among the kept epochs,
// or one past the last (the live end) when live.
export function scrubberIndex(epochs, viewingEpoch) {
  if (viewingEpoch === null || viewingEpoch === undefined) return epochs.length;
  const index = epochs.indexOf(viewingEpoch);
  return index < 0 ? epochs.length : index;
}

// createScrubber({ slider, label, liveButton, container, run }) returns { update(snapshot) }.
export function createScrubber({ slider, label, liveButton, container, run }) {
  let latest = null;
  let wasPlaying = false;
  let dragging = false;
  let labelKey = "";

  function goLive() {
    run("viewEpoch", null);
  }

  slider.addEventListener("input", () => {
    if (latest === null) return;
    const epochs = Array.from(latest.snapshotEpochs);
    const index = Number(slider.value);
    if (index >= epochs.length) {
      goLive();
      return;
    }
    if (latest.playing) run("pause");
    run("viewEpoch", epochs[index]);
  });
  slider.addEventListener("pointerdown", () => (dragging = true));
  slider.addEventListener("pointerup", () => (dragging = false));
  liveButton.addEventListener("click", goLive);

  function writeLabel(snapshot) {
    const viewing = snapshot.viewingEpoch;
    let text;
    if (viewing === null) {
      text =
        snapshot.snapshotEpochs.length === 0
          ? t("gate.epoch.none")
          : t("gate.epoch.live", { epoch: snapshot.epoch, kept: snapshot.snapshotEpochs.length });
    } else if (viewing === 0) {
      text = t("gate.epoch.viewingStart", { live: snapshot.epoch });
    } else {
      const train = snapshot.history.train[viewing - 1];
      const test = snapshot.history.test[viewing - 1];
      text = t("gate.epoch.viewing", {
        epoch: viewing,
        live: snapshot.epoch,
        train: Number.isFinite(train) ? train.toPrecision(4) : "–",
        test: Number.isFinite(test) ? test.toPrecision(4) : "–",
      });
    }
    // The kept epochs hold one network's weights: with an ensemble, its first member.
    if (viewing !== null && snapshot.settings?.ensemble > 1)
      text = t("gate.epoch.firstMember", { text, count: snapshot.settings.ensemble });
    if (text === labelKey) return;
    labelKey = text;
    label.textContent = text;
    slider.setAttribute("aria-valuetext", text);
  }

  return {
    update(snapshot) {
      latest = snapshot;
      // Play while looking back means "train on": back to the live model.
      if (snapshot.playing && !wasPlaying && snapshot.viewingEpoch !== null) goLive();
      wasPlaying = snapshot.playing;
      const epochs = Array.from(snapshot.snapshotEpochs);
      const max = String(epochs.length);
      if (slider.max !== max) slider.max = max;
      const value = String(scrubberIndex(epochs, snapshot.viewingEpoch));
      if (!dragging && slider.value !== value) slider.value = value;
      if (slider.disabled !== (epochs.length === 0)) slider.disabled = epochs.length === 0;
      const viewing = snapshot.viewingEpoch !== null;
      if (liveButton.hidden === viewing) liveButton.hidden = !viewing;
      container.classList.toggle("viewing", viewing);
      writeLabel(snapshot);
    },
  };
}
