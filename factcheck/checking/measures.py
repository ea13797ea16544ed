"""Which measure names speak of the same thing (docs/format.md, "Measures").

Names are normalised (Unicode form, invisible characters, case, punctuation, spacing,
plurals), then looked up among declared
names and aliases, then — conservatively — merged by spelling. Similarity only ever merges
names whose words are the same but for spacing ("airstrikes" = "air strikes") or one typo in
one long word ("civillian deaths"); a name with a different, extra or missing word stays
apart, so "air strikes in iraq" never meets "air strikes in syria" nor "iran".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from ..model import Measure, Merge, Project
from ..text import visible
from ..typos import holes, same_elsewhere, typo_pairs
from ..unionfind import UnionFind

WORD = re.compile(r"[^\W_]+")
TYPO_MIN_LENGTH = 6  # shorter words are too often other real words: iraq/iran, kill/kills
KEEP_S = ("ss", "us", "is", "ics", "ous")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """'Air-Strikes ' → 'air strike'; 'civilian casualties' → 'civilian casualty'."""
    text = visible(name).casefold().replace("&", " and ")
    return " ".join(singular(w) for w in WORD.findall(text))


def singular(word: str) -> str:
    if len(word) <= 3 or word.isdigit() or word.endswith(KEEP_S):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


class MeasureNames:
    """Maps each measure name as written to the canonical measure it is compared under."""

    def __init__(self, declared: dict[str, Measure], names: Counter[str], exact: bool = False):
        """`declared` by normalised name; `names`: every name as written, with how often."""
        self.canonical: dict[str, str] = {}  # normalised name → canonical normalised name
        self.label: dict[str, str] = {}  # canonical → how to show it
        self.merged: dict[str, Merge] = {}  # normalised name → how it was merged
        for key, m in declared.items():
            self.canonical[key] = key
            self.label[key] = m.label
            for alias in m.aliases:
                self.canonical.setdefault(alias, key)
        counts: Counter[str] = Counter()
        first_label: dict[str, str] = {}
        for written, n in names.items():
            key = normalise(written)
            counts[key] += n
            first_label.setdefault(key, written)
        unknown = [k for k in counts if k not in self.canonical]
        if not exact:
            self._merge_similar(unknown, counts, first_label)
        for key in unknown:
            if key not in self.canonical:
                self.canonical[key] = key
                self.label[key] = first_label[key]
        self.group = self._comparable_groups(declared)

    def __call__(self, written: str) -> str:
        return self.canonical.get(normalise(written)) or normalise(written)

    def _merge_similar(self, unknown: list[str], counts: Counter[str], first_label: dict[str, str]) -> None:
        known = list(self.canonical)
        similar = UnionFind(known + unknown)
        for a, b in similar_pairs(known, unknown):
            similar.union(a, b)
        for members in similar.groups().values():
            if len(members) < 2:
                continue
            declared = {self.canonical[k] for k in members if k in self.canonical}
            if len(declared) > 1:
                continue  # it would join two declared measures: leave the undeclared names alone
            if declared:
                into = declared.pop()
            else:
                into = max(members, key=lambda k: (counts[k], k.count(" "), k))  # "air strikes" over "airstrikes"
                self.canonical[into] = into
                self.label[into] = first_label[into]
            from rapidfuzz import (
                fuzz,  # imported, like all of rapidfuzz, only when a run needs it
            )

            for k in members:
                if k not in self.canonical:
                    self.canonical[k] = into
                    score = round(fuzz.ratio(k, into), 1)
                    self.merged[k] = Merge(first_label[k], self.label[into], score, counts[k])

    def _comparable_groups(self, declared: dict[str, Measure]) -> dict[str, str]:
        """Canonical measure → the group whose claims are compared with each other."""
        comparable = UnionFind(self.canonical.values())
        for key, m in declared.items():
            for other in m.comparable:
                comparable.union(key, self.canonical.get(other, other))
        # A group is named by its first name in sorted order, so that reports list groups alike on every run.
        return {k: min(members) for members in comparable.groups().values() for k in members}

    def fingerprint(self) -> list:
        """All that decides how names are grouped: for cache keys, and for the cache to keep."""
        merged = sorted((k, m.name, m.into, m.score, m.claims) for k, m in self.merged.items())
        return [sorted(self.canonical.items()), sorted(self.label.items()), sorted(self.group.items()), merged]

    @classmethod
    def from_fingerprint(cls, kept: list) -> MeasureNames:
        """The names as fingerprint() gave them, grouped again without comparing a name."""
        canonical, label, group, merged = kept
        names = cls.__new__(cls)
        names.canonical, names.label, names.group = dict(canonical), dict(label), dict(group)
        names.merged = {k: Merge(name, into, score, claims) for k, name, into, score, claims in merged}
        return names

    def merges(self) -> list[Merge]:
        return sorted(self.merged.values(), key=lambda m: m.name)

    def group_of(self, canonical: str) -> str:
        return self.group.get(canonical, canonical)


def similar_pairs(known: list[str], unknown: list[str]):
    """Pairs of names that differ only in spacing, or by one typo in one long word.

    Indexed, not all-pairs: names meet only when they share a compact spelling, or all their
    words but the one at the same position, and that word a typo apart (typos.py).
    """
    by_compact: dict[str, list[str]] = defaultdict(list)
    by_hole: dict[tuple, list[tuple[str, list[str]]]] = defaultdict(list)
    for name in known + unknown:
        by_compact[name.replace(" ", "")].append(name)
        words = name.split(" ")
        for key in holes(words):
            w = words[key[0]]
            if len(w) >= TYPO_MIN_LENGTH - 1 and not any(c.isdigit() for c in w):
                by_hole[key].append((name, words))
    unknown_set = set(unknown)
    for names in by_compact.values():
        for other in names[1:]:
            yield names[0], other
    for (i, _, _), named in by_hole.items():
        if len(named) < 2:
            continue
        by_word: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        for name, words in named:
            by_word[words[i]].append((name, words))
        for a_word, b_word in typo_pairs(by_word):
            if a_word[0] != b_word[0] or max(len(a_word), len(b_word)) < TYPO_MIN_LENGTH:
                continue  # short words and other first letters are too often other real words
            for a, a_words in by_word[a_word]:
                for b, b_words in by_word[b_word]:
                    if (a in unknown_set or b in unknown_set) and same_elsewhere(a_words, b_words, i):
                        yield a, b


def measure_names(project: Project, exact: bool = False, kept=None) -> MeasureNames:
    """How the project's measure names group, worked out once per project (the warnings and
    the checks both need it). `kept`: a cache (get, put, key), which keeps the grouping by all
    it is worked out from: comparing names for typos is most of a re-check's work on them."""
    memo = ("measure names", exact)
    if memo in project.derived:
        return project.derived[memo]
    counts = project.measure_counts()
    # the names in the order they come (the first spelling of a name is the one shown)
    key = kept.key("measure names", exact, list(project.measures.items()), list(counts.items())) if kept else ""
    found = kept.get(key) if key else None
    try:
        names = MeasureNames.from_fingerprint(found[0]) if found else None
    except (TypeError, ValueError):  # an entry of another shape: a miss
        names = None
    if names is None:
        names = MeasureNames(project.measures, counts, exact)
        if key:
            kept.put(key, names.fingerprint())
    project.derived[memo] = names
    return names
