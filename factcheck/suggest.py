""""Did you mean …?": the one way every message suggests the name that was probably meant."""

from __future__ import annotations

from collections.abc import Iterable

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
