// End-to-end tests of issue 9 on the production bundle: the classical baselines on the forecast
// chart and in the numbers, an ensemble's members under their mean, early stopping's best epoch
// on the loss chart, and an ensemble saved in one weights file. Like demo.spec.js, against
// dist/ served under /demo/.
const { readFile } = require("node:fs/promises");
const { test, expect } = require("./fixtures");
const {
  collectErrors,
  canvasPixels,
  countColour,
  waitFrames,
  openPage,
  stepEpochs,
} = require("./helpers");

// The chart colours of src/render/palette.rs.
const BASELINE_COLOURS = {
  seasonal_naive: [204, 121, 167],
  ar12_log: [0, 158, 115],
  holt_winters: [230, 159, 0],
};
const VALIDATION_LOSS = [0, 158, 115];
// ONE_STEP (31, 111, 209) at MEMBER_ALPHA 0.4 over the white background.
const MEMBER = [165, 197, 237];
// A small network reading 12 months: quick epochs, also three of them side by side.
const SMALL = "hidden=8&window=12";

const open = openPage;

test("the baselines toggle draws the three baselines and the numbers give their test RMSE", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await open(page, `#${SMALL}&ensemble=1`);
  // The numbers are there whether or not the lines are drawn: AirPassengers 1959–60.
  await expect(page.getByTestId("baseline-rmse-seasonal-naive")).toHaveText("49.99");
  await expect(page.getByTestId("baseline-rmse-ar12")).toHaveText("17.69");
  await expect(page.getByTestId("baseline-rmse-holt-winters")).toHaveText("14.93");
  await expect(page.getByTestId("baseline-numbers")).toContainText("Holt–Winters");

  await stepEpochs(page, 2);
  const toggle = page.getByTestId("baselines-toggle");
  await expect(toggle).not.toBeChecked();
  await expect(page.getByTestId("forecast-canvas")).toHaveAttribute("data-baselines", "0");
  const before = await canvasPixels(page, "forecast-canvas");
  const colourless = {};
  for (const [id, colour] of Object.entries(BASELINE_COLOURS))
    colourless[id] = await countColour(page, "forecast-canvas", colour, 24);

  await toggle.check();
  await expect(page.getByTestId("forecast-canvas")).toHaveAttribute("data-baselines", "3");
  await expect
    .poll(async () => (await canvasPixels(page, "forecast-canvas")).hash)
    .not.toBe(before.hash);
  for (const [id, colour] of Object.entries(BASELINE_COLOURS)) {
    const drawn = await countColour(page, "forecast-canvas", colour, 24);
    expect(drawn, id).toBeGreaterThan(colourless[id] + 150);
  }
  expect(page.url()).toContain("baselines=1");
  await expect(page.getByTestId("epoch")).toHaveText("2"); // the run goes on as it was
  await expect(page.getByTestId("status")).not.toContainText("is now");

  // Pointing at a test month reads the baselines out too.
  const canvas = page.getByTestId("forecast-canvas");
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
  await expect(page.getByTestId("readout")).toContainText("Holt–Winters");
  await page.mouse.move(box.x + 2, box.y + 2);

  // Off again: the same picture as before.
  await toggle.uncheck();
  await expect
    .poll(async () => (await canvasPixels(page, "forecast-canvas")).hash)
    .toBe(before.hash);
  expect(page.url()).toContain("baselines=0");

  // The link keeps the choice.
  await open(page, `#${SMALL}&ensemble=1&baselines=1`);
  await expect(page.getByTestId("baselines-toggle")).toBeChecked();
  await expect(page.getByTestId("forecast-canvas")).toHaveAttribute("data-baselines", "3");
  expect(errors).toEqual([]);
});

