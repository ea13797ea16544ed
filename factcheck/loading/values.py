"""Text as sources write it → comparable values (intervals, instants, flags, normalised text).

A value is read as exactly one of the forms docs/format.md lists ("Values"), or refused with
the form that was probably meant: text that starts with a number ("10 civilians") or holds a
clock time ("4:50 pm") is never silently taken for text. Every parser here raises ValueError
with a message a person can act on; the loader attaches the position.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..model import INF, Tolerance, Value
from ..show import fmt
from ..suggest import closest
from ..text import SPACE, normalise_text
from .yamlfile import TRUE_WORDS

ABOUT = 0.1  # "about 250" allows 10% either way: 225 to 275

# Vague quantities and the ranges this project documents for them; factcheck.yaml's `vague`
# may set others.
VAGUE = {
    "a couple": (2, 3), "a couple of": (2, 3), "a few": (2, 5), "a handful": (2, 5),
    "a handful of": (2, 5), "few": (2, 5), "several": (3, 9), "many": (10, INF),
    "tens": (20, 99), "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
    "thousands": (2_000, 9_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "millions": (2_000_000, 999_999_999),
}

ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
TEENS = {w: 10 + i for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
MAX_NUMBER_WORDS = 24  # "no fewer than nine hundred and ninety-nine billion nine hundred …" and then some
NOTHING = {"none", "nil", "nobody", "no"}  # zero, said in words
NUMBER_WORDS = set(ONES) | set(TEENS) | set(TENS) | set(SCALES) | {"hundred", "dozen"}

# Qualifiers before a number, longest first so that "no more than" wins over "more than".
BOUNDS = [
    (("no fewer than", "no less than", "not less than", "at least", "a minimum of", "minimum", ">=", "≥"), "at_least"),
    (("no more than", "not more than", "at most", "up to", "as many as", "a maximum of", "maximum", "<=", "≤"), "at_most"),
    (("more than", "over", "greater than", "above", "in excess of", "upwards of", ">"), "more"),
    (("fewer than", "less than", "under", "below", "<"), "less"),
    (("approximately", "roughly", "about", "around", "some", "nearly", "almost", "circa",
      "an estimated", "estimated", "c.", "~", "≈"), "about"),
]
QUALIFIER = re.compile(
    r"^(" + "|".join(re.escape(w) for w in sorted((w for ws, _ in BOUNDS for w in ws), key=len, reverse=True)) + r")\s*(.+)$"
)
QUALIFIER_KIND = {w: kind for ws, kind in BOUNDS for w in ws}
# ... and after it.
SUFFIX = re.compile(r"^(.+?)\s*(\+|-?\s*plus|or more|or over|or fewer|or less|or so)$")
SUFFIX_KIND = {"+": "at_least", "plus": "at_least", "or more": "at_least", "or over": "at_least", "or fewer": "at_most",
               "or less": "at_most", "or so": "about"}

DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$")
DIGITS_SCALED = re.compile(r"^(\d+(?:\.\d+)?)\s+(thousand|million|billion)$")
RANGE = re.compile(r"^(?:between\s+(.+?)\s+and\s+(.+)|(.+?)\s*(?:-|–|—|\bto\b)\s*(.+))$")
EITHER = re.compile(r"^(.+?)\s+or\s+(.+)$")  # "9 or 10"
NOT_FINITE = {".inf", "+.inf", "-.inf", ".nan", "inf", "-inf", "+inf", "nan", "infinity", "-infinity"}
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(.*)$")
SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")  # 25/12/2024, 12.25.2024: day and month in some order
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?", re.IGNORECASE)
LEADING_NUMBER = re.compile(r"^[+-]?\d")
OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")
DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)$")
DURATION_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")

# Zone abbreviations are fixed offsets (EST is always UTC-5, whatever the date); ET, CT, MT and
# PT follow the US zone's rule of the date.
ABBREVIATIONS = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
                 "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3}
US_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$")
ZONE_NAME_LENGTH = 64  # the longest IANA name is 32 characters


# ---------------------------------------------------------------- numbers


def number(lo: float, hi: float, text: str, lo_open: bool = False, hi_open: bool = False) -> Value:
    return Value("number", text, lo, hi, lo_open, hi_open)


def parse_count(text: str) -> float | None:
    """A single number in digits or words ("8,000", "fifty-nine", "1.5 million"), or None.
    A number too large to be finite ("1e999") is refused."""
    if DIGITS.match(text):
        return _finite(float(text.replace(",", "")), text)
    m = DIGITS_SCALED.match(text)
    if m:
        return _finite(float(m[1]) * SCALES[m[2]], text)
    if text in NOT_FINITE:
        raise ValueError(f"{text!r} is not a finite number")
    return parse_words(text)


def _finite(n: float, text: str) -> float:
    if not math.isfinite(n):
        raise ValueError(f"{text!r} is not a finite number: no count is that large")
    return n


def parse_words(text: str) -> float | None:
    """A number in English words, by English grammar: 'two hundred and five', 'fifty-nine',
    'a dozen', 'one million two hundred thousand'; None for words that are not one number
    ('nineteen eighty-four', 'one one one')."""
    words = text.replace("-", " - ").split()
    if len(words) == 1 and words[0] in NOTHING:
        return 0.0
    if words == ["half", "a", "dozen"]:
        return 6.0
    if words[-1:] == ["dozen"]:  # "a dozen", "two dozen"
        head = words[:-1]
        n = 1 if head == ["a"] else _Words(head).whole() if head else None
        return None if n is None else float(n * 12)
    n = _Words(words).whole()
    return None if n is None else float(n)


class _Words:
    """A recursive-descent reading of number words: scales strictly decreasing, each scale's
    multiplier below a thousand, "and" only before the last part."""

    def __init__(self, words: list[str]):
        self.words, self.i = words, 0

    def peek(self, ahead: int = 0) -> str | None:
        i = self.i + ahead
        return self.words[i] if i < len(self.words) else None

    def whole(self) -> int | None:
        if self.peek() == "zero" and len(self.words) == 1:
            return 0
        total, scale, read = 0, math.inf, False
        while self.peek() is not None:
            if read and self.peek() == "and":  # "one thousand and five"
                self.i += 1
                part = self.below_hundred()
                if part is None or self.peek() is not None:
                    return None
                return total + part
            part = self.below_thousand(a_allowed=self.peek(1) in SCALES or self.peek(1) == "hundred")
            if part is None:
                return None
            read = True
            word = self.peek()
            if word in SCALES and SCALES[word] < scale:
                scale = SCALES[word]
                total += part * scale
                self.i += 1
            elif word is None:
                return total + part
            else:
                return None
        return total if read else None

    def below_thousand(self, a_allowed: bool) -> int | None:
        hundreds = 0
        word = self.peek()
        if self.peek(1) == "hundred" and (word in ONES and ONES[word] > 0 or word == "a"):
            hundreds = 100 * (1 if word == "a" else ONES[word])
            self.i += 2
            if self.peek() == "and":
                self.i += 1
                rest = self.below_hundred()
                return None if rest is None else hundreds + rest
            if self.peek() is None or self.peek() in SCALES:
                return hundreds
            rest = self.below_hundred()
            return None if rest is None else hundreds + rest
        if word == "a" and a_allowed:  # "a thousand"
            self.i += 1
            return 1
        return self.below_hundred()

    def below_hundred(self) -> int | None:
        word = self.peek()
        if word in TENS:
            self.i += 1
            if self.peek() == "-":
                self.i += 1
                if self.peek() not in ONES or ONES[self.peek()] == 0:
                    return None
            if self.peek() in ONES and ONES[self.peek()] > 0:
                unit = ONES[self.peek()]
                self.i += 1
                return TENS[word] + unit
            return TENS[word]
        if word in TEENS:
            self.i += 1
            return TEENS[word]
        if word in ONES and ONES[word] > 0:
            self.i += 1
            return ONES[word]
        return None


def parse_number(text: str, vague: dict[str, tuple[float, float]] | None = None) -> Value | None:
    """A number, range, bound, approximation or vague quantity; None when it is none of them."""
    t = SPACE.sub(" ", text.strip().casefold())
    n = parse_count(t)
    if n is not None:
        return number(n, n, text)
    table = VAGUE if vague is None else vague
    if t in table:
        lo, hi = table[t]
        return number(lo, hi, text)
    m = QUALIFIER.match(t)
    if m:
        n = parse_count(m[2])
        if n is None and QUALIFIER_KIND[m[1]] == "about" and (s := SUFFIX.match(m[2])) and _suffix(s) == "at_least":
            n = parse_count(s[1])  # "~70+", "some 70-plus": wire copy's "at least 70"
            return None if n is None else _bounded("at_least", n, text)
        return None if n is None else _bounded(QUALIFIER_KIND[m[1]], n, text)
    m = SUFFIX.match(t)
    if m:
        n = parse_count(m[1])
        return None if n is None else _bounded(_suffix(m), n, text)
    m = RANGE.match(t)
    if m:
        a, b = (m[1], m[2]) if m[1] else (m[3], m[4])
        lo, hi = parse_count(a.strip()), parse_count(b.strip())
        if lo is None or hi is None:
            return None
        if lo > hi:
            raise ValueError(f"reversed range {text!r}: the smaller number comes first (did you mean '{fmt(hi)}-{fmt(lo)}'?)")
        return number(lo, hi, text)
    m = EITHER.match(t)
    if m:
        a, b = parse_count(m[1]), parse_count(m[2])
        if a is None or b is None:
            return None
        return number(min(a, b), max(a, b), text)
    return None


def _suffix(m: re.Match) -> str:
    """The bound a SUFFIX match names ("70-plus" and "70 plus" are "70+")."""
    return SUFFIX_KIND["plus" if m[2].endswith("plus") else m[2]]


def _bounded(kind: str, n: float, text: str) -> Value:
    if kind == "at_least":
        return number(n, INF, text)
    if kind == "at_most":
        return number(-INF, n, text)
    if kind == "more":
        return number(n, INF, text, lo_open=True)
    if kind == "less":
        return number(-INF, n, text, hi_open=True)
    spread = abs(n) * ABOUT
    return number(n - spread, n + spread, text)


def number_range(lo: float, hi: float, text: str) -> Value:
    if lo > hi:
        raise ValueError(f"reversed range: min {fmt(lo)} is greater than max {fmt(hi)}")
    return number(lo, hi, text)


def parse_vague_range(text: str) -> tuple[float, float]:
    """A range given for a vague word in factcheck.yaml: '12-99', '10 or more'."""
    value = parse_number(text, vague={})
    if value is None or value.lo_open or value.hi_open or value.lo == -INF:
        raise ValueError(f"{text!r} is not a range: write e.g. '12-99', or '10 or more'")
    return value.lo, value.hi


# ---------------------------------------------------------------- dates and times


def parse_date(text: str) -> dt.date:
    m = DATE.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a date: write it as YYYY-MM-DD{': ' + meant if (meant := date_meant(text)) else ', e.g. 2015-11-16'}")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as e:
        raise ValueError(f"{text!r} is not a date: {e}") from None


@lru_cache(maxsize=4096)
def zone(name: str) -> dt.tzinfo:
    """A time zone: an offset ("+02:00", "GMT+2"), "Z", a documented abbreviation, or an IANA name."""
    upper = name.upper()
    if upper in ABBREVIATIONS:
        return dt.timezone(dt.timedelta(hours=ABBREVIATIONS[upper]), upper)
    if upper in US_ZONES:
        return ZoneInfo(US_ZONES[upper])
    m = OFFSET.match(name)
    if m:
        sign = 1 if m[1] == "+" else -1
        hours, minutes = int(m[2]), int(m[3] or 0)
        if hours > 23 or minutes > 59:
            raise ValueError(f"{name!r} is not a valid UTC offset")
        return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    if len(name) <= ZONE_NAME_LENGTH and ZONE_NAME.match(name):  # never a path out of the zone database
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # not a zone; a folder ("Europe") is an OSError
            pass
    shown = name if len(name) <= ZONE_NAME_LENGTH else name[:ZONE_NAME_LENGTH] + "…"
    close = closest(name, [*ABBREVIATIONS, *US_ZONES, *_zone_names()]) if len(name) <= ZONE_NAME_LENGTH else None
    hint = (f" (did you mean {close!r}?)" if close else
            " (use an IANA name such as 'Asia/Damascus', an offset such as '+02:00', or an abbreviation such as 'EST')")
    raise ValueError(f"unknown time zone {shown!r}{hint}")


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    """Every zone's name: listing the database takes a while, so only for suggestions."""
    return frozenset(available_timezones())


