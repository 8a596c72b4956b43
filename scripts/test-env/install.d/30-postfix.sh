#!/usr/bin/env bash
# postfix, local only: the MTA that delivers support@localhost to rt-mailgate (docs/technical/outbox.md,
# ../shared notes "real-servers"). Installed before RT so apt does not pick exim4. Nothing leaves the host:
# "Local only" bounces every non-local domain.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
RT_PORT=${CASEPACK_RT_PORT:-8180}

if ! dpkg-query -W -f='${Status}' postfix 2>/dev/null | grep -q 'install ok installed'; then
  debconf-set-selections <<'SEL'
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string localhost
postfix postfix/destinations string localhost
SEL
fi
apt_install postfix

# Idempotent configuration: postconf -e rewrites the same values on every run.
postconf -e \
  'inet_interfaces = loopback-only' \
  'inet_protocols = ipv4' \
  'mydestination = localhost, localhost.localdomain' \
  'mynetworks = 127.0.0.0/8' \
  'message_size_limit = 52428800' \
  'maillog_file = /var/log/postfix.log' \
  'smtputf8_enable = no'

# support@localhost -> RT's mail gateway (queue Support-L1, correspond: a [tag #N] subject appends to N).
alias_line="support: \"|/usr/bin/rt-mailgate --url http://127.0.0.1:${RT_PORT}/ --queue Support-L1 --action correspond\""
comment_line="support-comment: \"|/usr/bin/rt-mailgate --url http://127.0.0.1:${RT_PORT}/ --queue Support-L1 --action comment\""
touch /etc/aliases
if ! grep -qxF "$alias_line" /etc/aliases || ! grep -qxF "$comment_line" /etc/aliases; then
  sed -i -e '/^support:/d' -e '/^support-comment:/d' /etc/aliases
  printf '%s\n%s\n' "$alias_line" "$comment_line" >> /etc/aliases
  newaliases
fi
log "postfix installed (local only, support@localhost -> rt-mailgate on port ${RT_PORT})"
