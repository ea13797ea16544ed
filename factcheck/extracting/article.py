"""An article's plain text, read safely, as sentences and direct quotes that know where they are.

Everything here is one pass over the text: sentence ends, quotes and headlines are found with
expressions that never backtrack over what they have read, so a hostile file costs time in
proportion to its size.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..loading.yamlfile import read_text
from ..model import Location, Problem

MAX_ARTICLE_BYTES = 8 * 2**20  # an article, even a long report, is a few hundred KB
PARAGRAPH = re.compile(r"\n[ \t\r]*\n")  # paragraphs are separated by blank lines
# A sentence ends at . ! or ?, perhaps with closing quotes or brackets, then space.
END = re.compile(r"[.!?]+[\"”’)\]]*\s+")
WORD_BEFORE = re.compile(r"[\w.]{0,12}$")
# Abbreviations whose period ends no sentence (before "Greenwich", "President", ...).
ABBREVIATIONS = {"a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "st", "no", "jan", "feb", "mar",
                 "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen", "col", "lt", "sgt", "capt",
                 "gov", "sen", "rep", "inc", "ltd", "co", "vs", "i.e", "e.g", "approx"}
QUOTE = re.compile(r"“([^“”\n]*)”|\"([^\"\n]*)\"")
MIN_QUOTE_WORDS = 5
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # offsets in the article's text
    end: int
    text: str
    headline: bool  # a title, a caption or a related link: no sentence of the story


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # of the quoted words, inside the quote marks
    end: int
    text: str  # the article's exact words


@dataclass
class Article:
    path: str
    text: str
    sentences: list[Sentence]
    quotes: list[Quote]
    _lines: list[int]

    def __post_init__(self) -> None:
        self._quote_starts = [q.start for q in self.quotes]

    def at(self, offset: int) -> Location:
        """Where an offset is, as FILE:LINE:COLUMN counts (1-based, in characters)."""
        line = bisect_right(self._lines, offset)
        return Location(self.path, line, offset - self._lines[line - 1] + 1)

    def quote_around(self, start: int, end: int) -> Quote | None:
        """The quote holding text[start:end], if any (quotes are in order and never overlap)."""
        i = bisect_right(self._quote_starts, start) - 1
        q = self.quotes[i] if i >= 0 else None
        return q if q is not None and end <= q.end else None


def read_article(path: str) -> tuple[Article | None, list[Problem]]:
    """The article, or why it cannot be read: not a regular file, too large, not UTF-8 text."""
    text, problems = read_text(path, MAX_ARTICLE_BYTES, "extract reads an article's plain text, in UTF-8",
                               "save the article as UTF-8 text")
    if text is None:
        return None, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [0, *(m.end() for m in re.finditer("\n", text))]
    return Article(path, text, sentences(text), quotes(text), lines), []


def sentences(text: str) -> list[Sentence]:
    found = []
    start = 0
    for m in [*PARAGRAPH.finditer(text), None]:
        end = m.start() if m else len(text)
        found += _split(text, start, end)
        start = m.end() if m else end
    return found


def _split(text: str, start: int, end: int) -> list[Sentence]:
    """One paragraph's sentences."""
    out, begin = [], start
    for m in END.finditer(text, start, end):
        before = WORD_BEFORE.search(text, max(start, m.start() - 12), m.start())
        word = before[0].lower().rstrip(".") if before else ""
        if text[m.start()] == "." and (word in ABBREVIATIONS or len(word) == 1):
            continue
        out.append(_sentence(text, begin, m.end()))
        begin = m.end()
    if begin < end:
        out.append(_sentence(text, begin, end))
    return [s for s in out if s.text]


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    body = text[start:end]
    return Sentence(start, end, body, _is_headline(body))


def _is_headline(body: str) -> bool:
    """Title Case with no sentence's end: a headline, a caption, a related link."""
    if not body or body[-1] in ".!?”\"’":
        return False
    words = [w for w in WORD.findall(body) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 > len(words)


def quotes(text: str) -> list[Quote]:
    """Direct quotes of MIN_QUOTE_WORDS words or more, without a comma closing them."""
    found = []
    for m in QUOTE.finditer(text):
        group = 1 if m[1] is not None else 2
        start, end = m.start(group), m.end(group)
        while end > start and text[end - 1] in ", \t\n":
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if len(WORD.findall(text, start, end)) >= MIN_QUOTE_WORDS:
            found.append(Quote(start, end, text[start:end]))
    return found
