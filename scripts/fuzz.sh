#!/usr/bin/env bash
# The readers' property tests at full size: every property of the CSV reader, the weights
# reader (tests/readers_props.rs) and the URL-state reader (tests/js/url-props.test.mjs) with
# CASES cases each (default 100,000; `npm test` runs the same properties with 256 and 2,000).
#
#   npm run fuzz                 # 100,000 cases per property
#   CASES=5000 npm run fuzz      # a quicker pass
#   FUZZ_SEED=7 npm run fuzz     # other cases for the URL reader (proptest picks its own seeds)
#
# Prints one line per reader with its properties, cases and result; exits non-zero when a
# property fails (the failing case is printed above the summary).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CASES="${CASES:-100000}"
SEED="${FUZZ_SEED:-1}"
status=0

start=$SECONDS
if PROPTEST_CASES="$CASES" cargo test --quiet --test readers_props >/tmp/fuzz-rust.log 2>&1; then
  rust="passed"
else
  rust="FAILED"
  status=1
  grep -E "panicked|minimal failing|FAILED" /tmp/fuzz-rust.log | head -n 20
fi
rust_result=$(grep -o 'test result: .*passed; [0-9]* failed' /tmp/fuzz-rust.log | tail -n 1 || true)
rust_time=$((SECONDS - start))

start=$SECONDS
if FUZZ_CASES="$CASES" FUZZ_SEED="$SEED" node --test tests/js/url-props.test.mjs >/tmp/fuzz-js.log 2>&1; then
  js="passed"
else
  js="FAILED"
  status=1
  grep -E "not ok|error:" /tmp/fuzz-js.log | head -n 20
fi
js_props=$(grep -c '^# Subtest' /tmp/fuzz-js.log || true)
js_time=$((SECONDS - start))

echo
echo "fuzz: $CASES cases per property"
echo "fuzz: CSV and weights readers (tests/readers_props.rs): $rust ($rust_result), $rust_time s"
echo "fuzz: URL-state reader (tests/js/url-props.test.mjs, seed $SEED): $js_props properties $js, $js_time s"
exit $status
