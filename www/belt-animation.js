// The conveyor belt's own clock: a playhead that moves along the W time steps, independent of
// training, with play / pause / step. It runs its own requestAnimationFrame loop only while it
// plays, and calls onMove(playhead) whenever the playhead moves; the page draws the belt there.
//
// The playhead p ∈ [0, steps) is a position along the belt: station ⌊p⌋ is the time step it
// is at (0-based), and a playhead that stands still sits in the middle of its station (s + ½).
// With `prefers-reduced-motion: reduce`, playing jumps from station to station without gliding.

// Stations passed per second while playing at 1×.
export const STATIONS_PER_SECOND = 1.25;
// The speeds a person can choose (factors of STATIONS_PER_SECOND), and the one at the start.
export const BELT_SPEEDS = [0.5, 1, 2];
export const DEFAULT_BELT_SPEED = 1;
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

// The playhead `seconds` after `playhead` while gliding along a belt of `steps` stations at
// `speed` × STATIONS_PER_SECOND; after the last station it starts again at the first.
export function advancePlayhead(playhead, seconds, steps, speed = DEFAULT_BELT_SPEED) {
  if (steps <= 0) return 0;
  return (playhead + seconds * STATIONS_PER_SECOND * speed) % steps;
}

// The station before `step` on a belt of `steps` stations (before the first: the last).
export function previousStation(step, steps) {
  return (step - 1 + steps) % steps;
}

// createBeltAnimation({ onMove }) returns { play, pause, toggle, step, back, moveTo, setSteps,
// setSpeed, playing(), playhead(), speed() }.
export function createBeltAnimation({ onMove }) {
  const motion = window.matchMedia?.(REDUCED_MOTION_QUERY);
  let steps = 1;
  let playhead = stationPlayhead(0);
  let playing = false;
  let frameId = 0;
  let lastTime = null;
  // With reduced motion: the seconds gathered since the last jump.
  let waited = 0;
  let speed = DEFAULT_BELT_SPEED;

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
      if (waited * STATIONS_PER_SECOND * speed < 1) return;
      waited = 0;
      move(stationPlayhead((stationOf(playhead, steps) + 1) % steps));
    } else {
      move(advancePlayhead(playhead, seconds, steps, speed));
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
    // Pauses and moves to the previous station (before the first: the last).
    back() {
      this.pause();
      move(stationPlayhead(previousStation(stationOf(playhead, steps), steps)));
    },
    // Glides at `factor` × STATIONS_PER_SECOND from now on (one of BELT_SPEEDS).
    setSpeed(factor) {
      if (Number.isFinite(factor) && factor > 0) speed = factor;
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
    speed: () => speed,
  };
}
