"""JSON, exactly as SPEC §10 lays it out (more fields may be added, none may change)."""

from __future__ import annotations

import json

from . import records


def _lines(data: dict) -> str:
    """One top-level key, and one list item, per line: readable, diffable, and written by
    json's C encoder (indent= would fall back to the pure-Python one, 10x slower)."""
    dump = lambda x: json.dumps(x, ensure_ascii=False)  # noqa: E731
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n    ".join(dump(v) for v in value)
            parts.append(f"  {dump(key)}: [\n    {items}\n  ]")
        else:
            parts.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def report(r, style) -> str:
    return _lines(records.report(r))


check = report  # a program wants every claim, whichever command it ran


def diff(rows, a, b, style) -> str:
    return _lines(records.diff(rows, a, b))


def sources(r, style) -> str:
    return _lines({"sources": records.sources(r)})
