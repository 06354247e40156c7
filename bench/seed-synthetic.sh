#!/usr/bin/env bash
# Measures the synthetic seed the way operators run it: the MigrationService (Release) against a
# fresh private PostgreSQL, Seed__Mode=synthetic. Prints wall time and rows per table.
# Usage: bench/seed-synthetic.sh [games]   (default 100000). Run by hand, never in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
games=${1:-100000}
work=$(mktemp -d /tmp/ott-bench-XXXXXX)
port=$(free_port)
cleanup() { pg_stop "$work/data"; rm -rf "$work"; }
trap cleanup EXIT

pg_start "$work/data" "$work" "$port" "$work/log"
seed_synthetic "$games" "$port"
psql -h 127.0.0.1 -p "$port" -U postgres -d opentabletop -At -c "
  SELECT format('%-28s %12s', relname, to_char(n_live_tup, 'FM999,999,999'))
  FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY n_live_tup DESC"
