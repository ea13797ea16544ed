"""One self-contained HTML page: readable on screen and on paper, with no network fetches.

First the summary and, per event, a matrix of sources × measures coloured by verdict (the
picture a reader wants first); then the claims with their quotes and links; then findings.
Every piece of user text passes through html.escape; links are only ever http(s).
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from ..inert import inert
from ..model import VERDICTS, Report
from . import Format, records

def u(text: str) -> str:
    """User text: escaped, and isolated so right-to-left marks cannot reorder what is around it."""
    return f"<bdi>{escape(inert(text, breaks=True))}</bdi>"


RANK = {"contradicted": 0, "unaddressed": 1, "confirmed": 2}
CSS = """
:root { --ok: #1a7f37; --bad: #cf222e; --open: #9a6700; --ink: #1f2328; --rule: #d0d7de; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
       max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--rule); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
.summary td { font-size: 1.3rem; text-align: center; min-width: 6rem; }
td.confirmed, span.confirmed { background: #dafbe1; } td.contradicted, span.contradicted { background: #ffebe9; }
td.unaddressed, span.unaddressed { background: #fff8c5; }
.verdict { font-weight: 600; } .verdict.confirmed { color: var(--ok); }
.verdict.contradicted { color: var(--bad); } .verdict.unaddressed { color: var(--open); }
blockquote { margin: .3rem 0; padding-left: .6rem; border-left: 3px solid var(--rule); font-style: italic; }
.where, .notes { color: #59636e; font-size: .9em; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; }
               td, span { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def _page(title: str, body: list[str]) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _summary(r: Report) -> str:
    s = r.summary()
    head = "".join(f"<th>{k}</th>" for k in s)
    cells = "".join(f"<td class=\"{k}\">{n}</td>" for k, n in s.items())
    return f"<table class=\"summary\"><tr>{head}</tr><tr>{cells}</tr></table>"


def _matrix(group, r: Report) -> str:
    label = r.names.label if r.names else {}
    measures = list(dict.fromkeys(label.get(v.measure, v.measure) for v in group))
    cells: dict[tuple[str, str], list] = defaultdict(list)
    for v in group:
        cells[(v.claim.source, label.get(v.measure, v.measure))].append(v)
    sources = sorted({v.claim.source for v in group})
    rows = ["<tr><th>source</th>" + "".join(f"<th>{escape(m)}</th>" for m in measures) + "</tr>"]
    for s in sources:
        tds = []
        for m in measures:
            vs = cells.get((s, m), [])
            worst = min((v.verdict for v in vs), key=RANK.get, default="")
            values = "<br>".join(f"<span class=\"{v.verdict}\" title=\"{escape(v.claim.id)}: {v.verdict}\">"
                                 f"{u(v.claim.value.text)}</span>" for v in vs)
            tds.append(f"<td class=\"{worst}\">{values}</td>")
        rows.append(f"<tr><th>{escape(s)}</th>" + "".join(tds) + "</tr>")
    return "<table class=\"matrix\">" + "".join(rows) + "</table>"


def _claim_rows(group, by_id) -> str:
    rows = ["<tr><th>verdict</th><th>claim</th><th>what it says</th><th>why</th></tr>"]
    for v in group:
        c = v.claim
        said = f"{u(c.measure)} = <strong>{u(c.value.text)}</strong>"
        if c.as_of:
            said += f" <span class=\"where\">as of {escape(c.as_of)}</span>"
        if c.quote:
            said += f"<blockquote>{u(c.quote)}</blockquote>"
        if c.url:
            said += f"<a href=\"{escape(c.url)}\" rel=\"noopener noreferrer nofollow\">{escape(c.url)}</a>"
        why = [f"against {escape(o)} ({escape(by_id[o].claim.source)}: {u(by_id[o].claim.value.text)})" for o in v.contradicted_by]
        why += [f"confirmed by {escape(o)} ({escape(by_id[o].claim.source)})" for o in v.confirmed_by]
        why += [f"<span class=\"notes\">{u(n)}</span>" for n in v.notes]
        rows.append(
            f"<tr><td class=\"verdict {v.verdict}\">{v.verdict}</td>"
            f"<td>{escape(c.id)}<br><span class=\"where\">{escape(c.source)} · {escape(str(c.location))}</span></td>"
            f"<td>{said}</td><td>{'<br>'.join(why)}</td></tr>"
        )
    return "<table class=\"claims\">" + "".join(rows) + "</table>"


def _findings(r: Report) -> str:
    if not r.findings:
        return ""
    items = "".join(
        f"<li><strong>{escape(f.kind)}</strong> <span class=\"where\">{escape(str(f.location))}</span><br>"
        f"{u(f.message)}</li>" for f in r.findings
    )
    return f"<h2>Findings</h2><ul>{items}</ul>"


def _merges(r: Report) -> str:
    if not r.merges:
        return ""
    items = "".join(f"<li>{u(m.name)} → {u(m.into)} (score {m.score:g}, {m.claims} claims)</li>" for m in r.merges)
    return f"<h2>Measures merged by spelling similarity</h2><ul>{items}</ul>"


def _document(title: str, r: Report, shown: tuple[str, ...]) -> str:
    by_id = {v.claim.id: v for v in r.verdicts}
    body = [_summary(r)]
    for event, group in records.by_event(r.verdicts).items():
        listed = [v for v in group if v.verdict in shown]
        heading = records.event_title(r, event)
        slug = f" <span class=\"where\">{escape(event)}</span>" if heading != event else ""
        body.append(f"<h2>{u(heading)}{slug}</h2>")
        body.append(_matrix(group, r))
        if listed:
            body.append(_claim_rows(listed, by_id))
    body += [_findings(r), _merges(r)]
    return _page(title, [b for b in body if b])


class HtmlFormat(Format):
    name = "html"

    def report(self, r: Report, style) -> str:
        return _document("factcheck report", r, VERDICTS)

    def check(self, r: Report, style) -> str:
        return _document("factcheck: discrepancies", r, style.listed)

    def diff(self, d, style) -> str:
        rows, a, b = d.rows, d.a, d.b

        def side(vs):
            return "<br>".join(
                f"{u(v.claim.measure)} = <strong>{u(v.claim.value.text)}</strong>"
                + (f"<blockquote>{u(v.claim.quote)}</blockquote>" if v.claim.quote else "") for v in vs)

        css = {"agree": "confirmed", "conflict": "contradicted"}
        trs = "".join(
            f"<tr><td>{u(d.titles.get(row.event, row.event))}<br>{escape(row.measure)}{'<br>as of ' + escape(row.as_of) if row.as_of else ''}</td>"
            f"<td>{side(row.a)}</td><td>{side(row.b)}</td><td class=\"{css.get(row.status, 'unaddressed')}\">{row.status}</td></tr>"
            for row in rows)
        head = f"<tr><th>event / measure</th><th>{escape(a)}</th><th>{escape(b)}</th><th>status</th></tr>"
        note = f"<p class=\"notes\">{u(d.relation)}</p>" if d.relation else ""
        return _page(f"factcheck diff: {a} and {b}", [note, f"<table>{head}{trs}</table>"])

    def sources(self, r: Report, style) -> str:
        head = "<tr>" + "".join(f"<th>{h}</th>" for h in ("id", "name", "kind", "grade", "relays", "relayed by", "claims", *VERDICTS)) + "</tr>"
        trs = "".join(
            "<tr>" + "".join(f"<td>{escape(str(x))}</td>" for x in (
                s["id"], s["name"], s["kind"], s["reliability"] or "-", ", ".join(s["relays"]) or "-",
                ", ".join(s["relayed_by"]) or "-", s["claims"], s["confirmed"], s["contradicted"], s["unaddressed"])) + "</tr>"
            for s in records.sources(r))
        return _page("factcheck sources", [f"<table>{head}{trs}</table>"])
