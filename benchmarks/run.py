"""Time `factcheck check` end to end against the bare cost of yaml.load on the same files.

    python benchmarks/run.py                 # 100,000 claims, 5 runs each
    python benchmarks/run.py --claims 1000000 --runs 1

Both commands run as fresh processes, interleaved, so that the machine's state weighs on both
alike; the script prints each one's median wall time and peak memory, and their ratio. The
project is generated once per size (benchmarks/generate.py) and its verdicts are checked
against those the generator knows in advance.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from generate import generate

BASELINE = """
import glob, sys, yaml
for path in sorted(glob.glob(sys.argv[1] + "/**/*.yaml", recursive=True)):
    with open(path, encoding="utf-8") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "factcheck-bench"))
    args = parser.parse_args()
    root = os.path.join(args.dir, str(args.claims))
    expected_path = os.path.join(root, "expected.json")
    if os.path.exists(expected_path):
        expected = json.load(open(expected_path))
    else:
        print(f"generating {args.claims:,} claims in {root} …", file=sys.stderr)
        expected = generate(args.claims, root)
    report = os.path.join(args.dir, f"report-{args.claims}.json")
    commands = {
        "yaml.load (CSafeLoader)": [sys.executable, "-c", BASELINE, os.path.join(root, "claims")],
        "factcheck check --format json": [sys.executable, "-m", "factcheck", "check", root, "--format", "json",
                                          "--fail-on", "never", "--output", report],
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            results[name].append(timed(cmd))
    with open(report, encoding="utf-8") as f:
        summary = json.load(f)["summary"]
    if summary != expected:
        sys.exit(f"wrong verdicts: {summary} != {expected}")
    print(f"{args.claims:,} claims, {args.runs} runs each, median wall time and peak memory")
    medians = {}
    for name, runs in results.items():
        medians[name] = statistics.median(t for t, _ in runs)
        print(f"  {name:32} {medians[name]:7.2f} s  {max(m for _, m in runs):8.0f} MiB")
    base, ours = medians.values()
    print(f"  ratio factcheck / yaml.load: {ours / base:.2f}   verdicts as expected: {summary}")


if __name__ == "__main__":
    main()
