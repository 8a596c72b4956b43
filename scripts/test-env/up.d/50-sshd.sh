#!/usr/bin/env bash
# Start the test sshd on 127.0.0.1:2222 (config from install.d/50-sshd.sh), mount the small tmpfs
# that plays a full remote disk, and write sshd.json.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
conf=/etc/ssh/casepack-test/sshd_config
pid_file=/run/casepack-test-sshd.pid
logf="$CASEPACK_TEST_STATE/sshd.log"
chroot_dir=/srv/casepack-sftp
full_size=4m
key="$CASEPACK_TEST_STATE/dropbox_ed25519"

[ -f "$conf" ] || { log "sshd: $conf missing: run scripts/test-env/install.sh first"; exit 1; }
mkdir -p /run/sshd
if ! mountpoint -q "$chroot_dir/full"; then
  mount -t tmpfs -o "size=$full_size,mode=0755,uid=$(id -u dropbox),gid=$(id -g dropbox)" \
    casepack-full "$chroot_dir/full"
fi
port_open() { exec 3<>/dev/tcp/127.0.0.1/2222 && head -c 4 <&3 | grep -q SSH-; }
if ! { [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null && port_open; }; then
  if ! out=$(/usr/sbin/sshd -f "$conf" -E "$logf" 2>&1); then
    log "sshd: failed to start: $out"; tail -n 20 "$logf" >&2 2>/dev/null || true; exit 1
  fi
  if ! wait_for 'sshd on 127.0.0.1:2222' 20 port_open; then
    log "sshd: not answering on 127.0.0.1:2222; last lines of $logf:"; tail -n 20 "$logf" >&2 || true
    exit 1
  fi
fi
host_key=$(cut -d' ' -f1,2 /etc/ssh/casepack-test/ssh_host_ed25519_key.pub)
cat > "$CASEPACK_TEST_STATE/sshd.json" <<JSON
{
  "host": "127.0.0.1",
  "port": 2222,
  "user": "dropbox",
  "privateKeyFile": "$key",
  "hostKey": "$host_key",
  "chroot": "$chroot_dir",
  "uploadDir": "/upload",
  "fullDir": "/full",
  "fullBytes": $((4 * 1024 * 1024)),
  "log": "$logf"
}
JSON
log "sshd up on 127.0.0.1:2222 (user dropbox, key $key)"
