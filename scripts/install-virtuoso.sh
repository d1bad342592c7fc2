#!/usr/bin/env bash
# Install Virtuoso Open Source (Debian package) non-interactively, without starting the packaged
# service. Idempotent: exits at once when virtuoso-t is already on PATH.
# Usage: sudo bash scripts/install-virtuoso.sh   (root needed for apt-get)
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
    echo "virtuoso already installed: $(command -v virtuoso-t)"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi

# Keep the packaged service from starting during installation (containers have no init anyway;
# tests start their own server on a temporary database). Restore any existing policy afterwards.
POLICY=/usr/sbin/policy-rc.d
BACKUP=""
if [ -e "$POLICY" ]; then
    BACKUP=$(mktemp)
    $SUDO cp -p "$POLICY" "$BACKUP"
fi
restore_policy() {
    if [ -n "$BACKUP" ]; then
        $SUDO cp -p "$BACKUP" "$POLICY"
        rm -f "$BACKUP"
    else
        $SUDO rm -f "$POLICY"
    fi
}
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
$SUDO chmod +x "$POLICY"

$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null

# Stop the packaged service if it started anyway (it would hold ports 1111/8890).
if command -v service >/dev/null 2>&1; then
    $SUDO service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
fi

command -v virtuoso-t
command -v isql-vt
echo "virtuoso installed"
