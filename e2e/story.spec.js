// The guided story (www/story.js) and the first screen: the story walks from its first step
// to its last with Next and with →, each step's view on screen and highlighted; `story=N`
// opens step N; Esc leaves; → moves the story, not the training. At a desktop and a phone size
// the first screen shows the forecast chart and Play.
const { test, expect } = require("./fixtures");
const { collectErrors, canvasPixels, PAINTED_MIN } = require("./helpers");

const STEP_COUNT = 10;
const DESKTOP = { width: 1400, height: 1000 };
const PHONE = { width: 390, height: 844 };

// Opens the page (settings left folded, as a visitor sees it) and waits for the first chart.
async function openFresh(page, hash = "") {
  await page.goto("about:blank");
  await page.goto(`./${hash}`);
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect
    .poll(async () => (await canvasPixels(page, "forecast-canvas")).painted)
    .toBeGreaterThan(PAINTED_MIN);
}

// The highlighted view of the step on screen: it is inside the viewport and it is the one
// element marked as the story's target.
async function expectTargetInView(page) {
  const target = page.locator(".story-target");
  await expect(target).toHaveCount(1);
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  // The rest is dimmed: at least one view beside the target.
  expect(await page.locator(".story-dim").count()).toBeGreaterThan(0);
}

test.describe("the guided story", () => {
  test.use({ viewport: DESKTOP });

  test("runs from the first step to the last with Next, each view on screen", async ({ page }) => {
    const errors = collectErrors(page);
    await openFresh(page);
    await page.getByTestId("story-start").click();
    await expect(page.getByTestId("story-panel")).toBeVisible();
    const seen = new Set();
    for (let step = 1; step <= STEP_COUNT; step += 1) {
      await expect(page.getByTestId("story-step")).toHaveText(`${step} / ${STEP_COUNT}`);
      await expect(page).toHaveURL(new RegExp(`story=${step}(&|$)`));
      await expectTargetInView(page);
      const title = await page.getByTestId("story-title").textContent();
      expect(title.length).toBeGreaterThan(0);
      expect(title).not.toMatch(/^story\./); // a text, not its missing key
      seen.add(title);
      await expect(page.getByTestId("story-quote")).not.toBeEmpty();
      await expect(page.getByTestId("story-section")).not.toBeEmpty();
      // The math is written with subscripts, never as raw markup such as c_{t−1}.
      for (const id of ["story-title", "story-text", "story-quote"]) {
        expect(await page.getByTestId(id).textContent()).not.toMatch(/\b[A-Za-z]_[{\w]/);
      }
      if (step === 3)
        await expect(page.getByTestId("story-text").locator("sub").first()).toBeVisible();
      if (step < STEP_COUNT) await page.getByTestId("story-next").click();
    }
    expect(seen.size).toBe(STEP_COUNT);
    // The last step set up the comparison by its preset.
    await expect(page.getByTestId("preset-compare")).toHaveAttribute("aria-pressed", "true");
    await page.getByTestId("story-prev").click();
    await expect(page.getByTestId("story-step")).toHaveText(`${STEP_COUNT - 1} / ${STEP_COUNT}`);
    expect(errors).toEqual([]);
  });

  test("→ moves through every step and does not train an epoch", async ({ page }) => {
    await openFresh(page);
    await page.getByTestId("story-start").click();
    for (let step = 1; step <= STEP_COUNT; step += 1) {
      await expect(page.getByTestId("story-step")).toHaveText(`${step} / ${STEP_COUNT}`);
      await expectTargetInView(page);
      // The compare preset of the last step rebuilds the models; the epoch stays 0 throughout.
      await expect(page.getByTestId("epoch")).toHaveText("0");
      if (step < STEP_COUNT) await page.keyboard.press("ArrowRight");
    }
    await page.keyboard.press("PageUp");
    await expect(page.getByTestId("story-step")).toHaveText(`${STEP_COUNT - 1} / ${STEP_COUNT}`);
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByTestId("story-step")).toHaveText(`${STEP_COUNT - 2} / ${STEP_COUNT}`);
    await expect(page.getByTestId("epoch")).toHaveText("0");
    // Once the story is closed, → trains one epoch again.
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("story-panel")).toBeHidden();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("epoch")).toHaveText("1");
  });

  test("story=3 opens at the forget gate; Esc and Close leave", async ({ page }) => {
    const errors = collectErrors(page);
    await openFresh(page, "#story=3");
    await expect(page.getByTestId("story-step")).toHaveText(`3 / ${STEP_COUNT}`);
    await expectTargetInView(page);
    // The key is not read as an unknown setting.
    await expect(page.getByTestId("status")).not.toContainText("story");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("story-panel")).toBeHidden();
    await expect(page.locator(".story-target")).toHaveCount(0);
    await expect(page.locator(".story-dim")).toHaveCount(0);
    await expect(page).not.toHaveURL(/story=/);
    await page.getByTestId("story-start").click();
    await expect(page.getByTestId("story-step")).toHaveText(`1 / ${STEP_COUNT}`);
    await page.getByTestId("story-close").click();
    await expect(page.getByTestId("story-panel")).toBeHidden();
    expect(errors).toEqual([]);
  });

  test("speaks Chinese with the article's terms", async ({ page }) => {
    await openFresh(page, "#lang=zh&story=3");
    await expect(page.getByTestId("story-title")).toContainText("遗忘门");
    await expect(page.getByTestId("story-section")).toContainText("遗忘门");
    await page.getByTestId("lang-toggle").click();
    await expect(page.getByTestId("story-title")).toContainText("forget gate");
    await expect(page).toHaveURL(/story=3/);
  });
});

