# shellcheck shell=bash
# Shared helpers for deploy/local/stack and deploy/local/services/*.sh. Source it; do not run it.
#
# Layout (see README.md):
#   state  ${WORKSPACE_STACK_STATE_DIR}   root: /var/lib/agency-workspace-stack
#                                         other users: ${XDG_STATE_HOME:-~/.local/state}/agency-workspace-stack
#   cache  ${WORKSPACE_CACHE_DIR}         default ~/.cache/agency-workspace (downloaded archives)
#   logs   <repo>/.stack/logs/<service>.log

STACK_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$STACK_HOME/../.." && pwd)
if [[ $(id -u) -eq 0 ]]; then
  STATE_DIR=${WORKSPACE_STACK_STATE_DIR:-/var/lib/agency-workspace-stack}
  SERVICE_USER=workspace-stack
else
  STATE_DIR=${WORKSPACE_STACK_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/agency-workspace-stack}
  SERVICE_USER=$(id -un)
fi
CACHE_DIR=${WORKSPACE_CACHE_DIR:-$HOME/.cache/agency-workspace}
LOG_DIR=$REPO_ROOT/.stack/logs
SECRETS_FILE=$STATE_DIR/secrets.env
RUN_DIR=$STATE_DIR/run

# ---------------------------------------------------------------- logging

info() { printf '[%s] %s\n' "${SERVICE:-stack}" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "${SERVICE:-stack}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${SERVICE:-stack}" "$*" >&2; exit 1; }

service_log() { printf '%s/%s.log\n' "$LOG_DIR" "$SERVICE"; }

# fail MESSAGE: one clear line, then the tail of the service log; exits 1.
fail() {
  local log
  log=$(service_log)
  printf '[%s] FAILED: %s (log: %s)\n' "$SERVICE" "$*" "$log" >&2
  if [[ -f $log ]]; then
    printf -- '----- last 30 lines of %s -----\n' "$log" >&2
    tail -n 30 "$log" >&2
    printf -- '-----\n' >&2
  fi
  exit 1
}

# ---------------------------------------------------------------- state, users, packages

is_root() { [[ $(id -u) -eq 0 ]]; }

# Create the state layout; as root also the system user that runs the services.
init_state() {
  mkdir -p "$STATE_DIR" "$RUN_DIR" "$LOG_DIR" "$CACHE_DIR"
  chmod 755 "$STATE_DIR"
  if is_root && ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    info "creating system user $SERVICE_USER"
    useradd --system --user-group --home-dir "$STATE_DIR/home" --no-create-home \
      --shell /usr/sbin/nologin "$SERVICE_USER"
  fi
  mkdir -p "$STATE_DIR/home"
  own "$STATE_DIR/home"
  if is_root && ! setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups test -w "$STATE_DIR/home"; then
    die "$SERVICE_USER cannot reach $STATE_DIR (a folder above it is closed, e.g. /root): choose another WORKSPACE_STACK_STATE_DIR"
  fi
}

# own PATH...: hand paths (recursively) to the service user.
own() {
  if is_root; then chown -R "$SERVICE_USER:$SERVICE_USER" "$@"; fi
}

APT_UPDATED=false
# apt_install PACKAGE...: install the Debian packages that are missing.
apt_install() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  is_root || die "missing Debian packages: ${missing[*]} (run once as root, or: sudo apt-get install ${missing[*]})"
  info "apt-get install ${missing[*]}"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300
    install --no-install-recommends "${missing[@]}")
  "${apt[@]}" >>"$(service_log)" 2>&1 && return 0
  if ! $APT_UPDATED; then
    info "apt-get update"
    apt-get -q -o DPkg::Lock::Timeout=300 update >>"$(service_log)" 2>&1 || true
    APT_UPDATED=true
    "${apt[@]}" >>"$(service_log)" 2>&1 && return 0
  fi
  fail "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------- secrets

# secret NAME: print the stored secret NAME, generating it (32 hex chars) on first use.
secret() {
  local name=$1 value
  if [[ -f $SECRETS_FILE ]]; then
    value=$(sed -n "s/^$name=//p" "$SECRETS_FILE" | tail -n 1)
    [[ -n $value ]] && { printf '%s\n' "$value"; return 0; }
  fi
  if command -v openssl >/dev/null 2>&1; then
    value=$(openssl rand -hex 16)
  else
    value=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
  fi
  (umask 077 && printf '%s=%s\n' "$name" "$value" >>"$SECRETS_FILE")
  chmod 600 "$SECRETS_FILE"
  printf '%s\n' "$value"
}

# Value of the secret NAME only if it was generated already (for `env`, which must not create state).
existing_secret() {
  [[ -f $SECRETS_FILE ]] && sed -n "s/^$1=//p" "$SECRETS_FILE" | tail -n 1
}

# ---------------------------------------------------------------- downloads

# download URL: fetch URL into the cache (once), verified against the .sha512 (or .sha1) next to it.
# Prints the cached file's path.
download() {
  local url=$1 file sum algo
  file=$CACHE_DIR/$(basename "$url")
  [[ -f $file && -f $file.ok ]] && { printf '%s\n' "$file"; return 0; }
  mkdir -p "$CACHE_DIR"
  for algo in sha512 sha1; do
    sum=$(curl -fsSL --retry 3 "$url.$algo" 2>/dev/null | awk '{print $1}') && [[ -n $sum ]] && break
  done
  [[ -n $sum ]] || die "no .sha512/.sha1 checksum published for $url"
  info "downloading $url"
  curl -fsSL --retry 3 -o "$file.part" "$url" || die "download failed: $url"
  if ! printf '%s  %s\n' "$sum" "$file.part" | "${algo}sum" -c --quiet - >&2; then
    rm -f "$file.part"
    die "$algo checksum mismatch for $url"
  fi
  mv "$file.part" "$file"
  printf '%s %s\n' "$algo" "$sum" >"$file.ok"
  printf '%s\n' "$file"
}

