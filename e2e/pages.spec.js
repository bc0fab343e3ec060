// GitHub Pages serves a project site under the repository's path, https://OWNER.github.io/REPO/.
// This serves dist/ the same way, under /lstm-conveyor/ (the package's name, taken as the
// repository's), on a port of its own, and checks that the page and its worker and wasm load
// from there and train. (.github/workflows/pages.yml deploys dist/; tests/js/pages.test.mjs
// checks the workflow itself.)
const { test, expect } = require("./fixtures");
const { spawn } = require("node:child_process");
const path = require("node:path");
const { name: REPOSITORY } = require("../package.json");
const { collectErrors, canvasPixels, PAINTED_MIN, stepEpochs } = require("./helpers");

const PORT = (Number(process.env.E2E_PORT) || 4173) + 11;
const SITE = `http://localhost:${PORT}/${REPOSITORY}/`;

let server;

test.beforeAll(async () => {
  const root = path.resolve(__dirname, "..");
  server = spawn(
    process.execPath,
    [
      "scripts/serve-dist.mjs",
      "--port",
      String(PORT),
      "--base",
      `/${REPOSITORY}/`,
      "--dir",
      "dist",
    ],
    { cwd: root, stdio: "ignore" },
  );
  // Wait until it answers.
  await expect
    .poll(async () => (await fetch(SITE).catch(() => null))?.status ?? 0, { timeout: 15_000 })
    .toBe(200);
});

test.afterAll(() => server?.kill());

test(`dist/ works under the repository's path (/${REPOSITORY}/) and trains`, async ({ page }) => {
  const errors = collectErrors(page);
  const failed = [];
  page.on("requestfailed", (request) => failed.push(request.url()));
  const outside = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(SITE) && !request.url().startsWith("blob:"))
      outside.push(request.url());
  });
  await page.goto(SITE);
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect
    .poll(async () => (await canvasPixels(page, "forecast-canvas")).painted)
    .toBeGreaterThan(PAINTED_MIN);
  await stepEpochs(page, 2);
  await expect(page.getByTestId("train-loss")).toHaveText(/^\d/);
  expect(failed).toEqual([]);
  expect(outside).toEqual([]); // every file comes from under the site's path
  expect(errors).toEqual([]);
});
