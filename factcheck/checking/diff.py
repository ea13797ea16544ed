"""What two sources say side by side, per event and measure (docs/format.md, "Commands")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Report, Verdict
from .compare import agree
from .verdicts import pair_tolerance

STATUSES = ("conflict", "agree", "only-a", "only-b", "not-comparable")


@dataclass(frozen=True, slots=True)
class Row:
    event: str
    measure: str  # the measures compared, as the sources name them
    as_of: str | None
    a: tuple[Verdict, ...]
    b: tuple[Verdict, ...]
    status: str


def diff(report: Report, a: str, b: str) -> list[Row]:
    tolerance = {k: m.tolerance for k, m in report.project.measures.items()}
    names = report.names
    groups: dict[tuple, tuple[list[Verdict], list[Verdict]]] = defaultdict(lambda: ([], []))
    for v in report.verdicts:
        if v.claim.source in (a, b):
            key = (v.claim.event, names.group_of(v.measure), v.claim.as_of or "")
            groups[key][v.claim.source != a].append(v)
    rows = []
    for (event, _, as_of), (side_a, side_b) in sorted(groups.items()):
        labels = dict.fromkeys(names.label.get(v.measure, v.measure) for v in side_a + side_b)
        rows.append(Row(event, " / ".join(labels), as_of or None, tuple(side_a), tuple(side_b),
                        status(side_a, side_b, tolerance)))
    return rows


def status(side_a: list[Verdict], side_b: list[Verdict], tolerance) -> str:
    if not side_b:
        return "only-a"
    if not side_a:
        return "only-b"
    pairs = [(x, y) for x in side_a for y in side_b if x.claim.value.kind == y.claim.value.kind]
    if not pairs:
        return "not-comparable"
    if all(agree(x.claim.value, y.claim.value, pair_tolerance(x, y, tolerance)) for x, y in pairs):
        return "agree"
    return "conflict"
