#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/test_browser*.py): Debian's chromium and
# chromium-driver, installed with apt-get when missing. Nothing to start or stop.
set -u
cmd=${1:-start}
[ "$cmd" = "start" ] || exit 0
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium.sh: no apt-get here; install Chromium yourself (browser tests will skip)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    echo "chromium.sh: not root and no passwordless sudo; browser tests will skip" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null && \
  $sudo apt-get install -y -q chromium chromium-driver >/dev/null
[ -x /usr/bin/chromium ] || { echo "chromium.sh: install failed; browser tests will skip" >&2; exit 1; }
echo "chromium.sh: installed $(/usr/bin/chromium --version 2>/dev/null)"
