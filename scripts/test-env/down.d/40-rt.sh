#!/usr/bin/env bash
# Stop the rt-server that up.d/40-rt.sh started (TERM to its master process).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
pid_file="$CASEPACK_TEST_STATE/rt-server.pid"
if [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  pid=$(cat "$pid_file")
  kill -TERM "$pid"
  wait_for "rt-server $pid to exit" 30 bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$pid_file" "$CASEPACK_TEST_STATE/rt.json"
