// The state two or more views share, each in one small store that every view reads: the
// selection (layer, time step, unit) that a heatmap square, a belt station or a gradient bar
// chooses and every gate view marks, and the cell part whose equation is shown (pointed at on
// the heatmaps or on the cell diagram, written by the cell view's equation panel).
//
//   const selection = createSelection();
//   selection.subscribe((s, how) => …);         // after every change
//   selection.choose({ step: 3 }, trace);        // a learner's choice, kept inside the trace

// The selection kept inside the trace: layer < layers, step < steps, unit < units of the
// layer (a new model may be smaller than the old one); a step not chosen yet is the last.
export function clampSelection(selection, trace) {
  const layer = Math.min(selection.layer, trace.layers.length - 1);
  const units = trace.layers[layer].dHidden;
  const step =
    selection.step === null ? trace.steps - 1 : Math.min(selection.step, trace.steps - 1);
  return { layer, step, unit: Math.min(selection.unit, units - 1) };
}

// True when two plain records hold the same values under the same keys.
function sameFields(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

// A value with listeners: get(), set(next, how), notify(how) and subscribe(fn) -> unsubscribe.
// set() calls every listener with (value, how) only when a field changed, so a view that keeps
// writing the same value (the clamped selection, every frame) costs nothing; `how` says why it
// changed. notify(how) calls them without a change (a choice of what is already chosen).
export function createStore(initial) {
  let value = initial;
  const listeners = new Set();
  const notify = (how = {}) => {
    for (const listener of [...listeners]) listener(value, how);
  };
  return {
    get: () => value,
    set(next, how = {}) {
      if (sameFields(next, value)) return;
      value = next;
      notify(how);
    },
    notify,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// The selection shared by the gate views: { layer, step, unit }, step null until chosen (the
// last step then). Beside the store's own set(), choose({ step, unit }, trace, how) is a
// learner's choice (either may be undefined to keep it), kept inside `trace` when there is one;
// its listeners hear { chosen: true, ...how } (the belt moves its playhead there, and pauses
// when how.stopsBelt: a click on the belt or on a gradient bar).
export function createSelection() {
  const store = createStore({ layer: 0, step: null, unit: 0 });
  return {
    ...store,
    choose({ step, unit }, trace, how = {}) {
      const next = { ...store.get() };
      if (step !== undefined) next.step = step;
      if (unit !== undefined) next.unit = unit;
      const chosen = trace ? clampSelection(next, trace) : next;
      // A choice is heard even when it equals the selection: the belt still snaps to it.
      if (sameFields(chosen, store.get())) store.notify({ chosen: true, ...how });
      else store.set(chosen, { chosen: true, ...how });
    },
  };
}

// The part whose equation is shown, { shown, focus }: `shown` is { part, step?, unit? } (step
// and unit when a heatmap square is pointed at, else the selection's) or null for the hint;
// `focus` the last part chosen on the diagram itself (the diagram marks it), or undefined.
export function createShownPart() {
  const store = createStore({ shown: null, focus: undefined });
  return {
    ...store,
    // Shows the equation of `next` ({ part, step?, unit? }, or null for the hint).
    show(next) {
      store.set(nextShown(store.get(), next));
    },
  };
}

// The state after showing `next`: a part shown without a step (a diagram part) is also the
// part in focus; a heatmap square (with its step) leaves the focus as it was.
export function nextShown(state, next) {
  const focus = next && next.step === undefined ? next.part : state.focus;
  return { shown: next, focus };
}
