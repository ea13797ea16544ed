"""CSV for spreadsheets: RFC 4180, UTF-8, a header row, one row per claim.

A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) is prefixed with an apostrophe, so hostile text stays text.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from ..inert import inert
from . import Fragment, Partwise, records

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Every field of a claim, and the verdict's results. The verdict's notes are `verdict_notes`, never
# read back by `import` as the claim's own `note` (which a sheet may head "Notes").
CLAIM_COLUMNS = ["id", "source", "event", "measure", "value", "verdict", "confirmed_by", "contradicted_by",
                 "verdict_notes", "file", "line", "column", "compared_as", "kind", "as_of", "quote", "said_on", "url",
                 "note", "via", "review_url", "review_published", "review_author"]


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join("" if v is None else str(v) for v in value)
    text = inert(str(value), breaks=True)
    return "'" + text if text.startswith(FORMULA_START) else text


def _write(header: list[str] | None, rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(header)
    for row in rows:
        writer.writerow([cell(row.get(k)) for k in columns])
    return out.getvalue()


class CsvFormat(Partwise):
    """One row per claim, in file order: rendered part by part, as JSON is."""

    name = "csv"

    def fragment(self, r, style) -> Fragment:
        by_file: dict[str, list[dict]] = defaultdict(list)
        described: dict = {}
        for v in r.verdicts:
            claim = records.claim(v, r, described)
            loc = claim.pop("location")
            c = v.claim
            by_file[loc["file"]].append(claim | {"file": loc["file"], "line": loc["line"], "column": loc["column"],
                                                 "verdict_notes": claim["notes"], "review_url": c.review_url,
                                                 "review_published": c.review_published, "review_author": c.review_author})
        return {file: _write(None, rows, CLAIM_COLUMNS) for file, rows in by_file.items()}, []

    def whole(self, summary, pieces, findings, merges, style) -> list[bytes]:
        return [_write(CLAIM_COLUMNS, [], CLAIM_COLUMNS).encode(), *(text for _, text in pieces)]

    def diff(self, d, style) -> str:
        data = records.diff(d)["rows"]
        columns = ["event", "measure", "as_of", "a", "b", "status", "a_values", "b_values", "a_quotes", "b_quotes"]
        return _write(columns, data, columns)

    def sources(self, r, style) -> str:
        data = records.sources(r)
        columns = ["id", "name", "kind", "reliability", "relays", "relayed_by", "document", "url", "claims",
                   "confirmed", "contradicted", "unaddressed"]
        return _write(columns, data, columns)
