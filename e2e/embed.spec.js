// Presenter mode and embedding (www/embed.js): `#embed=VIEW` shows one view alone, filling the
// window, with a minimal bar; it honours the other URL settings, works inside
// <iframe sandbox="allow-scripts">, and the presenter keys step the belt instead of training.
const { test, expect } = require("./fixtures");
const { collectErrors, canvasPixels, PAINTED_MIN } = require("./helpers");

const VIEWPORT = { width: 1280, height: 720 };
// Each view and its main canvas.
const VIEWS = {
  forecast: "forecast-canvas",
  loss: "loss-canvas",
  gates: "gates-canvas",
  belt: "belt-canvas",
  cell: "cell-diagram",
  gradient: "gradient-canvas",
  compare: "forecast-canvas",
};
// The cell diagram shares the width with its equation panel (as on the page).
const MIN_WIDTH_SHARE = { cell: 0.55 };

test.use({ viewport: VIEWPORT });

// Opens `hash` as a fresh load and waits for the embed bar and a drawn `canvas`.
async function openEmbed(page, hash, canvas) {
  await page.goto("about:blank");
  await page.goto(`./${hash}`);
  await expect(page.getByTestId("embed-bar")).toBeVisible();
  await expect
    .poll(async () => (await canvasPixels(page, canvas)).painted)
    .toBeGreaterThan(PAINTED_MIN);
}

const epochShown = async (page) =>
  Number((await page.getByTestId("embed-epoch").textContent()).replace(/\D+/g, ""));

for (const [view, canvas] of Object.entries(VIEWS)) {
  test(`#embed=${view} shows that view alone, filling the window, and trains on Play`, async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await openEmbed(page, `#embed=${view}`, canvas);
    await expect(page.locator("body")).toHaveClass(/\bembed\b/);
    // The rest of the page is hidden: the header, the settings, the page's own controls.
    await expect(page.locator(".page")).toBeHidden();
    await expect(page.getByTestId("settings-panel")).toBeHidden();
    await expect(page.getByTestId("play")).toBeHidden();
    const box = await page.getByTestId(canvas).boundingBox();
    expect(box.width).toBeGreaterThanOrEqual(VIEWPORT.width * (MIN_WIDTH_SHARE[view] ?? 0.9));
    expect(box.height).toBeGreaterThan(100);
    expect(box.y).toBeLessThan(VIEWPORT.height);
    // The other embeddable canvases are not on screen.
    for (const other of new Set(Object.values(VIEWS))) {
      if (other === canvas) continue;
      if (view === "compare" && other === "loss-canvas") continue;
      await expect(page.getByTestId(other)).toBeHidden();
    }
    expect(await epochShown(page)).toBe(0);
    await page.getByTestId("embed-play").click();
    await expect.poll(() => epochShown(page)).toBeGreaterThan(2);
    await page.getByTestId("embed-play").click();
    expect(errors).toEqual([]);
  });
}

test("#embed=compare without a compare setting trains the compare preset's RNN beside it", async ({
  page,
}) => {
  await openEmbed(page, "#embed=compare", "forecast-canvas");
  await expect(page.getByTestId("loss-canvas")).toBeVisible();
  // The page's settings say so too (the hidden comparison column names the second cell).
  await expect(page.getByTestId("compare-cell")).toHaveText("RNN");
  expect(await page.evaluate(() => location.hash)).toContain("compare=rnn");
});

test("#embed=belt&window=24&lang=zh is in Chinese with a 24-step belt; window=12 gives 12", async ({
  page,
}) => {
  await openEmbed(page, "#embed=belt&window=24&lang=zh", "belt-canvas");
  await expect(page.getByTestId("embed-play")).toHaveText("播放");
  await expect(page.getByTestId("belt-prev")).toHaveText("上一步");
  await expect(page.getByTestId("belt-step-label")).toContainText("共 24 步");
  await expect(page.getByTestId("status")).toContainText("沿传送带");
  // The setting is honoured, not the default by chance; the query is read with the hash.
  await openEmbed(page, "?lang=zh#embed=belt&window=12", "belt-canvas");
  await expect(page.getByTestId("belt-step-label")).toContainText("共 12 步");
  await expect(page.getByTestId("embed-step")).toHaveText("单步");
});

test("an unknown view says which views exist and shows the whole page", async ({ page }) => {
  await page.goto("about:blank");
  await page.goto("./#embed=nope");
  await expect(page.locator(".page")).toBeVisible();
  await expect(page.getByTestId("embed-bar")).toHaveCount(0);
  const status = page.getByTestId("status");
  await expect(status).toContainText("embed=nope");
  await expect(status).toContainText("forecast, loss, gates, belt, cell, gradient, compare");
});

test("the embedded belt loads and trains inside <iframe sandbox=allow-scripts>", async ({
  page,
  baseURL,
}) => {
  const errors = collectErrors(page);
  // A host page of the test's own, next to the demo, with the snippet from the README.
  const host = new URL("embed-host.html", baseURL).href;
  const src = new URL("#embed=belt&window=24&lang=zh", baseURL).href;
  await page.route(host, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><iframe src="${src}" sandbox="allow-scripts" width="1000" height="600"></iframe>`,
    }),
  );
  await page.goto(host);
  const frame = page.frameLocator("iframe");
  await expect(frame.getByTestId("embed-epoch")).toHaveText("第 0 轮");
  await expect(frame.getByTestId("belt-step-label")).toContainText("共 24 步");
  await frame.getByTestId("embed-step").click();
  await expect(frame.getByTestId("embed-epoch")).toHaveText("第 1 轮");
  // The frame's origin really is opaque (no allow-same-origin).
  const origin = await page.frames()[1].evaluate(() => self.origin);
  expect(origin).toBe("null");
  expect(errors).toEqual([]);
});

test("in classroom mode → and Page Up step the belt and train nothing; belt-prev goes back", async ({
  page,
}) => {
  await page.goto("about:blank");
  await page.goto("./#classroom=1");
  const belt = page.getByTestId("belt-canvas");
  await expect(belt).toHaveAttribute("data-step", "24");
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await page.locator("body").press("ArrowRight");
  await expect(belt).toHaveAttribute("data-step", "1");
  await page.locator("body").press("PageDown");
  await expect(belt).toHaveAttribute("data-step", "2");
  await page.locator("body").press("PageUp");
  await expect(belt).toHaveAttribute("data-step", "1");
  await page.locator("body").press("ArrowLeft");
  await expect(belt).toHaveAttribute("data-step", "24");
  // The same keys trained nothing (a step would have shown epoch 1 by now).
  await expect(page.getByTestId("epoch")).toHaveText("0");
  // The belt's own Previous step.
  await page.getByTestId("belt-prev").click();
  await expect(belt).toHaveAttribute("data-step", "23");
  await page.getByTestId("belt-step").click();
  await expect(belt).toHaveAttribute("data-step", "24");
});

test("outside classroom mode → still trains one epoch; the belt speed menu offers 0.5×–2×", async ({
  page,
}) => {
  await page.goto("about:blank");
  await page.goto("./");
  await expect(page.getByTestId("belt-canvas")).toHaveAttribute("data-step", "24");
  await page.locator("body").press("ArrowRight");
  await expect(page.getByTestId("epoch")).toHaveText("1");
  await expect(page.getByTestId("belt-canvas")).toHaveAttribute("data-step", "24");
  const speeds = await page
    .getByTestId("belt-speed")
    .locator("option")
    .evaluateAll((options) => options.map((o) => o.value));
  expect(speeds).toEqual(["0.5", "1", "2"]);
  await expect(page.getByTestId("belt-speed")).toHaveValue("1");
});
