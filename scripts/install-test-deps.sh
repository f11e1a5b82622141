#!/usr/bin/env bash
# Test dependencies that PyPI does not ship: Prometheus (for promtool and the real-scrape test),
# from Debian. Idempotent: does nothing when both binaries are on PATH. Needs root (CI runs
# `make test` as root); without root and without the binaries it says so and fails.
set -euo pipefail

if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-deps: prometheus/promtool missing; run as root or:" >&2
    echo "  apt-get install -y --no-install-recommends prometheus" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-install-recommends: the package recommends the node exporter and more, none needed here.
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# The Debian package starts a system service where systemd runs; the tests start their own.
command -v prometheus >/dev/null && command -v promtool >/dev/null
