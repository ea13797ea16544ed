"""Terminal tables (rich): colour by verdict, grouped by event, readable at 80 columns.

Every piece of user text goes in as rich Text, never as markup, so a tweet holding
"[bold]" prints as written.
"""

from __future__ import annotations

import io
import textwrap

from rich import box
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..checking.report import Report
from ..inert import inert
from ..model import STATUSES, VERDICTS, Verdict
from ..show import counted
from . import Fragment, Partwise, records

COLOUR = {"confirmed": "green", "contradicted": "bold red", "unaddressed": "yellow",
          "agree": "green", "consistent": "yellow", "conflict": "bold red", "only-a": "cyan", "only-b": "magenta",
          "undecided": "yellow", "not-comparable": "yellow"}


def u(text: str) -> str:
    """User text, inert: what reaches the terminal is the text, never an escape sequence."""
    return inert(text, breaks=True)


def _console(style) -> Console:
    return Console(
        file=io.StringIO(), width=style.width or 100, force_terminal=style.color,
        no_color=not style.color, color_system="standard" if style.color else None,
        highlight=False, emoji=False, soft_wrap=False,
    )


def _text(console: Console) -> str:
    return console.file.getvalue()


def summary_line(s: dict) -> Text:
    line = Text(f"{s['claims']} claims: ")
    for i, verdict in enumerate(("confirmed", "contradicted", "unaddressed")):
        line.append(f"{s[verdict]} {verdict}", style=COLOUR[verdict] if s[verdict] else "")
        line.append(", " if i < 2 else "; ")
    n = s["findings"]
    line.append(counted(n, "finding"), style="bold" if n else "")
    return line


def _finding(f, style) -> str:
    console = _console(style)
    line = Text(u(f"{f.location}: "), style="dim")
    line.append(f"{f.kind}:", style="bold magenta")
    line.append(u(f" {f.message}"))
    console.print(line)
    return _text(console)


def _merges(console: Console, merges) -> None:
    if not merges:
        return
    console.print(Text("Measures merged by spelling similarity (--exact-measures turns this off)", style="bold"))
    for m in merges:
        console.print(Text(u(f"  {m.name!r} → {m.into!r}  score {m.score:g}, {m.claims} claim(s)")))
    console.print()


def _event_block(r: Report, event: str, group: list[Verdict], by_id, style) -> str:
    """One event's claims as a table. Drawn here, line by line, not by rich's Table: a report
    of a hundred thousand claims is drawn in a second, where rich took half a minute."""
    width = style.width or 100
    paint = _painter(style.color)
    title = records.event_title(r, event)
    heading = paint(u(title), "bold underline") + (paint(u(f"  {event}"), "dim") if title != event else "")
    lines = _wrap_heading(heading, u(title) + (u(f"  {event}") if title != event else ""), width)
    lines += _claims_lines(group, by_id, width, paint)
    return "\n".join(lines) + "\n\n"


def _wrap_heading(painted: str, plain: str, width: int) -> list[str]:
    if cell_len(plain) <= width:
        return [painted]
    return textwrap.wrap(plain, width, break_long_words=True, break_on_hyphens=False)  # long titles, unpainted


def _claims_lines(verdicts: list[Verdict], by_id: dict[str, Verdict], width: int, paint) -> list[str]:
    """The claims table: verdict, claim (id and source), what it says and why."""
    widest = max(len(part) for v in verdicts for part in (v.claim.id, v.claim.source))
    widths = [12, min(widest, 30)]
    widths.append(max(10, width - sum(widths) - GAP * 2))
    out = [_row([["verdict"], ["claim"], ["what it says, and why"]], widths, [paint] * 3, "bold", width),
           "─" * width]
    for v in verdicts:
        said = _wrapped(u(f"{v.claim.measure} = {v.claim.value.text.strip()}"), widths[2])
        why = _why_lines(v, by_id)
        why_style = "dim" if not (v.contradicted_by or v.confirmed_by) else ""
        cells = [[v.verdict], _wrapped(u(v.claim.id), widths[1]) + _wrapped(u(v.claim.source), widths[1]),
                 said + [line for text in why for line in _wrapped(u(text), widths[2])]]
        styles = [COLOUR[v.verdict], "", None]
        out += _cell_rows(cells, widths, styles, len(said), why_style, paint)
    return out


GAP = 3  # spaces between columns, as rich's simple box draws them


