// Own data, the JavaScript half: reading a pasted text or a chosen file, and formatting what
// the engine made of it. The parsing and every check stay in Rust (Series::parse_csv and
// Dataset::prepare in src/data.rs, reached through the engine); this module only turns their
// results and errors into words, and writes the predictions CSV for download.
//
// Importing this module touches no DOM: Node's test runner imports it as it is.

import { translate, hasString, DEFAULT_LANGUAGE } from "./i18n.js";
import { formatNumber } from "./format.js";

// Re-exported for the modules that still import it from here (www/gates.js).
export { formatNumber };

// The largest file read: a monthly series of a thousand years is about 12 000 lines, < 200 kB.
export const MAX_CSV_BYTES = 1_000_000;
// Rows shown at each end of the preview.
export const PREVIEW_ROWS = 3;
// The engine's CSV errors start with the 1-based line: "line 7: \"abc\" is not a number".
const LINE_ERROR = /^line (\d+): ([\s\S]*)$/;

// The text of a File (or Blob) as a Promise; refuses an empty or too large file with an Error
// whose message is a sentence in `lang`. Nothing is parsed here.
export async function readCsvFile(file, lang = DEFAULT_LANGUAGE) {
  if (file.size > MAX_CSV_BYTES) {
    throw new Error(translate(lang, "csv.tooLarge", { size: file.size, limit: MAX_CSV_BYTES }));
  }
  let text;
  try {
    text = await file.text();
  } catch (error) {
    throw new Error(translate(lang, "csv.readFailed", { error: error?.message ?? String(error) }));
  }
  return checkCsvText(text, lang);
}

// Pasted (or read) text, refused with an Error when it holds nothing but spaces.
export function checkCsvText(text, lang = DEFAULT_LANGUAGE) {
  if (typeof text !== "string" || text.trim() === "") {
    throw new Error(translate(lang, "csv.empty"));
  }
  return text;
}

// The preview of a parsed series { months: ["1949-01", …], values: [112, …] }: its length,
// first and last months, smallest and largest values and the rows at both ends
// ({ month, value }), with `hidden` rows left out between them. Never reports NaN: a series
// the engine accepted holds only finite values, and an empty one gives count 0 and no min/max.
export function previewSeries(series, rows = PREVIEW_ROWS) {
  const count = Math.min(series.months.length, series.values.length);
  const row = (i) => ({ month: series.months[i], value: series.values[i] });
  const indices = [...Array(count).keys()];
  const shownAll = count <= 2 * rows;
  let min;
  let max;
  for (let i = 0; i < count; i += 1) {
    const value = series.values[i];
    if (!Number.isFinite(value)) continue;
    if (min === undefined || value < min) min = value;
    if (max === undefined || value > max) max = value;
  }
  return {
    count,
    first: count > 0 ? series.months[0] : undefined,
    last: count > 0 ? series.months[count - 1] : undefined,
    min,
    max,
    head: (shownAll ? indices : indices.slice(0, rows)).map(row),
    tail: shownAll ? [] : indices.slice(count - rows).map(row),
    hidden: shownAll ? 0 : count - 2 * rows,
  };
}

// One line that sums up a preview: "144 months from 1949-01 to 1960-12; smallest 104, largest 622."
export function describePreview(preview, lang = DEFAULT_LANGUAGE) {
  return translate(lang, "data.preview.summary", {
    count: preview.count,
    first: preview.first,
    last: preview.last,
    min: formatNumber(preview.min),
    max: formatNumber(preview.max),
  });
}

// Splits an engine error into its line and the rest: { line: 7, detail: "…" }, or
// { line: undefined, detail: message } when it names no line (e.g. "the file has no data").
export function splitLineError(message) {
  const match = LINE_ERROR.exec(String(message));
  if (!match) return { line: undefined, detail: String(message) };
  return { line: Number(match[1]), detail: match[2] };
}

// An engine error about own data as the sentence shown under the text box, in `lang`:
// "Line 7: "abc" is not a number" / "第 7 行：…". An error with a code (src/web.rs) is said by
// its string `error.<code>`; a bare message by its line. (A detail comes from Rust, in English.)
export function describeCsvError(error, lang = DEFAULT_LANGUAGE) {
  if (typeof error?.code === "string" && hasString(`error.${error.code}`)) {
    return translate(lang, `error.${error.code}`, error.params ?? {});
  }
  const message = typeof error?.message === "string" ? error.message : error;
  const { line, detail } = splitLineError(message);
  return line === undefined
    ? translate(lang, "csv.error", { detail })
    : translate(lang, "csv.lineError", { line, detail });
}

// The baselines' columns, in the command line's order (src/baselines.rs BaselineKind::ALL).
const BASELINE_COLUMNS = ["seasonal_naive", "ar12_log", "holt_winters"];

// The predictions as CSV, in the command line's format: a header
// `month,actual,one_step,recursive,seasonal_naive,ar12_log,holt_winters` and one line per month;
// an empty cell where there is no number (NaN, ±Infinity, missing, a baseline the series cannot
// fit), so the file never holds "NaN". `baselines` is the engine's `{ ids, oneStep }` (oneStep:
// ids.length × months, one baseline after another), or absent.
export function formatPredictionsCsv({ months, actual, oneStep, recursive, baselines }) {
  const n = months.length;
  const baseline = BASELINE_COLUMNS.map((id) => {
    const k = baselines?.ids?.indexOf(id) ?? -1;
    return (i) => (k < 0 ? undefined : baselines.oneStep?.[k * n + i]);
  });
  const lines = [["month,actual,one_step,recursive", ...BASELINE_COLUMNS].join(",")];
  for (let i = 0; i < n; i += 1) {
    const cells = [months[i], cell(actual?.[i]), cell(oneStep?.[i]), cell(recursive?.[i])];
    lines.push([...cells, ...baseline.map((value) => cell(value(i)))].join(","));
  }
  return `${lines.join("\n")}\n`;
}

function cell(value) {
  return Number.isFinite(value) ? String(value) : "";
}
