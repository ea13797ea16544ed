"""Text as it is compared: one Unicode form, no invisible characters, no case or punctuation."""

from __future__ import annotations

import re
import unicodedata

PUNCT = re.compile(r"[^\w\s]")
SPACE = re.compile(r"\s+")


def visible(text: str) -> str:
    """Unicode NFKC, without format characters (category Cf: zero-width spaces and joiners,
    direction marks): unseen, they would keep apart words that read the same."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def normalise_text(text: str) -> str:
    """Case, punctuation, typographic variants, invisible characters and spacing do not change what text says."""
    return SPACE.sub(" ", PUNCT.sub(" ", visible(text).casefold())).strip()
