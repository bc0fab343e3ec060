// The fixed colour scale (issue 11): a checkbox by the belt's controls that fixes the c_t
// colours of the heatmaps and the belt's bars and colours to one half-range over every kept
// epoch, so that scrubbing through the epochs compares like with like (without it, early
// epochs are drawn on ±1 and later ones on ±3, and the same colour means different values).
//
//   const colourScale = createColourScale({ checkbox, run, onChange: requestDraw });
//   wasm.drawBelt(canvas, ratio, trace, { ...opts, ...colourScale.option(snapshot) });
//   showScale(canvas, scaleInUse);
//
// The worker computes the scale (Demo.keptCellScale: the largest |c| of the window's trace under
// every kept epoch's weights and the live ones) only while the checkbox is on, and sends it with
// each snapshot as `keptCellScale`.

// `{ fixedScale }` for the drawing functions' options when the scale is fixed and the snapshot
// carries it, else `{}` (each drawing then scales by its own trace).
export function fixedScaleOption(fixed, snapshot) {
  const scale = snapshot?.keptCellScale;
  return fixed && Number.isFinite(scale) && scale > 0 ? { fixedScale: scale } : {};
}

// The colour scale of a view mounted without the checkbox (an embedded view without the
// gates card): each drawing scales by its own trace.
export const NO_FIXED_SCALE = { fixed: () => false, option: () => ({}) };

// createColourScale({ checkbox, run, onChange }) returns { fixed(), option(snapshot) }:
// `run(command, ...args)` tells the worker, `onChange()` asks for the views to be redrawn.
export function createColourScale({ checkbox, run, onChange }) {
  checkbox.addEventListener("change", () => {
    run("setFixedScale", checkbox.checked);
    onChange();
  });
  // A checkbox the browser restored as checked (back / forward) tells the worker too.
  if (checkbox.checked) run("setFixedScale", true);
  return {
    fixed: () => checkbox.checked,
    option: (snapshot) => fixedScaleOption(checkbox.checked, snapshot),
  };
}

// Writes the half-range a canvas was drawn on to its `data-c-scale` (for tests and tools),
// only when it changes.
export function showScale(canvas, scale) {
  if (!Number.isFinite(scale)) return;
  const text = String(scale);
  if (canvas.dataset.cScale !== text) canvas.dataset.cScale = text;
}
