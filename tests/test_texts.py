"""Texts are decided, never guessed (SPEC revision 3, §4 `values`, §5 "Texts"): the same text or
declared value supports, two different declared values contradict, any other two texts are
undecided, and spelling similarity never makes two texts the same."""

import json

import pytest

from factcheck.checking.compare import CONTRADICT, SAME, UNDECIDED, Texts
from factcheck.loading.values import parse_value
from factcheck.model import Measure

AIRCRAFT = Texts({"aircraft": Measure("aircraft", "aircraft", values=(
    ("embraer190", "Embraer 190"), ("embraere190", "Embraer 190"), ("erj190", "Embraer 190"),
    ("embraer195", "Embraer 195")))})


def relation(a: str, b: str, texts: Texts = Texts({}), measure: str = "m") -> str:
    return texts.relation(parse_value(a), measure, parse_value(b), measure)


@pytest.mark.parametrize("a, b", [
    ("E-190", "e 190"), ("E190", "E-190"), ("surface-to-air missile", "Surface to air missile"),
    ("Ｂｕｋ missile", "Buk missile"), ("Buk\u200b missile", "Buk missile"), ("BUK MISSILE!", "buk missile"),
])
def test_case_punctuation_spacing_and_unicode_forms_are_one_text(a, b):
    assert relation(a, b) == SAME


@pytest.mark.parametrize("a, b", [
    ("Embraer 190", "Embraer 195"),  # a letter apart, other numbers: never the same
    ("Embraer 190", "Embraer E190"),  # the same aircraft, but only a declaration says so
    ("external physical and technical interference", "Russian air defence missiles exploding near the aircraft"),
    ("bird strike", "bird strikes"),
])
def test_other_texts_are_undecided_however_alike_they_look(a, b):
    assert relation(a, b) == UNDECIDED


def test_declared_wordings_are_one_value_and_two_declared_values_contradict():
    assert relation("Embraer E190", "ERJ-190", AIRCRAFT, "aircraft") == SAME
    assert relation("Embraer 190", "Embraer 195", AIRCRAFT, "aircraft") == CONTRADICT
    assert relation("Embraer 190", "Embraer 175", AIRCRAFT, "aircraft") == UNDECIDED  # 175 is not declared


def test_booleans_are_untouched(report):
    _, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: shot down, value: true}
          - {id: y, source: b, measure: shot down, value: false}
        """)
    assert v["x"].verdict == v["y"].verdict == "contradicted"


AZAL = """
event: azal-8243
measures:
  aircraft: {}
claims:
  - {id: azal-aircraft, source: a, measure: aircraft, value: Embraer 190}
  - {id: other-aircraft, source: b, measure: aircraft, value: Embraer 195}
  - {id: e-aircraft, source: c, measure: aircraft, value: Embraer E190}
  - {id: azal-cause, source: a, measure: cause of the crash, value: external physical and technical interference}
  - {id: c-cause, source: c, measure: cause of the crash, value: Russian air defence missiles exploding near the aircraft}
