// End-to-end tests of the production bundle (dist/, served under /demo/ by
// scripts/serve-dist.mjs): what a person does on the page and what they see.
const { test, expect } = require("./fixtures");
const { PAINTED_MIN, collectErrors, canvasPixels, waitFrames } = require("./helpers");

// The time to the first chart is a benchmark figure (npm run bench, BENCHMARKS.md), never
// asserted here; this only bounds how long the test waits for it.
const FIRST_CHART_WAIT_MS = 15000;
// Frames to wait to be sure nothing moves any more (about a third of a second at 60 Hz).

// Collects console errors and uncaught exceptions of the page.

// Waits `frames` animation frames in the page.

async function epochOf(page) {
  return Number(await page.getByTestId("epoch").textContent());
}

// The epoch the counter shows once the page has drawn the last snapshot: the play button
// changes as soon as the paused (or stopped) snapshot comes, the counter in the next animation
// frame, so read straight after the button it can still be one epoch behind (seen in CI).
async function epochOnceDrawn(page) {
  await waitFrames(page, 3);
  return epochOf(page);
}

// Opens the page and waits for the first chart.
async function open(page, query = "") {
  await page.goto(`./${query}`);
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect
    .poll(async () => (await canvasPixels(page, "forecast-canvas")).painted)
    .toBeGreaterThan(PAINTED_MIN);
}

test("the page loads from the sub-path with no console error, no outside request, and draws a chart", async ({
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

  await page.goto("./");
  await expect
    .poll(async () => (await canvasPixels(page, "forecast-canvas")).painted, {
      timeout: FIRST_CHART_WAIT_MS,
    })
    .toBeGreaterThan(PAINTED_MIN);

  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("test-rmse")).toHaveText(/^\d+\.\d\d$/);
  expect((await canvasPixels(page, "loss-canvas")).painted).toBeGreaterThan(PAINTED_MIN);
  await expect(page.getByTestId("status")).toContainText("Ready");

  const base = new URL(baseURL);
  for (const url of requests) {
    const parsed = new URL(url);
    if (parsed.protocol === "data:") continue;
    expect(parsed.origin, url).toBe(base.origin);
    expect(parsed.pathname.startsWith(base.pathname), url).toBe(true);
  }
  // One .wasm file, loaded by the training worker and by the main thread (which only draws).
  expect(new Set(wasmResponses.map((response) => response.url())).size).toBe(1);
  expect(wasmResponses.length).toBeLessThanOrEqual(2);
  for (const response of wasmResponses) {
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/wasm");
  }
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
  const paused = await epochOnceDrawn(page);
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
  const paused = await epochOnceDrawn(page);
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
      forecast: (await canvasPixels(page, "forecast-canvas")).hash,
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
    expect((await canvasPixels(page, "forecast-canvas")).hash).toBe(again.forecast);
  }
});

test("readying the code before Play (views drawn ahead, the engine's scratch model) changes no number", async ({
  page,
  context,
}) => {
  // Stepped at once, while the page still readies its code ...
  await open(page);
  const stepped = async (p) => {
    const seen = [];
    for (let epoch = 1; epoch <= 3; epoch += 1) {
      await p.getByTestId("step").click();
      await expect(p.getByTestId("epoch")).toHaveText(String(epoch));
      seen.push({
        loss: await p.getByTestId("train-loss").textContent(),
        rmse: await p.getByTestId("test-rmse").textContent(),
      });
    }
    return seen;
  };
  const atOnce = await stepped(page);
  // ... and in a second page after both warm-ups said they are done: the same numbers.
  const later = await context.newPage();
  await open(later);
  await later.waitForFunction(() => document.documentElement.dataset.readyToPlay === "true", null, {
    timeout: 30_000,
  });
  await expect(later.getByTestId("epoch")).toHaveText("0");
  await expect(later.getByTestId("train-loss")).toHaveText("–");
  expect(await stepped(later)).toEqual(atOnce);
});

