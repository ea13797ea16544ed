"""What two sources say side by side, per event and measure (docs/format.md, "Commands")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Verdict
from ..show import named
from .compare import Texts
from .independence import Independence
from .report import Report
from .verdicts import AGAINST, OPEN, relate


@dataclass(frozen=True, slots=True)
class Row:
    event: str
    measure: str  # the measures compared, as the sources name them
    as_of: str | None
    a: tuple[Verdict, ...]
    b: tuple[Verdict, ...]
    status: str
    notes: tuple[str, ...] = ()  # pairs of claims that are not independent of each other, and why


@dataclass(frozen=True, slots=True)
class Diff:
    a: str
    b: str
    rows: list[Row]
    relation: str | None  # why a and b are not independent of each other, when they are not
    titles: dict[str, str]  # the events' titles, where the project describes them


def diff(report: Report, a: str, b: str) -> Diff:
    """The two sources' current claims, row by row (superseded claims left out)."""
    titles = {slug: e.title for slug, e in report.project.events.items() if e.title}
    found = rows(report, a, b)
    return Diff(a, b, found, relation(report, a, b) or through(found), titles)


def rows(report: Report, a: str, b: str) -> list[Row]:
    tolerance = {k: m.tolerance for k, m in report.project.measures.items()}
    texts = Texts(report.project.measures)
    independence = Independence(report.project.sources)
    names = report.names
    groups: dict[tuple, tuple[list[Verdict], list[Verdict]]] = defaultdict(lambda: ([], []))
    for v in report.verdicts:
        if v.claim.source in (a, b) and not v.superseded_by:
            key = (v.claim.event, names.group_of(v.measure), v.claim.as_of or "")
            groups[key][v.claim.source != a].append(v)
    out = []
    for (event, _, as_of), (side_a, side_b) in sorted(groups.items()):
        labels = dict.fromkeys(names.label.get(v.measure, v.measure) for v in side_a + side_b)
        notes = tuple(f"{x.claim.id} and {y.claim.id} are not independent: {why}" for x in side_a for y in side_b
                      if (why := independence.between(x.claim, y.claim)) is not None)
        out.append(Row(event, " / ".join(labels), as_of or None, tuple(side_a), tuple(side_b),
                       status(side_a, side_b, tolerance, texts), notes))
    return out


def status(side_a: list[Verdict], side_b: list[Verdict], tolerance, texts: Texts) -> str:
    if not side_b:
        return "only-a"
    if not side_a:
        return "only-b"
    # (relation, y supports x, x supports y) of every pair of values of one kind
    pairs = {(x.claim.id, y.claim.id): relate(x.claim.value, x.measure, y.claim.value, y.measure, tolerance, texts)
             for x in side_a for y in side_b if x.claim.value.kind == y.claim.value.kind}
    if not pairs:
        return "not-comparable"
    if any(relation == AGAINST for relation, _, _ in pairs.values()):
        return "conflict"
    unrelated = (None, False, False)  # values of other kinds
    a_backed = all(any(pairs.get((x.claim.id, y.claim.id), unrelated)[1] for y in side_b) for x in side_a)
    b_backed = all(any(pairs.get((x.claim.id, y.claim.id), unrelated)[2] for x in side_a) for y in side_b)
    if a_backed and b_backed:
        return "agree"
    return "undecided" if any(relation == OPEN for relation, _, _ in pairs.values()) else "consistent"


def through(found: list[Row]) -> str | None:
    """Where the sources relay nobody, claims that came through one another (`via`), as check notes them."""
    notes = [note for row in found for note in row.notes]
    return named(notes, "; ") + ": their agreement is not independent confirmation" if notes else None


def relation(report: Report, a: str, b: str) -> str | None:
    """Why the two sources are not independent of each other, if they are not."""
    independence = Independence(report.project.sources)
    if b in independence.reach(a):
        return f"{a} relays {b}: their agreement is not independent confirmation"
    if a in independence.reach(b):
        return f"{b} relays {a}: their agreement is not independent confirmation"
    return None
