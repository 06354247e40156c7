# Shared by the bench scripts (source it from bash after `cd` to the repository root): a private
# PostgreSQL on a free 127.0.0.1 port, run as the postgres user when we are root (PostgreSQL refuses
# root), and the synthetic seed through the MigrationService in Release.

pg_bin=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
as_pg=(); [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)

# A TCP port nobody listens on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# pg_start DATA_DIR SOCKET_DIR PORT LOG: initdb when DATA_DIR is empty or missing, then start the server
# with the defaults of initdb plus BENCH_PG_OPTIONS: unset, "-c shared_buffers=1GB" (the catalogue, its
# facets, variants and indexes are some 400 MB at 100,000 games, far past initdb's 128 MB, and any
# tuned server holds its working set); set it empty for initdb's defaults.
pg_start() {
  local data=$1 sock=$2 port=$3 log=$4
  mkdir -p "$data" "$sock"
  if [ "$(id -u)" = 0 ]; then chown postgres "$data" "$sock" "$(dirname "$log")"; chmod 700 "$data"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    "${as_pg[@]}" "$pg_bin/initdb" -D "$data" -U postgres --auth=trust >/dev/null
  fi
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -o "-p $port -k $sock -c listen_addresses=127.0.0.1 ${BENCH_PG_OPTIONS--c shared_buffers=1GB}" -l "$log" -w start >/dev/null
}

# pg_stop DATA_DIR: fast shutdown; quiet when the server is not running.
pg_stop() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$1" stop -m fast >/dev/null 2>&1 || true
}

# connection_string PORT: the database the services use on that server.
connection_string() {
  echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=opentabletop"
}

# seed_synthetic GAMES PORT: migrations plus the synthetic catalogue (a no-op when that very set is
# already loaded; pending migrations still apply). Prints the seeder's summary lines and the wall time.
seed_synthetic() {
  local games=$1 port=$2 start end
  dotnet build -c Release OpenTabletop.MigrationService -v q -nologo >/dev/null
  start=$(date +%s.%N)
  ConnectionStrings__opentabletop=$(connection_string "$port") Seed__Mode=synthetic Seed__Games=$games \
    DOTNET_ENVIRONMENT=Production LOG_FORMAT=text \
    dotnet OpenTabletop.MigrationService/bin/Release/net10.0/OpenTabletop.MigrationService.dll \
    | { grep -E "Synthetic|Seed mode|Migrations:" || true; }
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "MigrationService failed" >&2; return 1; }
  end=$(date +%s.%N)
  awk -v g="$games" -v s="$start" -v e="$end" 'BEGIN { printf "migrate + seed (%s synthetic games): %.1f s\n", g, e - s }'
}
