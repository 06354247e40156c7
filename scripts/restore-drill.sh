#!/usr/bin/env bash
# scripts/restore-drill.sh BACKUP [--keep]: proves a backup restores. Restores BACKUP (from
# scripts/backup.sh) into a fresh database on the server of ConnectionStrings__opentabletop (or
# DATABASE_URL), compares every table's row count with BACKUP.counts, boots the Api against the
# restored database and requires /readyz 200, then stops the Api and drops the database (--keep
# keeps it). Exit 0 when every check passes; otherwise non-zero after the first failure, with why.
#
#   DRILL_DATABASE   name of the scratch database (default opentabletop_drill_<epoch>; must not exist)
#   API_COMMAND      how to start the Api (default: dotnet on the Release build in this checkout,
#                    built first when missing); it gets its settings from the environment
#   API_KEY_SALT     passed on to the Api (default: a throwaway salt; the drill uses no key)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/scripts/lib.sh"

backup=${1:?usage: scripts/restore-drill.sh BACKUP [--keep]}
keep=${2:-}
[ -z "$keep" ] || [ "$keep" = --keep ] || { echo "usage: scripts/restore-drill.sh BACKUP [--keep]" >&2; exit 2; }
[ -f "$backup" ] || { echo "drill: no backup at $backup" >&2; exit 1; }
[ -f "$backup.counts" ] || { echo "drill: $backup.counts is missing (scripts/backup.sh writes it next to the dump)" >&2; exit 1; }
pg_env_from_settings
drill=${DRILL_DATABASE:-opentabletop_drill_$(date +%s)}
[[ $drill =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "drill: DRILL_DATABASE must be a plain lower-case name, not '$drill'" >&2; exit 2; }

api_pid=""
created=""
cleanup() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; fi
  if [ -n "$created" ] && [ "$keep" != --keep ]; then
    dropdb --if-exists "$drill" || echo "drill: could not drop $drill; drop it by hand" >&2
  fi
}
trap cleanup EXIT

step() { printf 'drill: %s\n' "$*"; }
fail() { printf 'drill: FAILED: %s\n' "$*" >&2; exit 1; }

step "restoring $backup into $drill on ${PGHOST:-localhost}:${PGPORT:-5432}"
createdb "$drill" || fail "could not create database $drill"
created=yes
started=$(date +%s.%N)
pg_restore --dbname="$drill" --no-owner --exit-on-error "$backup" || fail "pg_restore stopped"
step "$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "restored in %.1f s", e - s }')"

actual=$(PGDATABASE=$drill psql -X -q -A -t -F ' ' -v ON_ERROR_STOP=1 -c "$(counts_sql)") || fail "could not count the restored rows"
if ! diff <(sort "$backup.counts") <(echo "$actual" | sort) >/dev/null; then
  diff <(sort "$backup.counts") <(echo "$actual" | sort) | sed 's/^/drill:   /' >&2 || true
  fail "row counts differ from $backup.counts (< backup, > restored)"
fi
step "row counts match the backup for ${#counted_tables[@]} tables ($(awk '$1=="games"{print $2}' "$backup.counts") games)"

if [ -z "${API_COMMAND:-}" ]; then
  dll="$repo/OpenTabletop.Api/bin/Release/net10.0/OpenTabletop.Api.dll"
  [ -f "$dll" ] || dotnet build -c Release "$repo/OpenTabletop.Api" -v q -nologo >/dev/null
  API_COMMAND="dotnet $dll"
fi
port=$(free_port)
log=$(mktemp)
step "booting the Api on 127.0.0.1:$port against $drill"
ConnectionStrings__opentabletop=$(npgsql_connection_string "$drill") ASPNETCORE_URLS="http://127.0.0.1:$port" \
  API_KEY_SALT="${API_KEY_SALT:-restore-drill-$(date +%s%N)}" LOG_FORMAT=text LOG_LEVEL=warning \
  $API_COMMAND >"$log" 2>&1 &
api_pid=$!
status=""
for _ in $(seq 120); do
  kill -0 "$api_pid" 2>/dev/null || { cat "$log" >&2; fail "the Api exited before it was ready"; }
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)
  [ "$status" = 200 ] && break
  sleep 0.5
done
[ "$status" = 200 ] || { curl -s "http://127.0.0.1:$port/readyz" >&2 || true; fail "/readyz answered ${status:-nothing} after 60 s"; }
games=$(curl -sf "http://127.0.0.1:$port/v1/games?limit=1" | jq -r '.meta.total') || fail "GET /v1/games failed on the restored database"
step "/readyz 200; the Api lists $games games"
kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=""
rm -f "$log"
step "passed${keep:+ (kept database $drill)}"
