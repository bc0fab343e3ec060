// www/wasm-features.js: the relaxed-SIMD probe's bytes, and which build is chosen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  RELAXED_SIMD_PROBE,
  supportsRelaxedSimd,
  requestedWasmBuild,
  chooseWasmBuild,
} from "../../www/wasm-features.js";

// Validates `bytes` in a child Node with relaxed SIMD switched on (Node 20's V8 has it behind
// a flag; later versions accept the flag too).
function validateWithRelaxedSimd(bytes) {
  const source = `process.stdout.write(String(WebAssembly.validate(new Uint8Array(${JSON.stringify(
    Array.from(bytes),
  )}))))`;
  const child = spawnSync(process.execPath, ["--experimental-wasm-relaxed-simd", "-e", source], {
    encoding: "utf8",
  });
  assert.equal(child.status, 0, child.stderr);
  return child.stdout;
}

test("the probe is a valid module where relaxed SIMD is on", () => {
  assert.equal(validateWithRelaxedSimd(RELAXED_SIMD_PROBE), "true");
});

test("the probe is checked for real: the same module with a missing operand is invalid", () => {
  // Two splats instead of three: relaxed_madd takes three operands, so this cannot validate.
  const bytes = Array.from(RELAXED_SIMD_PROBE);
  const splat = [0x43, 0, 0, 0, 0, 0xfd, 0x13];
  const at = bytes.indexOf(0x43);
  bytes.splice(at, splat.length);
  bytes[bytes.indexOf(0x1c)] = 0x1c - splat.length; // code section size
  bytes[bytes.indexOf(0x1a)] = 0x1a - splat.length; // body size
  assert.equal(validateWithRelaxedSimd(bytes), "false");
});

test("the browser's answer decides: relaxed where validate accepts the probe, else simd128", () => {
  const seen = [];
  const yes = (bytes) => (seen.push(bytes), true);
  assert.equal(supportsRelaxedSimd(yes), true);
  assert.equal(seen[0], RELAXED_SIMD_PROBE);
  assert.equal(chooseWasmBuild("auto", yes), "relaxed");
  assert.equal(
    chooseWasmBuild("auto", () => false),
    "simd128",
  );
  // Safari's "no" may also be a throw, or no WebAssembly.validate at all.
  assert.equal(
    chooseWasmBuild("auto", () => {
      throw new Error("unsupported");
    }),
    "simd128",
  );
  assert.equal(chooseWasmBuild("auto", undefined), "simd128");
});

test("forcing: simd128 always; relaxed only where it can run", () => {
  assert.equal(
    chooseWasmBuild("simd128", () => true),
    "simd128",
  );
  assert.equal(
    chooseWasmBuild("relaxed", () => true),
    "relaxed",
  );
  assert.equal(
    chooseWasmBuild("relaxed", () => false),
    "simd128",
  );
});

test("the URL's wasm= key: query or hash (the hash wins); anything else is a problem", () => {
  assert.deepEqual(requestedWasmBuild("", ""), { build: "auto" });
  assert.deepEqual(requestedWasmBuild("?wasm=simd128", "#hidden=20"), { build: "simd128" });
  assert.deepEqual(requestedWasmBuild("", "#hidden=20&wasm=relaxed"), { build: "relaxed" });
  assert.deepEqual(requestedWasmBuild("?wasm=simd128", "#wasm=relaxed"), { build: "relaxed" });
  assert.deepEqual(requestedWasmBuild("?wasm=auto", ""), { build: "auto" });
  const bad = requestedWasmBuild("?wasm=avx", "");
  assert.equal(bad.build, "auto");
  assert.match(bad.problem, /wasm=avx is not a build \(expected relaxed, simd128 or auto\)/);
});

test("the settings reader knows wasm= is the page's, not an unknown key", async () => {
  const { decodeHash } = await import("../../www/settings.js");
  assert.deepEqual(decodeHash("?wasm=relaxed&hidden=20").problems, []);
  assert.equal(decodeHash("?wazm=relaxed").problems[0].code, "unknownKey");
});
