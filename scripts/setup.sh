#!/usr/bin/env bash
# Sets up a fresh Debian machine for Một cửa kiosk: the Debian packages the
# kiosk and its tests use, then the npm dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: browser shell and end-to-end tests; fonts-noto-core: Vietnamese
# glyphs on screen; libusb-1.0-0: node-hid; python3/make/g++: building
# better-sqlite3 (and pkcs11js) from source; softhsm2: the PKCS#11 token the
# signing tests use; poppler-utils: pdfsig, which checks the signed PDFs, and
# pdftotext/pdftoppm for the receipt tests; cups-daemon, cups-client,
# cups-filters-core-drivers: printing with lp (and the tests' private CUPS queue);
# postgresql: initdb and pg_ctl for the tests' private cluster (portal-pg project);
# espeak-ng: the build renders the display board's spoken numbers with it.
DEBIAN_PACKAGES=(chromium fonts-noto-core libusb-1.0-0 python3 make g++ softhsm2 poppler-utils cups-daemon cups-client cups-filters-core-drivers postgresql espeak-ng)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Cài gói Debian: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Electron binary cannot be downloaded everywhere (the install step
# fetches it from outside npm). Skip it; `npm start` falls back to the
# browser shell when it is absent.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Cài thư viện npm (npm ci)…"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
