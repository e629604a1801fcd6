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

say() { printf 'dovecot: %s\n' "$*"; }
fail() { printf 'dovecot: %s\n' "$*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=../lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/apt.sh"

dovecot_path() { first_executable "${DOVECOT_PATH:-}" /usr/sbin/dovecot; }

install() {
    if dovecot_path >/dev/null; then
        return 0
    fi
    # Debian's package would start the system's service: policy-rc.d keeps it stopped in
    # containers; elsewhere it is stopped and disabled again, the tests need only the binary.
    apt_install Dovecot dovecot-imapd
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
