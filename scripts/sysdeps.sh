#!/usr/bin/env bash
# Debian packages the test suite needs: a real PostgreSQL server (the tests start their own throwaway
# cluster from its binaries, see tests/pg.py) and headless Chromium with its WebDriver (the web app's
# browser tests, tests/test_web_browser.py). Installs only what is missing; needs root (CI runs as root).
# Without root or apt, it says what is missing and carries on: those tests then skip, saying why.
set -euo pipefail
need=()
for pkg in postgresql chromium chromium-driver; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "sysdeps: not a Debian system; install ${need[*]} yourself to run the PostgreSQL and browser tests" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "sysdeps: missing Debian packages: ${need[*]} (run 'make sysdeps' as root to install them;" \
       "until then the PostgreSQL and browser tests skip)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" </dev/null >/dev/null
echo "sysdeps: installed ${need[*]}" >&2
