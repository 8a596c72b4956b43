#!/usr/bin/env bash
# Stop the test sshd on port 2222 and unmount its small tmpfs.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
pid_file=/run/casepack-test-sshd.pid
if [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  pid=$(cat "$pid_file")
  kill -TERM "$pid"
  wait_for "sshd $pid to exit" 10 bash -c "! kill -0 $pid" || true
fi
rm -f "$pid_file" "$CASEPACK_TEST_STATE/sshd.json"
if mountpoint -q /srv/casepack-sftp/full; then umount /srv/casepack-sftp/full || true; fi
