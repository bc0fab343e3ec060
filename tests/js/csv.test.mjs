// Own data, the JavaScript half (www/csv.js): reading text and files, the preview, the error
// framing with its line number, and the predictions CSV — which never holds "NaN". The parser
// itself is Rust's (Series::parse_csv, with its own property tests in src/data.rs).

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  MAX_CSV_BYTES,
  readCsvFile,
  checkCsvText,
  previewSeries,
  describePreview,
  splitLineError,
  describeCsvError,
  formatPredictionsCsv,
  formatNumber,
} from "../../www/csv.js";
import { createRandom } from "./random.mjs";

// n consecutive months from 1949-01, as the engine reports them.
function months(n) {
  return Array.from({ length: n }, (_, i) => {
    const year = 1949 + Math.floor(i / 12);
    return `${year}-${String((i % 12) + 1).padStart(2, "0")}`;
  });
}

test("the preview of a long series: count, ends, extremes and three rows at each end", () => {
  const values = Array.from({ length: 144 }, (_, i) => 100 + ((i * 37) % 500));
  values[77] = 622;
  values[5] = 104;
  const preview = previewSeries({ months: months(144), values });
  assert.equal(preview.count, 144);
  assert.equal(preview.first, "1949-01");
  assert.equal(preview.last, "1960-12");
  assert.equal(preview.min, 100);
  assert.equal(preview.max, 622);
  assert.deepEqual(
    preview.head.map((row) => row.month),
    ["1949-01", "1949-02", "1949-03"],
  );
  assert.deepEqual(
    preview.tail.map((row) => row.month),
    ["1960-10", "1960-11", "1960-12"],
  );
  assert.equal(preview.hidden, 138);
  assert.equal(preview.head[1].value, values[1]);
  assert.equal(
    describePreview(preview, "en"),
    "144 months from 1949-01 to 1960-12; smallest 100, largest 622.",
  );
  assert.equal(
    describePreview(preview, "zh"),
    "144 个月，从 1949-01 到 1960-12；最小 100，最大 622。",
  );
});

test("a short series is shown whole, and an empty one has no extremes", () => {
  const short = previewSeries({ months: months(5), values: [3, 1, 4, 1, 5] });
  assert.equal(short.head.length, 5);
  assert.deepEqual(short.tail, []);
  assert.equal(short.hidden, 0);
  assert.deepEqual([short.min, short.max], [1, 5]);
  const six = previewSeries({ months: months(6), values: [1, 2, 3, 4, 5, 6] });
  assert.deepEqual([six.head.length, six.tail.length, six.hidden], [6, 0, 0]);
  const seven = previewSeries({ months: months(7), values: [1, 2, 3, 4, 5, 6, 7] });
  assert.deepEqual([seven.head.length, seven.tail.length, seven.hidden], [3, 3, 1]);
  const empty = previewSeries({ months: [], values: [] });
  assert.equal(empty.count, 0);
  assert.equal(empty.min, undefined);
  assert.equal(empty.first, undefined);
  assert.doesNotMatch(describePreview(empty), /NaN|undefined/);
});

test("an engine error names its line, and the sentence keeps it in both languages", () => {
  const message = 'line 7: "abc" is not a number';
  assert.deepEqual(splitLineError(message), { line: 7, detail: '"abc" is not a number' });
  assert.equal(describeCsvError(message, "en"), 'Line 7: "abc" is not a number');
  assert.equal(describeCsvError(message, "zh"), '第 7 行："abc" is not a number');
  const noLine = "the file has no data: it is empty or holds only a header.";
  assert.deepEqual(splitLineError(noLine), { line: undefined, detail: noLine });
  assert.equal(describeCsvError(noLine, "en"), noLine);
  // A message that merely mentions a line later on is not a line error.
  assert.equal(splitLineError("see line 3: nothing").line, undefined);
});

