# Tools the collection tests use: zip/unzip to check bundles, runuser for permission tests,
# procps for process facts, pigz and zip for the benchmark's reference commands.
source "$(dirname "$0")/../lib.sh"
apt_install zip unzip util-linux procps gzip pigz xz-utils file
