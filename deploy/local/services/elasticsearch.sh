#!/usr/bin/env bash
# Elasticsearch from Maven Central's integ-test-zip (no bundled JDK: runs on the machine's Java 17+),
# single node, security off, HTTP and transport on 127.0.0.1 only, as the service user (it refuses
# to run as root). The integ-test-zip carries only the modules transport-netty4, x-pack-core,
# x-pack-security and apm: core index/search/bulk/templates work; ILM, data streams, ingest
# pipelines, painless and the analysis-common analyzers (cjk, ...) are not there.
set -euo pipefail
SERVICE=elasticsearch
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT=${WORKSPACE_ELASTICSEARCH_PORT:-9200}
VERSION=8.19.0
ZIP_URL=https://repo.maven.apache.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$VERSION/elasticsearch-$VERSION.zip
HOME_DIR=$STATE_DIR/elasticsearch
ES_HOME=$HOME_DIR/elasticsearch-$VERSION
URL=http://127.0.0.1:$PORT

svc_url() { printf '%s\n' "$URL"; }
svc_installed() { [[ -x $ES_HOME/bin/elasticsearch ]]; }
svc_reset_paths() { printf '%s\n' "$HOME_DIR"; }
svc_is_up() { http_is 200 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s"; }
svc_env() { printf 'WORKSPACE_ELASTICSEARCH_URL=%s\n' "$URL"; }

install() {
  svc_installed || unpack_zip "$ZIP_URL" "$ES_HOME"
}

java_home() {
  local java
  java=$(readlink -f "$(command -v java)") || fail "no java on PATH (Java 17+ is needed)"
  printf '%s\n' "${java%/bin/java}"
}

svc_up() {
  if svc_is_up; then return 0; fi
  install
  mkdir -p "$HOME_DIR/data" "$HOME_DIR/logs" "$HOME_DIR/tmp"
  own "$HOME_DIR"
  if pid_alive; then
    info "already starting (pid $(cat "$(pid_file)"))"
  else
    require_port_free "$PORT"
    info "starting on $URL"
    ES_JAVA_HOME=$(java_home) ES_JAVA_OPTS="-Xms512m -Xmx512m" ES_TMPDIR=$HOME_DIR/tmp \
      start_daemon "$HOME_DIR" "$ES_HOME/bin/elasticsearch" \
      -E discovery.type=single-node \
      -E xpack.security.enabled=false \
      -E http.host=127.0.0.1 -E http.port="$PORT" \
      -E transport.host=127.0.0.1 \
      -E path.data="$HOME_DIR/data" -E path.logs="$HOME_DIR/logs" \
      -E cluster.name=agency-workspace-stack -E node.name=stack \
      -E cluster.routing.allocation.disk.threshold_enabled=false
  fi
  wait_until "$URL/_cluster/health yellow" 180 svc_is_up
}

svc_down() { daemon_down 60 "$PORT"; }

service_main "$@"
