// The page's marks for tools (the benchmark, bench/compile.mjs, the end-to-end tests) on <html>:
// data-views-warm once the heavy views have been drawn ahead of time (www/views/scheduler.js),
// data-engine-warm once the worker has readied its training code (www/worker.js), and
// data-ready-to-play once both have, which is what the tools wait for before pressing Play.
export const WARM_PARTS = ["viewsWarm", "engineWarm"];

// Marks `part` (one of WARM_PARTS) done in `dataset` (the <html> element's by default).
export function markWarm(part, dataset = document.documentElement.dataset) {
  dataset[part] = "true";
  if (WARM_PARTS.every((name) => dataset[name] === "true")) dataset.readyToPlay = "true";
}
