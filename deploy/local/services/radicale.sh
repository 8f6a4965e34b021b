#!/usr/bin/env bash
# CalDAV: Debian's Radicale (3.x) on loopback, run in the foreground from its own config, rights
# and htpasswd under the state dir. Meeting invitations land at /<user>/calendar/<uid>.ics.
#
# Users: workspace (WORKSPACE_CALDAV_PASSWORD), the account the workspace writes invitations
# with, which may write into every calendar (Radicale has no CalDAV scheduling, RFC 6638, so the
# organiser's server cannot deliver to attendees' inboxes; the workspace PUTs into each calendar,
# as it does with a delegated service account on Nextcloud); and the demo users alice, bob, carol,
# dave and erin (WORKSPACE_DEMO_PASSWORD, the same password as in Keycloak), each with a
# calendar named "calendar" only they (and workspace) may touch.
set -euo pipefail
SERVICE=radicale
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT=${WORKSPACE_CALDAV_PORT:-5232}
HOME_DIR=$STATE_DIR/radicale
DAV_USER=workspace
DEMO_USERS=(alice bob carol dave erin)
URL=http://127.0.0.1:$PORT

svc_url() { printf '%s/\n' "$URL"; }
svc_installed() { [[ -f $HOME_DIR/htpasswd ]]; }
svc_reset_paths() { printf '%s\n' "$HOME_DIR"; }

svc_is_up() {
  local password
  password=$(existing_secret WORKSPACE_CALDAV_PASSWORD) || return 1
  [[ -n $password ]] || return 1
  http_is 207 "$URL/$DAV_USER/" -X PROPFIND -H 'Depth: 0' -u "$DAV_USER:$password"
}

svc_env() {
  printf 'WORKSPACE_CALDAV_URL=%s/\n' "$URL"
  printf 'WORKSPACE_CALDAV_USER=%s\n' "$DAV_USER"
  printf 'WORKSPACE_CALDAV_PASSWORD=%s\n' "$(existing_secret WORKSPACE_CALDAV_PASSWORD)"
}

write_htpasswd() {
  local tmp=$HOME_DIR/htpasswd.tmp user
  : >"$tmp"
  # MD5 (apr1): Radicale checks it through python3-passlib; bcrypt would need python3-bcrypt.
  secret WORKSPACE_CALDAV_PASSWORD | htpasswd -i -m "$tmp" "$DAV_USER" 2>/dev/null
  for user in "${DEMO_USERS[@]}"; do
    secret WORKSPACE_DEMO_PASSWORD | htpasswd -i -m "$tmp" "$user" 2>/dev/null
  done
  chmod 640 "$tmp"
  mv "$tmp" "$HOME_DIR/htpasswd"
}

write_config() {
  cat >"$HOME_DIR/rights" <<RIGHTS
# Written by deploy/local/services/radicale.sh on every start.
[workspace]
user: $DAV_USER
collection: .*
permissions: RrWw

[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: RW

[calendars]
user: .+
collection: {user}/[^/]+
permissions: rw
RIGHTS
  cat >"$HOME_DIR/config" <<CONFIG
# Written by deploy/local/services/radicale.sh on every start.
[server]
hosts = 127.0.0.1:$PORT

[auth]
type = htpasswd
htpasswd_filename = $HOME_DIR/htpasswd
htpasswd_encryption = md5
delay = 0

[rights]
type = from_file
file = $HOME_DIR/rights

[storage]
filesystem_folder = $HOME_DIR/collections

[web]
type = none

[logging]
level = warning
CONFIG
}

# Each demo user's principal collection and calendar, made once (201; 405 when it exists).
make_calendars() {
  local user password status
  password=$(secret WORKSPACE_CALDAV_PASSWORD)
  for user in "${DEMO_USERS[@]}"; do
    [[ -d $HOME_DIR/collections/collection-root/$user/calendar ]] && continue
    status=$(http_status "$URL/$user/" -X MKCOL -u "$DAV_USER:$password")
    case $status in 201 | 405) ;; *) fail "MKCOL /$user/ answered $status" ;; esac
    status=$(http_status "$URL/$user/calendar/" -X MKCALENDAR -u "$DAV_USER:$password")
    case $status in 201 | 405) ;; *) fail "MKCALENDAR /$user/calendar/ answered $status" ;; esac
  done
}

svc_up() {
  apt_install radicale apache2-utils python3-passlib
  if svc_is_up; then make_calendars; return 0; fi
  mkdir -p "$HOME_DIR/collections"
  if pid_alive; then
    info "already starting (pid $(cat "$(pid_file)"))"
  else
    require_port_free "$PORT"
    write_htpasswd
    write_config
    own "$HOME_DIR"
    info "starting on $URL"
    start_daemon "$HOME_DIR" /usr/bin/radicale --config "$HOME_DIR/config"
  fi
  wait_until "PROPFIND $URL/$DAV_USER/ answering 207" 30 svc_is_up
  make_calendars
}

svc_down() { daemon_down 30 "$PORT"; }

service_main "$@"
