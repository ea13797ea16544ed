"""Events, factcheck.yaml, warnings and invisible characters in measure names."""

import json

import pytest
from conftest import write

SOURCES = "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"


def run(cli, tmp_path, files, *args):
    write(tmp_path, {"sources/s.yaml": SOURCES} | files)
    return cli("check", *args, cwd=tmp_path)


def test_events_are_described_once_and_their_titles_shown(cli, tmp_path):
    result = run(cli, tmp_path, {"claims/c.yaml": """
        events:
          raid:
            title: The raid on the depot
            date: 2021-08-29
            place: Kabul
            review: {url: "https://example.org/fc/raid", published: 2021-09-20, author: Jane Doe}
        event: raid
        claims:
          - {source: a, measure: deaths, value: 1}
          - {source: b, measure: deaths, value: 2}
        """}, "--no-color")
    assert result.exit_code == 1
    assert "The raid on the depot  raid" in result.stdout


@pytest.mark.parametrize("events, message", [
    ("  raid: {titel: x}\n", "claims/e.yaml:2:10: error: unknown key 'titel' in event 'raid' (did you mean 'title'?)"),
    ("  raid: {date: 2021-02-30}\n", "claims/e.yaml:2:16: error: 'date': '2021-02-30' is not a date"),
    ("  raid: {review: {url: ftp://x}}\n", "claims/e.yaml:2:24: error: url 'ftp://x' must start with http:// or https://"),
    ("  Raid 1: {}\n", "claims/e.yaml:2:3: error: event 'Raid 1' is not a slug"),
])
def test_bad_event_descriptions_are_errors_where_they_are(cli, tmp_path, events, message):
    result = run(cli, tmp_path, {"claims/e.yaml": "events:\n" + events,
                                 "claims/c.yaml": "event: raid\nclaims:\n  - {source: a, measure: m, value: 1}\n"})
    assert result.exit_code == 2
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr


def test_an_event_described_twice_is_an_error(cli, tmp_path):
    result = run(cli, tmp_path, {"claims/a.yaml": "events:\n  raid: {title: A}\n",
                                 "claims/b.yaml": "events:\n  raid: {title: B}\n",
                                 "claims/c.yaml": "event: raid\nclaims:\n  - {source: a, measure: m, value: 1}\n"})
    assert "claims/b.yaml:2:3: error: event 'raid' is described twice (first at claims/a.yaml:2:3)" in result.stderr


def test_settings_override_vague_ranges(cli, tmp_path):
    files = {"claims/c.yaml": """
        event: e
        claims:
          - {id: x, source: a, measure: deaths, value: dozens}
          - {id: y, source: b, measure: deaths, value: 12}
        """}
    before = json.loads(run(cli, tmp_path, files, "--format", "json").stdout)
    assert {c["id"]: c["verdict"] for c in before["claims"]} == {"x": "contradicted", "y": "contradicted"}
    (tmp_path / "factcheck.yaml").write_text("vague:\n  dozens: 12-99  # ACLED's coding\n", encoding="utf-8")
    after = json.loads(run(cli, tmp_path, files, "--format", "json").stdout)
    claims = {c["id"]: c for c in after["claims"]}
    assert claims["x"]["normalized"]["min"] == 12 and claims["x"]["verdict"] == "confirmed"


