#!/usr/bin/env bash
# Keycloak (Quarkus distribution from Maven Central) in dev mode (H2 file database in its data/),
# HTTP on 127.0.0.1 only, realm deploy/keycloak/agency-realm.json imported at start. The realm file
# carries no secrets: Keycloak substitutes ${WORKSPACE_OIDC_CLIENT_SECRET} and
# ${WORKSPACE_CONNECTOR_CLIENT_SECRET} from the environment while importing.
#
# Re-import: the realm is imported once; when the realm file or a client secret changes (a hash of
# both is kept in the state dir), Keycloak is stopped and `kc.sh import --override true` replaces
# the realm (users included), then it starts again. The demo users are created after every start
# if missing, and so is the Synapse client (deploy/synapse/keycloak-client.json, through the admin
# API: adding it to the realm file would re-import the realm and drop its users), and so is the
# guest reviewers' realm agency-guests (deploy/keycloak/agency-guests-realm.json, through the admin
# API for the same reason: an existing guest realm keeps its accounts, only its client secrets and
# redirects are brought up to date).
set -euo pipefail
SERVICE=keycloak
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT=${WORKSPACE_KEYCLOAK_PORT:-8180}
VERSION=26.5.6
ZIP_URL=https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/$VERSION/keycloak-quarkus-dist-$VERSION.zip
HOME_DIR=$STATE_DIR/keycloak
KC_HOME=$HOME_DIR/keycloak-$VERSION
REALM=agency
REALM_FILE=$REPO_ROOT/deploy/keycloak/agency-realm.json
HASH_FILE=$HOME_DIR/imported-realm.sha256
SYNAPSE_CLIENT_FILE=$REPO_ROOT/deploy/synapse/keycloak-client.json
GUEST_REALM=agency-guests
GUEST_REALM_FILE=$REPO_ROOT/deploy/keycloak/agency-guests-realm.json
# Where the local Synapse runs (services/synapse.sh): its OIDC callback is the client's redirect.
SYNAPSE_URL=http://127.0.0.1:${WORKSPACE_SYNAPSE_PORT:-8008}
ADMIN_USER="admin"
URL=http://127.0.0.1:$PORT

svc_url() { printf '%s\n' "$URL"; }
svc_installed() { [[ -x $KC_HOME/bin/kc.sh ]]; }
svc_reset_paths() { printf '%s\n' "$HOME_DIR"; }
svc_is_up() { http_is 200 "$URL/realms/$REALM/.well-known/openid-configuration"; }

svc_env() {
  printf 'WORKSPACE_KEYCLOAK_URL=%s\n' "$URL"
  printf 'WORKSPACE_KEYCLOAK_REALM=%s\n' "$REALM"
  printf 'WORKSPACE_KEYCLOAK_ADMIN_USER=%s\n' "$ADMIN_USER"
  printf 'WORKSPACE_KEYCLOAK_ADMIN_PASSWORD=%s\n' "$(existing_secret WORKSPACE_KEYCLOAK_ADMIN_PASSWORD)"
  printf 'WORKSPACE_OIDC_CLIENT_ID=workspace-portal\n'
  printf 'WORKSPACE_OIDC_CLIENT_SECRET=%s\n' "$(existing_secret WORKSPACE_OIDC_CLIENT_SECRET)"
  printf 'WORKSPACE_CONNECTOR_CLIENT_ID=workspace-connector\n'
  printf 'WORKSPACE_CONNECTOR_CLIENT_SECRET=%s\n' "$(existing_secret WORKSPACE_CONNECTOR_CLIENT_SECRET)"
  printf 'WORKSPACE_DEMO_PASSWORD=%s\n' "$(existing_secret WORKSPACE_DEMO_PASSWORD)"
  # Guest reviewers' realm (issue 19; operator guide §26): its sign-in client and service account.
  # Named only once `stack up keycloak` made it (its secrets exist): the workspace refuses a realm without them.
  [[ -n $(existing_secret WORKSPACE_GUEST_CONNECTOR_CLIENT_SECRET) ]] && printf 'WORKSPACE_GUEST_REALM=%s\n' "$GUEST_REALM"
  printf 'WORKSPACE_GUEST_OIDC_CLIENT_ID=workspace-guests\n'
  printf 'WORKSPACE_GUEST_OIDC_CLIENT_SECRET=%s\n' "$(existing_secret WORKSPACE_GUEST_OIDC_CLIENT_SECRET)"
  printf 'WORKSPACE_GUEST_CONNECTOR_CLIENT_ID=workspace-guests-connector\n'
  printf 'WORKSPACE_GUEST_CONNECTOR_CLIENT_SECRET=%s\n' "$(existing_secret WORKSPACE_GUEST_CONNECTOR_CLIENT_SECRET)"
  # Bearer token for SCIM clients pushing identities to the workspace (not a Keycloak setting,
  # kept with the identity provider's secrets).
  printf 'WORKSPACE_SCIM_TOKEN=%s\n' "$(existing_secret WORKSPACE_SCIM_TOKEN)"
}

