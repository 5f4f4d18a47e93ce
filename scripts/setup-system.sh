#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages pgdocs needs, only those that are missing.
# Idempotent: when everything is present it runs dpkg-query once and exits.
set -euo pipefail

PKGS=(
  tesseract-ocr tesseract-ocr-kor tesseract-ocr-script-hang tesseract-ocr-osd
  fonts-nanum fonts-noto-cjk fonts-unfonts-core fonts-baekmuk
  libreoffice-writer-nogui
  poppler-utils
  chromium
  # Playwright's bundled node (the browser tests' driver) links these; a minimal Debian (debootstrap minbase)
  # lacks libatomic1 (ldd .venv/lib/python3*/site-packages/playwright/driver/node)
  libatomic1 libstdc++6
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# npm ci installs axe-core (package-lock.json) for the browser tests' accessibility check; a machine whose node
# came from elsewhere (with its own npm) keeps it: Debian's npm conflicts with such a nodejs
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "pgdocs: apt-get가 없습니다. 다음 패키지를 직접 설치하세요: ${missing[*]}" >&2
  exit 4
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "pgdocs: 시스템 패키지 설치: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
