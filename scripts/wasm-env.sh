# shellcheck shell=bash disable=SC2034
# Sourced by build-wasm.sh and test.sh: the one place that says how the crate is
# compiled for the browser, so the tests exercise the same code as the bundle.
#
# simd128 lets LLVM vectorise the f32 loops; every current browser supports it.
# RUSTFLAGS only reaches the wasm32 artifacts because cargo is always given
# --target here (build scripts and proc-macros keep the host flags).
WASM_TARGET=wasm32-unknown-unknown
WASM_RUSTFLAGS="-C target-feature=+simd128"

# Prints RUSTFLAGS for a wasm build: the caller's own flags plus ours.
wasm_rustflags() {
  echo "${RUSTFLAGS:+$RUSTFLAGS }$WASM_RUSTFLAGS"
}
