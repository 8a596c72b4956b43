# Shared helpers for the test environment scripts (sourced, not run).
# Every piece is idempotent: it installs what is missing and starts what is not running.
export DEBIAN_FRONTEND=noninteractive
export CASEPACK_TEST_STATE=${CASEPACK_TEST_STATE:-/tmp/casepack-test-env}
mkdir -p "$CASEPACK_TEST_STATE"

log() { printf '[test-env] %s\n' "$*" >&2; }

_apt_updated=${_apt_updated:-}
# apt_install PKG...: install the Debian packages that are not installed yet (needs root).
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root to install them)"; return 1
  fi
  if [ -z "$_apt_updated" ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq; _apt_updated=1; export _apt_updated
  fi
  log "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# wait_for DESCRIPTION SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
  local what=$1 secs=$2; shift 2
  local i=0
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -ge $((secs * 5)) ]; then log "timed out waiting for $what"; return 1; fi
    sleep 0.2
  done
}
