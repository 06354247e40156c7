#!/usr/bin/env bash
# scripts/backup.sh [FILE]: a pg_dump (custom format) of the Api's database, plus FILE.counts with
# the row counts of the main tables taken in the very snapshot the dump reads, for the restore drill.
# The database comes from ConnectionStrings__opentabletop or DATABASE_URL, as for the services.
# FILE defaults to opentabletop-<UTC timestamp>.dump in the current folder. Exit 0 when both files
# are written; otherwise non-zero with the reason, and no partial file is left behind.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

out=${1:-opentabletop-$(date -u +%Y%m%dT%H%M%SZ).dump}
pg_env_from_settings
for tool in pg_dump psql; do
  command -v "$tool" >/dev/null || { echo "backup: $tool is not installed (postgresql-client)" >&2; exit 1; }
done

tmp="$out.partial"
psql_pid=""
trap 'rm -f "$tmp" "$tmp.counts"; [ -z "$psql_pid" ] || kill "$psql_pid" 2>/dev/null || true' EXIT

# One read-only REPEATABLE READ transaction holds a snapshot; pg_dump reads that same snapshot, and the
# counts are taken in it, so they describe exactly what the dump holds whatever is written meanwhile.
coproc PSQL { psql -X -q -A -t -v ON_ERROR_STOP=1 2>&1; }
# Kept now: bash unsets PSQL and PSQL_PID the moment the coprocess ends.
psql_pid=$PSQL_PID to_psql=${PSQL[1]} from_psql=${PSQL[0]}
echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();" >&"$to_psql"
IFS= read -r snapshot <&"$from_psql" || { echo "backup: could not open a snapshot on $PGHOST:${PGPORT:-5432}/$PGDATABASE" >&2; exit 1; }
[[ $snapshot =~ ^[0-9A-F]+-[0-9A-F]+-[0-9]+$ ]] || { echo "backup: $snapshot" >&2; exit 1; }

started=$(date +%s.%N)
pg_dump --format=custom --snapshot="$snapshot" --file="$tmp"

printf '%s\n\\echo __end__\n' "$(counts_sql)" >&"$to_psql"
: >"$tmp.counts"
while IFS= read -r line <&"$from_psql"; do
  [ "$line" = __end__ ] && break
  [[ $line =~ ^[a-z_]+\|[0-9]+$ ]] || { echo "backup: counting failed: $line" >&2; exit 1; }
  echo "${line/|/ }" >>"$tmp.counts"
done
printf 'COMMIT;\n\\q\n' >&"$to_psql"
wait "$psql_pid" 2>/dev/null || true
psql_pid=""

mv "$tmp.counts" "$out.counts"
mv "$tmp" "$out"
trap - EXIT
ended=$(date +%s.%N)
awk -v f="$out" -v b="$(stat -c %s "$out")" -v s="$started" -v e="$ended" -v g="$(awk '$1=="games"{print $2}' "$out.counts")" \
  'BEGIN { printf "backup: %s (%.1f MB, %s games) in %.1f s; row counts in %s.counts\n", f, b / 1048576, g, e - s, f }'
