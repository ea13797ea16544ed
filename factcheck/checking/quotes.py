"""Quote checks: every quote of a source with a `document` must appear in that document.

Matching forgives what copying text changes — case, white space and line breaks, typographic
quotes, apostrophes and dashes — and nothing else. A quote may leave words out with an
ellipsis ("…", "...", "[...]"); its pieces must then appear in order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from ..confined import MAX_DOCUMENT_BYTES, Refused, read_bytes
from ..model import Claim, Finding, Source

FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "\u00ad": None, "\u200b": None, "\u200e": None, "\u200f": None,
})
SPACE = re.compile(r"\s{2,}|[^\S ]+")  # runs of white space, or any that is not one plain space
ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")
WORD = re.compile(r"\w+")
SHOWN = 160  # characters of the closest passage shown in a finding
PROBE = 300  # characters of a quote looked for when it is not found: enough to place it
INDEXED = 200_000  # a document at least this long is searched through an index of its words ...
INDEX_AFTER = 50  # ... once it has been searched this many times (an index costs some 200 searches)
ANCHORS = 3  # words of a quote that vote for where it stands
VOTES = 50  # places each of them may vote for
KEY = 24  # characters, from a word's start, by which many quotes are looked for in one pass
WINDOWS = 2  # places in the document where the closest passage is looked for


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(FOLD).casefold()
    return SPACE.sub(" ", text).strip()


class Document:
    """A source's original text, folded for matching, searched within a budget: a long document
    is searched through an index of where each word stands (made once, when first needed), so
    that ten thousand quotes, or one of 100 KB, cost what their words cost, not the document's
    length each time."""

    def __init__(self, text: str):
        self.text = text
        self._words: dict[str, list[int]] | None = None
        self._searches = 0
        self._digest = hashlib.blake2b(text.encode(), digest_size=20).hexdigest()

    def fingerprint(self) -> str:
        return self._digest

    def words(self) -> dict[str, list[int]] | None:
        """Where each word stands, for a long document searched often enough to pay for it."""
        if self._words is None and len(self.text) >= INDEXED:
            self._searches += 1
            if self._searches > INDEX_AFTER:
                self._words = {}
                for m in WORD.finditer(self.text):
                    self._words.setdefault(m[0], []).append(m.start())
        return self._words

    def occurrences(self, word: str, limit: int) -> list[int]:
        """Where a whole word stands, at most `limit` places."""
        words = self.words()
        if words is not None:
            return words.get(word, [])[:limit]
        found, at = [], -1
        while len(found) < limit:
            at = self.text.find(word, at + 1)
            if at < 0:
                break
            if (at == 0 or not self.text[at - 1].isalnum()) and not self.text[at + len(word): at + len(word) + 1].isalnum():
                found.append(at)
        return found

    def find(self, piece: str, start: int = 0) -> int:
        """Like str.find, through the index where there is one: only where the piece's rarest
        whole word stands is the piece compared."""
        words = self.words()
        inner = [m for m in WORD.finditer(piece) if m.start() > 0 and m.end() < len(piece)] if words else []
        if not inner:
            return self.text.find(piece, start)
        anchor = min(inner, key=lambda m: len(words.get(m[0], ())))
        for at in words.get(anchor[0], ()):
            begin = at - anchor.start()
            if begin >= start and self.text.startswith(piece, begin):
                return begin
        return -1

    def first_places(self, wanted: list[str]) -> dict[str, int]:
        """Where each piece first stands (-1: nowhere), all found in one pass over the starts of
        the document's words. Pieces too short to be keyed so are looked for one by one."""
        keyed: dict[str, list[tuple[str, int]]] = {}
        found: dict[str, int] = {}
        for piece in set(wanted):
            m = next((m for m in WORD.finditer(piece) if m.start() > 0 and len(piece) - m.start() >= KEY), None)
            if m is None:
                found[piece] = self.text.find(piece)
            else:
                keyed.setdefault(piece[m.start(): m.start() + KEY], []).append((piece, m.start()))
                found[piece] = -1
        text, left = self.text, sum(len(v) for v in keyed.values())
        for m in WORD.finditer(text):
            if not left:
                break
            for piece, offset in keyed.get(text[m.start(): m.start() + KEY], ()):
                begin = m.start() - offset
                if found[piece] < 0 and begin >= 0 and text.startswith(piece, begin):
                    found[piece] = begin
                    left -= 1
        return found

    def places(self, probe: str) -> list[int]:
        """Where in the text a probe most probably stands, best first, by the votes of its
        longest words (each voting for where the probe would begin)."""
        votes: dict[int, int] = {}
        anchors = sorted({m[0]: m for m in WORD.finditer(probe)}.values(), key=lambda m: -len(m[0]))[:ANCHORS]
        for m in anchors:
            for at in self.occurrences(m[0], VOTES):
                bucket = max(0, at - m.start()) // 64
                votes[bucket] = votes.get(bucket, 0) + 1
        return [b * 64 for b, _ in sorted(votes.items(), key=lambda v: -v[1])[:WINDOWS]]


