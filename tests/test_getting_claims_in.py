"""Getting claims in: `init`, the editor schemas, and importing a spreadsheet, through the CLI."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, write

from factcheck.loading import schemas

BROKEN = Path(__file__).parent / "broken"
CASES = Path(__file__).parent / "cases"


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, timeout=120)


# ---------------------------------------------------------------- init


def test_init_starts_a_project_that_checks_clean(cli, tmp_path):
    result = cli("init", tmp_path / "desk", "--ci", "github")
    assert result.exit_code == 0
    made = {Path(line.split()[1]).relative_to(tmp_path / "desk").as_posix() for line in result.stdout.splitlines()}
    assert made == {"claims/example.yaml", "sources/example.yaml", "sources/ministry-statement.txt", "factcheck.yaml",
                    "schemas/claims.schema.json", "schemas/sources.schema.json", "schemas/settings.schema.json",
                    ".github/workflows/factcheck.yml"}
    check = cli("check", tmp_path / "desk", "--format", "json")
    assert check.exit_code == 0 and check.stderr == ""
    assert json.loads(check.stdout)["summary"]["confirmed"] >= 4
    for path in ("claims/example.yaml", "sources/example.yaml", "factcheck.yaml"):
        first = (tmp_path / "desk" / path).read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and (tmp_path / "desk" / path).parent.joinpath(
            first.split("=", 1)[1]).resolve().exists()
    workflow = yaml.safe_load((tmp_path / "desk" / ".github/workflows/factcheck.yml").read_text())
    assert "factcheck check" in [step.get("run") for step in workflow["jobs"]["factcheck"]["steps"]]


def test_init_never_overwrites(cli, tmp_path):
    write(tmp_path, {"claims/example.yaml": "mine\n", "factcheck.yaml": "vague: {}\n"})
    result = cli("init", tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "claims/example.yaml").read_text() == "mine\n"
    assert (tmp_path / "factcheck.yaml").read_text() == "vague: {}\n"
    kept = [line for line in result.stdout.splitlines() if line.startswith("kept")]
    assert len(kept) == 2 and all("left as it was" in line for line in kept)


def test_init_where_it_cannot_write_says_so_after_what_it_did(cli, tmp_path):
    (tmp_path / "schemas").write_text("a file where init wants a folder\n")
    result = cli("init", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout.splitlines()[:2] == ["created  claims/example.yaml", "created  sources/example.yaml"]
    assert result.stderr == "factcheck: error: cannot write schemas: File exists\n"
    assert (tmp_path / "schemas").read_text() == "a file where init wants a folder\n"


# ---------------------------------------------------------------- schemas


@pytest.mark.parametrize("kind", ["claims", "sources", "settings"])
def test_schemas_are_draft_2020_12_shipped_as_made_and_printed(cli, kind):
    printed = json.loads(cli("schema", kind).stdout)
    jsonschema.Draft202012Validator.check_schema(printed)
    shipped = Path(schemas.shipped(kind)).read_text(encoding="utf-8")
    assert shipped == schemas.text(kind), f"regenerate: factcheck schema {kind} -o factcheck/data/{kind}.schema.json"
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schemas_know_every_field_the_loader_reads():
    from factcheck.loading import fields

    claims = schemas.schema("claims")
    assert set(claims["properties"]["claims"]["items"]["properties"]) == set(fields.CLAIM.names)
    assert claims["properties"]["claims"]["items"]["required"] == list(fields.CLAIM.required)
    assert all(p["description"] for p in claims["properties"]["claims"]["items"]["properties"].values())


def test_valid_files_pass_check_jsonschema(tmp_path, cli):
    cli("init", tmp_path)
    claims = [*REPO.glob("claims/*.yaml"), *CASES.glob("*/claims/*.yaml"), tmp_path / "claims/example.yaml"]
    sources = [*REPO.glob("sources/*.yaml"), *CASES.glob("*/sources/*.yaml"), tmp_path / "sources/example.yaml"]
    for kind, files in (("claims", claims), ("sources", sources), ("settings", [tmp_path / "factcheck.yaml"])):
        result = check_jsonschema(Path(schemas.shipped(kind)), *files)
        assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- import

SHEET = "Source,Event,Measure,Value,As of,Said on,Quote,Note\r\n" \
        "ministry,raid,air strikes,12,,2024-03-01,\"Twelve strikes hit military targets in the port, it said\",\r\n" \
        "agency,raid,air strikes,'=12,,,,\r\n" \
        ",,,,,,,\r\n" \
        "agency,raid,time of raid,2024-03-01 03:30 UTC,,,,a note\r\n"


@pytest.fixture
def desk(tmp_path, cli):
    cli("init", tmp_path)
    return tmp_path


@pytest.mark.parametrize("encoding, separator", [("utf-8", ","), ("utf-8-sig", ","), ("utf-8-sig", ";"), ("utf-8", "\t")])
def test_a_sheet_as_excel_and_google_save_it(cli, desk, encoding, separator):
    text = SHEET.replace(",", separator) if separator != "," else SHEET
    text = text.replace(f"port{separator} it said", "port, it said")
    (desk / "sheet.csv").write_bytes(text.encode(encoding))
    result = cli("import", "sheet.csv", cwd=desk)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wrote 3 claim(s) to claims/raid.yaml\n"
    written = yaml.safe_load((desk / "claims/raid.yaml").read_text())
    assert written["event"] == "raid"
    first, guarded, timed = written["claims"]
    assert first == {"source": "ministry", "measure": "air strikes", "value": "12", "said_on": "2024-03-01",
                     "quote": "Twelve strikes hit military targets in the port, it said"}
    assert guarded["value"] == "=12"  # the spreadsheet's formula guard is not part of the value
    assert timed["note"] == "a note" and "as_of" not in timed  # empty cells are absent
    report = json.loads(cli("check", desk, "--format", "json").stdout)
    assert sorted(f["kind"] for f in report["findings"]) == ["not-comparable", "quote"]  # as the sheet says


def test_an_xlsx_sheet(cli, desk):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Source", "Event", "Measure", "Value", "As of"])
    sheet.append(["ministry", "raid", "aircraft", 10, __import__("datetime").date(2024, 3, 1)])
    book.save(desk / "sheet.xlsx")
    result = cli("import", "sheet.xlsx", cwd=desk)
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load((desk / "claims/raid.yaml").read_text())["claims"] == [
        {"source": "ministry", "measure": "aircraft", "value": "10", "as_of": "2024-03-01"}]


def test_every_problem_at_its_cell_and_nothing_written(cli, desk):
    before = sorted(p.name for p in (desk / "claims").iterdir())
    (desk / "sheet.csv").write_text("Source,Event,Measure,Value,As of,Colour\n"
                                    "ministry,raid,air strikes,7,2024-13-01,red\n"
                                    "agnecy,raid,targets,10 civilians,,\n"
                                    "ministry,,aircraft,ten,,\n")
    result = cli("import", "sheet.csv", cwd=desk)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "sheet.csv:1:6: error: unknown column 'Colour'; the columns are the fields of a claim: "
        "id, source, event, measure, value, as_of, quote, said_on, via, url, note, review_url, review_published, "
        "review_author (a note may be headed Notes or Comment)",
        "sheet.csv:2:5: error: 'as_of': '2024-13-01' is not a date: month must be in 1..12",
        "sheet.csv:3:1: error: unknown source 'agnecy' (did you mean 'agency'?)",
        "sheet.csv:3:4: error: value '10 civilians' is a number followed by words: did you mean value: 10, with what "
        "it counts in the measure ('civilians …')?; to keep it as text, write {text: '10 civilians'}",
        "sheet.csv:4:1: error: the row names no event: add an 'event' column, or give --event",
        "5 errors in sheet.csv: nothing was written",
    ]
    assert sorted(p.name for p in (desk / "claims").iterdir()) == before


def test_import_never_overwrites_and_says_where_the_claims_went(cli, desk):
    (desk / "claims/example-raid.yaml").write_text("claims: []  # mine\n")
    (desk / "sheet.csv").write_text("source,measure,value\nagency,aircraft,10\n")
    result = cli("import", "sheet.csv", "--event", "example-raid", cwd=desk)
    assert result.exit_code == 0 and result.stdout == "wrote 1 claim(s) to claims/example-raid-2.yaml\n"
    assert (desk / "claims/example-raid.yaml").read_text() == "claims: []  # mine\n"


def test_the_csv_report_imports_back_to_the_same_claims(cli, tmp_path):
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    (tmp_path / "claims").mkdir()
    report = tmp_path / "report.csv"
    assert cli("report", "-o", report).exit_code == 0
    fields = ("source", "event", "measure", "value", "as_of", "quote", "said_on", "url", "note", "via")

    def claims(root):
        data = json.loads(cli("report", root, "--format", "json", "--no-cache").stdout)["claims"]
        return sorted((c["id"], *(c[f] for f in fields)) for c in data)

    result = cli("import", report, tmp_path)
    assert result.exit_code == 0, result.stderr
    assert claims(tmp_path) == claims(REPO)


def test_an_import_that_cannot_write_every_file_writes_none(cli, desk, monkeypatch):
    """Rows of two events go to two new files; when the second appears meanwhile (another
    import, an editor), the first is taken back and the newcomer is left as it is."""
    from factcheck.run import importing

    (desk / "sheet.csv").write_text("event,source,measure,value\nraid,agency,aircraft,10\nsiege,agency,aircraft,4\n")
    real = importing.create_whole

    def raced(path, data):
        if path.endswith("siege.yaml"):
            Path(path).write_text("claims: []  # someone else's\n")
        real(path, data)

    monkeypatch.setattr(importing, "create_whole", raced)
    before = sorted(p.name for p in (desk / "claims").iterdir())
    result = cli("import", "sheet.csv", cwd=desk)
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: cannot write claims/siege.yaml: File exists; nothing was written\n"
    assert sorted(p.name for p in (desk / "claims").iterdir()) == sorted([*before, "siege.yaml"])
    assert (desk / "claims/siege.yaml").read_text() == "claims: []  # someone else's\n"


def test_import_makes_the_claims_folder_a_new_project_lacks(cli, tmp_path):
    write(tmp_path, {"sources/s.yaml": "id: agency\nname: Agency\n",
                     "sheet.csv": "source,event,measure,value\nagency,raid,aircraft,10\n"})
    result = cli("import", "sheet.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wrote 1 claim(s) to claims/raid.yaml\n"
    assert cli("check", tmp_path).exit_code == 0


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_quotes_inside_a_quoted_cell_are_read_as_excel_writes_them(cli, desk, separator):
    quote = 'Both targets were hit, and "destroyed"'
    rows = [["source", "event", "measure", "value", "quote"], ["ministry", "raid", "targets", "2", quote]]
    (desk / "sheet.csv").write_text("".join(
        separator.join('"' + c.replace('"', '""') + '"' if any(x in c for x in '",;') else c for c in row) + "\r\n"
        for row in rows), encoding="utf-8")
    result = cli("import", "sheet.csv", cwd=desk)
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load((desk / "claims/raid.yaml").read_text())["claims"][0]["quote"] == quote


@pytest.mark.parametrize("heading", ["Note", "Notes", "Comment", "comments"])
def test_a_notes_or_comment_column_is_the_claims_note(cli, desk, heading):
    (desk / "sheet.csv").write_text(f"source,event,measure,value,{heading}\nministry,raid,aircraft,10,from a call\n")
    assert cli("import", "sheet.csv", cwd=desk).exit_code == 0
    assert yaml.safe_load((desk / "claims/raid.yaml").read_text())["claims"][0]["note"] == "from a call"


def test_two_columns_for_one_field_and_cells_past_the_header_are_errors(cli, desk):
    (desk / "sheet.csv").write_text("source,event,measure,value,Notes,Comment\nministry,raid,aircraft,10,a,b,lost\n")
    result = cli("import", "sheet.csv", cwd=desk)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        "sheet.csv:1:6: error: column 'Comment' gives the claim's 'note', as column 5 ('Notes') does already: keep one",
        "sheet.csv:2:7: error: a cell beyond the last named column (6): 'lost'; name its column in the first row, "
        "or remove it"]


def test_a_value_cell_written_as_yaml_reads_as_in_yaml(cli, desk):
    (desk / "sheet.csv").write_text("source,event,measure,value\n"
                                    "ministry,raid,deaths,{text: 38 dead}\n"
                                    'ministry,raid,wounded,"{min: 20, max: 30}"\n')
    assert cli("import", "sheet.csv", cwd=desk).exit_code == 0, "imported"
    report = json.loads(cli("report", desk, "--format", "json", "--event", "raid").stdout)["claims"]
    deaths, wounded = (next(c for c in report if c["measure"] == m) for m in ("deaths", "wounded"))
    assert (deaths["value"], deaths["normalized"]["kind"]) == ("38 dead", "text")
    assert wounded["normalized"] == {"kind": "number", "min": 20, "max": 30, "min_open": False, "max_open": False}


def test_dates_of_a_european_sheet_are_refused_with_the_iso_form(cli, desk):
    (desk / "sheet.csv").write_text("source,event,measure,value,said on\nministry,raid,aircraft,10,25/12/2024\n"
                                    "ministry,raid,bombs,16,03/04/2024\n")
    result = cli("import", "sheet.csv", cwd=desk)
    assert result.exit_code == 2
    assert "sheet.csv:2:5: error: 'said_on': '25/12/2024' is neither a date nor a time: write YYYY-MM-DD: " \
           "here 2024-12-25" in result.stderr
    assert "sheet.csv:3:5:" in result.stderr and "2024-04-03 (read as day/month/year) or 2024-03-04" in result.stderr


def test_the_csv_report_imports_back_with_default_ids_notes_and_reviews(cli, tmp_path):
    """Every field of a claim survives report → import, default ids read as no id; the verdict's
    own notes are never read back as the claim's note."""
    old, new = tmp_path / "old", tmp_path / "new"
    for root in (old, new):
        write(root, {"sources/s.yaml": "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: c, name: C}\n"})
    write(old, {"claims/desk-notes.yaml": """
        event: raid
        claims:
          - {source: a, measure: deaths, value: "at least 9", note: "from a call", via: [c]}
          - source: b
            measure: deaths
            value: 10
            quote: 'Ten "civilians" died'
            said_on: 2024-03-02
            review: {url: "https://example.org/fc/ten", published: 2024-03-05, author: Jane Doe}
          - {source: c, measure: verdict of the court, value: {text: "2 years"}, as_of: 2024-03-01}
        """})
    sheet = tmp_path / "report.csv"
    assert cli("report", old, "-o", sheet).exit_code == 0
    assert "desk-notes:2" in sheet.read_text()
    result = cli("import", sheet, new)
    assert result.exit_code == 0, result.stderr

    def claims(root):
        data = json.loads(cli("report", root, "--format", "json", "--no-cache").stdout)["claims"]
        # every field of the claim; its id and the ids its verdict names aside, as the new file gives its own
        return [{k: c[k] for k in ("source", "event", "measure", "value", "normalized", "kind", "as_of", "quote",
                                   "said_on", "url", "note", "via", "verdict")} for c in data]

    assert claims(new) == claims(old)
    written = yaml.safe_load((new / "claims/raid.yaml").read_text())["claims"]
    assert "id" not in written[0] and written[0]["note"] == "from a call"
    assert written[1]["review"] == {"url": "https://example.org/fc/ten", "published": "2024-03-05", "author": "Jane Doe"}
    assert written[2]["value"] == {"text": "2 years"}


