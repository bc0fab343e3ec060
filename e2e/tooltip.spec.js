// End-to-end tests of "explained in place" (issue 11) on the production bundle: the tooltip
// next to the pointer over a heatmap square, a belt station and a cell part (mouse, touch and
// keyboard, en and zh), and the forecast chart's own legend of its marks with the epoch-0 note,
// whose numbers are checked against the page's data.
const { test, expect } = require("./fixtures");
const {
  PAINTED_MIN,
  canvasPixels,
  collectErrors,
  openPage,
  recordCanvasText,
  stepEpochs,
  waitFrames,
} = require("./helpers");
const en = require("../www/strings/en.js");
const zh = require("../www/strings/zh.js");

const EN = en.default ?? en;
const ZH = zh.default ?? zh;
// The tip must start within this many CSS pixels of the pointer.
const NEAR_POINTER = 40;
// The trace's row of each heatmap part (www/engine.js).
const FIELDS = {
  f: "forgetGate",
  i: "inputGate",
  g: "cellGate",
  o: "outputGate",
  c: "cell",
  h: "hidden",
};

// Scrolls a view into sight and waits until it is drawn (the page draws only what is on screen).
async function showView(page, testId) {
  await expect
    .poll(async () => {
      await page.getByTestId(testId).scrollIntoViewIfNeeded();
      await waitFrames(page, 4);
      return (await canvasPixels(page, testId)).painted;
    })
    .toBeGreaterThan(PAINTED_MIN);
}

// The tip's box and the viewport, read in the page.
async function tipBox(page) {
  return page.getByTestId("tip").evaluate((tip) => {
    const r = tip.getBoundingClientRect();
    return {
      left: r.left,
      top: r.top,
      right: r.right,
      bottom: r.bottom,
      width: window.innerWidth,
      height: window.innerHeight,
    };
  });
}

// The distance from the point to the box (0 inside it).
function distance(box, x, y) {
  const dx = Math.max(box.left - x, 0, x - box.right);
  const dy = Math.max(box.top - y, 0, y - box.bottom);
  return Math.hypot(dx, dy);
}

function expectBeside(box, x, y) {
  expect(distance(box, x, y)).toBeGreaterThan(0); // never over the point under the pointer
  expect(distance(box, x, y)).toBeLessThanOrEqual(NEAR_POINTER);
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(box.width);
  expect(box.bottom).toBeLessThanOrEqual(box.height);
}

// Moves the mouse to (fx, fy) of the canvas' box (fractions) and returns the client point.
async function pointAt(page, testId, fx, fy) {
  const box = await page.getByTestId(testId).boundingBox();
  const x = box.x + box.width * fx;
  const y = box.y + box.height * fy;
  await page.mouse.move(x, y);
  return { x, y };
}

// The value of the part, step and unit the tip names, read from the snapshot's trace.
async function traceValue(page) {
  const tip = page.getByTestId("tip");
  const part = await tip.getAttribute("data-part");
  const step = Number(await tip.getAttribute("data-step"));
  const unit = Number(await tip.getAttribute("data-unit"));
  return page.evaluate(
    ({ field, step, unit }) => {
      const layer = window.lstmEngine.latest().trace.layers[0];
      return layer[field][step * layer.dHidden + unit];
    },
    { field: FIELDS[part], step, unit },
  );
}

// Moves along a belt station's ⊗ or ⊕ from the top of the canvas down until the tip names
// `mark`; returns the point, or null.
async function findBeltMark(page, mark, phase) {
  const belt = page.getByTestId("belt-canvas");
  const box = await belt.boundingBox();
  const steps = Number(await belt.getAttribute("data-step")); // the last step is selected
  // The stations' axis (src/render/belt.rs): a 46 px gutter and a 12 px right margin.
  const station = (box.width - 46 - 12) / steps;
  const x = box.x + 46 + station * (steps - 4 + phase);
  for (let y = box.y + 4; y < box.y + box.height; y += 4) {
    await page.mouse.move(x, y);
    const tip = page.getByTestId("tip");
    if ((await tip.isVisible()) && (await tip.getAttribute("data-mark")) === mark) return { x, y };
  }
  return null;
}

