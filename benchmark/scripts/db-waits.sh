#!/usr/bin/env bash
# What the services' PostgreSQL sessions are doing, sampled: every 10 ms (plus the sample's own cost, about 25 ms a
# sample in all on a 2-core box beside an import), each active session of the amends databases with its wait event
# ("CPU" when it waits for none: running, or runnable and waiting for a core) and the start of its statement. Beside
# a run, it shows what a statement class waits on (e.g. live intake's COMMIT on IO:WALSync, the WAL it must flush).
#
#   benchmark/scripts/db-waits.sh sample 420 &          # before ./amends bench --incident 100000
#   benchmark/scripts/db-waits.sh report 03:53:39 03:54:20   # a phase, UTC: e.g. the job's createdAt and updatedAt
#
# Samples go to the table db_wait_samples in the database amends_scratch (created if missing, on the local server);
# `sample` empties it first. Drop the database when done: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE amends_scratch'
set -euo pipefail
PSQL=(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -v ON_ERROR_STOP=1 -q)

case "${1:-}" in
sample)
    seconds=${2:?seconds to sample}
    if [ -z "$("${PSQL[@]}" -Atc "SELECT 1 FROM pg_database WHERE datname = 'amends_scratch'")" ]; then
        "${PSQL[@]}" -c 'CREATE DATABASE amends_scratch'
    fi
    "${PSQL[@]}" -d amends_scratch -c 'CREATE TABLE IF NOT EXISTS db_wait_samples (at timestamptz, pid int,
        db text, wait text, statement text, transaction_ms float8); TRUNCATE db_wait_samples'
    # One DO block that commits every 100 samples (so it holds no snapshot for long); each sample clears the
    # statistics snapshot, which otherwise stays the same for the whole transaction.
    "${PSQL[@]}" -d amends_scratch <<SQL
DO \$\$
DECLARE
    ends timestamptz := clock_timestamp() + interval '$seconds seconds';
    n int := 0;
BEGIN
    WHILE clock_timestamp() < ends LOOP
        PERFORM pg_stat_clear_snapshot();
        INSERT INTO db_wait_samples
        SELECT clock_timestamp(), pid, datname, coalesce(wait_event_type || ':' || wait_event, 'CPU'), left(query, 60),
               extract(epoch FROM clock_timestamp() - xact_start) * 1000
        FROM pg_stat_activity
        WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
          AND datname IN ('amends_case', 'amends_remedy', 'amends_insight');
        PERFORM pg_sleep(0.01);
        n := n + 1;
        IF n % 100 = 0 THEN
            COMMIT;
        END IF;
    END LOOP;
END
\$\$;
SQL
    ;;
report)
    from=${2:?from HH:MM:SS (UTC)}
    to=${3:?to HH:MM:SS (UTC)}
    "${PSQL[@]}" -d amends_scratch -v from="$from" -v to="$to" <<'SQL'
\pset footer off
SELECT count(DISTINCT at) AS "samples with a session active", round(extract(epoch FROM max(at) - min(at))::numeric, 1) AS seconds
FROM db_wait_samples WHERE (at AT TIME ZONE 'UTC')::time BETWEEN :'from' AND :'to';
SELECT db, statement, wait, count(*) AS samples,
       round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY db, statement), 1) AS "% of the statement's",
       round(avg(transaction_ms)) AS "transaction ms (mean)"
FROM db_wait_samples WHERE (at AT TIME ZONE 'UTC')::time BETWEEN :'from' AND :'to'
GROUP BY db, statement, wait HAVING count(*) >= 3
ORDER BY db, sum(count(*)) OVER (PARTITION BY db, statement) DESC, statement, samples DESC;
SQL
    ;;
*)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
