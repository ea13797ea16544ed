import math

import pytest

from factcheck.checking.compare import consistent as agree
from factcheck.loading.values import parse_tolerance, parse_value
from factcheck.model import Tolerance, describe

INF = math.inf


@pytest.mark.parametrize(
    "text, lo, hi",
    [
        ("7", 7, 7), ("8,000", 8000, 8000), ("1.5", 1.5, 1.5), ("seven", 7, 7),
        ("fifty-nine", 59, 59), ("two hundred", 200, 200), ("a dozen", 12, 12),
        ("two hundred and five", 205, 205), ("three thousand four hundred", 3400, 3400),
        ("1.5 million", 1_500_000, 1_500_000), ("none", 0, 0), ("zero", 0, 0),
        ("half a dozen", 6, 6), ("20-30", 20, 30), ("20 to 30", 20, 30), ("20–30", 20, 30),
        ("between 20 and 30", 20, 30), ("twenty to thirty", 20, 30),
        ("at least 8000", 8000, INF), (">=8000", 8000, INF), ("at most 10", -INF, 10),
        ("up to 10", -INF, 10), ("<=10", -INF, 10), ("about 250", 225, 275),
        ("around 250", 225, 275), ("approximately 250", 225, 275), ("some 250", 225, 275),
        ("nearly 250", 225, 275), ("~250", 225, 275), ("dozens", 24, 99), ("hundreds", 200, 999),
        ("several", 3, 9), ("Dozens", 24, 99),
    ],
)
def test_numbers(text, lo, hi):
    v = parse_value(text)
    assert v.kind == "number"
    assert (v.lo, v.hi) == pytest.approx((lo, hi))
    assert v.text == text


@pytest.mark.parametrize("text, open_lo, open_hi", [
    ("more than 8,000", True, False), ("over 8000", True, False), (">8000", True, False),
    ("fewer than 10", False, True), ("less than 10", False, True), ("under 10", False, True),
    ("<10", False, True),
])
def test_strict_bounds_are_open(text, open_lo, open_hi):
    v = parse_value(text)
    assert (v.lo_open, v.hi_open) == (open_lo, open_hi)


def test_strict_bound_excludes_its_number():
    assert not agree(parse_value("more than 8,000"), parse_value("8000"))
    assert agree(parse_value("at least 8,000"), parse_value("8000"))
    assert agree(parse_value("more than 8,000"), parse_value("8001"))
    assert not agree(parse_value("under 10"), parse_value("10"))


def test_reversed_range_is_an_error_with_the_fix():
    with pytest.raises(ValueError, match="reversed range '30-20'.*did you mean '20-30'"):
        parse_value("30-20")


def test_booleans_dates_text():
    assert parse_value("true", "bool").flag is True
    assert parse_value("false", "bool").flag is False
    assert parse_value("2015-11-16").kind == "date"
    assert parse_value("command centre").kind == "text"


def test_times_in_three_zones_name_the_same_instant():
    gmt = parse_value("2015-11-17T00:30:00Z")
    raqqa = parse_value("2015-11-17 02:30 Asia/Damascus")
    eastern = parse_value("2015-11-16 19:30 America/New_York")
    offset = parse_value("2015-11-17 02:30 +02:00")
    assert gmt.kind == "time"
    assert agree(gmt, raqqa) and agree(gmt, eastern) and agree(raqqa, offset)
    assert not agree(gmt, parse_value("2015-11-17 01:30 +00:00"))


def test_time_precision_is_what_is_stated():
    assert agree(parse_value("2015-11-17 00:30 Z"), parse_value("2015-11-17 00:30:40 Z"))
    assert not agree(parse_value("2015-11-17 00:30:00 Z"), parse_value("2015-11-17 00:30:40 Z"))


def test_time_without_zone_is_an_error():
    with pytest.raises(ValueError, match="has no time zone"):
        parse_value("2015-11-17 00:30")


def test_unknown_zone_suggests_the_close_one():
    with pytest.raises(ValueError, match="unknown time zone 'Asia/Damascas'.*did you mean 'Asia/Damascus'"):
        parse_value("2015-11-17 02:30 Asia/Damascas")


def test_impossible_date_is_an_error():
    with pytest.raises(ValueError, match="not a date"):
        parse_value("2015-02-30")


def test_tolerances():
    assert parse_tolerance("2") == Tolerance(amount=2)
    assert parse_tolerance("10%") == Tolerance(percent=0.1)
    assert parse_tolerance("15 minutes") == Tolerance(seconds=900)
    assert parse_tolerance("1 hour") == Tolerance(seconds=3600)
    with pytest.raises(ValueError, match="not a number, a percentage or a duration"):
        parse_tolerance("a bit")


def test_tolerance_widens_agreement():
    seven, nine = parse_value("7"), parse_value("9")
    assert not agree(seven, nine)
    assert agree(seven, nine, Tolerance(amount=2))
    assert agree(parse_value("100"), parse_value("109"), Tolerance(percent=0.1))
    assert not agree(parse_value("100"), parse_value("125"), Tolerance(percent=0.1))
    t1, t2 = parse_value("2015-11-17 00:30 Z"), parse_value("2015-11-17 00:40 Z")
    assert not agree(t1, t2)
    assert agree(t1, t2, Tolerance(seconds=900))


def test_text_agrees_after_normalisation():
    assert agree(parse_value("Command Centre!"), parse_value("command centre"))
    assert not agree(parse_value("command centre"), parse_value("training camp"))


def test_describe():
    assert describe(parse_value("8125")) == "8,125"
    assert describe(parse_value("at least 2804")) == "≥2,804"
    assert describe(parse_value("more than 8,000")) == ">8,000"
    assert describe(parse_value("20-30")) == "20–30"
