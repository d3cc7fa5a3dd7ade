"""Run one command and report its wall time and peak memory as one JSON line on stdout.

    python3 benchmarks/_measure.py [--timeout S] [--mem-limit-mb M] [--capture] [--ok-rc 0,1] \
        -- CMD...

The command's stdout goes to /dev/null (or, with --capture, to a temp file whose last line is parsed
as JSON and returned as "child"); its stderr is kept and its first informative line is returned on
failure.  Peak memory is ru_maxrss of RUSAGE_CHILDREN read after the child has been waited for: this
wrapper has exactly one child, so that is the child's own peak (the kernel also counts the image
the child was forked from, so the floor is this wrapper's own small RSS, ~11 MB).  --mem-limit-mb
sets RLIMIT_AS on this wrapper, which the child inherits.  Keep this file stdlib-only and small.
"""

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time


def main() -> int:
    args = sys.argv[1:]
    timeout = None
    mem_mb = None
    capture = False
    ok_rc = {0}
    while args and args[0] != "--":
        opt = args.pop(0)
        if opt == "--timeout":
            timeout = float(args.pop(0))
        elif opt == "--mem-limit-mb":
            mem_mb = int(args.pop(0))
        elif opt == "--capture":
            capture = True
        elif opt == "--ok-rc":
            ok_rc = {int(x) for x in args.pop(0).split(",")}
        else:
            print(f"_measure: unknown option {opt}", file=sys.stderr)
            return 2
    cmd = args[1:]
    if not cmd:
        print("_measure: no command", file=sys.stderr)
        return 2
    if mem_mb:
        lim = mem_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))

    err = tempfile.TemporaryFile()  # noqa: SIM115 (closed at exit)
    out = tempfile.TemporaryFile() if capture else subprocess.DEVNULL  # noqa: SIM115
    status = "ok"
    t0 = time.perf_counter()
    try:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True
        )
    except OSError as e:
        print(json.dumps({"status": "error", "error": f"{type(e).__name__}: {e}"}))
        return 0
    # Popen.wait(timeout=...) polls with growing sleeps (0.5, 1, 2, ... 50 ms), which would
    # quantise short wall times; so wait blocking and let a timer thread kill on timeout.
    timed_out = []

    def kill():
        timed_out.append(True)
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.daemon = True
        timer.start()
    rc = proc.wait()
    wall = time.perf_counter() - t0
    if timer:
        timer.cancel()
    if timed_out:
        status = "timeout"
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)

    res = {
        "status": status,
        "rc": rc,
        "wall": wall,
        "maxrss_kb": ru.ru_maxrss,
        "cpu": ru.ru_utime + ru.ru_stime,
    }
    err.seek(0)
    stderr = err.read().decode("utf-8", "replace")
    if status == "ok" and (
        rc not in ok_rc or (rc != 0 and "Traceback (most recent call last)" in stderr)
    ):
        res["status"] = "error"
    if res["status"] == "error":
        lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
        if lines and lines[0].startswith("Traceback"):
            line = lines[-1]  # the exception itself
        elif lines:
            line = lines[0]
        elif rc < 0:
            line = f"killed by signal {-rc}"
        else:
            line = f"exit code {rc}"
        res["error"] = line[:200]
    if stderr:
        res["stderr_tail"] = stderr[-2000:]
    if capture:
        out.seek(0)
        lines = [ln for ln in out.read().decode("utf-8", "replace").splitlines() if ln.strip()]
        if lines:
            try:
                res["child"] = json.loads(lines[-1])
            except ValueError:
                res["child_raw"] = lines[-1][:500]
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
