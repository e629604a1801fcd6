#!/usr/bin/env bash
# Local services for the tests and for development: PostgreSQL, Redis and an OpenSearch node,
# on 127.0.0.1 only. `make services` runs `start`, `make services-stop` runs `stop`.
#
#   site/services/services.sh start|stop|status [postgres] [redis] [opensearch]
#
# PostgreSQL and Redis come from Debian's packages, installed with apt-get when missing (root
# needed then). Each server keeps its files under $SERVICES_HOME (default
# ${XDG_CACHE_HOME:-~/.cache}/reci-services, /var/cache/reci-services for root), not in the system's own clusters: the script
# never touches a server it did not start. PostgreSQL runs with trust authentication on the
# loopback and without fsync: a throwaway server for tests and development, never production.
# OpenSearch is site/opensearch/opensearch.sh's (a node assembled from Maven Central artifacts);
# it is skipped with a message when Java is missing, unless asked for by name.
#
# Environment: POSTGRES_PORT (5432), REDIS_PORT (6379), OPENSEARCH_PORT (9200), SERVICES_HOME,
# PG_TEST_DATABASE (test).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ "$(id -u)" -eq 0 ]; then
    # Not under /root: the `postgres` user must be able to reach its data folder.
    SERVICES_HOME="${SERVICES_HOME:-/var/cache/reci-services}"
else
    SERVICES_HOME="${SERVICES_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/reci-services}"
fi
POSTGRES_PORT="${POSTGRES_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
PG_TEST_DATABASE="${PG_TEST_DATABASE:-test}"

