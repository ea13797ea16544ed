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
    """What a text value is compared as (docs/format.md, "Texts"): Unicode NFKC, case folded, and
    every character that is not a letter or a digit removed, so `E-190`, `e 190` and `E190` are
    one text, and so are `surface-to-air missile` and `surface to air missile`."""
    return "".join(c for c in visible(text).casefold() if c.isalnum())
