"""The factcheck the benchmarks time, the installed one, as users run it; and timing a process.

Run from the checkout, `python -m factcheck` would import the source next to it instead, and
where bytecode is not written (PYTHONDONTWRITEBYTECODE) compile every module afresh on every
run: 30 ms that no installed factcheck spends. So commands run from a neutral folder, and a
benchmark stops if factcheck is not installed (`pip install .` first).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

NEUTRAL = tempfile.gettempdir()  # the folder commands run in: not the checkout
FACTCHECK = [sys.executable, "-m", "factcheck"]


def installed() -> str:
    """Where the factcheck the benchmarks run lives (exits if there is none, or it is the checkout)."""
    where = subprocess.run([sys.executable, "-c", "import factcheck; print(factcheck.__file__)"], cwd=NEUTRAL,
                           capture_output=True, text=True, check=False).stdout.strip()
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not where or where.startswith(checkout + os.sep):
        sys.exit("factcheck is not installed in this Python, or only as the checkout itself (editable): "
                 "run `pip install .` first")
    return os.path.dirname(where)


def timed(cmd: list[str], cache: str | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one process, run from NEUTRAL with its
    own cache folder (never the user's); exits if the process fails."""
    elapsed, mib, _ = timed_with_cpu(cmd, cache)
    return elapsed, mib


def timed_with_cpu(cmd: list[str], cache: str | None = None) -> tuple[float, float, float]:
    """timed(), and the CPU seconds the process and its workers spent (user and system)."""
    env = {**os.environ, "FACTCHECK_CACHE_DIR": cache} if cache else None
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, cwd=NEUTRAL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def options(doc: str, **more: int) -> argparse.Namespace:
    """A benchmark's options: --claims, --dir (made absolute) and `more` (name: default), once it
    is sure which factcheck it times (said on stderr)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    for name, default in more.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "factcheck-bench"))
    args = parser.parse_args()
    print(f"timing factcheck from {installed()}", file=sys.stderr)
    args.dir = os.path.abspath(args.dir)
    return args
