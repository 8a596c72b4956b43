#!/usr/bin/env bash
# Stop the postfix that up.d/30-postfix.sh started.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
if postfix status >/dev/null 2>&1; then service postfix stop >/dev/null; fi
rm -f "$CASEPACK_TEST_STATE/postfix.json"