def _cell_rows(cells, widths, styles, said_lines, why_style, paint) -> list[str]:
    rows = []
    for i in range(max(len(c) for c in cells)):
        parts = []
        for column, (cell, width) in enumerate(zip(cells, widths)):
            text = cell[i] if i < len(cell) else ""
            padded = text + " " * (width - _width(text))
            style = styles[column] if styles[column] is not None else ("bold" if i < said_lines else why_style)
            parts.append(paint(padded, style) if style and text else padded)
        rows.append((" " * GAP).join(parts))
    return rows


def _row(cells, widths, painters, style, width) -> str:
    return (" " * GAP).join(p(c[0] + " " * (w - _width(c[0])), style) for c, w, p in zip(cells, widths, painters))


def _width(text: str) -> int:
    """Columns the text takes: its length, unless wide characters (CJK) take two."""
    return len(text) if text.isascii() else cell_len(text)


def _wrapped(text: str, width: int) -> list[str]:
    """Text wrapped to a column as rich folds it: at spaces, long words cut."""
    if "\n" not in text and _width(text) <= width:
        return [text]  # the usual case, without textwrap's cost
    lines = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""]
    return lines


def _why_lines(v: Verdict, by_id: dict[str, Verdict]) -> list[str]:
    lines = []
    for label, ids in (("against", v.contradicted_by), ("confirmed by", v.confirmed_by)):
        for cid in ids:
            o = by_id[cid].claim
            lines.append(f"{label} {o.source}: {o.measure} = {o.value.text.strip()} ({cid})")
    return lines + v.notes


RELATION_COLOUR = {"supports": "green", "contradicts": "bold red", "consistent": "yellow", "undecided": "yellow",
                   "not independent": "yellow"}


def _indented(text: str, width: int, indent: str, paint=None) -> list[str]:
    """User text, inert, wrapped at the width under an indent, its later lines two further in
    (painted, when given (paint, style))."""
    lines = textwrap.wrap(u(text), width=max(20, width), initial_indent=indent, subsequent_indent=indent + "  ",
                          break_long_words=True, break_on_hyphens=False) or [indent]
    if paint and paint[1]:
        painter, style = paint
        lines = [line[:len(line) - len(line.lstrip())] + painter(line.lstrip(), style) for line in lines]
    return lines


def _painter(color: bool):
    """Text → text with the terminal's codes for a rich style, or the text alone without colour."""
    if not color:
        return lambda text, style="": text
    styles: dict[str, Style] = {}

    def paint(text: str, style: str = "") -> str:
        if not style:
            return text
        if style not in styles:
            styles[style] = Style.parse(style)
        return styles[style].render(text, color_system=ColorSystem.STANDARD)

    return paint


def _side(verdicts) -> Text:
    text = Text()
    for i, v in enumerate(verdicts):
        if i:
            text.append("\n")
        text.append(u(f"{v.claim.measure} = {v.claim.value.text.strip()}"))
        if v.claim.quote:
            text.append(u(f"\n“{' '.join(v.claim.quote.split())}”"), style="italic dim")
    return text


