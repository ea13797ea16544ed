"""JSON, exactly as SPEC §10 lays it out (more fields may be added, none may change)."""

from __future__ import annotations

import json

from . import records


def _dump(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report(r, style) -> str:
    return _dump(records.report(r))


check = report  # a program wants every claim, whichever command it ran


def diff(rows, a, b, style) -> str:
    return _dump(records.diff(rows, a, b))


def sources(r, style) -> str:
    return _dump({"sources": records.sources(r)})
