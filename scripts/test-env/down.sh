#!/usr/bin/env bash
# Runs every piece in down.d/ in order (one piece per service; see docs/technical/testing.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
status=0
for piece in "$here/down.d/"*.sh; do
  [ -e "$piece" ] || continue
  log "down: $(basename "$piece")"
  if ! bash "$piece"; then
    log "down: $(basename "$piece") failed"; status=1
    continue
  fi
done
exit $status
