""""Did you mean …?": the one way every message suggests the name that was probably meant."""

from __future__ import annotations

from collections.abc import Iterable

from .typos import dropped

MIN_PREFIX = 4  # a shorter start of a name says too little of which name was meant
CUTOFF = 60  # similarity out of 100 (rapidfuzz's ratio, as difflib's): below it, more often wrong than helpful


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, whatever the case of either, if any is like it enough.

    rapidfuzz compares in C and stops early below the cut-off: thousands of unknown names
    against thousands of choices take a moment, not minutes (difflib took 189 s for 5,000 × 5,000)."""
    from rapidfuzz import fuzz, process  # imported only when a message needs it

    choices = choices if isinstance(choices, (list, tuple)) else list(choices)
    found = process.extractOne(word, choices, scorer=fuzz.ratio, processor=str.casefold, score_cutoff=CUTOFF)
    if found:
        return found[0]
    # A name's first word or words, as people shorten a slug (`baghuz` for `baghuz-strike-2019`).
    key = word.casefold()
    begun = [c for c in choices if len(key) >= MIN_PREFIX and c.casefold().startswith(key)]
    return min(begun, key=len) if begun else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)', or '' when nothing is close: to append to a message."""
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close else ""


class Suggestions:
    """did_you_mean() for many words against the same many choices, in time that grows with
    their number, not with its square: a name in another case, or a typo away (one letter
    added, dropped, changed or two swapped: found through an index of one-letter-dropped
    forms, as typos.py does), is found at once for every word; the wider comparison of
    closest() is made for the first FUZZY_WORDS distinct words only (a file of thousands of
    unknown names needs its first suggestions, not one for each)."""

    FUZZY_WORDS = 200

    def __init__(self, choices: Iterable[str]):
        self.choices = list(dict.fromkeys(choices))
        self.folded: dict[str, str] = {}
        self.by_form: dict[str, list[str]] = {}
        for choice in self.choices:
            key = choice.casefold()
            self.folded.setdefault(key, choice)
            for form in dropped(key):
                self.by_form.setdefault(form, []).append(choice)
        self.said: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        if word not in self.said:
            self.said[word] = self._closest(word)
        return self.said[word]

    def _closest(self, word: str) -> str | None:
        key = word.casefold()
        if key in self.folded:
            return self.folded[key]
        from rapidfuzz import fuzz
        from rapidfuzz.distance import OSA

        near = {c for form in dropped(key) for c in self.by_form.get(form, ())}
        typos = sorted(c for c in near if OSA.distance(key, c.casefold()) == 1
                       and fuzz.ratio(key, c.casefold()) >= CUTOFF)  # as alike as closest() asks
        if typos:
            return typos[0]
        if len(self.said) < self.FUZZY_WORDS:
            return closest(word, self.choices)
        return None

    def did_you_mean(self, word: str) -> str:
        close = self.closest(word)
        return f" (did you mean {close!r}?)" if close else ""
