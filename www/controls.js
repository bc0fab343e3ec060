// Wires the buttons, the speed menu, the keys and the pointer to the page's actions.
//   Space      play / pause
//   →          one epoch

import { t } from "./i18n.js";
import { isTyping } from "./dom.js";

const KEY_PLAY = " ";
const KEY_STEP = "ArrowRight";

// wireControls({ elements, actions }) where actions = { toggle, step, reset, setSpeed,
// hoverAt(x, y), hoverEnd() }. Returns { showPlaying(playing) }.
export function wireControls({ elements, actions }) {
  elements.play.addEventListener("click", () => actions.toggle());
  elements.step.addEventListener("click", () => actions.step());
  elements.reset.addEventListener("click", () => actions.reset());
  elements.speed.addEventListener("change", () => actions.setSpeed(Number(elements.speed.value)));

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
    if (event.key === KEY_PLAY) {
      // Also stops a focused button from treating the space as a click of its own.
      event.preventDefault();
      if (!event.repeat) actions.toggle();
    } else if (event.key === KEY_STEP) {
      event.preventDefault();
      actions.step();
    }
  });

  const canvas = elements.forecastCanvas;
  canvas.addEventListener("pointermove", (event) => actions.hoverAt(event.offsetX, event.offsetY));
  canvas.addEventListener("pointerleave", () => actions.hoverEnd());

  return {
    showPlaying(playing) {
      elements.play.textContent = t(playing ? "control.pause" : "control.play");
      elements.play.setAttribute("aria-pressed", String(playing));
    },
    showSpeed(epochsPerFrame) {
      elements.speed.value = String(epochsPerFrame);
    },
  };
}
