"""The report: what checking makes of a project, and what every format renders."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Finding, Merge, Project, Verdict, summary
from .measures import MeasureNames


@dataclass(slots=True)
class Report:
    project: Project
    verdicts: list[Verdict]
    findings: list[Finding]
    merges: list[Merge]
    names: MeasureNames | None = None  # how measure names were grouped

    def summary(self) -> dict[str, int]:
        return summary(self.verdicts, self.findings)
