#!/usr/bin/env node
// `npm run soak`: 10,000 epochs of the built page (dist/) in headless Chromium at the highest
// speed with the gate views on screen, watching memory; writes SOAK.md.
//
//   npm run soak                   10,000 epochs (minutes unloaded; an hour on a busy machine)
//   npm run soak -- --epochs 2000  a shorter soak (a multiple of 1,000), for trying it out
//   npm run soak -- --minutes 30   stop at the last 1,000 reached within 30 minutes, then click
//   npm run soak -- --from FILE    only write SOAK.md again, from a run's target/soak/results.json
//
// It measures the production bundle as it is and builds nothing: if dist/ is missing or older
// than www/, pkg/ or index.html, it stops and says to run `npm run build` first (a build takes
// minutes of CPU, and a soak should say what it measured, not rebuild it on the way).
//
// What it does, with Playwright driving the system's /usr/bin/chromium:
//   - opens the page with ?epochs=1000&speed=50: the page's own "stop at" setting then pauses
//     training at every multiple of 1,000 (the status "Paused at epoch …"), and 50 epochs per
//     frame is the speed menu's highest (www/settings.js, epochsPerFrame);
//   - makes the window tall enough (1280 px wide) that the controls, the gate heatmaps and the
//     belt are all on screen at once: the page draws only the views on screen, and the clicks
//     at the end are real mouse clicks on the Play/Pause button, with nothing scrolled;
//   - at epoch 0 and at each pause: the worker's wasm memory (the engine's memoryUsage
//     command), the page's JS heap after a garbage collection (CDP HeapProfiler.collectGarbage,
//     then Runtime.getHeapUsage), and the snapshot store's kept epochs; then Play again;
//   - at the end six clicks on Play/Pause (play, pause, …, the pauses while training at full
//     speed): the Event Timing API's duration of each (input to next paint) and the page's own
//     pointerdown → button-changed and pointerdown → next-frame times;
//   - the verdict (scripts/soak-verdict.mjs): "flat" and the click limit defined there.
// Not part of `npm test`: it runs for minutes.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import {
  CLICK_LIMIT_MS,
  FLAT_LIMIT,
  SNAPSHOT_CAP_BYTES,
  capEpoch,
  mib,
  verdict,
} from "./soak-verdict.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FIRST_CHART_MARK = "lstm:first-chart"; // set by www/index.js
const EVERY = 1000;
const SPEED = 50; // the speed menu's highest: epochs per frame
const WIDTH = 1280;
const CLICKS = 6;
// A pause that does not come within this long means training stalled: the soak stops.
const STALL_MS = 10 * 60 * 1000;
const OUT = path.join(ROOT, "SOAK.md");
const RESULTS = path.join(ROOT, "target", "soak", "results.json");

function say(text) {
  console.log(`soak: ${text}`);
}

function parseArgs(argv) {
  let epochs = 10000;
  let from = null;
  let minutes = null;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--epochs") {
      epochs = Number(argv[i + 1]);
      i += 1;
    } else if (argv[i] === "--minutes") {
      minutes = Number(argv[i + 1]);
      if (!(minutes > 0)) throw new Error(`--minutes must be a number > 0, not ${argv[i + 1]}`);
      i += 1;
    } else if (argv[i] === "--from") {
      from = argv[i + 1];
      i += 1;
    } else {
      throw new Error(
        `unknown argument ${argv[i]} (expected --epochs N, --minutes M, --from FILE)`,
      );
    }
  }
  if (from !== null) return { from };
  if (!Number.isInteger(epochs) || epochs < 2 * EVERY || epochs % EVERY !== 0) {
    throw new Error(`--epochs must be a multiple of ${EVERY} of at least ${2 * EVERY}`);
  }
  return { epochs, minutes };
}

// The newest modification time of anything under `dir` (a file or a folder of files).
function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(target).map((name) => newest(path.join(target, name))),
  );
}

