#!/usr/bin/env bash
# Load test: gunicorn with production settings on PostgreSQL, wrk on 127.0.0.1.
#   bench/load.sh [DURATION_SECONDS] [CONNECTIONS]      (defaults: 60, 32)
# Scenarios: listing, detail, search, mixed. Prints requests/s, p50/p95/p99 latency and errors
# for each. Needs wrk (`apt-get install wrk`) and a PostgreSQL server: DATABASE_URL, or the
# local one (postgres://postgres@127.0.0.1:5432/reci_bench, created and filled if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-60}"
connections="${2:-32}"
port="${BENCH_PORT:-8765}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
[ -x .venv/bin/gunicorn ] || make install >/dev/null

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/reci_bench}"
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export PUBLIC_BASE_URL="http://127.0.0.1:$port"
export SECURE_SSL_REDIRECT=false
export LOG_LEVEL=WARNING

dbname="${DATABASE_URL##*/}"
psql "${DATABASE_URL%/*}/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname='$dbname'" \
    | grep -q 1 || createdb -d "${DATABASE_URL%/*}/postgres" "$dbname" 2>/dev/null \
    || psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$dbname\""
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo_data -v0
.venv/bin/python manage.py collectstatic --no-input -v0

GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS="${GUNICORN_WORKERS:-4}" \
    .venv/bin/gunicorn -c site/gunicorn.conf.py --access-logfile /dev/null &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/api/v2/pages/" && break
    sleep 0.2
done

base="http://127.0.0.1:$port"
detail_id="$(curl -sf "$base/api/v2/pages/?limit=1&order=-id" | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
lua="$(mktemp --suffix=.lua)"
cat > "$lua" <<LUA
local paths = {"/api/v2/pages/", "/api/v2/pages/$detail_id/", "/api/v2/pages/?search=discrimination",
               "/api/v2/themes/", "/"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
LUA
report() {
    local name="$1"; shift
    echo "== $name ($connections connections, ${duration}s)"
    wrk --latency -t2 -c"$connections" -d"${duration}s" -s "$lua" "$@" 2>&1 \
        | grep -E "Requests/sec|^ +(50|90|99)%|Non-2xx|errors:|Socket errors" || true
}
single() {
    local name="$1" path="$2"
    local one; one="$(mktemp --suffix=.lua)"
    cat > "$one" <<LUA
request = function() return wrk.format("GET", "$path") end
done = function(summary, latency, requests)
  io.write(string.format("p95: %.1f ms\n", latency:percentile(95) / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
LUA
    echo "== $name: $path ($connections connections, ${duration}s)"
    wrk --latency -t2 -c"$connections" -d"${duration}s" -s "$one" "$base" 2>&1 \
        | grep -E "Requests/sec|^ +(50|99)%|p95|Non-2xx|errors:|Socket errors" || true
}
single listing "/api/v2/pages/"
single detail "/api/v2/pages/$detail_id/"
single search "/api/v2/pages/?search=discrimination"
report mixed "$base"
