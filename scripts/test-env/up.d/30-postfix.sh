#!/usr/bin/env bash
# Start postfix (local only; support@localhost -> rt-mailgate) and write its facts to postfix.json.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
logf=/var/log/postfix.log
smtp_up() { exec 3<>/dev/tcp/127.0.0.1/25 && head -c 3 <&3 | grep -q 220; }
if ! postfix status >/dev/null 2>&1; then
  if ! out=$(service postfix start 2>&1); then
    log "postfix: failed to start: $out"; tail -n 20 "$logf" >&2 2>/dev/null || true; exit 1
  fi
fi
if ! wait_for 'postfix on 127.0.0.1:25' 30 smtp_up; then
  log "postfix: not answering on 127.0.0.1:25; last lines of $logf:"; tail -n 20 "$logf" >&2 || true
  exit 1
fi
cat > "$CASEPACK_TEST_STATE/postfix.json" <<JSON
{
  "host": "127.0.0.1",
  "port": 25,
  "to": "support@localhost",
  "commentTo": "support-comment@localhost",
  "log": "$logf"
}
JSON
log "postfix up on 127.0.0.1:25"
