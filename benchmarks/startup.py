"""Start-up: `factcheck check` on the worked example against a bare typer app's --help.

    python benchmarks/startup.py            # 20 runs each, interleaved

The bare app is the smallest typer program there is; the ratio says what factcheck's own
imports and its whole check of the example cost on top of Python and typer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from installed import FACTCHECK, NEUTRAL, installed

BARE = """import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""
EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=NEUTRAL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(f"timing factcheck from {installed()}", file=sys.stderr)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(BARE)
    commands = {
        "bare typer app --help": [sys.executable, f.name, "--help"],
        "factcheck check (worked example)": [*FACTCHECK, "check", EXAMPLE, "--no-cache"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    try:
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(wall(cmd))
    finally:
        os.unlink(f.name)
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, m in medians.items():
        print(f"  {name:34} {m * 1000:6.0f} ms")
    bare, ours = medians.values()
    print(f"  ratio: {ours / bare:.2f}")


if __name__ == "__main__":
    main()
