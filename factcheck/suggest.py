""""Did you mean …?": the one way every message suggests the name that was probably meant."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

CUTOFF = 0.6  # difflib's ratio: below it, a suggestion is more often wrong than helpful


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, if any is like it enough."""
    close = get_close_matches(word, list(choices), n=1, cutoff=CUTOFF)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)', or '' when nothing is close: to append to a message."""
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close else ""
