"""Figures in a sentence: a number as the article writes it (digits, words, a qualifier, a
range, a vague word), or a negated count ("no civilian casualties"), with what it counts.

A figure is kept only when what it counts can be read from the words around it; years, clock
times, dates, durations, ordinals, hashtags and designations ("Mirage 2000") are no counts.
What the value says is left to factcheck's own value reader, which the proposal must pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..loading.values import BOUNDS, NUMBER_WORDS, VAGUE
from .clock import MONTHS, WEEKDAYS

TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z][A-Za-z'’]*|[^\sA-Za-z\d]")


def _by_first_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their first word, longest first: a token is tried against its own only."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted((tuple(p.split()) for p in phrases), key=len, reverse=True):
        out.setdefault(words[0], []).append(words)
    return out


QUALIFIERS = _by_first_word(w for words, _ in BOUNDS for w in words if w[0].isalpha())
VAGUE_WORDS = _by_first_word(VAGUE)
SUFFIXES = (("or", "more"), ("or", "so"), ("or", "fewer"), ("or", "less"), ("plus",))
STOP = {
    "a", "an", "the", "of", "on", "in", "at", "to", "by", "for", "from", "with", "without", "against", "into", "onto",
    "over", "under", "inside", "outside", "across", "since", "during", "after", "before", "per", "and", "or", "but",
    "that", "which", "who", "whom", "whose", "this", "these", "those", "their", "its", "his", "her", "our", "your",
    "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "got", "get", "will", "would", "could",
    "should", "may", "might", "can", "did", "do", "does", "not", "also", "as", "than", "then", "there", "here",
    "more", "less", "fewer", "about", "some", "all", "each", "other", "such", "so", "if", "when", "while", "where",
    "it", "they", "them", "we", "he", "she", "you", "i", "said", "says", "say", "according", "including",
}
# Units of time: "24 hours" is a duration, no count of anything checked.
DURATIONS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
             "months", "year", "years", "decade", "decades", "time", "times", "percent", "per", "%", "st", "nd",
             "rd", "th", "am", "pm", "a.m", "p.m", "o'clock", "gmt", "utc"}
# Verbs whose object a measure is named after: "dropped 16 bombs" → bombs dropped.
ACTS = {"dropped": "dropped", "dropping": "dropped", "fired": "fired", "firing": "fired", "launched": "launched",
        "launching": "launched", "destroying": "destroyed", "killed": "killed", "killing": "killed",
        "wounded": "wounded", "wounding": "wounded", "injured": "injured", "injuring": "injured",
        "arrested": "arrested", "detained": "detained", "displaced": "displaced", "evacuated": "evacuated",
        "rescued": "rescued", "seized": "seized", "captured": "captured", "destroyed": "destroyed",
        "intercepted": "intercepted", "downed": "downed", "deployed": "deployed", "shelled": "shelled"}
# ... and what is done to them: "12 civilians were killed" → civilians killed.
DONE = {"killed", "wounded", "injured", "dead", "hurt", "missing", "displaced", "arrested", "detained", "evacuated",
        "rescued", "captured", "destroyed", "intercepted", "executed", "homeless", "treated", "hospitalised",
        "hospitalized", "fled"}
AUXILIARIES = {"were", "was", "have", "has", "had", "been", "got", "are", "is", "being", "reportedly", "also", "still",
               "left", "later", "all"}
# Units: what is counted is what follows "of": "2,750 tonnes of ammonium nitrate".
UNITS = {"tonnes", "tons", "tonne", "ton", "kilograms", "kg", "kilogrammes", "pounds", "litres", "liters", "barrels",
         "metres", "meters", "kilometres", "kilometers", "km", "miles", "hectares", "acres", "rounds", "shells"}
PARTITIVE = ("the", "its", "their", "those", "these")  # "32 of the wounded", "100 of its volunteers"
# A negated count names one of these: "no civilian casualties" (0), "NO civilians got killed" (none).
NEGATABLE = {"casualties", "deaths", "dead", "fatalities", "injuries", "victims", "civilians", "people", "toll",
             "killed", "wounded", "injured", "losses"}
ANAPHORA = re.compile(r"\b[Oo]f\s+(?:those|these|which)\s+([a-z]+)")
PLACE = re.compile(r"\b(?:in|inside(?:\s+of)?)\s+([A-Z][a-z]+(?:(?:\s+and\s+|,\s+|\s+)[A-Z][a-z]+){0,3})")
NOT_PLACES = {m.title() for m in MONTHS} | {d.title() for d in WEEKDAYS} | {"Eastern", "Greenwich", "Central",
                                                                              "Pacific", "Mountain", "The"}
QUALIFYING = {w for phrases in QUALIFIERS.values() for words in phrases for w in words}
YEAR = re.compile(r"1[89]\d\d|20\d\d")
MAX_NOUN_WORDS = 4
MAX_DESIGNATION = 8  # "10 France Air Force Mirage 2000 and Rafale jets": proper words skipped before the noun
NEAR = 60  # characters after what is counted where its place may be named


@dataclass(frozen=True, slots=True)
class Figure:
    value: str  # the article's words, for factcheck's value reader
    measure: str
    start: int  # of the value's words in the article
    end: int
    counted: str  # the words that say what is counted, as written


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    low: str


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m[0], m.start(), m.end(), m[0].lower()) for m in TOKEN.finditer(text, start, end)]


def figures(text: str, start: int, end: int) -> list[Figure]:
    """Every figure of the sentence text[start:end], in order."""
    toks = tokens(text, start, end)
    found: list[Figure] = []
    i = 0
    previous: str | None = None  # what the figure before counted
    while i < len(toks):
        negation = toks[i].low in ("no", "nobody") and not (i + 1 < len(toks) and toks[i + 1].low in ("more", "fewer", "less"))
        figure, after = _negated(toks, i) if negation else _figure(text, toks, i, start, previous)
        if figure:
            found.append(figure)
            previous = figure.counted.split()[-1] if figure.counted else previous
            i = after
        else:
            i += 1
    return found


def _number_end(toks: list[Token], i: int) -> int | None:
    """Where a number starting at token i ends (exclusive), or None when none starts there."""
    if toks[i].text[0].isdigit():
        return i + 1
    j = i
    while j < len(toks) and j - i < 12:
        if toks[j].low in NUMBER_WORDS:
            j += 1
        elif j > i and toks[j].low in ("and", "-") and j + 1 < len(toks) and toks[j + 1].low in NUMBER_WORDS:
            j += 1  # "hundred and twenty", "twenty-five"
        else:
            break
    return j if j > i else None


def _matches(toks: list[Token], i: int, words: tuple[str, ...]) -> bool:
    return i + len(words) <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(words))


def _figure(text: str, toks: list[Token], i: int, start: int, previous: str | None) -> tuple[Figure | None, int]:
    first = i
    if toks[i].low == "between":  # "between 20 and 30"
        i += 1
    for words in QUALIFIERS.get(toks[i].low, ()):  # "more than 8,000": the qualifier is part of the value
        if i == first and _matches(toks, i, words) and i + len(words) < len(toks):
            i += len(words)
            break
    if i >= len(toks):
        return None, first + 1
    vague = next((w for w in VAGUE_WORDS.get(toks[i].low, ()) if _matches(toks, i, w)), None)
    if toks[i].low == "both" and i == first:  # "both targets": two, said another way
        measure, counted, after = _counted(text, toks, i + 1, first, start, False, None)
        if measure is None or not counted.endswith("s"):
            return None, first + 1
        return Figure("2", measure, toks[i].start, toks[i].end, counted), after
    if vague:
        stop = i + len(vague)
        if stop < len(toks) and toks[stop].low in NUMBER_WORDS:  # "several hundred": the value reader takes it or says why not
            stop = _number_end(toks, stop) or stop
    else:
        stop = _number_end(toks, i)
        if stop is None or not _is_count(toks, i, stop, start == toks[i].start):
            return None, first + 1
    stop = _range_end(toks, stop)
    for words in SUFFIXES:
        if _matches(toks, stop, words):
            stop += len(words)
            break
    measure, counted, after = _counted(text, toks, stop, first, start, vague is not None, previous)
    if measure is None:
        return None, first + 1
    value_start = toks[first].start
    return Figure(text[value_start:toks[stop - 1].end], measure, value_start, toks[stop - 1].end, counted), after


def _is_count(toks: list[Token], i: int, stop: int, sentence_start: bool) -> bool:
    t = toks[i]
    before = toks[i - 1] if i > 0 else None
    after = toks[stop] if stop < len(toks) else None
    if before is not None and before.text in "#$€£:/" and before.end == t.start:
        return False
    if after is not None and (after.text in (":", "%", "/") or after.low in DURATIONS or after.low.rstrip(".") in DURATIONS):
        return False
    if t.text[0].isdigit():
        if YEAR.fullmatch(t.text):
            return False
        if after is not None and after.end == t.end and after.text[0].isalpha():  # 2000C, 1st
            return False
        if after is not None and after.low.rstrip(".") in MONTHS or before is not None and before.low.rstrip(".") in MONTHS:
            return False
    elif t.low == "one" and (after is None or after.low in ("of", "another", "day", "another's")):
        return False
    # not a designation: Mirage 2000, Flight 8243, Resolution 2254
    return before is None or not before.text[:1].isupper() or sentence_start or before.low in NUMBER_WORDS \
        or before.low in QUALIFYING or before.low in ("the", "a", "but", "and", "of")


def _range_end(toks: list[Token], stop: int) -> int:
    """"20 to 30", "20-30", "20 and 30" (after "between"), "9 or 10": the second number's end."""
    if stop + 1 < len(toks) and toks[stop].low in ("to", "-", "–", "—", "and", "or"):
        end = _number_end(toks, stop + 1)
        if end is not None:
            return end
    return stop


