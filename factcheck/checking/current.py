"""A source's current word (docs/format.md, "Verdicts"): among one source's claims on the same
event, measure and date, a claim said later (`said_on`) supersedes those said earlier.

`said_on` values are compared as spans: a date is its whole day (UTC), a time its instant. One
is later only when it begins after the other ends; a claim with no `said_on` neither
supersedes nor is superseded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache

from ..model import Finding, Tolerance, Value, Verdict, describe
from .compare import CONTRADICT, SAME, Texts, consistent

DAY = 86400.0
LISTED = 50  # claims a finding names in its message; its `claims` holds them all


@lru_cache(maxsize=4096)
def span(said_on: str) -> tuple[float, float]:
    """A said_on (ISO date, or ISO time with offset) as [start, end) in UTC seconds."""
    if "T" in said_on:
        instant = dt.datetime.fromisoformat(said_on).timestamp()
        return instant, instant
    start = dt.datetime.fromisoformat(said_on).replace(tzinfo=dt.timezone.utc).timestamp()
    return start, start + DAY


def later(a: str | None, b: str | None) -> bool:
    """Whether something said at `a` was said after something said at `b`."""
    if not a or not b:
        return False
    (a_start, _), (b_start, b_end) = span(a), span(b)
    return a_start >= b_end if b_end > b_start else a_start > b_start


def supersede(group: list[Verdict], tolerance: dict[str, Tolerance], texts: Texts) -> list[Finding]:
    """Mark the superseded claims of a group (one event, comparable measures, one as_of) with
    the source's current word; a revision or an unordered disagreement is a finding."""
    if len({v.claim.source for v in group}) == len(group):
        return []  # one claim per source: nothing to order
    by_source: dict[tuple[str, str], list[Verdict]] = defaultdict(list)
    for v in group:
        by_source[(v.claim.source, v.measure)].append(v)
    findings = []
    for (source, measure), own in by_source.items():
        if len(own) < 2:
            continue
        tol = tolerance.get(measure, Tolerance())
        same = _sameness(measure, tol, texts)
        dated = [v for v in own if v.claim.said_on]
        if dated:
            # The source's current word: said last. Whatever it is later than, it supersedes; and
            # nothing else is later than a claim it is not later than (it began last).
            latest = max(dated, key=lambda w: span(w.claim.said_on))
            for v in dated:
                if later(latest.claim.said_on, v.claim.said_on):
                    v.superseded_by = latest.claim.id
        by_id = {v.claim.id: v for v in own}
        for v in own:
            if v.superseded_by:
                now = by_id[v.superseded_by]
                if now.claim.value.kind == v.claim.value.kind and same(now.claim.value, v.claim.value) is not True:
                    findings.append(revision(source, v, now))
        findings += self_contradictions(source, own, same)
    return findings


def _sameness(measure: str, tol: Tolerance, texts: Texts):
    """How two values of one source's claims on one measure relate: True (consistent: the same
    text), False (they cannot both be true), or None (other texts, undecided: a revision when
    one supersedes the other, no finding when nothing orders them)."""

    def same(a: Value, b: Value) -> bool | None:
        if a.kind == "text":
            relation = texts.relation(a, measure, b, measure)
            return True if relation == SAME else False if relation == CONTRADICT else None
        return consistent(a, b, tol)

    return same


def revision(source: str, before: Verdict, now: Verdict) -> Finding:
    b, n = before.claim, now.claim
    when = f" as of {n.as_of}" if n.as_of else ""
    return Finding(
        "revision",
        f"{source} revised {n.measure!r} for {n.event}{when} from {describe(b.value)} on {b.said_on} ({b.id}) "
        f"to {describe(n.value)} on {n.said_on} ({n.id})",
        (b.id, n.id),
        n.location,
    )


EXACT = 300  # a source's claims on one thing compared pair by pair up to this many; beyond, as below


def self_contradictions(source: str, own: list[Verdict], same) -> list[Finding]:
    """One source's claims that cannot all be true, with nothing (`said_on`) to order them.

    Up to EXACT claims, every unordered pair is compared. Beyond (a file a hostile hand could
    write), only the source's current claims, which nothing orders, are: a range clashes with
    another exactly when it clashes with the highest or the lowest of them."""
    if len(own) <= EXACT:
        clashing = _clashing_pairs(own, same)
    else:
        clashing = _clashing_current(own, same)
    if not clashing:
        return []
    involved = [v for v in own if v.claim.id in clashing]
    first = involved[0].claim
    stated = ", ".join(f"{describe(v.claim.value)} ({v.claim.id})" for v in involved[:LISTED])
    if len(involved) > LISTED:
        stated += f" and {len(involved) - LISTED:,} more"
    when = f" as of {first.as_of}" if first.as_of else ""
    return [Finding(
        "self-contradiction",
        f"{source} gives {first.measure!r} for {first.event}{when} as {stated}, with nothing (said_on) to say which came later",
        tuple(v.claim.id for v in involved),
        first.location,
    )]


def _clashing_pairs(own: list[Verdict], same) -> set[str]:
    clashing: set[str] = set()
    for i, a in enumerate(own):
        for b in own[i + 1:]:
            x, y = a.claim, b.claim
            if later(x.said_on, y.said_on) or later(y.said_on, x.said_on) or x.value.kind != y.value.kind:
                continue
            if same(x.value, y.value) is False:
                clashing.update((x.id, y.id))
    return clashing


def _clashing_current(own: list[Verdict], same) -> set[str]:
    current = [v for v in own if not v.superseded_by]
    clashing: set[str] = set()
    for kind in {v.claim.value.kind for v in current}:
        alike = [v for v in current if v.claim.value.kind == kind]
        if kind in ("number", "date", "time"):
            highest = max(alike, key=lambda v: (v.claim.value.lo, not v.claim.value.lo_open)).claim.value
            lowest = min(alike, key=lambda v: (v.claim.value.hi, v.claim.value.hi_open)).claim.value
            extremes = [highest, lowest]
        else:
            extremes = list({(v.claim.value.flag, v.claim.value.norm): v.claim.value for v in alike}.values())[:EXACT]
        for v in alike:
            if any(same(v.claim.value, e) is False for e in extremes):
                clashing.add(v.claim.id)
    return clashing
