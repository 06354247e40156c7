#!/usr/bin/env bash
# The export benchmark (see bench/README.md). Run by hand, never in CI.
#   bench/export.sh [games] [--keep-data DIR] [--rounds N]
# Starts a private PostgreSQL on a free port, seeds the synthetic catalogue (default 100000 games)
# through the MigrationService in Release, sets exactly <games> games active, starts the Api in
# Release, then exports the whole catalogue in both formats N times (default 2: the first round
# pays for JIT and a cold cache) and reports, per export: rows, bytes, wall time, time to the first
# byte, and the Api's resident memory (VmRSS, sampled every 20 ms from /proc) before and at its
# peak during the export. Stops everything it started.
# --keep-data DIR keeps the database in DIR, so the next run with the same games skips the seed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

games=100000
keep=""
rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-data) keep=$(realpath -m "${2:?--keep-data needs a directory}"); shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --help|-h) sed -n '2,11p' "$0"; exit 0 ;;
    *) [[ "$1" =~ ^[0-9]+$ ]] || { echo "unknown argument: $1" >&2; exit 2; }; games=$1; shift ;;
  esac
done

work=$(mktemp -d /tmp/ott-export-bench-XXXXXX)
data=${keep:-$work/data}
pg_port=$(free_port)
api_port=$(free_port)
api_pid=""
sampler_pid=""
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
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

psql_db() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d opentabletop -qAt "$@"; }

echo "PostgreSQL on 127.0.0.1:$pg_port, data in $data"
pg_start "$data" "$work" "$pg_port" "$work/postgres.log"
seed_synthetic "$games" "$pg_port"

# The synthetic catalogue holds about 5% pending and archived games, plus the sample games: activate
# (or archive) the difference so that the full export holds exactly <games> games. Only this private
# database is changed; the facet triggers keep game_facets in step.
active=$(psql_db -c "SELECT count(*) FROM games WHERE status = 'active'")
if [ "$active" -lt "$games" ]; then
  psql_db -c "UPDATE games SET status = 'active' WHERE id IN (SELECT id FROM games WHERE status <> 'active' ORDER BY id LIMIT $((games - active)))"
elif [ "$active" -gt "$games" ]; then
  psql_db -c "UPDATE games SET status = 'archived' WHERE id IN (SELECT id FROM games WHERE status = 'active' ORDER BY id DESC LIMIT $((active - games)))"
fi
active=$(psql_db -c "SELECT count(*) FROM games WHERE status = 'active'")
echo "active games: $active"
psql_db -c "VACUUM (ANALYZE)" >/dev/null

echo "Building the Api (Release)"
dotnet build -c Release OpenTabletop.Api -v q -nologo >/dev/null

# The default limits except the quota (several exports in a row) and, past 100,000 games, the size.
max_rows=$(( games > 100000 ? games : 100000 ))
env -u ConnectionStrings__cache -u REDIS_URL -u OTEL_EXPORTER_OTLP_ENDPOINT \
  ConnectionStrings__opentabletop="$(connection_string "$pg_port")" ASPNETCORE_URLS="http://127.0.0.1:$api_port" \
  ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production LOG_LEVEL=warning LOG_FORMAT=text \
  EXPORT_RATE_LIMIT_PER_HOUR=1000 EXPORT_MAX_ROWS=$max_rows \
  API_KEY_SALT="${API_KEY_SALT:-bench-salt-$(date +%s)-not-a-secret}" RATE_LIMIT_ANONYMOUS=100000000 RESPONSE_CACHE_SECONDS="${RESPONSE_CACHE_SECONDS:-0}" \
  dotnet OpenTabletop.Api/bin/Release/net10.0/OpenTabletop.Api.dll >"$work/api.log" 2>&1 &
api_pid=$!
base="http://127.0.0.1:$api_port"

echo "Api (pid $api_pid) on $base; waiting for /readyz and the game index"
for _ in $(seq 240); do
  # The in-memory game index loads at start (tens of MB): measure after it, not during it.
  curl -fsS "$base/metrics" 2>/dev/null | grep -qE '^opentabletop_game_index_games(\{[^}]*\})? [1-9]' && break
  kill -0 "$api_pid" 2>/dev/null || { echo "the Api exited:" >&2; tail -20 "$work/api.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "$base/readyz" || { echo "the Api is not ready:" >&2; tail -20 "$work/api.log" >&2; exit 1; }

kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$api_pid/status"; }
# The Api's CPU time so far (user + system), in clock ticks: on a shared machine the wall time also
# measures the neighbours, this does not.
ticks() { awk '{ print $14 + $15 }' "/proc/$api_pid/stat"; }
hz=$(getconf CLK_TCK)

# sample FILE: the Api's VmRSS (kB), one line every 20 ms, until killed.
sample() { while :; do kb VmRSS >>"$1" 2>/dev/null || exit 0; sleep 0.02; done; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
printf '\n| round | format | rows | MB | wall s | first byte s | Api CPU s | RSS before MB | RSS peak MB | growth MB | VmHWM MB |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
status=0
for round in $(seq "$rounds"); do
  for format in jsonl csv; do
    out="$work/export.$format"
    rm -f "$work/rss" "$out"
    before=$(kb VmRSS)
    cpu_before=$(ticks)
    sample "$work/rss" & sampler_pid=$!
    metrics=$(curl -sS -D "$work/headers" -o "$out" -w '%{http_code} %{size_download} %{time_total} %{time_starttransfer}' \
      "$base/v1/export/games?format=$format")
    kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
    cpu=$(( $(ticks) - cpu_before ))
    read -r code bytes total first <<<"$metrics"
    [ "$code" = 200 ] || { echo "export $format answered $code:" >&2; cat "$out" >&2; exit 1; }
    header=$(awk -F': ' 'tolower($1) == "x-export-row-count" { print $2 + 0 }' "$work/headers")
    if [ "$format" = jsonl ]; then
      rows=$(( $(wc -l <"$out") - 1 ))
    else
      rows=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$out")
    fi
    [ "$rows" = "$header" ] && [ "$rows" = "$active" ] || { echo "export $format: $rows rows, X-Export-Row-Count $header, $active active games" >&2; status=1; }
    peak=$(sort -n "$work/rss" | tail -1)
    peak=${peak:-$before}
    awk -v r="$round" -v f="$format" -v n="$rows" -v b="$bytes" -v t="$total" -v s="$first" -v c="$cpu" -v hz="$hz" \
      -v rb="$before" -v p="$peak" -v h="$(kb VmHWM)" \
      'BEGIN { printf "| %d | %s | %d | %.1f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f |\n", r, f, n, b / 1048576, t, s, c / hz, rb / 1024, p / 1024, (p - rb) / 1024, h / 1024 }'
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); wall times measure the neighbours too, Api CPU does not"
echo "targets: wall < 5 s and RSS growth < 64 MB per export of 100,000 games"
if grep -qiE "fail|crit|exception" "$work/api.log"; then
  echo "The Api logged problems during the run (last lines):"
  grep -iE "fail|crit|exception" "$work/api.log" | tail -5
fi
exit "$status"
