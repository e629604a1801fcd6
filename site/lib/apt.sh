# shellcheck shell=bash
# Debian packages installed when missing, shared by site/browser/browser.sh, site/mail/dovecot.sh
# and site/services/services.sh. Sourced, never run: the script sourcing it defines `say` and
# `fail` (its own prefix on every line) before calling these functions.
#
#   first_executable CANDIDATE...   prints the first candidate that is an executable file
#                                   (empty ones skipped: "${CHROMIUM_PATH:-}"); fails if none
#   apt_install NAME PACKAGE...     apt-get install PACKAGEs (apt-get update first, once per
#                                   run); as root only, otherwise fails naming NAME and them

export DEBIAN_FRONTEND=noninteractive

first_executable() {
    local candidate
    for candidate in "$@"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

apt_updated=""
apt_install() {
    local name="$1"
    shift
    [ "$(id -u)" -eq 0 ] || fail "$name missing, and installing it needs root (apt-get install $*)"
    if [ -z "$apt_updated" ]; then
        say "apt-get update"
        apt-get update -qq >/dev/null
        apt_updated=1
    fi
    say "apt-get install $*"
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
