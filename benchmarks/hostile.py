"""Time factcheck on the inputs a hostile contributor would send to make it run without bound.

    python benchmarks/hostile.py            # every case
    python benchmarks/hostile.py quotes     # the cases whose name holds "quotes"

Each case is a project written to a temporary folder and checked end to end as a fresh
process (`factcheck check --format json --no-cache`), so start-up is counted. The bound it
must stay under is printed beside the time; the script exits 1 if one is broken.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time

from installed import FACTCHECK, NEUTRAL, installed

WORDS = ("the ministry said strikes hit targets near the city overnight while residents reported "
         "civilian casualties and damage to homes schools and a market in the northern district").split()


def prose(n_bytes: int, seed: int) -> str:
    rng = random.Random(seed)
    out, size = [], 0
    while size < n_bytes:
        word = rng.choice(WORDS) + (str(rng.randrange(1000)) if rng.random() < 0.2 else "")
        out.append(word)
        size += len(word) + 1
    return " ".join(out)


def project(root: str, claims: str, sources: str = "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
            files: dict[str, str] | None = None) -> None:
    os.makedirs(os.path.join(root, "claims"))
    os.makedirs(os.path.join(root, "sources"))
    with open(os.path.join(root, "sources", "s.yaml"), "w") as f:
        f.write(sources)
    with open(os.path.join(root, "claims", "c.yaml"), "w") as f:
        f.write(claims)
    for name, text in (files or {}).items():
        with open(os.path.join(root, name), "w") as f:
            f.write(text)


def quote_case(doc_bytes: int, quote_bytes: int, quotes: int):
    def make(root: str) -> None:
        doc = prose(doc_bytes, 1)
        sources = "sources:\n  - {id: a, name: A, document: doc.txt}\n"
        claims = "event: e\nclaims:\n" + "".join(
            f"  - {{source: a, measure: m{i}, value: {i}, quote: {prose(quote_bytes, 100 + i)!r}}}\n" for i in range(quotes))
        project(root, claims, sources, {"sources/doc.txt": doc})
    return make


def one_group(n: int):
    def make(root: str) -> None:
        sources = "sources:\n" + "".join(f"  - {{id: s{i}, name: S{i}}}\n" for i in range(n))
        claims = "event: e\nclaims:\n" + "".join(f"  - {{source: s{i}, measure: deaths, value: {i % 7}}}\n" for i in range(n))
        project(root, claims, sources)
    return make


def few_sources(n: int, sources: int):
    def make(root: str) -> None:
        listed = "sources:\n" + "".join(f"  - {{id: s{i}, name: S{i}}}\n" for i in range(sources))
        claims = "event: e\nclaims:\n" + "".join(
            f"  - {{source: s{i % sources}, measure: deaths, value: {i % 7}, said_on: 2021-01-{1 + i % 28:02d}}}\n"
            for i in range(n))
        project(root, claims, listed)
    return make


def relay_chain(n: int):
    def make(root: str) -> None:
        sources = "sources:\n" + "".join(
            f"  - {{id: s{i}, name: S{i}{', relays: [s%d]' % (i + 1) if i + 1 < n else ''}}}\n" for i in range(n))
        claims = "event: e\nclaims:\n" + "".join(f"  - {{source: s{i}, measure: deaths, value: 3}}\n" for i in range(0, n, 10))
        project(root, claims, sources)
    return make


def many_measures(n: int):
    def make(root: str) -> None:
        rng = random.Random(2)
        claims = "event: e\nclaims:\n" + "".join(
            f"  - {{source: {'ab'[i % 2]}, measure: '{rng.choice(WORDS)} {rng.choice(WORDS)}s {i}', value: 1}}\n"
            for i in range(n))
        project(root, claims)
    return make


def one_word_apart(n: int):
    """Names alike but for one long word: every name shares its other words with every other."""
    def make(root: str) -> None:
        rng = random.Random(3)
        letters = "abcdefghijklmnopqrstuvwxyz"
        claims = "event: e\nclaims:\n" + "".join(
            f"  - {{source: {'ab'[i % 2]}, measure: 'deaths in {''.join(rng.choice(letters) for _ in range(8))}', value: 1}}\n"
            for i in range(n))
        project(root, claims)
    return make


CASES = {
    "a 100 KB quote not in a 1 MB document": (quote_case(1_000_000, 100_000, 1), 2.0),
    "a 100 KB quote not in a 50 MB document": (quote_case(50_000_000, 100_000, 1), 2.0),
    "10,000 quotes not in a 5 MB document": (quote_case(5_000_000, 80, 10_000), 2.0),
    "10,000 claims on one event and measure": (one_group(10_000), 2.0),
    "10,000 claims of one source on one thing": (few_sources(10_000, 1), 2.0),
    "10,000 claims of two sources on one thing": (few_sources(10_000, 2), 2.0),
    "a relay chain of 2,000 sources": (relay_chain(2_000), 1.0),
    "10,000 distinct measure names": (many_measures(10_000), 3.0),
    "10,000 measure names one word apart": (one_word_apart(10_000), 3.0),
}


def main() -> None:
    print(f"timing factcheck from {installed()}", file=sys.stderr)
    wanted = sys.argv[1:]
    broken = False
    for name, (make, bound) in CASES.items():
        if wanted and not any(w in name for w in wanted):
            continue
        with tempfile.TemporaryDirectory() as root:
            make(root)
            start = time.perf_counter()
            result = subprocess.run([*FACTCHECK, "check", root, "--format", "json", "--no-cache", "--fail-on", "never",
                                     "--quiet"], capture_output=True, text=True, cwd=NEUTRAL, check=False)
            elapsed = time.perf_counter() - start
        ok = elapsed <= bound and result.returncode in (0, 1)
        broken |= not ok
        print(f"  {name:45} {elapsed:6.2f} s  (bound {bound:.0f} s)  {'ok' if ok else 'OVER' if result.returncode in (0, 1) else 'exit %d: %s' % (result.returncode, result.stderr[-200:])}")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