def _counted(text: str, toks: list[Token], stop: int, first: int, start: int, vague: bool,
             previous: str | None) -> tuple[str | None, str, int]:
    """What the number counts: (measure, the words, the token after them)."""
    j = stop
    if j < len(toks) and toks[j].low == "of" and (vague or toks[stop - 1].low in ("hundreds", "thousands", "dozens",
                                                                                   "millions", "dozen", "tens")):
        j += 1
        if j < len(toks) and toks[j].low in ("the", "their"):
            j += 1
    if j == stop and j + 2 < len(toks) and toks[j].low == "of" and toks[j + 1].low in PARTITIVE:
        return _part(toks, j + 2)  # "12 of the wounded were evacuated"
    k = j
    while k < len(toks) and k - j < MAX_DESIGNATION and (toks[k].text[:1].isupper() or toks[k].text[0].isdigit()
                                                          or toks[k].low == "and"):
        k += 1  # proper words naming the kind: "France Air Force Mirage 2000 and Rafale jets"
    if k > j and (k >= len(toks) or not toks[k].text[:1].islower()):
        k = j  # only proper words: no noun follows
    words, k = _noun(toks, k)
    if words and words[-1] in UNITS and k + 1 < len(toks) and toks[k].low == "of":
        more, k = _noun(toks, k + 1)  # "tonnes of ammonium nitrate"
        words += ["of", *more] if more else []
    if not words:
        words = _understood(text, toks, first, stop, start, previous)
        if not words:
            return None, "", stop
    noun = " ".join(words)
    done = _done(toks, k) or _done_after_aside(toks, k)
    act = ACTS.get(toks[first - 1].low) if first > 0 else None
    measure = f"{noun} {done or act}" if done or act else noun
    after = toks[max(k, stop) - 1].end
    place = PLACE.search(text, after, min(toks[-1].end, after + NEAR))
    if place and not set(place[1].replace(",", " ").split()) & NOT_PLACES and not _another_figure_before(toks, k, place.start()):
        measure += f" in {place[1]}"
    return measure, noun, k


