"""CSV for spreadsheets: RFC 4180, UTF-8, a header row, one row per claim.

A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) is prefixed with an apostrophe, so hostile text stays text.
"""

from __future__ import annotations

import csv
import io

from ..inert import inert
from . import Format, records

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CLAIM_COLUMNS = ["id", "source", "event", "measure", "value", "verdict", "confirmed_by", "contradicted_by",
                 "notes", "file", "line", "column", "compared_as", "kind", "as_of", "quote", "said_on", "url", "note", "via"]


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join("" if v is None else str(v) for v in value)
    text = inert(str(value), breaks=True)
    return "'" + text if text.startswith(FORMULA_START) else text


def _write(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(row.get(k)) for k in header])
    return out.getvalue()


class CsvFormat(Format):
    name = "csv"

    def report(self, r, style) -> str:
        rows = []
        for claim in records.report(r)["claims"]:
            loc = claim.pop("location")
            rows.append(claim | {"file": loc["file"], "line": loc["line"], "column": loc["column"]})
        return _write(CLAIM_COLUMNS, rows)

    def diff(self, d, style) -> str:
        data = records.diff(d)["rows"]
        return _write(["event", "measure", "as_of", "a", "b", "status", "a_values", "b_values", "a_quotes", "b_quotes"], data)

    def sources(self, r, style) -> str:
        data = records.sources(r)
        return _write(["id", "name", "kind", "reliability", "relays", "relayed_by", "document", "url", "claims",
                       "confirmed", "contradicted", "unaddressed"], data)
