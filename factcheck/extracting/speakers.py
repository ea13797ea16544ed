"""Who said it, where the text says so ("the ministry said", "according to the Pentagon"), and
which of the project's sources that is.

A speaker is matched to a source only when one source alone fits: its id or its name in the
speaker's words, more words of its name than any other's (a spelling slip apart, by rapidfuzz),
or the speaker's word for its kind ("the group" and one activist source). Anything else is said
in the note and left to the default source, for a person to decide. The sources are indexed
once (`Roster`), so that matching costs what the article's words cost, however many sources the
project has.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Source

# Verbs of saying ("states", "reports" and "claims" are nouns as often: "United States", "the claims of").
SAYING = re.compile(r"\b(?:said|says|wrote|writes|reported|confirmed|confirms|announced|announces|stated|added|"
                    r"continued|told|tweeted|posted|claimed|estimated|estimates|counted|recorded|documented|"
                    r"according\s+to)\b", re.IGNORECASE)
BOUNDARY = re.compile(r"[,;:“”\"—–()]|\bthat\b")
WORD = re.compile(r"[A-Za-z][\w'’-]*")
SPAN_WORDS = 8
CLAUSE = 120  # characters a speaker's words may be from the verb
EMPTY = {"also", "it", "they", "he", "she", "we", "has", "have", "had", "then", "later", "previously", "further",
         "but", "and", "who", "which", "the", "a", "an", "in", "on", "its", "their", "this"}
KIND_WORDS = {"group": "activist", "activists": "activist", "activist": "activist", "ministry": "ministry",
              "military": "military", "army": "military", "forces": "military", "command": "military",
              "government": "government", "monitor": "monitor", "observatory": "monitor", "agency": "news",
              "newspaper": "news", "broadcaster": "news", "channel": "news", "charity": "ngo", "ngo": "ngo"}
SLIP = 90  # rapidfuzz's ratio from which a word is the same name misspelt (ministry / Ministry, Defence / Defense)
MIN_NAME_WORD = 4
LONGEST_NAME = 16  # words of a source's name looked for in a sentence
CONTINUATION = re.compile(r"^(?:Of\s+(?:those|these|them|which)|Among\s+(?:them|those|these)|That\s+(?:figure|total|tally))\b")


@dataclass(frozen=True, slots=True)
class Speaker:
    words: str  # as the article names them: "the ministry"
    source: str | None  # the project's source they are, when one alone fits
    why: str  # how that was decided, or why it was not


def attribution(text: str, start: int, end: int, roster: Roster) -> Speaker | None:
    """Who the sentence text[start:end] says is speaking, if it says."""
    m = SAYING.search(text, start, end)
    if m is None:
        return roster.named(text, start, end)
    if m[0].lower().startswith("according"):  # according to the Pentagon
        return roster.match(_words(text, m.end(), _clause_end(text, m.end(), end)))
    # the ministry said; The group, which calls itself …, also said; …, said the ministry
    for words in (_words(text, _clause_start(text, start, m.start()), m.start(), last=True),
                  _words(text, start, _clause_end(text, start, m.start())),
                  _words(text, m.end(), _clause_end(text, m.end(), end))):
        if _content(words):
            speaker = roster.match(words)
            named = roster.named(text, start, m.start()) if speaker.source is None else None
            return Speaker(speaker.words, named.source, named.why) if named else speaker
    return None


def _clause_start(text: str, start: int, verb: int) -> int:
    """Where the clause ending at the verb starts: after the last comma, quote mark, dash or "that"."""
    last = None
    for last in BOUNDARY.finditer(text, max(start, verb - CLAUSE), verb):
        pass
    return last.end() if last else max(start, verb - CLAUSE)


def _clause_end(text: str, start: int, end: int) -> int:
    stop = BOUNDARY.search(text, start, min(end, start + CLAUSE))
    return stop.start() if stop else min(end, start + CLAUSE)


def _words(text: str, start: int, end: int, last: bool = False) -> str:
    words = WORD.findall(text, start, end)
    return " ".join(words[-SPAN_WORDS:] if last else words[:SPAN_WORDS])


def _content(words: str) -> bool:
    return any(w.lower() not in EMPTY for w in words.split())


class Roster:
    """The project's sources other than the default one, indexed for matching speakers to them."""

    def __init__(self, sources: list[Source], default: str):
        others = [s for s in sources if s.id != default]
        self.by_id: dict[str, list[Source]] = {}
        self.by_name: dict[tuple[str, ...], list[Source]] = {}
        self.by_word: dict[str, set[str]] = {}  # a word of a name (MIN_NAME_WORD letters or more) → the sources' ids
        self.by_kind: dict[str, list[Source]] = {}
        for s in others:
            self.by_id.setdefault(s.id.casefold(), []).append(s)
            self.by_name.setdefault(tuple(_tokens(s.name)), []).append(s)
            for w in _tokens(s.name):
                if len(w) >= MIN_NAME_WORD:
                    self.by_word.setdefault(w, set()).add(s.id)
            self.by_kind.setdefault(s.kind, []).append(s)
        self.sources = {s.id: s for s in others}
        self.by_length: dict[int, list[str]] = {}  # name words by length: a slip changes a word's length little
        for w in self.by_word:
            self.by_length.setdefault(len(w), []).append(w)
        self._matched: dict[str, Speaker] = {}

    def named(self, text: str, start: int, end: int) -> Speaker | None:
        """The one source whose full name (two words or more) the text holds."""
        tokens = _tokens(text[start:end])
        found = {s.id: s for n in range(2, LONGEST_NAME + 1) for i in range(len(tokens) - n + 1)
                 for s in self.by_name.get(tuple(tokens[i:i + n]), ())}
        if len(found) == 1:
            (source,) = found.values()
            return Speaker(source.name, source.id, "the sentence names it")
        return None

    def match(self, words: str) -> Speaker:
        """The source the speaker's words name, when one alone fits (worked out once per wording)."""
        if words not in self._matched:
            self._matched[words] = self._match(words)
        return self._matched[words]

    def _match(self, words: str) -> Speaker:
        tokens = _tokens(words)
        spans = {tuple(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)}
        for rule, found in (
            ("its id", _unique(s for t in tokens for s in self.by_id.get(t, ()))),
            ("its name", _unique(s for span in spans for s in self.by_name.get(span, ()))),
            ("words of its name", self._by_name_words(tokens)),
            ("the word for its kind", self.by_kind.get(KIND_WORDS.get(_head(tokens) or ""), [])),
        ):
            if len(found) == 1:
                return Speaker(words, found[0].id, rule)
            if len(found) > 1:
                return Speaker(words, None, f"who could be any of {', '.join(s.id for s in found)}")
        return Speaker(words, None, "who is none of the project's sources")

    def _by_name_words(self, tokens: list[str]) -> list[Source]:
        """The source more of whose name's words the speaker's words are (spelling slips aside)
        than any other's: "Health Minister Hamad Hassan" and the Ministry of Public Health."""
        scores: Counter[str] = Counter()
        for t in {t for t in tokens if len(t) >= MIN_NAME_WORD and t not in EMPTY}:
            scores.update(set().union(*(self.by_word[w] for w in self._slips(t))))
        ranked = scores.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return []
        return [self.sources[ranked[0][0]]]

    def _slips(self, word: str) -> list[str]:
        """The name words at a rapidfuzz ratio of SLIP or more from word: only those of a length
        that can reach it are compared."""
        from rapidfuzz import fuzz, process

        low, high = -(-len(word) * SLIP // (200 - SLIP)), len(word) * (200 - SLIP) // SLIP
        near = [w for n in range(low, high + 1) for w in self.by_length.get(n, ())]
        return [w for w, _, _ in process.extract(word, near, scorer=fuzz.ratio, score_cutoff=SLIP, limit=None)]


def _tokens(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def _unique(sources) -> list[Source]:
    return list({s.id: s for s in sources}.values())


def _head(tokens: list[str]) -> str | None:
    content = [t for t in tokens if t not in EMPTY]
    return content[-1] if content else None
