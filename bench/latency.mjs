// How long Play, Pause and Reset take to answer while a large network trains, clicked the way a
// learner would, many times over (issue 12: "pause, step and reset answer within 100 ms").
// `npm run bench` times one pause per scenario; this repeats them at one setting and prints
// every time, and where in the epoch each click landed (the counter's data-progress).
//
//   npm run build && npm run serve:dist        # in one shell: dist/ under /demo/ on port 4173
//   node bench/latency.mjs [URL] [--query Q] [--rounds N]
//
// URL defaults to http://localhost:4173/demo/, Q to ?hidden=128&layers=4&window=36, N to 8.
// Each round: Play, wait 1.5 s + 0.25 s a round (so that the clicks fall at different points of
// the epoch and of its evaluation), Pause; then N / 2 rounds of Play, wait, Reset. A click's
// time runs from the click to the button showing the new state (Play/Pause: aria-pressed) or, for
// Reset, to the counter showing epoch 0 with no epoch under way; both wait for the worker's
// answer. Nothing here is asserted; the machine is shared and its figures vary from run to run.
import { chromium } from "@playwright/test";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const query = option("--query", "?hidden=128&layers=4&window=36");
const rounds = Number(option("--rounds", "8"));
const base = args[0] ?? "http://localhost:4173/demo/";
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}${query}`);
  // Ready once the fresh model's numbers are there (a large network's evaluation takes seconds).
  await page.waitForFunction(
    () => /\d/.test(document.querySelector('[data-testid="test-rmse"]')?.textContent ?? ""),
    null,
    { timeout: 120_000 },
  );
  const where = () => page.getByTestId("epoch").getAttribute("data-progress");

  // Clicks `testId` and resolves with the milliseconds until the page shows `state`: "playing",
  // "paused", or "reset" (epoch 0, paused, no epoch under way).
  const timeClick = (testId, state) =>
    page.evaluate(
      ([id, wanted]) =>
        new Promise((resolve) => {
          const epoch = document.querySelector('[data-testid="epoch"]');
          const play = document.querySelector('[data-testid="play"]');
          const pressed = () => play.getAttribute("aria-pressed");
          const shown = {
            playing: () => pressed() === "true",
            paused: () => pressed() === "false",
            reset: () =>
              pressed() === "false" &&
              epoch.textContent === "0" &&
              !/%/.test(epoch.dataset.progress ?? ""),
          }[wanted];
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (shown()) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, {
            subtree: true,
            attributes: true,
            childList: true,
            characterData: true,
          });
          document.querySelector(`[data-testid="${id}"]`).click();
        }),
      [testId, state],
    );
  const playMs = [];
  const pauseMs = [];
  for (let round = 0; round < rounds; round += 1) {
    playMs.push(await timeClick("play", "playing"));
    await page.waitForTimeout(1500 + 250 * round);
    const at = await where();
    pauseMs.push(await timeClick("play", "paused"));
    console.log(`pause ${pauseMs.at(-1).toFixed(0)} ms (during: ${at ?? "between epochs"})`);
  }
  const resetMs = [];
  for (let round = 0; round < Math.max(1, rounds >> 1); round += 1) {
    await timeClick("play", "playing");
    await page.waitForTimeout(1200 + 700 * round);
    const at = await where();
    resetMs.push(await timeClick("reset", "reset"));
    console.log(`reset ${resetMs.at(-1).toFixed(0)} ms (during: ${at ?? "between epochs"})`);
  }
  const range = (list) =>
    `${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)} ms (${list.length})`;
  console.log(
    `\n${query}: play ${range(playMs)}, pause ${range(pauseMs)}, reset ${range(resetMs)}`,
  );
} finally {
  await browser.close();
}