def _part(toks: list[Token], k: int) -> tuple[str | None, str, int]:
    """A part of a group ("12 of the wounded were evacuated"): counted only with what is done
    to that part; "50 of the wounded" alone is no count of the wounded."""
    words = []
    while k < len(toks) and len(words) < MAX_NOUN_WORDS and toks[k].text[:1].islower() and toks[k].low not in STOP:
        words.append(toks[k].low)
        k += 1
    done = _done(toks, k)
    if not words or not done:
        return None, "", k
    return f"{' '.join(words)} {done}", " ".join(words), k


def _noun(toks: list[Token], k: int) -> tuple[list[str], int]:
    """Lower-case words naming what is counted, from token k: "air strikes", "warships and boats"."""
    words: list[str] = []
    while k < len(toks) and len(words) < MAX_NOUN_WORDS and _noun_word(toks[k]):
        words.append(toks[k].low)
        k += 1
        if k + 1 < len(toks) and toks[k].low in ("and", "or") and _noun_word(toks[k + 1]) and toks[k + 1].low.endswith("s") \
                and len(words) < MAX_NOUN_WORDS - 1:
            words.append(toks[k].low)
            k += 1
    return words, k


def _noun_word(t: Token) -> bool:
    return t.text[:1].islower() and t.low not in STOP and t.low not in ACTS and t.low not in DONE


