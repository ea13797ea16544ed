"""Verdicts (docs/format.md, "Verdicts"): each claim judged against other sources' claims on the same thing.

Claims are grouped first by event, comparable measure group and `as_of`; only claims within a
group are ever compared, so the cost follows the size of the groups, not of the project.
Within a group, a source's superseded claims are judged but judge nothing: only a source's
current word contradicts, supports or is consistent with another's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Claim, Finding, Measure, Source, Tolerance, Value, Verdict, describe
from ..show import NAMED, named
from .compare import CONTRADICT, SAME, Texts, consistent, supports
from .current import supersede
from .independence import Independence
from .measures import MeasureNames, normalise


def judge(claims: list[Claim], sources: dict[str, Source], measures: dict[str, Measure],
          names: MeasureNames) -> tuple[list[Verdict], list[Finding]]:
    tolerance = {key: m.tolerance for key, m in measures.items()}
    verdicts = [Verdict(c, names(c.measure)) for c in claims]
    groups: dict[tuple, list[Verdict]] = defaultdict(list)
    things: dict[tuple, list[Verdict]] = defaultdict(list)  # the same, whatever the as_of
    for v in verdicts:
        groups[(v.claim.event, names.group_of(v.measure), v.claim.as_of)].append(v)
        things[(v.claim.event, names.group_of(v.measure))].append(v)
    independence = Independence(sources)
    texts = Texts(measures)
    findings: list[Finding] = []
    for group in groups.values():
        if len(group) > 1:
            findings += supersede(group, tolerance, texts)
            findings += compare_group(group, tolerance, independence, texts)
    for v in verdicts:
        if v.contradicted_by:
            v.verdict = "contradicted"
        elif v.confirmed_by:
            v.verdict = "confirmed"
        else:
            v.notes = shortened(v.notes)
            if (why := unaddressed_because(v, things[(v.claim.event, names.group_of(v.measure))])) is not None:
                v.notes.append(why)
        if v.superseded_by:
            v.notes.insert(0, f"superseded by {v.superseded_by}, said later by {v.claim.source}")
        if (m := names.merged.get(normalise(v.claim.measure))) is not None:
            v.notes.append(f"measure {m.name!r} compared as {m.into!r} (spelling similarity {m.score:g})")
    findings += shrinking_tallies([v for v in verdicts if not v.superseded_by], measures)
    return verdicts, findings


# The notes that compare a claim with another, by how they begin: each says why it is unaddressed.
COMPARING = {"supported by": "supported by claims that are not independent of it",
             "consistent with": "merely consistent with it", "undecided against": "undecided against it"}


def shortened(notes: list[str]) -> list[str]:
    """Notes of one kind beyond the first NAMED, counted in one note: a long tally stays readable."""
    out, seen = [], Counter()
    for note in notes:
        kind = next((k for k in COMPARING if note.startswith(k)), None)
        seen[kind] += 1
        if kind is None or seen[kind] <= NAMED:
            out.append(note)
    out += [f"and {seen[k] - NAMED:,} more claims {COMPARING[k]}" for k in COMPARING if seen[k] > NAMED]
    return out


def unaddressed_because(v: Verdict, same_thing: list[Verdict]) -> str | None:
    """Why an unaddressed claim is neither confirmed nor contradicted, where no note comparing
    it with another claim says so already (docs/format.md, "Verdicts")."""
    if any(note.startswith(tuple(COMPARING)) for note in v.notes):
        return None
    c = v.claim
    others = [o for o in same_thing if o.claim.source != c.source]
    if not others:
        return f"no other source states {c.measure!r} for {c.event}"
    same_date = [o for o in others if o.claim.as_of == c.as_of]
    if not same_date:
        return (f"other sources state it only as of other dates ({c.as_of or 'no as_of'} here): "
                + named(f"{o.claim.id} ({o.claim.as_of or 'no as_of'})" for o in others))
    alike = [o for o in same_date if o.claim.value.kind == c.value.kind]
    if not alike:
        return (f"other sources give it as another kind of value than {c.value.kind}, which cannot be compared: "
                + named(f"{o.claim.id} ({o.claim.value.kind})" for o in same_date))
    if all(o.superseded_by for o in alike):
        return "other sources' claims on it are superseded by their later word: " + named(
            f"{o.claim.id} (superseded by {o.superseded_by})" for o in alike)
    return "no current claim of an independent source supports it"


NO_TOLERANCE = Tolerance()


def pair_tolerance(a: str, b: str, tolerance: dict[str, Tolerance]) -> Tolerance:
    """The tolerance two measures' values are compared with: the wider of theirs."""
    if a == b:
        return tolerance.get(a, NO_TOLERANCE)
    ta, tb = tolerance.get(a, NO_TOLERANCE), tolerance.get(b, NO_TOLERANCE)
    if ta == tb:
        return ta
    return Tolerance(max(ta.amount, tb.amount), max(ta.percent, tb.percent), max(ta.seconds, tb.seconds))


