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
