#!/usr/bin/env bash
# A second OpenSSH sshd for the SFTP tests (127.0.0.1:2222, started by up.d/50-sshd.sh) with its own
# config, host key, pid file and log; port 22 and /etc/ssh/sshd_config are left alone. One key-only
# user, `dropbox`, chrooted to a root-owned folder with a writable upload/ and a small full/ (a tmpfs
# mounted by up.d, for the "remote disk full" test). The client key lives 0600 in the state dir.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
apt_install openssh-server openssh-sftp-server openssh-client

conf_dir=/etc/ssh/casepack-test
chroot_dir=/srv/casepack-sftp
user=dropbox
key="$CASEPACK_TEST_STATE/dropbox_ed25519"

install -d -m 0755 -o root -g root "$conf_dir" "$conf_dir/authorized_keys" "$chroot_dir"
[ -f "$conf_dir/ssh_host_ed25519_key" ] ||
  ssh-keygen -q -t ed25519 -N '' -C casepack-test-sshd -f "$conf_dir/ssh_host_ed25519_key"

if ! id "$user" >/dev/null 2>&1; then
  useradd -M -d "$chroot_dir" -s /usr/sbin/nologin "$user"
fi
# A new account is locked ('!'), which blocks even key logins when PAM is off: unlock it, no password.
[ "$(getent shadow "$user" | cut -d: -f2)" = '*' ] || usermod -p '*' "$user"
install -d -m 0755 -o "$user" -g "$user" "$chroot_dir/upload" "$chroot_dir/full"

if [ ! -f "$key" ] || [ ! -f "$key.pub" ]; then
  rm -f "$key" "$key.pub"
  ssh-keygen -q -t ed25519 -N '' -C casepack-test-client -f "$key"
fi
chmod 0600 "$key"
install -m 0644 -o root -g root "$key.pub" "$conf_dir/authorized_keys/$user"

cfg=$(cat <<CFG
# casepack test sshd (scripts/test-env/install.d/50-sshd.sh); not the system's sshd.
Port 2222
ListenAddress 127.0.0.1
HostKey $conf_dir/ssh_host_ed25519_key
PidFile /run/casepack-test-sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
AuthorizedKeysFile $conf_dir/authorized_keys/%u
AllowUsers $user
LogLevel VERBOSE
Subsystem sftp internal-sftp
Match User $user
  ChrootDirectory $chroot_dir
  ForceCommand internal-sftp
  AllowTcpForwarding no
  AllowAgentForwarding no
  X11Forwarding no
  PermitTTY no
CFG
)
if [ ! -f "$conf_dir/sshd_config" ] || [ "$(cat "$conf_dir/sshd_config")" != "$cfg" ]; then
  printf '%s\n' "$cfg" > "$conf_dir/sshd_config"
fi
mkdir -p /run/sshd
if ! out=$(/usr/sbin/sshd -t -f "$conf_dir/sshd_config" 2>&1); then
  log "sshd: config $conf_dir/sshd_config is invalid: $out"; exit 1
fi
log "sshd installed (config $conf_dir/sshd_config, user $user chrooted to $chroot_dir)"
