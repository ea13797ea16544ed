"""Every unaddressed claim says why (SPEC §7), naming the claims concerned, at most five."""

import json

import pytest


def notes_of(report, claims: str, cid: str, **kw) -> list[str]:
    _, v = report(claims, **kw)
    assert v[cid].verdict == "unaddressed"
    return v[cid].notes


def test_no_other_source_states_it(report):
    assert notes_of(report, "event: e\nclaims:\n  - {id: x, source: a, measure: deaths, value: 3}\n"
                            "  - {id: y, source: a, measure: wounded, value: 3}\n", "x") == [
        "no other source states 'deaths' for e"]


def test_only_sources_that_are_not_independent_state_it(report):
    notes = notes_of(report, """
        event: e
        claims:
          - {id: x, source: a, measure: deaths, value: 3}
          - {id: y, source: b, measure: deaths, value: 3, via: [a]}
        """, "x")
    assert notes == ["supported by y (b: '3'), but y came through a: not independent confirmation"]


def test_an_independent_value_is_merely_consistent(report):
    assert notes_of(report, "event: e\nclaims:\n  - {id: x, source: a, measure: deaths, value: 10}\n"
                            "  - {id: y, source: b, measure: deaths, value: at least 9}\n", "x") == [
        "consistent with y (b: 'at least 9'), which does not establish '10'"]


def test_other_sources_state_it_only_at_another_as_of(report):
    assert notes_of(report, """
        event: e
        claims:
          - {id: x, source: a, measure: strikes, value: 30, as_of: 2015-11-12}
          - {id: y, source: b, measure: strikes, value: 30, as_of: 2015-11-13}
          - {id: z, source: c, measure: strikes, value: 31}
        """, "x") == ["other sources state it only as of other dates (2015-11-12 here): y (2015-11-13), z (no as_of)"]


def test_their_texts_are_undecided(report):
    assert notes_of(report, "event: e\nclaims:\n  - {id: x, source: a, measure: cause, value: bird strike}\n"
                            "  - {id: y, source: b, measure: cause, value: engine fire}\n", "x") == [
        "undecided against y (b: 'engine fire'): declare the measure's values, or add a wording to one, to decide "
        "them"]


def test_their_values_are_of_another_kind(report):
    assert notes_of(report, "event: e\nclaims:\n  - {id: x, source: a, measure: time, value: 2015-11-16}\n"
                            "  - {id: y, source: b, measure: time, value: 12}\n", "x") == [
        "other sources give it as another kind of value than date, which cannot be compared: y (number)"]


def test_the_only_agreeing_claims_are_superseded(report):
    _, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: deaths, value: 3}
          - {id: y1, source: b, measure: deaths, value: 3, said_on: 2021-01-01}
          - {id: y2, source: b, measure: deaths, value: {text: not known}, said_on: 2021-01-02}
        """)
    assert v["x"].notes == ["other sources' claims on it are superseded by their later word: y1 (superseded by y2)"]


def test_a_note_names_at_most_five_claims(report):
    sources = "sources:\n" + "".join(f"  - {{id: s{i}, name: S{i}}}\n" for i in range(9))
    claims = "event: e\nclaims:\n  - {id: x, source: s0, measure: deaths, value: 10}\n" + "".join(
        f"  - {{id: y{i}, source: s{i}, measure: deaths, value: at least {i}}}\n" for i in range(1, 9))
    notes = notes_of(report, claims, "x", sources=sources)
    assert len(notes) == 6 and notes[-1] == "and 3 more claims merely consistent with it"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html", "sarif"])
def test_every_format_says_why(cli, project, fmt):
    root = project("event: e\nclaims:\n  - {id: x, source: a, measure: deaths, value: 3}\n")
    out = cli("report", root, "--format", fmt, "--fail-on", "unaddressed", "--no-color").stdout
    assert "no other source states" in out and "'deaths'" in out.replace("&#x27;", "'")
    data = json.loads(cli("report", root, "--format", "json").stdout)
    assert data["claims"][0]["notes"] == ["no other source states 'deaths' for e"]
