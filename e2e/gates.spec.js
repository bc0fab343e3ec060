// End-to-end tests of the gate views (issue 4) on the production bundle: choosing a window,
// scrubbing back through the epochs, the equations of the cell diagram, the conveyor belt's
// own step control. Each test keeps screenshots of the views it looks at in test-results/.
const { test, expect } = require("./fixtures");
const { PAINTED_MIN, collectErrors, canvasPixels, waitFrames } = require("./helpers");

// Frames a view scrolled into sight needs to be drawn (the visibility callback, then a frame).
const CATCH_UP_FRAMES = 4;
const VIEWS = ["gates-canvas", "belt-canvas", "gradient-canvas", "cell-diagram"];
// "= σ(0.83) = 0.70": a gate's pre-activation and value, written out with numbers.
const GATE_NUMBERS = /= σ\(−?-?\d+\.\d+\) = \d\.\d+/;

// How many of a canvas' pixels are painted (not white), and a hash of all of them.
// The canvas is scrolled into sight first, and given a few frames to catch up: the page draws
// only the views on screen.
async function readCanvas(page, testId) {
  const canvas = page.getByTestId(testId);
  await canvas.scrollIntoViewIfNeeded();
  await waitFrames(page, CATCH_UP_FRAMES);
  return canvasPixels(page, testId);
}

// Opens the page and waits until every gate view is drawn.
async function open(page, query = "") {
  await page.goto(`./${query}`);
  for (const id of VIEWS) {
    await expect
      .poll(async () => (await readCanvas(page, id)).painted)
      .toBeGreaterThan(PAINTED_MIN);
  }
  await expect(page.getByTestId("window-label")).toContainText("training window");
}

// Keeps a screenshot of each gate view (and the gate section whole) in test-results/.
async function keepScreenshots(page, testInfo, prefix) {
  for (const id of [...VIEWS, "equation", "param-count"]) {
    await page.getByTestId(id).screenshot({ path: testInfo.outputPath(`${prefix}-${id}.png`) });
  }
  await page
    .locator("#gates-section")
    .screenshot({ path: testInfo.outputPath(`${prefix}-section.png`) });
}

test("the gate views start on the last training window and draw; the parameter count is shown", async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await open(page);
  const picker = page.getByTestId("window-picker");
  // The window after the last training window is the first test window.
  const row = Number(await picker.inputValue());
  await picker.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("window-label")).toContainText("test window");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("window-label")).toContainText("training window");
  expect(Number(await picker.inputValue())).toBe(row);

  await expect(page.getByTestId("param-count-value")).toHaveText("6761");
  await expect(page.getByTestId("param-count")).toContainText("(h·(h+x)+h)·4");
  // The default window: 24 months, 24 time steps, the last one chosen.
  await expect(page.getByTestId("belt-canvas")).toHaveAttribute("data-step", "24");
  await keepScreenshots(page, testInfo, "desktop");
  expect(errors).toEqual([]);
});

test("choosing another window changes the heatmap pixels and the marked window", async ({
  page,
}) => {
  await open(page);
  const before = await readCanvas(page, "gates-canvas");
  const label = await page.getByTestId("window-label").textContent();

  const picker = page.getByTestId("window-picker");
  await picker.focus();
  for (let i = 0; i < 6; i += 1) await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("window-label")).not.toHaveText(label);
  await expect
    .poll(async () => (await readCanvas(page, "gates-canvas")).hash)
    .not.toBe(before.hash);

  // A click on a month of the forecast chart picks the window that predicts it.
  const canvas = page.getByTestId("forecast-canvas");
  const box = await canvas.boundingBox();
  await canvas.click({ position: { x: box.width * 0.3, y: box.height / 2 } });
  await expect.poll(async () => Number(await picker.inputValue())).toBeLessThan(60);
  await expect(page.getByTestId("window-mark")).toBeVisible();
});

