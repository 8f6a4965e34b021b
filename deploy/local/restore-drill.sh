#!/usr/bin/env bash
# Restore drill on the local stack (docs/operator-guide.md, section 13): a workspace on the
# stack's PostgreSQL (a schema of its own), Elasticsearch (an index prefix of its own) and Synapse
# (chat), with the demo agency; a backup taken while it runs (`backup`), Synapse's media, signing
# key and database copied into a restic repository; then the workspace stopped, its database
# dropped and its data folder moved away, and everything restored (`restore --verify`, `restore`,
# `audit verify`, the workspace started again on it, Synapse's files restored from restic and
# compared). Prints each step's time and the sizes. Needs `bin/workspace stack up postgres
# elasticsearch synapse`, the built jar and Debian's restic.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/integration-routes/target/agency-workspace.jar"
STATE_DIR=${WORKSPACE_STACK_STATE:-/var/lib/agency-workspace-stack}
eval "$("$ROOT/deploy/local/stack" env)"
command -v restic >/dev/null || { echo "restic is needed (apt-get install restic)" >&2; exit 1; }
[[ -f $JAR ]] || { echo "build first: bin/workspace build" >&2; exit 1; }

WORK=$(mktemp -d)
SCHEMA="drill_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
PREFIX=${SCHEMA//_/-}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port); MANAGEMENT=$(free_port)
TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
APP_PID=""
psql_drill() { PGPASSWORD=$WORKSPACE_POSTGRES_PASSWORD psql -qAt -h 127.0.0.1 -p 5433 -U "$WORKSPACE_POSTGRES_USER" -d workspace -c "$1"; }
cleanup() {
  [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  psql_drill "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
  curl -s -X DELETE "$WORKSPACE_ELASTICSEARCH_URL/$PREFIX*" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export SPRING_PROFILES_ACTIVE=postgres,elasticsearch,synapse
ARGS=(--workspace.data-dir="$WORK/home/data" --workspace.log-dir="$WORK/home/logs"
  --workspace.routes.folder="$WORK/home/routes" --spring.datasource.hikari.schema="$SCHEMA"
  --spring.flyway.schemas="$SCHEMA" --workspace.connectors.elasticsearch.index-prefix="$PREFIX"
  --workspace.security.local.seed-demo-agency=true --workspace.security.metrics.bearer-token="$TOKEN")
now() { date +%s.%N; }
took() { printf '%s: %.1f s\n' "$1" "$(echo "$(now) - $2" | bc)"; }

start_app() {
  java -jar "$JAR" "${ARGS[@]}" --server.port="$PORT" --management.server.port="$MANAGEMENT" >"$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
  local t0; t0=$(now)
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT/actuator/health/readiness") == 200 ]]; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app-$1.log"; exit 1; }
    sleep 1
  done
  took "workspace ready ($1)" "$t0"
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" || true; APP_PID=""; }
es_count() { curl -s "$WORKSPACE_ELASTICSEARCH_URL/$PREFIX*/_count" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("count", 0))'; }
# What must come back exactly (the audit trail grows while the workspace runs: printed apart).
state() {
  echo "accounts=$(psql_drill "SELECT count(*) FROM $SCHEMA.local_account") identities=$(psql_drill "SELECT count(*) FROM $SCHEMA.identity") departments=$(psql_drill "SELECT count(*) FROM $SCHEMA.department") roles=$(psql_drill "SELECT md5(string_agg(username || role, ',' ORDER BY username, role)) FROM $SCHEMA.local_account_role")"
}
audit_rows() { psql_drill "SELECT count(*) FROM $SCHEMA.audit_event"; }

mkdir -p "$WORK/home/routes" && chmod 700 "$WORK/home/routes"
start_app before
deadline=$((SECONDS + 120))
until (( $(es_count) > 0 )) || ((SECONDS > deadline)); do sleep 1; done
echo "before: $(state) audit-events=$(audit_rows) shipped-to-elasticsearch=$(es_count)"
BEFORE=$(state)

t0=$(now)
java -jar "$JAR" backup "$WORK/backup" "${ARGS[@]}"
took "workspace backup (online)" "$t0"
echo "backup size: $(du -sh "$WORK/backup" | cut -f1), files: $(wc -l <"$WORK/backup/SHA256SUMS")"

export RESTIC_REPOSITORY="$WORK/restic" RESTIC_PASSWORD="$TOKEN"
restic init -q
SYNAPSE="$STATE_DIR/synapse"
mkdir -p "$WORK/synapse"
"$SYNAPSE/venv/bin/python" - "$SYNAPSE/data/homeserver.db" "$WORK/synapse/homeserver.db" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
source.backup(target)  # SQLite's online backup: consistent while Synapse writes
PY
t0=$(now)
restic backup -q --host drill "$WORK/backup" "$WORK/synapse" "$SYNAPSE/data/media_store" "$SYNAPSE"/*.signing.key
took "restic backup (workspace backup + Synapse database, media, signing key)" "$t0"
echo "restic repository: $(du -sh "$WORK/restic" | cut -f1)"

stop_app
psql_drill "DROP SCHEMA $SCHEMA CASCADE"
mv "$WORK/home" "$WORK/home.lost"
rm -rf "$WORK/backup" "$WORK/synapse"
echo "lost: database schema dropped, data folder and anchors moved away"

t0=$(now)
restic restore -q latest --target "$WORK/restored"
took "restic restore" "$t0"
RESTORED="$WORK/restored$WORK/backup"
t0=$(now)
java -jar "$JAR" restore "$RESTORED" --verify "${ARGS[@]}"
took "restore --verify" "$t0"
t0=$(now)
java -jar "$JAR" restore "$RESTORED" "${ARGS[@]}"
took "restore" "$t0"
t0=$(now)
java -jar "$JAR" audit verify "${ARGS[@]}"
took "audit verify" "$t0"
AFTER=$(state)
echo "after:  $AFTER audit-events=$(audit_rows) shipped-to-elasticsearch=$(es_count)"
[[ $AFTER == "$BEFORE" ]] || { echo "DIFFERENT after the restore" >&2; exit 1; }
start_app after
stop_app
for file in $(cd "$SYNAPSE/data" && find media_store -type f) ; do
  cmp -s "$SYNAPSE/data/$file" "$WORK/restored$SYNAPSE/data/$file" || { echo "Synapse media differs: $file" >&2; exit 1; }
done
cmp -s "$SYNAPSE"/*.signing.key "$WORK/restored$(ls "$SYNAPSE"/*.signing.key)" || { echo "signing key differs" >&2; exit 1; }
echo "Synapse: signing key and $(find "$WORK/restored$SYNAPSE/data/media_store" -type f | wc -l) media files restored identical; database copy $(du -h "$WORK/restored$WORK/synapse/homeserver.db" | cut -f1)"
echo "drill passed"
