# Case intake tests drive `casepack case new` on a real pseudo-terminal with Python's pty module
# (test/support/pty-driver.py). Package history tests read dpkg/apt log fixtures, not the host's.
source "$(dirname "$0")/../lib.sh"
apt_install python3