install() {
  svc_installed || unpack_zip "$ZIP_URL" "$KC_HOME"
}

# Environment for every kc.sh run: bootstrap admin (used on the first start only) and the
# client secrets the realm file refers to.
export_kc_env() {
  export KC_BOOTSTRAP_ADMIN_USERNAME=$ADMIN_USER
  KC_BOOTSTRAP_ADMIN_PASSWORD=$(secret WORKSPACE_KEYCLOAK_ADMIN_PASSWORD)
  WORKSPACE_OIDC_CLIENT_SECRET=$(secret WORKSPACE_OIDC_CLIENT_SECRET)
  WORKSPACE_CONNECTOR_CLIENT_SECRET=$(secret WORKSPACE_CONNECTOR_CLIENT_SECRET)
  secret WORKSPACE_SCIM_TOKEN >/dev/null
  export KC_BOOTSTRAP_ADMIN_PASSWORD WORKSPACE_OIDC_CLIENT_SECRET WORKSPACE_CONNECTOR_CLIENT_SECRET
}

realm_hash() {
  { cat "$REALM_FILE"; printf '%s\n' "$WORKSPACE_OIDC_CLIENT_SECRET" "$WORKSPACE_CONNECTOR_CLIENT_SECRET"; } |
    sha256sum | cut -d' ' -f1
}

kc_admin() {
  KC_URL=$URL KC_REALM=$REALM KC_ADMIN_USER=$ADMIN_USER KC_ADMIN_PASSWORD=$KC_BOOTSTRAP_ADMIN_PASSWORD \
    DEMO_PASSWORD=$(secret WORKSPACE_DEMO_PASSWORD) python3 "$STACK_HOME/services/keycloak-admin.py" "$@"
}

svc_up() {
  [[ -f $REALM_FILE ]] || fail "realm file $REALM_FILE is missing"
  command -v java >/dev/null || fail "no java on PATH (Keycloak $VERSION needs Java 17+)"
  install
  export_kc_env
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/$REALM-realm.json"
  own "$HOME_DIR"

  local want
  want=$(realm_hash)
  if [[ -f $KC_HOME/data/h2/keycloakdb.mv.db && $(cat "$HASH_FILE" 2>/dev/null) != "$want" ]]; then
    info "realm file or client secrets changed: re-importing realm $REALM (replaces its users)"
    svc_down
    printf '===== %s kc.sh import --override true\n' "$(date -Is)" >>"$(service_log)"
    run_as_service_user "$KC_HOME" bin/kc.sh import --file "data/import/$REALM-realm.json" --override true \
      >>"$(service_log)" 2>&1 </dev/null || fail "realm re-import failed"
    printf '%s\n' "$want" >"$HASH_FILE"
  fi

  if ! svc_is_up; then
    if pid_alive; then
      info "already starting (pid $(cat "$(pid_file)"))"
    else
      require_port_free "$PORT"
      info "starting on $URL"
      start_daemon "$KC_HOME" bin/kc.sh start-dev --http-host=127.0.0.1 --http-port="$PORT" \
        --hostname="$URL" --import-realm
    fi
    wait_until "$URL/realms/$REALM/.well-known/openid-configuration" 300 svc_is_up
  fi
  [[ -f $HASH_FILE ]] || printf '%s\n' "$want" >"$HASH_FILE"
  kc_admin demo-users >&2 || fail "creating the demo users failed"
  # Keycloak's own mails use the workspace's SMTP settings when they are given (issue 20).
  kc_admin mail-settings >&2 || fail "setting the realm's mail server failed"
  # Synapse signs people in through this realm (issue 20); services/synapse.sh reads the same secret.
  SYNAPSE_URL=$SYNAPSE_URL SYNAPSE_CLIENT_SECRET=$(secret WORKSPACE_SYNAPSE_OIDC_CLIENT_SECRET) \
    kc_admin synapse-client "$SYNAPSE_CLIENT_FILE" >&2 || fail "creating the Synapse client failed"
  # Guest reviewers live apart from staff, in a realm of their own (issue 19).
  GUEST_REALM=$GUEST_REALM GUEST_OIDC_CLIENT_SECRET=$(secret WORKSPACE_GUEST_OIDC_CLIENT_SECRET) \
    GUEST_CONNECTOR_CLIENT_SECRET=$(secret WORKSPACE_GUEST_CONNECTOR_CLIENT_SECRET) \
    GUEST_REDIRECT_BASES="http://localhost:8080 http://127.0.0.1:8080" \
    kc_admin guest-realm "$GUEST_REALM_FILE" >&2 || fail "creating the guest reviewers' realm failed"
}

svc_down() { daemon_down 60 "$PORT"; }

service_main "$@"