def read_documents(sources: dict[str, Source]) -> dict[str, Document | None]:
    """Each source's document, folded for matching, by path; None where it cannot be read
    (the loader has said why)."""
    return {s.document: read_document(s.document) for s in sources.values() if s.document}


def check_quotes(claims: list[Claim], sources: dict[str, Source], documents: dict[str, Document | None]) -> list[Finding]:
    quoted = [(c, documents.get(sources[c.source].document)) for c in claims
              if c.quote and c.source in sources and sources[c.source].document]
    quoted = [(c, d) for c, d in quoted if d is not None]
    by_document: dict[int, list[Claim]] = {}
    for claim, document in quoted:
        by_document.setdefault(id(document), []).append(claim)
    firsts: dict[str, int] = {}
    for claim, document in quoted:  # many quotes of one long document: their first pieces found in one pass
        if len(by_document.get(id(document), ())) > INDEX_AFTER and len(document.text) >= INDEXED:
            firsts |= document.first_places([pieces(c.quote)[0] for c in by_document.pop(id(document)) if pieces(c.quote)])
    findings = []
    for claim, document in quoted:
        if appears(claim.quote, document, firsts):
            continue
        findings.append(Finding(
            "quote",
            f"quote of {claim.id} not found in {sources[claim.source].document}: {closest(claim.quote, document)}",
            (claim.id,),
            claim.quote_location or claim.location,
        ))
    return findings


def read_document(path: str) -> Document | None:
    """The document, folded; None when it cannot be read (the loader has said why)."""
    try:
        return Document(fold(read_bytes(path, MAX_DOCUMENT_BYTES).decode("utf-8-sig", errors="replace")))
    except Refused:
        return None


@lru_cache(maxsize=4096)
def pieces(quote: str) -> tuple[str, ...]:
    """A quote's parts between ellipses, folded."""
    return tuple(p for p in ELLIPSIS.split(fold(quote)) if p)


def appears(quote: str, document: Document, firsts: dict[str, int] | None = None) -> bool:
    """Whether the quote's pieces appear in the document, in order. `firsts`: where first
    pieces were found already, when many quotes were looked for at once."""
    position = 0
    for i, piece in enumerate(pieces(quote)):
        found = firsts[piece] if i == 0 and firsts and piece in firsts else document.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def closest(quote: str, document: Document) -> str:
    """The passage most like the quote (its first PROBE characters, which place it), in whole
    words, with how alike it is; looked for only where its words stand in a long document."""
    from rapidfuzz import fuzz  # imported only when a quote is not found

    probe = " ".join(pieces(quote))[:PROBE]
    text = document.text
    if len(text) < INDEXED:
        candidates = [(0, len(text))]
    else:
        candidates = [(max(0, at - len(probe)), at + 2 * len(probe) + 64) for at in document.places(probe)]
    best = None
    for lo, hi in candidates:
        hit = fuzz.partial_ratio_alignment(probe, text[lo:hi])
        if hit is not None and hit.score > 0 and (best is None or hit.score > best[0].score):
            best = (hit, lo)
    if best is None:
        return "nothing in it is like it"
    hit, lo = best
    start = text.rfind(" ", 0, lo + hit.dest_start) + 1  # whole words, not a cut one
    end = text.find(" ", lo + hit.dest_end)
    passage = text[start: end if end >= 0 else None]
    if len(passage) > SHOWN:
        passage = passage[: SHOWN - 1] + "…"
    return f"the closest passage is {hit.score:.0f}% similar: \"{passage}\""
