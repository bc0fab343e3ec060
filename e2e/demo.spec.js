// End-to-end tests of the production bundle (dist/, served under /demo/ by
// scripts/serve-dist.mjs): what a person does on the page and what they see.
const { test, expect } = require("@playwright/test");

const FIRST_CHART_MS = 2000;
// Frames to wait to be sure nothing moves any more (about a third of a second at 60 Hz).
const QUIET_FRAMES = 20;
const PAINTED_MIN = 2000; // pixels that are not white on a drawn chart

// Collects console errors and uncaught exceptions of the page.
function collectErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

// Reads a canvas' pixels back: how many are painted (not white) and a hash of all of them.
async function readCanvas(page, testId) {
  return page.getByTestId(testId).evaluate((canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245) painted += 1;
      hash = Math.imul(hash ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16)), 16777619) >>> 0;
    }
    const box = canvas.getBoundingClientRect();
    return { painted, hash, width: canvas.width, height: canvas.height, cssWidth: box.width };
  });
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

async function epochOf(page) {
  return Number(await page.getByTestId("epoch").textContent());
}

// Opens the page and waits for the first chart.
async function open(page, query = "") {
  await page.goto(`./${query}`);
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect
    .poll(async () => (await readCanvas(page, "forecast-canvas")).painted)
    .toBeGreaterThan(PAINTED_MIN);
}

test("the page loads from the sub-path with no console error, no outside request, and a chart within 2 s", async ({
  page,
  baseURL,
}) => {
  const errors = collectErrors(page);
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  const wasmResponses = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith(".wasm")) wasmResponses.push(response);
  });

  const start = Date.now();
  await page.goto("./");
  await expect
    .poll(async () => (await readCanvas(page, "forecast-canvas")).painted, {
      timeout: FIRST_CHART_MS,
    })
    .toBeGreaterThan(PAINTED_MIN);
  expect(Date.now() - start).toBeLessThan(FIRST_CHART_MS);

  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("test-rmse")).toHaveText(/^\d+\.\d\d$/);
  expect((await readCanvas(page, "loss-canvas")).painted).toBeGreaterThan(PAINTED_MIN);
  await expect(page.getByTestId("status")).toContainText("Ready");

  const base = new URL(baseURL);
  for (const url of requests) {
    const parsed = new URL(url);
    if (parsed.protocol === "data:") continue;
    expect(parsed.origin, url).toBe(base.origin);
    expect(parsed.pathname.startsWith(base.pathname), url).toBe(true);
  }
  expect(wasmResponses).toHaveLength(1);
  expect(wasmResponses[0].status()).toBe(200);
  expect(wasmResponses[0].headers()["content-type"]).toBe("application/wasm");
  expect(errors).toEqual([]);
});

test("play makes the epoch rise and the RMSE change; pause stops it", async ({ page }) => {
  const errors = collectErrors(page);
  await open(page);
  const rmse = page.getByTestId("test-rmse");
  const untrained = await rmse.textContent();

  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Pause");
  await expect.poll(() => epochOf(page)).toBeGreaterThanOrEqual(5);
  await expect(rmse).not.toHaveText(untrained);
  await expect(rmse).toHaveText(/^\d+\.\d\d$/);

  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Play");
  const paused = await epochOf(page);
  await waitFrames(page);
  expect(await epochOf(page)).toBe(paused);
  expect(errors).toEqual([]);
});

test("step adds exactly one epoch, by button and by the right-arrow key", async ({ page }) => {
  await open(page);
  await page.getByTestId("step").click();
  await expect(page.getByTestId("epoch")).toHaveText("1");
  await expect(page.getByTestId("train-loss")).toHaveText(/^\d/);

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("epoch")).toHaveText("2");
  await waitFrames(page);
  await expect(page.getByTestId("epoch")).toHaveText("2");
});

test("the space bar toggles play, also when the play button has the focus", async ({ page }) => {
  await open(page);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(" ");
  await expect(page.getByTestId("play")).toHaveText("Pause");
  await expect.poll(() => epochOf(page)).toBeGreaterThanOrEqual(2);
  await page.keyboard.press(" ");
  await expect(page.getByTestId("play")).toHaveText("Play");

  await page.getByTestId("play").click(); // playing, with the focus on the button
  await expect(page.getByTestId("play")).toHaveText("Pause");
  await page.keyboard.press(" ");
  await expect(page.getByTestId("play")).toHaveText("Play");
  const paused = await epochOf(page);
  await waitFrames(page);
  expect(await epochOf(page)).toBe(paused);
});

