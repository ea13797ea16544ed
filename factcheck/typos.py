"""Words a typo apart, found without comparing every pair of words.

Two words are a typo apart when one edit (a letter added, dropped, changed, or two neighbours
swapped) turns one into the other. Such words share a form with one letter dropped ("civillian"
and "civilian" both give "civilian"; "raid" and "riad" both give "rid"), so indexing every word
by its one-letter-dropped forms brings together exactly the pairs worth checking: the work grows
with the number of words, not with its square.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations


def typo_pairs(words: Iterable[str]) -> set[tuple[str, str]]:
    """Every pair (a, b), a < b, of distinct words a typo apart."""
    by_form: dict[str, list[str]] = {}
    for word in set(words):
        for form in {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}:
            by_form.setdefault(form, []).append(word)
    candidates = {pair for alike in by_form.values() if len(alike) > 1 for pair in combinations(sorted(alike), 2)}
    if not candidates:
        return set()  # most runs: and rapidfuzz is not even imported
    from rapidfuzz.distance import OSA

    return {(a, b) for a, b in candidates if OSA.distance(a, b) == 1}
