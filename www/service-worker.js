// The service worker of the production build (dist/sw.js): it keeps the page's own files in the
// browser's Cache Storage, so that after one visit the page reloads and trains with the
// network off. scripts/offline-plugin.cjs writes dist/sw.js from this file, with BUILD below
// replaced by the build's version and file list; `npm start` (the dev server) has no service
// worker at all, so it never serves stale development bundles.
//
//   install    fetch every file of BUILD.files into a cache named after this worker's scope and
//              BUILD.version, bypassing the HTTP cache (the files must be this build's). The new
//              worker then waits: the page it would take over still runs the old build's
//              scripts, and only the learner decides when to reload (www/offline.js shows the
//              notice and posts SKIP_WAITING).
//   activate   delete this app's caches of other versions (same scope, other version) and take
//              over the open pages (on a first visit there is no older worker to wait for).
//   fetch      a GET of one of BUILD.files: from the cache, else from the network. A page
//              navigation to the page (the scope's folder or its index.html, with any query:
//              `?lang=zh`; the hash never reaches here): the cached index.html, else the
//              network. Everything else (other pages of the server, source maps, other sites):
//              the network, untouched.
//
// It is a classic script with no imports, so that any static server and any browser can run it,
// and it uses no eval: it works under the page's Content-Security-Policy.

// Replaced at build time (scripts/offline-plugin.cjs): the version is a hash of the contents of
// every file below, so a new deploy with any changed file is a new worker with a new cache.
const BUILD = { version: "development", files: [] };

// The prefix of every cache this app makes. The scope is part of a cache's name so that two
// copies of the page on one origin (/demo/ and /lstm/) never delete each other's files, and the
// app's name so that another app on the origin, whatever its caches are called, is left alone.
const CACHE_PREFIX = `lstm-conveyor:${self.registration.scope}:`;
const CACHE_NAME = `${CACHE_PREFIX}${BUILD.version}`;
// The page asks the waiting worker to take over with this message (www/offline.js).
const SKIP_WAITING = "skip-waiting";
const INDEX = "index.html";

// The absolute URL of each cached file, resolved against this script (it sits beside them).
const fileUrl = (file) => new URL(file, self.location.href).href;
const CACHED_URLS = new Set(BUILD.files.map(fileUrl));
// The addresses of the page itself, without their query.
const PAGE_URLS = new Set([self.registration.scope, fileUrl(INDEX)]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) =>
        cache.addAll(BUILD.files.map((file) => new Request(fileUrl(file), { cache: "reload" }))),
      ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === SKIP_WAITING) self.skipWaiting();
});

// The cached response for `url` in this version's cache, else the network's.
async function cachedOrFetched(request, url) {
  const cache = await caches.open(CACHE_NAME);
  return (await cache.match(url)) ?? fetch(request);
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.hash = "";
  if (request.mode === "navigate" && PAGE_URLS.has(url.origin + url.pathname)) {
    event.respondWith(cachedOrFetched(request, fileUrl(INDEX)));
    return;
  }
  if (CACHED_URLS.has(url.href)) event.respondWith(cachedOrFetched(request, url.href));
});
