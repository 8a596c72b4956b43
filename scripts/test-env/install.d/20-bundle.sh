# The bundle tests read every zip they write with a second, independent reader (Python's zipfile)
# besides unzip and yauzl; the bundle benchmarks measure with GNU time.
source "$(dirname "$0")/../lib.sh"
apt_install python3 time zip unzip pigz
