// The pure parts of the soak (scripts/soak.mjs): when the snapshot store reaches its memory
// cap, whether a memory series stayed flat after it, and what the clicks' latencies add up to.
// No browser, no files: tests/js/soak-verdict.test.mjs runs these on made-up samples.

const MIB = 1024 * 1024;

/// The snapshot store's memory cap (src/snapshots.rs, DEFAULT_CAP_BYTES: 32 MiB).
export const SNAPSHOT_CAP_BYTES = 32 * MIB;

/// "Flat": from the baseline sample to the last one a series grows by at most this much, the
/// larger of the two: 5 % of the baseline or 1 MiB. The floor allows for what legitimately
/// grows with the epochs (the loss history, 8 bytes per loss; the few snapshots the schedule
/// still keeps) and for wasm memory growing in 64 KiB pages; a leak of even a few hundred
/// bytes per epoch exceeds it over 9,000 epochs.
export const FLAT_LIMIT = { fraction: 0.05, bytes: 1 * MIB };

/// A click must be answered within this long (issue 13).
export const CLICK_LIMIT_MS = 100;

// The mantissas of the preferred numbers the store keeps in each decade (src/snapshots.rs).
const PREFERRED = [10, 12, 15, 20, 25, 30, 40, 50, 60, 80];

/// True for the epochs whose weights the store keeps: 0 … 6, 8, 10, 12, 15, 20, 25, …
/// (src/snapshots.rs, is_kept_epoch, which this mirrors).
export function isKeptEpoch(epoch) {
  if (epoch <= 6 || epoch === 8) return true;
  let e = epoch;
  while (e >= 100) {
    if (e % 10 !== 0) return false;
    e /= 10;
  }
  return PREFERRED.includes(e);
}

/// The first epoch up to `lastEpoch` at which the store, keeping `snapshotBytes` per kept
/// epoch, goes over `capBytes` (and thins itself from then on), or null if it never does.
export function capEpoch(snapshotBytes, lastEpoch, capBytes = SNAPSHOT_CAP_BYTES) {
  if (!(snapshotBytes > 0)) throw new Error(`snapshotBytes must be > 0, not ${snapshotBytes}`);
  let kept = 0;
  for (let epoch = 0; epoch <= lastEpoch; epoch += 1) {
    if (!isKeptEpoch(epoch)) continue;
    kept += 1;
    if (kept * snapshotBytes > capBytes) return epoch;
  }
  return null;
}

/// The sample flatness is measured from: the first at or after `cap` (an epoch), or, when the
/// cap is never reached (null), the first sample after epoch 0: the store then grows only
/// logarithmically (about ten snapshots a decade), which the limit allows for.
export function baselineIndex(samples, cap) {
  const index = samples.findIndex((s) => (cap === null ? s.epoch > 0 : s.epoch >= cap));
  return index;
}

/// How one series (`key` of each sample, in bytes) grew from samples[from] to the last:
/// { key, baseline, last, peak, growth, fraction, limit, flat }.
export function growthOf(samples, key, from, limit = FLAT_LIMIT) {
  const tail = samples.slice(from);
  if (tail.length < 2) {
    throw new Error(`need two samples from the baseline on to judge ${key}, have ${tail.length}`);
  }
  for (const s of tail) {
    if (!Number.isFinite(s[key])) throw new Error(`sample at epoch ${s.epoch} has no ${key}`);
  }
  const baseline = tail[0][key];
  const last = tail[tail.length - 1][key];
  const peak = Math.max(...tail.map((s) => s[key]));
  const growth = last - baseline;
  const allowed = Math.max(limit.bytes, limit.fraction * baseline);
  return {
    key,
    baseline,
    last,
    peak,
    growth,
    fraction: baseline > 0 ? growth / baseline : null,
    limit: allowed,
    flat: growth <= allowed,
  };
}

export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/// One click's latency, input to next paint: the Event Timing API's duration when the browser
/// reported one (it reports only interactions of 16 ms or more), else the page's own measure
/// from pointerdown's time stamp to the first frame presented after it.
export function clickLatency(click) {
  const latency = Number.isFinite(click.eventTimingMs) ? click.eventTimingMs : click.firstPaintMs;
  if (!Number.isFinite(latency)) throw new Error("a click with no latency measured");
  return latency;
}

/// The clicks summed up against `limitMs`: { latencies, median, max, ok } for input to next
/// paint (the verdict), and { median, max, ok } of pointerdown → the button showing the new
/// state (`applied`: the page changes it when the worker has answered), reported beside it.
export function clickVerdict(clicks, limitMs = CLICK_LIMIT_MS) {
  if (clicks.length === 0) throw new Error("no clicks measured");
  const latencies = clicks.map(clickLatency);
  const max = Math.max(...latencies);
  const appliedTimes = clicks.map((c) => c.appliedMs).filter(Number.isFinite);
  const applied = {
    median: median(appliedTimes),
    max: appliedTimes.length === clicks.length ? Math.max(...appliedTimes) : Infinity,
  };
  applied.ok = applied.max <= limitMs;
  return { latencies, median: median(latencies), max, limitMs, ok: max <= limitMs, applied };
}

/// The whole verdict: the worker's wasm memory and the page's JS heap (after GC) flat from
/// the baseline on, and every click answered (input to next paint) within the limit.
export function verdict(samples, clicks, cap) {
  const from = baselineIndex(samples, cap);
  if (from < 0) throw new Error(`no sample at or after the cap (epoch ${cap})`);
  const series = [growthOf(samples, "wasmBytes", from), growthOf(samples, "heapUsed", from)];
  const click = clickVerdict(clicks);
  return {
    baselineEpoch: samples[from].epoch,
    series,
    click,
    ok: series.every((s) => s.flat) && click.ok,
  };
}

export function mib(bytes) {
  return (bytes / MIB).toFixed(2);
}
