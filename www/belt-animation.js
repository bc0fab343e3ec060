// The conveyor belt's own clock: a playhead that moves along the W time steps, independent of
// training, with play / pause / step. It runs its own requestAnimationFrame loop only while it
// plays, and calls onMove(playhead) whenever the playhead moves; the page draws the belt there.
//
// The playhead p ∈ [0, steps) is a position along the belt: station ⌊p⌋ is the time step it
// is at (0-based), and a playhead that stands still sits in the middle of its station (s + ½).
// With `prefers-reduced-motion: reduce`, playing jumps from station to station without gliding.

// Stations passed per second while playing.
export const STATIONS_PER_SECOND = 1.25;
// Where in its station a playhead that stands still sits.
const STATION_MIDDLE = 0.5;
const REDUCED_MOTION_QUERY = "(prefers-reduced-motion: reduce)";

// The playhead of a playhead standing at station `step`.
export function stationPlayhead(step) {
  return step + STATION_MIDDLE;
}

// The station (0-based time step) of playhead `playhead` on a belt of `steps` stations.
export function stationOf(playhead, steps) {
  return Math.max(0, Math.min(steps - 1, Math.floor(playhead)));
}

// The playhead `seconds` after `playhead` while gliding along a belt of `steps` stations; after
// the last station it starts again at the first.
export function advancePlayhead(playhead, seconds, steps) {
  if (steps <= 0) return 0;
  return (playhead + seconds * STATIONS_PER_SECOND) % steps;
}

// createBeltAnimation({ onMove }) returns { play, pause, toggle, step, moveTo, setSteps,
// playing(), playhead() }.
export function createBeltAnimation({ onMove }) {
  const motion = window.matchMedia?.(REDUCED_MOTION_QUERY);
  let steps = 1;
  let playhead = stationPlayhead(0);
  let playing = false;
  let frameId = 0;
  let lastTime = null;
  // With reduced motion: the seconds gathered since the last jump.
  let waited = 0;

  function reducedMotion() {
    return motion?.matches ?? false;
  }

  function move(next) {
    if (next === playhead) return;
    playhead = next;
    onMove(playhead);
  }

  function runFrame(time) {
    frameId = requestAnimationFrame(runFrame);
    const seconds = lastTime === null ? 0 : Math.min(0.1, (time - lastTime) / 1000);
    lastTime = time;
    if (reducedMotion()) {
      // One whole station per 1 / STATIONS_PER_SECOND seconds, no gliding in between.
      waited += seconds;
      if (waited * STATIONS_PER_SECOND < 1) return;
      waited = 0;
      move(stationPlayhead((stationOf(playhead, steps) + 1) % steps));
    } else {
      move(advancePlayhead(playhead, seconds, steps));
    }
  }

  return {
    // Starts gliding along the belt.
    play() {
      if (playing) return;
      playing = true;
      lastTime = null;
      waited = 0;
      frameId = requestAnimationFrame(runFrame);
    },
    // Stops at the middle of the current station.
    pause() {
      if (!playing) return;
      playing = false;
      cancelAnimationFrame(frameId);
      frameId = 0;
      move(stationPlayhead(stationOf(playhead, steps)));
    },
    toggle() {
      if (playing) this.pause();
      else this.play();
    },
    // Pauses and moves to the next station (after the last: the first).
    step() {
      this.pause();
      move(stationPlayhead((stationOf(playhead, steps) + 1) % steps));
    },
    // Puts the playhead at station `step` (a choice made in another view).
    moveTo(step) {
      move(stationPlayhead(Math.max(0, Math.min(steps - 1, step))));
    },
    // The belt has `n` stations (the window's time steps); keeps the playhead on it.
    setSteps(n) {
      steps = Math.max(1, n);
      if (playhead >= steps) move(stationPlayhead(steps - 1));
    },
    playing: () => playing,
    playhead: () => playhead,
  };
}
