// The publishing workflow (.github/workflows/pages.yml) cannot run here, so this checks what
// can be checked: it tests before it builds, builds with the README's command, deploys what
// that command writes (dist/), and uses only GitHub's own actions. e2e/pages.spec.js then
// serves dist/ under the repository's path and trains.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const workflow = readFileSync(
  new URL("../../.github/workflows/pages.yml", import.meta.url),
  "utf8",
);
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const packageJson = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
);

// The `run:` commands of the workflow, in order (comments dropped).
const runs = [...workflow.matchAll(/^\s*run:\s*(.+)$/gm)].map((m) => m[1].trim());
// The actions it uses.
const uses = [...workflow.matchAll(/^\s*(?:-\s*)?uses:\s*(\S+)/gm)].map((m) => m[1]);

test("the workflow builds with the README's publishing command, after the tests", () => {
  const section = readme.split("## Publishing the page")[1]?.split("\n## ")[0] ?? "";
  const command = /```sh\n(npm run [a-z:]+)/.exec(section)?.[1];
  assert.equal(command, "npm run build", "the README's publishing section starts with its command");
  assert.ok(packageJson.scripts.build, "package.json has the build script");
  const build = runs.indexOf(command);
  const tests = runs.indexOf("npm test");
  assert.ok(build >= 0, `the workflow runs ${command}`);
  assert.ok(tests >= 0 && tests < build, "npm test runs before the build");
});

test("it deploys dist/ to Pages with GitHub's own actions only", () => {
  assert.match(workflow, /uses: actions\/upload-pages-artifact@v\d+\s+with:\s+path: dist\s/);
  assert.ok(uses.some((u) => u.startsWith("actions/deploy-pages@")));
  for (const action of uses) assert.match(action, /^actions\/[a-z-]+@v\d+$/, action);
  assert.match(workflow, /pages: write/);
  assert.match(workflow, /id-token: write/);
});