test("the forecast and loss charts change from one epoch to the next", async ({ page }) => {
  await open(page);
  const forecast0 = await canvasPixels(page, "forecast-canvas");
  const loss0 = await canvasPixels(page, "loss-canvas");
  await page.getByTestId("step").click();
  await expect(page.getByTestId("epoch")).toHaveText("1");
  const forecast1 = await canvasPixels(page, "forecast-canvas");
  await page.getByTestId("step").click();
  await expect(page.getByTestId("epoch")).toHaveText("2");
  const forecast2 = await canvasPixels(page, "forecast-canvas");
  const loss2 = await canvasPixels(page, "loss-canvas");

  expect(forecast1.hash).not.toBe(forecast0.hash);
  expect(forecast2.hash).not.toBe(forecast1.hash);
  expect(loss2.hash).not.toBe(loss0.hash);
  expect(forecast2.painted).toBeGreaterThan(PAINTED_MIN);
});

test("pointing at the forecast reads out the month under the pointer", async ({ page }) => {
  await open(page);
  const canvas = page.getByTestId("forecast-canvas");
  await canvas.scrollIntoViewIfNeeded();
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
  // One network on 12 months: five epochs fit in one chunk of the worker (a chunk longer than
  // its budget is posted in parts, and Pause could land between them).
  await page.goto("./?speed=5&hidden=abc&seed=7&ensemble=1&window=12");
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("speed")).toHaveValue("5");
  await expect(page.getByTestId("status")).toContainText("In the link, hidden=abc:");
  await expect(page.getByTestId("status")).toContainText("is not a number. Using 40 instead.");
  await expect(page.getByTestId("model-summary")).toContainText("40 LSTM units");
  await expect(page.getByTestId("model-summary")).toContainText("seed 7");
  await expect(page.getByTestId("model-summary")).toContainText("reads 12 months");
  await expect(page.getByTestId("model-summary")).not.toContainText("ensemble");

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
      const canvas = await canvasPixels(page, id);
      expect(Math.abs(canvas.width - 2 * canvas.cssWidth)).toBeLessThanOrEqual(1);
    }
  });
});

test("a trained page, kept as a screenshot", async ({ page }, testInfo) => {
  // Waits for training progress, not for a speed: on a loaded machine 200 epochs take long.
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 1100 });
  const errors = collectErrors(page);
  await open(page, "?speed=20");
  await page.getByTestId("play").click();
  await expect.poll(() => epochOf(page), { timeout: 240_000 }).toBeGreaterThanOrEqual(200);
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
  await expect(page.getByTestId("status")).toContainText(/training diverged/i);
  await expect(page.getByTestId("play")).toHaveText("Play");
  const stopped = await epochOnceDrawn(page);
  await waitFrames(page);
  expect(await epochOf(page)).toBe(stopped);
  expect((await canvasPixels(page, "forecast-canvas")).painted).toBeGreaterThan(PAINTED_MIN);

  await page.getByTestId("reset").click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("status")).toHaveText("");
  expect(errors).toEqual([]);
});

test("while the worker trains a large network, the page handles clicks at once", async ({
  page,
}) => {
  const errors = collectErrors(page);
  // Hidden 128, 2 layers, window 24: a tenth of a second or more per epoch, trained in a loop.
  await open(page, "?hidden=128&layers=2&window=24");
  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Pause");
  await expect.poll(() => epochOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

  // The speed menu answers while an epoch is being trained, and training goes on.
  await page.getByTestId("speed").selectOption("2");
  await expect(page.getByTestId("speed")).toHaveValue("2");
  const before = await epochOf(page);
  await expect.poll(() => epochOf(page), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId("play")).toHaveText("Pause");

  // Pause and step still behave as before.
  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Play");
  const paused = await epochOnceDrawn(page);
  await waitFrames(page);
  expect(await epochOf(page)).toBe(paused);
  await page.getByTestId("step").click();
  await expect(page.getByTestId("epoch")).toHaveText(String(paused + 1), { timeout: 30_000 });
  await page.getByTestId("reset").click();
  await expect(page.getByTestId("epoch")).toHaveText("0");
  expect(errors).toEqual([]);
});

test("a page that is busy itself does not stop the training", async ({ page }) => {
  await open(page);
  await page.getByTestId("play").click();
  await expect.poll(() => epochOf(page)).toBeGreaterThanOrEqual(1);
  // Block the main thread for a while: the worker trains on, and the next frame shows it.
  const before = await epochOf(page);
  await page.evaluate(() => {
    const until = performance.now() + 500;
    while (performance.now() < until);
  });
  await expect.poll(() => epochOf(page)).toBeGreaterThan(before + 10);
  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Play");
});

test("Play pressed while the engine is still loading starts training once it is ready", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto("./");
  await page.getByTestId("play").click(); // at once: the button is in the page's HTML
  await expect(page.getByTestId("play")).toHaveText("Pause");
  await expect.poll(() => epochOf(page)).toBeGreaterThanOrEqual(2);
  await page.getByTestId("play").click();
  await expect(page.getByTestId("play")).toHaveText("Play");
  expect(errors).toEqual([]);
});

