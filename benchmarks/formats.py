"""Time every output format, and --quiet, on a generated project: wall time and peak memory.

    python benchmarks/formats.py                 # 100,000 claims
    python benchmarks/formats.py --claims 1000000

Each run is `factcheck report --format F --no-cache --output FILE` (`check --quiet` for quiet)
as a fresh process, so what is measured is what a user waits for; the JSON report's time is the
yardstick the others are compared with.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

from generate import generate
from installed import FACTCHECK, NEUTRAL, installed

FORMATS = ("json", "csv", "table", "markdown", "html", "github", "sarif")


def timed(cmd: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, cwd=NEUTRAL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "factcheck-bench"))
    args = parser.parse_args()
    print(f"timing factcheck from {installed()}", file=sys.stderr)
    args.dir = os.path.abspath(args.dir)
    root = os.path.join(args.dir, str(args.claims))
    if not os.path.exists(os.path.join(root, "expected.json")):
        print(f"generating {args.claims:,} claims in {root} …", file=sys.stderr)
        generate(args.claims, root)
    os.environ["FACTCHECK_CACHE_DIR"] = os.path.join(args.dir, f"cache-{args.claims}")
    out = os.path.join(args.dir, "out")
    factcheck = FACTCHECK
    results = {fmt: timed([*factcheck, "report", root, "--format", fmt, "--no-cache", "--output", f"{out}.{fmt}"])
               for fmt in FORMATS}
    results["check --quiet"] = timed([*factcheck, "check", root, "--no-cache", "--quiet"])
    print(f"{args.claims:,} claims: report --no-cache --output FILE, by format; wall time, peak memory, time / json")
    for name, (seconds, mib) in results.items():
        print(f"  {name:14} {seconds:7.2f} s  {mib:7.0f} MiB  {seconds / results['json'][0]:5.2f}")


if __name__ == "__main__":
    main()
