// End-to-end tests of the teaching controls (issue 5): the generated settings panel, own data,
// the link that reproduces a run, downloads and imports, the language, divergence and the
// layout at phone and projector widths. Against the production bundle, like demo.spec.js.
const fs = require("node:fs");
const { test, expect } = require("./fixtures");
const {
  PAINTED_MIN,
  collectErrors,
  canvasPixels,
  waitFrames,
  openPage,
  stepEpochs,
} = require("./helpers");

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// Anything a broken number could look like on screen.
const NOT_A_NUMBER = /NaN|Infinity|undefined/;

const open = openPage;

// Sets a number field of the settings panel and commits it (as Enter does).
async function setField(page, testId, value) {
  const field = page.getByTestId(testId);
  await field.fill(String(value));
  await field.press("Enter");
}

// The text of a download.
async function downloadText(download) {
  return fs.readFileSync(await download.path(), "utf8");
}

test("changing the hidden size updates the parameter count and starts the model again", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await open(page);
  await stepEpochs(page, 2);
  const before = await page.getByTestId("model-summary").textContent();
  // (H·(H+x)+H)·4 + H + 1 distinct parameters for one layer of H units reading 1 value: 6,761 at 40.
  expect(before).toContain("6,761 numbers to learn");

  await setField(page, "setting-hidden", 20);
  await expect(page.getByTestId("epoch")).toHaveText("0");
  // (20·21 + 20)·4 + 20 + 1 = 1,781.
  await expect(page.getByTestId("model-summary")).toContainText("1,781 numbers to learn");
  await expect(page.getByTestId("param-count")).toContainText(/1,?781/);
  await expect(page.getByTestId("status")).toContainText("Hidden size H changed");
  await expect(page.getByTestId("status")).toContainText("epoch 0");
  expect(page.url()).toContain("hidden=20");

  // Out of range: said next to the field, nothing changes.
  await setField(page, "setting-hidden", 129);
  await expect(page.locator("#setting-hidden-problem")).toContainText("at most 128");
  await expect(page.getByTestId("model-summary")).toContainText("1,781 numbers to learn");
  expect(page.url()).toContain("hidden=20");
  expect(errors).toEqual([]);
});

test("a number typed but not yet committed survives another change finishing meanwhile", async ({
  page,
}) => {
  await open(page);
  // The learner types a seed and, before pressing Enter, a change of the hidden size (committed
  // just before, here from the page's side so that the seed field keeps the focus) finishes.
  await page.getByTestId("setting-seed").fill("5");
  await page.getByTestId("setting-hidden").evaluate((input) => {
    input.value = "20";
    input.dispatchEvent(new Event("change"));
  });
  await expect(page.getByTestId("status")).toContainText("Hidden size H changed");
  await expect(page.getByTestId("setting-hidden")).toHaveValue("20");
  await expect(page.getByTestId("setting-seed")).toHaveValue("5");
  await page.getByTestId("setting-seed").press("Enter");
  await expect(page.getByTestId("status")).toContainText("Seed changed");
  expect(page.url()).toContain("hidden=20");
  expect(page.url()).toContain("seed=5");
});

test("a live change of the learning rate keeps training; a malformed CSV changes nothing", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await open(page);
  await stepEpochs(page, 3);
  await setField(page, "setting-lr", 0.02);
  await expect(page.getByTestId("status")).toContainText("Learning rate is now 0.02");
  await expect(page.getByTestId("epoch")).toHaveText("3");
  await expect(page.getByTestId("model-summary")).toContainText("learning rate 0.02");

  await page.locator("details.own-data > summary").click();
  const chart = await canvasPixels(page, "forecast-canvas");
  await page
    .getByTestId("csv-input")
    .fill("month,value\n1949-01,112\n1949-02,118\n1949-03,abc\n1949-04,129\n");
  await page.getByTestId("csv-load").click();
  await expect(page.getByTestId("csv-error")).toBeVisible();
  await expect(page.getByTestId("csv-error")).toContainText("Line 4");
  await expect(page.getByTestId("csv-error")).toContainText("stays as it was");
  await waitFrames(page);
  // The previous run stays: same epoch, same pixels.
  await expect(page.getByTestId("epoch")).toHaveText("3");
  expect((await canvasPixels(page, "forecast-canvas")).hash).toBe(chart.hash);
  expect(errors).toEqual([]);
});

