"""Verdicts and findings on small projects written as a user would write them."""

RELAYS = """
sources:
  - {id: a, name: A}
  - {id: b, name: B, relays: [a]}
  - {id: c, name: C, relays: [b]}
  - {id: d, name: D}
"""


def test_contradicted_confirmed_unaddressed(report):
    _, v = report("""
        event: e
        claims:
          - {id: a1, source: a, measure: deaths, value: 7}
          - {id: b1, source: b, measure: deaths, value: "5-8"}
          - {id: c1, source: c, measure: deaths, value: 12}
          - {id: a2, source: a, measure: injured, value: 3}
    """)
    assert v["a1"].verdict == "contradicted" and v["a1"].contradicted_by == ["c1"]
    assert v["a1"].confirmed_by == [] and v["a1"].consistent_with == ["b1"]  # "5-8" does not establish 7
    assert v["b1"].verdict == "contradicted"
    assert v["c1"].contradicted_by == ["a1", "b1"]
    assert v["a2"].verdict == "unaddressed"


def test_only_other_sources_count(report):
    r, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: deaths, value: 7}
          - {id: y, source: a, measure: deaths, value: 7}
    """)
    assert v["x"].verdict == v["y"].verdict == "unaddressed"
    assert not r.findings


def test_other_events_and_measures_are_never_compared(report):
    _, v = report("""
        claims:
          - {id: x, source: a, event: e1, measure: deaths, value: 7}
          - {id: y, source: b, event: e2, measure: deaths, value: 9}
          - {id: z, source: b, event: e1, measure: injured, value: 9}
    """)
    assert {v[k].verdict for k in "xyz"} == {"unaddressed"}


def test_as_of_compares_only_the_same_date(report):
    _, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: strikes, value: 10, as_of: 2015-11-01}
          - {id: y, source: b, measure: strikes, value: 20, as_of: 2015-11-08}
          - {id: z, source: b, measure: strikes, value: 10, as_of: 2015-11-01}
          - {id: w, source: c, measure: strikes, value: 99}
    """)
    assert v["x"].verdict == "confirmed" and v["x"].confirmed_by == ["z"]
    assert v["y"].verdict == "unaddressed"
    assert v["w"].verdict == "unaddressed"


def test_relays_are_not_independent_transitively_and_both_ways(report):
    _, v = report("""
        event: e
        claims:
          - {id: a1, source: a, measure: deaths, value: 7}
          - {id: c1, source: c, measure: deaths, value: 7}
    """, sources=RELAYS)
    assert v["a1"].verdict == v["c1"].verdict == "unaddressed"
    assert any("c relays a" in n for n in v["a1"].notes)
    assert any("not independent" in n for n in v["c1"].notes)


def test_a_relay_that_disagrees_still_contradicts(report):
    _, v = report("""
        event: e
        claims:
          - {id: a1, source: a, measure: deaths, value: 7}
          - {id: b1, source: b, measure: deaths, value: 9}
    """, sources=RELAYS)
    assert v["a1"].verdict == "contradicted"


def test_independent_sources_of_one_relay_confirm_each_other(report):
    # c relays b and b relays a, but a and d know nothing of each other.
    _, v = report("""
        event: e
        claims:
          - {id: a1, source: a, measure: deaths, value: 7}
          - {id: d1, source: d, measure: deaths, value: 7}
    """, sources=RELAYS)
    assert v["a1"].verdict == "confirmed"


def test_comparable_measures_contradict(report):
    _, v = report("""
        event: e
        claims:
          - {id: s, source: a, measure: air strikes, value: 7}
          - {id: t, source: b, measure: targets, value: 2}
        measures:
          air strikes: {comparable: [targets]}
    """)
    assert v["s"].verdict == v["t"].verdict == "contradicted"


def test_aliases_and_similarity_merge_measures_and_say_so(report):
    r, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: civilians killed, value: none}
          - {id: y, source: b, measure: Civilian Casualties, value: 0}
          - {id: z, source: c, measure: civillian deaths, value: 0}
        measures:
          civilian deaths: {aliases: [civilians killed, civilian casualties]}
    """)
    assert {v[k].verdict for k in "xyz"} == {"confirmed"}
    assert [(m.name, m.into) for m in r.merges] == [("civillian deaths", "civilian deaths")]
    assert any("spelling similarity" in n for n in v["z"].notes)


def test_tolerance_of_the_measure(report):
    _, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: time of raid, value: "2015-11-17 00:30 Z"}
          - {id: y, source: b, measure: time of raid, value: "2015-11-17 02:40 +02:00"}
          - {id: p, source: a, measure: deaths, value: 100}
          - {id: q, source: b, measure: deaths, value: about 115}
        measures:
          time of raid: {tolerance: 15 minutes}
          deaths: {tolerance: 5%}
    """)
    assert v["x"].verdict == "confirmed"  # 00:40 lies within 15 minutes of the minute 00:30
    assert v["q"].verdict == "confirmed"  # 100 lies within 5% of 103.5–126.5 ...
    assert v["p"].verdict == "unaddressed" and v["p"].consistent_with == ["q"]  # ... which does not establish 100


def test_self_contradiction_is_a_finding(report):
    r, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: deaths, value: 7}
          - {id: y, source: a, measure: deaths, value: 9}
    """)
    [f] = r.findings
    assert f.kind == "self-contradiction" and f.claims == ("x", "y")
    assert "7 (x), 9 (y)" in f.message
    assert v["x"].verdict == "unaddressed"


def test_values_of_different_kinds_are_a_finding_not_a_verdict(report):
    r, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: deaths, value: 7}
          - {id: y, source: b, measure: deaths, value: {text: many civilians}}
    """)
    assert v["x"].verdict == v["y"].verdict == "unaddressed"
    [f] = r.findings
    assert f.kind == "not-comparable" and f.claims == ("y", "x") and f.location.line == 4  # at the odd one out


def test_shrinking_cumulative_tally_is_a_finding(report):
    r, _ = report("""
        event: e
        claims:
          - {id: t1, source: a, measure: strikes, value: 100, as_of: 2015-11-01}
          - {id: t2, source: a, measure: strikes, value: 120, as_of: 2015-11-08}
          - {id: t3, source: a, measure: strikes, value: 90, as_of: 2015-11-15}
          - {id: u1, source: b, measure: strikes, value: 50, as_of: 2015-11-20}
        measures:
          strikes: {cumulative: true}
    """)
    [f] = r.findings
    assert f.kind == "shrinking" and f.claims == ("t2", "t3")
