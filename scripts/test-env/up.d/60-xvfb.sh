# A virtual X display for the screenshot tests (testService('xvfb') -> { display, pid }).
source "$(dirname "$0")/../lib.sh"
state="$CASEPACK_TEST_STATE/xvfb.json"
if [ -f "$state" ]; then
  pid=$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$state")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then log "xvfb already running"; exit 0; fi
fi
n=99
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
setsid Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$CASEPACK_TEST_STATE/xvfb.log" 2>&1 < /dev/null &
pid=$!
wait_for "Xvfb :$n" 20 env DISPLAY=":$n" xdpyinfo
printf '{ "display": ":%s", "pid": %s }\n' "$n" "$pid" > "$state"
log "xvfb on :$n (pid $pid)"
