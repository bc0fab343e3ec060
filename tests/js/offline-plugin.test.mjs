// The offline build (scripts/offline-plugin.cjs, www/service-worker.js): which files the service
// worker caches, how its version follows their contents, and what the generated worker does on
// install, activate and fetch, run in a sandbox with a stand-in Cache Storage. e2e/offline.spec.js
// then runs the real worker in Chromium, offline and across a deploy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

import {
  precacheFiles,
  buildVersion,
  renderServiceWorker,
  BUILD_MARKER,
  SERVICE_WORKER_FILE,
} from "../../scripts/offline-plugin.cjs";

const SOURCE = readFileSync(new URL("../../www/service-worker.js", import.meta.url), "utf8");
const SCOPE = "https://example.org/demo/";

test("the worker caches every emitted file but source maps and itself, in name order", () => {
  const emitted = [
    "main.1234abcd.js",
    "main.1234abcd.js.map",
    "index.html",
    "523.7f22cac8.js",
    "c26ebe29.module.wasm",
    "d41d8cd9.module.wasm", // a second wasm build (another instruction set), cached too
    "main.99ddb553.css",
    "main.99ddb553.css.map",
    "manifest.webmanifest",
    "icon.svg",
    SERVICE_WORKER_FILE,
  ];
  assert.deepEqual(precacheFiles(emitted), [
    "523.7f22cac8.js",
    "c26ebe29.module.wasm",
    "d41d8cd9.module.wasm",
    "icon.svg",
    "index.html",
    "main.1234abcd.js",
    "main.99ddb553.css",
    "manifest.webmanifest",
  ]);
});

test("the version changes with any byte or name of a file, not with their order", () => {
  const files = [
    { name: "index.html", content: "<!doctype html>" },
    { name: "main.js", content: Buffer.from([1, 2, 3]) },
  ];
  const version = buildVersion(files);
  assert.match(version, /^[0-9a-f]{16}$/);
  assert.equal(buildVersion([...files].reverse()), version);
  assert.notEqual(
    buildVersion([files[0], { name: "main.js", content: Buffer.from([1, 2, 4]) }]),
    version,
  );
  assert.notEqual(
    buildVersion([files[0], { name: "main2.js", content: files[1].content }]),
    version,
  );
  // A name's end cannot pass for the start of the contents.
  assert.notEqual(
    buildVersion([{ name: "ab", content: "c" }]),
    buildVersion([{ name: "a", content: "bc" }]),
  );
});

test("the generated worker carries the build; a source without the BUILD line is refused", () => {
  const text = renderServiceWorker(SOURCE, { version: "abc", files: ["index.html"] });
  assert.ok(!text.includes(BUILD_MARKER));
  assert.ok(text.includes('const BUILD = {"version":"abc","files":["index.html"]};'));
  assert.throws(() => renderServiceWorker("self.x = 1;", { version: "abc", files: [] }), /BUILD/);
});

// Runs the generated worker in a sandbox: a registration at SCOPE, a Cache Storage of Maps, and
// a network that answers every URL with its own name. Returns the sandbox's parts.
function runWorker(build, existingCaches = {}) {
  const stores = new Map(
    Object.entries(existingCaches).map(([name, urls]) => [name, new Map(urls)]),
  );
  const listeners = {};
  const fetched = [];
  const openCache = (name) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name);
    return {
      async addAll(requests) {
        for (const request of requests) {
          fetched.push({ url: request.url, cache: request.cache });
          store.set(request.url, `cached ${request.url}`);
        }
      },
      async match(url) {
        return store.get(url);
      },
    };
  };
  const self = {
    registration: { scope: SCOPE },
    location: { href: `${SCOPE}sw.js` },
    addEventListener: (type, listener) => (listeners[type] = listener),
    skipWaiting() {
      self.skipped = true;
    },
    clients: {
      async claim() {
        self.claimed = true;
      },
    },
  };
  const sandbox = {
    self,
    URL,
    Request: class {
      constructor(url, { cache }) {
        Object.assign(this, { url, cache });
      }
    },
    fetch: async (request) => `network ${request.url}`,
    caches: {
      open: async (name) => openCache(name),
      keys: async () => [...stores.keys()],
      delete: async (name) => stores.delete(name),
    },
  };
  vm.runInNewContext(renderServiceWorker(SOURCE, build), sandbox);
  // Dispatches an event; resolves with what it waited for or responded with (undefined when
  // the worker left the request to the browser).
  async function dispatch(type, fields = {}) {
    let result;
    const event = {
      ...fields,
      waitUntil: (promise) => (result = promise),
      respondWith: (promise) => (result = promise),
    };
    listeners[type](event);
    return result;
  }
  return { self, stores, fetched, dispatch };
}

