"""Output formats, one module each, behind one small interface.

A format is a `Format`: it renders what a command produced (a report, diff rows, the sources)
as the text to write. A `Partwise` format can also render a report part by part, so that
run/parts.py reuses the text of the parts of a project that did not change. `FORMATS`
ties every name the command line offers to its implementation; modules are imported when
picked.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..checking.report import Report
from ..model import Merge

if TYPE_CHECKING:  # Diff and Why are only named in annotations: a check imports neither
    from ..checking.diff import Diff
    from ..checking.why import Why

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
# What `check --quiet` prints: not offered as a --format.
QUIET = {"summary": "table:SummaryLine"}


@dataclass(frozen=True, slots=True)
class Style:
    color: bool = False
    width: int | None = None  # terminal columns; None: the format's own choice
    listed: tuple[str, ...] = ("contradicted",)  # the verdicts `check` lists (those --fail-on fails on)
    fail_on: str = "contradicted"  # what fails the run: annotations at or above it are errors
    command: str = "report"  # check lists what --fail-on fails on; report lists everything
    base: str | None = None  # the real path SARIF locations are relative to (worktree.py); None: the current folder


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

    def why(self, w: Why, style: Style) -> str:
        raise Unsupported(f"--format {self.name} does not apply to 'why': use table or json")


# A piece of a report in UTF-8; a view of a cache entry where a cached part is written as the
# cache holds it, so no bytes methods (inert.guard_workflow_commands copies what it must search).
Utf8 = bytes | memoryview

# A part's text: pieces by key (a claims file's path, or what the format sorts by), and its
# findings as (file, line, column, text).
Fragment = tuple[dict[str, str], list[tuple[str, int, int, str]]]


class Partwise(Format):
    """A format whose report is the sum of its parts' texts (see run/parts.py): each
    part renders its pieces, by key; the whole puts them in order, in UTF-8 (a re-check writes
    what the cache holds without decoding it)."""

    @abstractmethod
    def fragment(self, report: Report, style: Style) -> Fragment:
        """One part's pieces by key, and its findings as (file, line, column, text)."""

    @abstractmethod
    def whole(self, summary: dict, pieces: list[tuple[str, Utf8]], findings: list[bytes], merges: list[Merge],
              style: Style) -> list[Utf8]:
        """The report, in pieces, from the parts' pieces in order and the findings in place order."""

    def order(self, key: str, files: dict[str, int]) -> object:
        """Where a piece goes: by default, pieces are claims files', in the project's file order."""
        return files.get(key, len(files))

    def style_key(self, style: Style) -> tuple:
        """What of the style a part's text depends on (its cache key includes it)."""
        return ()

    def encoded(self, report: Report, style: Style) -> tuple[dict[str, bytes], list[tuple[str, int, int, bytes]]]:
        """fragment() in UTF-8, as a part's result is cached and written."""
        texts, findings = self.fragment(report, style)
        return {key: text.encode() for key, text in texts.items()}, [(*where, text.encode()) for *where, text in findings]

    def assemble(self, summary: dict, texts: dict[str, Utf8], findings: list[tuple[str, int, int, bytes]],
                 files: dict[str, int], merges: list[Merge], style: Style) -> list[Utf8]:
        """whole() of the parts' encoded pieces, put in order, and their findings in place order."""
        pieces = sorted(texts.items(), key=lambda kv: self.order(kv[0], files))
        return self.whole(summary, pieces, [f[3] for f in sorted(findings, key=lambda f: f[:3])], merges, style)

    def report(self, report: Report, style: Style) -> str:
        files = {f: i for i, f in enumerate(dict.fromkeys(v.claim.location.file for v in report.verdicts))}
        texts, findings = self.encoded(report, style)
        return b"".join(self.assemble(report.summary(), texts, findings, files, report.merges, style)).decode()


def get(name: str) -> Format:
    module, cls = (FORMATS | QUIET)[name].split(":")
    return getattr(importlib.import_module(f".{module}", __name__), cls)()


def render(fmt: str | Format, command: str, *args, style: Style = Style()) -> str:
    return getattr(get(fmt) if isinstance(fmt, str) else fmt, command)(*args, style=style)
