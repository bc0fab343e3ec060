// End-to-end tests of the words Rust draws on the canvases: in 中文 none of the English words
// of the gate, belt, gradient, cell and canvas strings reaches a canvas, and classroom mode
// draws every canvas label larger. An init script records each fillText/strokeText call (the
// string and the context's font) on the main thread, where the page draws all its canvases.
const { test, expect } = require("./fixtures");
const { PAINTED_MIN, canvasPixels, recordCanvasText, waitFrames } = require("./helpers");
const en = require("../www/strings/en.js");
const zh = require("../www/strings/zh.js");

const VIEWS = ["gates-canvas", "belt-canvas", "gradient-canvas", "cell-diagram"];
// Notation that stays as it is in both languages.
const NOTATION = new Set(["tanh", "sigma", "numel", "bias"]);

// The English words (3 letters or more) of the canvas and gate strings that a Chinese canvas
// must not show: not notation, and not a word the Chinese table uses itself (LSTM, GRU …).
function englishWords() {
  const zhText = Object.values(zh.default ?? zh).join(" ");
  const table = en.default ?? en;
  const words = new Set();
  for (const [key, value] of Object.entries(table)) {
    if (!key.startsWith("canvas.") && !key.startsWith("gate.")) continue;
    for (const word of value.match(/[A-Za-z]{3,}/g) ?? []) {
      if (!NOTATION.has(word.toLowerCase()) && !zhText.includes(word)) words.add(word);
    }
  }
  return words;
}

// Scrolls each view into sight until it is painted (the page draws only what is on screen).
async function showViews(page) {
  for (const id of VIEWS) {
    await expect
      .poll(async () => {
        await page.getByTestId(id).scrollIntoViewIfNeeded();
        await waitFrames(page, 4);
        return (await canvasPixels(page, id)).painted;
      })
      .toBeGreaterThan(PAINTED_MIN);
  }
}

async function drawnText(page) {
  return page.evaluate(() => window.__drawnText);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(recordCanvasText);
});

test("in 中文 no English word of the views reaches a canvas", async ({ page }) => {
  const english = englishWords();
  expect(english.size).toBeGreaterThan(20);
  await page.goto("./?lang=zh");
  await showViews(page);
  await page.getByTestId("belt-all-units").check();
  await showViews(page);
  const gates = page.getByTestId("gates-canvas");
  await gates.scrollIntoViewIfNeeded();
  const box = await gates.boundingBox();
  await gates.hover({ position: { x: box.width * 0.3, y: box.height * 0.3 } });
  await waitFrames(page, 4);
  const drawn = await drawnText(page);
  // The GRU's views (its memory view instead of the belt) too; the recording starts again.
  await page.goto("./?lang=zh&cell=gru");
  await showViews(page);
  drawn.push(...(await drawnText(page)));
  expect(drawn.length).toBeGreaterThan(100);
  expect(drawn.some(({ text }) => text.includes("单元"))).toBe(true);

  const leaks = [];
  for (const { text } of drawn) {
    for (const word of text.match(/[A-Za-z]{3,}/g) ?? []) {
      if (english.has(word)) leaks.push(`${word} in "${text}"`);
    }
  }
  expect(leaks).toEqual([]);
});

// An English canvas is English: the article's Chinese terms (遗忘门, 主线) are the 中文 page's
// words (Quantity::page_name_in in src/render/notation.rs), not glosses on the English one.
test("in English no Chinese character reaches a canvas", async ({ page }) => {
  await page.goto("./?lang=en");
  await showViews(page);
  const gates = page.getByTestId("gates-canvas");
  const box = await gates.boundingBox();
  await gates.hover({ position: { x: box.width * 0.3, y: box.height * 0.3 } });
  await waitFrames(page, 4);
  const drawn = await drawnText(page);
  expect(drawn.some(({ text }) => text.includes("forget gate"))).toBe(true);
  const han = drawn.filter(({ text }) => /[\u4e00-\u9fff]/.test(text)).map(({ text }) => text);
  expect(han).toEqual([]);
});

test("classroom mode draws every canvas label larger", async ({ page }) => {
  // The mean font size drawn on each view's canvas.
  const sizes = async () => {
    const drawn = await drawnText(page);
    const mean = {};
    for (const view of VIEWS) {
      const px = drawn
        .filter(({ canvas }) => canvas === view)
        .map(({ font }) => Number(/([\d.]+)px/.exec(font)?.[1] ?? 0))
        .filter((s) => s > 0);
      mean[view] = px.reduce((a, b) => a + b, 0) / px.length;
    }
    return mean;
  };
  await page.goto("./?classroom=0");
  await showViews(page);
  const plain = await sizes();

  await page.goto("./?classroom=1");
  await showViews(page);
  const large = await sizes();
  for (const view of VIEWS) {
    expect(plain[view], view).toBeGreaterThan(0);
    expect(large[view], view).toBeGreaterThan(plain[view] * 1.2);
  }
});
