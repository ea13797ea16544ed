"""Output formats, one module each, behind one small interface.

A format is a `Format`: it renders what a command produced (a report, diff rows, the sources)
as the text to write. A `Partwise` format can also render a report part by part, so that
incremental/parts.py reuses the text of the parts of a project that did not change. `FORMATS`
ties every name the command line offers to its implementation; modules are imported when
picked.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from ..checking.diff import Diff
from ..model import Merge, Report

# --format NAME → "module:Class". The command line offers exactly these names.
FORMATS = {
    "table": "table:TableFormat",
    "json": "json:JsonFormat",
    "markdown": "markdown:MarkdownFormat",
    "csv": "csv:CsvFormat",
    "html": "html:HtmlFormat",
    "github": "github:GitHubFormat",
    "claimreview": "claimreview:ClaimReviewFormat",
    "sarif": "sarif:SarifFormat",
}


@dataclass(frozen=True, slots=True)
class Style:
    color: bool = False
    width: int | None = None  # terminal columns; None: the format's own choice
    listed: tuple[str, ...] = ("contradicted",)  # the verdicts `check` lists (those --fail-on fails on)
    fail_on: str = "contradicted"  # what fails the run: annotations at or above it are errors


class Unsupported(Exception):
    pass


class Format(ABC):
    """Renders each command's result; a command a format has no rendering for is Unsupported."""

    name: ClassVar[str]

    @abstractmethod
    def report(self, report: Report, style: Style) -> str:
        """Every claim, event by event."""

    def check(self, report: Report, style: Style) -> str:
        """The summary and the discrepancies; by default, the whole report."""
        return self.report(report, style)

    def diff(self, d: Diff, style: Style) -> str:
        raise Unsupported(f"--format {self.name} does not apply to 'diff'")

    def sources(self, report: Report, style: Style) -> str:
        raise Unsupported(f"--format {self.name} does not apply to 'sources'")


Fragment = tuple[dict[str, str], list[tuple[str, int, int, str]]]


class Partwise(Format):
    """A format whose report is the sum of its parts' texts (see incremental/parts.py)."""

    @abstractmethod
    def fragment(self, report: Report) -> Fragment:
        """One part's claims as text per claims file, and its findings as (file, line, column, text)."""

    @abstractmethod
    def whole(self, summary: dict, claims: list[bytes], findings: list[bytes], merges: list[Merge]) -> list[bytes]:
        """The report in UTF-8, in pieces, from its parts' texts (in UTF-8: a re-check writes what
        the cache holds without decoding it): claims in file order, findings in place order."""

    def report(self, report: Report, style: Style) -> str:
        claims, findings = self.fragment(report)
        pieces = self.whole(report.summary(), [t.encode() for t in claims.values()], [f[-1].encode() for f in findings],
                            report.merges)
        return b"".join(pieces).decode()


class Nothing(Partwise):
    """What `--quiet` renders: nothing at all, part by part (the summary alone decides the exit code)."""

    name = "nothing"

    def fragment(self, report: Report) -> Fragment:
        return {}, []

    def whole(self, summary: dict, claims: list[bytes], findings: list[bytes], merges: list[Merge]) -> list[bytes]:
        return []


def get(name: str) -> Format:
    module, cls = FORMATS[name].split(":")
    return getattr(importlib.import_module(f".{module}", __name__), cls)()


def render(name: str, command: str, *args, style: Style = Style()) -> str:
    return getattr(get(name), command)(*args, style=style)