LISTED = 50  # claims a claim lists under each relation; a note says how many more there are


@dataclass(slots=True)
class _Class:
    """The claims of a group that state one value under one measure: compared once with each
    other class, so that a group of thousands of claims costs what its distinct values cost."""

    value: Value
    measure: str
    members: list[tuple[int, Verdict]] = field(default_factory=list)  # (position in the group, verdict)
    judges: dict[str, list[tuple[int, Verdict]]] = field(default_factory=dict)  # current claims, by source
    judging: int = 0  # how many current claims


SMALL = 48  # a group this small is compared pair by pair (the usual case, and the cheaper)


def compare_group(group: list[Verdict], tolerance: dict[str, Tolerance], independence: Independence,
                  texts: Texts) -> list[Finding]:
    if len(group) <= SMALL:
        compare_pairs(group, tolerance, independence, texts)
    else:
        compare_classes(group, tolerance, independence, texts)
    return not_comparable(group)


AGREE, AGAINST, OPEN = "agree", "against", "open"  # two values: consistent, contradicting, or undecided texts


def relate(a: Value, a_measure: str, b: Value, b_measure: str, tolerance: dict[str, Tolerance],
           texts: Texts) -> tuple[str, bool, bool]:
    """How two values of one kind relate: AGREE, AGAINST or OPEN, whether b supports a, and
    whether a supports b."""
    if a.kind == "text":
        relation = texts.relation(a, a_measure, b, b_measure)
        return (AGREE, True, True) if relation == SAME else (AGAINST if relation == CONTRADICT else OPEN, False, False)
    tol = pair_tolerance(a_measure, b_measure, tolerance)
    if not consistent(a, b, tol):
        return AGAINST, False, False
    return AGREE, supports(b, a, tol), supports(a, b, tol)


def compare_pairs(group: list[Verdict], tolerance: dict[str, Tolerance], independence: Independence,
                  texts: Texts) -> None:
    """Every claim with every other; each relation listed in group order, as compare_classes lists it."""
    for i, v in enumerate(group):
        c = v.claim
        for o in group[i + 1:]:
            d = o.claim
            if d.source == c.source or d.value.kind != c.value.kind:
                continue
            relation, o_supports, v_supports = relate(c.value, v.measure, d.value, o.measure, tolerance, texts)
            if relation == AGAINST:
                if not o.superseded_by:
                    v.contradicted_by.append(d.id)
                if not v.superseded_by:
                    o.contradicted_by.append(c.id)
            elif relation == OPEN:
                if not o.superseded_by:
                    _undecided(v, o)
                if not v.superseded_by:
                    _undecided(o, v)
            else:
                if not o.superseded_by:
                    _weigh(v, o, o_supports, independence)
                if not v.superseded_by:
                    _weigh(o, v, v_supports, independence)


def compare_classes(group: list[Verdict], tolerance: dict[str, Tolerance], independence: Independence,
                    texts: Texts) -> None:
    """The same as compare_pairs, by classes of claims stating one value, with at most LISTED
    claims listed under each relation: a group of thousands costs what its distinct values cost."""
    classes: dict[tuple, _Class] = {}
    for i, v in enumerate(group):
        value = v.claim.value
        key = (value.kind, value.lo, value.hi, value.lo_open, value.hi_open, value.flag, value.norm, v.measure)
        cls = classes.get(key)
        if cls is None:
            cls = classes[key] = _Class(value, v.measure)
        cls.members.append((i, v))
        if not v.superseded_by:
            cls.judges.setdefault(v.claim.source, []).append((i, v))
            cls.judging += 1
    for a in classes.values():
        relations = []
        for b in classes.values():
            if b.value.kind == a.value.kind and b.judging:
                relation, b_supports, _ = relate(a.value, a.measure, b.value, b.measure, tolerance, texts)
                relations.append((b, relation, b_supports))
        for _, v in a.members:
            _judge(v, relations, independence)


