"""Which claims can confirm each other (docs/format.md, "Verdicts"): not a source and what it
relays, nor a claim and the sources it came through (`via`), nor two claims that came through
a common source."""

from __future__ import annotations

from functools import lru_cache

from ..model import Claim, Source


class Independence:
    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self.reach = lru_cache(maxsize=None)(self._reach)
        self.any_relays = any(s.relays for s in sources.values())

    def _reach(self, sid: str) -> frozenset[str]:
        """The sources whose statements sid repeats, directly or through others."""
        seen: set[str] = set()
        todo = [sid]
        while todo:
            src = self.sources.get(todo.pop())
            for r in src.relays if src else ():
                if r not in seen:
                    seen.add(r)
                    todo.append(r)
        return frozenset(seen)

    def related(self, a: str, b: str) -> bool:
        """a is b, or one relays the other (in either direction, transitively)."""
        return a == b or b in self.reach(a) or a in self.reach(b)

    def between(self, c: Claim, d: Claim) -> str | None:
        """Why c and d are not independent of each other; None when they are."""
        if not (self.any_relays or c.via or d.via):
            return None  # the common case: every source on its own
        a, b = c.source, d.source
        if b in self.reach(a):
            return f"{a} relays {b}"
        if a in self.reach(b):
            return f"{b} relays {a}"
        for claim, other in ((c, b), (d, a)):
            for through in claim.via:
                if self.related(through, other):
                    return f"{claim.id} came through {through}{self._who_relays(through, other)}"
        for through in c.via:
            for also in d.via:
                if self.related(through, also):
                    if through == also:
                        return f"both came through {through}"
                    return f"they came through {through} and {also}{self._who_relays(through, also)}"
        return None

    def _who_relays(self, a: str, b: str) -> str:
        """', which b relays' and the like: which of two related sources relays the other, as it is."""
        if a == b:
            return ""
        if b in self.reach(a):
            return f", and {a} relays {b}"
        return f", and {b} relays {a}"