say() { printf 'services: %s\n' "$*"; }
fail() { printf 'services: %s\n' "$*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=../lib/apt.sh
. "$root/site/lib/apt.sh"

for port_name in POSTGRES_PORT REDIS_PORT; do
    [[ "${!port_name}" =~ ^[0-9]+$ ]] && [ "${!port_name}" -ge 1 ] && [ "${!port_name}" -le 65535 ] \
        || fail "$port_name must be a port number from 1 to 65535 (got '${!port_name}')"
done

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- PostgreSQL ----------------------------------------------------------------------------

pg_bin() {
    local folder
    for folder in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$folder/initdb" ] && [ -x "$folder/pg_ctl" ]; then
            echo "$folder"
            return 0
        fi
    done
    return 1
}

pg_install() {
    local bin
    if ! bin="$(pg_bin)" \
        || [ ! -f "/usr/share/postgresql/$(basename "$(dirname "$bin")")/extension/unaccent.control" ]; then
        # Debian's postgresql package brings the server with its contrib modules (unaccent).
        apt_install PostgreSQL postgresql postgresql-contrib
    fi
}

pg_as_owner() {
    # PostgreSQL refuses to run as root: run its tools as the `postgres` user then.
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_data="$SERVICES_HOME/postgres/data"
pg_log="$SERVICES_HOME/postgres/server.log"

pg_start() {
    pg_install
    local bin
    bin="$(pg_bin)" || fail "PostgreSQL's server binaries are not installed"
    mkdir -p "$SERVICES_HOME/postgres"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$SERVICES_HOME/postgres"
    if [ -f "$pg_data/postmaster.pid" ] && pg_as_owner "$bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
        say "PostgreSQL already running on 127.0.0.1:$POSTGRES_PORT ($pg_data)"
    else
        if port_answers "$POSTGRES_PORT"; then
            fail "something else answers on 127.0.0.1:$POSTGRES_PORT: stop it or set POSTGRES_PORT"
        fi
        if [ ! -f "$pg_data/PG_VERSION" ]; then
            say "initdb $pg_data"
            pg_as_owner "$bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 \
                --locale=C.UTF-8 --no-sync >/dev/null
        fi
        say "starting PostgreSQL on 127.0.0.1:$POSTGRES_PORT"
        pg_as_owner "$bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 \
            -o "-p $POSTGRES_PORT -k $SERVICES_HOME/postgres -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null || { tail -n 20 "$pg_log" >&2; fail "PostgreSQL did not start"; }
    fi
    local psql=(env PGOPTIONS=--client-min-messages=warning "$bin/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
    if [ "$("${psql[@]}" -d postgres -c "select 1 from pg_database where datname = '$PG_TEST_DATABASE'")" != 1 ]; then
        "${psql[@]}" -d postgres -c "create database \"$PG_TEST_DATABASE\"" >/dev/null
        say "database $PG_TEST_DATABASE created"
    fi
    # Created in template1 too, so that the test databases Django makes have it.
    for db in template1 "$PG_TEST_DATABASE"; do
        "${psql[@]}" -d "$db" -c "create extension if not exists unaccent" >/dev/null
    done
    say "PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:$POSTGRES_PORT/$PG_TEST_DATABASE"
}

pg_stop() {
    local bin
    if bin="$(pg_bin)" && [ -f "$pg_data/postmaster.pid" ]; then
        pg_as_owner "$bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null && say "PostgreSQL stopped"
    else
        say "PostgreSQL not running"
    fi
}

pg_status() {
    local bin
    if bin="$(pg_bin)" && [ -f "$pg_data/postmaster.pid" ] \
        && pg_as_owner "$bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
        say "PostgreSQL running on 127.0.0.1:$POSTGRES_PORT"
    else
        say "PostgreSQL stopped"
        return 1
    fi
}

# --- Redis ---------------------------------------------------------------------------------

redis_dir="$SERVICES_HOME/redis"
redis_pid="$redis_dir/redis.pid"

redis_running() { [ -f "$redis_pid" ] && kill -0 "$(cat "$redis_pid")" 2>/dev/null; }

redis_start() {
    command -v redis-server >/dev/null || apt_install Redis redis-server
    mkdir -p "$redis_dir"
    if redis_running; then
        say "Redis already running on 127.0.0.1:$REDIS_PORT"
    else
        if port_answers "$REDIS_PORT"; then
            fail "something else answers on 127.0.0.1:$REDIS_PORT: stop it or set REDIS_PORT"
        fi
        say "starting Redis on 127.0.0.1:$REDIS_PORT"
        redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
            --pidfile "$redis_pid" --logfile "$redis_dir/server.log" --dir "$redis_dir" \
            --save "" --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru
        for _ in $(seq 50); do
            redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
            sleep 0.1
        done
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG \
            || { tail -n 20 "$redis_dir/server.log" >&2; fail "Redis did not start"; }
    fi
    say "Redis: REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
}

redis_stop() {
    if redis_running; then
        local pid
        pid="$(cat "$redis_pid")"
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        say "Redis stopped"
    else
        say "Redis not running"
    fi
}

redis_status() {
    if redis_running; then say "Redis running on 127.0.0.1:$REDIS_PORT"; else say "Redis stopped"; return 1; fi
}

# --- OpenSearch ----------------------------------------------------------------------------

opensearch() { "$root/site/opensearch/opensearch.sh" "$@"; }

opensearch_start() {
    if [ ! -x "$root/site/opensearch/opensearch.sh" ]; then
        say "OpenSearch skipped: site/opensearch/opensearch.sh is missing"
        return 0
    fi
    if [ "$explicit" = "" ] && ! command -v java >/dev/null && [ -z "${JAVA_HOME:-}" ]; then
        say "OpenSearch skipped: no Java here (the engine tests will be skipped)"
        return 0
    fi
    opensearch start
}

# --- main ----------------------------------------------------------------------------------

action="${1:-}"
[ $# -gt 0 ] && shift
case "$action" in
    start | stop | status) ;;
    *) fail "usage: $0 start|stop|status [postgres] [redis] [opensearch]" ;;
esac
explicit="$*"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(postgres redis opensearch)

status=0
for name in "${names[@]}"; do
    case "$name:$action" in
        postgres:start) pg_start ;;
        postgres:stop) pg_stop ;;
        postgres:status) pg_status || status=1 ;;
        redis:start) redis_start ;;
        redis:stop) redis_stop ;;
        redis:status) redis_status || status=1 ;;
        opensearch:start) opensearch_start ;;
        opensearch:stop) [ ! -x "$root/site/opensearch/opensearch.sh" ] || opensearch stop ;;
        opensearch:status) opensearch status 2>/dev/null || status=1 ;;
        *) fail "unknown service: $name (postgres, redis, opensearch)" ;;
    esac
done
exit $status
