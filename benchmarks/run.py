"""Time `factcheck check` end to end against the bare cost of yaml.load on the same files.

    python benchmarks/run.py                 # 100,000 claims, 5 runs each
    python benchmarks/run.py --claims 1000000 --runs 1

Five commands run as fresh processes, interleaved, so that the machine's state weighs on all
alike: yaml.load with CSafeLoader over every claims file; `factcheck check --format json`
with --no-cache (every file parsed, every claim checked, nothing written but the report); the
same with an empty cache, which it fills; a re-check after one claims file was edited, with
the cache that run left; and a re-check after an edit with a cache of its own that earlier
runs left, as a person editing claims and checking them has (it was filled before the first
run). The script prints each one's median wall time and peak memory, and the ratios that
matter. The project is generated once per size (benchmarks/generate.py) and every report's
verdicts are checked against those the generator knows in advance.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import statistics
import sys

from generate import project
from installed import FACTCHECK, options, timed

BASELINE = """
import glob, sys, yaml
for path in sorted(glob.glob(sys.argv[1] + "/**/*.yaml", recursive=True)):
    with open(path, encoding="utf-8") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""


def main() -> None:
    args = options(__doc__, runs=5)
    root, expected = project(args.claims, args.dir)
    filled, kept = (os.path.join(args.dir, f"cache-{args.claims}{which}") for which in ("", "-kept"))
    report = os.path.join(args.dir, f"report-{args.claims}.json")
    check = [*FACTCHECK, "check", root, "--format", "json", "--fail-on", "never", "--output", report]
    # name: (command, its cache folder, whether one claims file is edited first)
    commands = {
        "yaml.load (CSafeLoader)": ([sys.executable, "-c", BASELINE, os.path.join(root, "claims")], None, False),
        "factcheck check, no cache": (check + ["--no-cache"], None, False),
        "factcheck check, empty cache": (check, filled, False),
        "re-check, 1 file edited, after that": (check, filled, True),
        "re-check, 1 file edited, kept cache": (check, kept, True),
    }
    edited = min(glob.glob(os.path.join(root, "claims", "**", "batch-*.yaml"), recursive=True))
    timed(check, kept)  # filled once; then each re-check keeps it up to date, as a user's would be
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for run in range(args.runs):
        for name, (cmd, cache, edit) in commands.items():
            if cache == filled and not edit:
                shutil.rmtree(cache, ignore_errors=True)
            if edit:
                with open(edited, "a", encoding="utf-8") as f:
                    f.write(f"# edited, run {run}\n")  # new content: that file and its part are redone
            results[name].append(timed(cmd, cache))
            if "--output" in cmd:  # yaml.load writes no report
                verify(report, expected)
    print(f"{args.claims:,} claims, {args.runs} runs each, median wall time and peak memory")
    medians = {}
    for name, runs in results.items():
        medians[name] = statistics.median(t for t, _ in runs)
        print(f"  {name:36} {medians[name]:7.2f} s  {max(m for _, m in runs):8.0f} MiB")
    base, cold, first_run, after, warm = medians.values()
    print(f"  check / yaml.load: {cold / base:.2f} (no cache), {first_run / base:.2f} (empty cache)")
    print(f"  re-check / check with no cache: {after / cold:.1%} (after that check), {warm / cold:.1%} (kept cache)")
    print(f"  verdicts as expected: {expected}")


def verify(report: str, expected: dict) -> None:
    """Read only the summary line: loading a whole report here would swell this process, and
    every process it starts afterwards inherits its peak memory in what the kernel reports."""
    with open(report, encoding="utf-8") as f:
        f.readline()
        summary = json.loads("{" + f.readline().rstrip().rstrip(",") + "}")["summary"]
    if summary != expected:
        sys.exit(f"wrong verdicts: {summary} != {expected}")


if __name__ == "__main__":
    main()
