"""The floor of a cold check on this machine: libyaml composing the claims files, on every core.

    python benchmarks/floor.py DIR/claims        # e.g. a project benchmarks/generate.py wrote

A cold check can be no faster than parsing its files; this parses them as factcheck does
(composed with CSafeLoader, never constructed), shared out between one process per core, and
does nothing else.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
import sys
import time

import yaml


def compose(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        yaml.compose(f, Loader=yaml.CSafeLoader)


def main() -> None:
    paths = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.yaml"), recursive=True))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    start = time.perf_counter()
    with multiprocessing.Pool(cores) as pool:
        pool.map(compose, paths, chunksize=4)
    print(f"{len(paths):,} files composed on {cores} cores: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
