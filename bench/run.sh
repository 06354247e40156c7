#!/usr/bin/env bash
# The load benchmark in one command (see bench/README.md). Run by hand, never in CI.
#   bench/run.sh [games] [--keep-data DIR] [benchmark options...]
# Starts a private PostgreSQL on a free port, seeds the synthetic catalogue (default 100000 games)
# through the MigrationService in Release, starts the Api in Release on 127.0.0.1 with no cache,
# waits for /readyz, runs OpenTabletop.Bench against both, then stops everything it started.
# --keep-data DIR keeps the database in DIR, so the next run with the same games skips the seed.
# Every other option goes to the benchmark (--concurrency, --duration, --scenarios, ...; --help).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

games=100000
keep=""
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-data) keep=$(realpath -m "${2:?--keep-data needs a directory}"); shift 2 ;;
    --help|-h|--list)
      # Nothing to start for these: the benchmark answers them itself.
      [ "$1" = --list ] || sed -n '2,8p' "$0"
      dotnet build -c Release bench/OpenTabletop.Bench -v q -nologo >/dev/null
      exec dotnet bench/OpenTabletop.Bench/bin/Release/net10.0/OpenTabletop.Bench.dll "$([ "$1" = --list ] && echo --list || echo --help)" ;;
    *) if [[ "$1" =~ ^[0-9]+$ ]] && [ ${#bench_args[@]} = 0 ]; then games=$1; else bench_args+=("$1"); fi; shift ;;
  esac
done

work=$(mktemp -d /tmp/ott-bench-XXXXXX)
data=${keep:-$work/data}
pg_port=$(free_port)
api_port=$(free_port)
api_pid=""
cleanup() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill "$api_pid"
    for _ in $(seq 50); do kill -0 "$api_pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$api_pid" 2>/dev/null && kill -9 "$api_pid"
  fi
  pg_stop "$data"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "PostgreSQL on 127.0.0.1:$pg_port, data in $data"
pg_start "$data" "$work" "$pg_port" "$work/postgres.log"
seed_synthetic "$games" "$pg_port"
# What autovacuum does within a minute or two of a bulk load or a migration that rewrites a table:
# visibility maps (index-only scans) and statistics, before anything is measured.
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d opentabletop -qc "VACUUM (ANALYZE)" >/dev/null

echo "Building the Api and the benchmark (Release)"
dotnet build -c Release bench/OpenTabletop.Bench -v q -nologo >/dev/null

db=$(connection_string "$pg_port")
# No cache connection string (the cache stays in-process only), no telemetry export, warnings only.
env -u ConnectionStrings__cache -u REDIS_URL -u OTEL_EXPORTER_OTLP_ENDPOINT \
  ConnectionStrings__opentabletop="$db" ASPNETCORE_URLS="http://127.0.0.1:$api_port" \
  ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production LOG_LEVEL=warning LOG_FORMAT=text \
  API_KEY_SALT="${API_KEY_SALT:-bench-salt-$(date +%s)-not-a-secret}" RATE_LIMIT_ANONYMOUS=100000000 RESPONSE_CACHE_SECONDS="${RESPONSE_CACHE_SECONDS:-0}" RATE_LIMIT_AUTHENTICATED=100000000 \
  dotnet OpenTabletop.Api/bin/Release/net10.0/OpenTabletop.Api.dll >"$work/api.log" 2>&1 &
api_pid=$!

echo "Api (pid $api_pid) on http://127.0.0.1:$api_port; waiting for /readyz"
for _ in $(seq 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$api_port/readyz" 2>/dev/null && break
  kill -0 "$api_pid" 2>/dev/null || { echo "the Api exited:" >&2; tail -20 "$work/api.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$api_port/readyz" || { echo "the Api is not ready after 60 s:" >&2; tail -20 "$work/api.log" >&2; exit 1; }

commit=$(git rev-parse HEAD)
[ -n "$(git status --porcelain --untracked-files=no)" ] && commit="$commit-dirty"
status=0
dotnet bench/OpenTabletop.Bench/bin/Release/net10.0/OpenTabletop.Bench.dll \
  --api "http://127.0.0.1:$api_port" --db "$db" --commit "$commit" --out bench/results "${bench_args[@]}" || status=$?
if grep -qiE "fail|crit|exception" "$work/api.log"; then
  echo "The Api logged problems during the run (last lines):"
  grep -iE "fail|crit|exception" "$work/api.log" | tail -5
fi
exit "$status"
