"""Time every output format, and --quiet, on a generated project: wall time and peak memory.

    python benchmarks/formats.py                 # 100,000 claims
    python benchmarks/formats.py --claims 1000000

Each run is `factcheck report --format F --no-cache --output FILE` (`check --quiet` for quiet)
as a fresh process, so what is measured is what a user waits for; the JSON report's time is the
yardstick the others are compared with.
"""

from __future__ import annotations

import os

from generate import project
from installed import FACTCHECK, options, timed

FORMATS = ("json", "csv", "table", "markdown", "html", "github", "sarif")


def main() -> None:
    args = options(__doc__)
    root, _ = project(args.claims, args.dir)
    out = os.path.join(args.dir, "out")
    results = {fmt: timed([*FACTCHECK, "report", root, "--format", fmt, "--no-cache", "--output", f"{out}.{fmt}"])
               for fmt in FORMATS}
    results["check --quiet"] = timed([*FACTCHECK, "check", root, "--no-cache", "--quiet"])
    print(f"{args.claims:,} claims: report --no-cache --output FILE, by format; wall time, peak memory, time / json")
    for name, (seconds, mib) in results.items():
        print(f"  {name:14} {seconds:7.2f} s  {mib:7.0f} MiB  {seconds / results['json'][0]:5.2f}")


if __name__ == "__main__":
    main()
