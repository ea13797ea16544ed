"""The pipeline: a loaded project → verdicts, findings and the measure merges behind them."""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..checking.measures import MeasureNames, measure_names
from ..checking.quotes import Document, check_quotes, read_documents
from ..checking.report import Report
from ..checking.rules import check_rules
from ..checking.verdicts import judge
from ..model import Event, Measure, Project, Settings, Source


@dataclass(frozen=True, slots=True)
class Shared:
    """Everything checking a claim reads besides the claims and rules it is checked with.

    Verdicts never reach across events, so a project can be checked part by part; what every
    part reads in common comes from here and nowhere else, and `fingerprint` covers every
    field, so a cached part's result is keyed by all it was computed from."""

    sources: dict[str, Source]
    measures: dict[str, Measure]  # declared, by normalised name
    names: MeasureNames  # how measure names as written are grouped
    documents: dict[str, Document | None]  # a source's original text (folded for quote checks), by path
    events: dict[str, Event]  # titles and reviews, which reports show
    settings: Settings  # the ranges of vague words values were read with, ratings, publisher

    def fingerprint(self) -> list:
        return [_plain(getattr(self, f.name)) for f in fields(self)]


def _plain(value) -> object:
    if isinstance(value, dict):
        return sorted((key, _plain(v)) for key, v in value.items())
    if isinstance(value, (MeasureNames, Document)):
        return value.fingerprint()
    return value  # a frozen dataclass: its repr says all it holds


def shared(project: Project, exact_measures: bool = False) -> Shared:
    names = measure_names(project, exact_measures)
    return Shared(project.sources, project.measures, names, read_documents(project.sources), project.events,
                  project.settings)


def check(project: Project, exact_measures: bool = False, common: Shared | None = None) -> Report:
    """`common`: what the whole project shares, when `project` is one part of it."""
    common = common or shared(project, exact_measures)
    verdicts, findings = judge(project.claims, common.sources, common.measures, common.names)
    findings += check_rules(project.rules, verdicts, common.measures, common.names)
    findings += check_quotes(project.claims, common.sources, common.documents)
    findings.sort(key=lambda f: (f.location.file, f.location.line, f.location.column))
    return Report(project, verdicts, findings, common.names.merges(), common.names)


def only_event(report: Report, event: str) -> Report:
    """The part of a report about one event (verdicts never depend on other events)."""
    ids = {v.claim.id for v in report.verdicts if v.claim.event == event}
    return Report(
        report.project,
        [v for v in report.verdicts if v.claim.event == event],
        [f for f in report.findings if ids.intersection(f.claims)],
        report.merges,
        report.names,
    )
