#!/usr/bin/env bash
# Make sure a Chromium is there for Playwright: its own if installed, else the system's,
# else install Debian's package. Says what to do when it cannot.
set -euo pipefail
PY=${1:-.venv/bin/python}

bundled=$("$PY" - <<'PYEOF'
import os
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    path = p.chromium.executable_path
print(path if os.path.exists(path) else "")
PYEOF
)
if [ -n "$bundled" ]; then
  echo "Chromium : celui de Playwright ($bundled)"
  exit 0
fi
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "Chromium : celui du système ($(command -v "$name"), $("$name" --version 2>/dev/null || true))"
    exit 0
  fi
done
echo "Chromium absent : installation du paquet Debian chromium…"
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
if [ "$SUDO" != none ] && command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq || true
  if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; then
    echo "Chromium installé : $(command -v chromium)"
    exit 0
  fi
fi
cat >&2 <<'MSG'
ERREUR : aucun Chromium utilisable et installation impossible.
  Au choix :
    - Debian/Ubuntu : sudo apt-get install chromium
    - avec accès Internet : .venv/bin/python -m playwright install chromium
  puis relancez la commande.
MSG
exit 3
