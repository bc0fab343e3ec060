// What the end-to-end specs share: console errors, reading a canvas back, waiting for frames.

const PAINTED_MIN = 2000; // pixels that are not white on a drawn chart or view
const QUIET_FRAMES = 20;

// Collects the page's console errors and uncaught exceptions into the returned array.
function collectErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

// Reads a canvas back: how many pixels are painted (drawn and not near-white), a hash of all
// of them, its backing-store size and its CSS width.
async function canvasPixels(page, testId) {
  return page.getByTestId(testId).evaluate((canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      const drawn = data[i + 3] > 0; // an undrawn canvas is transparent black
      if (drawn && (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245)) painted += 1;
      hash = Math.imul(hash ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16)), 16777619) >>> 0;
    }
    const box = canvas.getBoundingClientRect();
    return { painted, hash, width: canvas.width, height: canvas.height, cssWidth: box.width };
  });
}

// How many of a canvas' pixels are within `tolerance` of the colour [r, g, b] on each channel.
async function countColour(page, testId, [r, g, b], tolerance = 30) {
  return page.getByTestId(testId).evaluate(
    (canvas, { r, g, b, tolerance }) => {
      const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const near =
          Math.abs(data[i] - r) <= tolerance &&
          Math.abs(data[i + 1] - g) <= tolerance &&
          Math.abs(data[i + 2] - b) <= tolerance;
        if (near && data[i + 3] > 0) count += 1;
      }
      return count;
    },
    { r, g, b, tolerance },
  );
}

// Waits `frames` animation frames in the page.
async function waitFrames(page, frames = QUIET_FRAMES) {
  await page.evaluate(
    (n) =>
      new Promise((resolve) => {
        let left = n;
        const next = () => (--left <= 0 ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    frames,
  );
}

module.exports = {
  PAINTED_MIN,
  QUIET_FRAMES,
  collectErrors,
  canvasPixels,
  countColour,
  waitFrames,
};
