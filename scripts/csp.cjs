// The page's Content-Security-Policy, one directive per line with the reason it is there.
// webpack.config.js writes it into the production build's <meta http-equiv> (the dev server's
// bundles use eval source maps, which the policy would block, so `npm start` has none);
// tests/js/csp.test.mjs checks it; the README's "Content-Security-Policy" section explains it.
//
// A <meta> policy cannot carry frame-ancestors, report-uri or sandbox: a host that wants them
// sends the policy as a header instead.

// [directive, sources, why]
const DIRECTIVES = [
  [
    "default-src",
    "'self'",
    "anything not named below (the manifest, fonts) only from the page's own origin",
  ],
  [
    "script-src",
    "'self' 'wasm-unsafe-eval'",
    "the bundle's own script files, no inline script and no eval; 'wasm-unsafe-eval' lets the " +
      "page and the worker compile the engine's .wasm",
  ],
  [
    "worker-src",
    "'self' blob:",
    "the training worker (and a service worker) from the page's origin; blob: for the one-line " +
      "worker that an opaque-origin page (<iframe sandbox>) starts (www/engine.js)",
  ],
  ["style-src", "'self'", "the one extracted stylesheet; no <style> element"],
  [
    "style-src-attr",
    "'unsafe-inline'",
    "style attributes only (no <style>, no script): plotters measures a chart's text in a " +
      'hidden <span style="font-…"> (plotters\' src/style/font/web.rs); blocked, its labels ' +
      "would be measured in the wrong font. A style attribute cannot run script",
  ],
  ["img-src", "'self'", "the page's icons (icon.svg and the manifest's PNGs); no other image"],
  ["connect-src", "'self'", "the fetch of the .wasm file"],
  ["object-src", "'none'", "no <object> or <embed> plugins"],
  ["base-uri", "'none'", "no <base> may move where the relative script URLs point"],
  ["form-action", "'none'", "the page has no form that submits anywhere"],
];

// The policy as it goes into the page: "directive sources; …".
const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, sources]) => `${name} ${sources}`).join(
  "; ",
);

module.exports = { DIRECTIVES, CONTENT_SECURITY_POLICY };