test("a good CSV file trains", async ({ page }) => {
  const errors = collectErrors(page);
  await open(page);
  // Nottingham-like: 10 years of a seasonal wave above zero.
  const lines = ["month,temperature"];
  for (let i = 0; i < 120; i += 1) {
    const year = 1930 + Math.floor(i / 12);
    const month = String((i % 12) + 1).padStart(2, "0");
    lines.push(
      `${year}-${month},${(50 + 15 * Math.sin((2 * Math.PI * i) / 12) + (i % 7) * 0.3).toFixed(2)}`,
    );
  }
  await page.locator("details.own-data > summary").click();
  await page.getByTestId("csv-file").setInputFiles({
    name: "temperature.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(lines.join("\n")),
  });
  await expect(page.getByTestId("status")).toContainText("Training on temperature: 120 months");
  await expect(page.getByTestId("csv-preview")).toContainText("120 months from 1930-01 to 1939-12");
  await expect(page.getByTestId("csv-error")).toBeHidden();
  await expect(page.getByTestId("forecast-title")).toContainText("temperature");
  await stepEpochs(page, 3);
  await expect(page.getByTestId("train-loss")).toHaveText(/^\d/);
  expect(page.url()).toContain("data=own");
  expect(errors).toEqual([]);
});

test("a copied link opened in a new page gives the same loss after the same epochs", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page);
  await setField(page, "setting-hidden", 12);
  await setField(page, "setting-seed", 5);
  await page.getByTestId("setting-opt").selectOption("adam");
  await setField(page, "setting-lr", 0.01);
  await page.getByTestId("setting-data").selectOption("co2");
  await expect(page.getByTestId("forecast-title")).toContainText("CO₂");
  await expect(page.getByTestId("epoch")).toHaveText("0");
  const loss = await stepEpochs(page, 5);

  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("status")).toContainText("Link copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  for (const part of ["hidden=12", "seed=5", "opt=adam", "lr=0.01", "data=co2"])
    expect(link).toContain(part);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId("epoch")).toHaveText("0");
  await expect(other.getByTestId("setting-hidden")).toHaveValue("12");
  await expect(other.getByTestId("forecast-title")).toContainText("CO₂");
  expect(await stepEpochs(other, 5)).toBe(loss);
});

test("the charts, predictions and weights download, and the weights import back", async ({
  page,
}) => {
  const errors = collectErrors(page);
  // A weights file holds one network (forecast.spec.js: what an ensemble is told).
  await open(page, "#ensemble=1");
  await stepEpochs(page, 2);

  const [png] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-forecast-png").click(),
  ]);
  expect(png.suggestedFilename()).toBe("forecast-epoch-2.png");
  const bytes = fs.readFileSync(await png.path());
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);

  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-predictions").click(),
  ]);
  const rows = (await downloadText(csv)).trim().split("\n");
  expect(rows[0]).toBe("month,actual,one_step,recursive,seasonal_naive,ar12_log,holt_winters");
  expect(rows).toHaveLength(145); // a header and 144 months
  // A test month has the network's and every baseline's one-step prediction.
  expect(
    rows[121]
      .split(",")
      .slice(2)
      .filter((cell) => cell !== ""),
  ).toHaveLength(5);
  expect(rows[1]).toMatch(/^1949-01,112,/);
  expect(rows.join("\n")).not.toMatch(NOT_A_NUMBER);

  const [weights] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-weights").click(),
  ]);
  const json = await downloadText(weights);
  const parsed = JSON.parse(json);
  expect(parsed.format).toMatch(/lstm/i);

  // Import it back: the run starts at epoch 0 from these weights.
  await page.getByTestId("import-weights").setInputFiles({
    name: "weights.json",
    mimeType: "application/json",
    buffer: Buffer.from(json),
  });
  await expect(page.getByTestId("status")).toContainText("Loaded weights.json");
  await expect(page.getByTestId("epoch")).toHaveText("0");

  // A broken file says what is wrong and changes nothing.
  await stepEpochs(page, 1);
  await page.getByTestId("import-weights").setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"format": "something else"}'),
  });
  await expect(page.getByTestId("status")).toContainText(
    "broken.json was not loaded, and nothing changed",
  );
  await expect(page.getByTestId("epoch")).toHaveText("1");
  expect(errors).toEqual([]);
});

