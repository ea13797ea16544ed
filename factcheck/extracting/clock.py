"""Dates, weekdays, clock times and their zones, as articles write them, resolved against the
article's own date; places to zones through tzdata's tables.

Nothing is guessed: a weekday with no date to count back from, a place in a country of several
zones, a time with no day: each is left unresolved (None), and extract says so in a comment.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
DATE = re.compile(
    rf"\b(?:(?P<last>last\s+)?(?P<weekday>{_WEEKDAY})\b(?:,?\s+(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<day_b>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month_b>{_MONTH}))(?:,?\s+(?P<year>\d{{4}})\b)?)?"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year2>\d{{4}})\b)?"
    rf"|(?P<day3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month3>{_MONTH})(?:,?\s+(?P<year3>\d{{4}})\b)?"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))",
    re.IGNORECASE)
CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b",
                   re.IGNORECASE)
# Zones as articles name them; abbreviations are fixed offsets, as factcheck reads them.
ZONE_WORDS = {
    "greenwich mean time": "GMT", "coordinated universal time": "UTC", "universal time": "UTC",
    "eastern standard time": "EST", "eastern daylight time": "EDT", "eastern time": "America/New_York",
    "central standard time": "CST", "central daylight time": "CDT", "central time": "America/Chicago",
    "mountain standard time": "MST", "mountain daylight time": "MDT", "mountain time": "America/Denver",
    "pacific standard time": "PST", "pacific daylight time": "PDT", "pacific time": "America/Los_Angeles",
    "british summer time": "BST", "central european summer time": "CEST", "central european time": "CET",
    "eastern european summer time": "EEST", "eastern european time": "EET", "moscow time": "Europe/Moscow",
}
ABBREVIATED = {"GMT": "GMT", "UTC": "UTC", "EST": "EST", "EDT": "EDT", "CST": "CST", "CDT": "CDT", "MST": "MST",
               "MDT": "MDT", "PST": "PST", "PDT": "PDT", "BST": "BST", "CET": "CET", "CEST": "CEST", "EET": "EET",
               "EEST": "EEST", "MSK": "MSK", "ET": "America/New_York", "PT": "America/Los_Angeles"}
ZONE = re.compile(r"\b(?P<words>" + "|".join(sorted(ZONE_WORDS, key=len, reverse=True)).replace(" ", r"\s+") + r")\b"
                  r"|\b(?P<abbr>" + "|".join(sorted(ABBREVIATED, key=len, reverse=True)) + r")\b"
                  r"|\b(?P<local>local\s+time)\b", re.IGNORECASE)
IN_PLACE = re.compile(r"\bin\s+(?P<place>[A-Z][\w'’-]*(?:,?\s+[A-Z][\w'’-]*){0,3})")
AS_OF = re.compile(r"\bas\s+of\s+(?:(?:late|early)\s+)?", re.IGNORECASE)
RELEASED = re.compile(r"\b(?:released|published|issued|updated|announced)\b", re.IGNORECASE)
ON = re.compile(r"\bon\s+", re.IGNORECASE)
NEAR = 60  # characters a date, zone or place may be from what it dates, zones or places


@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Clock:
    hour: int
    minute: int
    text: str
    start: int
    end: int


def clocks(text: str, start: int = 0, end: int | None = None) -> list[Clock]:
    found = []
    for m in CLOCK.finditer(text, start, len(text) if end is None else end):
        if m["h24"] is not None:
            found.append(Clock(int(m["h24"]), int(m["m24"]), m[0], m.start(), m.end()))
            continue
        hour = int(m["h"])
        if not 1 <= hour <= 12:
            continue
        hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
        found.append(Clock(hour, int(m["m"] or 0), m[0], m.start(), m.end()))
    return found


def days(text: str, start: int, end: int, today: dt.date | None) -> list[Day | str]:
    """Each date phrase between start and end, resolved; or the reason it cannot be (a str)."""
    return [_resolved(m, today) for m in DATE.finditer(text, start, end)]


def _resolved(m: re.Match, today: dt.date | None) -> Day | str:
    if m["iso"]:
        try:
            return Day(dt.date.fromisoformat(m["iso"]), m[0], m.start(), m.end())
        except ValueError:
            return f"{m[0]!r} is no date"
    month = m["month"] or m["month_b"] or m["month2"] or m["month3"]
    day = m["day"] or m["day_b"] or m["day2"] or m["day3"]
    year = m["year"] or m["year2"] or m["year3"]
    weekday = WEEKDAYS.index(m["weekday"].lower()) if m["weekday"] else None
    if month is None:  # a weekday alone: the latest such day up to the article's date
        if today is None:
            return f"{m[0]!r} needs the article's date to count back from: give --date"
        back = (today.weekday() - weekday) % 7 or (7 if m["last"] else 0)
        return Day(today - dt.timedelta(days=back), m[0], m.start(), m.end())
    number = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(month.lower().rstrip(".")[:3]))
    if year is None and today is None:
        return f"{m[0]!r} has no year, and no article's date gives one: give --date"
    try:
        date = dt.date(int(year) if year else today.year, number, int(day))
        if year is None and date > today + dt.timedelta(days=183):  # an article tells of the past
            date = date.replace(year=today.year - 1)
    except ValueError:
        return f"{m[0]!r} is no date"
    if weekday is not None and date.weekday() != weekday:
        return f"{m[0]!r}: {date:%d %B %Y} is a {WEEKDAYS[date.weekday()].title()}"
    return Day(date, m[0], m.start(), m.end())


def zone_near(text: str, start: int, end: int, places: dict[str, str]) -> tuple[str, str] | None:
    """The first zone named between start and end: (zone as factcheck reads it, the words)."""
    for m in ZONE.finditer(text, start, end):
        if m["words"]:
            return ZONE_WORDS[" ".join(m["words"].lower().split())], m[0]
        if m["abbr"]:
            if m["abbr"] in ABBREVIATED:  # upper case only: "et" is no zone
                return ABBREVIATED[m["abbr"]], m[0]
            continue
        if "local" in places:
            return places["local"], m[0]
    for m in IN_PLACE.finditer(text, start, end):
        tz = place_zone(m["place"])
        if tz:
            return tz, m[0]
    return None


def place_zone(place: str) -> str | None:
    """The zone of a place written "City", "City, Country" or "Country": a city that names an
    IANA zone, or a country that has one zone only."""
    for part in reversed([p.strip() for p in place.split(",") if p.strip()][:4]):
        words = part.split()
        for n in range(len(words), 0, -1):  # "United States Eastern": the longest known start
            key = " ".join(words[:n]).casefold()
            zone = _cities().get(key) or _countries().get(key)
            if zone:
                return zone
    return None


@cache
def _table(name: str) -> list[list[str]]:
    text = resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country name → its zone, for the countries that have one."""
    zones: dict[str, list[str]] = {}
    for code, _, zone, *_ in _table("zone.tab"):
        zones.setdefault(code, []).append(zone)
    names = {}
    for code, name in _table("iso3166.tab"):
        if len(zones.get(code, ())) == 1:
            for written in {name, name.split(" (")[0]}:
                names[written.casefold()] = zones[code][0]
    return names


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """The city an IANA zone is named after → the zone (Asia/Damascus: damascus)."""
    return {row[2].rsplit("/", 1)[-1].replace("_", " ").casefold(): row[2] for row in _table("zone.tab")}


def as_of(text: str, start: int, end: int, today: dt.date | None) -> Day | str | None:
    """The date figures in this span stand at: "as of last Thursday", "released ... on Friday"."""
    for m in AS_OF.finditer(text, start, end):
        found = DATE.match(text, m.end(), min(end, m.end() + NEAR))
        if found:
            return _resolved(found, today)
    for m in RELEASED.finditer(text, start, end):
        on = ON.search(text, m.end(), min(end, m.end() + NEAR))
        found = on and DATE.match(text, on.end(), min(end, on.end() + NEAR))
        if found:
            return _resolved(found, today)
    return None
