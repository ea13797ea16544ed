"""An article's figures, times and quotes proposed as claims, each checked by factcheck's own
value reader before it is written: what would not load is a comment saying why, with its words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..loading.values import parse_time, parse_value
from ..model import Source, Value
from ..yamlwriter import Quoted
from .article import Article, Quote, Sentence
from .clock import Clock, Day, as_of, clocks, days, zone_near
from .figures import Figure, figures
from .speakers import CONTINUATION, Roster, Speaker, attribution

# What happened at a time: "the raids took place at", "a huge explosion tore through … at".
HAPPENED = re.compile(r"\b([a-z]+)\s+(?:took\s+place|happened|occurred|began|started|struck|hit|ended|came|tore|"
                      r"rocked|erupted|landed|exploded|went\s+off)\b")
# "— which would be 2:30 a.m. … —": the writer's own conversion, not the speaker's words.
CONVERSION = re.compile(r"—\s*(?:which\s+would\s+be|that\s+is|i\.e\.)[^—]*(?:—|$)")
APPROXIMATE = re.compile(r"\b(?:about|around|approximately|roughly|shortly\s+(?:before|after))\s+$", re.IGNORECASE)
CLOSE = 12 * 3600  # a time converted from another in the same sentence is within half a day of it
QUOTE_WORDS = re.compile(r"\w+")


@dataclass
class Proposal:
    fields: dict  # the claim's fields, in the order a claims file holds them
    offset: int  # where its words are in the article
    value: Value | None = None  # as factcheck reads it; None: it would not load
    problem: str = ""  # why it is left as a comment
    also: list[str] = field(default_factory=list)  # other places it is said

    @property
    def key(self) -> tuple:
        """Figures said again in the same form are proposed once ("two targets" and "both targets" are two forms)."""
        f = self.fields
        return f["source"], " ".join(f["measure"].casefold().split()), " ".join(str(f["value"]).casefold().split())


@dataclass(frozen=True, slots=True)
class Context:
    """What a sentence's figures share: who says them, and the date they stand at."""

    speaker: Speaker | None
    as_of: Day | str | None


def propose(article: Article, sources: list[Source], default: str, today: dt.date | None,
            places: dict[str, str]) -> tuple[list[Proposal], list[Proposal], list[Quote]]:
    """(claims that load, proposals left as comments, quotes of no figure), in the article's order."""
    made: list[Proposal] = []
    quoted: dict[Quote, Speaker | None] = {}  # each quote a figure is in, with who said it
    context = Context(None, None)
    roster = Roster(sources, default)
    for sentence in article.sentences:
        if sentence.headline:
            continue
        context = _context(article, sentence, roster, today, context)
        for figure in figures(article.text, sentence.start, sentence.end):
            made.append(_figure(article, sentence, figure, context, roster, default, quoted))
        made += _times(article, sentence, context, today, places, default)
    kept: dict[tuple, Proposal] = {}
    comments = []
    for p in made:
        if p.value is None:
            comments.append(p)
        elif p.key in kept:  # said again: proposed once, where first said, with the quote if only the other has one
            first = kept[p.key]
            first.also.append(p.fields["note"].split(" ", 1)[0].rstrip(":"))
            if "quote" in p.fields and "quote" not in first.fields:
                first.fields = _with_quote(first.fields, p.fields["quote"])
        else:
            kept[p.key] = p
    for p in kept.values():
        if p.also:
            p.fields["note"] += f"; said again at {', '.join(p.also)}"
    names = {" ".join(s.name.casefold().split()) for s in sources}  # “Raqqa is Being Slaughtered Silently” is a name
    unused = [q for q in article.quotes if q not in quoted and " ".join(q.text.casefold().split()) not in names]
    return list(kept.values()), comments, unused


def _context(article: Article, sentence: Sentence, roster: Roster, today: dt.date | None, before: Context) -> Context:
    if CONTINUATION.match(sentence.text):  # "Of those attacks, 5,321 …": the sentence before goes on
        return before
    return Context(attribution(article.text, sentence.start, sentence.end, roster),
                   as_of(article.text, sentence.start, sentence.end, today))


def _figure(article: Article, sentence: Sentence, figure: Figure, context: Context, roster: Roster,
            default: str, quoted: dict[Quote, Speaker | None]) -> Proposal:
    quote = article.quote_around(figure.start, figure.end)
    speaker = context.speaker
    if quote is not None:
        if quote not in quoted:
            quoted[quote] = _quote_speaker(article, quote, roster)
        speaker = quoted[quote] or speaker
    source, said = _source(speaker, default)
    fields = {"source": source, "measure": figure.measure, "value": figure.value}
    notes = [f"{_where(article, sentence)}: {said}"]
    if isinstance(context.as_of, Day):
        fields["as_of"] = context.as_of.date.isoformat()
        notes.append(f"as_of from {context.as_of.text!r}")
    elif isinstance(context.as_of, str):
        notes.append(f"as_of not given: {context.as_of}")
    if quote is not None:
        fields["quote"] = Quoted(_quoted_words(article, quote, sentence))
    fields["note"] = "; ".join(notes)
    return _checked(fields, figure.start)


