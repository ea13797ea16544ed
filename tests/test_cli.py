"""The commands end to end, as a user runs them."""

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO, SOURCES, write


def verdicts(result) -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(result.stdout)["claims"]}


def test_worked_example_verdicts(cli):
    result = cli("report", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    claims = {c["id"]: c for c in data["claims"]}
    assert data["summary"] == {"claims": 14, "confirmed": 2, "contradicted": 2, "unaddressed": 10, "findings": 1}
    # The activists' seven strikes and the ministry's two targets contradict each other.
    assert claims["rbss-strikes"]["verdict"] == "contradicted"
    assert claims["rbss-strikes"]["contradicted_by"] == ["mod-targets"]
    assert claims["mod-targets"]["contradicted_by"] == ["rbss-strikes"]
    # "No civilians killed" and "no civilian casualties" confirm each other.
    assert claims["rbss-civilians"]["verdict"] == claims["mod-civilians"]["verdict"] == "confirmed"
    assert claims["rbss-civilians"]["confirmed_by"] == ["mod-civilians"]
    # Nobody else speaks of the ministry's aircraft and bombs.
    assert claims["mod-aircraft"]["verdict"] == claims["mod-bombs"]["verdict"] == "unaddressed"
    # The raid's time in GMT, Raqqa and US Eastern time agrees; the article relays the ministry.
    for cid in ("mod-time", "article-time-raqqa", "article-time-eastern"):
        assert claims[cid]["verdict"] == "unaddressed" and not claims[cid]["contradicted_by"]
        assert any("supported by" in n and "article relays mod" in n for n in claims[cid]["notes"])
    assert not [f for f in data["findings"] if f["kind"] in ("not-comparable", "self-contradiction", "quote")]
    # The Pentagon's Iraq and Syria tallies cannot fit in its US total.
    [rule] = data["findings"]
    assert rule["kind"] == "rule"
    assert rule["claims"] == ["pentagon-iraq", "pentagon-syria", "pentagon-total"]
    assert "5,321 + 2,804 = 8,125 > 6,353" in rule["message"]
    assert rule["location"] == {"file": "claims/us-campaign.yaml", "line": 30, "column": 5}
    assert claims["rbss-strikes"]["location"] == {"file": "claims/raqqa-raid.yaml", "line": 4, "column": 5}


def test_json_claim_fields_are_the_contract(cli):
    claim = json.loads(cli("check", "--format", "json").stdout)["claims"][0]
    for key, kind in [("id", str), ("source", str), ("event", str), ("measure", str), ("value", str),
                      ("verdict", str), ("confirmed_by", list), ("contradicted_by", list),
                      ("notes", list), ("location", dict)]:
        assert isinstance(claim[key], kind)


def test_check_table_shows_summary_and_discrepancies(cli):
    result = cli("check", "--no-color")
    assert result.exit_code == 1  # contradicted claims, and --fail-on defaults to contradicted
    out = result.stdout
    assert "14 claims: 2 confirmed, 2 contradicted, 10 unaddressed; 1 finding" in out
    assert "rbss-strikes" in out and "mod-targets" in out
    assert "mod-aircraft" not in out  # check shows discrepancies only
    assert "claims/us-campaign.yaml:30:5: rule:" in out
    assert "\x1b[" not in out


def test_report_table_groups_by_event(cli):
    out = cli("report").stdout
    events = ["coalition-air-campaign", "french-air-campaign", "raqqa-raid-2015-11-16", "us-air-campaign"]
    positions = [out.index(e) for e in events]
    assert positions == sorted(positions)
    assert "mod-aircraft" in out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("command, fail_on, code", [
    ("check", None, 1), ("check", "never", 0), ("check", "contradicted", 1),
    ("report", None, 0), ("report", "unaddressed", 1), ("report", "finding", 1),
])
def test_fail_on_sets_the_exit_code(cli, command, fail_on, code):
    args = [command, "--format", "json"] + (["--fail-on", fail_on] if fail_on else [])
    assert cli(*args).exit_code == code


def test_fail_on_levels_include_the_worse_ones(cli, project):
    root = project("""
        event: e
        claims:
          - {id: x, source: a, measure: m, value: 1}
          - {id: y, source: b, measure: m, value: 1}
          - {id: z, source: a, measure: n, value: 1}
    """)
    assert cli("check", root, "--fail-on", "contradicted").exit_code == 0
    assert cli("check", root, "--fail-on", "unaddressed").exit_code == 1
    assert cli("check", root, "--fail-on", "finding").exit_code == 1


def test_event_filter(cli):
    data = json.loads(cli("report", "--format", "json", "--event", "us-air-campaign").stdout)
    assert {c["event"] for c in data["claims"]} == {"us-air-campaign"}
    assert data["summary"]["claims"] == 3 and data["summary"]["findings"] == 1
    result = cli("report", "--event", "raqqa-raid")
    assert result.exit_code == 2
    assert "no claim is about event 'raqqa-raid' (did you mean 'raqqa-raid-2015-11-16'?)" in result.stderr


def test_output_file_is_written_whole(cli, tmp_path):
    target = tmp_path / "report.json"
    result = cli("report", "--format", "json", "--output", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["summary"]["claims"] == 14
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_a_report_written_over_the_last_one_replaces_it_whole(cli, tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("the last report")
    assert cli("report", "--format", "json", "--output", target).exit_code == 0
    assert json.loads(target.read_text())["summary"]["claims"] == 14
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # the old one, put aside, is gone
    target.write_text("the last report")
    real, failed = os.replace, []

    def failing(src, dst):  # the new report cannot be renamed into place (the old one can, back)
        if dst == str(target) and not failed:
            failed.append(src)
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    result = cli("report", "--format", "json", "--output", target)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert target.read_text() == "the last report" and [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_output_into_a_missing_folder_is_an_error(cli, tmp_path):
    result = cli("report", "--output", tmp_path / "no" / "report.txt")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


def test_output_not_replaced_when_input_is_bad(cli, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous")
    write(tmp_path, {"p/sources/s.yaml": "id: [", "p/claims/c.yaml": "claims: []"})
    assert cli("report", tmp_path / "p", "-o", target).exit_code == 2
    assert target.read_text() == "previous"


def test_quiet_check_prints_its_summary_line_only_and_keeps_the_exit_code(cli):
    result = cli("check", "--quiet")
    assert result.exit_code == 1 and result.stdout.splitlines() == [cli("check").stdout.splitlines()[0]]
    assert result.stdout.startswith("14 claims: ")
    assert cli("check", "--quiet", "--event", "us-air-campaign").stdout.startswith("3 claims: ")


@pytest.mark.parametrize("args", [["report", "--format", "json"], ["check", "--format", "json"], ["report"]])
def test_quiet_never_hides_a_report_asked_for(cli, args):
    quiet, loud = cli(*args, "--quiet"), cli(*args)
    assert quiet.stdout == loud.stdout and len(quiet.stdout.splitlines()) > 10


def test_quiet_still_writes_the_output_file(cli, tmp_path):
    cli("check", "--quiet", "-o", tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["claims"] == 14


def test_claims_and_sources_options(cli, tmp_path):
    write(tmp_path, {"c/x.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: 1}\n", "s/y.yaml": SOURCES})
    result = cli("report", "--claims", tmp_path / "c", "--sources", tmp_path / "s", "--format", "json")
    assert result.exit_code == 0
    assert verdicts(result)["x:1"]["verdict"] == "unaddressed"  # default id: file stem and position


def test_exact_measures(cli, project):
    root = project("""
        event: e
        claims:
          - {id: x, source: a, measure: airstrikes, value: 7}
          - {id: y, source: b, measure: air strikes, value: 2}
    """)
    merged = json.loads(cli("report", root, "--format", "json").stdout)
    assert merged["measure_merges"] == [{"name": "airstrikes", "into": "air strikes", "score": 94.7, "claims": 1}]
    assert {c["verdict"] for c in merged["claims"]} == {"contradicted"}
    exact = json.loads(cli("report", root, "--format", "json", "--exact-measures").stdout)
    assert exact["measure_merges"] == [] and {c["verdict"] for c in exact["claims"]} == {"unaddressed"}
    table = cli("report", root).stdout
    assert "'airstrikes' → 'air strikes'  score 94.7" in table


def test_diff_statuses_and_exit_code(cli):
    result = cli("diff", "rbss", "mod", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["a"], data["b"]) == ("rbss", "mod")
    rows = {r["measure"]: r for r in data["rows"]}
    assert rows["air strikes / targets"]["status"] == "conflict"
    assert rows["air strikes / targets"]["a"] == ["rbss-strikes"] and rows["air strikes / targets"]["b"] == ["mod-targets"]
    assert rows["civilian deaths"]["status"] == "agree"
    assert rows["aircraft"]["status"] == "only-b"
    assert set(data["rows"][0]) >= {"event", "measure", "a", "b", "status"}


def test_diff_only_and_agreeing_sources(cli):
    result = cli("diff", "mod", "article", "--format", "json", "--only", "agree")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["rows"]
    assert [(r["measure"], r["status"]) for r in rows] == [("time of raid", "agree")]
    assert cli("diff", "pentagon", "article", "--format", "json").exit_code == 0
    only_a = json.loads(cli("diff", "pentagon", "article", "--format", "json", "--only", "only-a").stdout)["rows"]
    assert {r["status"] for r in only_a} == {"only-a"} and len(only_a) == 3


def test_diff_table_shows_values_and_words(cli):
    out = cli("diff", "rbss", "mod").stdout
    assert "air strikes = seven" in out and "targets = 2" in out
    assert "Both targets were" in out
    assert "1 conflict, 1 agree, 3 only-b" in out


def test_diff_unknown_source(cli):
    result = cli("diff", "rbs", "mod")
    assert result.exit_code == 2
    assert "unknown source 'rbs' (did you mean 'rbss'?)" in result.stderr


def test_sources_command(cli):
    data = json.loads(cli("sources", "--format", "json").stdout)["sources"]
    by_id = {s["id"]: s for s in data}
    assert by_id["article"]["relays"] == ["rbss", "mod", "pentagon"]
    assert by_id["mod"]["relayed_by"] == ["article"]
    assert (by_id["mod"]["claims"], by_id["mod"]["confirmed"], by_id["mod"]["contradicted"], by_id["mod"]["unaddressed"]) == (5, 1, 1, 3)
    assert by_id["article"]["document"] == "sources/raqqa-article.txt"
    out = cli("sources").stdout
    assert "French Defence Ministry" in out and "ministry" in out


def test_colour_only_when_asked_for_and_never_with_no_color(cli, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    from factcheck.run.commands import Options, style
    assert style("table", Options(no_color=False)).color is True
    assert style("table", Options(no_color=True)).color is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert style("table", Options(no_color=False)).color is False


def test_usage_errors_exit_2(cli):
    assert cli("check", "--format", "yaml").exit_code == 2
    assert cli("check", "--fail-on", "sometimes").exit_code == 2
    assert cli("diff", "rbss").exit_code == 2


def test_user_text_is_never_rich_markup(cli, project):
    root = project("""
        event: e
        claims:
          - {id: x, source: a, measure: "[bold]deaths[/bold]", value: "[red]many[/red]"}
    """)
    out = cli("report", root).stdout
    assert "[bold]deaths[/bold] = [red]many[/red]" in out


@pytest.mark.parametrize("args", [["-m", "factcheck", "check"], ["-m", "factcheck", "check", "nowhere"]])
def test_runs_as_a_program_without_traceback(args):
    result = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in result.stderr
    assert result.returncode in (1, 2)
    if result.returncode == 1:
        assert "14 claims" in result.stdout
    else:
        assert "nowhere/claims:1:1: error:" in result.stderr


def test_a_command_leaves_the_garbage_collector_as_it_found_it(cli):
    import gc

    assert gc.isenabled()
    cli("check", "--no-cache", "--quiet")
    assert gc.isenabled()  # run in-process many times (as the property tests do), cycles must still be freed


def test_quiet_renders_nothing_it_would_not_print(cli, monkeypatch):
    from factcheck.formats import table

    def must_not_render(*args, **kwargs):
        raise AssertionError("--quiet rendered a report it does not print")

    monkeypatch.setattr(table.TableFormat, "check", must_not_render)
    result = cli("check", "--quiet")
    assert result.exit_code == 1 and result.stdout.count("\n") == 1  # the summary line; the exit code tells


def test_the_table_of_claims_is_drawn_as_rich_would_draw_it(cli, monkeypatch):
    """The claims tables are drawn line by line, for speed; they look as rich's Table did."""
    out = cli("report", "--no-color").stdout.splitlines()
    start = out.index("French air raid on Raqqa, 16–17 November 2015  raqqa-raid-2015-11-16")
    assert out[start + 1].startswith("verdict        claim                  what it says, and why")
    rule = out[start + 2]
    assert set(rule) == {"─"} and len(rule) == len(out[start + 1])  # the terminal's width, every row padded to it
    assert out[start + 3].rstrip() == "contradicted   rbss-strikes           air strikes = seven"
    assert out[start + 4].rstrip() == "               rbss                   against mod: targets = 2 (mod-targets)"
    assert all(len(line) <= len(rule) for line in out[start:])


@pytest.mark.parametrize("args, meant", [
    (["check", "--event", "US-Air-Campaign"], "'us-air-campaign'"),
    (["report", "--event", "raqqa"], "'raqqa-raid-2015-11-16'"),
    (["diff", "RBSS", "mod"], "'rbss'"),
    (["diff", "rbss", "MoD"], "'mod'"),
])
def test_did_you_mean_whatever_the_case(cli, args, meant):
    result = cli(*args)
    assert result.exit_code == 2 and f"(did you mean {meant}?)" in result.stderr


def test_a_name_of_two_measures_is_told_in_the_users_words_at_both_places(cli, tmp_path):
    write(tmp_path, {"sources/s.yaml": SOURCES, "claims/a.yaml": "measures:\n  Deaths: {aliases: [killed]}\n",
                     "claims/b.yaml": "event: e\nmeasures:\n  people killed:\n    aliases: [Death]\n"
                                      "claims:\n  - {source: a, measure: deaths, value: 1}\n"})
    result = cli("check", tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path}/claims/b.yaml:3:3: error: 'Death' (an alias of measure 'people killed') and measure 'Deaths', " \
           f"declared at {tmp_path}/claims/a.yaml:2:3, are one name: a name belongs to one measure only" in result.stderr
