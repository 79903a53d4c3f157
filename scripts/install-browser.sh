#!/usr/bin/env bash
# Debian's Chromium for the end-to-end tests (playwright-core drives /usr/bin/chromium;
# a browser download by a test tool is never used).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
