"""Every value is read as exactly what it says, or refused with the form meant."""

import math

import pytest
from conftest import write

from factcheck.checking.compare import consistent, supports
from factcheck.loading.values import parse_value
from factcheck.model import Tolerance

INF = math.inf


@pytest.mark.parametrize("text, lo, hi, lo_open, hi_open", [
    ("9 or 10", 9, 10, False, False), ("ten or eleven", 10, 11, False, False),
    ("8000 or more", 8000, INF, False, False), ("8000+", 8000, INF, False, False),
    ("as many as 10", -INF, 10, False, False), ("10 or fewer", -INF, 10, False, False),
    ("250 or so", 225, 275, False, False), ("ten or so", 9, 11, False, False),
    ("one thousand and five", 1005, 1005, False, False), ("a hundred and one", 101, 101, False, False),
    ("one million two hundred thousand", 1_200_000, 1_200_000, False, False), ("two dozen", 24, 24, False, False),
    ("ninety-nine", 99, 99, False, False), ("a thousand", 1000, 1000, False, False),
    ("70-plus", 70, INF, False, False), ("70 plus", 70, INF, False, False), ("~70+", 70, INF, False, False),
    ("about 70-plus", 70, INF, False, False), ("seventy-plus", 70, INF, False, False),
])
def test_more_forms_of_numbers(text, lo, hi, lo_open, hi_open):
    v = parse_value(text)
    assert (v.kind, v.lo, v.hi, v.lo_open, v.hi_open) == ("number", pytest.approx(lo), pytest.approx(hi), lo_open, hi_open)


@pytest.mark.parametrize("text, meant", [
    ("10 civilians", "did you mean value: 10, with what it counts in the measure ('civilians …')?"),
    ("16 bombs", "value: 16"),
    ("two targets", "did you mean value: two, with what it counts in the measure ('targets …')?"),
    ("about 10 civilians", "did you mean value: about 10,"),
    ("a dozen people", "value: a dozen,"),
    ("4:50 pm", "holds a clock time"),
    ("at 16:50", "holds a clock time"),
    ("nineteen eighty-four", "not one number in English grammar"),
    ("one one one", "not one number in English grammar"),
    ("9M79 Tochka", "starts with a number"),
    ("16 November 2015", "a date written in words: write it as 2015-11-16"),
    ("1e999", "not a finite number"), ("about 1e999", "not a finite number"), ("1e309", "not a finite number"),
    (".inf", "not a finite number"), (".nan", "not a finite number"),
    ("2021-03-14 02:30 America/New_York", "never happened"),
    ("2015-11-16 19:30 Europe", "unknown time zone 'Europe'"),
    ("2015-11-16 19:30 " + "x" * 300, "unknown time zone"),
    ("2015-11-16 19:30 ../../etc/passwd", "unknown time zone"),
])
def test_refused_with_the_form_meant(text, meant):
    with pytest.raises(ValueError) as e:
        parse_value(text)
    assert meant in str(e.value)
    if "finite" not in meant and ("clock" in meant or "number" in meant):
        assert f"{{text: {text!r}}}" in str(e.value)  # and how to keep it as text


@pytest.mark.parametrize("written, meant", [
    ("25/12/2024", "here 2024-12-25"), ("12/25/2024", "here 2024-12-25"), ("25.12.2024", "here 2024-12-25"),
    ("03/04/2024", "here 2024-04-03 (read as day/month/year) or 2024-03-04 (read as month/day/year)"),
    ("13 November 2021", "here 2021-11-13"), ("November 13, 2021", "here 2021-11-13"),
])
@pytest.mark.parametrize("field", ["as_of", "said_on"])
def test_dates_written_another_way_are_refused_with_the_iso_form_meant(cli, tmp_path, written, meant, field):
    write(tmp_path, {"sources/s.yaml": "id: a\nname: A\n",
                     "claims/c.yaml": f"event: e\nclaims:\n  - {{source: a, measure: m, value: 1, {field}: '{written}'}}\n"})
    result = cli("check", tmp_path)
    assert result.exit_code == 2 and f"YYYY-MM-DD: {meant}" in result.stderr and "claims/c.yaml:3:" in result.stderr


def test_a_day_and_month_that_cannot_be_either_get_no_guess():
    with pytest.raises(ValueError) as e:
        parse_value("31/02/2024")
    assert "here" not in str(e.value)


def test_text_that_is_plainly_text_stays_text():
    for text in ("Buk missile", "no civilians killed", "command centre", "Su-25 attack aircraft"):
        assert parse_value(text).kind == "text"


