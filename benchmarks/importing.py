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
from installed import FACTCHECK, options, timed, timed_with_cpu


def main() -> None:
    args = options(__doc__, runs=3)
    root, _ = project(args.claims, args.dir)
    sheet = os.path.join(args.dir, f"sheet-{args.claims}.csv")
    if not os.path.exists(sheet):
        timed([*FACTCHECK, "report", root, "--no-cache", "--format", "csv", "--output", sheet])
    imports, checks = [], []
    targets = [os.path.join(args.dir, f"import-{args.claims}-{run}") for run in range(args.runs)]
    for target in targets:  # interleaved, so that both see the same machine
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(os.path.join(root, "sources"), os.path.join(target, "sources"))
        # Each starts on a quiet disk, not while the kernel still writes out the last run's files;
        # the files are removed only once all have run (removing 12,500 files slows the next
        # run's writing on this machine's disk, whose speed varies by three times as it is).
        os.sync()
        imports.append(timed_with_cpu([*FACTCHECK, "import", sheet, target]))
        os.sync()
        checks.append(timed_with_cpu([*FACTCHECK, "check", root, "--no-cache", "--quiet"]))
    for target in targets:
        shutil.rmtree(target)
    print(f"{args.claims:,} claims ({os.path.getsize(sheet) / 2**20:,.0f} MiB of CSV), median of {args.runs}:")
    print("                 wall      CPU (all processes)  peak")
    for name, runs in (("import", imports), ("cold check", checks)):
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[2] for r in runs)
        print(f"  {name:12} {wall:6.2f} s  {cpu:6.2f} s             {max(r[1] for r in runs):5.0f} MiB")
    ratio = statistics.median(r[0] for r in imports) / statistics.median(r[0] for r in checks)
    print(f"  import / check: {ratio:.2f} (wall), every run: "
          + ", ".join(f"{i[0]:.1f}/{c[0]:.1f} s" for i, c in zip(imports, checks, strict=True)))

if __name__ == "__main__":
    main()