const request = (url, mode = "no-cors") => ({ url, mode, method: "GET" });

test("install caches every file of the build, fresh from the network, under a versioned name", async () => {
  const { stores, fetched, dispatch } = runWorker({
    version: "v2",
    files: ["index.html", "main.js"],
  });
  await dispatch("install");
  assert.deepEqual(fetched, [
    { url: `${SCOPE}index.html`, cache: "reload" },
    { url: `${SCOPE}main.js`, cache: "reload" },
  ]);
  assert.deepEqual([...stores.keys()], [`lstm-conveyor:${SCOPE}:v2`]);
});

test("activate deletes this scope's older caches only, and takes over the pages", async () => {
  const other = "lstm-conveyor:https://example.org/lstm/:v1"; // the same app under another path
  const foreign = "another-app-v1";
  const { self, stores, dispatch } = runWorker(
    { version: "v2", files: [] },
    {
      [`lstm-conveyor:${SCOPE}:v1`]: [],
      [`lstm-conveyor:${SCOPE}:v2`]: [],
      [other]: [],
      [foreign]: [],
    },
  );
  await dispatch("activate");
  assert.deepEqual([...stores.keys()].sort(), [foreign, `lstm-conveyor:${SCOPE}:v2`, other].sort());
  assert.equal(self.claimed, true);
});

test("fetch: cached files from the cache, the page's navigations get index.html, the rest passes", async () => {
  const { dispatch } = runWorker({ version: "v2", files: ["index.html", "main.js"] });
  await dispatch("install");
  assert.equal(
    await dispatch("fetch", { request: request(`${SCOPE}main.js`) }),
    `cached ${SCOPE}main.js`,
  );
  const page = `cached ${SCOPE}index.html`;
  assert.equal(await dispatch("fetch", { request: request(`${SCOPE}?lang=zh`, "navigate") }), page);
  assert.equal(
    await dispatch("fetch", { request: request(`${SCOPE}index.html`, "navigate") }),
    page,
  );
  // Another page on the server, a source map, another site, a POST: left to the browser.
  assert.equal(
    await dispatch("fetch", { request: request(`${SCOPE}other.html`, "navigate") }),
    undefined,
  );
  assert.equal(await dispatch("fetch", { request: request(`${SCOPE}main.js.map`) }), undefined);
  assert.equal(
    await dispatch("fetch", { request: request("https://example.com/main.js") }),
    undefined,
  );
  assert.equal(
    await dispatch("fetch", { request: { ...request(`${SCOPE}main.js`), method: "POST" } }),
    undefined,
  );
});

test("a file missing from the cache comes from the network; the page's message skips waiting", async () => {
  const { self, dispatch } = runWorker({ version: "v2", files: ["main.js"] });
  assert.equal(
    await dispatch("fetch", { request: request(`${SCOPE}main.js`) }),
    `network ${SCOPE}main.js`,
  );
  await dispatch("message", { data: { type: "something else" } });
  assert.equal(self.skipped, undefined);
  await dispatch("message", { data: { type: "skip-waiting" } });
  assert.equal(self.skipped, true);
});
