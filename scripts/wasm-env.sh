# shellcheck shell=bash disable=SC2034
# Sourced by build-wasm.sh and test.sh: the one place that says how the crate is
# compiled for the browser, so the tests exercise the same code as the bundle.
#
# simd128 lets LLVM vectorise the f32 loops; every current browser supports it.
# RUSTFLAGS only reaches the wasm32 artifacts because cargo is always given
# --target here (build scripts and proc-macros keep the host flags).
WASM_TARGET=wasm32-unknown-unknown
WASM_RUSTFLAGS="-C target-feature=+simd128"
# The second build (pkg-relaxed/, see build-wasm.sh) adds relaxed SIMD: f32x4.relaxed_madd in the
# matrix product (src/model/matmul.rs). Chrome 114+ and Firefox 145+ run it; Safari does not, and
# the page falls back to the simd128 build there (www/wasm-features.js). Its own target dir, so
# the two builds do not invalidate each other's artifacts.
WASM_RUSTFLAGS_RELAXED="-C target-feature=+simd128,+relaxed-simd"
WASM_RELAXED_TARGET_DIR=target/relaxed

# Prints RUSTFLAGS for a wasm build: the caller's own flags plus ours.
wasm_rustflags() {
  echo "${RUSTFLAGS:+$RUSTFLAGS }$WASM_RUSTFLAGS"
}

# Prints RUSTFLAGS for the relaxed-SIMD build.
wasm_rustflags_relaxed() {
  echo "${RUSTFLAGS:+$RUSTFLAGS }$WASM_RUSTFLAGS_RELAXED"
}