test("the worker protocol: live settings, a chosen window, looking back, weights and a series", async ({
  page,
}) => {
  const errors = collectErrors(page);
  // One network (a weights file holds one), reading the default 24 months.
  await open(page, "#ensemble=1");
  const result = await page.evaluate(async () => {
    const engine = window.lstmEngine;
    const out = {};
    out.memory = await engine.send("memoryUsage");
    await engine.send("step", 5);
    let s = engine.latest();
    out.epoch = s.epoch;
    out.kept = Array.from(s.snapshotEpochs);
    out.traceShape = [s.trace.steps, s.trace.layers[0].forgetGate.length];
    out.months = [s.months.length, s.months[0]];
    out.members = [s.predictions.memberCount, s.predictions.members.length];
    out.validation = [s.history.validation.length, s.history.bestEpoch];
    out.baselines = [s.baselines.ids.join(), s.baselines.oneStep.length];

    await engine.send("setLearningRate", 0.01);
    await engine.send("setOptimizer", "adam");
    await engine.send("setClip", 2);
    s = engine.latest();
    out.live = [s.settings.learningRate, s.settings.optimizer, s.settings.clip, s.epoch];
    out.badOptimizer = await engine.send("setOptimizer", "rmsprop").catch((e) => e.message);

    await engine.send("selectWindow", 3);
    out.row = [engine.latest().selectedRow, engine.latest().trace.targetMonth];
    out.badRow = await engine.send("selectWindow", 10_000).catch((e) => e.message);

    const liveRmse = engine.latest().evaluation.testRmse;
    out.view = await engine.send("viewEpoch", 0);
    s = engine.latest();
    out.viewing = [s.viewingEpoch, s.epoch, s.history.train.length];
    out.viewedDiffers = s.evaluation.testRmse !== liveRmse;
    await engine.send("viewEpoch", null);
    out.liveAgain = engine.latest().viewingEpoch;

    const json = await engine.send("exportWeights");
    await engine.send("step", 2);
    await engine.send("importWeights", json);
    out.imported = engine.latest().epoch;
    out.badWeights = await engine.send("importWeights", "{}").catch((e) => e.message);

    const csv = Array.from({ length: 48 }, (_, i) => {
      const month = `${2001 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
      return `${month},${100 + i + 10 * Math.sin(i)}`;
    }).join("\n");
    out.series = await engine.send("loadSeries", csv, "shop");
    s = engine.latest();
    out.seriesSnapshot = [s.seriesName, s.months.length, s.months[0], s.predictions.actual.length];
    out.badCsv = await engine
      .send("loadSeries", "month,v\n2001-01,1\n2001-02,x\n", "bad")
      .catch((e) => e.message);
    out.stillShop = engine.latest().seriesName;
    await engine.send("loadSeries", null);
    out.back = [engine.latest().seriesName, engine.latest().months.length];

    // An ensemble: its members in the snapshot, and all of them in one weights file.
    await engine.send("create", { hidden: 4, window: 12, ensemble: 2, earlyStopping: true });
    await engine.send("step", 3);
    s = engine.latest();
    out.ensemble = [s.predictions.memberCount, s.predictions.members.length, s.settings.ensemble];
    out.early = [s.history.validation.every(Number.isFinite), typeof s.history.bestEpoch];
    out.stillBaselines = s.baselines.ids.length;
    const ensembleJson = await engine.send("exportWeights");
    out.ensembleFile = JSON.parse(ensembleJson).members.length;
    const before = Array.from(engine.latest().predictions.oneStep.slice(130, 134));
    await engine.send("step", 2);
    await engine.send("importWeights", ensembleJson);
    s = engine.latest();
    out.ensembleImported = [
      s.settings.ensemble,
      s.predictions.memberCount,
      Array.from(s.predictions.oneStep.slice(130, 134)).every((v, i) => v === before[i]),
    ];
    out.memoryAfter = await engine.send("memoryUsage");
    return out;
  });
  expect(result.epoch).toBe(5);
  expect(result.kept).toEqual([0, 1, 2, 3, 4, 5]);
  expect(result.traceShape).toEqual([24, 24 * 40]);
  expect(result.members).toEqual([0, 0]);
  expect(result.validation).toEqual([5, undefined]);
  expect(result.baselines).toEqual(["seasonal_naive,ar12_log,holt_winters", 3 * 144]);
  expect(result.months).toEqual([144, "1949-01"]);
  expect(result.live).toEqual([0.01, "adam", 2, 5]);
  expect(result.badOptimizer).toContain("rmsprop");
  expect(result.row[0]).toBe(3);
  expect(result.badRow).toContain("10000");
  expect(result.view).toEqual({ viewingEpoch: 0 });
  expect(result.viewing).toEqual([0, 5, 5]);
  expect(result.viewedDiffers).toBe(true);
  expect(result.liveAgain).toBeNull();
  expect(result.imported).toBe(0);
  expect(result.badWeights.length).toBeGreaterThan(0);
  expect(result.series).toEqual({ seriesName: "shop", months: 48 });
  expect(result.seriesSnapshot).toEqual(["shop", 48, "2001-01", 48]);
  expect(result.badCsv).toContain("line 3");
  expect(result.stillShop).toBe("shop");
  expect(result.back).toEqual(["AirPassengers", 144]);
  expect(result.ensemble).toEqual([2, 2 * 144, 2]);
  expect(result.early).toEqual([true, "number"]);
  expect(result.stillBaselines).toBe(3);
  expect(result.ensembleFile).toBe(1);
  expect(result.ensembleImported).toEqual([2, 2, true]);
  // The worker's wasm memory: whole 64 KiB pages, and never less than before (it cannot shrink).
  expect(Object.keys(result.memory)).toEqual(["wasmBytes"]);
  expect(result.memory.wasmBytes % 65536).toBe(0);
  expect(result.memory.wasmBytes).toBeGreaterThan(1 << 20);
  expect(result.memoryAfter.wasmBytes).toBeGreaterThanOrEqual(result.memory.wasmBytes);
  expect(errors).toEqual([]);
});

test("the lede names the loaded series, in both languages", async ({ page }) => {
  await open(page, "#data=air_passengers");
  await expect(page.getByTestId("lede")).toContainText("AirPassengers");
  await page.goto("about:blank");
  await open(page, "#data=long_memory");
  await expect(page.getByTestId("lede")).toContainText("Long memory");
  await expect(page.getByTestId("lede")).not.toContainText("airline");
  await page.goto("about:blank");
  await open(page, "#data=long_memory&lang=zh");
  await expect(page.getByTestId("lede")).toContainText("长");
  await expect(page.getByTestId("lede")).not.toContainText("航空");
});

test("the page is styled by the linked stylesheet, with no inline <style>", async ({ page }) => {
  await page.goto("./");
  const sheets = await page.evaluate(() => ({
    inline: document.querySelectorAll("style").length,
    linked: [...document.querySelectorAll('head link[rel="stylesheet"]')].map((l) =>
      l.getAttribute("href"),
    ),
  }));
  expect(sheets.inline).toBe(0);
  expect(sheets.linked).toHaveLength(1);
  expect(sheets.linked[0]).toMatch(/^main\.[0-9a-f]{8}\.css$/);
  // Play is the primary button: the accent colour of www/styles/base.css, white text.
  const play = page.getByTestId("play");
  await expect(play).toHaveCSS("background-color", "rgb(31, 111, 209)");
  await expect(play).toHaveCSS("color", "rgb(255, 255, 255)");
});