def parse_time(text: str) -> tuple[list[dt.datetime], float]:
    """The instants a time names (two where the clock passes it twice) and its precision in seconds."""
    m = TIME.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a time: write e.g. '2015-11-17 00:30 +00:00' or '2015-11-16 19:30 America/New_York'")
    day = parse_date(m[1])
    hour, minute, second = int(m[2]), int(m[3]), int(m[4] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{text!r} is not a time of day")
    if not m[6]:
        raise ValueError(f"time {text!r} has no time zone: add one, e.g. 'Z', '+02:00', 'EST' or 'Asia/Damascus'")
    tz = zone(m[6].strip())
    fraction = m[5] or ""
    local = dt.datetime(day.year, day.month, day.day, hour, minute, second, int(float(fraction or 0) * 1_000_000))
    precision = 60.0 if m[4] is None else 10.0 ** -(len(fraction) - 1) if fraction else 1.0
    instants = _instants(local, tz, text)
    if instants[0].timestamp() < EARLIEST or instants[-1].timestamp() + precision >= BEYOND:
        raise ValueError(f"time {text!r} is outside the calendar factcheck compares: its span must lie "
                         "between 0001-01-01 and 9999-12-31 in UTC")
    return instants, precision


# The span of every time lies in the calendar Python can write (a report gives each end in UTC):
# from the first instant of year 1 to before the first of year 10000.
EARLIEST = dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc).timestamp()
BEYOND = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc).timestamp() + 1


