"""The pipeline: a loaded project → verdicts, findings and the measure merges behind them."""

from __future__ import annotations

from .match import judge
from .measures import Resolver
from .model import Project, Report
from .quotes import check_quotes
from .rules import check_rules


def check(project: Project, exact_measures: bool = False, resolver: Resolver | None = None) -> Report:
    """`resolver`: how measure names are grouped, when the project is part of a larger one."""
    resolver = resolver or Resolver(project.measures, project.measure_counts(), exact_measures)
    verdicts, findings = judge(project, resolver)
    findings += check_rules(project, verdicts, resolver)
    findings += check_quotes(project)
    findings.sort(key=lambda f: (f.location.file, f.location.line, f.location.column))
    return Report(project, verdicts, findings, resolver.merges(), resolver)


def only_event(report: Report, event: str) -> Report:
    """The part of a report about one event (verdicts never depend on other events)."""
    ids = {v.claim.id for v in report.verdicts if v.claim.event == event}
    return Report(
        report.project,
        [v for v in report.verdicts if v.claim.event == event],
        [f for f in report.findings if ids.intersection(f.claims)],
        report.merges,
        report.resolver,
    )