@pytest.mark.parametrize("zone, hours", [("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5), ("MST", -7), ("MDT", -6),
                                         ("PST", -8), ("PDT", -7), ("BST", 1), ("CET", 1), ("CEST", 2), ("EET", 2),
                                         ("EEST", 3), ("MSK", 3), ("UTC", 0), ("GMT", 0)])
def test_zone_abbreviations_are_fixed_offsets(zone, hours):
    for day in ("2021-01-15", "2021-07-15"):  # the same offset winter and summer
        assert parse_value(f"{day} 12:00 {zone}").lo == parse_value(f"{day} {12 - hours:02d}:00 UTC").lo


def test_edt_is_four_hours_behind_not_a_guess():
    assert consistent(parse_value("2021-08-29 08:20 EDT"), parse_value("2021-08-29 12:20 UTC"))


def test_us_zone_letters_follow_the_rule_of_the_date():
    assert parse_value("2021-01-15 12:00 ET").lo == parse_value("2021-01-15 17:00 UTC").lo
    assert parse_value("2021-07-15 12:00 ET").lo == parse_value("2021-07-15 16:00 UTC").lo
    assert parse_value("2021-07-15 12:00 PT").lo == parse_value("2021-07-15 19:00 UTC").lo


def test_a_local_time_the_clock_passes_twice_means_either_instant():
    local = parse_value("2021-11-07 01:30 America/New_York")
    early, late = parse_value("2021-11-07 05:30 UTC"), parse_value("2021-11-07 06:30 UTC")
    assert consistent(local, early) and consistent(local, late)
    assert supports(early, local) and supports(late, local)  # each instant says more than the local time
    assert not supports(local, late)
    assert not consistent(local, parse_value("2021-11-07 07:30 UTC"))


@pytest.mark.parametrize("a, b, is_consistent, a_supports_b", [
    ("at least 1", "500", True, False), ("500", "at least 1", True, True),
    ("up to 10", "1", True, False), ("1", "up to 10", True, True),
    ("248", "about 250", True, True), ("about 250", "248", True, False),
    ("about 250", "about 260", True, False), ("about 250", "240", True, False),
    ("7", "7", True, True), ("seven", "7", True, True), ("7", "2", False, False),
    ("more than 8,000", "8000", False, False), ("20-30", "25", True, False), ("25", "20-30", True, True),
    ("2015-11-17 00:30 GMT", "2015-11-16 19:30 America/New_York", True, True),
    ("2015-11-17 00:30:20 Z", "2015-11-17 00:30 Z", True, True), ("2015-11-17 00:30 Z", "2015-11-17 00:30:20 Z", True, False),
    ("2015-11-16", "2015-11-16", True, True), ("2015-11-16", "2015-11-17", False, False),
])
def test_support_and_consistency(a, b, is_consistent, a_supports_b):
    va, vb = parse_value(a), parse_value(b)
    assert consistent(va, vb) == consistent(vb, va) == is_consistent
    assert supports(va, vb) == a_supports_b


def test_text_support_is_sameness():
    a, b = parse_value("Buk missile"), parse_value("BUK missile!")
    assert supports(a, b) and supports(b, a)
    assert not consistent(parse_value("Buk missile"), parse_value("air-to-air missile"))


def test_tolerance_is_counted_once():
    # 100 and 110 are 10 apart: a 10% tolerance (of 110, the larger) covers it once, not from both sides.
    assert consistent(parse_value("100"), parse_value("110"), Tolerance(percent=0.1))
    assert not consistent(parse_value("100"), parse_value("125"), Tolerance(percent=0.1))
    assert consistent(parse_value("7"), parse_value("9"), Tolerance(amount=2))
    assert not consistent(parse_value("7"), parse_value("10"), Tolerance(amount=1))
    assert supports(parse_value("about 250"), parse_value("about 260"), Tolerance(percent=0.1))


@pytest.mark.parametrize("value, at, meant", [
    ('"10 civilians"', '"10', "did you mean value: 10"),
    ('"4:50 pm"', '"4', "holds a clock time"),
    ("1e999", "1e", "not a finite number"),
    ('"2021-03-14 02:30 America/New_York"', '"2021', "never happened"),
    ("{text: x, min: 1}", "min", "unknown key 'min' in a text value"),
])
def test_a_refused_value_is_placed_at_the_value(cli, tmp_path, value, at, meant):
    line = f"  - {{source: a, event: e, measure: civilian deaths, value: {value}}}"
    where = f"claims/c.yaml:2:{line.index(at) + 1}"
    write(tmp_path, {"sources/s.yaml": "id: a\nname: A\n", "claims/c.yaml": f"claims:\n{line}\n"})
    result = cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert any(line.startswith(f"{where}: error: ") and meant in line for line in result.stderr.splitlines()), result.stderr


def test_text_is_kept_as_text_when_asked(cli, tmp_path):
    write(tmp_path, {"sources/s.yaml": "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
                     "claims/c.yaml": "event: e\nclaims:\n"
                                      "  - {id: x, source: a, measure: weapon, value: {text: 9M79 Tochka}}\n"
                                      "  - {id: y, source: b, measure: weapon, value: {text: 9M79 Tochka}}\n"})
    result = cli("check", "--format", "json", cwd=tmp_path)
    claims = {c["id"]: c for c in __import__("json").loads(result.stdout)["claims"]}
    assert claims["x"]["normalized"] == {"kind": "text", "text": "9m79tochka"}  # letters and digits only (§5)
    assert claims["x"]["verdict"] == "confirmed"
