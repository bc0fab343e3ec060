#!/usr/bin/env node
// A tiny static server for the production bundle, mounted under a sub-path so
// the tests prove that dist/ works wherever it is hosted.
//
//   node scripts/serve-dist.mjs [--port 4173] [--base /demo/] [--dir dist]
//
// GET /demo/...  -> the file under dist/ (a directory serves its index.html)
// GET /demo      -> 301 to /demo/
// anything else  -> 404
// No dependencies beyond Node's standard library.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  // The web app manifest (www/static/); sw.js, the service worker, is .js above: a browser
  // registers a service worker only when it is served as JavaScript.
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

function parseArgs(argv) {
  const options = {
    port: Number(process.env.PORT) || 4173,
    base: "/demo/",
    dir: "dist",
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    if (flag === "--port") options.port = Number(value);
    else if (flag === "--base") options.base = value;
    else if (flag === "--dir") options.dir = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!options.base.startsWith("/")) options.base = `/${options.base}`;
  if (!options.base.endsWith("/")) options.base = `${options.base}/`;
  options.dir = path.resolve(ROOT, options.dir);
  return options;
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  response.end(body);
}

// Maps a URL path under `base` to a file under `dir`, or null when it is outside.
function resolveFile(urlPath, { base, dir }) {
  if (!urlPath.startsWith(base)) return null;
  let relative;
  try {
    relative = decodeURIComponent(urlPath.slice(base.length));
  } catch {
    return null;
  }
  const file = path.resolve(dir, `.${path.posix.sep}${relative}`);
  if (file !== dir && !file.startsWith(dir + path.sep)) return null;
  return file;
}

async function serveFile(request, response, options) {
  const { pathname } = new URL(request.url, "http://localhost");
  if (`${pathname}/` === options.base) {
    send(response, 301, "", { location: options.base });
    return;
  }
  let file = resolveFile(pathname, options);
  if (file === null) {
    send(response, 404, "not found\n");
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = path.join(file, "index.html");
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    send(response, 404, "not found\n");
    return;
  }
  const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  response.writeHead(200, {
    "content-type": type,
    "content-length": info.size,
    "cache-control": "no-store",
    // As GitHub Pages does: a page in <iframe sandbox="allow-scripts"> has the origin "null",
    // and its fetch of the .wasm is a cross-origin request that needs this header.
    "access-control-allow-origin": "*",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  stat(path.join(options.dir, "index.html")).catch(() => {
    console.warn(`serve-dist: ${options.dir}/index.html not found; run \`npm run build\` first`);
  });
  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      send(response, 405, "method not allowed\n", { allow: "GET, HEAD" });
      return;
    }
    serveFile(request, response, options).catch((error) => {
      console.error(`serve-dist: ${request.url}: ${error.message}`);
      if (!response.headersSent) send(response, 500, "internal error\n");
      else response.destroy();
    });
  });
  server.listen(options.port, () => {
    console.log(
      `serve-dist: ${path.relative(ROOT, options.dir) || "."}/ at http://localhost:${options.port}${options.base}`,
    );
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => process.exit(0));
  }
}

main();
