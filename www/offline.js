// The page's side of offline use: registers the production build's service worker (dist/sw.js,
// written by scripts/offline-plugin.cjs from www/service-worker.js) and shows the update notice
// when a new deploy is ready.
//
// The worker is registered by the relative URL "./sw.js", so its scope is the page's own folder,
// wherever the page is hosted (/, /demo/, /REPOSITORY/). A new deploy's worker installs beside
// the running one and waits; the notice says so, and its button asks the waiting worker to take
// over and reloads. The page never reloads by itself: a learner in the middle of training
// decides when. The browser looks for a new sw.js on every load; the page also asks whenever
// the tab becomes visible again, so a page left open learns about a deploy too.
//
// Where service workers are unavailable the page works as before, and says nothing: a
// development build (the dev server's bundles change on every edit), a browser without them,
// plain http on another host than localhost, and a frame with an opaque origin
// (<iframe sandbox="allow-scripts">, where reading navigator.serviceWorker throws a
// SecurityError).

import { byTestId } from "./dom.js";

const SERVICE_WORKER_URL = "./sw.js";
// The message that makes the waiting worker take over (www/service-worker.js).
const SKIP_WAITING = "skip-waiting";

// navigator.serviceWorker, or null where it is missing or reading it throws.
function serviceWorkers() {
  try {
    return globalThis.navigator?.serviceWorker ?? null;
  } catch {
    return null; // SecurityError: an opaque origin
  }
}

// Shows the notice element (index.html, data-testid "update-notice") once a new version waits;
// its Reload button calls `apply`, its Later button hides it.
function createNotice(root) {
  const notice = byTestId(root, "update-notice");
  let apply = () => location.reload();
  byTestId(root, "update-reload").addEventListener("click", () => apply());
  byTestId(root, "update-later").addEventListener("click", () => {
    notice.hidden = true;
  });
  return {
    show(onReload) {
      apply = onReload;
      notice.hidden = false;
    },
  };
}

// Calls `onWaiting(worker)` when `registration` has a new worker installed and waiting while an
// older one controls the page (without a controller it is the first install: nothing to say).
function watchForUpdates(registration, container, onWaiting) {
  if (registration.waiting && container.controller) onWaiting(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed" && container.controller) onWaiting(installing);
    });
  });
}

// Registers the service worker in a production build and wires the update notice under `root`.
// Resolves when done; never rejects (a failure only means no offline copy).
export async function startOffline(root = document) {
  const container = serviceWorkers();
  if (container === null) return;
  if (process.env.NODE_ENV !== "production") {
    // A worker left by a production build served at the same address would shadow the dev
    // server's bundles: drop it.
    const left = await container.getRegistration(SERVICE_WORKER_URL).catch(() => null);
    await left?.unregister();
    return;
  }
  const notice = createNotice(root);
  let reloadAsked = false;
  // On a first visit the page has no controller until the new worker claims it: that change is
  // no new version.
  let controlled = container.controller !== null;
  // The new worker took over: after this page's own request, load the new version; after
  // another tab's, this page still runs the old scripts, so it offers the reload instead.
  container.addEventListener("controllerchange", () => {
    if (!controlled) controlled = true;
    else if (reloadAsked) location.reload();
    else notice.show(() => location.reload());
  });
  let registration;
  try {
    registration = await container.register(SERVICE_WORKER_URL);
  } catch (error) {
    // No offline copy (an insecure origin, a server without sw.js): the page works as before.
    console.info(`offline: no service worker (${error.message})`);
    return;
  }
  watchForUpdates(registration, container, (waiting) =>
    notice.show(() => {
      reloadAsked = true;
      waiting.postMessage({ type: SKIP_WAITING });
    }),
  );
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") registration.update().catch(() => {});
  });
}
