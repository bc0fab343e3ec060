// The charts' card and the numbers, composed from their views (www/views/): the forecast chart
// with its read-out, the loss chart and the numbers panel. drawFrame(snapshot) hands each the
// latest snapshot the training worker posted (see engine.js); the main thread never trains.
// The settings (www/teaching.js) and the window picker (www/window-picker.js) talk to the
// forecast chart through the object returned here.

import { mountForecast } from "./views/forecast.js";
import { mountLoss } from "./views/loss.js";
import { mountNumbers } from "./views/numbers.js";

// createView({ root, shared }), `shared` what the views share (www/views/page.js). Returns
// { drawFrame, setHover, monthAt, forecastFrame, setShowBaselines, setUnit, translate }.
export function createView({ root, shared }) {
  const forecast = mountForecast(root, shared);
  const loss = mountLoss(root, shared);
  const numbers = mountNumbers(root, shared);

  return {
    // Redraws everything from `snapshot`.
    drawFrame(snapshot) {
      forecast.update(snapshot);
      loss.update(snapshot);
      numbers.update(snapshot);
    },
    // The unit of the series shown (the value axis, the read-out).
    setUnit: (text) => forecast.setUnit(text),
    // Takes the words of the language now in use (the next frame draws them).
    translate: () => numbers.translate(),
    // Draws the baselines on the forecast chart, or not.
    setShowBaselines: (on) => forecast.setShowBaselines(on),
    // Marks month `month` (undefined for none); returns true when that changed.
    setHover: (month) => forecast.setHover(month),
    // The month under the point (x, y) of the forecast chart as last drawn, or undefined.
    monthAt: (x, y) => forecast.monthAt(x, y),
    // Where the forecast chart last landed, or null; valid until the next drawFrame.
    forecastFrame: () => forecast.forecastFrame(),
  };
}
