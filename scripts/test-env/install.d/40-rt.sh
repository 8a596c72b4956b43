#!/usr/bin/env bash
# Request Tracker 5 from Debian with SQLite, for the submission tests: queue Support-L1, the custom
# fields the targets map, rights for e-mail from unknown senders, and a REST2 token for root kept in a
# 0600 file under the state dir. Every step checks before it changes anything, so a second run is fast.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib.sh"
RT_PORT=${CASEPACK_RT_PORT:-8180}
RT_NAME=casepack.test

if ! dpkg-query -W -f='${Status}' request-tracker5 2>/dev/null | grep -q 'install ok installed'; then
  root_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  debconf-set-selections <<SEL
request-tracker5 request-tracker5/rtname string ${RT_NAME}
request-tracker5 request-tracker5/organization string casepack.test
request-tracker5 request-tracker5/correspondaddress string support@localhost
request-tracker5 request-tracker5/commentaddress string support-comment@localhost
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1:${RT_PORT}
request-tracker5 request-tracker5/webpath string /rt
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/initial-root-password password ${root_pw}
request-tracker5 request-tracker5/dbconfig-install boolean true
request-tracker5 request-tracker5/database-type select sqlite3
request-tracker5 request-tracker5/db/dbname string rtdb
request-tracker5 request-tracker5/db/basepath string /var/lib/dbconfig-common/sqlite3/request-tracker5
rt5-db-sqlite rt5-db-sqlite/available boolean true
SEL
  unset root_pw
fi
apt_install request-tracker5 rt5-standalone rt5-db-sqlite rt5-clients curl

site=/etc/request-tracker5/RT_SiteConfig.d/90-casepack-test.pm
want=$(cat <<PM
# Written by casepack's scripts/test-env/install.d/40-rt.sh (test servers only).
Set(\$WebPath, '');
Set(\$WebBaseURL, 'http://127.0.0.1:${RT_PORT}');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, ${RT_PORT});
Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, 'warning');
Set(\$RTAddressRegexp, '^(support|support-comment)\@localhost\$');
# RT never sends mail here: autoreplies to test requestors would bounce back into the queue.
Set(\$MailCommand, 'testfile');
# Large attachments are cut, not refused (RT still answers 201): the submitter must read back.
Set(\$MaxAttachmentSize, 24 * 1024 * 1024);
Set(\$TruncateLongAttachments, 1);
1;
PM
)
if [ ! -f "$site" ] || [ "$(cat "$site")" != "$want" ]; then
  printf '%s\n' "$want" > "$site"
  chmod 0640 "$site"; chgrp www-data "$site" 2>/dev/null || true
  log "RT site config written: $site"
fi

# Queue, custom fields, rights, token: RT's Perl API, idempotent (see 40-rt-setup.pl).
perl -I/usr/share/request-tracker5/lib "$here/40-rt-setup.pl" "$CASEPACK_TEST_STATE/rt-token"
log "RT installed (port ${RT_PORT}, tag [${RT_NAME} #N], queue Support-L1)"
