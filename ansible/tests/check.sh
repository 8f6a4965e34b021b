#!/usr/bin/env bash
# Checks the Ansible tree the way CI does (`bin/workspace test` runs it after the Maven build):
#   1. ansible-playbook --syntax-check and ansible-lint (profile production, .ansible-lint);
#   2. every configuration file the roles render for each example inventory (tests/render.yml,
#      with tests/local-stack.yml pointing addresses and secrets at the local stack), each checked
#      by its own program: the workspace jar started with its rendered application-production.yaml
#      and workspace.env until it is ready and its connectors are UP, `nginx -t` for the proxy
#      sites, Synapse's own config loader (homeserver.yaml and its application-service
#      registrations, with the stack's Synapse), Keycloak's own option catalogue (`kc.sh start
#      --help-all` of the stack's Keycloak, same version as the role's) for keycloak.conf,
#      `nft -c` for the firewall rules, `bash -n` for the backup script, Element Web's config.json
#      against the keys of the workspace's own (ElementWebConfig).
# Needs the built jar and the stack's environment (`eval "$(deploy/local/stack env)"`), and root
# for the Debian packages it installs once (nginx-core, nftables). Usage: ansible/tests/check.sh
# [--lint-only] [inventory file...]  (default: every inventories/*/*.yml).
set -euo pipefail

ANSIBLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$ANSIBLE_DIR/.." && pwd)"
JAR="$ROOT/integration-routes/target/agency-workspace.jar"
STATE_DIR=${WORKSPACE_STACK_STATE:-/var/lib/agency-workspace-stack}
VENV=${AGENCY_ANSIBLE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/agency-workspace/ansible-venv}
SYNAPSE_PYTHON=${CHECK_SYNAPSE_PYTHON:-$STATE_DIR/synapse/venv/bin/python}
KEYCLOAK_VERSION=$(sed -n 's/^keycloak_version: *//p' "$ANSIBLE_DIR/roles/keycloak/defaults/main.yml")
KEYCLOAK_HOME=${CHECK_KEYCLOAK_HOME:-$STATE_DIR/keycloak/keycloak-$KEYCLOAK_VERSION}

