#!/usr/bin/env bash
# A real OpenSearch node on 127.0.0.1 for the tests and for development, assembled from Maven
# Central artifacts (pom.xml beside this script) and started by our small launcher (src/).
#
#   site/opensearch/opensearch.sh build|start|stop|status|pid
#
# The first start builds the launcher and copies its jars into a cache folder (Maven keeps what
# it downloaded in ~/.m2); later starts reuse them, and rebuild only when pom.xml or the
# launcher changed. Environment:
#   OPENSEARCH_PORT   HTTP port (9200); the transport binds the next free port from PORT+100
#   OPENSEARCH_HEAP   Java heap (1g)
#   OPENSEARCH_HOME   cache folder (/var/cache/reci-services/opensearch for root,
#                     ~/.cache/reci-services/opensearch otherwise)
#   OPENSEARCH_DATA   the node's data folder ($OPENSEARCH_HOME/data-PORT)
#   JAVA_HOME         the Java 17+ to run it with (else `java` on PATH)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
if [ "$(id -u)" -eq 0 ]; then
    OPENSEARCH_HOME="${OPENSEARCH_HOME:-/var/cache/reci-services/opensearch}"
else
    OPENSEARCH_HOME="${OPENSEARCH_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/reci-services/opensearch}"
fi
OPENSEARCH_PORT="${OPENSEARCH_PORT:-9200}"
OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-1g}"
OPENSEARCH_DATA="${OPENSEARCH_DATA:-$OPENSEARCH_HOME/data-$OPENSEARCH_PORT}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
pid_file="$OPENSEARCH_HOME/node-$OPENSEARCH_PORT.pid"
log_file="$OPENSEARCH_HOME/node-$OPENSEARCH_PORT.log"
url="http://127.0.0.1:$OPENSEARCH_PORT"

say() { printf 'opensearch: %s\n' "$*"; }
fail() { printf 'opensearch: %s\n' "$*" >&2; exit 1; }

[[ "$OPENSEARCH_PORT" =~ ^[0-9]+$ ]] && [ "$OPENSEARCH_PORT" -ge 1 ] \
    && [ "$OPENSEARCH_PORT" -le 65435 ] \
    || fail "OPENSEARCH_PORT must be a port number from 1 to 65435 (got '$OPENSEARCH_PORT')"
[[ "$OPENSEARCH_HEAP" =~ ^[0-9]+[mMgG]$ ]] \
    || fail "OPENSEARCH_HEAP must be a size such as 512m or 1g (got '$OPENSEARCH_HEAP')"

build_dir() {
    # Keyed on what the build is made of: a changed pom.xml or launcher gets a new folder.
    local sum
    sum="$(cat "$here/pom.xml" $(find "$here/src" -type f | sort) | sha256sum | cut -c1-16)"
    echo "$OPENSEARCH_HOME/build-$sum"
}

build() {
    local dir
    dir="$(build_dir)"
    if [ -f "$dir/.complete" ]; then
        return 0
    fi
    command -v mvn >/dev/null || fail "Maven (mvn) is needed to build the node the first time"
    say "building the node from Maven Central artifacts into $dir"
    rm -rf "$dir"
    mkdir -p "$OPENSEARCH_HOME"
    mvn -q -B -Dstyle.color=never -f "$here/pom.xml" -Dreci.build.directory="$dir" package \
        || fail "the Maven build failed"
    touch "$dir/.complete"
    # Older builds (earlier versions of the pom or launcher) are removed, but a running node
    # (another port, started before the change) keeps the build it runs from.
    local old
    for old in "$OPENSEARCH_HOME"/build-*; do
        if [ "$old" = "$dir" ] || grep -qsF "$old/" /proc/[0-9]*/cmdline; then
            continue
        fi
        rm -rf "$old"
    done
}

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

healthy() {
    curl -fsS --max-time 5 "$url/_cluster/health?wait_for_status=yellow&timeout=4s" >/dev/null 2>&1
}

start() {
    command -v "$java" >/dev/null || fail "no Java: install OpenJDK 17 or set JAVA_HOME"
    if running; then
        healthy && { say "already running on $url"; return 0; }
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$OPENSEARCH_PORT") 2>/dev/null; then
        fail "something else answers on 127.0.0.1:$OPENSEARCH_PORT: stop it or set OPENSEARCH_PORT"
    fi
    build
    local dir java_major
    dir="$(build_dir)"
    java_major="$("$java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    local -a jvm_extra=()
    if [ "${java_major:-0}" -ge 22 ]; then
        jvm_extra+=(--enable-native-access=ALL-UNNAMED) # Lucene's native access, no warning
    fi
    mkdir -p "$OPENSEARCH_DATA" "$OPENSEARCH_HOME/home" "$OPENSEARCH_HOME/logs"
    say "starting on $url (heap $OPENSEARCH_HEAP, data $OPENSEARCH_DATA)"
    # setsid: the node outlives this script and the make that ran it, in its own session.
    setsid "$java" -Xms"$OPENSEARCH_HEAP" -Xmx"$OPENSEARCH_HEAP" -XX:+UseSerialGC \
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Dlog4j2.formatMsgNoLookups=true \
        -Djava.io.tmpdir="$OPENSEARCH_HOME/home" ${jvm_extra[@]+"${jvm_extra[@]}"} \
        -cp "$dir/reci-opensearch-node-1.jar:$dir/lib/*" fr.reseaureci.opensearch.ReciNode \
        path.home="$OPENSEARCH_HOME/home" path.data="$OPENSEARCH_DATA" \
        path.logs="$OPENSEARCH_HOME/logs" cluster.name=reci node.name="reci-$OPENSEARCH_PORT" \
        discovery.type=single-node network.host=127.0.0.1 http.port="$OPENSEARCH_PORT" \
        transport.port="$((OPENSEARCH_PORT + 100))-$((OPENSEARCH_PORT + 199))" \
        cluster.routing.allocation.disk.threshold_enabled=false \
        action.auto_create_index=true logger.level=INFO \
        </dev/null >"$log_file" 2>&1 &
    echo $! >"$pid_file"
    for _ in $(seq 120); do
        if healthy; then
            say "ready on $url"
            return 0
        fi
        running || break
        sleep 1
    done
    tail -n 30 "$log_file" >&2
    stop >/dev/null 2>&1 || true
    fail "the node did not answer on $url (log: $log_file)"
}

stop() {
    if ! running; then
        rm -f "$pid_file"
        say "not running on port $OPENSEARCH_PORT"
        return 0
    fi
    local pid
    pid="$(cat "$pid_file")"
    kill -TERM "$pid"
    for _ in $(seq 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    rm -f "$pid_file"
    say "stopped (port $OPENSEARCH_PORT)"
}

status() {
    if running && healthy; then
        say "running on $url"
    else
        say "not running on port $OPENSEARCH_PORT"
        return 1
    fi
}

case "${1:-}" in
    build) build ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    pid) running && cat "$pid_file" || fail "not running on port $OPENSEARCH_PORT" ;;
    *) fail "usage: $0 build|start|stop|status|pid" ;;
esac
