#!/usr/bin/env bash
# How fast a consumer drains a queued backlog of an incident import's events (what its queue receives per case:
# insight-service case.opened + case.acknowledged, remedy-service case.opened), and (insight-service) its idle CPU and a lone event's publish-to-commit time. Runs the service's
# *BacklogDrain measurement against the test servers (a fresh database and virtual host), not a running platform.
#   benchmark/scripts/consumer-drain.sh insight-service|remedy-service [batch-size] [cases]
# e.g. benchmark/scripts/consumer-drain.sh remedy-service 100 10000   (10,000 events)
set -euo pipefail
service=${1:?insight-service or remedy-service}
batch=${2:-500}
cases=${3:-10000}
case $service in
  insight-service) class=InsightBacklogDrain ;;
  remedy-service) class=RemedyBacklogDrain ;;
  *) echo "insight-service or remedy-service" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
./mvnw -B -o -q verify -pl messaging,"$service" -Dit.test="$class" -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Damends.inbox.batch-size="$batch" -Ddrain.cases="$cases" >/dev/null
grep -hE '^(DRAIN|CPU|IDLE|LONE)' "$service/target/failsafe-reports/"*"$class"-output.txt
