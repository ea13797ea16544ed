"""`factcheck why CLAIM`: the reasoning behind one verdict, as a desk editor checks it."""

import json

import pytest
from conftest import REPO


@pytest.mark.parametrize("claim, verdict, relation", [
    ("rbss-strikes", "contradicted", "contradicts: '2' and 'seven' cannot both be true"),
    ("rbss-civilians", "confirmed", "supports: an independent source says at least as much"),
    ("mod-time", "unaddressed", "not independent: article relays mod"),
])
def test_why_reads_each_verdict_through(cli, claim, verdict, relation):
    result = cli("why", claim, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{claim} (") and lines[1].startswith("  read as ")
    assert relation in " ".join(line.strip() for line in lines)
    assert any(line.startswith(f"{verdict}: ") for line in lines)
    assert all(len(line) <= 80 for line in lines)


def test_why_names_the_reason_an_unaddressed_claim_has(cli):
    out = cli("why", "mod-aircraft").stdout
    assert "No other claim states aircraft for raqqa-raid-2015-11-16." in out
    assert "no other source states 'aircraft' for raqqa-raid-2015-11-16" in out


def test_why_tells_superseded_and_superseding_claims(cli):
    out = cli("why", "centcom-threat-0829", REPO / "tests/cases/kabul-drone-strike-2021").stdout
    assert "centcom-threat-0917 (centcom, said on 2021-09-17)" in out and "supersedes this claim" in out


def test_why_as_json(cli):
    data = json.loads(cli("why", "rbss-civilians", "--format", "json").stdout)
    assert data["verdict"] == "confirmed" and data["read_as"] == "the number 0"
    assert data["others"] == [{"id": "mod-civilians", "source": "mod", "measure": "civilian casualties", "value": "0",
                               "as_of": None, "said_on": None, "relation": "supports",
                               "why": "an independent source says at least as much"}]


def test_an_unknown_claim_is_exit_2_with_the_one_meant(cli):
    result = cli("why", "MOD-aircrft")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: no claim has the id 'MOD-aircrft' (did you mean 'mod-aircraft'?)\n"


def test_why_in_a_format_that_cannot_say_it_is_a_usage_error(cli):
    result = cli("why", "rbss-strikes", "--format", "sarif")
    assert result.exit_code == 2 and "does not apply to 'why'" in result.stderr