test("fuzz: any text as an engine error gives a sentence without throwing", () => {
  const random = createRandom(99);
  const alphabet = 'line 0123456789:"\n\t ,;abcé中-';
  for (let run = 0; run < 2000; run += 1) {
    const length = random.int(0, 30);
    let text = random.next() < 0.3 ? "line " : "";
    for (let i = 0; i < length; i += 1) text += random.pick([...alphabet]);
    const { line, detail } = splitLineError(text);
    assert.ok(line === undefined || Number.isInteger(line), text);
    assert.equal(typeof detail, "string");
    assert.equal(typeof describeCsvError(text, random.pick(["en", "zh"])), "string");
  }
});

test("pasted text must hold something", () => {
  assert.equal(checkCsvText("1949-01,112\n"), "1949-01,112\n");
  for (const empty of ["", "   \n\t", undefined, null, 42]) {
    assert.throws(() => checkCsvText(empty), /nothing to read/, String(empty));
  }
  assert.throws(() => checkCsvText("", "zh"), /没有可读的内容/);
});

test("a file is read as text; an empty or a too large one is refused", async () => {
  const file = new Blob(["month,value\n1949-01,112\n"]);
  assert.equal(await readCsvFile(file), "month,value\n1949-01,112\n");
  await assert.rejects(readCsvFile(new Blob([""])), /nothing to read/);
  const huge = { size: MAX_CSV_BYTES + 1, text: async () => "never read" };
  await assert.rejects(readCsvFile(huge), /1000001 bytes; files up to 1000000 bytes/);
  const broken = { size: 10, text: async () => Promise.reject(new Error("disk on fire")) };
  await assert.rejects(readCsvFile(broken, "zh"), /无法读取文件：disk on fire/);
});

test("the predictions CSV has the command line's header and empty cells, never NaN", () => {
  const csv = formatPredictionsCsv({
    months: ["1949-01", "1949-02", "1949-03"],
    actual: [112, 118, 132],
    oneStep: [NaN, 117.5, 130.25],
    recursive: [NaN, Infinity, 131],
  });
  assert.equal(
    csv,
    "month,actual,one_step,recursive,seasonal_naive,ar12_log,holt_winters\n" +
      "1949-01,112,,,,,\n1949-02,118,117.5,,,,\n1949-03,132,130.25,131,,,\n",
  );
});

test("the predictions CSV puts each baseline in its own column, wherever the engine lists it", () => {
  const csv = formatPredictionsCsv({
    months: ["1949-01", "1949-02"],
    actual: [112, 118],
    oneStep: [NaN, 117.5],
    recursive: [NaN, NaN],
    // Holt–Winters could not be fitted here: its column stays empty.
    baselines: { ids: ["ar12_log", "seasonal_naive"], oneStep: Float64Array.from([1, 2, 3, NaN]) },
  });
  assert.equal(csv.split("\n")[1], "1949-01,112,,,3,1,");
  assert.equal(csv.split("\n")[2], "1949-02,118,117.5,,,2,");
});

test("fuzz: whatever the numbers, the predictions CSV has one line per month and no NaN", () => {
  const random = createRandom(5);
  const specials = [NaN, Infinity, -Infinity, undefined, null, 0, -0, 1e-300, 1e300];
  for (let run = 0; run < 300; run += 1) {
    const n = random.int(0, 40);
    const column = () =>
      Array.from({ length: n }, () =>
        random.next() < 0.3 ? random.pick(specials) : (random.next() - 0.5) * 1000,
      );
    const csv = formatPredictionsCsv({
      months: months(n),
      actual: column(),
      oneStep: column(),
      recursive: random.next() < 0.1 ? undefined : column(),
    });
    const lines = csv.trimEnd().split("\n");
    assert.equal(lines.length, n + 1);
    assert.ok(lines.every((line) => line.split(",").length === 7));
    assert.doesNotMatch(csv, /NaN|Infinity|undefined|null/);
  }
});

test("numbers for people: at most four decimals, a dash for none", () => {
  assert.equal(formatNumber(104), "104");
  assert.equal(formatNumber(0.123456), "0.1235");
  assert.equal(formatNumber(337.05), "337.05");
  assert.equal(formatNumber(NaN), "–");
  assert.equal(formatNumber(undefined), "–");
});
