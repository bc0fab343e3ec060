// The `test` and `expect` every spec uses: Playwright's, with one automatic check added. No
// test may cause a Content-Security-Policy violation (scripts/csp.cjs): each page and frame of
// the test's browser context records its `securitypolicyviolation` events (also those of pages
// opened later, of iframes, and of pages the test navigated away from), the browser's console
// reports of a refused load are caught too (a worker's violations show only there), and the
// test fails after its end listing them. e2e/injection.spec.js shows that the check fires.
const base = require("@playwright/test");

// The console's words for a refused load or script ("… violates the following Content Security
// Policy directive …").
const CSP_CONSOLE = /Content[- ]Security[- ]Policy/i;

// Runs in every frame before its scripts: keeps the frame's violations in
// window.__cspViolations and reports each to the test through the exposed binding.
function recordViolations() {
  // The element a violation is about, as a short CSS-like name (the document for none).
  const describeElement = (target) => {
    if (!(target instanceof Element)) return target?.nodeName ?? String(target);
    const testId = target.getAttribute("data-testid");
    return `${target.localName}${target.id ? `#${target.id}` : ""}${testId ? `[data-testid=${testId}]` : ""}${target.className ? `.${String(target.className).replace(/ /g, ".")}` : ""}`;
  };
  const list = [];
  Object.defineProperty(window, "__cspViolations", { value: list });
  document.addEventListener(
    "securitypolicyviolation",
    (event) => {
      const violation = {
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}`,
        page: window.location.href,
        element: describeElement(event.target),
      };
      list.push(violation);
      window.__reportCspViolation?.(violation);
    },
    true,
  );
}

const test = base.test.extend({
  // Every violation (and console report of one) seen in the test, in order; a test that causes
  // one on purpose empties the array once it has checked it.
  cspViolations: [
    async ({ context }, use) => {
      const violations = [];
      await context.exposeBinding("__reportCspViolation", (_source, violation) =>
        violations.push(violation),
      );
      await context.addInitScript(recordViolations);
      const onConsole = (message) => {
        if (CSP_CONSOLE.test(message.text())) violations.push({ console: message.text() });
      };
      const watchPage = (page) => page.on("worker", (worker) => worker.on?.("console", onConsole));
      context.on("console", onConsole);
      context.on("page", watchPage);
      context.pages().forEach(watchPage);
      await use(violations);
      base.expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

module.exports = { test, expect: base.expect };
