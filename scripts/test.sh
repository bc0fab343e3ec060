#!/usr/bin/env bash
# Every check CI runs, in order, stopping at the first failure:
#   set-up, rustfmt, prettier, JavaScript unit tests (node --test), clippy (native,
#   wasm32, and wasm32 with relaxed SIMD), native tests, wasm-bindgen tests in headless
#   Chromium, the production bundle (both wasm builds), Playwright.
# `npm test` and .ci/run call this. It ends with one summary line that counts
# the tests that ran (node --test, cargo, wasm-bindgen-test, Playwright).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/wasm-env.sh
source scripts/wasm-env.sh

LOG_DIR=target/test-logs
mkdir -p "$LOG_DIR"
rm -f "$LOG_DIR"/*.out test-results/results.json

total_start=$SECONDS
stage_no=0
stage_start=$SECONDS
stage_name=""
stages_passed=0
stages_skipped=()

banner() {
  stage_no=$((stage_no + 1))
  stage_name="$1"
  stage_start=$SECONDS
  printf '\n==================================================================\n'
  printf '== [%d] %s\n' "$stage_no" "$stage_name"
  printf '==================================================================\n'
}
ok() {
  stages_passed=$((stages_passed + 1))
  printf -- '-- [%d] %s: ok (%ds)\n' "$stage_no" "$stage_name" "$((SECONDS - stage_start))"
}
skip() {
  stages_skipped+=("$stage_name")
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  printf '!! SKIPPED: %s\n!! %s\n' "$stage_name" "$1"
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
}
report_failure() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    printf '\n== FAILED at stage [%d] %s (exit %d)\n' "$stage_no" "$stage_name" "$status" >&2
  fi
}
trap report_failure EXIT

# Runs a command with its output both shown and kept in $LOG_DIR/$1.out.
logged() {
  local name="$1"
  shift
  "$@" 2>&1 | tee "$LOG_DIR/$name.out"
}

# Sums the "# pass N", "# fail N" and "# skipped N" lines of node's test runner.
count_node() {
  cat "$@" 2>/dev/null | awk '
    /^# pass / { p += $3 }
    /^# fail / { f += $3 }
    /^# skipped / { s += $3 }
    END { printf "%d %d %d\n", p, f, s }'
}

# Sums "test result: ... N passed; M failed; K ignored" over the given logs.
count_cargo() {
  cat "$@" 2>/dev/null | awk '
    /^test result:/ {
      for (i = 1; i <= NF; i++) {
        v = $(i - 1) + 0
        if ($i ~ /^passed/) p += v
        if ($i ~ /^failed/) f += v
        if ($i ~ /^ignored/) s += v
      }
    }
    END { printf "%d %d %d\n", p, f, s }'
}

export CI="${CI:-}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

banner "set-up (toolchain, wasm-bindgen CLI, npm packages, Chromium)"
bash scripts/setup.sh --browser
ok

banner "cargo fmt --all -- --check"
cargo fmt --all -- --check
ok

banner "prettier --check (JavaScript)"
if [ -x node_modules/.bin/prettier ]; then
  node_modules/.bin/prettier --check --no-error-on-unmatched-pattern \
    "www/**/*.{js,mjs,css}" "e2e/**/*.{js,mjs}" "tests/js/**/*.mjs" "bench/**/*.{js,mjs}" \
    webpack.config.js playwright.config.js "scripts/*.{mjs,cjs}"
  ok
else
  skip "prettier is not installed in node_modules"
fi

# The www/ modules are ES modules in a package without "type": "module"; Node reads them as
# such by their syntax, and the flag silences its notice that it did so.
banner "node --test tests/js/ (JavaScript unit tests)"
logged js node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test tests/js/
ok

banner "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
ok

banner "cargo clippy --lib --test web --test web_views --target $WASM_TARGET -- -D warnings"
RUSTFLAGS="$(wasm_rustflags)" cargo clippy --lib --test web --test web_views --target "$WASM_TARGET" -- -D warnings
ok

# The relaxed-SIMD build (pkg-relaxed/) compiles code the simd128 build does not
# (src/model/matmul.rs, product_tile_relaxed), in its own target dir.
banner "cargo clippy --lib --target $WASM_TARGET, relaxed SIMD -- -D warnings"
RUSTFLAGS="$(wasm_rustflags_relaxed)" cargo clippy --lib --target "$WASM_TARGET" \
  --target-dir "$WASM_RELAXED_TARGET_DIR" -- -D warnings
ok

banner "cargo test (native)"
logged native cargo test
ok

banner "cargo test --target $WASM_TARGET --test web --test web_views (headless Chromium)"
if [ -f tests/web.rs ]; then
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" # see scripts/setup.sh
  export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"
  unset GECKODRIVER SAFARIDRIVER WASM_BINDGEN_USE_BROWSER NO_HEADLESS || true
  RUSTFLAGS="$(wasm_rustflags)" logged web cargo test --target "$WASM_TARGET" --test web --test web_views
  ok
else
  skip "tests/web.rs does not exist yet"
fi

banner "npm run build (production bundle in dist/)"
npm run --silent build
ok

banner "playwright test (e2e/ against dist/ served under /demo/)"
if [ -d e2e ] && [ -n "$(find e2e -type f \( -name '*.spec.*' -o -name '*.test.*' \) | head -n1)" ]; then
  node_modules/.bin/playwright test
  ok
else
  skip "e2e/ has no *.spec.js or *.test.js file yet"
fi

# --- summary ------------------------------------------------------------------
read -r n_pass n_fail n_skip < <(count_node "$LOG_DIR"/js.out)
read -r c_pass c_fail c_skip < <(count_cargo "$LOG_DIR"/native.out "$LOG_DIR"/web.out)
e_pass=0 e_fail=0 e_skip=0
if [ -f test-results/results.json ]; then
  read -r e_pass e_fail e_skip < <(node -e '
    const s = require(process.argv[1]).stats;
    console.log(s.expected + s.flaky, s.unexpected, s.skipped);
  ' "$ROOT/test-results/results.json")
fi

trap - EXIT
printf '\n==================================================================\n'
printf '== all stages passed in %ds: %d run' "$((SECONDS - total_start))" "$stages_passed"
if [ ${#stages_skipped[@]} -gt 0 ]; then
  printf ', %d SKIPPED:' "${#stages_skipped[@]}"
  printf ' [%s]' "${stages_skipped[@]}"
fi
printf '\n== node --test: %d passed, %d failed, %d skipped\n' "$n_pass" "$n_fail" "$n_skip"
printf '== cargo test + wasm-bindgen-test: %d passed, %d failed, %d ignored\n' "$c_pass" "$c_fail" "$c_skip"
printf '== playwright: %d passed, %d failed, %d skipped\n' "$e_pass" "$e_fail" "$e_skip"
printf '==================================================================\n'
echo "tests: $((n_pass + c_pass + e_pass)) passed, $((n_fail + c_fail + e_fail)) failed, $((n_skip + c_skip + e_skip)) skipped"