@pytest.mark.parametrize("settings, message", [
    ("vauge: {}\n", "factcheck.yaml:1:1: error: unknown key 'vauge' in factcheck.yaml (did you mean 'vague'?)"),
    ("vague:\n  dozens: 99-12\n", "factcheck.yaml:2:11: error: 'dozens': reversed range"),
    ("vague:\n  dozens: lots\n", "factcheck.yaml:2:11: error: 'dozens': 'lots' is not a range"),
    ("publisher: {name: X, url: example.org}\n", "factcheck.yaml:1:27: error: url 'example.org' must start with http"),
    ("ratings:\n  confirmed: {name: True, value: 1.5}\n", "factcheck.yaml:2:34: error: 'value' must be a whole number"),
    ("ratings:\n  confimed: {name: True, value: 1}\n", "factcheck.yaml:2:3: error: unknown key 'confimed' in 'ratings' (did you mean 'confirmed'?)"),
])
def test_bad_settings_are_errors_where_they_are(cli, tmp_path, settings, message):
    (tmp_path / "factcheck.yaml").write_text(settings, encoding="utf-8")
    result = run(cli, tmp_path, {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: 1}\n"})
    assert result.exit_code == 2
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr


def test_an_event_named_once_and_like_another_is_a_warning(cli, tmp_path):
    result = run(cli, tmp_path, {"claims/c.yaml": """
        claims:
          - {source: a, event: raqqa-raid-2015-11-16, measure: deaths, value: 1}
          - {source: b, event: raqqa-raid-2015-11-16, measure: deaths, value: 1}
          - {source: b, event: raqqa-riad-2015-11-16, measure: strikes, value: 7}
        """})
    assert result.exit_code == 0
    assert result.stderr == ("claims/c.yaml:4:5: warning: event 'raqqa-riad-2015-11-16' is named by this claim only, "
                             "and is a typo away from 'raqqa-raid-2015-11-16': is it the same event?\n")
    assert run(cli, tmp_path, {}, "--quiet").stderr == ""


def test_an_event_named_once_in_each_of_two_files_is_named_twice(cli, tmp_path):
    result = run(cli, tmp_path, {
        "claims/a.yaml": "claims:\n  - {source: a, event: raqqa-riad-2015-11-16, measure: strikes, value: 7}\n",
        "claims/b.yaml": "claims:\n  - {source: b, event: raqqa-riad-2015-11-16, measure: strikes, value: 7}\n",
        "claims/c.yaml": "event: raqqa-raid-2015-11-16\nclaims:\n  - {source: a, measure: deaths, value: 1}\n"
                         "  - {source: b, measure: deaths, value: 1}\n",
    })
    assert result.exit_code == 0 and result.stderr == ""


def test_a_measure_one_source_states_like_one_others_state_is_a_warning(cli, tmp_path):
    result = run(cli, tmp_path, {"claims/c.yaml": """
        event: e
        claims:
          - {source: a, measure: civilians killed, value: 1}
          - {source: b, measure: killed civilians, value: 1}
          - {source: a, measure: air strikes in iraq, value: 3}
          - {source: b, measure: air strikes in syria, value: 3}
          - {source: a, measure: child deaths, value: 2}
          - {source: b, measure: chlid deaths, value: 2}
          - {source: b, measure: air strikes total, value: 3}
        """})
    assert result.exit_code == 0
    tail = "which other sources state: if they are the same, declare one an alias of the other"
    assert result.stderr.splitlines() == [
        f"claims/c.yaml:3:5: warning: measure 'civilians killed' is stated by a only, and looks like 'killed civilians', {tail}",
        f"claims/c.yaml:4:5: warning: measure 'killed civilians' is stated by b only, and looks like 'civilians killed', {tail}",
        f"claims/c.yaml:7:5: warning: measure 'child deaths' is stated by a only, and looks like 'chlid deaths', {tail}",
        f"claims/c.yaml:8:5: warning: measure 'chlid deaths' is stated by b only, and looks like 'child deaths', {tail}",
    ]  # iraq and syria differ in a word, and "total" is a word more, as measures are meant to


def test_the_worked_example_has_no_warnings(cli):
    assert cli("check").stderr == ""


def test_invisible_characters_do_not_keep_measures_apart(report):
    _, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: "dea\\u200bths", value: 7}
          - {id: y, source: b, measure: deaths, value: 9}
    """)
    assert v["x"].verdict == "contradicted" and v["x"].claim.measure == "dea\u200bths"
