# Shared by the runbook scripts (source it from bash). Turns the services' own database setting into
# libpq's environment, so pg_dump, pg_restore and psql reach the same database the Api does.

# pg_env_from_settings: ConnectionStrings__opentabletop (Npgsql's "Host=...;Port=...;..." form) or
# DATABASE_URL (postgres://user:pass@host:port/db) -> PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD.
pg_env_from_settings() {
  local cs=${ConnectionStrings__opentabletop:-}
  if [ -n "$cs" ]; then
    local pair key value
    IFS=';' read -ra pairs <<<"$cs"
    for pair in "${pairs[@]}"; do
      [ -n "${pair// /}" ] || continue
      key=$(printf '%s' "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
      value=${pair#*=}
      case "$key" in
        host|server) export PGHOST=$value ;;
        port) export PGPORT=$value ;;
        database|db) export PGDATABASE=$value ;;
        username|userid|user|uid) export PGUSER=$value ;;
        password|pwd) export PGPASSWORD=$value ;;
        sslmode) export PGSSLMODE=$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]') ;;
      esac
    done
  elif [ -n "${DATABASE_URL:-}" ]; then
    local re='^postgres(ql)?://([^:@/]*)(:([^@/]*))?@([^:/?]+)(:([0-9]+))?/([^?]+)'
    if ! [[ $DATABASE_URL =~ $re ]]; then
      echo "Configuration error: DATABASE_URL must look like postgres://user:password@host:port/database." >&2
      return 1
    fi
    export PGUSER=${BASH_REMATCH[2]} PGPASSWORD=${BASH_REMATCH[4]} PGHOST=${BASH_REMATCH[5]} PGPORT=${BASH_REMATCH[7]:-5432} PGDATABASE=${BASH_REMATCH[8]}
  else
    echo "Configuration error: set ConnectionStrings__opentabletop or DATABASE_URL (the Api's database)." >&2
    return 1
  fi
}

# The tables whose row counts a backup records and a restore drill compares: the catalogue, the raw
# community input and the keys (the things a restore must not lose).
counted_tables=(games game_facets game_variants mechanics categories themes people publishers
  game_mechanics game_categories game_themes game_relationships rating_votes weight_votes play_logs
  game_snapshots api_keys materialization_runs schema_migrations)

# counts_sql: one statement listing "table<TAB>rows" for every counted table.
counts_sql() {
  local sep="" t
  for t in "${counted_tables[@]}"; do
    printf "%sSELECT '%s' AS t, count(*) FROM %s" "$sep" "$t" "$t"
    sep=" UNION ALL "
  done
  echo " ORDER BY 1;"
}

# npgsql_connection_string DATABASE: the services' form of the PG* settings, for another database on the same server.
npgsql_connection_string() {
  printf 'Host=%s;Port=%s;Database=%s;Username=%s' "${PGHOST:-localhost}" "${PGPORT:-5432}" "$1" "${PGUSER:-postgres}"
  [ -z "${PGPASSWORD:-}" ] || printf ';Password=%s' "$PGPASSWORD"
  echo
}

# free_port: a TCP port nobody listens on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
