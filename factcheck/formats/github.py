"""GitHub Actions workflow commands: contradicted claims and findings annotate the pull request.

Chosen by default when GITHUB_ACTIONS=true. Values are escaped as the runner expects, so a
quote holding "::" or a line break cannot start a workflow command of its own.
"""

from __future__ import annotations

from . import Format
from ..inert import inert
from ..model import Location, Report


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, loc: Location, title: str, message: str) -> str:
    return (f"::{level} file={_prop(inert(loc.file))},line={loc.line},col={loc.column},"
            f"title={_prop(inert(title))}::{_data(inert(message, breaks=True))}\n")


class GitHubFormat(Format):
    name = "github"

    def check(self, r: Report, style) -> str:
        by_id = {v.claim.id: v for v in r.verdicts}
        out = []
        for v in r.verdicts:
            if v.verdict not in style.listed:
                continue
            said = f"{v.claim.source}: {v.claim.measure} = {v.claim.value.text}"
            if v.verdict == "contradicted":
                against = "; ".join(
                    f"{o} ({by_id[o].claim.source}: {by_id[o].claim.measure} = {by_id[o].claim.value.text})"
                    for o in v.contradicted_by)
                said += f", against {against}"
            notes = "".join(f"\n{n}" for n in v.notes)
            level = "error" if v.verdict == "contradicted" else "warning"
            out.append(annotation(level, v.claim.location, f"{v.verdict}: {v.claim.id}", said + notes))
        for f in r.findings:
            out.append(annotation("error", f.location, f"factcheck {f.kind}", f.message))
        counts = ", ".join(f"{n} {what}" for what, n in r.summary().items())
        out.append(f"::notice::{_data('factcheck: ' + counts)}\n")
        return "".join(out)

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
