// The two WebAssembly builds (scripts/build-wasm.sh, www/wasm-features.js): the relaxed-SIMD
// build trains to the same losses as the simd128 build within 1e-5 relative, epoch by epoch over
// 100 epochs; `?wasm=` forces either one and the page says which runs; unforced, this Chromium
// (which has relaxed SIMD) picks the relaxed build, in a sandboxed iframe too.
const { test, expect } = require("@playwright/test");
const { collectErrors, openPage } = require("./helpers");

const EPOCHS = 100;
const RELATIVE_TOLERANCE = 1e-5;
// One network, so that the losses are one model's, and a small learning rate (Adam, 0.001), so
// that training damps small differences instead of amplifying them. At the default 0.03 the
// training is chaotic enough that any last-bit difference grows (fused or unfused rounding, or
// another machine's): there the two builds' train losses measured 2e-6 apart at epoch 2, 4e-5 at
// epoch 9 and a few percent from epoch 50 on; with 0.001 they stay within 7e-6 over 100 epochs.
// What this compares is the arithmetic of the two builds, not the sensitivity of the training.
const SETTINGS = "#ensemble=1&seed=3&lr=0.001";

// Opens the page with `query`, checks the build it reports, trains EPOCHS epochs and returns the
// train and test losses of each epoch.
async function trainWith(page, query, expectedBuild) {
  await openPage(page, `${query}${SETTINGS}`);
  await expect(page.locator("html")).toHaveAttribute("data-wasm-build", expectedBuild);
  await expect(page.getByTestId("wasm-build")).toBeVisible();
  await expect(page.getByTestId("wasm-build")).toHaveText(
    expectedBuild === "relaxed" ? /relaxed SIMD/ : /128-bit SIMD/,
  );
  return page.evaluate(async (epochs) => {
    const engine = window.lstmEngine;
    await engine.send("step", epochs);
    const { history, epoch } = engine.latest();
    return { epoch, train: Array.from(history.train), test: Array.from(history.test) };
  }, EPOCHS);
}

function relativeDifference(a, b) {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
}

test("the relaxed-SIMD and simd128 builds give the same losses within 1e-5 over 100 epochs", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const simd = await trainWith(page, "?wasm=simd128", "simd128");
  const relaxed = await trainWith(page, "?wasm=relaxed", "relaxed");
  for (const run of [simd, relaxed]) {
    expect(run.epoch).toBe(EPOCHS);
    expect(run.train).toHaveLength(EPOCHS);
    expect(run.test).toHaveLength(EPOCHS);
  }
  let worst = 0;
  let identical = true;
  for (const series of ["train", "test"]) {
    simd[series].forEach((loss, index) => {
      const other = relaxed[series][index];
      expect(Number.isFinite(loss) && Number.isFinite(other)).toBe(true);
      const difference = relativeDifference(loss, other);
      expect(difference, `${series} loss of epoch ${index + 1}: ${loss} vs ${other}`).toBeLessThan(
        RELATIVE_TOLERANCE,
      );
      worst = Math.max(worst, difference);
      if (!Object.is(loss, other)) identical = false;
    });
  }
  // For information only: whether the engine fused the multiply-adds changes the last bits or
  // not, depending on the processor; neither is wrong.
  console.log(
    `wasm builds: worst relative loss difference over ${EPOCHS} epochs ${worst.toExponential(2)}; ` +
      `bit-identical: ${identical}; last train loss simd128 ${simd.train.at(-1)}, relaxed ${relaxed.train.at(-1)}`,
  );
  expect(errors).toEqual([]);
});

test("unforced, this Chromium trains with the relaxed build; a bad ?wasm= falls back to detection", async ({
  page,
}) => {
  const errors = collectErrors(page);
  const warnings = [];
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  // The browser really has relaxed SIMD (so "unforced picks relaxed" says something).
  await page.goto("about:blank");
  expect(
    await page.evaluate(() =>
      WebAssembly.validate(
        new Uint8Array([
          0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 28, 1, 26, 0, 67, 0,
          0, 0, 0, 253, 19, 67, 0, 0, 0, 0, 253, 19, 67, 0, 0, 0, 0, 253, 19, 253, 133, 2, 11,
        ]),
      ),
    ),
  ).toBe(true);
  const wasmFiles = new Set();
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith(".wasm")) wasmFiles.add(response.url());
  });
  await openPage(page, "");
  await expect(page.locator("html")).toHaveAttribute("data-wasm-build", "relaxed");
  // The worker and the drawing copy share the chosen build: one .wasm file is fetched.
  expect(wasmFiles.size).toBe(1);
  await openPage(page, "?wasm=avx");
  await expect(page.locator("html")).toHaveAttribute("data-wasm-build", "relaxed");
  expect(warnings.join("\n")).toContain("wasm=avx is not a build");
  // In Chinese, the line says so in Chinese.
  await openPage(page, "?wasm=simd128#lang=zh");
  await expect(page.getByTestId("wasm-build")).toHaveText("引擎：WebAssembly，128 位 SIMD。");
  expect(errors).toEqual([]);
});

test("inside <iframe sandbox=allow-scripts> the worker (started from a blob) picks relaxed too", async ({
  page,
  baseURL,
}) => {
  const errors = collectErrors(page);
  const host = new URL("wasm-host.html", baseURL).href;
  const src = new URL("#embed=loss&ensemble=1&lang=en", baseURL).href;
  await page.route(host, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><iframe src="${src}" sandbox="allow-scripts" width="1000" height="600"></iframe>`,
    }),
  );
  await page.goto(host);
  const frame = page.frameLocator("iframe");
  await expect(frame.locator("html")).toHaveAttribute("data-wasm-build", "relaxed");
  await frame.getByTestId("embed-step").click();
  await expect(frame.getByTestId("embed-epoch")).toHaveText("epoch 1");
  expect(errors).toEqual([]);
});