# unpack_zip URL TARGET: download (cached, verified) and unpack a zip holding one top folder
# into TARGET.
unpack_zip() {
  local url=$1 target=$2 zip tmp
  zip=$(download "$url")
  info "unpacking $(basename "$zip")"
  mkdir -p "$(dirname "$target")"
  tmp=$(mktemp -d "$target.unpack.XXXXXX")
  unzip -q "$zip" -d "$tmp"
  rm -rf "$target"
  mv "$tmp"/*/ "$target"
  rm -rf "$tmp"
}

# ---------------------------------------------------------------- ports, readiness

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_port_free PORT [TIMEOUT]
wait_port_free() {
  local port=$1 deadline=$((SECONDS + ${2:-30}))
  while port_open "$port"; do
    ((SECONDS < deadline)) || { warn "port $port still in use"; return 1; }
    sleep 0.2
  done
}

# Refuse to start when something else already listens on the port.
require_port_free() {
  if port_open "$1"; then fail "port 127.0.0.1:$1 is already in use by another process"; fi
}

# wait_until WHAT TIMEOUT COMMAND...: poll COMMAND until it succeeds. Stops early when the
# service's pid file names a dead process. On failure prints one line plus the log tail.
wait_until() {
  local what=$1 timeout=$2
  shift 2
  local deadline=$((SECONDS + timeout)) delay=0.2
  until "$@" >/dev/null 2>&1; do
    if [[ -f $(pid_file) ]] && ! pid_alive; then
      fail "$SERVICE exited while waiting for $what"
    fi
    if ((SECONDS >= deadline)); then
      fail "$SERVICE not ready after ${timeout}s: $what"
    fi
    sleep "$delay"
    delay=0.5
  done
}

# http_status URL [CURL ARGS...]: print the HTTP status code (000 when unreachable).
http_status() {
  local url=$1
  shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$url" || true
}

# http_is CODE URL [CURL ARGS...]: succeed when URL answers CODE.
http_is() {
  local code=$1
  shift
  [[ $(http_status "$@") == "$code" ]]
}

# ---------------------------------------------------------------- processes

pid_file() { printf '%s/%s.pid\n' "$RUN_DIR" "$SERVICE"; }

# proc_alive PID: running (a zombie left for a non-reaping init counts as gone).
proc_alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ $state != Z ]]
}

pid_alive() {
  local pid
  pid=$(cat "$(pid_file)" 2>/dev/null) || return 1
  [[ -n $pid ]] && proc_alive "$pid"
}

# as_service_user DIR COMMAND...: run COMMAND in DIR as the service user (exec, same pid).
as_service_user() {
  local dir=$1
  shift
  cd "$dir" || return 1
  if is_root; then
    exec setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups \
      env HOME="$STATE_DIR/home" USER="$SERVICE_USER" LOGNAME="$SERVICE_USER" "$@"
  fi
  exec "$@"
}

# run_as_service_user DIR COMMAND...: same, in a subshell, waiting for it.
run_as_service_user() { (as_service_user "$@"); }

# start_daemon DIR COMMAND...: start COMMAND in the background as the service user, in its own
# session (so that stop can signal the whole process group), stdout/stderr appended to the log.
start_daemon() {
  local dir=$1 log
  shift
  log=$(service_log)
  printf '===== %s starting %s\n' "$(date -Is)" "$SERVICE" >>"$log"
  (as_service_user "$dir" setsid "$@") >>"$log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$(pid_file)"
}

# stop_daemon [TIMEOUT]: SIGTERM the service's process group, wait, SIGKILL as a last resort.
stop_daemon() {
  local timeout=${1:-60} pid deadline
  pid=$(cat "$(pid_file)" 2>/dev/null) || return 0
  if [[ -n $pid ]] && proc_alive "$pid"; then
    info "stopping (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + timeout))
    while proc_alive "$pid"; do
      if ((SECONDS >= deadline)); then
        warn "still running after ${timeout}s, sending SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
  fi
  rm -f "$(pid_file)"
}

# daemon_down STOP_TIMEOUT PORT: svc_down of a service started with start_daemon.
daemon_down() {
  stop_daemon "$1"
  wait_port_free "$2" 30
}

# ---------------------------------------------------------------- service script skeleton
#
# A service script sets SERVICE and defines:
#   svc_url          print the URL shown by status
#   svc_installed    succeed when its state exists (env prints variables only then)
#   svc_is_up        succeed when the service answers
#   svc_up           install what is missing, start, wait for readiness, provision
#   svc_down         stop (and wait until the port is free)
#   svc_env          print NAME=value lines for the app and tests
#   svc_reset_paths  print the state paths that `reset` deletes
# then calls service_main "$@".

service_main() {
  local cmd=${1:-}
  case $cmd in up | down | reset) mkdir -p "$LOG_DIR" ;; esac
  case $cmd in
    up)
      init_state
      svc_up
      ;;
    down)
      svc_down
      ;;
    status)
      if svc_is_up; then
        printf '%-14s %-5s %s\n' "$SERVICE" UP "$(svc_url)"
      else
        printf '%-14s %-5s %s\n' "$SERVICE" DOWN "$(svc_url)"
        return 1
      fi
      ;;
    env)
      if svc_installed; then svc_env; fi
      ;;
    reset)
      svc_down
      local p
      while IFS= read -r p; do
        [[ -n $p ]] && rm -rf -- "$p"
      done < <(svc_reset_paths)
      info "state deleted"
      ;;
    *)
      die "usage: $0 up|down|status|env|reset"
      ;;
  esac
}
