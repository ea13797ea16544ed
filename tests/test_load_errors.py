"""Every validation error: exit 2, PATH:LINE:COLUMN, a message a person can act on."""

import pytest
from conftest import SOURCES, write

CASES = {
    "syntax error": (
        {"claims/c.yaml": "claims:\n  - {id: x, source: a\n"},
        "claims/c.yaml:3:1: error: invalid YAML: ",
    ),
    "wrong type": (
        {"claims/c.yaml": "event: e\nclaims: {id: x}\n"},
        "claims/c.yaml:2:9: error: 'claims' must be a list, not a mapping",
    ),
    "missing field": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, value: 1}\n"},
        "claims/c.yaml:3:5: error: a claim has no 'measure'",
    ),
    "unknown field": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: 1, qoute: hi}\n"},
        "claims/c.yaml:3:39: error: unknown key 'qoute' in a claim (did you mean 'quote'?)",
    ),
    "unknown source": (
        {"claims/c.yaml": "event: e\nclaims:\n  - source: aa\n    measure: m\n    value: 1\n"},
        "claims/c.yaml:3:13: error: unknown source 'aa' (did you mean 'a'?)",
    ),
    "duplicate claim id across files": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {id: x, source: a, measure: m, value: 1}\n",
         "claims/d.yaml": "event: e\nclaims:\n\n  - {id: x, source: b, measure: m, value: 1}\n"},
        "claims/d.yaml:4:5: error: duplicate claim id 'x' (first at claims/c.yaml:3:5)",
    ),
    "duplicate key": (
        {"claims/c.yaml": "event: e\nclaims:\n  - source: a\n    measure: m\n    source: b\n    value: 1\n"},
        "claims/c.yaml:5:5: error: duplicate key 'source' in a claim (first at line 3, column 5)",
    ),
    "bad slug": (
        {"claims/c.yaml": "event: Raqqa Raid\nclaims:\n  - {source: a, measure: m, value: 1}\n"},
        "claims/c.yaml:1:8: error: 'event' 'Raqqa Raid' is not a slug: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (did you mean 'raqqa-raid'?)",
    ),
    "bad kind": (
        {"sources/s.yaml": "id: z\nname: Z\nkind: ministery\n"},
        "sources/s.yaml:3:7: error: unknown kind 'ministery' (did you mean 'ministry'?)",
    ),
    "bad grade": (
        {"sources/s.yaml": "id: z\nname: Z\nreliability: G\n"},
        "sources/s.yaml:3:14: error: reliability 'G' is not an Admiralty grade",
    ),
    "time without zone": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: 2015-11-17 00:30}\n"},
        "claims/c.yaml:3:36: error: time '2015-11-17 00:30' has no time zone",
    ),
    "unknown zone": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: 2015-11-17 00:30 Europe/Pariss}\n"},
        "claims/c.yaml:3:36: error: unknown time zone 'Europe/Pariss' (did you mean 'Europe/Paris'?)",
    ),
    "reversed range": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: {min: 30, max: 20}}\n"},
        "claims/c.yaml:3:36: error: reversed range: min 30 is greater than max 20",
    ),
    "reversed range as text": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: 30-20}\n"},
        "claims/c.yaml:3:36: error: reversed range '30-20'",
    ),
    "python tag": (
        {"claims/c.yaml": "event: e\nclaims:\n  - !!python/object:os.system {source: a}\n"},
        "claims/c.yaml:3:5: error: Python tags are not allowed: !!python/object:os.system",
    ),
    "not UTF-8": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: caf\udce9, value: 1}\n"},
        "claims/c.yaml:3:29: error: not UTF-8: byte 0xe9 cannot be decoded",
    ),
    "empty file": (
        {"claims/c.yaml": "# nothing yet\n"},
        "claims/c.yaml:1:1: error: the file is empty (or holds only comments)",
    ),
    "top-level list": (
        {"claims/c.yaml": "- {source: a, measure: m, value: 1}\n"},
        "claims/c.yaml:1:1: error: a claims file must be a mapping, not a list",
    ),
    "event missing": (
        {"claims/c.yaml": "claims:\n  - {source: a, measure: m, value: 1}\n"},
        "claims/c.yaml:2:5: error: a claim has no 'event', and its file sets none",
    ),
    "relay to unknown source": (
        {"sources/s.yaml": "id: z\nname: Z\nrelays: [mdo]\n"},
        "sources/s.yaml:3:10: error: source 'z' relays unknown source 'mdo'",
    ),
    "rule with unknown measure": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: iraq, value: 1}\nrules:\n  - name: r\n    sum: [iraq, siria]\n    at_most: iraq\n"},
        "claims/c.yaml:6:17: error: unknown measure 'siria'",
    ),
    "rule with two comparisons": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: iraq, value: 1}\nrules:\n  - name: r\n    sum: [iraq]\n    at_most: iraq\n    equals: iraq\n"},
        "claims/c.yaml:8:13: error: a rule takes one comparison, not both 'at_most' and 'equals'",
    ),
    "rule with no comparison": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: iraq, value: 1}\nrules:\n  - name: r\n    sum: [iraq]\n"},
        "claims/c.yaml:5:5: error: a rule needs one comparison",
    ),
    "bad tolerance": (
        {"claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: 1}\nmeasures:\n  m: {tolerance: lots}\n"},
        "claims/c.yaml:5:18: error: tolerance 'lots' is not a number, a percentage or a duration",
    ),
    "document missing": (
        {"sources/s.yaml": "id: z\nname: Z\ndocument: gone.txt\n"},
        "sources/s.yaml:3:11: error: document 'gone.txt' not found",
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_validation_error(tmp_path, cli, files, expected):
    base = {"sources/sources.yaml": SOURCES, "claims/ok.yaml": "event: e\nclaims:\n  - {source: a, measure: ok, value: 1}\n"}
    for name, text in files.items():
        if "\udce9" in text:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    write(tmp_path, {k: v for k, v in (base | files).items() if "\udce9" not in v})
    result = cli("check", cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert any(line.startswith(expected) for line in lines), result.stderr
    assert lines[-1].endswith(("in 1 file", "in 2 files"))
    assert result.stdout == ""


def test_all_problems_of_a_run_are_reported_at_once(tmp_path, cli):
    write(tmp_path, {
        "sources/s.yaml": "id: a\nname: A\n",
        "claims/c.yaml": "event: e\nclaims:\n  - {source: b, measure: m, value: 1}\n  - {source: a, measure: m}\n",
        "claims/d.yaml": "event: E\nclaims:\n  - {source: a, measure: m, value: 1}\n",
    })
    result = cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "claims/c.yaml:3:14: error: unknown source 'b'",
        "claims/c.yaml:4:5: error: a claim has no 'value'",
        "claims/d.yaml:1:8: error: 'event' 'E' is not a slug: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (did you mean 'e'?)",
        "3 errors in 2 files",
    ]


def test_claims_are_not_blamed_for_broken_sources(tmp_path, cli):
    write(tmp_path, {
        "sources/s.yaml": "id: a\nname: 'A\n",
        "claims/c.yaml": "event: e\nclaims:\n  - {source: a, measure: m, value: 1}\n",
    })
    result = cli("check", cwd=tmp_path)
    [problem, count] = result.stderr.splitlines()
    assert problem.startswith("sources/s.yaml:3:1: error: invalid YAML: found unexpected end of stream")
    assert count == "1 error in 1 file"  # not also "unknown source 'a'" for every claim


def test_missing_folders_are_named(tmp_path, cli):
    result = cli("check", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert f"{tmp_path}/nowhere/claims:1:1: error: no claims folder here" in result.stderr


def test_paths_are_shown_as_given(tmp_path, cli):
    write(tmp_path, {"p/sources/s.yaml": SOURCES, "p/claims/c.yaml": "event: e\nclaims:\n  - {source: x, measure: m, value: 1}\n"})
    result = cli("check", "p", cwd=tmp_path)
    assert result.stderr.startswith("p/claims/c.yaml:3:14: error: unknown source 'x'")
