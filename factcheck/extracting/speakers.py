"""Who said it, where the text says so ("the ministry said", "according to the Pentagon"), and
which of the project's sources that is.

A speaker is matched to a source only when one source alone fits: its id or its name in the
speaker's words, a word of its name a spelling slip away from the speaker's head word
(rapidfuzz), or the speaker's word for its kind ("the group" and one activist source). Anything
else is said in the note and left to the default source, for a person to decide.
"""

from __future__ import annotations

import re
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
CONTINUATION = re.compile(r"^(?:Of\s+(?:those|these|them|which)|Among\s+(?:them|those|these)|That\s+(?:figure|total|tally))\b")


@dataclass(frozen=True, slots=True)
class Speaker:
    words: str  # as the article names them: "the ministry"
    source: str | None  # the project's source they are, when one alone fits
    why: str  # how that was decided, or why it was not


def attribution(text: str, start: int, end: int, sources: list[Source], default: str) -> Speaker | None:
    """Who the sentence text[start:end] says is speaking, if it says."""
    m = SAYING.search(text, start, end)
    if m is None:
        return _named(text, start, end, sources, default)
    if m[0].lower().startswith("according"):  # according to the Pentagon
        return match(_words(text, m.end(), _clause_end(text, m.end(), end)), sources, default)
    # the ministry said; The group, which calls itself …, also said; …, said the ministry
    for words in (_words(text, _clause_start(text, start, m.start()), m.start(), last=True),
                  _words(text, start, _clause_end(text, start, m.start())),
                  _words(text, m.end(), _clause_end(text, m.end(), end))):
        if _content(words):
            speaker = match(words, sources, default)
            named = _named(text, start, m.start(), sources, default) if speaker.source is None else None
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


def _named(text: str, start: int, end: int, sources: list[Source], default: str) -> Speaker | None:
    """The one source whose full name (two words or more) the text holds."""
    low = " ".join(text[start:end].casefold().split())
    found = [s for s in sources if s.id != default and len(s.name.split()) >= 2 and _holds(low, s.name.casefold())]
    if len(found) == 1:
        return Speaker(found[0].name, found[0].id, "the sentence names it")
    return None


def _holds(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(" ".join(phrase.split())) + r"(?!\w)", text) is not None


def match(words: str, sources: list[Source], default: str) -> Speaker:
    """The source the speaker's words name, when one alone fits."""
    low = words.casefold()
    tokens = [w.casefold() for w in WORD.findall(words)]
    others = [s for s in sources if s.id != default]
    for rule, found in (
        ("its id", [s for s in others if s.id.casefold() in tokens]),
        ("its name", [s for s in others if _holds(low, s.name.casefold())]),
        ("words of its name", _by_name_words(tokens, others)),
        ("the word for its kind", _by_kind(tokens, others)),
    ):
        if len(found) == 1:
            return Speaker(words, found[0].id, rule)
        if len(found) > 1:
            return Speaker(words, None, f"who could be any of {', '.join(s.id for s in found)}")
    return Speaker(words, None, "who is none of the project's sources")


def _head(tokens: list[str]) -> str | None:
    content = [t for t in tokens if t not in EMPTY]
    return content[-1] if content else None


def _by_name_words(tokens: list[str], sources: list[Source]) -> list[Source]:
    """The source more of whose name's words the speaker's words are (spelling slips aside)
    than any other's: "Health Minister Hamad Hassan" and the Ministry of Public Health."""
    from rapidfuzz import fuzz

    words = [t for t in tokens if len(t) >= MIN_NAME_WORD and t not in EMPTY]
    scores = {}
    for s in sources:
        name = [w.casefold() for w in WORD.findall(s.name) if len(w) >= MIN_NAME_WORD]
        scores[s.id] = sum(any(fuzz.ratio(t, w) >= SLIP for w in name) for t in words)
    best = max(scores.values(), default=0)
    top = [s for s in sources if scores[s.id] == best]
    return top if best and len(top) == 1 else []


def _by_kind(tokens: list[str], sources: list[Source]) -> list[Source]:
    kind = KIND_WORDS.get(_head(tokens) or "")
    return [s for s in sources if s.kind == kind] if kind else []