test("hovering a heatmap square shows its gate, step, month, unit, value and equation beside the pointer", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPage(page);
  await showView(page, "gates-canvas");
  const tip = page.getByTestId("tip");
  await expect(tip).toBeHidden();

  const { x, y } = await pointAt(page, "gates-canvas", 0.3, 0.4);
  await expect(tip).toBeVisible();
  await expect(tip).toHaveAttribute("role", "tooltip");
  expectBeside(await tipBox(page), x, y);

  // The value is the trace's, in the page's number format; the equation is the fixed panel's.
  const value = await traceValue(page);
  expect(Number(await page.getByTestId("tip-value").getAttribute("data-value"))).toBeCloseTo(
    value,
    6,
  );
  await expect(page.getByTestId("tip-value")).toContainText(String(Number(value.toFixed(4))));
  const equation = await page.getByTestId("tip-equation").textContent();
  await expect(page.locator('[data-testid="equation"] .equation-math')).toHaveText(equation);
  const step = Number(await tip.getAttribute("data-step"));
  const unit = Number(await tip.getAttribute("data-unit"));
  await expect(page.getByTestId("tip-where")).toContainText(`time step ${step + 1} (`);
  await expect(page.getByTestId("tip-where")).toContainText(`unit ${unit + 1}`);
  // The step's month: the window's first month plus the step (the window line names the first).
  const month = await page.evaluate((s) => {
    const snapshot = window.lstmEngine.latest();
    return snapshot.months[snapshot.trace.targetMonth - snapshot.settings.window + s];
  }, step);
  await expect(page.getByTestId("tip-where")).toContainText(month);
  const part = await tip.getAttribute("data-part");
  await expect(page.getByTestId("tip-name")).toHaveText(EN[`tip.name.${part}`]);

  // It follows the pointer, flips left near the right edge, and goes when the pointer leaves.
  const right = await pointAt(page, "gates-canvas", 0.98, 0.4);
  const box = await tipBox(page);
  expectBeside(box, right.x, right.y);
  expect(box.right).toBeLessThan(right.x);
  await page.mouse.move(5, 5);
  await expect(tip).toBeHidden();
  expect(errors).toEqual([]);
});

test("a belt station's ⊗ and ⊕ show k_t = f_t ⊙ c_{t−1} and j_t = i_t ⊙ g_t with their numbers", async ({
  page,
}) => {
  await openPage(page);
  await showView(page, "belt-canvas");
  const forget = await findBeltMark(page, "forget", 0.3);
  expect(forget).not.toBeNull();
  await expect(page.getByTestId("tip-name")).toHaveText(EN["tip.belt.forget"]);
  await expect(page.getByTestId("tip-equation")).toHaveText(
    /^k_t = f_t ⊙ c_\{t−1\} = −?\d\.\d\d × \(?−?\d\.\d\d\)? = −?\d\.\d\d$/,
  );
  expectBeside(await tipBox(page), forget.x, forget.y);
  const input = await findBeltMark(page, "input", 0.55);
  expect(input).not.toBeNull();
  await expect(page.getByTestId("tip-equation")).toHaveText(/^j_t = i_t ⊙ g_t = /);
  // The value shown is the trace's j_t at that station.
  const value = await page.evaluate(() => {
    const tip = document.querySelector('[data-testid="tip"]');
    const layer = window.lstmEngine.latest().trace.layers[0];
    return layer.added[Number(tip.dataset.step) * layer.dHidden + Number(tip.dataset.unit)];
  });
  expect(Number(await page.getByTestId("tip-value").getAttribute("data-value"))).toBeCloseTo(
    value,
    6,
  );
});

test("a cell part shows its tip beside it on hover and on keyboard focus; Esc hides it", async ({
  page,
}) => {
  await openPage(page);
  await showView(page, "cell-diagram");
  const part = page.locator('[data-testid="cell-parts"] [data-part="f"]');
  await part.hover();
  const tip = page.getByTestId("tip");
  await expect(tip).toBeVisible();
  await expect(page.getByTestId("tip-name")).toHaveText(EN["tip.name.f"]);
  await expect(page.getByTestId("tip-equation")).toContainText("f_t = σ(");
  const partBox = await part.boundingBox();
  const box = await tipBox(page);
  const overlaps =
    box.left < partBox.x + partBox.width &&
    box.right > partBox.x &&
    box.top < partBox.y + partBox.height &&
    box.bottom > partBox.y;
  expect(overlaps).toBe(false);
  expect(box.right).toBeLessThanOrEqual(box.width);

  await page.mouse.move(5, 5);
  await expect(tip).toBeHidden();
  await page.locator('[data-testid="cell-parts"] [data-part="o"]').focus();
  await expect(tip).toBeVisible();
  await expect(page.getByTestId("tip-name")).toHaveText(EN["tip.name.o"]);
  await expect(page.locator('[data-testid="cell-parts"] [data-part="o"]')).toHaveAttribute(
    "aria-describedby",
    "gate-tip",
  );
  await page.keyboard.press("Escape");
  await expect(tip).toBeHidden();
});

test("in 中文 the tip speaks Chinese", async ({ page }) => {
  await openPage(page, "?lang=zh");
  await showView(page, "gates-canvas");
  await pointAt(page, "gates-canvas", 0.1, 0.4);
  await expect(page.getByTestId("tip")).toBeVisible();
  const part = await page.getByTestId("tip").getAttribute("data-part");
  await expect(page.getByTestId("tip-name")).toHaveText(ZH[`tip.name.${part}`]);
  await expect(page.getByTestId("tip-where")).toContainText("时间步");
  await expect(page.getByTestId("tip-value")).toContainText("数值");
  const text = await page.getByTestId("tip").textContent();
  expect(text).not.toMatch(/time step|unit|value/);
});