say() { echo "ansible-check: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

# The control node's tools, pinned in requirements.txt, in a venv outside the repository.
ensure_venv() {
  if [[ ! -x $VENV/bin/ansible-lint ]] || ! diff -q <(grep -E '^[a-z]' "$ANSIBLE_DIR/requirements.txt" | sort) \
      <("$VENV/bin/pip" freeze 2>/dev/null | grep -E '^(ansible|ansible-core|ansible-lint)==' | sort) >/dev/null; then
    say "installing $(grep -E '^[a-z]' "$ANSIBLE_DIR/requirements.txt" | tr '\n' ' ')into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$ANSIBLE_DIR/requirements.txt"
  fi
  export PATH="$VENV/bin:$PATH"
}

ensure_packages() {
  local missing=() p
  for p in nginx-core nftables php8.2-cli; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || fail "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})"
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300 install --no-install-recommends \
    "${missing[@]}" >/dev/null || { apt-get -q update >/dev/null && DEBIAN_FRONTEND=noninteractive \
    apt-get -y -q install --no-install-recommends "${missing[@]}" >/dev/null; }
}

lint() {
  say "syntax check and ansible-lint (production profile)"
  local playbook
  for playbook in site.yml backup.yml restore.yml tests/render.yml; do
    [[ -f $ANSIBLE_DIR/$playbook ]] || continue
    (cd "$ANSIBLE_DIR" && ansible-playbook --syntax-check -i inventories/example/hosts.yml "$playbook" >/dev/null) \
      || fail "syntax check of $playbook"
  done
  (cd "$ANSIBLE_DIR" && ansible-lint -q) || fail "ansible-lint"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# render INVENTORY_FILE OUT [EXTRA_ARG...]: the inventory file's hosts rendered under OUT/<host>/.
render() {
  local inventory=$1 out=$2 vault_example
  shift 2
  vault_example="$ANSIBLE_DIR/$(dirname "$inventory")/group_vars/all/vault.yml.example"
  local extra=(-e "render_dir=$out" -e "@$ANSIBLE_DIR/tests/local-stack.yml")
  [[ -f $vault_example ]] && extra=(-e "@$vault_example" "${extra[@]}")
  (cd "$ANSIBLE_DIR" && ansible-playbook -i "$inventory" tests/render.yml "${extra[@]}" "$@" \
    >"$out/render.log" 2>&1) || { cat "$out/render.log" >&2; fail "rendering inventory $inventory"; }
}

check_nft() {
  local file=$1
  nft -c -f "$file" || fail "nft -c $file"
  say "  nft -c: $file accepted"
}

check_backup_script() {
  local file=$1
  bash -n "$file" || fail "bash -n $file"
  say "  bash -n: agency-backup accepted"
}

# Element Web has no checker of its own: the file must be JSON with the keys the workspace's
# ElementWebConfig writes (operator guide 27.6), SSO only and registration off.
check_element_config() {
  local file=$1
  python3 - "$file" <<'PY' || fail "Element Web's config.json $file"
import json, sys
config = json.load(open(sys.argv[1]))
expected = {"default_server_config", "disable_custom_urls", "disable_guests", "disable_3pid_login",
            "sso_redirect_options", "setting_defaults", "brand", "default_country_code"}
problems = []
if set(config) != expected:
    problems.append("keys %s, expected %s" % (sorted(config), sorted(expected)))
else:
    server = config["default_server_config"]["m.homeserver"]
    if not server.get("base_url", "").startswith("https://") or not server.get("server_name"):
        problems.append("homeserver %s" % server)
    if config["sso_redirect_options"] != {"immediate": True}:
        problems.append("not SSO only")
    if any(config["setting_defaults"].get("UIFeature." + f) is not False
           for f in ("registration", "passwordReset", "deactivate", "thirdPartyId")):
        problems.append("registration or password features on")
for problem in problems:
    print("ansible-check:   element config.json: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
  say "  Element Web: config.json accepted"
}

# Nextcloud's files: PHP's own parser for the config fragment (`php -l`) and the rules' importer,
# and the rules JSON in the flow engine's form: one deny rule per blocked level, each on the tag
# classification:<level> with a group exception.
check_nextcloud() {
  local host=$1
  php -l "$host/nextcloud-agency.config.php" >/dev/null || fail "php -l $host/nextcloud-agency.config.php"
  php -l "$ANSIBLE_DIR/roles/nextcloud/files/import-access-rules.php" >/dev/null || fail "php -l import-access-rules.php"
  php -r '$CONFIG = null; include $argv[1]; exit(is_array($CONFIG) && $CONFIG["dbtype"] === "pgsql"
      && $CONFIG["log_type_audit"] === "file" && $CONFIG["logfile_audit"] !== "" ? 0 : 1);' \
    "$host/nextcloud-agency.config.php" || fail "agency.config.php does not set \$CONFIG as expected"
  python3 - "$host/nextcloud-access-rules.json" <<'PY' || fail "Nextcloud's access rules $host/nextcloud-access-rules.json"
import json, sys
rules = json.load(open(sys.argv[1]))
problems = []
if not rules:
    problems.append("no rules")
for rule in rules:
    tags = [c["value"] for c in rule["checks"] if c["class"].endswith("\\FileSystemTags")]
    groups = [c for c in rule["checks"] if c["class"].endswith("\\UserGroupMembership")]
    if (rule["class"] != "OCA\\FilesAccessControl\\Operation" or rule["operation"] != "deny"
            or len(tags) != 1 or not tags[0].startswith("classification:")
            or any(g["operator"] != "!is" for g in groups)):
        problems.append(rule["name"])
for problem in problems:
    print("ansible-check:   access rule: " + problem, file=sys.stderr)
print("ansible-check:   Nextcloud: php -l and %d access rules (%s) accepted"
      % (len(rules), ", ".join(r["checks"][0]["value"] for r in rules)), file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

# ONLYOFFICE and the workspace sign each other's requests with one JWT secret: every rendered
# local.json of the inventory must hold the workspace.env's value for inbox, outbox and browser,
# and its own session secret must be another.
check_onlyoffice_jwt() {
  local out=$1
  python3 - "$out" <<'PY' || fail "ONLYOFFICE's JWT secret differs from the workspace's in $out"
import glob, json, re, sys
out = sys.argv[1]
workspace = set()
for env in glob.glob(out + "/*/workspace.env"):
    m = re.search(r'^WORKSPACE_EDITING_ONLYOFFICE_JWT_SECRET="(.*)"$', open(env).read(), re.M)
    if m:
        workspace.add(m.group(1))
problems = []
if len(workspace) != 1 or not next(iter(workspace)):
    problems.append("workspace.env files hold %d different ONLYOFFICE secrets" % len(workspace))
for path in glob.glob(out + "/*/onlyoffice-local.json"):
    secret = json.load(open(path))["services"]["CoAuthoring"]["secret"]
    for use in ("inbox", "outbox", "browser"):
        if secret[use]["string"] not in workspace:
            problems.append("%s: %s secret is not the workspace's" % (path, use))
    if secret["session"]["string"] in workspace:
        problems.append("%s: the session secret is the shared JWT secret" % path)
for problem in problems:
    print("ansible-check:   ONLYOFFICE: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
  say " ONLYOFFICE: local.json's JWT secret (inbox, outbox, browser) = the workspace's; session secret its own"
}

# coolwsd.xml: well-formed XML, TLS ended at the proxy, the admin console off, and exactly one
# WOPI host, the workspace's public address as the inventory's workspace hosts render it.
check_collabora() {
  local out=$1 host=$2
  python3 - "$out" "$host/coolwsd.xml" <<'PY' || fail "Collabora's coolwsd.xml $host/coolwsd.xml"
import glob, re, sys, urllib.parse
import xml.etree.ElementTree as ET
out, path = sys.argv[1], sys.argv[2]
config = ET.parse(path).getroot()
urls = {re.search(r"^  public-url: (.*)$", open(f).read(), re.M).group(1).strip()
        for f in glob.glob(out + "/*/application-production.yaml")}
problems = []
if len(urls) != 1:
    problems.append("the workspace hosts have %d public addresses" % len(urls))
else:
    url = urllib.parse.urlsplit(urls.pop())
    origin = "%s://%s:%s" % (url.scheme, url.hostname, url.port or (443 if url.scheme == "https" else 80))
    hosts = [h.text for h in config.findall("./alias_groups/group/host")]
    if config.find("./alias_groups").get("mode") != "groups" or hosts != [origin]:
        problems.append("WOPI hosts %s, expected only %s" % (hosts, origin))
    if config.findtext("./net/frame_ancestors") != url.hostname:
        problems.append("frame_ancestors is not the workspace's host")
if config.findtext("./ssl/enable") != "false" or config.findtext("./ssl/termination") != "true":
    problems.append("TLS is not ended at the proxy")
if config.findtext("./admin_console/enable") != "false":
    problems.append("the admin console is on")
if config.find("./storage/filesystem").get("allow") != "false":
    problems.append("local file storage is allowed")
for problem in problems:
    print("ansible-check:   coolwsd.xml: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
  say "  Collabora: coolwsd.xml accepted (one WOPI host, the workspace; TLS at the proxy; admin console off)"
}

check_nginx() {
  local dir=$1 conf
  conf="$dir/nginx-test.conf"
  cat >"$conf" <<EOF
pid $dir/nginx.pid;
error_log stderr;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    include $dir/nginx/*.conf;
}
EOF
  nginx -t -q -c "$conf" -e stderr || fail "nginx -t for $dir/nginx"
  say "  nginx -t: $(ls "$dir/nginx" | tr '\n' ' ')accepted"
}

check_synapse() {
  local dir=$1
  [[ -x $SYNAPSE_PYTHON ]] || fail "no Synapse to check homeserver.yaml with ($SYNAPSE_PYTHON); run: bin/workspace stack up synapse"
  "$SYNAPSE_PYTHON" -m synapse.app.homeserver --config-path "$dir/homeserver.yaml" --generate-keys >/dev/null 2>&1 \
    || fail "Synapse could not read $dir/homeserver.yaml to generate its keys"
  "$SYNAPSE_PYTHON" - "$dir/homeserver.yaml" <<'PY' || fail "Synapse refused $dir/homeserver.yaml"
import sys
from synapse.config.homeserver import HomeServerConfig
from synapse.config.appservice import load_appservices
config = HomeServerConfig.load_config("check", ["--config-path", sys.argv[1]])
services = load_appservices(config.server.server_name, config.appservice.app_service_config_files)
print("ansible-check:   Synapse: homeserver.yaml accepted, server_name %s, application services: %s"
      % (config.server.server_name, ", ".join(s.id for s in services) or "none"), file=sys.stderr)
PY
}

# keycloak.conf against the options Keycloak itself lists (`kc.sh start --help-all`, which reads
# and changes nothing; `kc.sh build` would rewrite the stack's installation): every key must be
# an option of this version, and a value must be one the option lists as possible, if it lists any.
check_keycloak() {
  local dir=$1 help
  [[ -x $KEYCLOAK_HOME/bin/kc.sh ]] || fail "no Keycloak $KEYCLOAK_VERSION to check keycloak.conf with ($KEYCLOAK_HOME); run: bin/workspace stack up keycloak"
  help="$dir/kc-help.txt"
  local kc=("$KEYCLOAK_HOME/bin/kc.sh" start --help-all)
  if [[ $(id -u) == 0 ]] && id -u workspace-stack >/dev/null 2>&1; then
    # As the stack's service user, so nothing Keycloak writes under its home changes owner.
    kc=(setpriv --reuid=workspace-stack --regid=workspace-stack --init-groups "${kc[@]}")
  fi
  (cd / && "${kc[@]}") >"$help" 2>&1 || { cat "$help" >&2; fail "kc.sh start --help-all"; }
  python3 - "$help" "$dir/keycloak.conf" <<'PY' || fail "Keycloak $KEYCLOAK_VERSION refuses $dir/keycloak.conf"
import re, sys
help_text = open(sys.argv[1]).read()
options = {}  # name pattern -> possible values (None: any)
for block in re.split(r"\n(?=--)", help_text):
    m = re.match(r"--([a-z0-9<>-]+)(?: <([^>]*)>)?\s+(.*)", block, re.S)
    if not m:
        continue
    text = " ".join(m.group(3).split())
    possible = re.search(r"Possible values are: (.*?)\.(?: |$)", text)
    values = None
    if possible:
        values = {v.strip() for v in possible.group(1).split(",")}
    elif m.group(2) == "true|false":
        values = {"true", "false"}
    pattern = re.escape(m.group(1)).replace(r"\<", "<").replace(r"\>", ">")
    options[re.sub(r"<[^>]*>", "[a-z0-9.-]+", pattern)] = values
if len(options) < 100:
    print("ansible-check:   kc.sh listed only %d options" % len(options), file=sys.stderr)
    sys.exit(1)
bad, checked = [], 0
for number, line in enumerate(open(sys.argv[2]), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    key, _, value = line.partition("=")
    key, value = key.strip(), value.strip()
    checked += 1
    if key.startswith("spi-"):
        continue  # providers' own settings: kc.sh lists none, Keycloak hands them to the provider
    found = [values for pattern, values in options.items() if re.fullmatch(pattern, key)]
    if not found:
        bad.append("line %d: %s is not an option of this Keycloak" % (number, key))
    elif found[0] is not None and not value.startswith("${") and \
            any(part.strip() not in found[0] for part in value.split(",")):
        bad.append("line %d: %s=%s; possible: %s" % (number, key, value, ", ".join(sorted(found[0]))))
for problem in bad:
    print("ansible-check:   keycloak.conf " + problem, file=sys.stderr)
if bad:
    sys.exit(1)
print("ansible-check:   Keycloak: keycloak.conf accepted (%d options checked against kc.sh)" % checked,
      file=sys.stderr)
PY
}

# Starts the jar as the systemd unit does (EnvironmentFile, --spring.config.additional-location),
# waits for readiness and requires every configured connector UP.
check_workspace() {
  local dir=$1 pid status health deadline
  [[ -f $JAR ]] || fail "no jar at $JAR (build first: ./mvnw -B -DskipTests package)"
  mkdir -p "$dir/run/data" "$dir/run/logs" "$dir/run/routes"
  chmod 700 "$dir/run/routes"
  (
    cd "$dir/run"
    while IFS= read -r line; do
      [[ $line =~ ^([A-Z_][A-Z0-9_]*)=\"(.*)\"$ ]] || continue
      value=${BASH_REMATCH[2]//\\\"/\"}
      export "${BASH_REMATCH[1]}=${value//\\\\/\\}"
    done <"$dir/workspace.env"
    read -r -a java_opts <<<"${WORKSPACE_JAVA_OPTS:-}"
    exec java -Xms256m -Xmx1g -XX:+ExitOnOutOfMemoryError "${java_opts[@]}" -jar "$JAR" \
      --spring.config.additional-location="optional:file:$dir/"
  ) >"$dir/run/app.log" 2>&1 &
  pid=$!
  APP_PID=$pid  # stopped by the EXIT trap if the check ends early
  deadline=$((SECONDS + 240))
  status=""
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || { tail -40 "$dir/run/app.log" >&2; fail "the workspace stopped with the rendered configuration of $dir"; }
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CHECK_MANAGEMENT_PORT/actuator/health/readiness" || true)
    [[ $status == 200 ]] && break
    sleep 1
  done
  if [[ $status != 200 ]]; then
    kill "$pid"; wait "$pid" || true
    tail -40 "$dir/run/app.log" >&2
    fail "the workspace did not become ready with the rendered configuration of $dir"
  fi
  health=$(curl -s -H "Authorization: Bearer $CHECK_SECRET" "http://127.0.0.1:$CHECK_MANAGEMENT_PORT/actuator/health")
  local element=("$(dirname "$dir")"/*/element-config.json)
  if [[ -z ${SELF_CHECKED:-} && -f ${element[0]} ]]; then
    check_self_check "$2" "${element[0]}" || { kill "$pid"; exit 1; }
    SELF_CHECKED=yes
  fi
  kill "$pid"; wait "$pid" || true
  APP_PID=
  python3 - "$health" "$dir/application-production.yaml" <<'PY' || fail "a connector of $dir is not UP"
import json, sys
health = json.loads(sys.argv[1])
if "components" not in health:
    print("ansible-check:   no health details: the rendered configuration has no metrics token", file=sys.stderr)
    sys.exit(1)
connectors = health["components"]["connectors"]["components"]
rendered = open(sys.argv[2]).read()
configured = {"keycloak": "base-url:", "elasticsearch": "elasticsearch:\n      url:",
              "matrix": "homeserver-url:", "nextcloud": "dav-url:", "libreoffice": "office-home:"}
bad = []
for name, marker in configured.items():
    if marker in rendered:
        state = connectors.get(name, {}).get("status", "missing")
        if state != "UP":
            bad.append("%s is %s" % (name, state))
print("ansible-check:   workspace: ready; connectors: %s" % ", ".join(
      "%s %s" % (k, v.get("status")) for k, v in sorted(connectors.items())), file=sys.stderr)
if bad:
    print("ansible-check:   " + "; ".join(bad), file=sys.stderr)
    sys.exit(1)
PY
}

# The self-check role (site.yml --tags self-check) as an operator runs it, with the inventory's
# variables: against the jar just started, the stack's Keycloak and Synapse, and Element Web's
# rendered config.json served over TLS by `openssl s_server` with the throwaway certificate
# (valid 30 days). It must pass, and fail when the certificate must last 31 days.
check_self_check() {
  local inventory=$1 element=$2 www="$work/self-check" port server log="$work/self-check.log"
  mkdir -p "$www"
  cp "$element" "$www/config.json"
  port=$(free_port)
  (cd "$www" && exec openssl s_server -quiet -WWW -accept "127.0.0.1:$port" \
    -cert "$(dirname "$(dirname "$element")")/tls/fullchain.pem" -key "$(dirname "$(dirname "$element")")/tls/key.pem") >/dev/null 2>&1 &
  server=$!
  local deadline=$((SECONDS + 20))
  until (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    ((SECONDS < deadline)) || { kill "$server"; say "FAILED: openssl s_server did not listen"; return 1; }
    sleep 0.2
  done
  local run=(ansible-playbook -i "$inventory" site.yml --tags self-check -e "render_dir=$work"
    -e "@$ANSIBLE_DIR/$(dirname "$inventory")/group_vars/all/vault.yml.example" -e "@$ANSIBLE_DIR/tests/local-stack.yml" -e "self_check_matrix_url=$WORKSPACE_MATRIX_URL"
    -e "self_check_element_url=https://127.0.0.1:$port" -e self_check_nextcloud_url= -e self_check_onlyoffice_url=
    -e self_check_collabora_url= -e self_check_validate_certs=false)
  if ! (cd "$ANSIBLE_DIR" && "${run[@]}" >"$log" 2>&1); then
    kill "$server"; cat "$log" >&2; say "FAILED: self-check of $inventory"; return 1
  fi
  if (cd "$ANSIBLE_DIR" && "${run[@]}" -e self_check_tls_min_days=31 >"$log" 2>&1); then
    kill "$server"; say "FAILED: self-check accepted a certificate that expires in under 31 days"; return 1
  fi
  kill "$server"; wait "$server" 2>/dev/null || true
  say "  self-check: workspace, realm, Synapse, Element, certificate days: passed; refused a 31-day minimum"
}

# The example inventory rendered in the two other TLS modes (README, "TLS"): acme (the TLS sites
# on certbot's files, the challenge served by the plain-HTTP site, the deploy hook) and agency_ca
# (every PostgreSQL client verify-full against the agency CA's file). Checked by the same
# programs; the jar is not started again (the local PostgreSQL has no TLS to verify).
check_tls_modes() {
  local inventory=inventories/example/hosts.yml tls=$1 out host
  out="$work/tls-acme"; mkdir -p "$out/tls"; cp "$tls/fullchain.pem" "$out/tls/"; cp "$tls/key.pem" "$out/tls/privkey.pem"
  render "$inventory" "$out" -e tls_mode=acme -e tls_acme_email=ops@agency.example -e "reverse_proxy_acme_live_dir=$out/tls"
  for host in "$out"/*/; do
    [[ -f $host/certbot-deploy-hook.sh ]] || continue
    sh -n "$host/certbot-deploy-hook.sh" || fail "sh -n certbot-deploy-hook.sh"
    grep -q "ssl_certificate *$out/tls/fullchain.pem;" "$host/nginx/agency-workspace.conf" \
      || fail "acme mode: the workspace's site does not use certbot's files"
    grep -q "location /.well-known/acme-challenge/" "$host/nginx/agency-common.conf" \
      || fail "acme mode: the plain-HTTP site does not serve the challenges"
    check_nginx "${host%/}"
    say " tls_mode acme: $(basename "$host"): sites on certbot's files, challenge on port 80, deploy hook accepted"
  done
  out="$work/tls-agency-ca"; mkdir -p "$out/tls"; cp "$tls"/*.pem "$out/tls/"
  render "$inventory" "$out" -e tls_mode=agency_ca -e "tls_agency_ca_certificate_src=$tls/fullchain.pem" \
    -e 'workspace_db_sslmode={{ tls_db_sslmode }}'
  local ca=/usr/local/share/ca-certificates/agency-ca.crt
  grep -q "sslmode=verify-full&sslrootcert=$ca$" "$out"/*/application-production.yaml \
    || fail "agency_ca mode: the workspace's JDBC URL does not verify"
  grep -q "^db-url=.*sslmode=verify-full&sslrootcert=$ca$" "$out"/*/keycloak.conf \
    || fail "agency_ca mode: Keycloak's db-url does not verify"
  grep -q "sslrootcert: \"$ca\"" "$out"/*/homeserver.yaml && grep -q 'sslmode: "verify-full"' "$out"/*/homeserver.yaml \
    || fail "agency_ca mode: Synapse's database arguments do not verify"
  for host in "$out"/*/; do
    host=${host%/}
    [[ -f $host/homeserver.yaml ]] && check_synapse "$host"
    [[ -f $host/keycloak.conf ]] && check_keycloak "$host"
  done
  say " tls_mode agency_ca: workspace, Keycloak and Synapse connect to PostgreSQL with verify-full and the agency CA"
}

# The file-only roles (tests/apply.yml: element_web) applied for real under a throwaway root, from
# a stand-in release archive (file://, with its sha256, as the role requires); a second run must
# report changed=0, and the files must be what the role promises.
check_apply() {
  local root="$work/apply" release=element-v0.0.0-check log="$work/apply.log" checksum
  mkdir -p "$root/src/$release"
  echo '<!doctype html><title>stand-in</title>' >"$root/src/$release/index.html"
  tar -C "$root/src" -czf "$root/$release.tar.gz" "$release"
  checksum=$(sha256sum "$root/$release.tar.gz" | cut -d' ' -f1)
  local run=(ansible-playbook -i localhost, tests/apply.yml -e element_web_version=0.0.0-check
    -e "element_web_root=$root/element" -e "element_web_download_url=file://$root/$release.tar.gz"
    -e "element_web_download_checksum=sha256:$checksum")
  (cd "$ANSIBLE_DIR" && "${run[@]}" >"$log" 2>&1) || { cat "$log" >&2; fail "applying tests/apply.yml"; }
  grep -qE 'localhost +: ok=[0-9]+ +changed=[1-9]' "$log" || { cat "$log" >&2; fail "the first apply changed nothing"; }
  (cd "$ANSIBLE_DIR" && "${run[@]}" >"$log" 2>&1) || { cat "$log" >&2; fail "applying tests/apply.yml again"; }
  grep -qE 'localhost +: ok=[0-9]+ +changed=0 ' "$log" || { cat "$log" >&2; fail "the second apply changed something"; }
  [[ $(readlink "$root/element/current") == "$root/element/releases/$release" ]] || fail "element_web: current does not point at the release"
  check_element_config "$root/element/current/config.json"
  say " applied for real under $root: element_web; second run changed=0"
}

drop_schema() {
  PGPASSWORD=$WORKSPACE_POSTGRES_PASSWORD psql -q -h 127.0.0.1 -p 5433 -U "$WORKSPACE_POSTGRES_USER" \
    -d workspace -c "DROP SCHEMA IF EXISTS $CHECK_SCHEMA CASCADE" >/dev/null 2>&1 || true
  curl -s -X DELETE "$WORKSPACE_ELASTICSEARCH_URL/${CHECK_SCHEMA//_/-}*" >/dev/null 2>&1 || true
}

main() {
  local lint_only=false inventories=()
  while (($#)); do
    case $1 in
      --lint-only) lint_only=true ;;
      *) inventories+=("$1") ;;
    esac
    shift
  done
  ensure_venv
  local started=$SECONDS
  lint
  say "lint took $((SECONDS - started)) s"
  $lint_only && return 0
  [[ -n ${WORKSPACE_POSTGRES_URL:-} ]] || fail "the stack's environment is missing: eval \"\$(deploy/local/stack env)\""
  ensure_packages
  ((${#inventories[@]})) || mapfile -t inventories < <(cd "$ANSIBLE_DIR" && ls inventories/*/*.yml)
  local inventory host out started_apps=()
  # Global, not local: the EXIT trap runs after main has returned.
  work=$(mktemp -d)
  CHECK_SCHEMA="ansible_check_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
  CHECK_SECRET=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  export CHECK_SCHEMA CHECK_SECRET
  trap '[[ -n ${APP_PID:-} ]] && kill "$APP_PID" 2>/dev/null; drop_schema; rm -rf "$work"' EXIT
  # One pair of ports for every inventory, so that identical renderings are recognised below.
  CHECK_APP_PORT=$(free_port); CHECK_MANAGEMENT_PORT=$(free_port)
  export CHECK_APP_PORT CHECK_MANAGEMENT_PORT
  for inventory in "${inventories[@]}"; do
    out="$work/$(dirname "$inventory" | xargs basename)-$(basename "$inventory" .yml)"
    mkdir -p "$out/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=ansible-check \
      -keyout "$out/tls/key.pem" -out "$out/tls/fullchain.pem" 2>/dev/null
    say "inventory $inventory: rendering"
    render "$inventory" "$out"
    for host in "$out"/*/; do
      host=${host%/}
      [[ -f $host/nftables.conf || -f $host/application-production.yaml ]] || continue
      say " host $(basename "$host")"
      [[ -f $host/nftables.conf ]] && check_nft "$host/nftables.conf"
      [[ -f $host/agency-backup.sh ]] && check_backup_script "$host/agency-backup.sh"
      [[ -d $host/nginx && -n $(ls "$host/nginx") ]] && check_nginx "$host"
      [[ -f $host/homeserver.yaml ]] && check_synapse "$host"
      [[ -f $host/element-config.json ]] && check_element_config "$host/element-config.json"
      [[ -f $host/nextcloud-agency.config.php ]] && check_nextcloud "$host"
      [[ -f $host/coolwsd.xml ]] && check_collabora "$out" "$host"
      [[ -f $host/keycloak.conf ]] && check_keycloak "$host"
      if [[ -f $host/application-production.yaml ]]; then
        # The same configuration as one already started (up to its own folders) is not started again.
        local key
        key=$(sed "s#$host/#HOST/#g" "$host/application-production.yaml" "$host/workspace.env" | sha256sum | cut -c1-16)
        if [[ " ${started_apps[*]} " == *" $key "* ]]; then
          say "  workspace: same configuration as one started above"
        else
          check_workspace "$host" "$inventory"
          started_apps+=("$key")
        fi
      fi
    done
    compgen -G "$out/*/onlyoffice-local.json" >/dev/null && check_onlyoffice_jwt "$out"
  done
  check_tls_modes "$out/tls"
  check_apply
  say "all rendered files accepted"
}

main "$@"
