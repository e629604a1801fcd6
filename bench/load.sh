#!/usr/bin/env bash
# Load test: gunicorn with production settings on PostgreSQL, wrk on 127.0.0.1.
#   bench/load.sh [DURATION_SECONDS] [CONNECTIONS]      (defaults: 60, 32)
#   e.g. `bench/load.sh 20` for a quicker run of 20 s per scenario.
# Scenarios: listing (pages API), detail (one page), search (/api/v2/search/), mixed (those,
# API full-text search, themes, the home page and the detail page as HTML). Prints requests/s,
# p50/p95/p99 latency and errors for each. `make bench-load` runs it.
# Needs wrk: Debian's package, installed here with `apt-get install -y wrk` when missing and
# running as root (otherwise the script stops and says so). Needs a PostgreSQL server: the
# benchmark's own throw-away database BENCH_DATABASE_URL (default
# postgres://postgres@127.0.0.1:5432/reci_bench), created if missing and filled with the demo
# content. DATABASE_URL is deliberately not used: the demo content must not land in a real database.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-60}"
connections="${2:-32}"
port="${BENCH_PORT:-8765}"
if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "wrk is missing: installing Debian's package (apt-get install -y wrk)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
    else
        echo "wrk is needed: run \`apt-get install wrk\` as root (Debian/Ubuntu), then again" >&2
        exit 2
    fi
fi
[ -x .venv/bin/gunicorn ] || make install >/dev/null

export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/reci_bench}"
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export PUBLIC_BASE_URL="http://127.0.0.1:$port"
export SECURE_SSL_REDIRECT=false
export LOG_LEVEL=WARNING

dbname="${DATABASE_URL##*/}"
[ "$dbname" != test ] || { echo "refusing the database 'test' (CI's)" >&2; exit 2; }
psql "${DATABASE_URL%/*}/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname='$dbname'" \
    | grep -q 1 || createdb -d "${DATABASE_URL%/*}/postgres" "$dbname" 2>/dev/null \
    || psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$dbname\""
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo_data -v0
.venv/bin/python manage.py collectstatic --no-input -v0

GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS="${GUNICORN_WORKERS:-4}" \
    .venv/bin/gunicorn -c site/gunicorn.conf.py --access-logfile /dev/null --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/api/v2/pages/" && break
    sleep 0.2
done

base="http://127.0.0.1:$port"
detail_id="$(curl -sf "$base/api/v2/pages/?limit=1&order=-id" | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
# The same page as HTML, for the mixed scenario.
detail_page="$(curl -sf "$base/api/v2/pages/$detail_id/" | .venv/bin/python -c 'import json,sys,urllib.parse; print(urllib.parse.urlsplit(json.load(sys.stdin)["meta"]["html_url"]).path)')"

# One wrk run per scenario: requests cycle through the scenario's paths; the summary prints
# requests/s, p50/p95/p99 and every kind of error (non-2xx/3xx statuses included).
run() {
    local name="$1"; shift
    local script; script="$(mktemp --suffix=.lua)"
    {
        printf 'local paths = {'
        printf '"%s", ' "$@"
        printf '}\n'
        cat <<'LUA'
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests/s: %.1f  (%d requests)\n",
    summary.requests / (summary.duration / 1e6), summary.requests))
  io.write(string.format("latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("errors: %d (connect %d, read %d, write %d, status %d, timeout %d)\n",
    e.connect + e.read + e.write + e.status + e.timeout,
    e.connect, e.read, e.write, e.status, e.timeout))
end
LUA
    } > "$script"
    echo "== $name ($connections connections, ${duration}s): $*"
    wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s -s "$script" "$base" 2>&1 \
        | grep -E "^(requests/s|latency|errors)" || true
    echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -f "$script"
}
listing="/api/v2/pages/"
detail="/api/v2/pages/$detail_id/"
search="/api/v2/search/?q=discrimination"
echo "load average before the runs (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
run listing "$listing"
run detail "$detail"
run search "$search"
run mixed "$listing" "$detail" "$search" "/api/v2/pages/?search=laicite" "/api/v2/themes/" "/" "$detail_page"
