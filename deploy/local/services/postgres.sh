#!/usr/bin/env bash
# PostgreSQL from Debian's `postgresql` package, in a dedicated cluster under the stack state dir
# (the system cluster is neither used nor touched). TCP on 127.0.0.1 only; the Unix socket lives in
# a private directory of the state dir (trust auth there, for the service user only).
set -euo pipefail
SERVICE=postgres
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT=${WORKSPACE_POSTGRES_PORT:-5433}
DB=workspace
DB_USER=workspace
HOME_DIR=$STATE_DIR/postgres
DATA=$HOME_DIR/data
SOCKET_DIR=$HOME_DIR/run

bin_dir() {
  local d
  d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  [[ -n $d ]] || return 1
  printf '%s\n' "$d"
}

svc_url() { printf 'postgresql://127.0.0.1:%s/%s\n' "$PORT" "$DB"; }
svc_installed() { [[ -f $DATA/PG_VERSION ]]; }
svc_reset_paths() { printf '%s\n' "$HOME_DIR"; }

svc_is_up() {
  local bin
  bin=$(bin_dir) || return 1
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d "$DB"
}

svc_env() {
  printf 'WORKSPACE_POSTGRES_URL=jdbc:postgresql://127.0.0.1:%s/%s\n' "$PORT" "$DB"
  printf 'WORKSPACE_POSTGRES_USER=%s\n' "$DB_USER"
  printf 'WORKSPACE_POSTGRES_PASSWORD=%s\n' "$(existing_secret WORKSPACE_POSTGRES_PASSWORD)"
}

pg_running() { [[ -f $DATA/postmaster.pid ]] && run_as_service_user "$HOME_DIR" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

svc_up() {
  apt_install postgresql
  BIN=$(bin_dir) || fail "no PostgreSQL server binaries under /usr/lib/postgresql"
  local password
  password=$(secret WORKSPACE_POSTGRES_PASSWORD)
  mkdir -p "$HOME_DIR" "$SOCKET_DIR"
  own "$HOME_DIR"
  chmod 700 "$SOCKET_DIR"

  if ! svc_installed; then
    info "initdb $DATA"
    run_as_service_user "$HOME_DIR" "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$(service_log)" 2>&1 || fail "initdb failed"
  fi

  if ! pg_running; then
    require_port_free "$PORT"
    info "starting on 127.0.0.1:$PORT"
    printf '===== %s starting %s\n' "$(date -Is)" "$SERVICE" >>"$(service_log)"
    # Without -l the server's output goes to pg_ctl's stdout: the log file opened here.
    run_as_service_user "$HOME_DIR" "$BIN/pg_ctl" -D "$DATA" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$SOCKET_DIR'" \
      >>"$(service_log)" 2>&1 </dev/null || fail "pg_ctl start failed"
  fi
  wait_until "pg_isready on 127.0.0.1:$PORT" 60 "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"

  # Role and database, idempotent; the password follows the stored secret.
  run_as_service_user "$HOME_DIR" "$BIN/psql" -q -X -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" \
    -U postgres -d postgres -v user="$DB_USER" -v db="$DB" -v pw="$password" >>"$(service_log)" 2>&1 <<'SQL' ||
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'user', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8''', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
    fail "creating role/database $DB failed"
  wait_until "database $DB reachable" 30 svc_is_up
}

svc_down() {
  BIN=$(bin_dir) || return 0
  svc_installed || return 0
  if pg_running; then
    info "stopping"
    run_as_service_user "$HOME_DIR" "$BIN/pg_ctl" -D "$DATA" -w -t 60 stop -m fast >>"$(service_log)" 2>&1 ||
      fail "pg_ctl stop failed"
  fi
  wait_port_free "$PORT" 30
}

service_main "$@"
