#!/usr/bin/env bash
# Compiles the crate to WebAssembly and generates the JavaScript bindings in pkg/.
#
#   scripts/build-wasm.sh [--release|--dev]    (default: --release)
#
# Output: pkg/lstm_conveyor.js (+ _bg.js, _bg.wasm, .d.ts) for a bundler;
# www/ imports it as ../pkg/lstm_conveyor.js. A release build is also run
# through wasm-opt -O3 (from the binaryen npm package) when that is available.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/wasm-env.sh
source scripts/wasm-env.sh

CRATE_FILE=lstm_conveyor # the lib file name of the crate `lstm-conveyor`
OUT_DIR=pkg

profile=release
for arg in "$@"; do
  case "$arg" in
    --release) profile=release ;;
    --dev) profile=dev ;;
    *)
      echo "build-wasm: unknown argument '$arg' (expected --release or --dev)" >&2
      exit 2
      ;;
  esac
done

command -v wasm-bindgen >/dev/null 2>&1 ||
  { echo "build-wasm: wasm-bindgen not found; run scripts/setup.sh first" >&2; exit 1; }

start=$SECONDS
cargo_args=(build --lib --target "$WASM_TARGET")
if [ "$profile" = release ]; then
  cargo_args+=(--release)
  profile_dir=release
else
  profile_dir=debug
fi

if [ ! -d "target/$WASM_TARGET/$profile_dir/deps" ]; then
  echo "build-wasm: the first $profile build compiles every dependency: about 2-3 minutes on 2 cores, once"
fi
echo "build-wasm: cargo ${cargo_args[*]} (RUSTFLAGS='$(wasm_rustflags)')"
RUSTFLAGS="$(wasm_rustflags)" cargo "${cargo_args[@]}"

wasm_in="target/$WASM_TARGET/$profile_dir/$CRATE_FILE.wasm"
[ -f "$wasm_in" ] || { echo "build-wasm: $wasm_in was not produced" >&2; exit 1; }

rm -rf "$OUT_DIR"
wb_args=(--target bundler --out-dir "$OUT_DIR" --out-name "$CRATE_FILE")
[ "$profile" = dev ] && wb_args+=(--debug --keep-debug)
echo "build-wasm: wasm-bindgen ${wb_args[*]} $wasm_in"
wasm-bindgen "${wb_args[@]}" "$wasm_in"

bg="$OUT_DIR/${CRATE_FILE}_bg.wasm"
if [ "$profile" = release ]; then
  wasm_opt="node_modules/.bin/wasm-opt"
  if [ -x "$wasm_opt" ]; then
    before=$(wc -c <"$bg")
    # Features are read from the module's target_features section; simd is
    # named too because wasm-bindgen may drop that section.
    if "$wasm_opt" -O3 --enable-simd --enable-bulk-memory --enable-sign-ext \
      --enable-nontrapping-float-to-int --enable-mutable-globals \
      --enable-reference-types --enable-multivalue \
      "$bg" -o "$bg.opt" 2>"$OUT_DIR/wasm-opt.err"; then
      mv "$bg.opt" "$bg"
      rm -f "$OUT_DIR/wasm-opt.err"
      echo "build-wasm: wasm-opt -O3: $before -> $(wc -c <"$bg") bytes"
    else
      rm -f "$bg.opt"
      echo "build-wasm: WARNING: wasm-opt failed; keeping the unoptimised module. First lines:" >&2
      head -n 5 "$OUT_DIR/wasm-opt.err" >&2
      rm -f "$OUT_DIR/wasm-opt.err"
    fi
  else
    echo "build-wasm: wasm-opt not installed (npm devDependency binaryen); skipping"
  fi
fi

echo "build-wasm: $profile build in $OUT_DIR/ ($(wc -c <"$bg") bytes of wasm) in $((SECONDS - start))s"