function requireFreshDist() {
  const built = path.join(ROOT, "dist", "index.html");
  if (!existsSync(built)) throw new Error("there is no dist/: run `npm run build` first");
  const builtAt = statSync(built).mtimeMs;
  const stale = ["www", "pkg", "index.html"].filter((p) => newest(path.join(ROOT, p)) > builtAt);
  if (stale.length > 0) {
    throw new Error(
      `dist/ is older than ${stale.join(", ")}: run \`npm run build\` first ` +
        "(or `npx webpack --mode production` when only www/ changed)",
    );
  }
}

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "?";
  return {
    cpu: model.trim(),
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function serve(port) {
  const child = spawn(
    process.execPath,
    ["scripts/serve-dist.mjs", "--port", String(port), "--base", "/demo/", "--dir", "dist"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    child.stdout.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`the server for dist/ exited (${code})`)));
  });
}

// Installed before the page's scripts: records, for each pointerdown on the Play/Pause
// button, its time stamp, when the button next changed (aria-pressed) and when the frame
// after that change was presented (a message-channel hop after the frame's callbacks runs
// once the frame is handed to the compositor), and every Event Timing entry.
function clickRecorder() {
  const state = { clicks: [], events: [] };
  window.__soak = state;
  document.addEventListener(
    "pointerdown",
    (event) => {
      if (event.target.closest?.('[data-testid="play"]')) {
        const click = { down: event.timeStamp, firstPaint: null, applied: null, painted: null };
        state.clicks.push(click);
        // The first frame after the input, whatever it shows.
        requestAnimationFrame(() => {
          const frame = new MessageChannel();
          frame.port1.onmessage = () => {
            click.firstPaint = performance.now();
          };
          frame.port2.postMessage(null);
        });
      }
    },
    true,
  );
  const hop = new MessageChannel();
  let pending = null;
  hop.port1.onmessage = () => {
    if (pending) pending.painted = performance.now();
    pending = null;
  };
  const watch = () => {
    const button = document.querySelector('[data-testid="play"]');
    if (!button) return;
    new MutationObserver(() => {
      const click = state.clicks[state.clicks.length - 1];
      if (!click || click.applied !== null) return;
      click.applied = performance.now();
      requestAnimationFrame(() => {
        pending = click;
        hop.port2.postMessage(null);
      });
    }).observe(button, { attributes: true, attributeFilter: ["aria-pressed"] });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        state.events.push({
          name: e.name,
          start: e.startTime,
          duration: e.duration,
          interactionId: e.interactionId,
        });
      }
    }).observe({ type: "event", durationThreshold: 16, buffered: true });
  } catch {
    // no Event Timing in this browser: the page's own measures remain
  }
}

async function main() {
  const { epochs, minutes, from } = parseArgs(process.argv.slice(2));
  if (from) {
    // Only the report again, from the figures of an earlier run.
    const saved = JSON.parse(readFileSync(from, "utf8"));
    saved.startedAt = new Date(saved.startedAt);
    writeFileSync(OUT, report(saved));
    say(`wrote ${path.relative(ROOT, OUT)} from ${from}`);
    return;
  }
  requireFreshDist();
  const host = machine();
  const loadBefore = os.loadavg();
  const startedAt = new Date();
  const port = Number(process.env.SOAK_PORT) || (await freePort());
  const server = await serve(port);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const deadline = minutes === null ? Infinity : Date.now() + minutes * 60 * 1000;
    const result = await soak(browser, `http://127.0.0.1:${port}/demo/`, epochs, deadline);
    const loadAfter = os.loadavg();
    const figures = { host, loadBefore, loadAfter, startedAt, epochs, minutes, ...result };
    // The raw figures first, so that the report can be written again (--from) without a rerun.
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, JSON.stringify(figures, null, 2));
    writeFileSync(OUT, report(figures));
    say(`wrote ${path.relative(ROOT, OUT)}`);
  } finally {
    await browser.close();
    server.kill();
  }
}

