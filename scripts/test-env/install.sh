#!/usr/bin/env bash
# Runs every piece in install.d/ in order (one piece per service; see docs/technical/testing.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
status=0
for piece in "$here/install.d/"*.sh; do
  [ -e "$piece" ] || continue
  log "install: $(basename "$piece")"
  if ! bash "$piece"; then
    log "install: $(basename "$piece") failed"; status=1
    exit 1
  fi
done
exit $status
