"""Time `factcheck import` of a sheet of N claims against a cold check of the same claims.

    python benchmarks/importing.py                 # 100,000 claims
    python benchmarks/importing.py --claims 1000000 --runs 1

The sheet is the CSV `report --format csv` writes for the generated project (every field, the
verdicts' columns too, which import reads past); each import goes into a project of the same
sources with no claims folder yet, as a desk moving its spreadsheet in has. The yardstick is
`check --no-cache` of the generated project.
"""

from __future__ import annotations

import os
import shutil
import statistics

from generate import project
from installed import FACTCHECK, options, timed


def main() -> None:
    args = options(__doc__, runs=3)
    root, _ = project(args.claims, args.dir)
    sheet = os.path.join(args.dir, f"sheet-{args.claims}.csv")
    if not os.path.exists(sheet):
        timed([*FACTCHECK, "report", root, "--no-cache", "--format", "csv", "--output", sheet])
    imports, checks = [], []
    for run in range(args.runs):  # interleaved, so that both see the same machine
        target = os.path.join(args.dir, f"import-{args.claims}-{run}")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(os.path.join(root, "sources"), os.path.join(target, "sources"))
        # Each starts on a quiet disk: not while the kernel still writes out the last run's files.
        os.sync()
        imports.append(timed([*FACTCHECK, "import", sheet, target]))
        os.sync()
        checks.append(timed([*FACTCHECK, "check", root, "--no-cache", "--quiet"]))
    for run in range(args.runs):
        shutil.rmtree(os.path.join(args.dir, f"import-{args.claims}-{run}"))
    seconds = statistics.median(s for s, _ in imports)
    cold = statistics.median(s for s, _ in checks)
    print(f"{args.claims:,} claims ({os.path.getsize(sheet) / 2**20:,.0f} MiB of CSV), median of {args.runs}:")
    print(f"  import        {seconds:7.2f} s  {max(m for _, m in imports):7.0f} MiB")
    print(f"  cold check    {cold:7.2f} s  {max(m for _, m in checks):7.0f} MiB")
    print(f"  import / check {seconds / cold:6.2f}")


if __name__ == "__main__":
    main()
