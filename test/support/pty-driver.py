#!/usr/bin/env python3
"""Run a command on a real pseudo-terminal and talk to it like a person: wait for a prompt, type.

Usage: pty-driver.py SCRIPT.json -- COMMAND [ARG...]
SCRIPT.json: {"steps": [{"expect": "regex", "send": "text"}, ...], "timeout": 60}
Each step waits until the regex appears in the output after the previous match (ANSI escapes
removed), then types `send` ("\\r" is Enter, "\\x1b[B" the down arrow). After the last step the
driver reads until the command exits. The transcript (escapes removed) goes to stdout; the exit
status is the command's. A step that never matches ends the command and exits 99.
"""
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07")


def main() -> int:
    sep = sys.argv.index("--")
    with open(sys.argv[1], encoding="utf-8") as f:
        script = json.load(f)
    argv = sys.argv[sep + 1 :]
    timeout = float(script.get("timeout", 60))
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    raw = b""
    pos = 0  # where the next expect starts searching, in the cleaned text

    def clean() -> str:
        return ANSI.sub("", raw.decode("utf-8", "replace")).replace("\r", "")

    def read_some(wait: float) -> bool:
        nonlocal raw
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return True
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        raw += data
        return True

    for step in script["steps"]:
        pattern = re.compile(step["expect"])
        deadline = time.monotonic() + timeout
        while True:
            m = pattern.search(clean(), pos)
            if m:
                pos = m.end()
                break
            if time.monotonic() > deadline or not read_some(0.2):
                sys.stdout.write(clean())
                sys.stderr.write(f"pty-driver: never saw /{step['expect']}/\n")
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                os.waitpid(pid, 0)
                return 99
        # Let the prompt finish drawing before typing, as a person would.
        time.sleep(0.05)
        os.write(fd, step["send"].encode("utf-8"))

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and read_some(0.2):
        pass
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(clean())
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
