// End-to-end tests of issue 10 on the production bundle: the cell setting (an RNN and a GRU
// train and draw every view with their own gates and counts) and the comparison of two cells
// (a second model trained beside the first, drawn on the forecast and loss charts, in a second
// column of numbers and as a second gradient flow on the same scale). Like demo.spec.js,
// against dist/ served under /demo/.
const { test, expect } = require("./fixtures");
const {
  collectErrors,
  canvasPixels,
  countColour,
  openPage,
  stepEpochs,
  PAINTED_MIN,
} = require("./helpers");

// COMPARE in src/render/palette.rs: the second model's colour.
const COMPARE = [117, 68, 171];
// A small network reading 12 months: quick epochs.
const SMALL = "hidden=6&window=12&ensemble=1";
// Every view of the gates section, by data-testid.
const VIEWS = ["gates-canvas", "belt-canvas", "gradient-canvas", "cell-diagram"];

// The distinct parameters of one layer of `cell` on x inputs with H units, and of the head:
// the formulas the parameter panel states (PyTorch's GRU keeps b_hn apart from b_in).
function distinctCount(cell, hidden, input) {
  const block = hidden * (hidden + input) + hidden;
  const layer = { rnn: block, lstm: 4 * block, gru: 3 * block + hidden }[cell];
  return layer + hidden + 1;
}

for (const cell of ["rnn", "gru"]) {
  test(`#cell=${cell} trains and draws every view with its own count`, async ({
    page,
  }, testInfo) => {
    const errors = collectErrors(page);
    await openPage(page, `#cell=${cell}&${SMALL}`);
    await expect(page.getByTestId("setting-cell")).toHaveValue(cell);
    const name = cell.toUpperCase();
    await expect(page.getByTestId("model-summary")).toContainText(`1 layer of 6 ${name} units`);
    const count = distinctCount(cell, 6, 1).toLocaleString("en-US");
    await expect(page.getByTestId("model-summary")).toContainText(`${count} numbers to learn`);
    const before = await page.getByTestId("train-loss").textContent();
    await stepEpochs(page, 3);
    await expect(page.getByTestId("train-loss")).not.toHaveText(before);
    await expect(page.getByTestId("test-rmse")).toHaveText(/^\d+\.\d\d$/);
    for (const view of VIEWS) {
      await page.getByTestId(view).scrollIntoViewIfNeeded();
      await expect
        .poll(async () => (await canvasPixels(page, view)).painted, { message: view })
        .toBeGreaterThan(PAINTED_MIN / 4);
    }
    // Kept for looking at (test-results/): the gate section of this cell.
    await page
      .locator("section.gates")
      .screenshot({ path: testInfo.outputPath(`${cell}-gates.png`) });
    expect(errors).toEqual([]);
  });
}

test("#cell=lstm&compare=rnn draws two curves, two columns of numbers and both gradient flows", async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  await openPage(page, `#cell=lstm&compare=rnn&${SMALL}`);
  await expect(page.getByTestId("setting-compare")).toHaveValue("rnn");
  await expect(page.getByTestId("forecast-canvas")).toHaveAttribute("data-compare", "rnn");
  await stepEpochs(page, 3);
  await expect(page.getByTestId("compare-epoch")).toHaveText("3");
  await expect(page.getByTestId("compare-cell")).toHaveText("RNN");
  await expect(page.getByTestId("numbers-cell")).toHaveText("LSTM");
  await expect(page.getByTestId("compare-test-rmse")).toBeVisible();
  await expect(page.getByTestId("compare-test-rmse")).toHaveText(/^\d+\.\d\d$/);
  await expect(page.getByTestId("compare-params")).toHaveText(
    distinctCount("rnn", 6, 1).toLocaleString("en-US"),
  );
  await expect(page.getByTestId("numbers-params")).toHaveText(
    distinctCount("lstm", 6, 1).toLocaleString("en-US"),
  );
  // The two models are different networks: their numbers differ.
  const first = await page.getByTestId("test-rmse").textContent();
  await expect(page.getByTestId("compare-test-rmse")).not.toHaveText(first);

  // The second curve and the second pair of losses, in the second model's colour.
  expect(await countColour(page, "forecast-canvas", COMPARE, 24)).toBeGreaterThan(300);
  await expect(page.getByTestId("loss-canvas")).toHaveAttribute("data-compare", "rnn");
  expect(await countColour(page, "loss-canvas", COMPARE, 24)).toBeGreaterThan(100);

  // Both gradient flows, each captioned with its cell (drawn once scrolled into sight).
  await page.getByTestId("gradient-canvas").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("gradient-compare-canvas")).toBeVisible();
  await expect(page.getByTestId("gradient-compare-canvas")).toHaveAttribute("data-cell", "rnn");
  await expect(page.getByTestId("gradient-caption")).toContainText("LSTM");
  await expect(page.getByTestId("gradient-compare-caption")).toContainText("RNN");
  for (const view of ["gradient-canvas", "gradient-compare-canvas"]) {
    await expect
      .poll(async () => (await canvasPixels(page, view)).painted, { message: view })
      .toBeGreaterThan(PAINTED_MIN / 4);
  }
  await page.screenshot({ path: testInfo.outputPath("compare-page.png"), fullPage: true });

  // Ending the comparison takes the second model away and keeps the first.
  await page.getByTestId("setting-compare").selectOption("none");
  await expect(page.getByTestId("forecast-canvas")).not.toHaveAttribute("data-compare", /.+/);
  await expect(page.getByTestId("compare-test-rmse")).toBeHidden();
  await expect(page.getByTestId("gradient-compare-canvas")).toBeHidden();
  expect(page.url()).toContain("compare=none");
  expect(errors).toEqual([]);
});

test("switching cells keeps the session's other settings", async ({ page }) => {
  const errors = collectErrors(page);
  await openPage(page, `#hidden=7&window=10&lr=0.02&seed=4&ensemble=1`);
  await stepEpochs(page, 1);
  for (const cell of ["gru", "rnn", "lstm"]) {
    await page.getByTestId("setting-cell").selectOption(cell);
    await expect(page.getByTestId("epoch")).toHaveText("0"); // a new model
    await expect(page.getByTestId("model-summary")).toContainText(
      `1 layer of 7 ${cell.toUpperCase()} units`,
    );
    const url = page.url();
    for (const kept of ["hidden=7", "window=10", "lr=0.02", "seed=4", "ensemble=1"])
      expect(url, `${cell}: ${kept}`).toContain(kept);
    expect(url).toContain(`cell=${cell}`);
    await expect(page.getByTestId("setting-hidden")).toHaveValue("7");
  }
  expect(errors).toEqual([]);
});

test("the RNN vs LSTM preset loads the long-memory series and compares an RNN with the LSTM", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPage(page, `#${SMALL}`);
  await page.getByTestId("preset-compare").click();
  await expect(page.getByTestId("preset-compare")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("setting-data")).toHaveValue("long_memory");
  await expect(page.getByTestId("setting-compare")).toHaveValue("rnn");
  await expect(page.getByTestId("setting-cell")).toHaveValue("lstm");
  await expect(page.getByTestId("forecast-canvas")).toHaveAttribute("data-compare", "rnn");
  await stepEpochs(page, 1);
  await expect(page.getByTestId("compare-test-rmse")).toHaveText(/^\d+\.\d\d$/);
  expect(page.url()).toContain("compare=rnn");
  expect(page.url()).toContain("data=long_memory");
  expect(errors).toEqual([]);
});
