#!/usr/bin/env bash
# Test dependencies that PyPI does not ship, from Debian:
#  - Prometheus (promtool and the real-scrape test);
#  - Chromium and a font (the headless screenshot and DOM tests of the HTML pages, tests/browser).
# Idempotent: installs only what is missing, does nothing when every binary is there. Needs
# root (CI runs `make test` as root); without root and with something missing it says so and
# fails.
set -euo pipefail

missing=()
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
    missing+=(prometheus)
fi
# Debian's `chromium` runs headless (`chromium --headless --screenshot/--dump-dom`) without a
# display; `chromium-headless-shell` is the old headless mode, which the tests do not use.
if ! command -v chromium >/dev/null; then
    missing+=(chromium)
fi
# Without any font the screenshots would have no text at all (no fontconfig match).
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    missing+=(fonts-dejavu-core)
fi
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-deps: ${missing[*]} missing; run as root or:" >&2
    echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-install-recommends: prometheus recommends the node exporter and more, chromium a
# desktop's worth of packages (upower, notification daemons, ...); none is needed here.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian prometheus package starts a system service where systemd runs; the tests start
# their own.
command -v prometheus >/dev/null && command -v promtool >/dev/null && command -v chromium >/dev/null
