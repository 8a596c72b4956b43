#!/usr/bin/env bash
# Start RT's standalone server on 127.0.0.1:8180 (unless it already answers) and write rt.json.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
RT_PORT=${CASEPACK_RT_PORT:-8180}
url="http://127.0.0.1:${RT_PORT}"
token_file="$CASEPACK_TEST_STATE/rt-token"
pid_file="$CASEPACK_TEST_STATE/rt-server.pid"
logf="$CASEPACK_TEST_STATE/rt-server.log"
server=/usr/share/request-tracker5/libexec/rt-server

if [ ! -s "$token_file" ]; then
  log "rt: no token in $token_file: run scripts/test-env/install.sh first"; exit 1
fi
# curl reads the header from a file (-H @file) so the token never appears in a process list.
hdr="$CASEPACK_TEST_STATE/rt-auth-header"
(umask 077; printf 'Authorization: token %s\n' "$(cat "$token_file")" > "$hdr")
rt_ok() { curl -fsS -o /dev/null 2>/dev/null -H @"$hdr" "$url/REST/2.0/queue/Support-L1"; }

if ! rt_ok; then
  if [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "rt: rt-server (pid $(cat "$pid_file")) runs but does not answer yet"
  else
    setsid "$server" --host 127.0.0.1 --port "$RT_PORT" --max-workers 2 >"$logf" 2>&1 < /dev/null &
    echo $! > "$pid_file"
  fi
  if ! wait_for "RT on $url" 90 rt_ok; then
    log "rt: REST2 at $url/REST/2.0 does not answer with the token; last lines of $logf:"
    tail -n 30 "$logf" >&2 || true
    code=$(curl -s -o /dev/null -w '%{http_code}' -H @"$hdr" "$url/REST/2.0/queue/Support-L1" || true)
    log "rt: last HTTP status: $code (401: the token in $token_file is not valid; rerun install.sh)"
    exit 1
  fi
fi
rm -f "$hdr"
cat > "$CASEPACK_TEST_STATE/rt.json" <<JSON
{
  "url": "$url",
  "port": $RT_PORT,
  "tokenFile": "$token_file",
  "queue": "Support-L1",
  "tag": "casepack.test",
  "customFields": {
    "severity": "Severity",
    "caseType": "Case Type",
    "productVersion": "Product Version",
    "platform": "Platform"
  },
  "maxAttachmentSize": 25165824,
  "server": "$server",
  "pidFile": "$pid_file",
  "log": "$logf"
}
JSON
log "rt up at $url (token file $token_file)"
