"""GitHub Actions workflow commands: contradicted claims and findings annotate the pull request.

Chosen by default when GITHUB_ACTIONS=true. Values are escaped as the runner expects, so a
quote holding "::" or a line break cannot start a workflow command of its own.
"""

from __future__ import annotations

from .. import kinds
from ..checking.report import Report
from ..inert import inert
from ..model import Location
from ..show import counted
from . import Format


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, loc: Location, title: str, message: str) -> str:
    return (f"::{level} file={_prop(inert(loc.file))},line={loc.line},col={loc.column},"
            f"title={_prop(inert(title))}::{_data(inert(message, breaks=True))}\n")


SHOWN = 10  # annotations of each level GitHub shows for a step; the rest it hides


class GitHubFormat(Format):
    """Annotations, worst first, as many as GitHub shows; then one notice for the rest."""

    name = "github"

    def check(self, r: Report, style) -> str:
        errors, warnings = self._annotations(r, style)
        out = errors[:SHOWN] + warnings[:SHOWN]
        hidden_errors, hidden_warnings = max(0, len(errors) - SHOWN), max(0, len(warnings) - SHOWN)
        counts = ", ".join(f"{n} {what}" for what, n in r.summary().items())
        more = ""
        if hidden_errors or hidden_warnings:
            more = (f"; {counted(hidden_errors, 'more error')} and {counted(hidden_warnings, 'more warning')} are "
                    "not annotated: see the job summary, or run factcheck report")
        out.append(f"::notice title=factcheck::{_data(counts + more)}\n")
        return "".join(out)

    def _annotations(self, r: Report, style) -> tuple[list[str], list[str]]:
        """Errors (what fails the run under --fail-on) and warnings, each worst first:
        contradicted claims, broken rules, other findings, unaddressed claims."""
        by_id = {v.claim.id: v for v in r.verdicts}
        fails = set(style.listed) if style.fail_on != "never" else set()
        errors: list[tuple[int, str]] = []
        warnings: list[tuple[int, str]] = []
        for v in r.verdicts:
            if v.verdict not in style.listed:
                continue
            said = f"{v.claim.source}: {v.claim.measure} = {v.claim.value.text}"
            if v.contradicted_by:
                said += ", against " + "; ".join(
                    f"{o} ({by_id[o].claim.source}: {by_id[o].claim.measure} = {by_id[o].claim.value.text})"
                    for o in v.contradicted_by if o in by_id)
            notes = "".join(f"\n{n}" for n in v.notes)
            text = annotation("error" if v.verdict in fails else "warning", v.claim.location,
                              f"{v.verdict}: {v.claim.id}", said + notes)
            (errors if v.verdict in fails else warnings).append((kinds.get(v.verdict).rank, text))
        for f in r.findings:
            failing = style.fail_on == "finding"
            text = annotation("error" if failing else "warning", f.location, f"factcheck {f.kind}", f.message)
            (errors if failing else warnings).append((kinds.get(f.kind).rank, text))
        return [t for _, t in sorted(errors, key=lambda x: x[0])], [t for _, t in sorted(warnings, key=lambda x: x[0])]

    def report(self, r: Report, style) -> str:
        return self.check(r, style)  # annotations are for what fails, whichever command

    def diff(self, d, style) -> str:
        rows, a, b = d.rows, d.a, d.b
        out = []
        for row in rows:
            if row.status == "conflict":
                first = row.a[0].claim
                values = lambda vs: ", ".join(v.claim.value.text for v in vs)  # noqa: E731
                out.append(annotation("error", first.location, f"{a} and {b} conflict",
                                      f"{row.event}, {row.measure}: {a} says {values(row.a)}; {b} says {values(row.b)}"))
        return "".join(out)
