import pytest

RULE = """
event: e
claims:
{claims}
measures:
  total: {{cumulative: {cumulative}}}
  iraq: {{cumulative: {cumulative}}}
  syria: {{cumulative: {cumulative}}}
rules:
  - name: parts and total
    sum: [iraq, syria]
    {relation}: total
"""


def run(report, claims, relation="at_most", cumulative="false"):
    r, _ = report(RULE.format(claims=claims, relation=relation, cumulative=cumulative))
    return [f for f in r.findings if f.kind == "rule"]


PENTAGON = """
  - {id: t, source: a, measure: total, value: "6,353", as_of: 2015-11-13}
  - {id: i, source: a, measure: iraq, value: "5,321", as_of: 2015-11-13}
  - {id: s, source: a, measure: syria, value: "2,804", as_of: 2015-11-12}
"""


def test_cumulative_tallies_bound_a_date_without_a_figure(report):
    [f] = run(report, PENTAGON, cumulative="true")
    assert "5,321 + 2,804 = 8,125 > 6,353" in f.message
    assert "as of 2015-11-13" in f.message
    assert f.claims == ("i", "s", "t")


def test_without_cumulative_other_dates_prove_nothing(report):
    assert run(report, PENTAGON, cumulative="false") == []


@pytest.mark.parametrize("relation, values, broken", [
    ("at_most", (3, 4, 7), False), ("at_most", (3, 4, 6), True),
    ("at_least", (3, 4, 7), False), ("at_least", (3, 4, 8), True),
    ("equals", (3, 4, 7), False), ("equals", (3, 4, 8), True), ("equals", (3, 4, 6), True),
    ("equals", ("2-4", "3-5", "9"), False), ("equals", ("2-4", "3-5", "10"), True),
    ("at_most", ("about 100", "about 100", "190"), False), ("at_most", ("about 100", "about 100", "170"), True),
    ("at_most", ("more than 100", "100", "200"), True),
    ("at_most", ("at least 100", "100", "200"), False),
])
def test_rule_forms_with_interval_arithmetic(report, relation, values, broken):
    i, s, t = values
    claims = f"""
  - {{id: i, source: a, measure: iraq, value: "{i}"}}
  - {{id: s, source: a, measure: syria, value: "{s}"}}
  - {{id: t, source: a, measure: total, value: "{t}"}}
"""
    assert bool(run(report, claims, relation)) is broken


def test_each_source_is_checked_on_its_own_figures(report):
    claims = """
  - {id: i, source: a, measure: iraq, value: 5}
  - {id: s, source: a, measure: syria, value: 5}
  - {id: t, source: b, measure: total, value: 3}
"""
    assert run(report, claims) == []


def test_broken_rule_in_the_report_shows_arithmetic_at_least(report):
    claims = """
  - {id: i, source: a, measure: iraq, value: 2}
  - {id: s, source: a, measure: syria, value: "1-3"}
  - {id: t, source: a, measure: total, value: 9}
"""
    [f] = run(report, claims, "at_least")
    assert "2 + 3 = 5 < 9" in f.message
