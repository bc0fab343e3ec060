// Offline use of the production build (www/offline.js, www/service-worker.js,
// scripts/offline-plugin.cjs): after one visit the page loads, reloads and trains with the
// browser offline; a new deploy installs beside the running version, the page says so, and
// its button reloads into the new version, whose cache replaces the old one.
//
// The build is served under a sub-path, /lstm-conveyor/ (as GitHub Pages would), from a copy of
// dist/ in a temporary folder, on a port of its own (E2E_PORT + 12), so that the update test
// can deploy a new version into the copy without touching dist/.
const { test, expect } = require("@playwright/test");
const { spawn } = require("node:child_process");
const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { name: REPOSITORY } = require("../package.json");
const { collectErrors, canvasPixels, PAINTED_MIN, stepEpochs } = require("./helpers");

const PORT = (Number(process.env.E2E_PORT) || 4173) + 12;
const SITE = `http://localhost:${PORT}/${REPOSITORY}/`;
const ROOT = path.resolve(__dirname, "..");

let server;
let site;

test.beforeAll(async () => {
  site = mkdtempSync(path.join(os.tmpdir(), "lstm-offline-"));
  cpSync(path.join(ROOT, "dist"), site, { recursive: true });
  server = spawn(
    process.execPath,
    ["scripts/serve-dist.mjs", "--port", String(PORT), "--base", `/${REPOSITORY}/`, "--dir", site],
    { cwd: ROOT, stdio: "ignore" },
  );
  await expect
    .poll(async () => (await fetch(SITE).catch(() => null))?.status ?? 0, { timeout: 15_000 })
    .toBe(200);
});

test.afterAll(() => {
  server?.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

// Waits until a service worker controls `page`; returns its script's URL.
async function waitControlled(page) {
  return page.evaluate(async () => {
    const container = navigator.serviceWorker;
    await container.ready;
    if (!container.controller) {
      await new Promise((resolve) =>
        container.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
    return container.controller.scriptURL;
  });
}

// Waits for the page's first chart and its epoch 0.
async function waitFirstChart(page) {
  await expect(page.getByTestId("epoch")).toHaveText("0");
  await expect
    .poll(async () => (await canvasPixels(page, "forecast-canvas")).painted)
    .toBeGreaterThan(PAINTED_MIN);
}

const cacheNames = (page) => page.evaluate(() => caches.keys());
const epochOf = async (page) => Number(await page.getByTestId("epoch").textContent());

// Deploys a new version into the served folder: index.html gains a marker, and sw.js a new
// version (what the build's content hash does when any file changes).
function deployNewVersion() {
  const indexFile = path.join(site, "index.html");
  writeFileSync(
    indexFile,
    readFileSync(indexFile, "utf8").replace("<head>", '<head><meta name="deploy" content="next">'),
  );
  const swFile = path.join(site, "sw.js");
  const sw = readFileSync(swFile, "utf8");
  const [, version] = sw.match(/"version":"([0-9a-f]+)"/);
  writeFileSync(swFile, sw.replace(`"version":"${version}"`, `"version":"${version}next"`));
  return { oldVersion: version, newVersion: `${version}next` };
}

test("after one visit the page loads, reloads and trains with the browser offline", async ({
  page,
  context,
}) => {
  const errors = collectErrors(page);
  const failedRequests = [];
  await page.goto(SITE);
  await waitFirstChart(page);
  expect(await waitControlled(page)).toBe(`${SITE}sw.js`);
  // One cache, this app's, named after its scope.
  const names = await cacheNames(page);
  expect(names).toHaveLength(1);
  expect(names[0].startsWith(`lstm-conveyor:${SITE}:`)).toBe(true);

  await context.setOffline(true);
  // The browser really is offline; from here on no request of the page may fail (the worker
  // answers every one from its cache).
  page.on("requestfailed", (request) => failedRequests.push(request.url()));
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  await page.reload();
  await waitFirstChart(page);
  await stepEpochs(page, 2);
  await expect(page.getByTestId("train-loss")).toHaveText(/^\d/);
  await page.getByTestId("play").click();
  await expect.poll(() => epochOf(page)).toBeGreaterThan(5);
  await page.getByTestId("play").click();

  // Another address of the page (a query, a hash) loads from the cache too.
  await page.goto(`${SITE}?lang=zh`);
  await waitFirstChart(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  await stepEpochs(page, 1);
  expect(failedRequests).toEqual([]);
  expect(errors).toEqual([]);
});

test("a new deploy shows the notice without reloading; its button loads the new version", async ({
  page,
  context,
}) => {
  const errors = collectErrors(page);
  await page.goto(SITE);
  await waitFirstChart(page);
  await waitControlled(page);
  await expect(page.getByTestId("update-notice")).toBeHidden();
  // The learner trains; a marker tells whether this page is ever reloaded.
  await page.evaluate(() => (window.__sameLoad = true));
  await page.getByTestId("play").click();
  await expect.poll(() => epochOf(page)).toBeGreaterThan(2);

  const { oldVersion, newVersion } = deployNewVersion();
  // The learner opens the page again in another tab: the browser finds the new worker.
  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await other.goto(SITE);
  await waitFirstChart(other);
  await other.evaluate(() => (window.__sameLoad = true));

  // Both tabs say so, in their language, and the training tab trains on, not reloaded.
  await expect(page.getByTestId("update-notice")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("update-notice")).toContainText("A new version");
  await expect(other.getByTestId("update-notice")).toBeVisible();
  const epochAtNotice = await epochOf(page);
  await expect.poll(() => epochOf(page)).toBeGreaterThan(epochAtNotice + 2);
  expect(await page.evaluate(() => window.__sameLoad)).toBe(true);
  // Still the old version: its cache serves both tabs.
  await expect(page.locator('meta[name="deploy"]')).toHaveCount(0);

  // Reload: the new worker takes over and this tab loads the new version.
  await page.getByTestId("update-reload").click();
  await expect(page.locator('meta[name="deploy"]')).toHaveCount(1);
  await waitFirstChart(page);
  expect(await page.evaluate(() => window.__sameLoad)).toBeUndefined();
  await expect(page.getByTestId("update-notice")).toBeHidden();
  // The new version's cache replaced the old one.
  await expect.poll(() => cacheNames(page)).toEqual([`lstm-conveyor:${SITE}:${newVersion}`]);
  expect(oldVersion).not.toBe(newVersion);
  await stepEpochs(page, 1);

  // The other tab was not reloaded for it: it still offers the reload, and Later hides it.
  expect(await other.evaluate(() => window.__sameLoad)).toBe(true);
  await expect(other.getByTestId("update-notice")).toBeVisible();
  await other.getByTestId("update-later").click();
  await expect(other.getByTestId("update-notice")).toBeHidden();
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});
