"""Text as sources write it → comparable values (intervals, instants, flags, normalised text).

Every parser here raises ValueError with a message a person can act on; the loader attaches
the position.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..model import INF, Tolerance, Value
from ..show import fmt
from ..suggest import closest
from .yamlfile import TRUE_WORDS

ABOUT = 0.1  # "about 250" allows 10% either way: 225 to 275 (docs/format.md, "Values")

# Vague quantities and the ranges this project documents for them (docs/format.md).
VAGUE = {
    "a couple": (2, 3), "a couple of": (2, 3), "a few": (2, 5), "a handful": (2, 5),
    "a handful of": (2, 5), "few": (2, 5), "several": (3, 9), "many": (10, INF),
    "tens": (20, 99), "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
    "thousands": (2_000, 9_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "millions": (2_000_000, 999_999_999),
}

UNITS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split())
}
UNITS |= {"no": 0, "none": 0, "nil": 0, "nobody": 0}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Qualifiers, longest first so that "no more than" wins over "more than".
BOUNDS = [
    (("no fewer than", "no less than", "not less than", "at least", "a minimum of", "minimum", ">=", "≥"), "at_least"),
    (("no more than", "not more than", "at most", "up to", "a maximum of", "maximum", "<=", "≤"), "at_most"),
    (("more than", "over", "greater than", "above", "in excess of", "upwards of", ">"), "more"),
    (("fewer than", "less than", "under", "below", "<"), "less"),
    (("approximately", "roughly", "about", "around", "some", "nearly", "almost", "circa",
      "an estimated", "estimated", "c.", "~", "≈"), "about"),
]
QUALIFIER = re.compile(
    r"^(" + "|".join(re.escape(w) for w in sorted((w for ws, _ in BOUNDS for w in ws), key=len, reverse=True)) + r")\s*(.+)$"
)
QUALIFIER_KIND = {w: kind for ws, kind in BOUNDS for w in ws}

DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$")
DIGITS_SCALED = re.compile(r"^(\d+(?:\.\d+)?)\s+(thousand|million|billion)$")
RANGE = re.compile(r"^(?:between\s+(.+?)\s+and\s+(.+)|(.+?)\s*(?:-|–|—|\bto\b)\s*(.+))$")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(.*)$"
)
OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")
DURATION = re.compile(
    r"^(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)$"
)
DURATION_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")
PUNCT = re.compile(r"[^\w\s]")
SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Case, punctuation, typographic variants and spacing do not change what text says."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return SPACE.sub(" ", PUNCT.sub(" ", text)).strip()


# ---------------------------------------------------------------- numbers


def number(lo: float, hi: float, text: str, lo_open: bool = False, hi_open: bool = False) -> Value:
    return Value("number", text, lo, hi, lo_open, hi_open)


def parse_count(text: str) -> float | None:
    """A single number in digits or words ("8,000", "fifty-nine", "1.5 million"), or None."""
    if DIGITS.match(text):
        return float(text.replace(",", ""))
    m = DIGITS_SCALED.match(text)
    if m:
        return float(m[1]) * SCALES[m[2]]
    return parse_words(text)


def parse_words(text: str) -> float | None:
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    seen = False
    for i, word in enumerate(words):
        if word in ("a", "an"):  # "a hundred", "a dozen"; never alone
            if i + 1 == len(words) or current:
                return None
            current = 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        elif word == "half" and words[i + 1 : i + 3] == ["a", "dozen"]:
            return 6 if len(words) == 3 else None
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_number(text: str) -> Value | None:
    """A number, range, bound, approximation or vague quantity; None when it is none of them."""
    t = SPACE.sub(" ", text.strip().casefold())
    n = parse_count(t)
    if n is not None:
        return number(n, n, text)
    if t in VAGUE:
        lo, hi = VAGUE[t]
        return number(lo, hi, text)
    m = QUALIFIER.match(t)
    if m:
        n = parse_count(m[2])
        if n is None:
            return None
        kind = QUALIFIER_KIND[m[1]]
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
    m = RANGE.match(t)
    if m:
        a, b = (m[1], m[2]) if m[1] else (m[3], m[4])
        lo, hi = parse_count(a.strip()), parse_count(b.strip())
        if lo is None or hi is None:
            return None
        if lo > hi:
            raise ValueError(f"reversed range {text!r}: the smaller number comes first (did you mean '{fmt(hi)}-{fmt(lo)}'?)")
        return number(lo, hi, text)
    return None


def number_range(lo: float, hi: float, text: str) -> Value:
    if lo > hi:
        raise ValueError(f"reversed range: min {fmt(lo)} is greater than max {fmt(hi)}")
    return number(lo, hi, text)


# ---------------------------------------------------------------- dates and times


def parse_date(text: str) -> dt.date:
    m = DATE.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2015-11-16")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as e:
        raise ValueError(f"{text!r} is not a date: {e}") from None


@lru_cache(maxsize=None)
def zone(name: str) -> dt.tzinfo:
    """A time zone by offset ("+02:00", "GMT+2"), by "Z", "UTC" or "GMT", or by IANA name."""
    if name in ("Z", "UTC", "GMT", "z", "utc", "gmt"):
        return dt.timezone.utc
    m = OFFSET.match(name)
    if m:
        sign = 1 if m[1] == "+" else -1
        hours, minutes = int(m[2]), int(m[3] or 0)
        if hours > 23 or minutes > 59:
            raise ValueError(f"{name!r} is not a valid UTC offset")
        return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    close = closest(name, _zone_names())
    hint = f" (did you mean {close!r}?)" if close else " (use an IANA name such as 'Asia/Damascus' or an offset such as '+02:00')"
    raise ValueError(f"unknown time zone {name!r}{hint}")


@lru_cache(maxsize=1)
def _zone_names() -> list[str]:
    return sorted(available_timezones())


def parse_time(text: str) -> tuple[dt.datetime, int]:
    """An aware instant and its precision in seconds (60 when no seconds are written)."""
    m = TIME.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a time: write e.g. '2015-11-17 00:30 +00:00' or '2015-11-16 19:30 America/New_York'")
    day = parse_date(m[1])
    hour, minute = int(m[2]), int(m[3])
    second = int(m[4] or 0)
    fraction = float(m[5] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{text!r} is not a time of day")
    if not m[6]:
        raise ValueError(f"time {text!r} has no time zone: add one, e.g. 'Z', '+02:00' or 'Asia/Damascus'")
    tz = zone(m[6].strip())
    instant = dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)
    instant += dt.timedelta(seconds=fraction)
    precision = 60 if m[4] is None else 1
    return instant, precision


def is_timelike(text: str) -> bool:
    return bool(TIME.match(text.strip()))


def date_or_time(text: str) -> str:
    """A date, or a time with its zone, as ISO text (claims' `said_on`)."""
    if is_timelike(text):
        return parse_time(text)[0].isoformat()
    if not DATE.match(text.strip()):
        raise ValueError(f"{text!r} is neither a date nor a time: write YYYY-MM-DD, or e.g. '2015-11-16 19:30 UTC'")
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
        instant, precision = parse_time(stripped)
        start = instant.timestamp()
        return Value("time", text, start, start + precision, hi_open=True)
    n = parse_number(stripped)
    if n is not None:
        return n
    return Value("text", text, norm=normalise_text(text))


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
    if DIGITS.match(t) and not t.startswith("-"):
        return Tolerance(amount=float(t.replace(",", "")))
    raise ValueError(
        f"tolerance {text!r} is not a number, a percentage or a duration: write e.g. 2, '10%' or '15 minutes'"
    )
