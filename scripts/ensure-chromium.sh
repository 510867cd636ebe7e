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
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
can_install() { [ "$SUDO" != none ] && command -v apt-get >/dev/null 2>&1; }
# Headless, the scenarios run Chromium's headless shell (fixtures/browser.py), as Playwright does by default: Debian's
# package chromium-headless-shell, same version as chromium. Without it the full browser runs headless (more CPU).
headless_shell() {
  if command -v chromium-headless-shell >/dev/null 2>&1; then
    echo "Chromium sans interface (scénarios) : $(command -v chromium-headless-shell)"
  elif can_install && { $SUDO apt-get update -qq || true; } \
       && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null; then
    echo "Chromium sans interface installé : $(command -v chromium-headless-shell)"
  else
    echo "Chromium sans interface (paquet chromium-headless-shell) non installé : les scénarios utilisent le navigateur complet."
  fi
}
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "Chromium : celui du système ($(command -v "$name"), $("$name" --version 2>/dev/null || true))"
    headless_shell
    exit 0
  fi
done
echo "Chromium absent : installation des paquets Debian chromium et chromium-headless-shell…"
if can_install; then
  $SUDO apt-get update -qq || true
  if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; then
    echo "Chromium installé : $(command -v chromium)"
    headless_shell
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