class TableFormat(Partwise):
    """Tables at a terminal: the report is drawn event by event, part by part (each part in the
    worker that checked it), its pieces keyed by section and event so that they sort as shown."""

    name = "table"

    def style_key(self, style) -> tuple:
        return style.width, style.color, style.command, style.listed

    def order(self, key: str, files: dict[str, int]) -> object:
        return key  # "<section>\0<event>": sections in --fail-on's order, events by slug

    def fragment(self, r: Report, style) -> Fragment:
        by_id = {v.claim.id: v for v in r.verdicts}
        sections = list(enumerate(style.listed)) if style.command == "check" else [(0, None)]
        pieces = {}
        for index, verdict in sections:
            chosen = [v for v in r.verdicts if verdict is None or v.verdict == verdict]
            for event, group in records.by_event(chosen).items():
                pieces[f"{index}\0{event}"] = _event_block(r, event, group, by_id, style)
        findings = [(f.location.file, f.location.line, f.location.column, _finding(f, style)) for f in r.findings]
        return pieces, findings

    def whole(self, summary, pieces, findings, merges, style) -> list[bytes]:
        console = _console(style)
        console.print(summary_line(summary))
        if pieces or findings or merges:  # a blank line before what follows the summary, if anything does
            console.print()
        out = [_text(console).encode()]
        section = None
        for key, text in pieces:
            index = key.split("\0", 1)[0]
            if style.command == "check" and index != section:
                section, verdict = index, style.listed[int(index)]
                out.append(_painter(style.color)(verdict.capitalize(), COLOUR[verdict]).encode() + b"\n")
            out.append(text)
        console = _console(style)
        if findings:
            console.print(Text("Findings", style="bold"))
        tail = _text(console).encode()
        console = _console(style)
        if findings and merges:
            console.print()
        _merges(console, merges)
        return [*out, tail, *findings, _text(console).encode()]

    def diff(self, d, style) -> str:
        rows, a, b = d.rows, d.a, d.b
        console = _console(style)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("event / measure", overflow="fold", ratio=2)
        table.add_column(a, overflow="fold", ratio=3)
        table.add_column(b, overflow="fold", ratio=3)
        table.add_column("status", no_wrap=True)
        shown = None
        for row in rows:
            when = f"\nas of {row.as_of}" if row.as_of else ""
            title = "" if row.event == shown else f"{d.titles.get(row.event, row.event)}\n"  # once per event
            shown = row.event
            table.add_row(Text(u(f"{title}{row.measure}{when}")), _side(row.a), _side(row.b),
                          Text(row.status, style=COLOUR[row.status]))
        console.print(table)
        counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
        console.print(Text(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "nothing to compare"))
        if d.relation:
            console.print(Text(u(f"note: {d.relation}"), style="dim"))
        return _text(console)

    def why(self, w, style) -> str:
        """The reasoning as a colleague would set it out: the claim and how it was read, every
        other claim on the same thing with how it bears on this one, then the verdict and why."""
        v, c, width = w.verdict, w.verdict.claim, style.width or 100
        paint = _painter(style.color)
        out = _indented(f"{c.id} ({c.source}, {c.event}): {c.measure} = {c.value.text.strip()}", width, "")
        dates = (f"; as of {c.as_of}" if c.as_of else "") + (f"; said on {c.said_on}" if c.said_on else "")
        out += _indented(f"read as {w.read_as}{dates}", width, "  ")
        out.append("")
        if w.others:
            out += _indented(f"Other claims on {c.measure} in {c.event}, and how each bears on it:", width, "")
            for o in w.others:
                d = o.verdict.claim
                when = (f", as of {d.as_of}" if d.as_of else "") + (f", said on {d.said_on[:16]}" if d.said_on else "")
                out += _indented(f"{d.id} ({d.source}{when}): {d.measure} = {d.value.text.strip()}", width, "  ")
                out += _indented(f"{o.relation}: {o.why}", width, "      ", paint=(paint, RELATION_COLOUR.get(o.relation, "")))
            out.append("")
        else:
            out += _indented(f"No other claim states {c.measure} for {c.event}.", width, "") + [""]
        out += _indented(w.rule, width, "", paint=(paint, COLOUR[v.verdict]))
        for note in v.notes:
            out += _indented(note, width, "  ")
        return "\n".join(out) + "\n"

    def sources(self, r: Report, style) -> str:
        console = _console(style)
        listed = records.sources(r)
        # Ids never break: their columns are as wide as the longest id they hold (up to a point).
        widest = max((len(sid) for s in listed for sid in s["relays"] + s["relayed_by"]), default=1)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
        names = max((len(s["name"]) for s in listed), default=1)
        table.add_column("source", overflow="fold", ratio=1, min_width=min(names, 24))
        table.add_column("kind, grade", no_wrap=True)
        for name in ("relays", "relayed by"):
            table.add_column(name, overflow="fold", min_width=min(max(widest, len(name)), 20), max_width=20)
        table.add_column("claims ✓ ✗ ?", justify="right", no_wrap=True)
        for s in listed:
            who = Text(u(s["id"]), style="bold")
            who.append(u(f"\n{s['name']}"))
            table.add_row(
                who, Text(f"{s['kind']}, {s['reliability'] or '-'}"), Text(u("\n".join(s["relays"])) or "-"),
                Text(u("\n".join(s["relayed_by"])) or "-"),
                Text.assemble(f"{s['claims']} ", *((f" {s[v]}", COLOUR[v] if s[v] else "") for v in VERDICTS)),
            )
        console.print(table)
        console.print(Text("✓ confirmed  ✗ contradicted  ? unaddressed  ·  grade: A (reliable) to F",
                           style="dim"))
        documents = [(s["id"], s["document"]) for s in listed if s["document"]]
        if documents:  # whole, on lines of their own: a path broken mid-name is no path to copy
            console.print(Text("Documents quotes are checked against:"))
            for sid, document in documents:
                console.print(Text(u(f"  {sid}  {document}")), overflow="ignore", crop=False)
        return _text(console)


class SummaryLine(Partwise):
    """What `check --quiet` prints: the summary line alone (the exit code tells the rest); no
    part renders anything."""

    name = "summary"

    def fragment(self, r: Report, style) -> Fragment:
        return {}, []

    def whole(self, summary, pieces, findings, merges, style) -> list[bytes]:
        console = _console(style)
        console.print(summary_line(summary))
        return [_text(console).encode()]