"""


def test_the_embraer_case_confirms_nothing_by_spelling(cli, project):
    root = project(AZAL)
    result = cli("check", root, "--format", "json")
    assert result.exit_code == 0  # nothing contradicted: differently worded causes are undecided, not in conflict
    claims = {c["id"]: c for c in json.loads(result.stdout)["claims"]}
    assert {cid: c["verdict"] for cid, c in claims.items()} == dict.fromkeys(claims, "unaddressed")
    assert claims["azal-aircraft"]["undecided_with"] == ["other-aircraft", "e-aircraft"]
    assert "declare the measure's values" in claims["azal-cause"]["notes"][0]
    warned = [line for line in result.stderr.splitlines() if "a letter or two apart" in line]
    assert len(warned) == 1 and "'Embraer E190' (e-aircraft) and 'Embraer 190' (azal-aircraft, a)" in warned[0]


def test_declaring_the_values_decides_them(cli, project):
    root = project(AZAL.replace("  aircraft: {}", """  aircraft:
    values:
      Embraer 190: [Embraer E190, E190]
      Embraer 195: []
  cause of the crash:
    values:
      technical interference: [external physical and technical interference]
      air defence missile: [Russian air defence missiles exploding near the aircraft]"""))
    result = cli("check", root, "--format", "json")
    assert result.exit_code == 1 and "a letter or two apart" not in result.stderr
    verdicts = {c["id"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}
    assert verdicts == {"azal-aircraft": "contradicted", "other-aircraft": "contradicted", "e-aircraft": "contradicted",
                        "azal-cause": "contradicted", "c-cause": "contradicted"}


def test_a_text_that_is_none_of_the_declared_values_is_a_warning_with_the_one_meant(cli, project):
    root = project(AZAL.replace("  aircraft: {}", "  aircraft:\n    values: {Embraer 190: [E190], Embraer 195: []}"))
    result = cli("check", root)
    assert "warning: 'Embraer E190' is none of the values declared for measure 'aircraft' (did you mean " \
           "'Embraer 190'?): it is compared as undeclared text" in result.stderr


def test_a_wording_of_two_values_is_an_error(cli, project):
    root = project(AZAL.replace("  aircraft: {}", "  aircraft:\n    values: {Embraer 190: [E190], E 190: []}"))
    result = cli("check", root)
    assert result.exit_code == 2 and "'E 190' is a wording of both 'Embraer 190' and 'E 190'" in result.stderr


def test_one_sources_undecided_texts_are_no_finding_and_a_later_other_text_is_a_revision(report):
    r, v = report("""
        event: e
        claims:
          - {id: x1, source: a, measure: cause, value: engine failure}
          - {id: x2, source: a, measure: cause, value: failure of an engine}
          - {id: y1, source: b, measure: cause, value: bird strike, said_on: 2024-01-01}
          - {id: y2, source: b, measure: cause, value: drone, said_on: 2024-01-05}
        """)
    assert [f.kind for f in r.findings] == ["revision"]
    assert v["y1"].superseded_by == "y2"


def test_diff_says_undecided_where_only_texts_differ(cli, project):
    root = project(AZAL)
    rows = json.loads(cli("diff", "a", "c", root, "--format", "json").stdout)["rows"]
    assert {r["measure"]: r["status"] for r in rows} == {"aircraft": "undecided", "cause of the crash": "undecided"}


def test_diff_notes_claims_that_came_through_the_other_source(cli, project):
    root = project("""
        event: e
        claims:
          - {id: a-deaths, source: a, measure: deaths, value: 3, via: [b]}
          - {id: b-deaths, source: b, measure: deaths, value: 3}
        """)
    data = json.loads(cli("diff", "a", "b", root, "--format", "json").stdout)
    assert data["relation"] == "a-deaths and b-deaths are not independent: a-deaths came through b: their agreement " \
                               "is not independent confirmation"
    assert data["rows"][0]["status"] == "agree" and data["rows"][0]["notes"] == [
        "a-deaths and b-deaths are not independent: a-deaths came through b"]
    assert "a-deaths came through b" in cli("diff", "a", "b", root, "--no-color").stdout


@pytest.mark.parametrize("a, b, warned", [
    ("Embraer E190", "Embraer 190", True),  # one letter
    ("Pantsyr missile", "Pantsir misile", True),  # two
    ("Pantsyr missiles", "Pantsir misile", False),  # three: other texts, no guess
    ("Embraer 190", "Embraer 195", False),  # other numbers are never a typo
    ("Flight 8243", "Flight 8234", False),
])
def test_a_letter_or_two_apart_is_a_warning_never_a_merge(cli, project, a, b, warned):
    root = project(f"event: e\nclaims:\n  - {{id: x, source: a, measure: m, value: {a}}}\n"
                   f"  - {{id: y, source: b, measure: m, value: {b}}}\n")
    result = cli("check", root, "--format", "json")
    assert ("a letter or two apart" in result.stderr) is warned
    assert {c["verdict"] for c in json.loads(result.stdout)["claims"]} == {"unaddressed"}


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html", "sarif", "github", "json"])
def test_every_format_shows_undecided_texts(cli, project, fmt):
    root = project(AZAL)
    out = cli("report", root, "--format", fmt, "--fail-on", "unaddressed", "--no-color").stdout
    assert "undecided against" in out.replace("&#x27;", "'"), fmt
