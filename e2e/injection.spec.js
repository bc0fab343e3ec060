// Text from outside reaches the page as text, never as HTML: a CSV file's name (the series'
// name, shown in the status, the chart's title and the lede), its header and its cells, a
// weights file's series field and a key of the URL hash each carry markup, and the page shows
// the characters themselves, builds no element from them and runs nothing. Also shows that
// the shared Content-Security-Policy check (e2e/fixtures.js) catches a violation, in the page
// and in a sandboxed iframe.
const { test, expect } = require("./fixtures");
const { collectErrors, openPage, stepEpochs } = require("./helpers");

// Markup that would run if written as HTML: the image fails to load and its handler sets a flag.
const IMAGE = "<img src=x onerror=__pwned=1>";
const BOLD = "<b>bold</b>";
const PAYLOAD = `${BOLD}${IMAGE}`;
// A file's name cannot hold "/": an unclosed <b> would make an element all the same.
const NAME_PAYLOAD = `<b>bold${IMAGE}`;

// `texts` appear in the element `testId`'s text, and the page made nothing of them: no image with
// src "x", no <b> with the word, no flag set by a handler.
async function expectShownAsText(page, testId, texts) {
  for (const text of texts) await expect(page.getByTestId(testId)).toContainText(text);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator("b", { hasText: "bold" }).count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
}

// Ten years of a seasonal wave whose value column is called `name`, with `lastCell` (when
// given) as the last month's value.
function seasonalCsv(name, lastCell) {
  const lines = [`month,${name}`];
  for (let i = 0; i < 120; i += 1) {
    const year = 1930 + Math.floor(i / 12);
    const month = String((i % 12) + 1).padStart(2, "0");
    lines.push(`${year}-${month},${(50 + 15 * Math.sin((2 * Math.PI * i) / 12)).toFixed(2)}`);
  }
  if (lastCell !== undefined) lines[lines.length - 1] = `1939-12,${lastCell}`;
  return Buffer.from(lines.join("\n"));
}

for (const lang of ["en", "zh"]) {
  test(`a CSV file with markup in its name, header and a cell shows it as text (${lang})`, async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await openPage(page, `#lang=${lang}`);
    await page.locator("details.own-data > summary").click();
    // The header is read and skipped; the file's name becomes the series' name.
    await page.getByTestId("csv-file").setInputFiles({
      name: `${NAME_PAYLOAD}.csv`,
      mimeType: "text/csv",
      buffer: seasonalCsv(PAYLOAD),
    });
    await expectShownAsText(page, "status", [NAME_PAYLOAD]);
    await expectShownAsText(page, "forecast-title", [NAME_PAYLOAD]);
    await expectShownAsText(page, "csv-preview", ["120"]);
    await stepEpochs(page, 1);
    await expectShownAsText(page, "lede", [NAME_PAYLOAD]);

    // A cell that is not a number is quoted in the message naming its line.
    await page.getByTestId("csv-file").setInputFiles({
      name: "cell.csv",
      mimeType: "text/csv",
      buffer: seasonalCsv(PAYLOAD, PAYLOAD),
    });
    await expectShownAsText(page, "csv-error", ["121", PAYLOAD]);
    expect(errors).toEqual([]);
  });
}

test("a weights file's series field with markup is named as text in the refusal", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPage(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-weights").click(),
  ]);
  const weights = JSON.parse(await readDownload(download));

  // A series name that is a string is accepted: the weights load, and nothing becomes HTML.
  weights.config.series = PAYLOAD;
  await importWeights(page, weights);
  await expectShownAsText(page, "status", ["Loaded weights.json"]);

  // One that is not a string is refused with the value quoted in the message.
  weights.config.series = [IMAGE];
  await importWeights(page, weights);
  await expectShownAsText(page, "status", ["was not loaded", "config.series", IMAGE]);
  expect(errors).toEqual([]);
});

test("a key with markup in the URL hash is named as text in the notice", async ({ page }) => {
  const errors = collectErrors(page);
  await openPage(page, `#lang=en&${encodeURIComponent(PAYLOAD)}=1`);
  await expectShownAsText(page, "status", [`The link has “${PAYLOAD}”, which is not a setting`]);
  expect(errors).toEqual([]);
});

test("an inline script added by a test is reported as a violation", async ({
  page,
  cspViolations,
}) => {
  await openPage(page);
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__inlineRan = true;";
    document.body.append(script);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.__inlineRan)).toBeUndefined();
  expect(cspViolations).toContainEqual(expect.objectContaining({ directive: "script-src-elem" }));
  // Caught: emptied so that the automatic check after the test passes.
  cspViolations.length = 0;
});

test("an inline script inside a sandboxed iframe is reported too", async ({
  page,
  baseURL,
  cspViolations,
}) => {
  const host = new URL("csp-host.html", baseURL).href;
  const src = new URL("#embed=belt", baseURL).href;
  await page.route(host, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><iframe src="${src}" sandbox="allow-scripts" width="1000" height="600"></iframe>`,
    }),
  );
  await page.goto(host);
  await expect(page.frameLocator("iframe").getByTestId("embed-bar")).toBeVisible();
  await page.frames()[1].evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__inlineRan = true;";
    document.body.append(script);
  });
  await expect
    .poll(() => cspViolations.filter((v) => v.directive === "script-src-elem").length)
    .toBe(1);
  // The page may have written its whole state into the hash by then; the embed key stays.
  expect(cspViolations.find((v) => v.directive).page).toMatch(/[#&]embed=belt(&|$)/);
  cspViolations.length = 0;
});

// The text of a download.
async function readDownload(download) {
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

// Gives `weights` (an object) to the page's weights import as weights.json.
async function importWeights(page, weights) {
  await page.getByTestId("import-weights").setInputFiles({
    name: "weights.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(weights)),
  });
}