test("reset returns to epoch 0 and the same seed replays the same losses and pictures", async ({
  page,
}) => {
  await open(page);
  const firstRun = [];
  for (let epoch = 1; epoch <= 3; epoch += 1) {
    await page.getByTestId("step").click();
    await expect(page.getByTestId("epoch")).toHaveText(String(epoch));
    firstRun.push({
      loss: await page.getByTestId("train-loss").textContent(),
      rmse: await page.getByTestId("test-rmse").textContent(),
      forecast: (await readCanvas(page, "forecast-canvas")).hash,
    });
  }
  expect(new Set(firstRun.map((r) => r.loss)).size).toBe(3);

  await page.getByTestId("reset").click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("train-loss")).toHaveText("–");

  for (let epoch = 1; epoch <= 3; epoch += 1) {
    await page.getByTestId("step").click();
    await expect(page.getByTestId("epoch")).toHaveText(String(epoch));
    const again = firstRun[epoch - 1];
    await expect(page.getByTestId("train-loss")).toHaveText(again.loss);
    await expect(page.getByTestId("test-rmse")).toHaveText(again.rmse);
    expect((await readCanvas(page, "forecast-canvas")).hash).toBe(again.forecast);
  }
});

test("the forecast and loss charts change from one epoch to the next", async ({ page }) => {
  await open(page);
  const forecast0 = await readCanvas(page, "forecast-canvas");
  const loss0 = await readCanvas(page, "loss-canvas");
  await page.getByTestId("step").click();
  await expect(page.getByTestId("epoch")).toHaveText("1");
  const forecast1 = await readCanvas(page, "forecast-canvas");
  await page.getByTestId("step").click();
  await expect(page.getByTestId("epoch")).toHaveText("2");
  const forecast2 = await readCanvas(page, "forecast-canvas");
  const loss2 = await readCanvas(page, "loss-canvas");

  expect(forecast1.hash).not.toBe(forecast0.hash);
  expect(forecast2.hash).not.toBe(forecast1.hash);
  expect(loss2.hash).not.toBe(loss0.hash);
  expect(forecast2.painted).toBeGreaterThan(PAINTED_MIN);
});

test("pointing at the forecast reads out the month under the pointer", async ({ page }) => {
  await open(page);
  const canvas = page.getByTestId("forecast-canvas");
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2);
  await expect(page.getByTestId("readout")).toHaveText(
    /^19(59|60)-\d\d: actual \d+ · one-step [\d.]+ · recursive/,
  );
  await page.mouse.move(box.x + 2, box.y + 2);
  await expect(page.getByTestId("readout")).toContainText("Point at the chart");
});

test("settings come from the URL, and a bad value is reported, not fatal", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("./?speed=5&hidden=abc&seed=7");
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("speed")).toHaveValue("5");
  await expect(page.getByTestId("status")).toContainText("?hidden=abc is not a number");
  await expect(page.getByTestId("model-summary")).toContainText("40 units");
  await expect(page.getByTestId("model-summary")).toContainText("seed 7");

  await page.getByTestId("play").click();
  await expect.poll(() => epochOf(page)).toBeGreaterThanOrEqual(10);
  await page.getByTestId("play").click();
  expect((await epochOf(page)) % 5).toBe(0); // five epochs per frame
  expect(errors).toEqual([]);
});

test.describe("on a high-DPI screen", () => {
  test.use({ deviceScaleFactor: 2 });

  test("the canvases are drawn at twice their CSS size", async ({ page }) => {
    await open(page);
    for (const id of ["forecast-canvas", "loss-canvas"]) {
      const canvas = await readCanvas(page, id);
      expect(Math.abs(canvas.width - 2 * canvas.cssWidth)).toBeLessThanOrEqual(1);
    }
  });
});

test("a trained page, kept as a screenshot", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  const errors = collectErrors(page);
  await open(page, "?speed=20");
  await page.getByTestId("play").click();
  await expect.poll(() => epochOf(page), { timeout: 45_000 }).toBeGreaterThanOrEqual(200);
  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Play");
  const canvas = await page.getByTestId("forecast-canvas").boundingBox();
  await page.mouse.move(canvas.x + canvas.width * 0.8, canvas.y + canvas.height * 0.5);
  await waitFrames(page, 3);
  const path = testInfo.outputPath("trained-page.png");
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach("trained page", { path, contentType: "image/png" });
  expect(errors).toEqual([]);
});

test("a diverging run stops with the engine's message on the page, and the page keeps working", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await open(page, "?opt=sgd&lr=10");
  await page.getByTestId("play").click();
  await expect(page.getByTestId("status")).toContainText("training diverged");
  await expect(page.getByTestId("play")).toHaveText("Play");
  const stopped = await epochOf(page);
  await waitFrames(page);
  expect(await epochOf(page)).toBe(stopped);
  expect((await readCanvas(page, "forecast-canvas")).painted).toBeGreaterThan(PAINTED_MIN);

  await page.getByTestId("reset").click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("status")).toHaveText("");
  expect(errors).toEqual([]);
});
