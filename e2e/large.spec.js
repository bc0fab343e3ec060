// End-to-end test of a large network (issue 12): at hidden 128, 4 layers and a 36-month window
// one epoch takes seconds, and the worker trains it in pieces (Trainer::train_piece), reading
// its messages between them. The epoch counter shows how far the epoch under way has got; a
// pause stops it in the middle and keeps it there; a reset answers before the epoch ends.
// Against the production bundle, like demo.spec.js. No test here measures a time.
const { test, expect } = require("@playwright/test");
const { collectErrors, waitFrames } = require("./helpers");

const LARGE = "#hidden=128&layers=4&window=36";
// The evaluation of a network this large (every window's one-step prediction and the recursive
// forecast, of five members) takes seconds on a slow machine: the snapshots after the page's
// creation and a reset wait for it, hence the long waits.
const SLOW = { timeout: 90_000 };
// The counter reads "0 · next 37%": epoch 0 completed, epoch 1 under way (the part after the
// number comes from its data-progress attribute).
const PROGRESS = /^next \d+%$/;

test("a large network shows its progress within an epoch, and pause stops it there", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto(`./${LARGE}`);
  const epoch = page.getByTestId("epoch");
  const play = page.getByTestId("play");
  await expect(page.getByTestId("model-summary")).toContainText("128", SLOW);
  await expect(epoch).toHaveText("0", SLOW);

  await play.click();
  await expect(epoch).toHaveAttribute("data-progress", PROGRESS, SLOW);
  await expect(epoch).toHaveText("0");
  await play.click();
  await expect(play).toHaveAttribute("aria-pressed", "false");
  // Stopped in the middle of the epoch: the counter still says so, and it stays where it is.
  await expect(epoch).toHaveAttribute("data-progress", PROGRESS);
  await expect(epoch).toHaveText("0");
  const paused = await epoch.getAttribute("data-progress");
  await waitFrames(page, 40);
  await expect(epoch).toHaveAttribute("data-progress", paused);
  await expect(play).toHaveAttribute("aria-pressed", "false");

  // Play goes on with the same epoch: its progress does not start again from 0 %.
  const percent = (text) => Number(/(\d+)%/.exec(text)?.[1] ?? -1);
  await play.click();
  await expect
    .poll(async () => percent(await epoch.getAttribute("data-progress")), SLOW)
    .toBeGreaterThan(percent(paused));
  await expect(epoch).toHaveText("0");

  // A reset answers while the epoch is still under way: back to epoch 0, nothing under way.
  await page.getByTestId("reset").click();
  await expect(epoch).toHaveText("0", SLOW);
  await expect(epoch).not.toHaveAttribute("data-progress");
  await expect(play).toHaveAttribute("aria-pressed", "false");
  await waitFrames(page, 20);
  await expect(epoch).toHaveText("0");
  expect(errors).toEqual([]);
});

// Every value the epoch counter's data-progress takes, recorded as it changes (a
// MutationObserver from before the page's own scripts), so that the test sees each state the
// worker posts without racing it.
async function recordProgress(page) {
  await page.addInitScript(() => {
    window.__progress = [];
    new MutationObserver((records) => {
      for (const record of records) {
        const value = record.target.getAttribute?.("data-progress");
        if (record.target.dataset?.testid === "epoch" && value !== null) {
          window.__progress.push(value);
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-progress"] });
  });
  return () => page.evaluate(() => window.__progress.slice());
}

test("a large network's evaluation comes in pieces: the page answers and shows how far it is", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const progress = await recordProgress(page);
  await page.goto(`./${LARGE}`);
  const epoch = page.getByTestId("epoch");
  const rmse = page.getByTestId("test-rmse");
  const number = /^\d+\.\d+$/;

  // The fresh model's evaluation: "0 · evaluating 12%" with dashes for its numbers, then
  // its numbers and nothing under way.
  await expect(rmse).toHaveText(number, SLOW);
  await expect(epoch).not.toHaveAttribute("data-progress");
  const atStart = (await progress()).filter((value) => /^evaluating \d+%$/.test(value));
  expect(atStart.length).toBeGreaterThan(0);
  const percents = atStart.map((value) => Number(/(\d+)%/.exec(value)[1]));
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  const untrained = await rmse.textContent();

  // Step: the epoch trains in the loop and stops there by itself; its evaluation then goes on
  // while paused, the page still showing epoch 0's numbers with the new epoch's progress.
  await page.getByTestId("step").click();
  await expect(epoch).toHaveText("1", SLOW);
  await expect(epoch).not.toHaveAttribute("data-progress");
  await expect(page.getByTestId("play")).toHaveAttribute("aria-pressed", "false");
  const stepped = await progress();
  const evaluatingEpoch1 = stepped.filter((value) => /^epoch 1: evaluating \d+%$/.test(value));
  expect(evaluatingEpoch1.length).toBeGreaterThan(0);
  // The epoch's training came first, then its evaluation.
  const lastTraining = stepped.findLastIndex((value) => /^next \d+%$/.test(value));
  expect(lastTraining).toBeLessThan(stepped.indexOf(evaluatingEpoch1[0]));
  await expect(rmse).toHaveText(number);
  const afterStep = await rmse.textContent();
  expect(afterStep).not.toBe(untrained);

  // Looking back at epoch 0 evaluates its network in pieces too: dashes and "evaluating", then
  // its numbers; back to live, epoch 1's numbers again at once (they were kept).
  const before = (await progress()).length;
  await page.evaluate(() => window.lstmEngine.send("viewEpoch", 0));
  await expect(rmse).toHaveText(number, SLOW);
  await expect(epoch).not.toHaveAttribute("data-progress");
  const lookedBack = (await progress()).slice(before);
  expect(lookedBack.some((value) => /^evaluating \d+%$/.test(value))).toBe(true);
  await page.evaluate(() => window.lstmEngine.send("viewEpoch", null));
  await expect(rmse).toHaveText(afterStep);

  // A reset once the next epoch is trained (most likely while it is evaluated): epoch 0, and
  // once the fresh weights are evaluated their numbers, which are the first ones again.
  await page.getByTestId("step").click();
  await expect
    .poll(async () => (await progress()).some((value) => value.startsWith("epoch 2:")), SLOW)
    .toBe(true);
  await page.getByTestId("reset").click();
  await expect(epoch).toHaveText("0", SLOW);
  await expect(rmse).toHaveText(untrained, SLOW);
  await expect(epoch).not.toHaveAttribute("data-progress");
  expect(errors).toEqual([]);
});
