"""Markdown for GitHub and the like: a summary, then per event one table per verdict.

Cells hold hostile text (tweets, statements): every character that Markdown or HTML would
act on is escaped, and line breaks become <br>, so a cell can neither break its table nor
become a link, an image or markup.
"""

from __future__ import annotations

import html
import re

from ..checking.report import Report
from ..inert import inert
from ..model import SUMMARY, VERDICTS
from . import Fragment, Partwise, records

SPECIAL = re.compile(r"([\\`*_{}\[\]<>&|~$@])")  # what acts inside a table cell


def cell(text) -> str:
    if text is None or text == "":
        return ""
    text = inert(str(text), breaks=True)
    # html.escape first would leave "&amp;" to be escaped again; escape per character instead.
    out = SPECIAL.sub(lambda m: html.escape(m[1]) if m[1] in "<>&" else "\\" + m[1], text)
    return re.sub(r"\r\n|\r|\n", "<br>", out)


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _event(r: Report, event: str, group, verdicts_shown: tuple[str, ...], by_id) -> str:
    sections = []
    for verdict in verdicts_shown:
        rows = [
            [v.claim.id, v.claim.source, v.claim.measure, v.claim.value.text,
             "; ".join(f"{o} ({by_id[o].claim.source}: {by_id[o].claim.value.text})" for o in v.contradicted_by + v.confirmed_by),
             v.claim.quote, "; ".join(v.notes)]
            for v in group if v.verdict == verdict
        ]
        if rows:
            sections.append(f"### {verdict.capitalize()} ({len(rows)})\n\n"
                            + table(["claim", "source", "measure", "value", "against / with", "quote", "notes"], rows))
    if not sections:
        return ""
    title = records.event_title(r, event)
    slug = f" (`{event}`)" if title != event else ""
    return f"## {cell(title)}{slug}\n\n" + "\n".join(sections)


FINDINGS = ["where", "kind", "finding", "claims"]


def _merges(merges) -> str:
    if not merges:
        return ""
    rows = [[m.name, m.into, m.score, m.claims] for m in merges]
    return "## Measures merged by spelling similarity\n\n" + table(["name", "compared as", "score", "claims"], rows)


class MarkdownFormat(Partwise):
    """Markdown, rendered part by part: each event's section is a piece, in slug order."""

    name = "markdown"

    def style_key(self, style) -> tuple:
        return style.command, style.listed

    def order(self, key: str, files: dict[str, int]) -> object:
        return key  # the event's slug

    def fragment(self, r: Report, style) -> Fragment:
        shown = style.listed if style.command == "check" else VERDICTS
        by_id = {v.claim.id: v for v in r.verdicts}
        pieces = {event: text for event, group in records.by_event(r.verdicts).items()
                  if (text := _event(r, event, group, shown, by_id))}
        findings = [(f.location.file, f.location.line, f.location.column,
                     "| " + " | ".join(cell(c) for c in (str(f.location), f.kind, f.message, ", ".join(f.claims))) + " |\n")
                    for f in r.findings]
        return pieces, findings

    def whole(self, summary, pieces, findings, merges, style) -> list[bytes]:
        title = "factcheck: discrepancies" if style.command == "check" else "factcheck report"
        head = f"# {title}\n\n" + table(["claims", *VERDICTS, "findings"], [[summary[k] for k in SUMMARY]])
        found = ("## Findings\n\n" + table(FINDINGS, [])).encode() + b"".join(findings) if findings else b""
        parts = [head.encode(), *(text for _, text in pieces), found, _merges(merges).encode()]
        return [b"\n".join(p for p in parts if p)]

    def diff(self, d, style) -> str:
        rows, a, b = d.rows, d.a, d.b

        def side(vs):
            return "\n".join(f"{v.claim.measure} = {v.claim.value.text}" + (f"\n“{v.claim.quote}”" if v.claim.quote else "") for v in vs)

        body = [[d.titles.get(row.event, row.event), row.measure, row.as_of, side(row.a), side(row.b), row.status]
                for row in rows]
        note = f"Note: {cell(d.relation)}\n\n" if d.relation else ""
        return f"# factcheck diff: {cell(a)} and {cell(b)}\n\n{note}" + table(["event", "measure", "as of", a, b, "status"], body)

    def sources(self, r: Report, style) -> str:
        rows = [[s["id"], s["name"], s["kind"], s["reliability"], ", ".join(s["relays"]), ", ".join(s["relayed_by"]),
                 s["document"], s["claims"], s["confirmed"], s["contradicted"], s["unaddressed"]] for s in records.sources(r)]
        header = ["id", "name", "kind", "grade", "relays", "relayed by", "document", "claims", *VERDICTS]
        return "# factcheck sources\n\n" + table(header, rows)
