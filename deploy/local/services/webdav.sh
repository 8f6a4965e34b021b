#!/usr/bin/env bash
# WebDAV laid out like Nextcloud: Debian's Apache (apache2-bin: binary and modules only, no system
# site, no init script) with mod_dav_fs, run in the foreground from its own config, ServerRoot and
# lock database under the state dir. Files of user U live at /remote.php/dav/files/U/ and only U
# may touch them (basic auth; another user gets 403, no credentials 401).
#
# Users: workspace (WORKSPACE_WEBDAV_PASSWORD) and the demo users alice, bob, carol
# (WORKSPACE_DEMO_PASSWORD, the same password as in Keycloak).
#
# Known difference from Nextcloud: Apache hands out a weak ETag (W/"...") for a file changed within
# the last second, and If-Match compares strongly; Nextcloud's ETags are always strong. Tests that
# need a strong ETag set the file's mtime back under WORKSPACE_WEBDAV_FILES instead of waiting.
set -euo pipefail
SERVICE=webdav
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT=${WORKSPACE_WEBDAV_PORT:-8081}
HOME_DIR=$STATE_DIR/webdav
FILES=$HOME_DIR/files
MODULES=/usr/lib/apache2/modules
DAV_USER=workspace
DEMO_USERS=(alice bob carol)
URL=http://127.0.0.1:$PORT/remote.php/dav

svc_url() { printf '%s\n' "$URL"; }
svc_installed() { [[ -f $HOME_DIR/htpasswd ]]; }
svc_reset_paths() { printf '%s\n' "$HOME_DIR"; }

svc_is_up() {
  local password
  password=$(existing_secret WORKSPACE_WEBDAV_PASSWORD) || return 1
  [[ -n $password ]] || return 1
  http_is 207 "$URL/files/$DAV_USER/" -X PROPFIND -H 'Depth: 0' -u "$DAV_USER:$password"
}

svc_env() {
  printf 'WORKSPACE_WEBDAV_URL=%s\n' "$URL"
  printf 'WORKSPACE_WEBDAV_USER=%s\n' "$DAV_USER"
  printf 'WORKSPACE_WEBDAV_PASSWORD=%s\n' "$(existing_secret WORKSPACE_WEBDAV_PASSWORD)"
  # Where the files live on disk: tests age a file's mtime there to get Apache's strong ETag.
  printf 'WORKSPACE_WEBDAV_FILES=%s\n' "$FILES"
}

write_htpasswd() {
  local tmp=$HOME_DIR/htpasswd.tmp user
  : >"$tmp"
  secret WORKSPACE_WEBDAV_PASSWORD | htpasswd -i -B -C 5 "$tmp" "$DAV_USER" 2>/dev/null
  for user in "${DEMO_USERS[@]}"; do
    secret WORKSPACE_DEMO_PASSWORD | htpasswd -i -B -C 5 "$tmp" "$user" 2>/dev/null
  done
  chmod 640 "$tmp"
  mv "$tmp" "$HOME_DIR/htpasswd"
}

write_config() {
  local m user
  {
    cat <<EOF
# Written by deploy/local/services/webdav.sh on every start.
ServerRoot "$HOME_DIR"
ServerName 127.0.0.1
Listen 127.0.0.1:$PORT
PidFile "$HOME_DIR/run/httpd.pid"
DefaultRuntimeDir "$HOME_DIR/run"
Mutex file:$HOME_DIR/run default
EOF
    for m in mpm_event authn_core authn_file auth_basic authz_core authz_user alias mime dav dav_fs; do
      printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$MODULES" "$m"
    done
    cat <<EOF
# Piped loggers inherit our stdout, the log file opened by the calling shell (which the
# service user could not reopen by path).
ErrorLog "|/bin/cat"
LogLevel warn
LogFormat "%h %u %t \"%r\" %>s %b" dav
CustomLog "|/bin/cat" dav
TypesConfig /etc/mime.types
Timeout 300
LimitRequestBody 0
LimitXMLRequestBody 10000000
DavLockDB "$HOME_DIR/lock/DavLock"

Alias /remote.php/dav/files "$FILES"
<Directory "$FILES">
    Dav On
    Options None
    AllowOverride None
</Directory>
<Location "/remote.php/dav/files">
    AuthType Basic
    AuthName "Agency Workspace WebDAV"
    AuthBasicProvider file
    AuthUserFile "$HOME_DIR/htpasswd"
    AuthzSendForbiddenOnFailure On
    Require all denied
</Location>
EOF
    # Each user only below their own folder: one plain "Require user" section per user. (A single
    # regex section with "Require expr %{REMOTE_USER} == %{env:MATCH_OWNER}" was tried: it let COPY
    # and MOVE write into another user's folder, whose Destination mod_dav checks in a sub-request.)
    for user in "$DAV_USER" "${DEMO_USERS[@]}"; do
      printf '<LocationMatch "^/remote\\.php/dav/files/%s(/|$)">\n    Require user %s\n</LocationMatch>\n' \
        "$user" "$user"
    done
  } >"$HOME_DIR/httpd.conf"
}

svc_up() {
  apt_install apache2-bin apache2-utils media-types
  [[ -f /etc/mime.types ]] || fail "/etc/mime.types missing (Debian package media-types)"
  if svc_is_up; then return 0; fi
  local user
  mkdir -p "$HOME_DIR/run" "$HOME_DIR/lock"
  for user in "$DAV_USER" "${DEMO_USERS[@]}"; do mkdir -p "$FILES/$user"; done
  if pid_alive; then
    info "already starting (pid $(cat "$(pid_file)"))"
  else
    require_port_free "$PORT"
    write_htpasswd
    write_config
    own "$HOME_DIR"
    /usr/sbin/apache2 -t -f "$HOME_DIR/httpd.conf" >>"$(service_log)" 2>&1 || fail "apache2 config test failed"
    info "starting on $URL"
    start_daemon "$HOME_DIR" /usr/sbin/apache2 -f "$HOME_DIR/httpd.conf" -D FOREGROUND
  fi
  wait_until "PROPFIND $URL/files/$DAV_USER/ answering 207" 30 svc_is_up
}

svc_down() { daemon_down 30 "$PORT"; }

service_main "$@"
