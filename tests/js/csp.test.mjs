// The page's Content-Security-Policy (scripts/csp.cjs, written into the production page by
// webpack.config.js): the directives the design asks for are there, and nothing lets an inline
// or eval'd script run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { CONTENT_SECURITY_POLICY, DIRECTIVES } = require("../../scripts/csp.cjs");

// The policy as a map from directive to its list of sources.
function parse(policy) {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== "")
      .map(([name, ...sources]) => [name, sources]),
  );
}

const policy = parse(CONTENT_SECURITY_POLICY);

test("the policy has the directives the page relies on", () => {
  assert.deepEqual(policy.get("default-src"), ["'self'"]);
  assert.deepEqual(policy.get("script-src"), ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(policy.get("worker-src").includes("'self'"));
  assert.deepEqual(policy.get("object-src"), ["'none'"]);
  assert.deepEqual(policy.get("base-uri"), ["'none'"]);
  assert.deepEqual(policy.get("style-src"), ["'self'"]);
});

test("no script may be inline or eval'd, and no source is a wildcard", () => {
  for (const name of ["default-src", "script-src", "script-src-elem", "script-src-attr"]) {
    const sources = policy.get(name) ?? [];
    assert.ok(!sources.includes("'unsafe-inline'"), `${name} allows inline script`);
    assert.ok(!sources.includes("'unsafe-eval'"), `${name} allows eval`);
  }
  for (const [name, sources] of policy) {
    assert.ok(!sources.includes("*"), `${name} allows any origin`);
    assert.ok(!sources.includes("data:"), `${name} allows data: URLs`);
  }
});

test("each directive appears once and says why it is there", () => {
  assert.equal(policy.size, DIRECTIVES.length);
  for (const [name, , why] of DIRECTIVES) assert.ok(why.length > 10, `${name} has no reason`);
});

test("the production page carries the policy and the development page none", () => {
  const config = require("../../webpack.config.js");
  const metaOf = (mode) => {
    const html = config({}, { mode }).plugins.find(
      (p) => p.constructor.name === "HtmlWebpackPlugin",
    );
    return html.userOptions.meta["Content-Security-Policy"];
  };
  assert.deepEqual(metaOf("production"), {
    "http-equiv": "Content-Security-Policy",
    content: CONTENT_SECURITY_POLICY,
  });
  assert.equal(metaOf("development"), undefined);
});

test("a production build refuses to start without pkg-relaxed/, and reading the config needs none", () => {
  const config = require("../../webpack.config.js");
  const { RequireRelaxedBuild } = config;
  const guards = config({}, { mode: "production" }).plugins.filter(
    (p) => p instanceof RequireRelaxedBuild,
  );
  assert.equal(guards.length, 1, "the production config carries the guard");
  const runGuard = (entry) => {
    const hooks = [];
    const tap = { tap: (_name, fn) => hooks.push(fn) };
    new RequireRelaxedBuild(entry).apply({ hooks: { beforeRun: tap, watchRun: tap } });
    assert.equal(hooks.length, 2, "one check for a build, one for a watched build");
    return () => hooks.forEach((fn) => fn());
  };
  assert.throws(runGuard("/nonexistent/pkg-relaxed/lstm_conveyor.js"), /pkg-relaxed\/ is missing/);
  assert.doesNotThrow(runGuard(fileURLToPath(import.meta.url)));
});
