#!/usr/bin/env node
// Runs the page's "RNN vs LSTM" preset to its 2,000 epochs in headless Chromium, on the
// production build in dist/ (build it first: `npm run build`), and prints both models' numbers
// as the page shows them; it also writes the picture of their two gradient flows that the
// README shows (docs/compare-gradients.png). Not part of `npm test`: it takes about a minute
// and asserts nothing.
//
//   node tools/preset_run.mjs [--seed N] [--out FILE.png]
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = 4187;
const BASE = "/demo/";
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const seed = Number(option("--seed", "1"));
const out = path.resolve(ROOT, option("--out", "docs/compare-gradients.png"));

const server = spawn(
  "node",
  ["scripts/serve-dist.mjs", "--port", String(PORT), "--base", BASE, "--dir", "dist"],
  { cwd: ROOT, stdio: "ignore" },
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const url = `http://localhost:${PORT}${BASE}#lang=en&speed=50`;
  for (let tries = 0; ; tries += 1) {
    try {
      await page.goto(url);
      break;
    } catch (error) {
      if (tries > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const byId = (id) => page.getByTestId(id);
  await byId("setting-hidden").waitFor({ state: "attached" });
  await byId("preset-compare").click();
  await page.waitForFunction(() => location.hash.includes("data=long_memory"));
  if (seed !== 1) {
    await byId("setting-seed").fill(String(seed));
    await byId("setting-seed").press("Enter");
  }
  const started = Date.now();
  await byId("play").click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="epoch"]')?.textContent === "2000",
    null,
    { timeout: 900_000, polling: 500 },
  );
  console.log(`${page.url().split("#")[1]}`);
  console.log(`2,000 epochs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const read = async (id) => (await byId(id).textContent()).trim();
  console.log("| | LSTM | RNN |\n|---|---|---|");
  for (const [label, own, other] of [
    ["train loss", "train-loss", "compare-train-loss"],
    ["test loss", "test-loss", "compare-test-loss"],
    ["one-step test RMSE", "test-rmse", "compare-test-rmse"],
  ])
    console.log(`| ${label} | ${await read(own)} | ${await read(other)} |`);
  await byId("gradient-canvas").scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="gradient-compare-canvas"]').hidden,
  );
  await page.waitForTimeout(500);
  // The part of the gate section from the first caption to the note under the second flow,
  // in page coordinates (a full-page screenshot's clip is measured from the page's top).
  const clip = await page.evaluate(() => {
    const rect = (id) => document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
    const section = document.querySelector("#gates-section").getBoundingClientRect();
    const top = rect("gradient-caption").top + scrollY - 8;
    const bottom = rect("gradient-compare-note").bottom + scrollY + 8;
    return { x: section.left + scrollX, y: top, width: section.width, height: bottom - top };
  });
  await page.screenshot({ path: out, fullPage: true, clip });
  console.log(`gradient flows: ${path.relative(ROOT, out)}`);
} finally {
  await browser.close();
  server.kill();
}
