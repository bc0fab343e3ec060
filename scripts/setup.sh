#!/usr/bin/env bash
# Idempotent set-up for building and testing the crate and the web page.
#
#   scripts/setup.sh            Rust wasm target, wasm-bindgen CLI, npm devDependencies
#   scripts/setup.sh --browser  the same, plus Chromium and chromedriver (apt, as root)
#
# `npm start`, `npm run build` and `npm test` run this first, before node_modules
# exists, so it is plain bash with no Node dependencies. A second run installs
# nothing and takes about a second.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_TARGET=wasm32-unknown-unknown
# The browser the tests drive: Debian's chromium unless CHROMIUM_PATH (read by
# playwright.config.js too) and CHROMEDRIVER (read by wasm-bindgen-test-runner) name another,
# as on a CI runner that has Google Chrome (.github/workflows/pages.yml).
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
CHROMEDRIVER_BIN="${CHROMEDRIVER:-/usr/bin/chromedriver}"

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    -h | --help)
      sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup: unknown argument '$arg' (expected --browser)" >&2
      exit 2
      ;;
  esac
done

say() { echo "setup: $*"; }
die() {
  echo "setup: ERROR: $*" >&2
  exit 1
}

# --- Rust toolchain ---------------------------------------------------------
for tool in cargo rustc; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "'$tool' not found on PATH. Install the Rust toolchain with rustup, then re-run (see Cargo.toml for the minimum version)."
done

if command -v rustup >/dev/null 2>&1; then
  if rustup target list --installed | grep -qx "$WASM_TARGET"; then
    say "rust target $WASM_TARGET already installed"
  else
    say "installing rust target $WASM_TARGET (a download of about 20 MB, once)"
    rustup target add "$WASM_TARGET"
  fi
elif [ -d "$(rustc --print sysroot)/lib/rustlib/$WASM_TARGET" ]; then
  say "rust target $WASM_TARGET present (no rustup)"
else
  die "rust target $WASM_TARGET is missing and rustup is not available to add it."
fi

# --- wasm-bindgen CLI, at exactly the version in Cargo.lock -----------------
if [ ! -f Cargo.lock ]; then
  say "no Cargo.lock yet; generating it"
  cargo generate-lockfile --quiet
fi

lock_version() {
  # Prints the version of package $1 from Cargo.lock (the first one listed).
  awk -v name="$1" '
    $0 == "[[package]]" { in_pkg = 1; found = 0; next }
    in_pkg && $0 == "name = \"" name "\"" { found = 1; next }
    in_pkg && found && $1 == "version" { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock
}

WB_VERSION="$(lock_version wasm-bindgen)"
[ -n "$WB_VERSION" ] || die "wasm-bindgen is not in Cargo.lock; is it a dependency in Cargo.toml?"

installed_wb=""
if command -v wasm-bindgen >/dev/null 2>&1 && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  installed_wb="$(wasm-bindgen --version | awk '{print $2}')"
fi
if [ "$installed_wb" = "$WB_VERSION" ]; then
  say "wasm-bindgen $WB_VERSION already installed"
else
  say "installing wasm-bindgen-cli $WB_VERSION (found '${installed_wb:-none}'): about 2 minutes on 2 cores, once"
  # No --locked: the CLI's own lock file does not resolve against the registry here.
  # --no-default-features: no TLS stack (the test runner talks to chromedriver over plain HTTP
  # on localhost). --debug: an unoptimised build of the tool, not of our code. Measured here for
  # 0.2.130: default 516 s, --no-default-features 254 s, both flags 126 s; the debug tool writes
  # a byte-identical _bg.wasm in about 1 s instead of 0.25 s, and the whole `npm test` passes
  # with it.
  step_start=$SECONDS
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force --no-default-features --debug
  installed_wb="$(wasm-bindgen --version | awk '{print $2}')"
  [ "$installed_wb" = "$WB_VERSION" ] ||
    die "installed wasm-bindgen is '$installed_wb', expected $WB_VERSION (is ~/.cargo/bin first on PATH?)"
  say "wasm-bindgen $WB_VERSION installed in $((SECONDS - step_start)) s"
fi

# --- npm devDependencies ----------------------------------------------------
command -v node >/dev/null 2>&1 || die "'node' not found. Install Node.js 20 or newer with npm."
command -v npm >/dev/null 2>&1 || die "'npm' not found. Install npm (it ships with Node.js)."

# npm writes node_modules/.package-lock.json on every install: it is the stamp.
stamp=node_modules/.package-lock.json
if [ -f package-lock.json ]; then
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    say "installing npm devDependencies (npm ci): about 40 seconds, once"
    step_start=$SECONDS
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
    touch "$stamp"
    say "npm devDependencies installed in $((SECONDS - step_start)) s"
  else
    say "node_modules up to date with package-lock.json"
  fi
else
  if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ]; then
    say "no package-lock.json; running npm install"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
    touch "$stamp"
  else
    say "node_modules present (no package-lock.json)"
  fi
fi

# --- Chromium and chromedriver (only with --browser) ------------------------
if [ "$want_browser" = 1 ]; then
  if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER_BIN" ]; then
    say "chromium and chromedriver present ($("$CHROMIUM" --version 2>/dev/null | head -n1))"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing chromium and chromium-driver with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium chromium-driver
    [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER_BIN" ] ||
      die "apt-get finished but $CHROMIUM or $CHROMEDRIVER_BIN is still missing"
  else
    cat >&2 <<EOF
setup: ERROR: the browser tests need $CHROMIUM and $CHROMEDRIVER_BIN.
  On Debian or Ubuntu, as root:
    apt-get update && apt-get install -y chromium chromium-driver
  then re-run this command.
EOF
    exit 1
  fi

  # A Chinese font, so that the 简体中文 labels in screenshots are characters, not boxes.
  if fc-list :lang=zh 2>/dev/null | grep -q .; then
    say "a Chinese font is present"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing a Chinese font (fonts-wqy-microhei) with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get -o DPkg::Lock::Timeout=600 install -y -qq fonts-wqy-microhei ||
      { apt-get -o DPkg::Lock::Timeout=600 update -qq &&
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq fonts-wqy-microhei; }; } ||
      say "WARNING: could not install fonts-wqy-microhei; Chinese text in screenshots may show as boxes"
  else
    say "WARNING: no Chinese font; as root: apt-get install -y fonts-wqy-microhei (screenshots only)"
  fi
fi

say "done"
