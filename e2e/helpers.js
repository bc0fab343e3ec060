// What the end-to-end specs share: console errors, reading a canvas back, waiting for frames,
// opening the page and stepping epochs.
const { expect } = require("@playwright/test");

const PAINTED_MIN = 2000; // pixels that are not white on a drawn chart or view
const QUIET_FRAMES = 20;

// Collects the page's console errors and uncaught exceptions into the returned array.
function collectErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

// Reads a canvas back: how many pixels are painted (drawn and not near-white), a hash of all
// of them, its backing-store size and its CSS width.
async function canvasPixels(page, testId) {
  return page.getByTestId(testId).evaluate((canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      const drawn = data[i + 3] > 0; // an undrawn canvas is transparent black
      if (drawn && (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245)) painted += 1;
      hash = Math.imul(hash ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16)), 16777619) >>> 0;
    }
    const box = canvas.getBoundingClientRect();
    return { painted, hash, width: canvas.width, height: canvas.height, cssWidth: box.width };
  });
}

// How many of a canvas' pixels are within `tolerance` of the colour [r, g, b] on each channel.
async function countColour(page, testId, [r, g, b], tolerance = 30) {
  return page.getByTestId(testId).evaluate(
    (canvas, { r, g, b, tolerance }) => {
      const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const near =
          Math.abs(data[i] - r) <= tolerance &&
          Math.abs(data[i + 1] - g) <= tolerance &&
          Math.abs(data[i + 2] - b) <= tolerance;
        if (near && data[i + 3] > 0) count += 1;
      }
      return count;
    },
    { r, g, b, tolerance },
  );
}

// Waits `frames` animation frames in the page.
async function waitFrames(page, frames = QUIET_FRAMES) {
  await page.evaluate(
    (n) =>
      new Promise((resolve) => {
        let left = n;
        const next = () => (--left <= 0 ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    frames,
  );
}

// Unfolds the settings (they start folded, below the views) so that their controls can be used.
async function openSettings(page) {
  const details = page.locator("details.settings");
  if (!(await details.evaluate((element) => element.open))) {
    await details.locator("summary").click();
  }
  await expect(page.getByTestId("setting-hidden")).toBeVisible();
}

// Opens the page with `hash` (English unless it says otherwise) as a fresh load, also when only
// the hash differs from the last one, waits for the first chart and the settings panel, and
// unfolds the settings for the specs that use them.
async function openPage(page, hash = "") {
  await page.goto("about:blank");
  await page.goto(`./${hash}`);
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("setting-hidden")).toBeAttached();
  await expect
    .poll(async () => (await canvasPixels(page, "forecast-canvas")).painted)
    .toBeGreaterThan(PAINTED_MIN);
  await openSettings(page);
}

// Trains exactly `n` epochs with the Step button (the worker's step command), lets the page
// draw them, and returns the train loss shown.
async function stepEpochs(page, n) {
  const start = Number(await page.getByTestId("epoch").textContent());
  for (let i = 1; i <= n; i += 1) {
    await page.getByTestId("step").click();
    await expect(page.getByTestId("epoch")).toHaveText(String(start + i));
  }
  await waitFrames(page, 3);
  return page.getByTestId("train-loss").textContent();
}

// An init script (page.addInitScript(recordCanvasText)) that wraps the 2D context's text calls
// so that the page's drawing is recorded in window.__drawnText as { text, font, canvas, x, y }
// (canvas: the canvas' data-testid; x, y in backing pixels).
function recordCanvasText() {
  window.__drawnText = [];
  for (const proto of [
    globalThis.CanvasRenderingContext2D?.prototype,
    globalThis.OffscreenCanvasRenderingContext2D?.prototype,
  ]) {
    if (!proto) continue;
    for (const name of ["fillText", "strokeText"]) {
      const original = proto[name];
      proto[name] = function (text, x, y, ...rest) {
        window.__drawnText.push({
          text: String(text),
          font: this.font,
          canvas: this.canvas?.dataset?.testid ?? "",
          x,
          y,
        });
        return original.call(this, text, x, y, ...rest);
      };
    }
  }
}

module.exports = {
  recordCanvasText,
  PAINTED_MIN,
  QUIET_FRAMES,
  collectErrors,
  canvasPixels,
  countColour,
  waitFrames,
  openPage,
  openSettings,
  stepEpochs,
};
