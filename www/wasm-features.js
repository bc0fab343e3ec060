// Which of the two WebAssembly builds the trainer runs (scripts/build-wasm.sh makes both):
//
//   "relaxed"  pkg-relaxed/: relaxed SIMD, f32x4.relaxed_madd in the matrix product
//              (src/model/matmul.rs); Chrome 114+, Firefox 145+
//   "simd128"  pkg/: plain 128-bit SIMD, every current browser (Safari too); the fallback
//
// The browser is asked with WebAssembly.validate on the smallest module that uses a relaxed-SIMD
// instruction: a browser without the proposal refuses the opcode and the module is invalid.
// `?wasm=simd128` or `?wasm=relaxed` in the page's URL (or `#wasm=…` in its hash) forces a build,
// for the end-to-end tests and for anyone comparing the two; it is read once, when the page loads.

export const WASM_BUILDS = ["relaxed", "simd128"];
export const WASM_URL_KEY = "wasm";

// (module (func (result v128)
//   (f32x4.relaxed_madd (f32x4.splat (f32.const 0)) (f32x4.splat (f32.const 0))
//                       (f32x4.splat (f32.const 0)))))
// prettier-ignore
export const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, // magic: "\0asm"
  0x01, 0x00, 0x00, 0x00, // binary format version 1
  0x01, 0x05, // section 1 (types), 5 bytes:
  0x01, 0x60, 0x00, 0x01, 0x7b, //   1 type: func, 0 parameters, 1 result of type v128 (0x7b)
  0x03, 0x02, // section 3 (functions), 2 bytes:
  0x01, 0x00, //   1 function, of type 0
  0x0a, 0x1c, // section 10 (code), 28 bytes:
  0x01, 0x1a, //   1 body, 26 bytes:
  0x00, //     no locals
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13, //     f32.const 0.0 (4 bytes, little-endian); f32x4.splat (0xfd 19)
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13, //     the same: the second operand
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13, //     and the third (the addend)
  0xfd, 0x85, 0x02, //     f32x4.relaxed_madd: prefix 0xfd, opcode 0x105 as LEB128 (0x85 0x02)
  0x0b, //     end
]);

// True when this browser's WebAssembly runs relaxed SIMD. `validate` is WebAssembly.validate,
// passed in so that the tests can stand in for browsers that lack it.
export function supportsRelaxedSimd(validate = globalThis.WebAssembly?.validate) {
  if (typeof validate !== "function") return false;
  try {
    return validate.call(globalThis.WebAssembly, RELAXED_SIMD_PROBE) === true;
  } catch {
    return false;
  }
}

// The build the URL asks for ("relaxed", "simd128"), or "auto" when it names none or names
// something else (then `problem` says what, for a console warning). A key in the hash wins over
// the same key in the query, as for the settings (www/settings.js).
export function requestedWasmBuild(search = "", hash = "") {
  const fromHash = new URLSearchParams(String(hash).replace(/^#/, "")).get(WASM_URL_KEY);
  const fromQuery = new URLSearchParams(String(search).replace(/^\?/, "")).get(WASM_URL_KEY);
  const asked = fromHash ?? fromQuery;
  if (asked === null || asked === "" || asked === "auto") return { build: "auto" };
  if (WASM_BUILDS.includes(asked)) return { build: asked };
  return {
    build: "auto",
    problem: `${WASM_URL_KEY}=${asked} is not a build (expected ${WASM_BUILDS.join(", ")} or auto); choosing by feature detection`,
  };
}

// The build to load: the requested one, except that "relaxed" in a browser without relaxed
// SIMD falls back to "simd128" (that module could not even compile there); "auto" is "relaxed"
// exactly when the browser supports it.
export function chooseWasmBuild(requested = "auto", validate = globalThis.WebAssembly?.validate) {
  if (requested === "simd128") return "simd128";
  return supportsRelaxedSimd(validate) ? "relaxed" : "simd128";
}
