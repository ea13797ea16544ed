"""Real, publicly documented cases (tests/cases/*/README.md tells each one's facts and why each
verdict is right), checked end to end through the command line."""

import json
from pathlib import Path

import pytest
import yaml

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_real_case(cli, case):
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    result = cli("report", "--format", "json", "--no-cache", cwd=case)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    claims = {c["id"]: c for c in report["claims"]}
    assert {cid: c["verdict"] for cid, c in claims.items()} == expected["verdicts"]
    assert {cid: c["superseded_by"] for cid, c in claims.items() if c["superseded_by"]} == expected["superseded"]
    assert [f["kind"] for f in report["findings"]] == expected["findings"]
    for c in claims.values():  # an unaddressed claim that something is consistent with says so
        if c["consistent_with"]:
            assert any("does not establish" in n for n in c["notes"])
