"""JSON, exactly as docs/format.md lays it out (more fields may be added, none may change).

One top-level key, and one list item, per line: readable, diffable, and written by json's C
encoder (indent= would fall back to the pure-Python one, ten times slower). A report can also
be rendered part by part (`fragment`, then `whole`), so that a re-check reuses the text of
the parts of a project that did not change.
"""

from __future__ import annotations

from collections import defaultdict

from ..inert import json_encoder
from . import Fragment, Partwise, records

ENCODE = json_encoder()
ITEM = ",\n    "
ITEM_BYTES = ITEM.encode()


class Encoded(list):
    """List items already encoded, as lines, or runs of lines joined by ITEM, in UTF-8."""


def _pieces(data: dict) -> list[bytes]:
    """The text in UTF-8 pieces, written one after another: a report of 100,000 claims is 60 MB,
    and each joining of it into one string would cost a copy of all of it."""
    out = [b"{\n"]
    for key, value in data.items():
        if len(out) > 1:
            out.append(b",\n")
        if isinstance(value, list) and value:
            items = value if isinstance(value, Encoded) else [ENCODE(v).encode() for v in value]
            out.append(f"  {ENCODE(key)}: [\n    ".encode())
            for i, item in enumerate(items):
                out += (ITEM_BYTES, item) if i else (item,)
            out.append(b"\n  ]")
        else:
            out.append(f"  {ENCODE(key)}: {ENCODE(value)}".encode())
    out.append(b"\n}\n")
    return out


def _lines(data: dict) -> str:
    return b"".join(_pieces(data)).decode()


class JsonFormat(Partwise):
    name = "json"

    def fragment(self, r, style) -> Fragment:
        by_file: dict[str, list[str]] = defaultdict(list)
        described: dict = {}  # archives repeat their values: each is described once
        for v in r.verdicts:
            by_file[v.claim.location.file].append(ENCODE(records.claim(v, r, described)))
        findings = [(f.location.file, f.location.line, f.location.column, ENCODE(records.finding(f))) for f in r.findings]
        return {file: ITEM.join(lines) for file, lines in by_file.items()}, findings

    def whole(self, summary, pieces, findings, merges, style) -> list[bytes]:
        return _pieces({"summary": summary, "claims": Encoded(text for _, text in pieces), "findings": Encoded(findings),
                        "measure_merges": records.merges(merges)})

    def diff(self, d, style) -> str:
        return _lines(records.diff(d))

    def sources(self, r, style) -> str:
        return _lines({"sources": records.sources(r)})

    def why(self, w, style) -> str:
        return _lines(records.why(w))