def _quote_speaker(article: Article, quote: Quote, roster: Roster) -> Speaker | None:
    """Who the quote is attributed to: words after its closing mark, else before its opening one."""
    paragraph_end = article.text.find("\n", quote.end)
    paragraph_end = len(article.text) if paragraph_end == -1 else paragraph_end
    after = min(paragraph_end, quote.end + 200)
    found = attribution(article.text, quote.end, after, roster)
    return found or attribution(article.text, max(0, quote.start - 200), quote.start, roster)


def _quoted_words(article: Article, quote: Quote, sentence: Sentence) -> str:
    """The quote's words in this sentence when they make five words or more, else the whole quote."""
    start, end = max(quote.start, sentence.start), min(quote.end, sentence.end)
    words = article.text[start:end].strip().rstrip(",")
    return words if len(QUOTE_WORDS.findall(words)) >= 5 else quote.text


def _source(speaker: Speaker | None, default: str) -> tuple[str, str]:
    """The claim's source, and who said it as the note tells it."""
    if speaker is None:
        return default, "the article's own words"
    if speaker.source is not None:
        return speaker.source, f"said by {_shown(speaker.words)} ({speaker.source}: {speaker.why})"
    return default, f"said by {_shown(speaker.words)}, {speaker.why}: {default} is proposed"


def _shown(words: str) -> str:
    return f"“{words}”"


def _where(article: Article, sentence: Sentence) -> str:
    at = article.at(sentence.start)
    return f"{at.file}:{at.line}:{at.column}"


def _checked(fields: dict, offset: int) -> Proposal:
    """The proposal with its value as factcheck reads it, or the reason it would not load."""
    try:
        return Proposal(fields, offset, parse_value(str(fields["value"])))
    except ValueError as e:
        return Proposal(fields, offset, None, str(e))


def _with_quote(fields: dict, quote: str) -> dict:
    ordered = {}
    for name, value in fields.items():
        if name == "note":
            ordered["quote"] = quote
        ordered[name] = value
    return ordered


def _times(article: Article, sentence: Sentence, context: Context, today: dt.date | None, places: dict[str, str],
           default: str) -> list[Proposal]:
    """Each clock time of the sentence with its day and zone, as a time factcheck reads."""
    text = article.text
    found = clocks(text, sentence.start, sentence.end)
    if not found:
        return []
    happened = HAPPENED.search(text, sentence.start, found[0].start)
    measure = f"time of {_singular(happened[1])}" if happened else "time"
    conversions = [(m.start(), m.end()) for m in CONVERSION.finditer(text, sentence.start, sentence.end)]
    read: list[tuple[Clock, str | None, dt.date | None, str]] = []
    for i, clock in enumerate(found):
        after_end = found[i + 1].start if i + 1 < len(found) else sentence.end
        before_start = found[i - 1].end if i else sentence.start
        zone = zone_near(text, clock.end, min(after_end, clock.end + 80), places)
        day = _day(days(text, clock.end, min(after_end, clock.end + 80), today)) or \
            _day(days(text, max(before_start, clock.start - 40), clock.start, today)[-1:])
        read.append((clock, zone and zone[0], day.date if isinstance(day, Day) else None,
                     day if isinstance(day, str) else ""))
    anchors = [(c, z, d) for c, z, d, _ in read if z and d]
    proposals = []
    for clock, zone, date, why_not in read:
        note = []
        if APPROXIMATE.search(text, max(sentence.start, clock.start - 16), clock.start):
            note.append("the article says it is approximate: give the measure a tolerance")
        if zone and date is None and anchors and not why_not:
            date, note = _converted(clock, zone, anchors)
        speaker = None if any(a <= clock.start < b for a, b in conversions) else context.speaker
        source, said = _source(speaker, default)
        if speaker is None and context.speaker is not None:
            said = "the article's own conversion"
        fields = {"source": source, "measure": measure,
                  "value": f"{date.isoformat()} {clock.hour:02d}:{clock.minute:02d} {zone}" if zone and date else clock.text,
                  "note": "; ".join([f"{_where(article, sentence)}: {said} ({clock.text!r})", *note])}
        if zone is None:
            proposals.append(Proposal(fields, clock.start, None, f"{clock.text!r}: no time zone is named near it"))
        elif date is None:
            proposals.append(Proposal(fields, clock.start, None, why_not or f"{clock.text!r}: no day is named near it"))
        else:
            proposals.append(_checked(fields, clock.start))
    return proposals


def _day(found: list) -> Day | str | None:
    return found[0] if found else None


def _converted(clock: Clock, zone: str, anchors: list) -> tuple[dt.date | None, list[str]]:
    """The day that puts this time within half a day of a dated time of the same sentence, as
    "12:30 a.m. GMT — which would be 2:30 a.m. on Tuesday, November 17, in Raqqa" writes it."""
    anchor, anchor_zone, anchor_day = anchors[0]
    at = parse_time(f"{anchor_day.isoformat()} {anchor.hour:02d}:{anchor.minute:02d} {anchor_zone}")[0][0].timestamp()
    for shift in (0, -1, 1):
        day = anchor_day + dt.timedelta(days=shift)
        try:
            t = parse_time(f"{day.isoformat()} {clock.hour:02d}:{clock.minute:02d} {zone}")[0][0].timestamp()
        except ValueError:
            continue
        if abs(t - at) <= CLOSE:
            return day, [(f"no day is named with it: the day of {anchor.text!r} on {anchor_day.isoformat()}, "
                          "the time it is given beside, is assumed")]
    return None, []


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
