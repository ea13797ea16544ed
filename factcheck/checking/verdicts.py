"""Verdicts (docs/format.md, "Verdicts"): each claim judged against other sources' claims on the same thing.

Claims are grouped first by event, comparable measure group and `as_of`; only claims within a
group are ever compared, so the cost follows the size of the groups, not of the project.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..model import Claim, Finding, Measure, Source, Tolerance, Verdict
from ..show import describe
from .compare import agree
from .measures import MeasureNames, normalise


class Independence:
    """Sources are independent unless one relays the other, directly or through others."""

    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self.reach = lru_cache(maxsize=None)(self._reach)

    def _reach(self, sid: str) -> frozenset[str]:
        seen: set[str] = set()
        todo = [sid]
        while todo:
            src = self.sources.get(todo.pop())
            for r in src.relays if src else ():
                if r not in seen:
                    seen.add(r)
                    todo.append(r)
        return frozenset(seen)

    def relay(self, a: str, b: str) -> tuple[str, str] | None:
        """(relaying, relayed) when a and b are not independent, else None."""
        if b in self.reach(a):
            return a, b
        if a in self.reach(b):
            return b, a
        return None


def judge(claims: list[Claim], sources: dict[str, Source], measures: dict[str, Measure],
          names: MeasureNames) -> tuple[list[Verdict], list[Finding]]:
    tolerance = {key: m.tolerance for key, m in measures.items()}
    verdicts = [Verdict(c, names(c.measure)) for c in claims]
    groups: dict[tuple, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        groups[(v.claim.event, names.group_of(v.measure), v.claim.as_of)].append(v)
    independence = Independence(sources)
    findings: list[Finding] = []
    for group in groups.values():
        if len(group) > 1:
            findings += compare_group(group, tolerance, independence)
    for v in verdicts:
        if v.contradicted_by:
            v.verdict = "contradicted"
        elif v.confirmed_by:
            v.verdict = "confirmed"
        if (m := names.merged.get(normalise(v.claim.measure))) is not None:
            v.notes.append(f"measure {m.name!r} compared as {m.into!r} (spelling similarity {m.score:g})")
    findings += shrinking_tallies(verdicts, measures)
    return verdicts, findings


def pair_tolerance(a: Verdict, b: Verdict, tolerance: dict[str, Tolerance]) -> Tolerance:
    ta, tb = tolerance.get(a.measure, Tolerance()), tolerance.get(b.measure, Tolerance())
    if ta == tb:
        return ta
    return Tolerance(max(ta.amount, tb.amount), max(ta.percent, tb.percent), max(ta.seconds, tb.seconds))


def compare_group(group: list[Verdict], tolerance: dict[str, Tolerance], independence: Independence) -> list[Finding]:
    findings = []
    kinds: dict[str, list[Claim]] = defaultdict(list)
    for v in group:
        kinds[v.claim.value.kind].append(v.claim)
    if len(kinds) > 1:
        findings.append(not_comparable(group, kinds))
    own: dict[tuple[str, str], list[Verdict]] = defaultdict(list)  # a source's claims on one measure
    for i, v in enumerate(group):
        c = v.claim
        own[(c.source, v.measure)].append(v)
        for o in group[i + 1 :]:
            d = o.claim
            if d.source == c.source or d.value.kind != c.value.kind:
                continue
            if not agree(c.value, d.value, pair_tolerance(v, o, tolerance)):
                v.contradicted_by.append(d.id)
                o.contradicted_by.append(c.id)
            elif relay := independence.relay(c.source, d.source):
                note = "agrees with {} ({}), but {} relays {}: not independent confirmation"
                v.notes.append(note.format(d.id, d.source, *relay))
                o.notes.append(note.format(c.id, c.source, *relay))
            else:
                v.confirmed_by.append(d.id)
                o.confirmed_by.append(c.id)
    for (source, _), same in own.items():
        if len(same) > 1:
            findings += self_contradiction(source, same, tolerance)
    return findings


def not_comparable(group: list[Verdict], kinds: dict[str, list[Claim]]) -> Finding:
    first = group[0].claim
    parts = "; ".join(f"{kind}: {', '.join(c.id for c in claims)}" for kind, claims in sorted(kinds.items()))
    return Finding(
        "not-comparable",
        f"{first.event}, {group[0].measure}: values of different kinds cannot be compared ({parts})",
        tuple(c.id for claims in kinds.values() for c in claims),
        first.location,
    )


def self_contradiction(source: str, same: list[Verdict], tolerance: dict[str, Tolerance]) -> list[Finding]:
    tol = tolerance.get(same[0].measure, Tolerance())
    clash = any(
        a.claim.value.kind == b.claim.value.kind and not agree(a.claim.value, b.claim.value, tol)
        for i, a in enumerate(same) for b in same[i + 1 :]
    )
    if not clash:
        return []
    first = same[0].claim
    stated = ", ".join(f"{describe(v.claim.value)} ({v.claim.id})" for v in same)
    when = f" as of {first.as_of}" if first.as_of else ""
    return [Finding(
        "self-contradiction",
        f"{source} gives {first.measure!r} for {first.event}{when} as {stated}",
        tuple(v.claim.id for v in same),
        first.location,
    )]


def shrinking_tallies(verdicts: list[Verdict], measures: dict[str, Measure]) -> list[Finding]:
    """A cumulative tally can only grow: a later one below an earlier one of the same source is a finding."""
    cumulative = {k for k, m in measures.items() if m.cumulative}
    if not cumulative:
        return []
    series: dict[tuple, list[Claim]] = defaultdict(list)
    for v in verdicts:
        c = v.claim
        if v.measure in cumulative and c.as_of and c.value.kind == "number":
            series[(c.event, v.measure, c.source)].append(c)
    findings = []
    for (event, _, source), claims in series.items():
        claims.sort(key=lambda c: c.as_of)
        highest: Claim | None = None  # the earlier tally with the greatest lower bound
        for c in claims:
            if highest and highest.as_of < c.as_of and c.value.hi < highest.value.lo:
                findings.append(Finding(
                    "shrinking-tally",
                    f"{source}'s cumulative {c.measure!r} for {event} shrinks: {describe(highest.value)} as of "
                    f"{highest.as_of} ({highest.id}), then {describe(c.value)} as of {c.as_of} ({c.id})",
                    (highest.id, c.id),
                    c.location,
                ))
            if highest is None or c.value.lo > highest.value.lo:
                highest = c
    return findings
