#!/usr/bin/env bash
# Times the first `npm start` of a fresh clone, as on a new machine, until the page answers:
#
#   bash scripts/first-start.sh [REPOSITORY]      (default: this repository's committed HEAD)
#
# Nothing of ours is installed for it: the clone has no target/ or node_modules/, cargo gets an
# empty CARGO_HOME (no wasm-bindgen, no crate cache: everything is downloaded and compiled
# again), npm an empty cache, and PATH holds only rustup's commands (rustup, cargo, rustc) and
# the system's. What stays is what the README asks for: Rust (its toolchain, with the
# wasm32-unknown-unknown target if it is installed already) and Node. Port 8080 must be free.
# Prints the seconds until http://localhost:8080/ served the page, and each set-up step's line.
set -euo pipefail

SOURCE="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
PORT=8080
LIMIT_S=1800
WORK="$(mktemp -d /tmp/first-start.XXXXXX)"
RUSTUP_BIN="$(dirname "$(command -v rustup)")"

git clone -q "$SOURCE" "$WORK/clone"
mkdir -p "$WORK/bin" "$WORK/cargo" "$WORK/npm-cache"
for tool in rustup cargo rustc; do ln -s "$RUSTUP_BIN/$tool" "$WORK/bin/$tool"; done

echo "first-start: clone of $SOURCE in $WORK/clone; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$WORK/clone"
start=$SECONDS
env CARGO_HOME="$WORK/cargo" npm_config_cache="$WORK/npm-cache" \
  PATH="$WORK/cargo/bin:$WORK/bin:/usr/local/bin:/usr/bin:/bin" \
  setsid npm start >"$WORK/start.log" 2>&1 &
server=$!
answered=""
while [ $((SECONDS - start)) -lt "$LIMIT_S" ]; do
  if curl -fsS "http://localhost:$PORT/" 2>/dev/null | grep -q "<canvas"; then
    answered=$((SECONDS - start))
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 2
done
kill -- -"$server" 2>/dev/null || true

grep -E "^setup:|build-wasm: \[.*\] .* in [0-9]+s|compiled" "$WORK/start.log" || true
if [ -z "$answered" ]; then
  echo "first-start: npm start did not answer (log: $WORK/start.log)" >&2
  exit 1
fi
echo "first-start: npm start answered after $answered s (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
