"""The report as plain records: one shape that every output format starts from (docs/format.md, "The JSON report")."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ..checking.report import Report
from ..model import INF, VERDICTS, Finding, Location, Merge, Value, Verdict

if TYPE_CHECKING:  # Diff is only named in annotations: a check does not import diff
    from ..checking.diff import Diff


def location(loc: Location) -> dict:
    return {"file": loc.file, "line": loc.line, "column": loc.column}


def claim(v: Verdict, report: Report, described: dict | None = None) -> dict:
    """`described`: values already described, by identity (a file's claims share its Value objects)."""
    c = v.claim
    label = report.names.label.get(v.measure, v.measure) if report.names else v.measure
    return {
        "id": c.id,
        "source": c.source,
        "event": c.event,
        "measure": c.measure,
        "value": c.value.text,
        "verdict": v.verdict,
        "normalized": normalized(c.value) if described is None else _described(c.value, described),
        "confirmed_by": list(v.confirmed_by),
        "contradicted_by": list(v.contradicted_by),
        "consistent_with": list(v.consistent_with),
        "undecided_with": list(v.undecided_with),
        "superseded_by": v.superseded_by,
        "notes": list(v.notes),
        "location": location(c.location),
        "compared_as": label,
        "kind": c.value.kind,
        "as_of": c.as_of,
        "quote": c.quote,
        "said_on": c.said_on,
        "url": c.url,
        "note": c.note,
        "via": list(c.via),
    }


def _described(value: Value, described: dict) -> dict:
    found = described.get(id(value))
    if found is None:
        found = described[id(value)] = (value, normalized(value))  # the value kept, so its id stays its own
    return found[1]


def normalized(value: Value) -> dict:
    """What a value was read as (docs/format.md, "The JSON report")."""
    kind = value.kind
    if kind == "number":
        return {"kind": kind, "min": _number(value.lo), "max": _number(value.hi),
                "min_open": value.lo_open, "max_open": value.hi_open}
    if kind == "time":
        return {"kind": kind, "from": _instant(value.lo), "to": _instant(value.hi)}
    if kind == "date":
        return {"kind": kind, "date": dt.date.fromordinal(int(value.lo)).isoformat()}
    if kind == "boolean":
        return {"kind": kind, "value": value.flag}
    return {"kind": kind, "text": value.norm}


def _number(n: float) -> int | float | None:
    if n in (INF, -INF):
        return None
    return int(n) if n == int(n) and abs(n) < 2**53 else n


def _instant(seconds: float) -> str:
    """UTC, ISO 8601, to the millisecond where a time has one."""
    t = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    text = t.isoformat(timespec="milliseconds" if t.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def why(w) -> dict:
    """`factcheck why`, as plain records: the claim, what its value was read as, every other
    claim on the same thing with its relation, and the rule behind the verdict."""
    v = w.verdict
    return {
        "claim": v.claim.id, "verdict": v.verdict, "rule": w.rule, "read_as": w.read_as,
        "normalized": normalized(v.claim.value), "notes": list(v.notes),
        "others": [{"id": o.verdict.claim.id, "source": o.verdict.claim.source, "measure": o.verdict.claim.measure,
                    "value": o.verdict.claim.value.text, "as_of": o.verdict.claim.as_of,
                    "said_on": o.verdict.claim.said_on, "relation": o.relation, "why": o.why} for o in w.others],
    }


def unfound_quotes(r: Report) -> set[str]:
    """The claims whose quote the quote check did not find in its source's document."""
    return {cid for f in r.findings if f.kind == "quote" for cid in f.claims}


def finding(f: Finding) -> dict:
    return {"kind": f.kind, "message": f.message, "claims": list(f.claims), "location": location(f.location)}


def merges(merged: list[Merge]) -> list[dict]:
    return [{"name": m.name, "into": m.into, "score": m.score, "claims": m.claims} for m in merged]


def diff(d: Diff) -> dict:
    return {
        "a": d.a,
        "b": d.b,
        "relation": d.relation,
        "rows": [
            {
                "event": row.event,
                "measure": row.measure,
                "as_of": row.as_of,
                "a": [v.claim.id for v in row.a],
                "b": [v.claim.id for v in row.b],
                "status": row.status,
                "a_values": [v.claim.value.text for v in row.a],
                "b_values": [v.claim.value.text for v in row.b],
                "a_quotes": [v.claim.quote for v in row.a],
                "b_quotes": [v.claim.quote for v in row.b],
                "notes": list(row.notes),
            }
            for row in d.rows
        ],
    }


def sources(r: Report) -> list[dict]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for v in r.verdicts:
        counts[v.claim.source][v.verdict] += 1
    relayed_by: dict[str, list[str]] = defaultdict(list)
    for s in r.project.sources.values():
        for other in s.relays:
            relayed_by[other].append(s.id)
    return [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "reliability": s.reliability,
            "relays": list(s.relays),
            "relayed_by": relayed_by.get(s.id, []),
            "document": s.document,
            "url": s.url,
            "claims": sum(counts[s.id].values()),
            **{verdict: counts[s.id][verdict] for verdict in VERDICTS},
            "location": location(s.location) if s.location else None,
        }
        for s in sorted(r.project.sources.values(), key=lambda s: s.id)
    ]


def by_event(verdicts: list[Verdict]) -> dict[str, list[Verdict]]:
    events: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        events[v.claim.event].append(v)
    return dict(sorted(events.items()))


def event_title(r: Report, slug: str) -> str:
    """What to call an event: its title where the project describes it, else its slug."""
    event = r.project.events.get(slug)
    return event.title if event and event.title else slug
