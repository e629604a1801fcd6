#!/usr/bin/env bash
# The browser of the browser tests (tests/browser/): Debian's Chromium, installed with apt-get
# when missing (as root). Playwright cannot download its own browser here (only PyPI, npm,
# Debian and Maven Central are reachable), so the tests launch this executable instead.
#
#   site/browser/browser.sh install|path
#
# `install` installs the `chromium` package when no Chromium is found, `path` prints the
# executable the tests launch (CHROMIUM_PATH when set). Both fail with a message when there is
# none and it cannot be installed.
set -euo pipefail

say() { printf 'browser: %s\n' "$*"; }
fail() { printf 'browser: %s\n' "$*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=../lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/apt.sh"

chromium_path() { first_executable "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; }

install() {
    if chromium_path >/dev/null; then
        return 0
    fi
    # Fonts: without them every glyph is a box in the screenshots.
    apt_install Chromium chromium fonts-dejavu-core
    chromium_path >/dev/null || fail "apt-get installed no Chromium executable"
}

case "${1:-}" in
    install) install; say "Chromium: $(chromium_path) ($("$(chromium_path)" --version 2>/dev/null || echo '?'))" ;;
    path) chromium_path || fail "no Chromium found (site/browser/browser.sh install)" ;;
    *) fail "usage: $0 install|path" ;;
esac
