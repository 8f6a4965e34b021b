#!/usr/bin/env bash
# Nextcloud signs staff in through Keycloak with the user_oidc app (issue 20; operator guide §27).
# Run on the Nextcloud host as the web server user, after creating the Keycloak client from
# deploy/nextcloud/keycloak-client.json (redirect URI and quota adjusted to the deployment).
#
#   KEYCLOAK_ISSUER=https://sso.agency.example/realms/agency \
#   NEXTCLOUD_CLIENT_SECRET=... sudo -E -u www-data ./user_oidc.sh /var/www/nextcloud
#
# The mapping gives Nextcloud the same account the workspace provisions over OCS
# (identity/provisioning/NextcloudTarget): user id = the login, display name = the English name,
# e-mail, quota = the provisioning's default quota, groups = the department codes. --unique-uid=0
# keeps the login as the user id (user_oidc would otherwise hash it with the provider id), so an
# account provisioned ahead of the first sign-in is the one signed in to. NextcloudOidcClaimsIT
# reads the --mapping-* lines below and checks them on the claims the real Keycloak issues.
set -euo pipefail
NEXTCLOUD=${1:?usage: user_oidc.sh <nextcloud folder>}
: "${KEYCLOAK_ISSUER:?}" "${NEXTCLOUD_CLIENT_SECRET:?}"
occ() { php "$NEXTCLOUD/occ" "$@"; }

occ app:enable user_oidc
occ user_oidc:provider keycloak \
  --clientid=nextcloud \
  --clientsecret="$NEXTCLOUD_CLIENT_SECRET" \
  --discoveryuri="$KEYCLOAK_ISSUER/.well-known/openid-configuration" \
  --scope="openid profile email workspace" \
  --unique-uid=0 \
  --mapping-uid=preferred_username \
  --mapping-display-name=name \
  --mapping-email=email \
  --mapping-quota=quota \
  --mapping-groups=department \
  --group-provisioning=1
# Keycloak is the only way in: no Nextcloud password form next to it.
occ config:app:set --value=0 user_oidc allow_multiple_user_backends
