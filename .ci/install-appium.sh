#!/usr/bin/env bash
# Install a real Appium 3.8.0 server and its fake driver under .tools/appium, for the
# simulator conformance test (tests/test_appium_conformance.py). Idempotent: does nothing
# when both are already there. Needs node + npm and access to the npm registry.
set -euo pipefail

APPIUM_VERSION="3.8.0"
FAKE_DRIVER_VERSION="6.2.4"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${APPIUM_TOOLS_DIR:-$ROOT/.tools/appium}"
export APPIUM_HOME="$PREFIX"

say() { echo "[install-appium] $*"; }
die() { echo "[install-appium] ERREUR / ERROR: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node est introuvable / node not found: install Node.js 20+ (e.g. apt-get install -y nodejs npm)."
command -v npm >/dev/null 2>&1 || die "npm est introuvable / npm not found: install npm (e.g. apt-get install -y npm)."

APPIUM_BIN="$PREFIX/node_modules/.bin/appium"
installed_appium_version() {
  node -e "console.log(require('$PREFIX/node_modules/appium/package.json').version)" 2>/dev/null || true
}

mkdir -p "$PREFIX"
if [ -x "$APPIUM_BIN" ] && [ "$(installed_appium_version)" = "$APPIUM_VERSION" ]; then
  say "appium@$APPIUM_VERSION already installed in $PREFIX"
else
  say "npm install --prefix $PREFIX appium@$APPIUM_VERSION"
  npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "appium@$APPIUM_VERSION" \
    || die "npm install appium@$APPIUM_VERSION failed (registry reachable? see the npm output above)."
fi
[ -x "$APPIUM_BIN" ] || die "$APPIUM_BIN is missing after npm install."

FAKE_PKG="$PREFIX/node_modules/@appium/fake-driver/package.json"
fake_version() { node -e "console.log(require('$FAKE_PKG').version)" 2>/dev/null || true; }
if [ -f "$FAKE_PKG" ] && [ "$(fake_version)" = "$FAKE_DRIVER_VERSION" ]; then
  say "@appium/fake-driver@$FAKE_DRIVER_VERSION already installed (APPIUM_HOME=$APPIUM_HOME)"
else
  say "APPIUM_HOME=$APPIUM_HOME appium driver install --source=npm @appium/fake-driver@$FAKE_DRIVER_VERSION"
  "$APPIUM_BIN" driver install --source=npm "@appium/fake-driver@$FAKE_DRIVER_VERSION" \
    || die "appium driver install @appium/fake-driver@$FAKE_DRIVER_VERSION failed."
fi
[ -f "$FAKE_PKG" ] || die "fake driver not found at $FAKE_PKG after install."
say "ready: $APPIUM_BIN (appium $(installed_appium_version), fake-driver $(fake_version))"
