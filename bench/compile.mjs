// Which wasm functions V8 compiles with its optimising compiler (TurboFan) after the learner
// presses Play, and how long each compilation took (issue 12: the long tasks of the first
// seconds of training).
//
// V8 runs a wasm function first as baseline code (Liftoff) and compiles it again with TurboFan
// once it has run a while, on background threads. On a machine with two cores those threads
// take the processor from the page and the training worker, so a burst of them in the first
// seconds of training stretches a frame into a long task. The page readies its code ahead of
// time (www/views/scheduler.js draws each heavy view WARM_DRAWINGS times while idle;
// www/worker.js trains a scratch model for a moment, "Readying the engine"); this counts what
// is left for after Play.
//
//   npm run build && npm run serve:dist        # in one shell: dist/ under /demo/ on port 4173
//   node bench/compile.mjs [URL] [--query Q] [--view TESTID] [--seconds S] [--names FILE]
//        [--out FILE]
//
// URL defaults to http://localhost:4173/demo/, Q to "" (the defaults), TESTID (the view scrolled
// into sight before Play) to gates-canvas, S to 5. FILE for --names is a symbol map (lines
// "index:name", as `wasm-opt --symbolmap` writes) that names the functions; without it they are
// shown by their index. The figures go to --out (default target/bench-compile.json) and to the
// terminal. Nothing is asserted: compilations run on a shared machine's threads.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const query = option("--query", "");
const view = option("--view", "gates-canvas");
const seconds = Number(option("--seconds", "5"));
const namesFile = option("--names", null);
const out = option("--out", "target/bench-compile.json");
const base = args[0] ?? "http://localhost:4173/demo/";
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// One line V8 prints per TurboFan compilation with --trace-wasm-compilation-times, e.g.
// "Compiled function 0x14016bc018#128 using TurboFan, took 14813 μs and 2097680 / 4494280
// max/total bytes; bodysize 20420 codesize 25628 name wasm-function#128" (Chromium 14x; a
// Liftoff line says "using Liftoff"). Returns { index, ms } or null for any other line.
function parseCompilation(line) {
  const match = /Compiled function \S*#(\d+) using TurboFan, took (\d+) (μs|ms)/.exec(line);
  if (!match) return null;
  const ms = Number(match[2]) / (match[3] === "μs" ? 1000 : 1);
  return { index: Number(match[1]), ms };
}

const names = new Map();
if (namesFile) {
  for (const line of readFileSync(namesFile, "utf8").split("\n")) {
    const at = line.indexOf(":");
    if (at > 0) names.set(Number(line.slice(0, at)), line.slice(at + 1));
  }
}

// Chromium is started here, not by Playwright, so that its renderers' standard output (where V8
// prints) reaches this script; Playwright attaches over the DevTools protocol.
const browserProcess = spawn(
  CHROMIUM,
  [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--remote-debugging-port=0",
    "--js-flags=--trace-wasm-compilation-times",
    "about:blank",
  ],
  { stdio: ["ignore", "pipe", "pipe"] },
);
let playAt = null; // when Play was clicked (Date.now())
const compilations = [];
let pending = "";
browserProcess.stdout.on("data", (chunk) => {
  const now = Date.now();
  pending += chunk;
  const lines = pending.split("\n");
  pending = lines.pop();
  for (const line of lines) {
    const compiled = parseCompilation(line);
    if (compiled) compilations.push({ ...compiled, at: now });
  }
});
const endpoint = await new Promise((resolve, reject) => {
  let text = "";
  browserProcess.stderr.on("data", (chunk) => {
    text += chunk;
    const match = /DevTools listening on (ws:\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
  browserProcess.once("exit", (code) => reject(new Error(`chromium exited (${code})`)));
});

try {
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const opened = Date.now();
  await page.goto(`${base}${query}`);
  // Ready as a learner finds it: the views drawn ahead of time and the engine readied.
  await page.waitForFunction(() => document.documentElement.dataset.readyToPlay === "true", null, {
    timeout: 60_000,
  });
  const readyMs = Date.now() - opened;
  await page.waitForTimeout(1000);
  if (view) await page.getByTestId(view).scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  const before = compilations.length;
  playAt = Date.now();
  await page.getByTestId("play").evaluate((button) => button.click());
  await page.waitForTimeout(seconds * 1000);
  await browser.close();

  const after = compilations.slice(before).map((c) => ({ ...c, at: c.at - playAt }));
  const sum = (list) => Math.round(list.reduce((total, c) => total + c.ms, 0));
  const firstHalfSecond = after.filter((c) => c.at < 500);
  const result = {
    when: new Date().toISOString(),
    url: `${base}${query}`,
    view,
    seconds,
    readyMs,
    beforePlay: { count: before, ms: sum(compilations.slice(0, before)) },
    afterPlay: { count: after.length, ms: sum(after) },
    firstHalfSecond: { count: firstHalfSecond.length, ms: sum(firstHalfSecond) },
    slowest: [...after]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 12)
      .map((c) => ({
        function: names.get(c.index) ?? `#${c.index}`,
        ms: Math.round(c.ms * 10) / 10,
        atMs: c.at,
      })),
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `${result.url} (${view || "no view"} on screen): TurboFan before Play ` +
      `${result.beforePlay.count} functions, ${result.beforePlay.ms} ms; after Play ` +
      `${result.afterPlay.count}, ${result.afterPlay.ms} ms ` +
      `(first 0.5 s: ${firstHalfSecond.length}, ${result.firstHalfSecond.ms} ms); ` +
      `ready ${readyMs} ms after opening`,
  );
  for (const c of result.slowest) console.log(`  ${c.ms} ms  +${c.atMs} ms  ${c.function}`);
  console.log(`written to ${out}`);
} finally {
  browserProcess.kill();
}
