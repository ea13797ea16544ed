"""How two values of one kind relate (docs/format.md, "Values"): consistent, or supporting.

Numbers, dates and times are ranges on one line (numbers as themselves, dates as day
ordinals, times as UTC seconds). Two values are **consistent** when their ranges come within
the measure's tolerance of each other: both can be true. A value **supports** another when
every point of its range lies within the tolerance of the other's range: it says at least as
much. The tolerance is counted once, on one side; a percentage is of the larger magnitude of
the two values.
"""

from __future__ import annotations

from ..model import INF, Measure, Tolerance, Value

DAY = 86400.0
SAME, CONTRADICT, UNDECIDED = "same", "contradict", "undecided"  # how two texts relate


def consistent(a: Value, b: Value, tol: Tolerance = Tolerance()) -> bool:
    """Whether a and b (of one kind) can both be true."""
    if a.kind == "boolean":
        return a.flag == b.flag
    if a.kind == "text":
        return a.norm == b.norm  # never by spelling similarity: Texts.relation decides the rest
    if _same_range(a, b):
        return True
    lo, lo_open, hi, hi_open = _widened(b, _pad(a, b, tol))
    low, low_open = (a.lo, a.lo_open) if a.lo > lo else (lo, lo_open) if lo > a.lo else (lo, lo_open or a.lo_open)
    high, high_open = (a.hi, a.hi_open) if a.hi < hi else (hi, hi_open) if hi < a.hi else (hi, hi_open or a.hi_open)
    return low < high or (low == high and not low_open and not high_open)


def supports(a: Value, b: Value, tol: Tolerance = Tolerance()) -> bool:
    """Whether a (of b's kind) says at least as much as b: every value a allows, b allows."""
    if a.kind in ("boolean", "text"):
        return consistent(a, b, tol)
    if _same_range(a, b):
        return True
    lo, lo_open, hi, hi_open = _widened(b, _pad(a, b, tol))
    low_in = lo == -INF or a.lo > lo or (a.lo == lo and (a.lo_open or not lo_open))
    high_in = hi == INF or a.hi < hi or (a.hi == hi and (a.hi_open or not hi_open))
    return low_in and high_in


def _same_range(a: Value, b: Value) -> bool:
    """The common case, two ways of writing one range ("seven", "7"; one minute in two zones)."""
    return a.lo == b.lo and a.hi == b.hi and a.lo_open == b.lo_open and a.hi_open == b.hi_open


def _pad(a: Value, b: Value, tol: Tolerance) -> float:
    """The tolerance in the units of the kind's line."""
    if a.kind == "time":
        return tol.seconds
    if a.kind == "date":
        return tol.seconds / DAY
    if not tol.percent:
        return tol.amount
    magnitude = max((abs(x) for x in (a.lo, a.hi, b.lo, b.hi) if x not in (INF, -INF)), default=0.0)
    return tol.amount + tol.percent * magnitude


def _widened(v: Value, pad: float) -> tuple[float, bool, float, bool]:
    """v's range widened by pad on both sides (a widened end is closed: "within" includes it)."""
    if not pad:
        return v.lo, v.lo_open, v.hi, v.hi_open
    return v.lo - pad, False, v.hi + pad, False


class Texts:
    """How two texts relate (docs/format.md, "Texts"), each read against its own measure's
    declared `values`: the same when their normalised forms are the same or they are wordings
    of one declared value; contradicting only when both are declared values and different;
    otherwise undecided, neither confirming nor contradicting. Never by spelling."""

    def __init__(self, measures: dict[str, Measure]):
        self.values = {key: dict(m.values) for key, m in measures.items() if m.values}

    def declared(self, measure: str, value: Value) -> str | None:
        """The declared value a text is a wording of, under its measure; None if it is none."""
        values = self.values.get(measure)
        return values.get(value.norm) if values else None

    def relation(self, a: Value, a_measure: str, b: Value, b_measure: str) -> str:
        da, db = self.declared(a_measure, a), self.declared(b_measure, b)
        if da is not None and db is not None:
            return SAME if da == db else CONTRADICT
        return SAME if a.norm == b.norm else UNDECIDED
