#!/usr/bin/env bash
# LibreOffice from Debian (headless, no GUI packages) plus Noto CJK fonts, for document conversion
# (the documents connector starts soffice itself), and what the watermark engine and its tests
# need: a TrueType CJK font PDFBox can subset (AR PL UMing), qpdf and poppler-utils (pdftotext).
# Not a server: `up` installs and checks once that a text with Chinese converts to PDF with the
# fonts embedded; `down` does nothing.
set -euo pipefail
SERVICE=libreoffice
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

OFFICE_HOME=${WORKSPACE_OFFICE_HOME:-/usr/lib/libreoffice}
SOFFICE=$OFFICE_HOME/program/soffice
MARKER=$STATE_DIR/libreoffice/verified
PACKAGES=(libreoffice-core-nogui libreoffice-writer-nogui libreoffice-calc-nogui
  libreoffice-impress-nogui fonts-noto-cjk)
# Installed whatever LibreOffice is used: Noto CJK has CFF outlines, which PDFBox cannot subset.
WATERMARK_PACKAGES=(fonts-arphic-uming qpdf poppler-utils)

svc_url() { printf '%s\n' "$SOFFICE"; }
svc_installed() { [[ -x $SOFFICE ]]; }
svc_is_up() { [[ -x $SOFFICE ]]; }
svc_reset_paths() { printf '%s\n' "$STATE_DIR/libreoffice"; }
svc_env() { printf 'WORKSPACE_OFFICE_HOME=%s\n' "$OFFICE_HOME"; }

verify_conversion() {
  local tmp status=0
  tmp=$(mktemp -d)
  printf 'Agency Workspace 轉檔測試：機密等級 密／機密／極機密\n' >"$tmp/test.txt"
  info "checking: soffice --headless --convert-to pdf (text with 中文)"
  timeout 180 "$SOFFICE" --headless --norestore --nolockcheck \
    "-env:UserInstallation=file://$tmp/profile" --infilter='Text (encoded):UTF8' \
    --convert-to pdf --outdir "$tmp" "$tmp/test.txt" >>"$(service_log)" 2>&1 || status=$?
  if [[ $status -ne 0 || ! -s $tmp/test.pdf ]]; then
    rm -rf "$tmp"
    fail "soffice did not convert a text file to PDF (exit $status)"
  fi
  if ! grep -aq 'Noto.*CJK\|NotoSansCJK\|NotoSerifCJK' "$tmp/test.pdf"; then
    rm -rf "$tmp"
    fail "the PDF embeds no Noto CJK font: Chinese would not render"
  fi
  rm -rf "$tmp"
}

svc_up() {
  apt_install "${WATERMARK_PACKAGES[@]}"
  if [[ $OFFICE_HOME == /usr/lib/libreoffice ]]; then apt_install "${PACKAGES[@]}"; fi
  [[ -x $SOFFICE ]] || fail "$SOFFICE not found (WORKSPACE_OFFICE_HOME=$OFFICE_HOME)"
  if [[ ! -f $MARKER ]]; then
    verify_conversion
    mkdir -p "$(dirname "$MARKER")"
    date -Is >"$MARKER"
  fi
}

svc_down() { :; }

service_main "$@"
