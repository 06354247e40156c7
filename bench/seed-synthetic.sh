#!/usr/bin/env bash
# Measures the synthetic seed the way operators run it: the MigrationService (Release) against a
# fresh private PostgreSQL, Seed__Mode=synthetic. Prints wall time and rows per table.
# Usage: bench/seed-synthetic.sh [games]   (default 100000). Run by hand, never in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
games=${1:-100000}
bin=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
work=$(mktemp -d /tmp/ott-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg=(); [ "$(id -u)" = 0 ] && { chown postgres "$work"; as_pg=(runuser -u postgres --); }
cleanup() { "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" stop -m fast >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"${as_pg[@]}" "$bin/initdb" -D "$work/data" -U postgres --auth=trust >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/log" -w start >/dev/null
dotnet build -c Release OpenTabletop.MigrationService -v q -nologo >/dev/null

export ConnectionStrings__opentabletop="Host=127.0.0.1;Port=$port;Username=postgres;Database=opentabletop"
export Seed__Mode=synthetic Seed__Games=$games DOTNET_ENVIRONMENT=Production LOG_FORMAT=text
start=$(date +%s.%N)
dotnet OpenTabletop.MigrationService/bin/Release/net10.0/OpenTabletop.MigrationService.dll | grep -E "Synthetic|Seed mode|Migrations:" || true
end=$(date +%s.%N)
awk -v g="$games" -v s="$start" -v e="$end" 'BEGIN { printf "migrate + seed (%s synthetic games): %.1f s\n", g, e - s }'
psql -h 127.0.0.1 -p "$port" -U postgres -d opentabletop -At -c "
  SELECT format('%-28s %12s', relname, to_char(n_live_tup, 'FM999,999,999'))
  FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY n_live_tup DESC"
