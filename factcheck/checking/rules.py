"""Consistency rules (docs/format.md, "Consistency rules"): one source's figures checked against each other.

Each source's figures are taken date by date (`as_of`). Where a source gives no figure for a
cumulative measure at that date, its tallies still bound it: no lower than an earlier one, no
higher than a later one. Arithmetic is on intervals, so a rule is only reported broken when
every value the figures allow breaks it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import INF, Claim, Finding, Measure, Rule, Verdict
from ..show import fmt
from .measures import MeasureNames

SYMBOL = {"equals": "=", "at_most": "≤", "at_least": "≥"}
BROKEN = {"equals": "≠", "at_most": ">", "at_least": "<"}


@dataclass(frozen=True, slots=True)
class Bound:
    """What one measure is known to be at one date: an interval and the claims that say so."""

    lo: float
    hi: float
    lo_open: bool
    hi_open: bool
    claims: tuple[Claim, ...]
    how: str  # "" when stated at that date, else how the tallies bound it


def check_rules(rules: list[Rule], verdicts: list[Verdict], measures: dict[str, Measure],
                names: MeasureNames) -> list[Finding]:
    if not rules:
        return []
    cumulative = {k for k, m in measures.items() if m.cumulative}
    index: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for v in verdicts:
        if v.claim.value.kind == "number" and not v.superseded_by:  # a source's current figures only
            index[(v.claim.event, v.measure)].append(v.claim)
    findings = []
    for rule in rules:
        terms = [names(t) for t in rule.terms]
        target = names(rule.target)
        per_source: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        for m in {*terms, target}:
            for c in index.get((rule.event, m), ()):
                per_source[c.source][m].append(c)
        for source, figures in sorted(per_source.items()):
            if all(m in figures for m in {*terms, target}):
                findings += check_source(rule, source, terms, target, figures, cumulative)
    return findings


def check_source(rule: Rule, source: str, terms: list[str], target: str,
                 figures: dict[str, list[Claim]], cumulative: set[str]) -> list[Finding]:
    dates = sorted({c.as_of for claims in figures.values() for c in claims}, key=lambda d: d or "")
    findings = []
    for date in dates:
        known = {m: bound_at(figures[m], date, m in cumulative) for m in figures}
        if None in known.values():
            continue  # a measure is unknown at that date: nothing can be proved
        parts = [known[m] for m in terms]
        total = Bound(
            sum(b.lo for b in parts), sum(b.hi for b in parts),
            any(b.lo_open for b in parts), any(b.hi_open for b in parts), (), "",
        )
        if broken(rule.relation, total, known[target]):
            findings.append(finding(rule, source, date, parts, total, known[target]))
    return findings


def bound_at(claims: list[Claim], date: str | None, cumulative: bool) -> Bound | None:
    stated = [c for c in claims if c.as_of == date]
    if stated:  # several figures at one date: only what all of them allow
        lo_c = max(stated, key=lambda c: (c.value.lo, c.value.lo_open))
        hi_c = min(stated, key=lambda c: (c.value.hi, not c.value.hi_open))
        if lo_c.value.lo > hi_c.value.hi:
            return None  # the source contradicts itself; that is its own finding
        return Bound(lo_c.value.lo, hi_c.value.hi, lo_c.value.lo_open, hi_c.value.hi_open, tuple(stated), "")
    if not cumulative or date is None:
        return None
    earlier = [c for c in claims if c.as_of and c.as_of < date]
    later = [c for c in claims if c.as_of and c.as_of > date]
    if not earlier and not later:
        return None
    lo_c = max(earlier, key=lambda c: c.value.lo) if earlier else None
    hi_c = min(later, key=lambda c: c.value.hi) if later else None
    how = []
    if lo_c:
        how.append(f"at least its {fmt(lo_c.value.lo)} of {lo_c.as_of}")
    if hi_c:
        how.append(f"at most its {fmt(hi_c.value.hi)} of {hi_c.as_of}")
    return Bound(
        lo_c.value.lo if lo_c else -INF, hi_c.value.hi if hi_c else INF,
        lo_c.value.lo_open if lo_c else False, hi_c.value.hi_open if hi_c else False,
        tuple(c for c in (lo_c, hi_c) if c), " and ".join(how),
    )


def broken(relation: str, total: Bound, target: Bound) -> bool:
    """True only when every value the bounds allow breaks the relation."""
    above = total.lo > target.hi or (total.lo == target.hi and (total.lo_open or target.hi_open))
    below = total.hi < target.lo or (total.hi == target.lo and (total.hi_open or target.lo_open))
    if relation == "at_most":
        return above
    if relation == "at_least":
        return below
    return above or below


def finding(rule: Rule, source: str, date: str | None, parts: list[Bound], total: Bound, target: Bound) -> Finding:
    # Show the ends of the intervals that prove the break: lower ends when the sum is too big.
    too_big = total.lo > target.hi or (total.lo == target.hi and (total.lo_open or target.hi_open))
    end = (lambda b: fmt(b.lo)) if too_big else (lambda b: fmt(b.hi))
    target_end = fmt(target.hi) if too_big else fmt(target.lo)
    sign = BROKEN[rule.relation] if rule.relation != "equals" else (">" if too_big else "<")
    arithmetic = f"{' + '.join(end(b) for b in parts)} = {end(total)} {sign} {target_end}"
    terms = " + ".join(rule.terms)
    when = f" as of {date}" if date else ""
    bounds = [f"{c.measure}: {b.how}" for b in [*parts, target] if b.how for c in b.claims[:1]]
    detail = f" ({'; '.join(bounds)}, as a cumulative tally can only grow)" if bounds else ""
    claims = dict.fromkeys(c.id for b in [*parts, target] for c in b.claims)
    return Finding(
        "rule",
        f"{rule.name!r} broken by {source}{when}: {terms} {SYMBOL[rule.relation]} {rule.target}, "
        f"but {arithmetic}{detail}",
        tuple(claims),
        rule.location,
    )