async function soak(browser, baseUrl, epochs, deadline) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 900 } });
  await context.addInitScript(clickRecorder);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const query = `?epochs=${EVERY}&speed=${SPEED}`;
  await page.goto(`${baseUrl}${query}`);
  await page.waitForFunction(
    (mark) => performance.getEntriesByName(mark).length > 0,
    FIRST_CHART_MARK,
  );
  const height = await tallEnough(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.enable");

  const engine = (command) => page.evaluate((c) => window.lstmEngine.send(c), command);
  const latest = () =>
    page.evaluate(() => {
      const s = window.lstmEngine.latest();
      return {
        epoch: s.epoch,
        playing: s.playing,
        kept: s.snapshotEpochs.length,
        lastKept: s.snapshotEpochs[s.snapshotEpochs.length - 1],
        numel: s.paramCount.numel,
        settings: s.settings,
      };
    });
  const sample = async (wallMs) => {
    const { wasmBytes } = await engine("memoryUsage");
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    const state = await latest();
    return {
      epoch: state.epoch,
      wallS: wallMs / 1000,
      wasmBytes,
      heapUsed: heap.usedSize,
      heapTotal: heap.totalSize,
      kept: state.kept,
      lastKept: state.lastKept,
    };
  };

  const first = await latest();
  const samples = [await sample(0)];
  say(`epoch 0: wasm ${mib(samples[0].wasmBytes)} MiB, heap ${mib(samples[0].heapUsed)} MiB`);
  const play = page.getByTestId("play");
  const start = Date.now();
  let stoppedEarly = false;
  for (let target = EVERY; target <= epochs; target += EVERY) {
    // With --minutes: no next 1,000 that would not end in time, going by the last one's time.
    const last = samples.length > 1 ? samples.at(-1).wallS - samples.at(-2).wallS : 0;
    if (Date.now() + last * 1000 > deadline) {
      say(`the time budget runs out: stopping at epoch ${target - EVERY}`);
      stoppedEarly = true;
      break;
    }
    // The button is on screen (tallEnough), but a click through the DOM keeps the soak's
    // own clicks out of the latency figures measured at the end.
    await play.evaluate((button) => button.click());
    await page.waitForFunction(
      (t) => {
        const s = window.lstmEngine.latest();
        return s.epoch >= t && !s.playing;
      },
      target,
      { timeout: STALL_MS, polling: 250 },
    );
    const row = await sample(Date.now() - start);
    samples.push(row);
    say(
      `epoch ${row.epoch} after ${row.wallS.toFixed(0)} s: wasm ${mib(row.wasmBytes)} MiB, ` +
        `heap ${mib(row.heapUsed)} / ${mib(row.heapTotal)} MiB, ${row.kept} kept`,
    );
    if (row.epoch !== target) throw new Error(`expected a pause at ${target}, got ${row.epoch}`);
  }
  const clicks = await clickLatencies(page, play);
  return { query, height, first, samples, clicks, errors, stoppedEarly };
}

// Makes the window tall enough to show the Play button, the gate heatmaps and the belt at
// once (at the top of the page, nothing scrolled), and checks that they are all in view.
async function tallEnough(page) {
  const belt = await page.getByTestId("belt-canvas").boundingBox();
  const height = Math.ceil(belt.y + belt.height + 40);
  await page.setViewportSize({ width: WIDTH, height });
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const id of ["play", "gates-canvas", "belt-canvas"]) {
    const box = await page.getByTestId(id).boundingBox();
    if (!box || box.y < 0 || box.y + box.height > height) {
      throw new Error(`${id} is not on screen in a ${WIDTH}×${height} window`);
    }
  }
  return height;
}