def _understood(text: str, toks: list[Token], first: int, stop: int, start: int, previous: str | None) -> list[str]:
    """What a number with no noun after it counts, where the sentence says it elsewhere: "of
    those attacks, 5,321 …"; "an increase of 790"; "135 people were killed and about 5,000 were
    wounded" (the figure before's noun)."""
    anaphor = ANAPHORA.search(text, max(start, toks[first].start - NEAR), toks[first].start)
    if anaphor is not None:
        return [anaphor[1]]
    if first >= 2 and toks[first - 1].low == "of" and _noun_word(toks[first - 2]):
        return [toks[first - 2].low]  # "an increase of 790"
    if previous and _done(toks, stop):
        return [previous]
    return []


def _done_after_aside(toks: list[Token], k: int) -> str | None:
    """"86 people, among them 30 children and 20 women, had been killed": what is done to them
    after an aside between commas, before the clause ends."""
    for j in range(k, min(len(toks), k + 16)):
        if toks[j].text in ".;:—":
            return None
        if toks[j].text == "," and (done := _done(toks, j + 1)):
            return done
    return None


def _done(toks: list[Token], k: int) -> str | None:
    """"were killed", "have been wounded", "got killed" after what is counted."""
    j = k
    while j < len(toks) and j - k < 3 and toks[j].low in AUXILIARIES:
        j += 1
    return toks[j].low if j < len(toks) and toks[j].low in DONE else None


def _another_figure_before(toks: list[Token], k: int, offset: int) -> bool:
    """Whether a number comes between token k and offset (at most NEAR characters on)."""
    for j in range(k, len(toks)):
        t = toks[j]
        if t.start >= offset:
            return False
        if t.text[0].isdigit() or t.low in NUMBER_WORDS:
            return True
    return False


def _negated(toks: list[Token], i: int) -> tuple[Figure | None, int]:
    """"no civilian casualties" → civilian casualties: 0; "NO civilians got killed" → civilians killed: none."""
    if toks[i].low == "nobody" or (toks[i].low == "no" and i + 1 < len(toks) and toks[i + 1].low == "one"):
        k = i + (1 if toks[i].low == "nobody" else 2)
        done = _done(toks, k)
        if done:
            return Figure("none", f"people {done}", toks[i].start, toks[k - 1].end, "people"), k
        return None, i + 1
    k = i + 1
    words = []
    while k < len(toks) and len(words) < MAX_NOUN_WORDS and toks[k].text[:1].islower() and toks[k].low not in STOP \
            and toks[k].low not in DONE:
        words.append(toks[k].low)
        k += 1
    if not words:
        return None, i + 1
    done = _done(toks, k)
    if done:
        return Figure("none", f"{' '.join(words)} {done}", toks[i].start, toks[k - 1].end, " ".join(words)), k
    if words[-1] in NEGATABLE:
        return Figure("0", " ".join(words), toks[i].start, toks[k - 1].end, " ".join(words)), k
    return None, i + 1
