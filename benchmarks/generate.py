"""Write a synthetic claims project of N claims whose verdicts are known in advance.

Every event holds the same eight claims, written the many ways people write them (aliases,
number words, approximations, ranges, times in three zones):

    air strikes      src-a: k        src-b: "between k-1 and k+1" (as "airstrikes")   b confirmed, a unaddressed
                     (k supports the range; the range is consistent with k but does not establish it)
    civilian deaths  src-c: about 100  src-d: 130 (as "civilians killed")            both contradicted
    time of raid     src-e: 00:30 UTC, src-g: 02:30 Asia/Damascus,
                     src-c: 19:30 America/New_York (as "Time of raid")              all confirmed
    aircraft         src-a: ten                                                      unaddressed

    python benchmarks/generate.py 100000 /tmp/fc-100k
"""

from __future__ import annotations

import json
import os
import sys

PER_EVENT = 8
PER_FILE = 1000  # claims per file, about what a desk keeps in one file
EXPECTED = {"confirmed": 4, "contradicted": 2, "unaddressed": 2}

SOURCES = """sources:
  - {id: src-a, name: Activists A, kind: activist}
  - {id: src-b, name: Ministry B, kind: ministry}
  - {id: src-c, name: Monitor C, kind: monitor}
  - {id: src-d, name: Agency D, kind: news}
  - {id: src-e, name: Military E, kind: military}
  - {id: src-g, name: Broadcaster G, kind: news}
"""

MEASURES = """measures:
  air strikes: {aliases: [airstrikes, raids]}
  civilian deaths: {aliases: [civilians killed, civilian casualties]}
  time of raid: {tolerance: 15 minutes}
"""


def event_claims(i: int) -> str:
    k = 5 + i % 50
    e = f"raid-{i}"
    return f"""  - {{id: a-{i}, source: src-a, event: {e}, measure: air strikes, value: {k}}}
  - {{id: b-{i}, source: src-b, event: {e}, measure: airstrikes, value: "between {k - 1} and {k + 1}"}}
  - id: c-{i}
    source: src-c
    event: {e}
    measure: civilian deaths
    value: about 100
    quote: "We counted about a hundred dead in the market district"
  - {{id: d-{i}, source: src-d, event: {e}, measure: civilians killed, value: 130}}
  - {{id: e-{i}, source: src-e, event: {e}, measure: time of raid, value: "2015-11-17T00:30:00Z"}}
  - {{id: f-{i}, source: src-g, event: {e}, measure: time of raid, value: "2015-11-17 02:30 Asia/Damascus"}}
  - {{id: g-{i}, source: src-c, event: {e}, measure: Time of raid, value: "2015-11-16 19:30 America/New_York"}}
  - {{id: h-{i}, source: src-a, event: {e}, measure: aircraft, value: ten}}
"""


def generate(n: int, root: str) -> dict:
    events = max(1, n // PER_EVENT)
    os.makedirs(os.path.join(root, "claims"), exist_ok=True)
    os.makedirs(os.path.join(root, "sources"), exist_ok=True)
    with open(os.path.join(root, "sources", "sources.yaml"), "w") as f:
        f.write(SOURCES)
    with open(os.path.join(root, "claims", "measures.yaml"), "w") as f:
        f.write(MEASURES)
    per_file = max(1, PER_FILE // PER_EVENT)
    for start in range(0, events, per_file):
        path = os.path.join(root, "claims", f"{start // per_file // 100:03d}", f"batch-{start // per_file:05d}.yaml")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("claims:\n" + "".join(event_claims(i) for i in range(start, min(events, start + per_file))))
    expected = {"claims": events * PER_EVENT} | {k: v * events for k, v in EXPECTED.items()} | {"findings": 0}
    with open(os.path.join(root, "expected.json"), "w") as f:
        json.dump(expected, f)
    return expected


def project(n: int, folder: str) -> tuple[str, dict]:
    """The project of n claims in folder/n, generated the first time it is asked for, and the
    summary its report must have."""
    root = os.path.join(folder, str(n))
    try:
        with open(os.path.join(root, "expected.json"), encoding="utf-8") as f:
            return root, json.load(f)
    except FileNotFoundError:
        print(f"generating {n:,} claims in {root} …", file=sys.stderr)
        return root, generate(n, root)


if __name__ == "__main__":
    print(json.dumps(generate(int(sys.argv[1]), sys.argv[2])))
