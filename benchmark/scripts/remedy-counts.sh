#!/usr/bin/env bash
# What remedy-service's gauge of remedies by type and state costs the database, before and after V11: the old
# refresh (a count over the whole table) against the new one (fold the changes since the last refresh, read the
# totals), and what the counting triggers add to each statement that writes remedies. A scratch database with N
# remedies (default 1,000,000) in remedy-service's own schema (V4, then V11), on the local PostgreSQL; dropped after.
#   benchmark/scripts/remedy-counts.sh [remedies]
set -euo pipefail
remedies=${1:-1000000}
[[ $remedies =~ ^[1-9][0-9]*$ ]] || { echo "the number of remedies must be a positive number" >&2; exit 2; }
cd "$(dirname "$0")/../.."
migrations=remedy-service/src/main/resources/db/migration
db=amends_remedy_counts_bench
psql=(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -v ON_ERROR_STOP=1 -qX)
"${psql[@]}" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap '"${psql[@]}" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
"${psql[@]}" -d "$db" -f "$migrations"/V4__create_remedies.sql
"${psql[@]}" -d "$db" -c "
  INSERT INTO remedies (id, case_id, customer_id, error_kind, type, amount_minor, currency, origin, proposed_by,
      proposed_at, required_approval, state)
  SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'CALCULATION',
      (ARRAY['CREDIT','FEE_WAIVER','REFUND','GOODWILL'])[1 + i % 4], 1000, 'EUR', 'POLICY', 'policy', now(), 'NONE',
      (ARRAY['PROPOSED','APPROVED','OFFERED','FULFILLED','FULFILLED','FULFILLED','REJECTED'])[1 + i % 7]
  FROM generate_series(1, $remedies) i" -c "CREATE INDEX ON remedies (id)" -c "VACUUM ANALYZE remedies"

# Milliseconds of one psql command's statements, as psql's \timing reports them, summed.
timed() {
    "${psql[@]}" -d "$db" -c '\timing on' "$@" | awk '/^Time:/ { sum += $2 } END { printf "%.1f", sum }'
}
writes='DO $$ DECLARE r uuid; BEGIN
  FOR i IN 1..10000 LOOP
    INSERT INTO remedies (id, case_id, customer_id, error_kind, type, amount_minor, currency, origin, proposed_by,
        proposed_at, required_approval, state)
    VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '"'CALCULATION', 'CREDIT', 1000, 'EUR', 'POLICY',
        'policy', now(), 'NONE', 'PROPOSED'"');
  END LOOP;
  FOR r IN SELECT id FROM remedies WHERE state = '"'PROPOSED'"' LIMIT 10000 LOOP
    UPDATE remedies SET state = '"'APPROVED'"', version = version + 1 WHERE id = r;
  END LOOP;
END $$'
old_refresh='SELECT type, state, count(*) AS count FROM remedies GROUP BY type, state'
fold=$(sed -n '/WITH taken AS/,/DO UPDATE SET n/p' remedy-service/src/main/java/org/amends/remedies/lifecycle/Remedies.java |
    sed 's/^ *//; s/""").*//')
new_read='SELECT type, state, n AS count FROM remedy_counts WHERE n > 0'

printf 'machine: %s cores; %s\n' "$(nproc)" "$("${psql[@]}" -d "$db" -tAc 'SELECT version()' | cut -d, -f1)"
printf 'remedies: %s\n' "$remedies"
printf 'old refresh (count over the table), three runs: %s %s %s ms\n' \
    "$(timed -c "$old_refresh")" "$(timed -c "$old_refresh")" "$(timed -c "$old_refresh")"
printf 'without triggers: 10,000 inserts + 10,000 state updates, one statement each: %s ms\n' "$(timed -c "$writes")"
"${psql[@]}" -d "$db" -c "BEGIN" -f "$migrations"/V11__count_remedies_by_type_and_state.sql -c "COMMIT"
printf 'with the V11 triggers, the same writes: %s ms\n' "$(timed -c "$writes")"
pending=$("${psql[@]}" -d "$db" -tAc 'SELECT count(*) FROM remedy_count_changes')
printf 'new refresh with %s changes pending: fold %s ms, read %s ms\n' "$pending" "$(timed -c "$fold")" "$(timed -c "$new_read")"
"${psql[@]}" -d "$db" -c "$writes" >/dev/null
"${psql[@]}" -d "$db" -c "$writes" >/dev/null
printf 'counts kept equal a count over the table: %s\n' "$("${psql[@]}" -d "$db" -tAc "$fold; SELECT
    (SELECT string_agg(type || '/' || state || '=' || n, ' ' ORDER BY type, state) FROM remedy_counts WHERE n > 0) =
    (SELECT string_agg(type || '/' || state || '=' || c, ' ' ORDER BY type, state)
     FROM ($old_refresh) AS t(type, state, c))")"
