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

MAX_WORD = 64  # letters: longer is no word of any language, and its forms would cost its length squared


def typo_pairs(words: Iterable[str]) -> set[tuple[str, str]]:
    """Every pair (a, b), a < b, of distinct words a typo apart (words of at most MAX_WORD letters)."""
    by_form: dict[str, list[str]] = {}
    for word in set(words):
        if len(word) > MAX_WORD:
            continue
        for form in dropped(word):
            by_form.setdefault(form, []).append(word)
    candidates = {pair for alike in by_form.values() if len(alike) > 1 for pair in combinations(sorted(alike), 2)}
    if not candidates:
        return set()  # most runs: and rapidfuzz is not even imported
    from rapidfuzz.distance import OSA

    return {(a, b) for a, b in candidates if OSA.distance(a, b) == 1}


def dropped(word: str) -> set[str]:
    """The word and its forms with one letter dropped (the word alone, past MAX_WORD letters)."""
    if len(word) > MAX_WORD:
        return {word}
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def holes(words: list[str]) -> list[tuple[int, int, int]]:
    """For each position i, a key that every name with the same words at all other positions
    shares: (i, a hash of the words before, a hash of the words after). Each hash is made from
    the one beside it, so a name of n words costs n, where keys of the words themselves would
    cost n squared. Hashes may collide: `same_elsewhere` confirms a pair."""
    before = [0]
    for w in words:
        before.append(hash((before[-1], w)))
    after = [0] * (len(words) + 1)
    for i in range(len(words) - 1, -1, -1):
        after[i] = hash((after[i + 1], words[i]))
    return [(i, before[i], after[i + 1]) for i in range(len(words))]


def same_elsewhere(a: list[str], b: list[str], i: int) -> bool:
    """Whether two names' words are the same at every position but i."""
    return len(a) == len(b) and a[:i] == b[:i] and a[i + 1:] == b[i + 1:]
