#!/usr/bin/env bash
# Install the Cucumber language server that VS Code's « Cucumber » extension runs (@cucumber/language-server, on
# @cucumber/language-service and its tree-sitter wasm) under .tools/editor-tools, for tests/test_editor_settings.py:
# it reads the editor settings `make catalogue` writes and resolves every step of features/. Versions pinned by
# .ci/editor-tools/package.json and its package-lock.json (npm ci). The optional native tree-sitter parsers are left
# out: the extension, and the test, use the wasm ones shipped in the package.
# Idempotent: does nothing when that lock is already installed. Needs node + npm and the npm registry.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${EDITOR_TOOLS_DIR:-$ROOT/.tools/editor-tools}"
say() { echo "[install-editor-tools] $*"; }
die() { echo "[install-editor-tools] ERREUR : $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node est introuvable : installez Node.js 20+ (apt-get install -y nodejs npm)."
command -v npm >/dev/null 2>&1 || die "npm est introuvable : installez npm (apt-get install -y npm)."

mkdir -p "$PREFIX"
if cmp -s "$ROOT/.ci/editor-tools/package.json" "$PREFIX/package.json" \
   && cmp -s "$ROOT/.ci/editor-tools/package-lock.json" "$PREFIX/package-lock.json" \
   && [ -f "$PREFIX/node_modules/@cucumber/language-server/package.json" ]; then
  say "déjà installé dans $PREFIX"
  exit 0
fi
cp "$ROOT/.ci/editor-tools/package.json" "$ROOT/.ci/editor-tools/package-lock.json" "$PREFIX/"
say "npm ci dans $PREFIX (@cucumber/language-server, versions du package-lock.json)"
(cd "$PREFIX" && npm ci --omit=optional --no-audit --no-fund --loglevel=error) \
  || die "npm ci a échoué (registre npm joignable ? voir la sortie de npm ci-dessus)."
say "prêt : $PREFIX/node_modules/@cucumber/language-server"
