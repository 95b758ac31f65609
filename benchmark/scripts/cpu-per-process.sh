#!/usr/bin/env bash
# CPU seconds each part of a running platform (./amends up) spends while a command runs: where a load's CPU goes.
# Usage: benchmark/scripts/cpu-per-process.sh <command...>
#   e.g. benchmark/scripts/cpu-per-process.sh java benchmark/scripts/IntakeLoad.java http://localhost:8080 "$TOKEN" 2000 8
# Reads utime+stime from /proc/<pid>/stat (clock ticks) before and after; PostgreSQL is the sum of its processes.
set -euo pipefail
run=$(cd "$(dirname "$0")/../.." && pwd)/.amends/run
ticks=$(getconf CLK_TCK)
parts=()
for service in gateway case-service remedy-service insight-service keycloak; do
    [[ -f $run/$service.pid ]] && parts+=("$service=$(<"$run/$service.pid")")
done
rabbit=$(pgrep -f beam.smp | head -n 1 || true)
[[ -n $rabbit ]] && parts+=("rabbitmq=$rabbit")
redis=$(pgrep -x redis-server | head -n 1 || true)
[[ -n $redis ]] && parts+=("redis=$redis")
snapshot() {
    local part pid
    for part in "${parts[@]}"; do
        pid=${part#*=}
        awk -v name="${part%%=*}" '{print name, $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo "${part%%=*} 0"
    done
    echo postgres "$(for pid in $(pgrep -x postgres); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null; done |
        awk '{s += $1} END {print s + 0}')"
    awk '/^cpu /{print "machine", $2 + $3 + $4 + $7 + $8}' /proc/stat
}
before=$(snapshot)
"$@"
after=$(snapshot)
paste <(echo "$before") <(echo "$after") |
    awk -v t="$ticks" '{printf "%-16s %8.1f CPU-s\n", $1, ($4 - $2) / t}'
