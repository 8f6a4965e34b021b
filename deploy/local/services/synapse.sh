#!/usr/bin/env bash
# Synapse (Matrix homeserver) from PyPI in a venv under the state dir, SQLite, one HTTP listener on
# 127.0.0.1 with the client API only (no federation), registration closed except through the
# shared secret, rate limits raised for tests. The admin user is registered once. People sign in
# through the local Keycloak (oidc_providers, issue 20): their Matrix ID is their Keycloak login.
#
# Config: homeserver.yaml is generated once (signing key, macaroon/form secrets); stack.yaml
# overrides listener, database, logging, secrets, limits and sign-in (Synapse merges the -c files
# in order, later top-level keys win). Synapse reads both only at start: when stack.yaml or the
# application-service registration changed, `up` restarts a running Synapse once.
set -euo pipefail
SERVICE=synapse
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT=${WORKSPACE_SYNAPSE_PORT:-8008}
SYNAPSE_VERSION=1.163.2 # pinned: what pip resolved on Debian 12 / Python 3.11 (2026-11)
# Synapse's OIDC sign-in needs Authlib (its `oidc` extra asks for >=0.15.1); pinned, tested with the above.
AUTHLIB_VERSION=1.6.12
HOME_DIR=$STATE_DIR/synapse
VENV=$HOME_DIR/venv
DATA=$HOME_DIR/data
ADMIN_USER=workspace-admin
URL=http://127.0.0.1:$PORT
# The workspace's application service (chat bot, notifications, commands): the homeserver pushes
# room events to the app at APPSERVICE_URL. Id and namespaces match the app's workspace.chat.*
# defaults; the tokens are generated secrets the app reads from the environment (stack env).
APPSERVICE_ID=agency-workspace
APPSERVICE_URL=${WORKSPACE_MATRIX_APPSERVICE_URL:-http://127.0.0.1:${WORKSPACE_APP_PORT:-8080}}
APPSERVICE_FILE=$HOME_DIR/appservice-workspace.yaml
# Sign-in through the local Keycloak (services/keycloak.sh creates the client `synapse` from
# deploy/synapse/keycloak-client.json with the same secret).
OIDC_ISSUER=http://127.0.0.1:${WORKSPACE_KEYCLOAK_PORT:-8180}/realms/agency
OIDC_CLIENT_ID=synapse
# Where Synapse may send a browser with a login token without asking (Element's address).
SSO_CLIENT_WHITELIST=${WORKSPACE_ELEMENT_URL:-http://127.0.0.1/}

server_name() {
  if [[ -f $HOME_DIR/server_name ]]; then cat "$HOME_DIR/server_name"; else printf '%s\n' "${WORKSPACE_MATRIX_SERVER_NAME:-workspace.test}"; fi
}

svc_url() { printf '%s\n' "$URL"; }
svc_installed() { [[ -f $HOME_DIR/homeserver.yaml ]]; }
svc_reset_paths() { printf '%s\n' "$HOME_DIR"; }
svc_is_up() { [[ $(curl -s --max-time 5 "$URL/health" 2>/dev/null) == OK ]]; }

svc_env() {
  printf 'WORKSPACE_MATRIX_URL=%s\n' "$URL"
  printf 'WORKSPACE_MATRIX_SERVER_NAME=%s\n' "$(server_name)"
  printf 'WORKSPACE_MATRIX_REGISTRATION_SECRET=%s\n' "$(existing_secret WORKSPACE_MATRIX_REGISTRATION_SECRET)"
  printf 'WORKSPACE_MATRIX_ADMIN_USER=%s\n' "$ADMIN_USER"
  printf 'WORKSPACE_MATRIX_ADMIN_PASSWORD=%s\n' "$(existing_secret WORKSPACE_MATRIX_ADMIN_PASSWORD)"
  printf 'WORKSPACE_MATRIX_APPSERVICE_ID=%s\n' "$APPSERVICE_ID"
  printf 'WORKSPACE_MATRIX_APPSERVICE_URL=%s\n' "$APPSERVICE_URL"
  printf 'WORKSPACE_MATRIX_AS_TOKEN=%s\n' "$(existing_secret WORKSPACE_MATRIX_AS_TOKEN)"
  printf 'WORKSPACE_MATRIX_HS_TOKEN=%s\n' "$(existing_secret WORKSPACE_MATRIX_HS_TOKEN)"
  # Synapse's own Python, for tests that run its code (its OIDC mapping) on real claims.
  printf 'WORKSPACE_SYNAPSE_PYTHON=%s\n' "$VENV/bin/python"
}

# The application-service registration (Matrix AS API): the bot @aw-bot, exclusive namespaces for
# the workspace's own users (@aw_*) and room aliases (#aw-*). Printed, not written, so svc_up can
# tell whether the file Synapse loaded is stale.
appservice_registration() {
  local server
  server=$(server_name | sed 's/\./\\./g')
  cat <<EOF
# Written by deploy/local/services/synapse.sh from the workspace's settings; do not edit.
id: $APPSERVICE_ID
url: '$APPSERVICE_URL'
as_token: '$(secret WORKSPACE_MATRIX_AS_TOKEN)'
hs_token: '$(secret WORKSPACE_MATRIX_HS_TOKEN)'
sender_localpart: aw-bot
rate_limited: false
namespaces:
  users:
    - {exclusive: true, regex: '@aw-bot:$server'}
    - {exclusive: true, regex: '@aw_.*:$server'}
  aliases:
    - {exclusive: true, regex: '#aw-.*:$server'}
  rooms: []
EOF
}

# Writes the registration; true when it changed (so a running Synapse has not loaded it).
write_appservice_registration() {
  local wanted
  wanted=$(appservice_registration)
  if [[ -f $APPSERVICE_FILE && $(cat "$APPSERVICE_FILE") == "$wanted" ]]; then
    return 1
  fi
  mkdir -p "$HOME_DIR"
  (umask 077 && printf '%s\n' "$wanted" >"$APPSERVICE_FILE")
  own "$APPSERVICE_FILE"
  return 0
}

# A Python the service user can read: Debian's (pyenv's lives under /root, mode 700).
base_python() {
  if is_root; then
    apt_install python3 python3-venv
    printf '/usr/bin/python3\n'
  elif /usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null; then
    printf '/usr/bin/python3\n'
  else
    command -v python3
  fi
}

installed_version() {
  "$VENV/bin/python" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$1" 2>/dev/null
}

install() {
  if [[ $(installed_version matrix-synapse) != "$SYNAPSE_VERSION" || $(installed_version authlib) != "$AUTHLIB_VERSION" ]]; then
    local python
    python=$(base_python)
    info "installing matrix-synapse[oidc]==$SYNAPSE_VERSION with authlib==$AUTHLIB_VERSION into $VENV"
    mkdir -p "$HOME_DIR"
    [[ -x $VENV/bin/python ]] || "$python" -m venv "$VENV" >>"$(service_log)" 2>&1 || fail "python -m venv failed"
    "$VENV/bin/pip" install -q --disable-pip-version-check "matrix-synapse[oidc]==$SYNAPSE_VERSION" \
      "authlib==$AUTHLIB_VERSION" >>"$(service_log)" 2>&1 ||
      fail "pip install matrix-synapse[oidc]==$SYNAPSE_VERSION authlib==$AUTHLIB_VERSION failed"
  fi
  if ! svc_installed; then
    local name
    name=$(server_name)
    info "generating config for server name $name"
    mkdir -p "$DATA"
    own "$HOME_DIR"
    run_as_service_user "$HOME_DIR" "$VENV/bin/python" -m synapse.app.homeserver --server-name "$name" \
      --config-path "$HOME_DIR/homeserver.yaml" --data-directory "$DATA" \
      --generate-config --report-stats=no >>"$(service_log)" 2>&1 || fail "generating homeserver.yaml failed"
    printf '%s\n' "$name" >"$HOME_DIR/server_name"
  fi
  if [[ -n ${WORKSPACE_MATRIX_SERVER_NAME:-} && $WORKSPACE_MATRIX_SERVER_NAME != "$(server_name)" ]]; then
    fail "server name is $(server_name), not $WORKSPACE_MATRIX_SERVER_NAME; it cannot change: run 'stack reset synapse'"
  fi
}

# stack.yaml as it should be. Printed, not written, so svc_up can tell whether the file a running
# Synapse loaded is stale.
stack_config() {
  local registration_secret=$1 oidc_client_secret=$2
  cat <<EOF
# Written by deploy/local/services/synapse.sh; overrides homeserver.yaml.
public_baseurl: $URL/
listeners:
  - port: $PORT
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: $DATA/homeserver.db
media_store_path: $DATA/media_store
log_config: $HOME_DIR/log.yaml
registration_shared_secret: "$registration_secret"
app_service_config_files: ["$APPSERVICE_FILE"]
enable_registration: false
report_stats: false
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
encryption_enabled_by_default_for_room_type: "off"
rc_message: {per_second: 1000, burst_count: 1000}
rc_registration: {per_second: 1000, burst_count: 1000}
rc_registration_token_validity: {per_second: 1000, burst_count: 1000}
rc_login:
  address: {per_second: 1000, burst_count: 1000}
  account: {per_second: 1000, burst_count: 1000}
  failed_attempts: {per_second: 1000, burst_count: 1000}
rc_joins:
  local: {per_second: 1000, burst_count: 1000}
  remote: {per_second: 1000, burst_count: 1000}
rc_joins_per_room: {per_second: 1000, burst_count: 1000}
rc_invites:
  per_room: {per_second: 1000, burst_count: 1000}
  per_user: {per_second: 1000, burst_count: 1000}
  per_issuer: {per_second: 1000, burst_count: 1000}
rc_admin_redaction: {per_second: 1000, burst_count: 1000}
rc_room_creation: {per_second: 1000, burst_count: 1000}
rc_presence:
  per_user: {per_second: 1000, burst_count: 1000}
# People sign in through Keycloak (password + OTP there). The Matrix ID is the Keycloak login,
# which is the localpart the workspace provisions (IdentityRules keeps logins to characters Matrix
# allows, so Synapse's own escaping changes nothing); the account must exist already: SSO never
# registers one. People have no Matrix password (the workspace creates them without one).
oidc_providers:
  - idp_id: keycloak
    idp_name: Agency sign-in
    issuer: "$OIDC_ISSUER"
    client_id: $OIDC_CLIENT_ID
    client_secret: "$oidc_client_secret"
    client_auth_method: client_secret_basic
    pkce_method: always
    scopes: [openid, profile, email]
    allow_existing_users: true
    enable_registration: false
    user_mapping_provider:
      config:
        localpart_template: "{{ user.preferred_username }}"
sso:
  client_whitelist: ["$SSO_CLIENT_WHITELIST"]
EOF
}

# Writes stack.yaml and log.yaml; true when stack.yaml changed (so a running Synapse has not loaded it).
write_stack_config() {
  local wanted
  wanted=$(stack_config "$@")
  mkdir -p "$HOME_DIR"
  write_log_config
  if [[ -f $HOME_DIR/stack.yaml && $(cat "$HOME_DIR/stack.yaml") == "$wanted" ]]; then
    return 1
  fi
  (umask 077 && printf '%s\n' "$wanted" >"$HOME_DIR/stack.yaml")
  own "$HOME_DIR/stack.yaml"
  return 0
}

write_log_config() {
  # Log to stderr, which start_daemon sends to <repo>/.stack/logs/synapse.log.
  cat >"$HOME_DIR/log.yaml" <<'EOF'
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(message)s'
handlers:
  console:
    class: logging.StreamHandler
    formatter: precise
loggers:
  synapse.storage.SQL:
    level: WARNING
root:
  level: INFO
  handlers: [console]
disable_existing_loggers: false
EOF
}

svc_up() {
  install
  local registration_secret admin_password changed=false
  registration_secret=$(secret WORKSPACE_MATRIX_REGISTRATION_SECRET)
  admin_password=$(secret WORKSPACE_MATRIX_ADMIN_PASSWORD)
  # Synapse reads its configuration and app_service_config_files only at start: a new or changed
  # registration or stack.yaml (first up after a change here, another app URL) restarts a running
  # Synapse once.
  write_appservice_registration && changed=true
  write_stack_config "$registration_secret" "$(secret WORKSPACE_SYNAPSE_OIDC_CLIENT_SECRET)" && changed=true
  if $changed && svc_is_up; then
    info "configuration changed: restarting once to load it"
    svc_down
  fi
  if ! svc_is_up; then
    if pid_alive; then
      info "already starting (pid $(cat "$(pid_file)"))"
    else
      require_port_free "$PORT"
      own "$HOME_DIR"
      info "starting on $URL (server name $(server_name))"
      start_daemon "$HOME_DIR" "$VENV/bin/python" -m synapse.app.homeserver \
        -c "$HOME_DIR/homeserver.yaml" -c "$HOME_DIR/stack.yaml"
    fi
    wait_until "$URL/health" 120 svc_is_up
  fi
  REGISTRATION_SECRET=$registration_secret PASSWORD=$admin_password \
    python3 "$STACK_HOME/services/synapse-register.py" "$URL" "$ADMIN_USER" --admin >&2 ||
    fail "registering $ADMIN_USER failed"
}

svc_down() { daemon_down 60 "$PORT"; }

service_main "$@"
