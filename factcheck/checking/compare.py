"""Whether two values of one kind can both be true (docs/format.md, "Values").

Numbers, dates and times are intervals on one line (numbers as themselves, dates as day
ordinals, times as UTC seconds), so one interval test, widened by the measure's tolerance,
serves all three.
"""

from __future__ import annotations

from ..model import INF, Tolerance, Value

TEXT_SIMILARITY = 90  # rapidfuzz ratio (0-100) from which two texts are taken to say the same


def agree(a: Value, b: Value, tol: Tolerance = Tolerance()) -> bool:
    """Whether two values of the same kind can both be true."""
    kind = a.kind
    if kind == "boolean":
        return a.flag == b.flag
    if kind == "text":
        return a.norm == b.norm or _similar(a.norm, b.norm)
    if kind == "number":
        pad_a, pad_b = _pad(a, tol), _pad(b, tol)
    elif kind == "time":
        pad_a = pad_b = (tol.seconds, tol.seconds)
    else:  # dates, in days
        pad_a = pad_b = (tol.seconds / 86400,) * 2
    return overlap(a, b, pad_a, pad_b)


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz  # imported when first needed: most runs compare no text

    return fuzz.ratio(a, b) >= TEXT_SIMILARITY


def _pad(v: Value, tol: Tolerance) -> tuple[float, float]:
    if not tol.percent:
        return tol.amount, tol.amount
    lo = abs(v.lo) * tol.percent if v.lo != -INF else 0.0
    hi = abs(v.hi) * tol.percent if v.hi != INF else 0.0
    return tol.amount + lo, tol.amount + hi


def overlap(a: Value, b: Value, pad_a=(0.0, 0.0), pad_b=(0.0, 0.0)) -> bool:
    a_lo, a_hi = a.lo - pad_a[0], a.hi + pad_a[1]
    b_lo, b_hi = b.lo - pad_b[0], b.hi + pad_b[1]
    if a_lo > b_lo or (a_lo == b_lo and a.lo_open):
        lo, lo_open = a_lo, a.lo_open
    else:
        lo, lo_open = b_lo, b.lo_open
    if a_hi < b_hi or (a_hi == b_hi and a.hi_open):
        hi, hi_open = a_hi, a.hi_open
    else:
        hi, hi_open = b_hi, b.hi_open
    return lo < hi or (lo == hi and not lo_open and not hi_open)


