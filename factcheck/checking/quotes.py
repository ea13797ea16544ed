"""Quote checks: every quote of a source with a `document` must appear in that document.

Matching forgives what copying text changes — case, white space and line breaks, typographic
quotes, apostrophes and dashes — and nothing else. A quote may leave words out with an
ellipsis ("…", "...", "[...]"); its pieces must then appear in order.
"""

from __future__ import annotations

import re
import unicodedata

from ..confined import MAX_DOCUMENT_BYTES, Refused, read_bytes
from ..model import Claim, Finding, Source

FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "\u00ad": None, "\u200b": None, "\u200e": None, "\u200f": None,
})
SPACE = re.compile(r"\s+")
ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")
SHOWN = 160  # characters of the closest passage shown in a finding


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(FOLD).casefold()
    return SPACE.sub(" ", text).strip()


def read_documents(sources: dict[str, Source]) -> dict[str, str | None]:
    """Each source's document, folded for matching, by path; None where it cannot be read
    (the loader has said why)."""
    return {s.document: read_document(s.document) for s in sources.values() if s.document}


def check_quotes(claims: list[Claim], sources: dict[str, Source], documents: dict[str, str | None]) -> list[Finding]:
    findings = []
    for claim in claims:
        source = sources.get(claim.source)
        if not claim.quote or not source or not source.document:
            continue
        text = documents.get(source.document)
        if text is None or appears(claim.quote, text):
            continue
        findings.append(Finding(
            "quote",
            f"quote of {claim.id} not found in {source.document}: {closest(claim.quote, text)}",
            (claim.id,),
            claim.quote_location or claim.location,
        ))
    return findings


def read_document(path: str) -> str | None:
    """The document's text, folded; None when it cannot be read (the loader has said why)."""
    try:
        return fold(read_bytes(path, MAX_DOCUMENT_BYTES).decode("utf-8-sig", errors="replace"))
    except Refused:
        return None


def appears(quote: str, folded_document: str) -> bool:
    position = 0
    for piece in ELLIPSIS.split(fold(quote)):
        if not piece:
            continue
        found = folded_document.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def closest(quote: str, folded_document: str) -> str:
    from rapidfuzz import fuzz  # imported only when a quote is not found

    q = ELLIPSIS.sub(" ", fold(quote))
    hit = fuzz.partial_ratio_alignment(q, folded_document)
    if hit is None or hit.score == 0:
        return "nothing in it is like it"
    start = folded_document.rfind(" ", 0, hit.dest_start) + 1  # whole words, not a cut one
    end = folded_document.find(" ", hit.dest_end)
    passage = folded_document[start : end if end >= 0 else None]
    if len(passage) > SHOWN:
        passage = passage[: SHOWN - 1] + "…"
    return f"the closest passage is {hit.score:.0f}% similar: \"{passage}\""