def _instants(local: dt.datetime, tz: dt.tzinfo, text: str) -> list[dt.datetime]:
    """Where a zone's clock passes a local time twice (the autumn change), both instants; where
    it skips it (the spring change), an error."""
    first, second = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return [first]
    real = [t for t in (first, second) if t.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None) == local]
    if not real:
        before = (first - dt.timedelta(hours=3)).astimezone(tz)
        after = (first + dt.timedelta(hours=3)).astimezone(tz)
        raise ValueError(
            f"time {text!r} never happened: the clocks in {tz} went forward that night "
            f"(UTC{_offset(before)} to UTC{_offset(after)}); check the time, or give the offset meant")
    return sorted(real, key=lambda t: t.astimezone(dt.timezone.utc))


def _offset(t: dt.datetime) -> str:
    minutes = int(t.utcoffset().total_seconds() // 60)
    return f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def date_meant(text: str) -> str | None:
    """How a date written another way is written in ISO form: 'here 2024-12-25', or both readings
    of a day and month that could be either; None when the text is no date we know."""
    m = SLASHED.match(text.strip())
    if m is None:
        day = _date_in_words(text)
        return f"here {day.isoformat()}" if day else None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    readings = []
    for day, month, order in ((a, b, "day/month/year"), (b, a, "month/day/year")):
        try:
            readings.append((dt.date(year, month, day).isoformat(), order))
        except ValueError:
            continue
    if len({iso for iso, _ in readings}) == 2:
        return f"here {readings[0][0]} (read as {readings[0][1]}) or {readings[1][0]} (read as {readings[1][1]})"
    return f"here {readings[0][0]}" if readings else None


def is_timelike(text: str) -> bool:
    return bool(TIME.match(text.strip()))


def date_or_time(text: str) -> str:
    """A date, or a time with its zone, as ISO text (claims' `said_on`): one day or one instant."""
    if is_timelike(text):
        instants, _ = parse_time(text)
        if len(instants) > 1:
            raise ValueError(f"{text!r} happened twice (the clocks went back that night): give its UTC offset, "
                             f"e.g. '{text.split()[0]} {instants[0].strftime('%H:%M')} {_offset(instants[0])}'")
        return instants[0].isoformat()
    if not DATE.match(text.strip()):
        meant = date_meant(text)
        raise ValueError(f"{text!r} is neither a date nor a time: write YYYY-MM-DD"
                         + (f": {meant}" if meant else ", or e.g. '2015-11-16 19:30 UTC'"))
    return parse_date(text).isoformat()


# ---------------------------------------------------------------- values


def parse_value(text: str, tag: str = "str") -> Value:
    """A claim's value as written, by what it looks like (docs/format.md, "Values")."""
    if tag == "bool":
        return Value("boolean", text, flag=text in TRUE_WORDS)
    stripped = text.strip()
    if not stripped:
        raise ValueError("the value is empty")
    if DATE.match(stripped):
        day = parse_date(stripped)
        return Value("date", text, day.toordinal(), day.toordinal())
    if is_timelike(stripped):
        instants, precision = parse_time(stripped)
        return Value("time", text, instants[0].timestamp(), instants[-1].timestamp() + precision, hi_open=True)
    n = parse_number(stripped)
    if n is not None:
        return n
    refuse_numberlike(stripped)
    return text_value(text)


def text_value(text: str) -> Value:
    return Value("text", text, norm=normalise_text(text))


def refuse_numberlike(text: str) -> None:
    """Text that starts with a number or holds a clock time is a number or time written
    loosely: refused, with the form meant."""
    keep = f"; to keep it as text, write {{text: {text!r}}}"
    if SLASHED.match(text) and (meant := date_meant(text)):
        raise ValueError(f"value {text!r} is a date not in ISO form: write it as YYYY-MM-DD: {meant}{keep}")
    if CLOCK.search(text):
        raise ValueError(f"value {text!r} holds a clock time: write the time with its date and zone, "
                         f"e.g. '2021-08-29 16:50 Asia/Kabul'{keep}")
    if _date_in_words(text):
        words = []  # said below, as a date
    else:
        words = text.split()
    # The longest run of leading words that is a number: no number in English takes more than
    # MAX_NUMBER_WORDS words, so a long text costs no more than a short one to look at.
    for n in range(min(len(words) - 1, MAX_NUMBER_WORDS), 0, -1):
        head = " ".join(words[:n])
        try:
            found = parse_number(head)
        except ValueError:
            found = None
        if found is not None and words[0].casefold() not in NOTHING:
            rest = " ".join(words[n:])
            if LEADING_NUMBER.match(rest) or rest.split()[0].casefold().split("-")[0] in NUMBER_WORDS:
                raise ValueError(f"value {text!r} is not one number in English grammar: write it in digits{keep}")
            raise ValueError(f"value {text!r} is a number followed by words: did you mean value: {head}, "
                             f"with what it counts in the measure ('{rest} …')?{keep}")
    day = _date_in_words(text)
    if day:
        raise ValueError(f"value {text!r} is a date written in words: write it as {day.isoformat()}{keep}")
    m = QUALIFIER.match(text.casefold())
    first = (m[2] if m else text).split()[0].casefold()
    if LEADING_NUMBER.match(first) or first.split("-")[0] in NUMBER_WORDS:
        raise ValueError(f"value {text!r} starts with a number but is not one of the forms of a number "
                         f"(docs/format.md, \"Values\"){keep}")


def _date_in_words(text: str) -> dt.date | None:
    for form in ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y"):
        try:
            return dt.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    return None


# Archives repeat their values ("0", "none", the same time): a value is parsed once.
parse_value_cached = lru_cache(maxsize=1 << 16)(parse_value)


def parse_tolerance(text: str) -> Tolerance:
    t = text.strip().casefold()
    m = PERCENT.match(t)
    if m:
        return Tolerance(percent=float(m[1]) / 100)
    m = DURATION.match(t)
    if m:
        return Tolerance(seconds=float(m[1]) * DURATION_SECONDS[m[2][0]])
    if DIGITS.match(t) and not t.startswith("-") and math.isfinite(float(t.replace(",", ""))):
        return Tolerance(amount=float(t.replace(",", "")))
    raise ValueError(
        f"tolerance {text!r} is not a number, a percentage or a duration: write e.g. 2, '10%' or '15 minutes'"
    )


def revalue(value: Value, vague: dict[str, tuple[float, float]]) -> Value:
    """A value read again with the project's own ranges for vague words (factcheck.yaml)."""
    if value.kind not in ("number", "text") or SPACE.sub(" ", value.text.strip().casefold()) not in vague:
        return value
    return parse_number(value.text, VAGUE | vague) or value