test("the language toggle changes the labels, and the link keeps it", async ({ page }) => {
  await open(page);
  await expect(page.getByTestId("play")).toHaveText("Play");
  await page.getByTestId("lang-toggle").click();
  await expect(page.getByTestId("play")).toHaveText("播放");
  await expect(page.locator("label[for=setting-hidden]")).toContainText("隐层");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  await expect(page.getByTestId("model-summary")).not.toContainText("units");
  expect(page.url()).toContain("lang=zh");
  await page.reload();
  await expect(page.getByTestId("play")).toHaveText("播放");
  // The toggle answers once the page is wired (the settings panel is built at the same time).
  await expect(page.getByTestId("setting-hidden")).toBeAttached();
  await page.getByTestId("lang-toggle").click();
  await expect(page.getByTestId("play")).toHaveText("Play");
});

test("a learning rate of 50 diverges with an explanation and no NaN; a smaller one trains again", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await open(page);
  await stepEpochs(page, 2);
  await setField(page, "setting-lr", 50);
  await page.getByTestId("play").click();
  const status = page.getByTestId("status");
  await expect(status).toContainText("Training diverged", { timeout: 20_000 });
  await expect(status).toContainText("smaller learning rate");
  await expect(status).toContainText("clipping");
  await expect(page.getByTestId("play")).toHaveText("Play");
  const stopped = Number(await page.getByTestId("epoch").textContent());
  await waitFrames(page);
  expect((await canvasPixels(page, "forecast-canvas")).painted).toBeGreaterThan(PAINTED_MIN);
  expect(await page.locator("main").innerText()).not.toMatch(NOT_A_NUMBER);
  expect(page.url()).not.toMatch(NOT_A_NUMBER);

  await setField(page, "setting-lr", 0.01);
  await stepEpochs(page, 2);
  expect(Number(await page.getByTestId("epoch").textContent())).toBe(stopped + 2);
  await expect(page.getByTestId("train-loss")).toHaveText(/^\d/);
  expect(errors).toEqual([]);
});

test("classroom mode hides the controls; ? lists the keys and Esc closes the list", async ({
  page,
}) => {
  await open(page);
  await page.keyboard.press("c");
  await expect(page.locator("body")).toHaveClass(/classroom/);
  await expect(page.getByTestId("setting-hidden")).toBeHidden();
  expect(page.url()).toContain("classroom=1");
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-overlay")).toBeVisible();
  await expect(page.getByTestId("shortcuts-close")).toBeFocused();
  // The list is for the mode: in classroom mode → steps the belt, it trains nothing.
  await expect(page.getByTestId("shortcut-list")).toContainText("Previous / next step of the belt");
  await expect(page.getByTestId("shortcut-list")).not.toContainText("Train one epoch");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("shortcuts-close")).toBeFocused(); // the focus stays inside
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-overlay")).toBeHidden();
  // In classroom mode Page Down steps the belt (the presenter keys, e2e/embed.spec.js)…
  await page.keyboard.press("PageDown");
  await expect(page.getByTestId("belt-canvas")).toHaveAttribute("data-step", "1");
  await page.keyboard.press("Escape");
  await expect(page.locator("body")).not.toHaveClass(/classroom/);
  // …and outside it trains one epoch, as the list now says.
  await page.keyboard.press("PageDown");
  await expect(page.getByTestId("epoch")).toHaveText("1");
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-list")).toContainText("Train one epoch");
  await expect(page.getByTestId("shortcut-list")).not.toContainText("step of the belt");
  await page.keyboard.press("Escape");
});

for (const [name, width, height] of [
  ["phone", 360, 780],
  ["projector", 1920, 1080],
]) {
  test(`the page at ${width} px (${name}), kept as a screenshot`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await open(page);
    await stepEpochs(page, 3);
    // Nothing sticks out sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const path = testInfo.outputPath(`controls-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name} page`, { path, contentType: "image/png" });
  });
}
