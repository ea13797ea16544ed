"""Verdicts a careful fact-checker would sign: support confirms, a source's later word
supersedes its earlier one, and agreement through a common source is no confirmation."""

import json

from conftest import write

KABUL = """
sources:
  - {id: centcom, name: US Central Command, kind: military}
  - {id: relatives, name: The Ahmadi family, kind: other}
  - {id: ap, name: Associated Press, kind: news}
  - {id: nyt, name: The New York Times, kind: news}
"""


def test_weaker_values_are_consistent_but_do_not_confirm(report):
    _, v = report("""
        event: e
        claims:
          - {id: ten, source: a, measure: civilian deaths, value: 10}
          - {id: nine-plus, source: b, measure: civilian deaths, value: at least 9}
          - {id: up-to-ten, source: c, measure: civilian deaths, value: up to 10}
    """)
    assert v["ten"].verdict == "unaddressed" and v["ten"].confirmed_by == []
    assert v["ten"].consistent_with == ["nine-plus", "up-to-ten"]
    assert any("consistent with nine-plus (b: 'at least 9'), which does not establish '10'" in n for n in v["ten"].notes)
    assert v["nine-plus"].verdict == "confirmed" and v["nine-plus"].confirmed_by == ["ten"]
    assert v["up-to-ten"].verdict == "confirmed" and v["up-to-ten"].confirmed_by == ["ten"]


def test_at_least_one_does_not_confirm_five_hundred(report):
    _, v = report("""
        event: e
        claims:
          - {id: many, source: a, measure: deaths, value: 500}
          - {id: some, source: b, measure: deaths, value: at least 1}
    """)
    assert v["many"].verdict == "unaddressed"
    assert v["some"].verdict == "confirmed"


def test_a_later_statement_supersedes_and_the_change_is_a_revision(report):
    r, v = report("""
        event: kabul-strike
        claims:
          - {id: c-0901, source: centcom, measure: civilian deaths, value: 0, said_on: 2021-09-01}
          - {id: c-0917, source: centcom, measure: civilian deaths, value: 10, said_on: 2021-09-17}
          - {id: family, source: relatives, measure: civilian deaths, value: 10}
    """, sources=KABUL)
    assert v["c-0901"].superseded_by == "c-0917" and v["c-0917"].superseded_by is None
    # The correction is not contradicted by the source's own earlier word, and confirms the family.
    assert v["c-0917"].verdict == "confirmed" and v["c-0917"].confirmed_by == ["family"]
    assert v["family"].verdict == "confirmed" and v["family"].confirmed_by == ["c-0917"]
    # The superseded figure is still judged, but it counts against nobody.
    assert v["c-0901"].verdict == "contradicted" and v["c-0901"].contradicted_by == ["family"]
    assert "c-0901" not in v["family"].contradicted_by
    [revision] = r.findings
    assert revision.kind == "revision" and revision.claims == ("c-0901", "c-0917")
    assert "centcom revised 'civilian deaths' for kabul-strike from 0 on 2021-09-01 (c-0901) to 10 on 2021-09-17" in revision.message
    assert revision.location.line == 4  # at the revising claim


def test_said_on_spans_order_only_when_they_do_not_overlap(report):
    r, v = report("""
        event: e
        claims:
          - {id: day, source: a, measure: deaths, value: 3, said_on: 2021-09-01}
          - {id: same-day, source: a, measure: deaths, value: 5, said_on: "2021-09-01 18:00 UTC"}
          - {id: next-day, source: a, measure: deaths, value: 7, said_on: "2021-09-02 00:00 UTC"}
    """)
    assert v["day"].superseded_by == "next-day" and v["same-day"].superseded_by == "next-day"
    assert {f.kind for f in r.findings} == {"revision", "self-contradiction"}
    [clash] = [f for f in r.findings if f.kind == "self-contradiction"]
    assert clash.claims == ("day", "same-day")  # nothing orders a day and a time within it


