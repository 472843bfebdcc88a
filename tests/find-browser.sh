#!/usr/bin/env bash
# Print the path of a Chromium-family browser for the browser tests.
# Order: $CHROME_PATH, then chromium, chromium-browser, google-chrome(-stable) on the PATH
# (GitHub's Ubuntu runners ship Google Chrome). Only if none exists, install Debian's
# chromium with apt when running as root (as CI does); otherwise say the one command to run.
set -euo pipefail
if [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ]; then echo "$CHROME_PATH"; exit 0; fi
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if path=$(command -v "$name" 2>/dev/null); then echo "$path"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium or Chrome found: installing Debian's chromium with apt..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  command -v chromium && exit 0
fi
echo "No Chromium or Chrome found. Install one, for example:" >&2
echo "    sudo apt-get install chromium" >&2
echo "or point CHROME_PATH at a Chrome or Chromium executable." >&2
exit 1
