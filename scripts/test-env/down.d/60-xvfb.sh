# Stop the Xvfb that up.d/60-xvfb.sh started (only that process, by its recorded pid).
source "$(dirname "$0")/../lib.sh"
state="$CASEPACK_TEST_STATE/xvfb.json"
[ -f "$state" ] || exit 0
pid=$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$state")
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; fi
rm -f "$state"
