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
export DEBIAN_FRONTEND=noninteractive

say() { printf 'browser: %s\n' "$*"; }
fail() { printf 'browser: %s\n' "$*" >&2; exit 1; }

chromium_path() {
    local candidate
    for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

install() {
    if chromium_path >/dev/null; then
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || fail "Chromium missing, and installing it needs root (apt-get install chromium)"
    say "apt-get update"
    apt-get update -qq >/dev/null
    # Fonts: without them every glyph is a box in the screenshots.
    say "apt-get install chromium fonts-dejavu-core"
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
    chromium_path >/dev/null || fail "apt-get installed no Chromium executable"
}

case "${1:-}" in
    install) install; say "Chromium: $(chromium_path) ($("$(chromium_path)" --version 2>/dev/null || echo '?'))" ;;
    path) chromium_path || fail "no Chromium found (site/browser/browser.sh install)" ;;
    *) fail "usage: $0 install|path" ;;
esac