def test_an_xlsx_sheet_that_unpacks_to_too_many_rows_is_refused(cli, desk, monkeypatch):
    import openpyxl

    from factcheck.run import importing

    monkeypatch.setattr(importing, "MAX_ROWS", 50)
    book = openpyxl.Workbook()
    book.active.append(["source", "event", "measure", "value"])
    for _ in range(100):
        book.active.append(["ministry", "raid", "aircraft", 10])
    book.save(desk / "big.xlsx")
    result = cli("import", "big.xlsx", cwd=desk)
    assert result.exit_code == 2 and result.stderr.startswith("big.xlsx:51:1: error: not read: more than 50 rows")


def test_an_xlsx_sheet_of_many_rows_is_read_row_by_row_not_padded(cli, desk):
    """Rows are as wide as the sheet says, not Excel's 16,384 columns: 300 rows of four cells
    stay far below the cap on cells."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["source", "event", "measure", "value"])
    for i in range(300):
        book.active.append(["ministry", "raid", f"aircraft {i}", i])
    book.save(desk / "sheet.xlsx")
    result = cli("import", "sheet.xlsx", cwd=desk)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wrote 300 claim(s) to claims/raid.yaml\n"


# What a JSON Schema cannot say, and only `factcheck check` sees (docs/format.md, "JSON Schemas"):
# references across files and fields, and time zone names (the tz database's list changes).
CHECK_ONLY = {
    ("duplicate-ids-across-files", "claims/b.yaml"),  # an id taken in another file
    ("misspelt-names", "claims/c.yaml"),  # a time zone name that does not exist
    ("relay-cycle", "sources/more.yaml"),  # relays that go round, across sources
    ("self-relay", "sources/more.yaml"),  # a source among its own relays: one field against another
    ("unknown-rule-measures", "claims/c.yaml"),  # a measure no claim states
}


# Not for a schema to judge: a YAML alias bomb, which check-jsonschema expands for ever (factcheck
# never builds Python objects from YAML, and refuses it at once); and YAML nested deeper than
# check-jsonschema's parser can go (it stops with a RecursionError: refused, but told apart below).
NOT_FOR_A_SCHEMA = {"alias-bomb", "deep-nesting"}


def test_the_schemas_refuse_what_factcheck_refuses_where_a_schema_can():
    """Every claims or sources file a broken project's expected errors name is refused by its
    schema too (or cannot be parsed by check-jsonschema), but for what only check can see."""
    named = {(case.name, path) for case in BROKEN.iterdir() if case.is_dir() and case.name not in NOT_FOR_A_SCHEMA
             for path in re.findall(r"^((?:claims|sources)/[^:\n]+\.ya?ml):\d+:\d+: error:",
                                    (case / "expected").read_text(), re.M)}
    passed = set()
    for kind in ("claims", "sources"):
        files = sorted(BROKEN / case / path for case, path in named if path.startswith(kind))
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "-o", "json", "--schemafile",
                                 schemas.shipped(kind), *map(str, files)], capture_output=True, text=True, timeout=300)
        report = json.loads(result.stdout)
        refused = {e["filename"] for e in report["errors"] + report["parse_errors"]}
        passed |= {(f.parent.parent.name, f"{kind}/{f.name}") for f in files if str(f) not in refused}
    assert passed == CHECK_ONLY
    deep = check_jsonschema(Path(schemas.shipped("claims")), BROKEN / "deep-nesting" / "claims" / "c.yaml")
    assert deep.returncode != 0


@pytest.mark.parametrize("field, value", [
    ("value", "10 civilians"), ("value", "2015-11-16 19:30"), ("value", "4:50 pm"), ("value", ".inf"),
    ("as_of", "2015-13-45"), ("said_on", "2015-11-16 banana"), ("measure", "x" * 1001),
])
def test_a_schema_refuses_a_value_factcheck_refuses(cli, tmp_path, field, value):
    claim = {"source": "a", "measure": "m", "value": 1} | {field: value}
    text = "event: e\nclaims:\n  - " + json.dumps(claim).replace('".inf"', ".inf") + "\n"
    (tmp_path / "c.yaml").write_text(text)
    assert check_jsonschema(REPO / "factcheck/data/claims.schema.json", tmp_path / "c.yaml").returncode != 0
    write(tmp_path, {"claims/c.yaml": text, "sources/s.yaml": "id: a\nname: A\n"})
    assert cli("check", tmp_path).exit_code == 2  # and so does factcheck


@pytest.mark.parametrize("text", ["event: e\nclaims:\n  - {id: 2015, source: a, measure: m, value: 1, note: 5}\n",
                                  "event: e\nmeasures:\n  m: {tolerance: ten minutes}\n",
                                  "event: e\nrules:\n  - {name: r, sum: [m]}\n"])
def test_what_the_schema_says_of_a_claims_file_factcheck_says_too(cli, tmp_path, text):
    (tmp_path / "c.yaml").write_text(text)
    schema_ok = check_jsonschema(REPO / "factcheck/data/claims.schema.json", tmp_path / "c.yaml").returncode == 0
    write(tmp_path, {"claims/c.yaml": text + "claims:\n  - {source: a, measure: m, value: 1}\n" * ("claims:" not in text),
                     "sources/s.yaml": "id: a\nname: A\n"})
    assert schema_ok == (cli("check", tmp_path).exit_code != 2)
