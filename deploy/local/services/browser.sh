#!/usr/bin/env bash
# A real browser for the browser tests (*BrowserIT): Debian's Chromium and chromium-driver, run
# headless by Selenium, and axe-core (the accessibility engine the tests inject into each page),
# fetched from the npm registry with npm into the state dir at a pinned version (downloaded
# third-party code: never committed). Not a server: `up` installs and checks once that the
# driver answers; `down` does nothing.
set -euo pipefail
SERVICE=browser
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

AXE_VERSION=4.14.1
HOME_DIR=$STATE_DIR/browser
AXE_DIR=$HOME_DIR/axe-core-$AXE_VERSION
AXE_JS=$AXE_DIR/node_modules/axe-core/axe.min.js
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

svc_url() { printf '%s\n' "$CHROMEDRIVER"; }
svc_installed() { [[ -f $AXE_JS ]]; }
svc_is_up() { [[ -x $CHROMIUM && -x $CHROMEDRIVER && -f $AXE_JS ]]; }
svc_reset_paths() { printf '%s\n' "$HOME_DIR"; }
svc_env() {
  printf 'WORKSPACE_CHROMIUM=%s\n' "$CHROMIUM"
  printf 'WORKSPACE_CHROMEDRIVER=%s\n' "$CHROMEDRIVER"
  printf 'WORKSPACE_AXE_JS=%s\n' "$AXE_JS"
}

svc_up() {
  apt_install chromium chromium-driver
  command -v npm >/dev/null 2>&1 || apt_install npm
  if [[ ! -f $AXE_JS ]]; then
    info "npm install axe-core@$AXE_VERSION into $AXE_DIR"
    mkdir -p "$AXE_DIR"
    npm install --prefix "$AXE_DIR" --no-save --no-audit --no-fund --ignore-scripts \
      "axe-core@$AXE_VERSION" >>"$(service_log)" 2>&1 || fail "npm install axe-core@$AXE_VERSION failed"
    [[ -f $AXE_JS ]] || fail "axe-core installed without axe.min.js"
  fi
  "$CHROMEDRIVER" --version >>"$(service_log)" 2>&1 || fail "chromedriver does not start"
}

svc_down() { :; }

service_main "$@"
