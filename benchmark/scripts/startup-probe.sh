#!/usr/bin/env bash
# Start-up and idle memory of one service jar, measured apart from a running platform: its own port, a fresh database
# and a fresh RabbitMQ virtual host (both dropped afterwards), so it neither meets nor disturbs anything else.
# Prints: launch→healthy wall ms, the JVM's CPU ms (utime+stime) until healthy, Spring Boot's "Started … in", the
# resident memory after IDLE seconds, and the load average. CPU ms is the figure a loaded machine distorts least.
#
#   benchmark/scripts/startup-probe.sh case-service [JVM options...]
#   JAR=/tmp/extracted/case-service-0.1.0-SNAPSHOT.jar PORT=18082 benchmark/scripts/startup-probe.sh case-service -XX:AOTCache=/tmp/case.aot
set -euo pipefail
service=$1
shift
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=${PORT:-18081}
IDLE=${IDLE:-20}
jar=${JAR:-$ROOT/$service/target/$service-0.1.0-SNAPSHOT.jar}
[[ -f $jar ]] || { echo "build $jar first: ./mvnw -q -B -o -DskipTests package -pl $service -am" >&2; exit 2; }
name=probe_${RANDOM}${RANDOM}
log=$(mktemp /tmp/startup-probe.XXXXXX.log)
args=(--server.port="$PORT" --management.server.port="$PORT")
case $service in
    case-service | remedy-service | insight-service)
        psql -X -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $name" >/dev/null
        args+=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$name")
        curl -fsS -u guest:guest -X PUT "http://127.0.0.1:15672/api/vhosts/$name" >/dev/null
        curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
            "http://127.0.0.1:15672/api/permissions/$name/guest" >/dev/null
        args+=(--spring.rabbitmq.virtual-host="$name")
        ;;
    gateway) args+=(--spring.data.redis.database=15) ;;
esac
cleanup() {
    if [[ -n ${pid:-} ]]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    if [[ $service != gateway ]]; then
        psql -X -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null || true
        curl -fsS -u guest:guest -X DELETE "http://127.0.0.1:15672/api/vhosts/$name" >/dev/null || true
    fi
}
trap cleanup EXIT
ticks=$(getconf CLK_TCK)
load=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s%N)
"$JAVA" "$@" -jar "$jar" "${args[@]}" >"$log" 2>&1 &
pid=$!
until curl -fsS -m 2 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$log"; exit 1; }
    sleep 0.1
done
wall=$((($(date +%s%N) - started) / 1000000))
read -r utime stime < <(awk '{print $14, $15}' "/proc/$pid/stat")
cpu=$(((utime + stime) * 1000 / ticks))
spring=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$log" | head -1 | grep -o '[0-9.]* seconds' || true)
sleep "$IDLE"
rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$pid/status")
threads=$(awk '/Threads/ {print $2}' "/proc/$pid/status")
printf '%s\topts=[%s]\twall_ms=%s\tcpu_ms=%s\tspring=%s\trss_idle_mib=%s\tthreads=%s\tload=%s\n' \
    "$service" "$*" "$wall" "$cpu" "$spring" "$rss" "$threads" "$load"