// Real mouse clicks on Play/Pause, each a second after the last, so that the pauses come
// while training runs at full speed; reads what clickRecorder saw.
async function clickLatencies(page, play) {
  await page.evaluate(() => {
    window.__soak.clicks.length = 0;
  });
  const box = await play.boundingBox();
  const states = [];
  for (let i = 0; i < CLICKS; i += 1) {
    const before = await play.getAttribute("aria-pressed");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(
      (was) => document.querySelector('[data-testid="play"]').getAttribute("aria-pressed") !== was,
      before,
      { timeout: 5000 },
    );
    states.push(before === "true" ? "pause" : "play");
    await page.waitForTimeout(1000);
  }
  const seen = await page.evaluate(() => window.__soak);
  if (seen.clicks.length !== CLICKS) {
    throw new Error(`expected ${CLICKS} pointerdowns on Play, saw ${seen.clicks.length}`);
  }
  return seen.clicks.map((click, i) => {
    // The Event Timing entries of this click: those that start at its pointerdown.
    const entries = seen.events.filter(
      (e) => e.start >= click.down - 1 && e.start < click.down + 500,
    );
    return {
      action: states[i],
      appliedMs: click.applied === null ? null : click.applied - click.down,
      firstPaintMs: click.firstPaint === null ? null : click.firstPaint - click.down,
      nextPaintMs: click.painted === null ? null : click.painted - click.down,
      eventTimingMs: entries.length > 0 ? Math.max(...entries.map((e) => e.duration)) : null,
    };
  });
}

