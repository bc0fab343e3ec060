// What goes in and out of the page: own data (a pasted or chosen CSV, previewed and then
// trained on), the charts as PNG, the predictions as CSV, the weights as the engine's
// PyTorch-compatible JSON and back, and the link that reproduces the run.
//
// A file the engine refuses changes nothing: the series, the charts and the run stay as they
// were, and the message (naming the line of a CSV) is shown where the file was given.

import { t, getLanguage } from "./i18n.js";
import {
  readCsvFile,
  checkCsvText,
  previewSeries,
  describePreview,
  describeCsvError,
  formatPredictionsCsv,
} from "./csv.js";
import { byTestId } from "./dom.js";
import { formatNumber } from "./format.js";
import { describeError } from "./status.js";

// How long the paste area waits after the last key before it previews.
const PREVIEW_DELAY_MS = 300;
// The name given to pasted data.
const PASTED_NAME = "pasted data";

// Offers `blob` as a download called `filename`.
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The canvas as a PNG Blob (a Promise).
function canvasPng(canvas) {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the canvas is empty"))),
      "image/png",
    ),
  );
}

// wireIo({ root, engine, send, status, charts, elements, onOwnData, onImported }) wires the
// data and the save-and-share sections.
export function wireIo({ root, engine, send, status, charts, elements, onOwnData, onImported }) {
  const pasteArea = byTestId(root, "csv-input");
  const fileInput = byTestId(root, "csv-file");
  const csvError = byTestId(root, "csv-error");
  const preview = byTestId(root, "csv-preview");
  let pending = { text: "", name: PASTED_NAME };
  let previewTimer = 0;

  function showCsvError(message) {
    csvError.textContent = message;
    csvError.hidden = message === "";
    pasteArea.setAttribute("aria-invalid", String(message !== ""));
  }

  // Parses the text on the main thread for the preview; returns the series or null (with the
  // error shown; `loading`: the person asked to train on it, so say that nothing changed).
  function showPreview(text, name, loading = false) {
    preview.replaceChildren();
    try {
      checkCsvText(text, getLanguage());
      const series = charts.parseSeries(text, name);
      showCsvError("");
      preview.append(previewTable(previewSeries(series)));
      return series;
    } catch (error) {
      const message = describeCsvError(error, getLanguage());
      showCsvError(loading ? `${message} ${t("csv.rejected")}` : message);
      return null;
    }
  }

  pasteArea.addEventListener("input", () => {
    pending = { text: pasteArea.value, name: PASTED_NAME };
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      if (pasteArea.value.trim() !== "") showPreview(pasteArea.value, PASTED_NAME);
      else showCsvError("");
    }, PREVIEW_DELAY_MS);
  });

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    clearTimeout(previewTimer);
    if (!file) return;
    try {
      const text = await readCsvFile(file, getLanguage());
      pending = { text, name: file.name.replace(/\.(csv|txt)$/i, "") };
      pasteArea.value = text;
      if (showPreview(pending.text, pending.name, true)) await trainOn(pending);
    } catch (error) {
      showCsvError(`${describeError(error)} ${t("csv.rejected")}`);
    }
  });

  byTestId(root, "csv-load").addEventListener("click", () => {
    clearTimeout(previewTimer);
    pending = { ...pending, text: pasteArea.value };
    if (showPreview(pending.text, pending.name, true)) trainOn(pending);
  });

  // Hands the data to the engine, which checks it against the settings (window, transform).
  async function trainOn(data) {
    try {
      const reply = await send("loadSeries", data.text, data.name);
      showCsvError("");
      onOwnData(data, engine.latest()?.settings ?? {});
      status.info(t("data.loaded", { name: reply.seriesName, count: reply.months }));
    } catch (error) {
      showCsvError(`${describeCsvError(error, getLanguage())} ${t("csv.rejected")}`);
    }
  }

  // --- downloads -----------------------------------------------------------------------------
  const epoch = () => engine.latest()?.epoch ?? 0;
  byTestId(root, "export-forecast-png").addEventListener("click", () =>
    savePng(elements.forecastCanvas, "forecast"),
  );
  byTestId(root, "export-loss-png").addEventListener("click", () =>
    savePng(elements.lossCanvas, "loss"),
  );

  async function savePng(canvas, name) {
    try {
      download(await canvasPng(canvas), `${name}-epoch-${epoch()}.png`);
    } catch (error) {
      status.error(describeError(error));
    }
  }

  byTestId(root, "export-predictions").addEventListener("click", () => {
    const snapshot = engine.latest();
    if (!snapshot) return;
    const csv = formatPredictionsCsv({
      months: snapshot.months,
      ...snapshot.predictions,
      baselines: snapshot.baselines,
    });
    download(new Blob([csv], { type: "text/csv" }), `predictions-epoch-${snapshot.epoch}.csv`);
  });

  byTestId(root, "export-weights").addEventListener("click", async () => {
    try {
      const json = await send("exportWeights");
      download(new Blob([json], { type: "application/json" }), `weights-epoch-${epoch()}.json`);
    } catch (error) {
      status.error(describeError(error));
    }
  });

  const importInput = byTestId(root, "import-weights");
  importInput.addEventListener("change", async () => {
    const file = importInput.files?.[0];
    importInput.value = "";
    if (!file) return;
    try {
      const reply = await send("importWeights", await file.text());
      const s = reply.settings;
      onImported(s);
      status.info(
        t("import.loaded", {
          file: file.name,
          layers: s.layers,
          hidden: s.hidden,
          window: s.window,
        }),
      );
    } catch (error) {
      status.error(t("import.rejected", { file: file.name, error: describeError(error) }));
    }
  });

  // --- the link ------------------------------------------------------------------------------
  const linkField = byTestId(root, "link-field");
  byTestId(root, "copy-link").addEventListener("click", async () => {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      linkField.hidden = true;
      status.info(t("copyLink.done"));
    } catch {
      // No clipboard (an insecure page, a refused permission): the link, selected, to copy.
      linkField.value = url;
      linkField.hidden = false;
      linkField.focus();
      linkField.select();
      status.info(t("copyLink.manual", { url }));
    }
  });

  return { download };
}

// The preview as a small table: the summary line as its caption, the first and last rows.
function previewTable(summary) {
  const table = document.createElement("table");
  const caption = table.createCaption();
  caption.textContent = describePreview(summary, getLanguage());
  const head = table.createTHead().insertRow();
  for (const key of ["data.preview.month", "data.preview.value"]) {
    const th = document.createElement("th");
    th.textContent = t(key);
    head.append(th);
  }
  const body = table.createTBody();
  const addRow = ({ month, value }) => {
    const row = body.insertRow();
    row.insertCell().textContent = month;
    row.insertCell().textContent = formatNumber(value);
  };
  summary.head.forEach(addRow);
  if (summary.hidden > 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 2;
    cell.className = "gap";
    cell.textContent = t("data.preview.gap", { count: summary.hidden });
  }
  summary.tail.forEach(addRow);
  return table;
}
