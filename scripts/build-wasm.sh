#!/usr/bin/env bash
# Compiles the crate to WebAssembly twice and generates the JavaScript bindings:
#
#   scripts/build-wasm.sh [--release|--dev] [--simd128-only]    (default: --release, both)
#
# --simd128-only (npm start's first-run shortcut) builds pkg/ alone and removes pkg-relaxed/;
# the development server then stands in pkg/ for it (webpack.config.js), and the page says
# "simd128". The second build compiles every dependency again with other target features, about
# 2 more minutes the first time, which npm start's first run does without.
#
#   pkg/          the simd128 build: every current browser (Safari included)
#   pkg-relaxed/  the relaxed-SIMD build (+relaxed-simd: f32x4.relaxed_madd in the matrix
#                 product), for Chrome 114+ and Firefox 145+
#
# Each holds lstm_conveyor.js (+ _bg.js, _bg.wasm, .d.ts) for a bundler. The page picks one at
# load time by feature detection (www/wasm-features.js), for the worker and the drawing copy
# alike. A release build is also run through wasm-opt -O3 (from the binaryen npm package) when
# that is available.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/wasm-env.sh
source scripts/wasm-env.sh

CRATE_FILE=lstm_conveyor # the lib file name of the crate `lstm-conveyor`

profile=release
relaxed=1
for arg in "$@"; do
  case "$arg" in
    --release) profile=release ;;
    --dev) profile=dev ;;
    --simd128-only) relaxed=0 ;;
    *)
      echo "build-wasm: unknown argument '$arg' (expected --release, --dev or --simd128-only)" >&2
      exit 2
      ;;
  esac
done

command -v wasm-bindgen >/dev/null 2>&1 ||
  { echo "build-wasm: wasm-bindgen not found; run scripts/setup.sh first" >&2; exit 1; }

if [ "$profile" = release ]; then
  profile_dir=release
else
  profile_dir=debug
fi

# build_one NAME OUT_DIR TARGET_DIR RUSTFLAGS [extra wasm-opt flags...]
build_one() {
  local name="$1" out_dir="$2" target_dir="$3" rustflags="$4"
  shift 4
  local start=$SECONDS
  local cargo_args=(build --lib --target "$WASM_TARGET" --target-dir "$target_dir")
  [ "$profile" = release ] && cargo_args+=(--release)

  if [ ! -d "$target_dir/$WASM_TARGET/$profile_dir/deps" ]; then
    echo "build-wasm: [$name] the first $profile build compiles every dependency: about 2-3 minutes on 2 cores, once"
  fi
  echo "build-wasm: [$name -> $out_dir/] cargo ${cargo_args[*]} (RUSTFLAGS='$rustflags')"
  RUSTFLAGS="$rustflags" cargo "${cargo_args[@]}"

  local wasm_in="$target_dir/$WASM_TARGET/$profile_dir/$CRATE_FILE.wasm"
  [ -f "$wasm_in" ] || { echo "build-wasm: $wasm_in was not produced" >&2; exit 1; }

  rm -rf "$out_dir"
  local wb_args=(--target bundler --out-dir "$out_dir" --out-name "$CRATE_FILE")
  [ "$profile" = dev ] && wb_args+=(--debug --keep-debug)
  echo "build-wasm: [$name] wasm-bindgen ${wb_args[*]} $wasm_in"
  wasm-bindgen "${wb_args[@]}" "$wasm_in"

  local bg="$out_dir/${CRATE_FILE}_bg.wasm"
  if [ "$profile" = release ]; then
    local wasm_opt="node_modules/.bin/wasm-opt"
    if [ -x "$wasm_opt" ]; then
      local before
      before=$(wc -c <"$bg")
      # Features are read from the module's target_features section; they are named too
      # because wasm-bindgen may drop that section.
      if "$wasm_opt" -O3 --enable-simd --enable-bulk-memory --enable-sign-ext \
        --enable-nontrapping-float-to-int --enable-mutable-globals \
        --enable-reference-types --enable-multivalue "$@" \
        "$bg" -o "$bg.opt" 2>"$out_dir/wasm-opt.err"; then
        mv "$bg.opt" "$bg"
        rm -f "$out_dir/wasm-opt.err"
        echo "build-wasm: [$name] wasm-opt -O3: $before -> $(wc -c <"$bg") bytes"
      else
        rm -f "$bg.opt"
        echo "build-wasm: WARNING: [$name] wasm-opt failed; keeping the unoptimised module. First lines:" >&2
        head -n 5 "$out_dir/wasm-opt.err" >&2
        rm -f "$out_dir/wasm-opt.err"
      fi
    else
      echo "build-wasm: wasm-opt not installed (npm devDependency binaryen); skipping"
    fi
  fi
  echo "build-wasm: [$name] $profile build in $out_dir/ ($(wc -c <"$bg") bytes of wasm) in $((SECONDS - start))s"
}

build_one simd128 pkg target "$(wasm_rustflags)"
if [ "$relaxed" = 1 ]; then
  build_one relaxed-simd pkg-relaxed "$WASM_RELAXED_TARGET_DIR" "$(wasm_rustflags_relaxed)" --enable-relaxed-simd
  echo "build-wasm: built pkg/ (simd128, every browser) and pkg-relaxed/ (relaxed SIMD, Chrome 114+, Firefox 145+)"
else
  rm -rf pkg-relaxed
  echo "build-wasm: built pkg/ (simd128) only; the development server uses it for the relaxed build too"
fi
