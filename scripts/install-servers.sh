#!/usr/bin/env bash
# Install what the integration tests need and is not there yet.
# The oxigraph server comes with the dev extra (PyPI); Virtuoso from Debian.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v virtuoso-t >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    bash "$here/install-virtuoso.sh" || echo "install-servers: Virtuoso could not be installed; its tests will skip" >&2
  else
    echo "install-servers: no apt-get/root; Virtuoso tests will skip" >&2
  fi
fi
# Headless Chromium (Debian's) for the browser test of `trialkg serve`, driven by Playwright's
# Python API pointed at /usr/bin/chromium: no browser download.
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
      >/dev/null 2>&1 || echo "install-servers: Chromium could not be installed; the browser test will skip" >&2
  else
    echo "install-servers: no apt-get/root; the browser test will skip" >&2
  fi
fi
exit 0