function report({
  host,
  loadBefore,
  loadAfter,
  startedAt,
  epochs,
  minutes,
  stoppedEarly,
  query,
  height,
  first,
  samples,
  clicks,
  errors,
}) {
  const snapshotBytes = first.numel * 4;
  const reached = samples.at(-1).epoch;
  const cap = capEpoch(snapshotBytes, reached);
  const v = verdict(samples, clicks, cap);
  const load = (l) => l.map((x) => x.toFixed(2)).join(", ");
  const ms = (x) => (x === null ? "–" : x.toFixed(1));
  const s = first.settings;
  const lines = [
    "# Soak",
    "",
    `Written by \`npm run soak\` (scripts/soak.mjs) on ${startedAt.toISOString()}; ` +
      "a generated file: run it again rather than editing it.",
    "",
    `Machine: ${host.cpu}, ${host.cores} cores, ${host.memory}; ${host.platform}; ` +
      `Node ${host.node}; headless Chromium (${CHROMIUM}) driven by Playwright.`,
    `Load average (1, 5, 15 min) before the run: ${load(loadBefore)}; after: ${load(loadAfter)}` +
      ` (the machine is shared: a load above ${host.cores} means the soak waited for the CPU).`,
    "",
    ...(stoppedEarly
      ? [
          `**Incomplete**: the run's time budget (\`--minutes ${minutes}\`) ran out, so it ` +
            `stopped at epoch ${reached} of ${epochs}; every figure below covers epochs 0 to ` +
            `${reached} only.`,
          "",
        ]
      : []),
    "## Settings",
    "",
    `- The built page (dist/) opened with \`${query}\`: the shipped defaults ` +
      `(${s.cell.toUpperCase()}, ${s.layers} × ${s.hidden} units, window ${s.window}, ` +
      `ensemble of ${s.ensemble}, ${s.optimizer}), ${SPEED} epochs per frame (the speed ` +
      `menu's highest), and training pausing by itself at every multiple of ${EVERY}, where ` +
      "the figures are taken before Play is pressed again.",
    `- A ${WIDTH} × ${height} px window: the controls, the gate heatmaps and the belt are on ` +
      "screen together (and so drawn every frame), with the views between them.",
    "- Worker wasm: the byte length of the worker's wasm memory (the engine's `memoryUsage` " +
      "command); it grows in 64 KiB pages and never shrinks, so it shows the allocator's peak.",
    "- Page JS heap: CDP `Runtime.getHeapUsage` on the page right after " +
      "`HeapProfiler.collectGarbage`: used and total (the V8 heap; the page's own drawing " +
      "wasm and the canvases are not in it). The worker's JS heap is not measured.",
    `- Snapshot store: one network of ${first.numel} weights, ${(snapshotBytes / 1024).toFixed(1)} KiB ` +
      `per kept epoch, capped at ${mib(SNAPSHOT_CAP_BYTES)} MiB (src/snapshots.rs). ` +
      (cap === null
        ? `At these settings the cap is not reached within ${reached} epochs (the store ` +
          `keeps about ten epochs a decade: ${samples.at(-1).kept} at epoch ` +
          `${reached}; the cap holds ${Math.floor(SNAPSHOT_CAP_BYTES / snapshotBytes)}), so "after the cap" is taken as from epoch ${v.baselineEpoch}, the first ` +
          "sample; the store then grows by the few epochs the schedule still keeps."
        : `The cap is reached at epoch ${cap}; flatness is measured from epoch ` +
          `${v.baselineEpoch}, the first sample at or after it.`),
    "",
    "## Every 1,000 epochs",
    "",
    "| Epoch | Wall time (s) | Worker wasm (MiB) | Page JS heap used (MiB) | Page JS heap total (MiB) | Kept snapshots |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...samples.map(
      (r) =>
        `| ${r.epoch} | ${r.wallS.toFixed(1)} | ${mib(r.wasmBytes)} | ${mib(r.heapUsed)} | ` +
        `${mib(r.heapTotal)} | ${r.kept} |`,
    ),
    "",
    "## Verdict",
    "",
    `"Flat" means: from epoch ${v.baselineEpoch} to epoch ${reached} the figure grows by at ` +
      `most ${(FLAT_LIMIT.fraction * 100).toFixed(0)} % of its value at epoch ` +
      `${v.baselineEpoch} or ${mib(FLAT_LIMIT.bytes)} MiB, whichever is larger ` +
      "(scripts/soak-verdict.mjs).",
    "",
    ...v.series.map((g) => {
      const name = g.key === "wasmBytes" ? "Worker wasm memory" : "Page JS heap (used, after GC)";
      const pct = g.fraction === null ? "" : ` (${(g.fraction * 100).toFixed(1)} %)`;
      return (
        `- ${name}: ${mib(g.baseline)} → ${mib(g.last)} MiB, growth ${mib(g.growth)} MiB${pct}, ` +
        `peak ${mib(g.peak)} MiB, allowed ${mib(g.limit)} MiB: ` +
        (g.flat ? "**flat**." : "**NOT flat: it grows**.")
      );
    }),
    "",
    `Click latency at epoch ${reached}, ${clicks.length} real mouse clicks on Play/Pause a ` +
      "second apart (the pauses while training runs at full speed). Input to next paint is the " +
      "Event Timing API's duration (reported only for interactions of 16 ms or more; – when " +
      "none was, and then the page's own pointerdown → first-frame time). The button shows " +
      "the new state when the worker has answered: pointerdown → button changed, and the " +
      "frame after that:",
    "",
    "| Click | Event Timing duration (ms) | pointerdown → first frame (ms) | Input to next paint (ms) | pointerdown → button changed (ms) | … and its frame (ms) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...clicks.map(
      (c, i) =>
        `| ${i + 1} (${c.action}) | ${ms(c.eventTimingMs)} | ${ms(c.firstPaintMs)} | ` +
        `${ms(v.click.latencies[i])} | ${ms(c.appliedMs)} | ${ms(c.nextPaintMs)} |`,
    ),
    "",
    `- Input to next paint: median ${ms(v.click.median)} ms, max ${ms(v.click.max)} ms ` +
      `against ${CLICK_LIMIT_MS} ms: ` +
      (v.click.ok ? "**within the limit**." : "**over the limit**."),
    `- Pointerdown → button changed (not in the verdict): median ` +
      `${ms(v.click.applied.median)} ms, max ${ms(v.click.applied.max)} ms: ` +
      (v.click.applied.ok
        ? `within ${CLICK_LIMIT_MS} ms too.`
        : `**over ${CLICK_LIMIT_MS} ms**: the page waits for the worker's answer, which ` +
          "comes between two slices of training."),
    "",
    v.ok
      ? `**Met**: both memory figures flat after epoch ${v.baselineEpoch}, and every click ` +
        `answered (input to next paint) within ${CLICK_LIMIT_MS} ms.`
      : "**Not met**: see the lines above marked NOT flat or over the limit.",
    "",
    errors.length === 0
      ? "The page logged no errors."
      : `The page logged ${errors.length} error(s): ${errors.slice(0, 5).join("; ")}`,
    "",
  ];
  return lines.join("\n");
}

main().catch((error) => {
  console.error(`soak: ${error.message}`);
  process.exitCode = 1;
});
