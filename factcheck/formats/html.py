"""One self-contained HTML page a newsroom can publish: readable on screen and on paper, with
no script and no network fetch.

A title and the date it was made; the summary and a legend of the verdicts (in words beside
their colours); the sources, by name, kind and grade; then per event, under its title, a matrix
of sources × measures, a chart of each running tally over time (inline SVG), and the claims
with their quotes, dates, links and notes, each with an anchor; then the findings, each linking
to the claims it names. With a publisher set (factcheck.yaml), the ClaimReview JSON-LD is
embedded for search engines. Every piece of user text is made inert (control characters shown
by their codes) and passes through html.escape; links are only ever http(s).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict

from ..checking.report import Report
from ..inert import inert
from ..model import VERDICTS
from ..show import fmt
from . import Fragment, Partwise, records

MEANING = {
    "confirmed": "an independent source says at least as much",
    "contradicted": "another source says something that cannot also be true",
    "unaddressed": "no independent source establishes it",
}
PALETTE = ("#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#57606a")


def escape(text: str) -> str:
    """Any text of the user's on the page (a name, an id, a URL): its control characters shown
    by their codes, then escaped for HTML."""
    return html.escape(inert(text))


def u(text: str) -> str:
    """User text: escaped, and isolated so right-to-left marks cannot reorder what is around it."""
    return f"<bdi>{html.escape(inert(text, breaks=True))}</bdi>"


RANK = {"contradicted": 0, "unaddressed": 1, "confirmed": 2}
CSS = """
:root { --ok: #1a7f37; --bad: #cf222e; --open: #9a6700; --ink: #1f2328; --rule: #d0d7de; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
       max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--rule); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
