"""The pipeline: a loaded project → verdicts, findings and the measure merges behind them."""

from __future__ import annotations

from collections import Counter

from .match import judge
from .measures import Resolver
from .model import Project, Report
from .quotes import check_quotes
from .rules import check_rules


def check(project: Project, exact_measures: bool = False) -> Report:
    resolver = Resolver(project.measures, Counter(c.measure for c in project.claims), exact_measures)
    verdicts, findings = judge(project, resolver)
    findings += check_rules(project, verdicts, resolver)
    findings += check_quotes(project)
    findings.sort(key=lambda f: (f.location.file, f.location.line, f.location.column))
    return Report(project, verdicts, findings, sorted(resolver.merged.values(), key=lambda m: m.name), resolver)


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