test("scrubbing to an early epoch shows another forecast, then back to live", async ({
  page,
}, testInfo) => {
  // Waits for training progress, not for a speed: on a loaded machine 60 epochs take long.
  test.setTimeout(240_000);
  await open(page);
  await page.getByTestId("play").click();
  await expect
    .poll(async () => Number(await page.getByTestId("epoch").textContent()), {
      timeout: 150_000,
    })
    .toBeGreaterThanOrEqual(60);
  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Play");
  await waitFrames(page);
  const live = await readCanvas(page, "forecast-canvas");
  const liveGates = await readCanvas(page, "gates-canvas");

  const scrubber = page.getByTestId("epoch-scrubber");
  await scrubber.focus();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("epoch-label")).toContainText(/Viewing epoch \d+/);
  // The kept epochs hold one network: with the default ensemble, its first member.
  await expect(page.getByTestId("epoch-label")).toContainText("the first of the 5 networks");
  await expect(page.getByTestId("epoch-live")).toBeVisible();
  await expect
    .poll(async () => (await readCanvas(page, "forecast-canvas")).hash)
    .not.toBe(live.hash);
  await expect
    .poll(async () => (await readCanvas(page, "gates-canvas")).hash)
    .not.toBe(liveGates.hash);
  await page
    .locator("#gates-section")
    .screenshot({ path: testInfo.outputPath("scrubbed-section.png") });
  await page
    .getByTestId("forecast-canvas")
    .screenshot({ path: testInfo.outputPath("scrubbed-forecast.png") });

  await page.getByTestId("epoch-live").click();
  await expect(page.getByTestId("epoch-live")).toBeHidden();
  await expect(page.getByTestId("epoch-label")).toContainText("Live");
  await expect.poll(async () => (await readCanvas(page, "forecast-canvas")).hash).toBe(live.hash);
});

// The half-range a view was last drawn on (its data-c-scale), once it is on screen and drawn.
async function drawnScale(page, testId) {
  await readCanvas(page, testId);
  return Number(await page.getByTestId(testId).getAttribute("data-c-scale"));
}

test("the fixed colour scale holds across the kept epochs; without it the scale follows the epoch", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await open(page);
  await page.getByTestId("play").click();
  // Enough epochs for the trained network's c_t to outgrow the untrained one's.
  await expect
    .poll(async () => Number(await page.getByTestId("epoch").textContent()), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(30);
  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Play");
  const scrubber = page.getByTestId("epoch-scrubber");
  const label = page.getByTestId("epoch-label");
  // The first kept epoch (epoch 0, the untrained network) and the last one before live.
  const toFirst = async () => {
    await scrubber.focus();
    await page.keyboard.press("Home");
    await expect(label).toContainText("epoch 0");
  };
  const toLast = async () => {
    await scrubber.focus();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await expect(label).toContainText(/Viewing epoch [1-9]\d*/);
  };

  // Off: each epoch is drawn on its own scale, and the untrained network's is another.
  await toLast();
  const lateBelt = await drawnScale(page, "belt-canvas");
  await toFirst();
  await expect.poll(() => drawnScale(page, "belt-canvas")).not.toBe(lateBelt);
  const earlyBelt = await drawnScale(page, "belt-canvas");
  expect(earlyBelt).toBeGreaterThan(0);

  // On: the heatmaps and the belt share one scale, the same at both ends of training, and it
  // holds what either end reaches.
  await page.getByTestId("fixed-scale").check();
  await expect.poll(() => drawnScale(page, "belt-canvas")).not.toBe(earlyBelt);
  const fixed = await drawnScale(page, "belt-canvas");
  expect(await drawnScale(page, "gates-canvas")).toBe(fixed);
  expect(fixed).toBeGreaterThanOrEqual(Math.max(earlyBelt, lateBelt));
  await page
    .getByTestId("belt-canvas")
    .screenshot({ path: testInfo.outputPath("fixed-early.png") });
  await toLast();
  await waitFrames(page, CATCH_UP_FRAMES);
  expect(await drawnScale(page, "belt-canvas")).toBe(fixed);
  expect(await drawnScale(page, "gates-canvas")).toBe(fixed);
  await page.getByTestId("belt-canvas").screenshot({ path: testInfo.outputPath("fixed-late.png") });

  // Off again: the last kept epoch's own scale comes back.
  await page.getByTestId("fixed-scale").uncheck();
  await expect.poll(() => drawnScale(page, "belt-canvas")).toBe(lateBelt);
});

