#!/usr/bin/env bash
# The Materializer over the synthetic catalogue (see bench/README.md). Run by hand, never in CI.
#   bench/materialize.sh [games] [--keep-data DIR] [--dirty]
# Starts a private PostgreSQL on a free port, seeds the synthetic catalogue (default 100000 games,
# about 5 million rating votes) through the MigrationService in Release, then runs the Materializer
# in Release with --once twice: the first run after the seed (the seed's own aggregates differ from
# the pipeline's, so it rewrites nearly every game), then a run with no new data (it writes nothing).
# Prints each run's wall time (process start to exit) and every step's duration and row count.
# --keep-data DIR keeps the database in DIR, so the next invocation skips the seed (its first run is
# then a run without new data too). --dirty clears rating_confidence on every game before the first
# run (not timed), so that run rewrites every rated game as the first run after a seed does.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

games=100000
keep=""
dirty=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-data) keep=$(realpath -m "${2:?--keep-data needs a directory}"); shift 2 ;;
    --dirty) dirty=1; shift ;;
    --help|-h) sed -n '2,12p' "$0"; exit 0 ;;
    *) if [[ "$1" =~ ^[0-9]+$ ]]; then games=$1; shift; else echo "unknown option $1" >&2; exit 2; fi ;;
  esac
done

work=$(mktemp -d /tmp/ott-bench-XXXXXX)
data=${keep:-$work/data}
port=$(free_port)
cleanup() { pg_stop "$data"; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "PostgreSQL on 127.0.0.1:$port, data in $data"
pg_start "$data" "$work" "$port" "$work/postgres.log"
seed_synthetic "$games" "$port"
psql -h 127.0.0.1 -p "$port" -U postgres -d opentabletop -qc "VACUUM (ANALYZE)" >/dev/null
psql -h 127.0.0.1 -p "$port" -U postgres -d opentabletop -At -c "
  SELECT format('raw rows: %s rating votes, %s weight votes, %s play logs, %s games',
    (SELECT count(*) FROM rating_votes), (SELECT count(*) FROM weight_votes), (SELECT count(*) FROM play_logs), (SELECT count(*) FROM games))"

if [ -n "$dirty" ]; then
  psql -h 127.0.0.1 -p "$port" -U postgres -d opentabletop -qc "UPDATE games SET rating_confidence = NULL WHERE rating_confidence IS NOT NULL" -c "VACUUM (ANALYZE) games" >/dev/null
  echo "cleared rating_confidence on every game: the first run rewrites them all"
fi
echo "Building the Materializer (Release)"
dotnet build -c Release OpenTabletop.Materializer -v q -nologo >/dev/null

for run in 1 2; do
  start=$(date +%s.%N)
  status=0
  env -u ConnectionStrings__cache -u REDIS_URL -u OTEL_EXPORTER_OTLP_ENDPOINT \
    ConnectionStrings__opentabletop="$(connection_string "$port")" DOTNET_ENVIRONMENT=Production LOG_LEVEL=warning LOG_FORMAT=text \
    dotnet OpenTabletop.Materializer/bin/Release/net10.0/OpenTabletop.Materializer.dll --once >"$work/run$run.log" 2>&1 || status=$?
  end=$(date +%s.%N)
  awk -v r="$run" -v s="$start" -v e="$end" -v c="$status" 'BEGIN { printf "run %s: exit %s, wall time %.1f s\n", r, c, e - s }'
  [ "$status" = 0 ] || { tail -20 "$work/run$run.log" >&2; exit 1; }
  psql -h 127.0.0.1 -p "$port" -U postgres -d opentabletop -At -F ' ' -c "
    SELECT format('  %-24s %8s ms %10s rows', e ->> 'step', e ->> 'duration_ms', e ->> 'rows')
      FROM (SELECT steps FROM materialization_runs WHERE trigger = 'once' ORDER BY requested_at DESC LIMIT 1) r,
           jsonb_array_elements(r.steps) e"
done
