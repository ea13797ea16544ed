"""Numbers and lists shown as people write them: 8,125, ∞, "a, b and 3 more", "2 errors"."""

from __future__ import annotations

from math import inf as INF


def fmt(n: float) -> str:
    """8125.0 → '8,125'; 1.5 → '1.5'."""
    if n == INF:
        return "∞"
    if n == -INF:
        return "-∞"
    if n == int(n):
        return f"{int(n):,}"
    return f"{n:,.6g}" if abs(n) < 1e6 else f"{n:,.2f}"


NAMED = 5  # things a note names; then it says how many more


def named(items, sep: str = ", ") -> str:
    """At most NAMED of the items, then how many more."""
    items = list(items)
    more = f" and {len(items) - NAMED:,} more" if len(items) > NAMED else ""
    return sep.join(items[:NAMED]) + more


def counted(n: int, noun: str) -> str:
    """3, 'error' → '3 errors'; 1, 'error' → '1 error'."""
    return f"{n} {noun}{'s' if n != 1 else ''}"