test.describe("on a touch screen", () => {
  test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });

  test("a tap on a heatmap square shows the tip and a tap elsewhere hides it", async ({ page }) => {
    await openPage(page);
    await showView(page, "gates-canvas");
    const gates = page.getByTestId("gates-canvas");
    const box = await gates.boundingBox();
    // A square of the first row of grids (on a phone the grids stand in two rows).
    const position = { x: box.width * 0.3, y: box.height * 0.2 };
    await gates.tap({ position });
    const tip = page.getByTestId("tip");
    await expect(tip).toBeVisible();
    expectBeside(await tipBox(page), box.x + position.x, box.y + position.y);
    expect(Number(await page.getByTestId("tip-value").getAttribute("data-value"))).toBeCloseTo(
      await traceValue(page),
      6,
    );
    // Lifting the finger keeps it; a tap on the section's text hides it.
    await waitFrames(page, 3);
    await expect(tip).toBeVisible();
    await page.locator('[data-i18n="gate.intro"]').tap();
    await expect(tip).toBeHidden();
  });
});

// The words drawn on the forecast canvas, as { text, y } in CSS pixels.
async function forecastText(page) {
  return page.evaluate(() => {
    const ratio = window.devicePixelRatio || 1;
    return window.__drawnText
      .filter((d) => d.canvas === "forecast-canvas")
      .map((d) => ({ text: d.text, y: d.y / ratio }));
  });
}

// `template` with its {placeholders} filled in.
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

for (const [lang, table, hash] of [
  ["en", EN, ""],
  ["zh", ZH, "?lang=zh"],
]) {
  test(`the forecast chart names its marks and, at epoch 0, its untrained curve (${lang})`, async ({
    page,
  }) => {
    await page.addInitScript(recordCanvasText);
    await openPage(page, hash);
    await showView(page, "gates-canvas"); // the window picker lays its band over the chart
    await page.getByTestId("forecast-canvas").scrollIntoViewIfNeeded();
    await page.getByTestId("forecast-canvas").hover(); // a redraw with the band in place
    await waitFrames(page, 4);
    const facts = await page.evaluate(() => {
      const s = window.lstmEngine.latest();
      const { actual, oneStep, testStart } = s.predictions;
      let sum = 0;
      let count = 0;
      for (let m = testStart; m < actual.length; m += 1) {
        if (!Number.isFinite(oneStep[m])) continue;
        sum += (actual[m] - actual[m - 1]) ** 2;
        count += 1;
      }
      return {
        window: s.settings.window,
        split: s.months[testStart],
        naive: Math.sqrt(sum / count).toFixed(2),
        rmse: s.evaluation.testRmse.toFixed(2),
      };
    });
    const drawn = await forecastText(page);
    const texts = drawn.map((d) => d.text);
    expect(texts).toContain(fill(table["canvas.forecast.window"], { count: facts.window }));
    expect(texts).toContain(table["canvas.forecast.target"]);
    expect(texts).toContain(fill(table["canvas.forecast.test"], { month: facts.split }));
    expect(texts).toContain(table["canvas.forecast.untrained"]);
    // The default settings (log changes): the untrained curve is last month, and the note's
    // numbers are the page's: its RMSE readout and the RMSE of repeating last month.
    expect(texts.some((s) => s.startsWith(table["canvas.forecast.lastMonth"].split("{")[0]))).toBe(
      true,
    );
    await expect(page.getByTestId("test-rmse")).toHaveText(facts.rmse);
    expect(texts).toContain(
      fill(table["canvas.forecast.rmseLastMonth"], { rmse: facts.rmse, naive: facts.naive }),
    );
    // The legend is a strip above the curves: every legend word lies above the value axis'
    // highest tick label, which marks the plotting area's top.
    const legend = new Set([
      fill(table["canvas.forecast.window"], { count: facts.window }),
      table["canvas.forecast.untrained"],
      table["chart.forecast.actualLegend"],
    ]);
    const ticks = drawn.filter((d) => /^\d+$/.test(d.text)).map((d) => d.y);
    const plotTop = Math.min(...ticks);
    for (const d of drawn.filter((d) => legend.has(d.text))) {
      expect(d.y, d.text).toBeLessThan(plotTop);
    }

    // After one epoch the note goes: the network is no longer untrained.
    await stepEpochs(page, 1);
    await page.evaluate(() => (window.__drawnText.length = 0));
    await page.getByTestId("forecast-canvas").hover({ position: { x: 200, y: 150 } });
    await waitFrames(page, 4);
    const after = (await forecastText(page)).map((d) => d.text);
    expect(after).toContain(table["canvas.forecast.target"]);
    expect(after).not.toContain(table["canvas.forecast.untrained"]);
  });
}