for (const [name, viewport] of [
  ["1400×1000", DESKTOP],
  ["390×844", PHONE],
]) {
  test.describe(`the first screen at ${name}`, () => {
    test.use({ viewport });

    test("shows the forecast chart and Play", async ({ page }) => {
      await openFresh(page);
      const canvas = await page.getByTestId("forecast-canvas").boundingBox();
      expect(canvas.y).toBeLessThan(viewport.height);
      const play = await page.getByTestId("play").boundingBox();
      expect(play.y + play.height).toBeLessThanOrEqual(viewport.height);
      // The settings come after the views, folded.
      await expect(page.locator("details.settings")).not.toHaveAttribute("open", "");
      const settings = await page.locator("section.teach-settings").boundingBox();
      expect(settings.y).toBeGreaterThan(canvas.y);
    });
  });
}

test.describe("the story on a phone", () => {
  test.use({ viewport: PHONE });

  test("keeps each step's title and buttons in its panel; only the text scrolls", async ({
    page,
  }) => {
    await openFresh(page);
    await page.getByTestId("story-start").click();
    for (let step = 1; step <= STEP_COUNT; step += 1) {
      await expect(page.getByTestId("story-step")).toHaveText(`${step} / ${STEP_COUNT}`);
      const panel = await page.getByTestId("story-panel").boundingBox();
      expect(panel.y + panel.height).toBeLessThanOrEqual(PHONE.height);
      for (const id of ["story-title", "story-next", "story-prev"]) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box.y, `${id} at step ${step}`).toBeGreaterThanOrEqual(panel.y);
        expect(box.y + box.height, `${id} at step ${step}`).toBeLessThanOrEqual(
          panel.y + panel.height,
        );
      }
      // A new step starts at the top of its text.
      expect(await page.getByTestId("story-body").evaluate((b) => b.scrollTop)).toBe(0);
      if (step < STEP_COUNT) await page.getByTestId("story-next").click();
    }
  });
});

test("in classroom mode the story's button stays, the other controls go", async ({ page }) => {
  await openFresh(page, "#classroom=1");
  await expect(page.getByTestId("story-start")).toBeVisible();
  await expect(page.getByTestId("play")).toBeHidden();
  await page.getByTestId("story-start").click();
  await expect(page.getByTestId("story-step")).toHaveText(`1 / ${STEP_COUNT}`);
});
