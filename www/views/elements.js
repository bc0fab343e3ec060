// Small DOM writes the views share. Each writes only when the value changes: every write to
// the page costs style or layout work, and the views write in every frame.

// Sets `data-<name>` only when it changes (undefined or null removes it).
export function setData(element, name, value) {
  const text = value === undefined || value === null ? undefined : String(value);
  if (element.dataset[name] === text) return;
  if (text === undefined) delete element.dataset[name];
  else element.dataset[name] = text;
}

// Sets a canvas' CSS height (rounded), only when it changes: a write costs a layout.
export function setHeight(canvas, height) {
  const css = `${Math.round(height)}px`;
  if (canvas.style.height !== css) canvas.style.height = css;
}

// A <p> with `className` (none when empty) and `text`.
export function paragraph(className, text) {
  const p = document.createElement("p");
  if (className) p.className = className;
  p.textContent = text;
  return p;
}