def _judge(v: Verdict, relations: list[tuple[_Class, str, bool]], independence: Independence) -> None:
    """v against the current claims of other sources, class by class; each list in group order."""
    found: dict[str, list[tuple[int, Verdict]]] = {"against": [], "backing": [], "fitting": [], "open": []}
    more = dict.fromkeys(found, 0)
    for cls, relation, support in relations:
        others = _others(cls, v.claim.source)
        total = cls.judging - len(cls.judges.get(v.claim.source, ()))
        name = {AGAINST: "against", OPEN: "open"}.get(relation) or ("backing" if support else "fitting")
        found[name] += others
        more[name] += total - len(others)
    for name, listed in found.items():
        listed.sort(key=lambda x: x[0])
        more[name] += max(0, len(listed) - LISTED)
        del listed[LISTED:]
    v.contradicted_by += [o.claim.id for _, o in found["against"]]
    said = sorted([(i, o, True) for i, o in found["backing"]] + [(i, o, False) for i, o in found["fitting"]]
                  + [(i, o, None) for i, o in found["open"]], key=lambda x: x[0])
    for _, o, support in said:  # in group order, as compare_pairs says them
        if support is None:
            _undecided(v, o)
        else:
            _weigh(v, o, support, independence)
    for name, what in (("against", "contradict it"), ("backing", "support it"), ("fitting", "are consistent with it"),
                       ("open", "give other texts, undecided")):
        if more[name]:
            v.notes.append(f"and {more[name]:,} more claims of other sources {what}, not listed")


def _weigh(v: Verdict, by: Verdict, support: bool, independence: Independence) -> None:
    """What a consistent current claim of another source does for v."""
    other = by.claim
    relation = independence.between(v.claim, other) if support else None
    if support and relation is None:
        v.confirmed_by.append(other.id)
    elif support:
        v.notes.append(f"supported by {other.id} ({other.source}: {other.value.text.strip()!r}), but {relation}: "
                       "not independent confirmation")
    else:
        v.consistent_with.append(other.id)
        v.notes.append(f"consistent with {other.id} ({other.source}: {other.value.text.strip()!r}), "
                       f"which does not establish {v.claim.value.text.strip()!r}")


def _undecided(v: Verdict, by: Verdict) -> None:
    """Another source's current text that neither says the same as v's nor contradicts it."""
    other = by.claim
    v.undecided_with.append(other.id)
    v.notes.append(f"undecided against {other.id} ({other.source}: {other.value.text.strip()!r}): "
                   "declare the measure's values, or add a wording to one, to decide them")


def _others(cls: _Class, source: str) -> list[tuple[int, Verdict]]:
    """Up to LISTED + 1 current claims of the class from sources other than `source`."""
    out: list[tuple[int, Verdict]] = []
    for judge_source, claims in cls.judges.items():
        if judge_source != source:
            out += claims[: LISTED + 1 - len(out)]
            if len(out) > LISTED:
                break
    return out


def not_comparable(group: list[Verdict]) -> list[Finding]:
    """Each claim whose value is of another kind than most of its group's (a text among
    numbers), at that claim: it neither confirms nor contradicts the others."""
    first_kind = group[0].claim.value.kind
    if all(v.claim.value.kind == first_kind for v in group):
        return []
    kinds = Counter(v.claim.value.kind for v in group)
    usual = max(kinds, key=lambda k: (kinds[k], k == first_kind))
    findings = []
    for v in group:
        c = v.claim
        others = [o.claim for o in group if o.claim.value.kind != c.value.kind and o.claim.source != c.source]
        if c.value.kind == usual or not others:
            continue
        listed = ", ".join(f"{o.id} ({o.value.kind})" for o in others)
        findings.append(Finding(
            "not-comparable",
            f"{c.id} gives {c.measure!r} for {c.event} as {c.value.kind} {c.value.text.strip()!r}, "
            f"which cannot be compared with {listed}",
            (c.id, *(o.id for o in others)),
            c.location,
        ))
    return findings


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
                    "shrinking",
                    f"{source}'s cumulative {c.measure!r} for {event} shrinks: {describe(highest.value)} as of "
                    f"{highest.as_of} ({highest.id}), then {describe(c.value)} as of {c.as_of} ({c.id})",
                    (highest.id, c.id),
                    c.location,
                ))
            if highest is None or c.value.lo > highest.value.lo:
                highest = c
    return findings
