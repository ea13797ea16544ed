"""`factcheck why CLAIM`: the whole reasoning behind one claim's verdict (docs/format.md, "why").

The claim's value as read; then every other claim of the same event and measure (its aliases
and comparable measures, at any `as_of`), each with how it bears on this one, in the order of
SPEC §7's rules; then the verdict and the rule that gave it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Verdict, describe
from .compare import Texts
from .independence import Independence
from .report import Report
from .verdicts import AGAINST, OPEN, relate

# The rule of SPEC §7 behind each verdict.
RULES = {
    "contradicted": "contradicted: a current claim of another source is not consistent with it",
    "confirmed": "confirmed: nothing contradicts it, and a current claim of an independent source supports it",
    "unaddressed": "unaddressed: no current claim of an independent source supports it",
}


@dataclass(frozen=True, slots=True)
class Other:
    """Another claim on the same thing, and how it bears on the one explained."""

    verdict: Verdict
    relation: str  # supports, contradicts, consistent, undecided, not independent, superseded, other as_of,
    #                not comparable, same source
    why: str  # in words: the relay, the claim that supersedes, the date


@dataclass(frozen=True, slots=True)
class Why:
    verdict: Verdict
    read_as: str  # the value as read, in words
    others: list[Other]
    rule: str


def why(report: Report, claim_id: str) -> Why:
    """The reasoning behind the claim's verdict (KeyError if no claim has that id)."""
    by_id = {v.claim.id: v for v in report.verdicts}
    v = by_id[claim_id]
    names, measures = report.names, report.project.measures
    group = names.group_of(v.measure) if names else v.measure
    tolerance = {key: m.tolerance for key, m in measures.items()}
    texts, independence = Texts(measures), Independence(report.project.sources)
    others = [Other(o, *_relation(v, o, tolerance, texts, independence)) for o in report.verdicts
              if o is not v and o.claim.event == v.claim.event
              and (names.group_of(o.measure) if names else o.measure) == group]
    return Why(v, read_as(v), others, RULES[v.verdict])


def _relation(v: Verdict, o: Verdict, tolerance, texts: Texts, independence: Independence) -> tuple[str, str]:
    c, d = v.claim, o.claim
    if d.source == c.source:
        if o.superseded_by == c.id:
            return "superseded", f"by this claim, said later by {c.source}"
        if v.superseded_by == d.id:
            return "supersedes this claim", f"said later by {c.source}, it is the source's current word"
        return "same source", "a claim of the same source judges nothing of this one"
    if d.as_of != c.as_of:
        return "other as_of", f"as of {d.as_of or 'no date'}, where this claim is as of {c.as_of or 'no date'}"
    if d.value.kind != c.value.kind:
        return "not comparable", f"a {d.value.kind}, where this claim gives a {c.value.kind}"
    if o.superseded_by:
        return "superseded", f"superseded by {o.superseded_by}, said later by {d.source}: it judges nothing"
    relation, supports, _ = relate(c.value, v.measure, d.value, o.measure, tolerance, texts)
    if relation == AGAINST:
        return "contradicts", f"{d.value.text.strip()!r} and {c.value.text.strip()!r} cannot both be true"
    if relation == OPEN:
        return "undecided", "other words: declare the measure's values, or add a wording to one, to decide them"
    if not supports:
        return "consistent", f"both can be true, but it does not establish {c.value.text.strip()!r}"
    if (between := independence.between(c, d)) is not None:
        return "not independent", between
    return "supports", "an independent source says at least as much"


def read_as(v: Verdict) -> str:
    """The claim's value as it was read: its kind and range, in words."""
    value = v.claim.value
    if value.kind == "number":
        return f"the number {describe(value)}"
    if value.kind == "text":
        return f"the text {value.norm!r} (its letters and digits, case folded)"
    if value.kind == "boolean":
        return "true" if value.flag else "false"
    if value.kind == "date":
        return f"the day {dt.date.fromordinal(int(value.lo)).isoformat()}"
    return f"the span from {_utc(value.lo)} to {_utc(value.hi)} (UTC)"


def _utc(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
