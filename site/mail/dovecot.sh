#!/usr/bin/env bash
# The IMAP server of the newsletter's bounce tests (tests/newsletter/test_bounces_imap.py):
# Debian's Dovecot, installed with apt-get when missing (as root). The tests start their own
# server on a free port of 127.0.0.1 with a configuration of their own, in a temporary folder;
# the system's Dovecot service is never started or touched.
#
#   site/mail/dovecot.sh install|path
#
# `install` installs the `dovecot-imapd` package when no Dovecot is found, `path` prints the
# executable the tests run (DOVECOT_PATH when set). Both fail with a message when there is none
# and it cannot be installed.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

say() { printf 'dovecot: %s\n' "$*"; }
fail() { printf 'dovecot: %s\n' "$*" >&2; exit 1; }

dovecot_path() {
    local candidate
    for candidate in "${DOVECOT_PATH:-}" /usr/sbin/dovecot; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

install() {
    if dovecot_path >/dev/null; then
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || fail "Dovecot missing, and installing it needs root (apt-get install dovecot-imapd)"
    say "apt-get update"
    apt-get update -qq >/dev/null
    say "apt-get install dovecot-imapd"
    # Debian's package would start the system's service: policy-rc.d keeps it stopped in
    # containers; elsewhere it is stopped and disabled again, the tests need only the binary.
    apt-get install -y -qq --no-install-recommends dovecot-imapd >/dev/null
    if command -v systemctl >/dev/null && systemctl is-active --quiet dovecot 2>/dev/null; then
        systemctl disable --now dovecot >/dev/null 2>&1 || true
    fi
    dovecot_path >/dev/null || fail "apt-get installed no Dovecot executable"
}

case "${1:-}" in
    install) install ;;
    path) dovecot_path || fail "Dovecot not found (site/mail/dovecot.sh install, as root)" ;;
    *) fail "usage: $0 install|path" ;;
esac