test("a short series says which baseline cannot be fitted, and why", async ({ page }) => {
  const errors = collectErrors(page);
  await open(page, `#${SMALL}&ensemble=1`);
  // 20 months, 16 of them training: a year to repeat, but AR(12) needs 25 training months
  // and Holt–Winters 24.
  const lines = ["month,value"];
  for (let i = 0; i < 20; i += 1) {
    const month = `${2001 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
    lines.push(`${month},${(100 + 2 * i + 10 * Math.sin((2 * Math.PI * i) / 12)).toFixed(2)}`);
  }
  await page.locator("details.own-data > summary").click();
  await page.getByTestId("csv-input").fill(lines.join("\n"));
  await page.getByTestId("setting-window").fill("3");
  await page.getByTestId("setting-window").press("Enter");
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await page.getByTestId("csv-load").click();
  await expect(page.getByTestId("status")).toContainText("20 months");
  await expect(page.getByTestId("baseline-rmse-seasonal-naive")).toHaveText(/^\d+\.\d\d$/);
  for (const id of ["baseline-rmse-ar12", "baseline-rmse-holt-winters"]) {
    await expect(page.getByTestId(id)).toHaveText("—");
    await expect(page.getByTestId(id).locator("..")).toHaveAttribute(
      "title",
      /^Not available on this series: .+/,
    );
  }
  await page.getByTestId("baselines-toggle").check();
  await expect(page.getByTestId("forecast-canvas")).toHaveAttribute("data-baselines", "1");
  expect(errors).toEqual([]);
});

test("an ensemble of 3 draws its members faintly under their mean", async ({ page }) => {
  const errors = collectErrors(page);
  // Ten epochs: the members have drifted apart enough to be seen beside their mean.
  await open(page, `#${SMALL}&ensemble=1`);
  await stepEpochs(page, 10);
  await expect(page.getByTestId("forecast-canvas")).toHaveAttribute("data-member-count", "0");
  const single = await countColour(page, "forecast-canvas", MEMBER, 16);

  await open(page, `#${SMALL}&ensemble=3`);
  await expect(page.getByTestId("setting-ensemble")).toHaveValue("3");
  await expect(page.getByTestId("model-summary")).toContainText(
    "An ensemble of 3 such networks (seeds 1, 1001, 2001)",
  );
  await stepEpochs(page, 10);
  const canvas = page.getByTestId("forecast-canvas");
  await expect(canvas).toHaveAttribute("data-member-count", "3");
  const faint = await countColour(page, "forecast-canvas", MEMBER, 16);
  expect(faint).toBeGreaterThan(single + 200);
  // The mean is still drawn boldly in the one-step colour.
  expect(await countColour(page, "forecast-canvas", [31, 111, 209], 30)).toBeGreaterThan(400);

  // Another ensemble size is a new model, with the notice that says so.
  await page.getByTestId("setting-ensemble").fill("2");
  await page.getByTestId("setting-ensemble").press("Enter");
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("status")).toContainText("Ensemble (networks) changed");
  expect(page.url()).toContain("ensemble=2");
  await expect(canvas).toHaveAttribute("data-member-count", "2");
  expect(errors).toEqual([]);
});

test("early stopping draws the validation loss and marks its best epoch on the loss chart", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await open(page, `#${SMALL}&ensemble=1`);
  await stepEpochs(page, 4);
  const loss = page.getByTestId("loss-canvas");
  await expect(loss).not.toHaveAttribute("data-best-epoch", /./);
  expect(await countColour(page, "loss-canvas", VALIDATION_LOSS, 30)).toBe(0);

  await open(page, `#${SMALL}&ensemble=1&early=1`);
  await expect(page.getByTestId("setting-early-stopping")).toBeChecked();
  await expect(loss).not.toHaveAttribute("data-best-epoch", /./);
  await stepEpochs(page, 4);
  await expect(loss).toHaveAttribute("data-best-epoch", /^[1-4]$/);
  const best = Number(await loss.getAttribute("data-best-epoch"));
  const history = await page.evaluate(() => {
    const h = window.lstmEngine.latest().history;
    return { validation: Array.from(h.validation), bestEpoch: h.bestEpoch };
  });
  expect(history.bestEpoch).toBe(best);
  expect(history.validation[best - 1]).toBe(Math.min(...history.validation));
  // The third curve and the dashed mark, in the validation colour.
  expect(await countColour(page, "loss-canvas", VALIDATION_LOSS, 30)).toBeGreaterThan(150);
  await expect(page.getByTestId("model-summary")).toContainText("Early stopping");
  expect(errors).toEqual([]);
});

test("an ensemble's weights are saved in one file and load back as the same ensemble", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await open(page, `#${SMALL}&ensemble=3`);
  await stepEpochs(page, 2);
  const forecast = await canvasPixels(page, "forecast-canvas");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-weights").click(),
  ]);
  const path = await download.path();
  const file = JSON.parse(await readFile(path, "utf8"));
  expect(file.config.ensemble).toBe(3);
  expect(file.members).toHaveLength(2);
  await expect(page.getByTestId("epoch")).toHaveText("2");

  // Train on, then load the file: back to epoch 0 with the saved ensemble's forecast.
  await stepEpochs(page, 2);
  await page.getByTestId("import-weights").setInputFiles(path);
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect(page.getByTestId("setting-ensemble")).toHaveValue("3");
  await expect(page.getByTestId("forecast-canvas")).toHaveAttribute("data-member-count", "3");
  await waitFrames(page);
  expect((await canvasPixels(page, "forecast-canvas")).hash).toBe(forecast.hash);
  expect(errors).toEqual([]);
});
