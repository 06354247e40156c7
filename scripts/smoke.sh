#!/usr/bin/env bash
# scripts/smoke.sh BASE_URL: the post-deploy checks, in order, stopping at the first failure with a
# non-zero exit and the reason: liveness, readiness, a game list, one game by slug, a search for it,
# and the head of an export (headers and its manifest line). SMOKE_API_KEY, when set, is sent as
# X-API-Key (the export then counts against that key's quota: one per run).
set -euo pipefail
base=${1:?usage: scripts/smoke.sh BASE_URL (e.g. https://api.example.org)}
base=${base%/}
auth=(); [ -z "${SMOKE_API_KEY:-}" ] || auth=(-H "X-API-Key: $SMOKE_API_KEY")
body=$(mktemp); headers=$(mktemp)
trap 'rm -f "$body" "$headers"' EXIT
n=0

# check NAME PATH EXPECTED_STATUS JQ_TEST: GET, then the status and a jq condition on the body.
check() {
  local name=$1 path=$2 want=$3 test=$4 status
  n=$((n + 1))
  status=$(curl -sS --max-time 15 -o "$body" -D "$headers" -w '%{http_code}' "${auth[@]}" "$base$path") \
    || { echo "smoke $n $name: FAILED: $base$path did not answer" >&2; exit 1; }
  if [ "$status" != "$want" ]; then
    echo "smoke $n $name: FAILED: GET $path answered $status, expected $want: $(head -c 300 "$body")" >&2; exit 1
  fi
  if ! jq -e "$test" "$body" >/dev/null 2>&1; then
    echo "smoke $n $name: FAILED: GET $path: the body does not satisfy $test: $(head -c 300 "$body")" >&2; exit 1
  fi
  echo "smoke $n $name: ok"
}

check liveness /healthz 200 '.status == "ok" and (.version | type == "string")'
check readiness /readyz 200 '.status == "ok"'
check "game list" "/v1/games?limit=1&sort=rating&order=desc" 200 '(.data | length) == 1 and .meta.total >= 1'
slug=$(jq -r '.data[0].slug' "$body")
name=$(jq -r '.data[0].name' "$body")
check "game $slug" "/v1/games/$slug" 200 ".slug == \"$slug\" and (.name | length > 0)"
query=$(jq -rn --arg n "$name" '$n | split(" ") | .[0:2] | join(" ") | @uri')
check "search '$name'" "/v1/search?q=$query&type=game&limit=50" 200 "[.data[].game.slug] | index(\"$slug\") != null"

# The export's head: its headers and the manifest line, then the connection is closed.
n=$((n + 1))
first=$(curl -sS --max-time 30 -N -D "$headers" "${auth[@]}" "$base/v1/export/games?format=jsonl" 2>/dev/null | head -n 1 || true)
status=$(awk 'NR == 1 { print $2 }' "$headers" | tr -d '\r')
rows=$(awk 'tolower($1) == "x-export-row-count:" { print $2 }' "$headers" | tr -d '\r')
if [ "$status" != 200 ] || [ -z "$rows" ]; then
  echo "smoke $n export: FAILED: GET /v1/export/games answered ${status:-nothing} (X-Export-Row-Count: ${rows:-none}): $(echo "$first" | head -c 300)" >&2; exit 1
fi
if ! echo "$first" | jq -e --argjson rows "$rows" '.row_count == $rows' >/dev/null 2>&1; then
  echo "smoke $n export: FAILED: the first line is not a manifest of $rows rows: $(echo "$first" | head -c 300)" >&2; exit 1
fi
echo "smoke $n export: ok ($rows games)"
echo "smoke: passed $n checks against $base"