def test_claims_without_said_on_are_never_ordered(report):
    r, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: deaths, value: 7}
          - {id: y, source: a, measure: deaths, value: 9, said_on: 2021-09-17}
    """)
    assert v["x"].superseded_by is None and v["y"].superseded_by is None
    [f] = r.findings
    assert f.kind == "self-contradiction" and f.claims == ("x", "y")


def test_superseded_claims_stay_out_of_rules(report):
    r, _ = report("""
        event: e
        claims:
          - {source: a, measure: part, value: 5, said_on: 2021-01-01}
          - {source: a, measure: part, value: 2, said_on: 2021-01-02}
          - {source: a, measure: whole, value: 3}
        rules:
          - {name: parts fit, sum: [part], at_most: whole}
    """)
    assert [f.kind for f in r.findings] == ["revision"]  # 5 > 3 was the earlier word only


def test_via_makes_a_claim_dependent_on_the_source_it_came_through(report):
    _, v = report("""
        event: kabul-strike
        claims:
          - {id: ap-deaths, source: ap, measure: civilian deaths, value: 10, via: [relatives]}
          - {id: family, source: relatives, measure: civilian deaths, value: 10}
          - {id: nyt-deaths, source: nyt, measure: civilian deaths, value: 10, via: [relatives]}
    """, sources=KABUL)
    assert {v[k].verdict for k in ("ap-deaths", "family", "nyt-deaths")} == {"unaddressed"}
    assert any("ap-deaths came through relatives" in n for n in v["family"].notes)
    assert any("both came through relatives" in n for n in v["ap-deaths"].notes)


def test_a_claim_through_a_source_disagreeing_with_it_still_contradicts(report):
    _, v = report("""
        event: e
        claims:
          - {id: ap-deaths, source: ap, measure: civilian deaths, value: 12, via: [relatives]}
          - {id: family, source: relatives, measure: civilian deaths, value: 10}
    """, sources=KABUL)
    assert v["ap-deaths"].contradicted_by == ["family"]


def test_an_unknown_source_in_via_is_an_error_at_the_entry(cli, tmp_path):
    write(tmp_path, {"sources/s.yaml": KABUL,
                     "claims/c.yaml": "event: e\nclaims:\n  - {source: ap, measure: m, value: 1, via: [relatvies]}\n"})
    result = cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    column = "  - {source: ap, measure: m, value: 1, via: [relatvies]}".index("relatvies") + 1
    assert f"claims/c.yaml:3:{column}: error: unknown source 'relatvies' (did you mean 'relatives'?)" in result.stderr


def test_diff_statuses_follow_support(cli, tmp_path):
    write(tmp_path, {"sources/s.yaml": "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n", "claims/c.yaml": """
event: e
claims:
  - {source: a, measure: same, value: 7}
  - {source: b, measure: same, value: seven}
  - {source: a, measure: weaker, value: 7}
  - {source: b, measure: weaker, value: at least 5}
  - {source: a, measure: clash, value: 7}
  - {source: b, measure: clash, value: 9}
  - {source: a, measure: kinds, value: 7}
  - {source: b, measure: kinds, value: {text: many}}
  - {source: a, measure: mine, value: 1}
  - {source: b, measure: theirs, value: 1}
"""})
    result = cli("diff", "a", "b", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    statuses = {row["measure"]: row["status"] for row in json.loads(result.stdout)["rows"]}
    assert statuses == {"same": "agree", "weaker": "consistent", "clash": "conflict", "kinds": "not-comparable",
                        "mine": "only-a", "theirs": "only-b"}


def test_diff_of_a_source_with_itself_is_a_usage_error(cli):
    result = cli("diff", "mod", "mod")
    assert result.exit_code == 2 and "given twice" in result.stderr


def test_diff_notes_a_relay_between_the_two(cli):
    result = cli("diff", "article", "mod", "--format", "json")
    assert json.loads(result.stdout)["relation"] == "article relays mod: their agreement is not independent confirmation"
    assert "note: article relays mod" in cli("diff", "article", "mod", "--no-color").stdout


def test_check_lists_every_claim_at_or_above_fail_on(cli):
    result = cli("check", "--fail-on", "unaddressed", "--no-color")
    assert result.exit_code == 1
    assert "Unaddressed" in result.stdout and "mod-aircraft" in result.stdout
    for fmt, listed in (("markdown", "| mod-aircraft |"), ("html", "<tr id=\"claim-mod-aircraft\">"), ("github", "mod-aircraft::")):
        assert listed in cli("check", "--fail-on", "unaddressed", "--format", fmt).stdout
        assert listed not in cli("check", "--format", fmt).stdout


def test_a_rule_about_an_event_no_claim_names_is_an_error(cli, tmp_path):
    write(tmp_path, {"sources/s.yaml": "id: a\nname: A\n", "claims/c.yaml": """
claims:
  - {source: a, event: us-air-campaign, measure: m, value: 1}
rules:
  - {name: r, event: us-air-campaing, sum: [m], at_most: m}
"""})
    result = cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert ("claims/c.yaml:4:22: error: rule 'r' is about event 'us-air-campaing', which no claim names "
            "(did you mean 'us-air-campaign'?)") in result.stderr


def test_a_not_comparable_finding_stands_at_the_odd_claim(report):
    r, _ = report("""
        event: e
        claims:
          - {id: n1, source: a, measure: deaths, value: 7}
          - {id: n2, source: b, measure: deaths, value: 8}
          - {id: t1, source: c, measure: deaths, value: {text: a mass grave}}
    """)
    [f] = [f for f in r.findings if f.kind == "not-comparable"]
    assert f.claims[0] == "t1" and f.location.line == 5