test("hovering or focusing a gate shows its equation with numbers", async ({ page }, testInfo) => {
  await open(page);
  const equation = page.getByTestId("equation");
  await page.locator('[data-testid="cell-parts"] [data-part="f"]').hover();
  await expect(equation).toContainText("f_t = σ(W_f·[h_{t−1}, x_t] + b_f)");
  await expect(equation).toContainText(GATE_NUMBERS);
  await expect(equation).toContainText("[d+h, h]");
  await page
    .getByTestId("cell-diagram")
    .screenshot({ path: testInfo.outputPath("cell-forget-focus.png") });

  // The keyboard reaches the parts too.
  await page.locator('[data-testid="cell-parts"] [data-part="o"]').focus();
  await expect(equation).toContainText("o_t = σ(W_o");
  await expect(equation).toContainText(GATE_NUMBERS);

  // A heatmap square shows the equation of its gate at its step and unit.
  const gates = page.getByTestId("gates-canvas");
  const box = await gates.boundingBox();
  await gates.hover({ position: { x: box.width * 0.3, y: box.height * 0.4 } });
  await expect(equation).toContainText(/time step \d+, unit \d+/);
  await expect(equation).toContainText(/\d\.\d\d/);
});

test("the belt's step control advances the highlighted time step; play moves it on", async ({
  page,
}) => {
  await open(page);
  const belt = page.getByTestId("belt-canvas");
  await expect(belt).toHaveAttribute("data-step", "24");
  const before = await readCanvas(page, "belt-canvas");
  await page.getByTestId("belt-step").click();
  await expect(belt).toHaveAttribute("data-step", "1");
  await expect(page.getByTestId("belt-step-label")).toContainText("time step 1 of 24");
  await page.getByTestId("belt-step").click();
  await expect(belt).toHaveAttribute("data-step", "2");
  await expect.poll(async () => (await readCanvas(page, "belt-canvas")).hash).not.toBe(before.hash);

  // The heatmaps follow: one selection everywhere.
  const gates = await readCanvas(page, "gates-canvas");
  await page.getByTestId("belt-step").click();
  await expect.poll(async () => (await readCanvas(page, "gates-canvas")).hash).not.toBe(gates.hash);

  await page.getByTestId("belt-play").click();
  await expect(page.getByTestId("belt-play")).toHaveAttribute("aria-pressed", "true");
  await expect(belt).not.toHaveAttribute("data-step", "3", { timeout: 5000 });
  await page.getByTestId("belt-play").click();
  await expect(page.getByTestId("belt-play")).toHaveAttribute("aria-pressed", "false");

  // "show all units" gives the belt a lane per unit: a taller canvas.
  const height = (await belt.boundingBox()).height;
  await page.getByTestId("belt-all-units").check();
  await expect.poll(async () => (await belt.boundingBox()).height).toBeGreaterThan(height + 100);
});

test("the gate views fit a 360 px phone", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await open(page);
  for (const id of VIEWS) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
  }
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(360);
  await keepScreenshots(page, testInfo, "phone");
});

test("the gate views at 1920 px", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1200 });
  await open(page);
  await page
    .locator("#gates-section")
    .screenshot({ path: testInfo.outputPath("wide-section.png") });
});

test("the line above the belt names the window's months, their values and x_t", async ({
  page,
}) => {
  await open(page);
  const line = page.getByTestId("belt-window");
  // The last training window of AirPassengers (the test months are 1959–60): 24 months that
  // predict 1958-12, 337 thousand passengers.
  await expect(line).toContainText("Window 1956-12 … 1958-11: 24 months");
  await expect(line).toContainText("predicting 1958-12 (actual 337)");
  await expect(line).toContainText("Step 24 reads 1958-11: 310 thousand passengers");
  await page.getByTestId("belt-step").click();
  await expect(line).toContainText("Step 1 reads 1956-12: 306 thousand passengers");
  // x_t is written with a subscript: its text reads "xt".
  await expect(line).toContainText(/fed in transformed as xt = −?\d\.\d\d/);
  await expect(line.locator("sub").first()).toHaveText("t");

  // The article's preset feeds the 12 months in as one step: the line says why the belt is empty.
  await page.getByTestId("preset-article").click();
  await expect(line).toContainText("reads all 12 months at once");
  await expect(line).toContainText("ct−1 = 0 and kt = 0");
});
