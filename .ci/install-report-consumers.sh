#!/usr/bin/env bash
# Install the real consumers of the run's files (a Cucumber HTML reporter, a JUnit viewer, Allure 3) under
# .tools/report-consumers, for tests/test_ci_files.py. Versions pinned in .ci/report-consumers/package.json.
# Idempotent: does nothing when that package.json is already installed. Needs node + npm and the npm registry.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${REPORT_CONSUMERS_DIR:-$ROOT/.tools/report-consumers}"
say() { echo "[install-report-consumers] $*"; }
die() { echo "[install-report-consumers] ERREUR : $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node est introuvable : installez Node.js 20+ (apt-get install -y nodejs npm)."
command -v npm >/dev/null 2>&1 || die "npm est introuvable : installez npm (apt-get install -y npm)."

mkdir -p "$PREFIX"
if cmp -s "$ROOT/.ci/report-consumers/package.json" "$PREFIX/package.json" && [ -x "$PREFIX/node_modules/.bin/allure" ] \
   && [ -x "$PREFIX/node_modules/.bin/xunit-viewer" ] && [ -d "$PREFIX/node_modules/cucumber-html-reporter" ]; then
  say "déjà installés dans $PREFIX"
  exit 0
fi
cp "$ROOT/.ci/report-consumers/package.json" "$PREFIX/package.json"
say "npm install --prefix $PREFIX (allure, cucumber-html-reporter, xunit-viewer)"
npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error \
  || die "npm install a échoué (registre npm joignable ? voir la sortie de npm ci-dessus)."
say "prêts : $PREFIX/node_modules"
