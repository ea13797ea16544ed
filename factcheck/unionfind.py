"""Disjoint sets: things linked pairwise (files by shared events, measures by similarity or
by being declared comparable) gathered into groups."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    """Groups of items, joined pair by pair, with path halving (near-constant time per call)."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict = {item: item for item in items}

    def find(self, item: Hashable) -> Hashable:
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: Hashable, b: Hashable, root: Hashable | None = None) -> None:
        """Join the groups of a and b; `root`, if given (one of the two), names the joined group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if root is not None and self.find(root) == ra:
            ra, rb = rb, ra
        self.parent[ra] = rb

    def groups(self) -> dict[Hashable, list]:
        """Each group's items in the order they were first seen, by the group's root."""
        out: dict = {}
        for item in list(self.parent):
            out.setdefault(self.find(item), []).append(item)
        return out