.summary td { font-size: 1.3rem; text-align: center; min-width: 4rem; }
td.confirmed, span.confirmed { background: #dafbe1; } td.contradicted, span.contradicted { background: #ffebe9; }
td.unaddressed, span.unaddressed { background: #fff8c5; }
.verdict { font-weight: 600; } .verdict.confirmed { color: var(--ok); }
.verdict.contradicted { color: var(--bad); } .verdict.unaddressed { color: var(--open); }
blockquote { margin: .3rem 0; padding-left: .6rem; border-left: 3px solid var(--rule); font-style: italic; }
.where, .notes { color: #59636e; font-size: .9em; }
.legend span { display: inline-block; margin-right: 1rem; padding: 0 .4rem; }
svg.chart { display: block; margin: .5rem 0 1rem; } svg.chart text { font: 11px system-ui, sans-serif; fill: #59636e; }
a { color: #0969da; }
.scroll { overflow-x: auto; max-width: 100%; }
s.superseded { color: #59636e; } .superseded-by { color: #59636e; font-size: .85em; }
blockquote.unfound { border-left-color: var(--bad); }
.flag { color: var(--bad); font-weight: 600; font-size: .9em; font-style: normal; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; }
               .scroll { overflow: visible; }
               /* on paper nothing scrolls: a wide grid's columns share the page's width */
               .scroll table.matrix { width: 100%; table-layout: fixed; overflow-wrap: anywhere; font-size: .8em; }
               td, span { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


HOLE = "\0pieces\0"  # where the parts' pieces go in the page


def _page(title: str, body: list[str], head: str = "") -> str:
    made = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n{head}</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<p class=\"where\">Made on {made} by factcheck.</p>\n"
        + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _legend() -> str:
    items = "".join(f"<span class=\"{v}\"><strong class=\"verdict {v}\">{v}</strong>: {MEANING[v]}</span>"
                    for v in VERDICTS)
    return f"<p class=\"legend\">{items}</p>"


def _sources(r: Report) -> str:
    rows = ["<tr><th>source</th><th>kind</th><th>grade</th><th>repeats</th></tr>"]
    for s in sorted(r.project.sources.values(), key=lambda s: s.id):
        name = u(s.name)
        if s.url:
            name = f"<a href=\"{escape(s.url)}\" rel=\"noopener noreferrer nofollow\">{name}</a>"
        rows.append(f"<tr><td>{name}<br><span class=\"where\">{escape(s.id)}</span></td><td>{escape(s.kind)}</td>"
                    f"<td>{escape(s.reliability or '-')}</td><td>{escape(', '.join(s.relays) or '-')}</td></tr>")
    return "<h2>Sources</h2><div class=\"scroll\"><table class=\"sources\">" + "".join(rows) + "</table></div>"


def _anchor(claim_id: str) -> str:
    return "claim-" + "".join(c if c.isalnum() or c in "-_." else "_" for c in claim_id)


def _summary(s: dict) -> str:
    head = "".join(f"<th>{k}</th>" for k in s)
    cells = "".join(f"<td class=\"{k}\">{n}</td>" for k, n in s.items())
    return f"<div class=\"scroll\"><table class=\"summary\"><tr>{head}</tr><tr>{cells}</tr></table></div>"


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
            vs = sorted(cells.get((s, m), []), key=lambda v: v.superseded_by is not None)  # the current word first
            worst = min((v.verdict for v in vs if not v.superseded_by), key=RANK.get, default="")
            tds.append(f"<td class=\"{worst}\">{'<br>'.join(_cell_value(v) for v in vs)}</td>")
        rows.append(f"<tr><th>{u(_name(r, s))}</th>" + "".join(tds) + "</tr>")
    # A grid wider than the page scrolls in its own box: the page itself never scrolls sideways.
    return "<div class=\"scroll\"><table class=\"matrix\">" + "".join(rows) + "</table></div>"


def _cell_value(v) -> str:
    """A value in the grid: struck through, and said so, where the source's later word superseded it."""
    value = f"<span class=\"{v.verdict}\" title=\"{escape(v.claim.id)}: {v.verdict}\">{u(v.claim.value.text)}</span>"
    if not v.superseded_by:
        return value
    return (f"<s class=\"superseded\" title=\"{escape(v.claim.id)}: superseded by {escape(v.superseded_by)}\">{value}</s> "
            f"<span class=\"superseded-by\">superseded by {escape(v.superseded_by)}</span>")


def _claim_rows(group, by_id, r: Report) -> str:
    rows = ["<tr><th>verdict</th><th>claim</th><th>what it says</th><th>why</th></tr>"]
    unfound = records.unfound_quotes(r)
    for v in group:
        c = v.claim
        source = r.project.sources.get(c.source)
        said = f"{u(c.measure)} = <strong>{u(c.value.text)}</strong>"
        if c.as_of:
            said += f" <span class=\"where\">as of {escape(c.as_of)}</span>"
        if c.quote and c.id in unfound:  # flagged beside the claim, never shown as the source's words
            said += (f"<blockquote class=\"unfound\">{u(c.quote)} <span class=\"flag\">⚠ not found in "
                     f"{u(_name(r, c.source))}'s document</span></blockquote>")
        elif c.quote:
            said += f"<blockquote>{u(c.quote)}</blockquote>"
        if c.url:
            said += f"<a href=\"{escape(c.url)}\" rel=\"noopener noreferrer nofollow\">{escape(c.url)}</a>"
        why = [f"against <a href=\"#{_anchor(o)}\">{escape(o)}</a> ({u(_name(r, by_id[o].claim.source))}: "
               f"{u(by_id[o].claim.value.text)})" for o in v.contradicted_by]
        why += [f"confirmed by <a href=\"#{_anchor(o)}\">{escape(o)}</a> ({u(_name(r, by_id[o].claim.source))})"
                for o in v.confirmed_by]
        why += [f"<span class=\"notes\">{u(n)}</span>" for n in v.notes]
        who = u(source.name if source else c.source)
        if c.said_on:
            who += f", {escape(c.said_on[:16].replace('T', ' '))}"
        rows.append(
            f"<tr id=\"{_anchor(c.id)}\"><td class=\"verdict {v.verdict}\">{v.verdict}</td>"
            f"<td>{who}<br><span class=\"where\">{escape(c.id)} · {escape(str(c.location))}</span></td>"
            f"<td>{said}</td><td>{'<br>'.join(why)}</td></tr>"
        )
    return "<div class=\"scroll\"><table class=\"claims\">" + "".join(rows) + "</table></div>"


def _name(r: Report, source: str) -> str:
    found = r.project.sources.get(source)
    return found.name if found else source


def _charts(group, r: Report) -> str:
    """For each running tally (a cumulative measure) of the event, its figures over as_of per
    source, as a line per source: what a reader checks a shrinking or jumping tally against."""
    cumulative = {k for k, m in r.project.measures.items() if m.cumulative}
    series: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for v in group:
        if v.measure in cumulative and v.claim.as_of and v.claim.value.kind == "number" and not v.superseded_by:
            lo, hi = v.claim.value.lo, v.claim.value.hi
            mid = lo if hi == float("inf") else hi if lo == float("-inf") else (lo + hi) / 2
            series[r.names.label.get(v.measure, v.measure) if r.names else v.measure][v.claim.source].append(
                (v.claim.as_of, mid))
    return "".join(_chart(measure, lines, r) for measure, lines in series.items()
                   if sum(len(points) for points in lines.values()) > 1)


def _chart(measure: str, lines: dict[str, list], r: Report) -> str:
    width, height, pad = 560, 200, 40
    days = sorted({d for points in lines.values() for d, _ in points})
    values = [y for points in lines.values() for _, y in points]
    low, high = min(values), max(values)
    ordinals = [dt.date.fromisoformat(d).toordinal() for d in days]
    first, last = ordinals[0], max(ordinals[-1], ordinals[0] + 1)

    def x(day: str) -> float:
        return pad + (dt.date.fromisoformat(day).toordinal() - first) / (last - first) * (width - 2 * pad)

    def y(value: float) -> float:
        return height - pad - (value - low) / ((high - low) or 1) * (height - 2 * pad)

    parts = [f"<line x1=\"{pad}\" y1=\"{height - pad}\" x2=\"{width - pad}\" y2=\"{height - pad}\" stroke=\"#d0d7de\"/>",
             f"<text x=\"{pad}\" y=\"{height - pad + 16}\">{escape(days[0])}</text>",
             f"<text x=\"{width - pad}\" y=\"{height - pad + 16}\" text-anchor=\"end\">{escape(days[-1])}</text>",
             f"<text x=\"4\" y=\"{y(high) + 4:.0f}\">{fmt(high)}</text>",
             f"<text x=\"4\" y=\"{y(low) + 4:.0f}\">{fmt(low)}</text>"]
    for i, (source, points) in enumerate(sorted(lines.items())):
        colour = PALETTE[i % len(PALETTE)]
        points.sort()
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        parts.append(f"<polyline points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>")
        parts += [f"<circle cx=\"{x(d):.1f}\" cy=\"{y(v):.1f}\" r=\"3\" fill=\"{colour}\">"
                  f"<title>{escape(_name(r, source))}: {fmt(v)} as of {escape(d)}</title></circle>" for d, v in points]
        parts.append(f"<text x=\"{width - pad + 8}\" y=\"{pad + 14 * i}\" style=\"fill: {colour}\">"
                     f"● {escape(_name(r, source))}</text>")
    label = f"{escape(measure)}: running tally by source"
    return (f"<p><strong>{label}</strong></p><svg class=\"chart\" role=\"img\" aria-label=\"{label}\" "
            f"width=\"{width + 160}\" height=\"{height}\" viewBox=\"0 0 {width + 160} {height}\">" + "".join(parts) + "</svg>")


def _finding(f) -> str:
    return (f"<li><strong>{escape(f.kind)}</strong> <span class=\"where\">{escape(str(f.location))}</span><br>"
            f"{u(f.message)}<br><span class=\"where\">claims: "
            + ", ".join(f"<a href=\"#{_anchor(c)}\">{escape(c)}</a>" for c in f.claims) + "</span></li>")


def _merges(merges) -> str:
    if not merges:
        return ""
    items = "".join(f"<li>{u(m.name)} → {u(m.into)} (score {m.score:g}, {m.claims} claims)</li>" for m in merges)
    return f"<h2>Measures merged by spelling similarity</h2><ul>{items}</ul>"


def _event(r: Report, event: str, group, shown: tuple[str, ...], by_id) -> str:
    listed = [v for v in group if v.verdict in shown]
    heading = records.event_title(r, event)
    slug = f" <span class=\"where\">{escape(event)}</span>" if heading != event else ""
    parts = [f"<h2>{u(heading)}{slug}</h2>", _matrix(group, r), _charts(group, r)]
    if listed:
        parts.append(_claim_rows(listed, by_id, r))
    if r.project.settings.publisher_name:  # ClaimReview for search engines, as --format claimreview gives it
        from .claimreview import script

        if (reviews := script(r, event)) != "[]":
            parts.append(f"<script type=\"application/ld+json\">{reviews}</script>")
    return "\n".join(p for p in parts if p) + "\n"


class HtmlFormat(Partwise):
    """The page, rendered part by part: the events' sections are the parts' pieces, in slug order."""

    name = "html"

    def style_key(self, style) -> tuple:
        return style.command, style.listed

    def order(self, key: str, files: dict[str, int]) -> object:
        return key  # "0": the sources; "1<event>": each event, by slug

    def fragment(self, r: Report, style) -> Fragment:
        shown = style.listed if style.command == "check" else VERDICTS
        by_id = {v.claim.id: v for v in r.verdicts}
        pieces = {"0": _sources(r) + "\n"}  # the same in every part
        for event, group in records.by_event(r.verdicts).items():
            pieces[f"1{event}"] = _event(r, event, group, shown, by_id)
        findings = [(f.location.file, f.location.line, f.location.column, _finding(f)) for f in r.findings]
        return pieces, findings

    def whole(self, summary, pieces, findings, merges, style) -> list[bytes]:
        title = "factcheck: discrepancies" if style.command == "check" else "factcheck report"
        head, tail = _page(title, [_summary(summary), _legend(), HOLE]).split(HOLE)
        found = [b"<h2>Findings</h2><ul>", *findings, b"</ul>"] if findings else []
        return [head.encode(), *(text for _, text in pieces), *found, _merges(merges).encode(), tail.encode()]

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
