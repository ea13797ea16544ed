"""`factcheck extract`: claims proposed from an article's text, through the CLI.

tests/articles/ holds five articles, each a project (its sources, its event) with the claims a
careful person writes down from it (expected.yaml, written before extract was first run on the
article): the seed article of the worked example, a wire report of a strike with times in two
zones, a ministry's running tallies and a monitor's report of ranges and vague numbers, on which
extract's rules were tuned; and one held out, a wire report written after them. Each
test scores what extract proposes against that list: recall (the listed claims proposed, by
measure and value) and precision (the proposals that are listed claims); proposals left as
comments count as neither.
"""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from factcheck.loading.values import parse_value

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "tests" / "articles"

# case: --source, --event, --date, and the recall and precision extract reaches (found/listed, right/proposed)
CASES = {
    "raqqa-seed": ("article", "raqqa-raid-2015-11-16", None, (14, 14), (15, 19)),
    "beirut-wire": ("wire", "beirut-port-explosion-2020", "2020-08-05", (8, 10), (8, 8)),
    "general-staff": ("general-staff", "russian-losses-2023-02-24", "2023-02-24", (12, 12), (12, 12)),
    "observatory": ("sohr", "khan-sheikhoun-2017-04-04", "2017-04-05", (5, 10), (5, 5)),
    # Held out: its list was committed before extract first ran on it, and extract was not changed for it.
    "kabul-held-out": ("wire", "kabul-drone-strike-2021-08-29", "2021-09-18", (2, 7), (2, 3)),
}


def case_project(name: str, tmp_path: Path) -> tuple[Path, Path, dict]:
    root = tmp_path / name
    shutil.copytree(ARTICLES / name, root)
    if not (root / "sources").exists():  # the seed's sources are the worked example's
        shutil.copytree(REPO / "sources", root / "sources")
    expected = yaml.safe_load((root / "expected.yaml").read_text(encoding="utf-8"))
    return root, (ARTICLES / name / expected["article"]).resolve(), expected


def extract(cli, name: str, tmp_path: Path, *more: str):
    source, event, date, *_ = CASES[name]
    root, article, expected = case_project(name, tmp_path)
    args = ["extract", str(article), str(root), "--source", source, "--event", event,
            "-o", str(root / "claims" / "proposed.yaml"), *(["--date", date] if date else []), *more]
    result = cli(*args)
    return root, article, expected, result


def said(value) -> tuple:
    v = parse_value(str(value))
    return v.kind, v.lo, v.hi, v.lo_open, v.hi_open, v.norm


def score(proposed: list[dict], expected: list[dict]) -> tuple[set[int], int]:
    """The listed claims found (by index) and how many proposals are listed claims. A proposal
    is a listed claim when its measure is one of the names the list accepts and its value says
    the same; each listed claim is found once, by the proposal whose value is written most alike."""
    found, right = set(), 0
    for claim in proposed:
        matches = [i for i, e in enumerate(expected)
                   if claim["measure"].casefold() in {m.casefold() for m in e["measure"]} and said(claim["value"]) == said(e["value"])]
        if not matches:
            continue
        right += 1
        fresh = [i for i in matches if i not in found]
        alike = [i for i in fresh if str(expected[i]["value"]).split()[-1] == str(claim["value"]).split()[-1]]
        found.add((alike or fresh or matches)[0])
    return found, right


@pytest.mark.parametrize("name", CASES)
def test_extract_proposes_what_a_careful_person_writes_down(cli, tmp_path, name):
    root, _, expected, result = extract(cli, name, tmp_path)
    assert result.exit_code == 0, result.output
    proposed = yaml.safe_load((root / "claims" / "proposed.yaml").read_text(encoding="utf-8"))["claims"]
    found, right = score(proposed, expected["claims"])
    *_, recall, precision = CASES[name]
    print(f"{name}: recall {len(found)}/{len(expected['claims'])}, precision {right}/{len(proposed)}")
    assert (len(found), len(expected["claims"])) >= recall and len(expected["claims"]) == recall[1]
    assert (right, len(proposed)) == precision or right / len(proposed) >= precision[0] / precision[1]


@pytest.mark.parametrize("name", CASES)
def test_what_extract_writes_loads_and_its_quotes_are_the_articles_words(cli, tmp_path, name):
    root, article, _, result = extract(cli, name, tmp_path)
    assert result.exit_code == 0, result.output
    text = article.read_text(encoding="utf-8")
    proposed = yaml.safe_load((root / "claims" / "proposed.yaml").read_text(encoding="utf-8"))["claims"]
    quotes = [c["quote"] for c in proposed if "quote" in c]
    assert all(q in text for q in quotes)  # exact words, never folded
    report = cli("report", str(root), "--format", "json")
    assert report.exit_code == 0, report.output
    findings = json.loads(report.stdout)["findings"]
    assert [f for f in findings if f["kind"] == "quote"] == []  # the quote check passes where sources have documents
    assert all("note" in c and f"{article}:" in c["note"] for c in proposed)  # FILE:LINE:COL of each sentence


def test_the_seed_article_gives_every_figure_the_issue_names(cli, tmp_path):
    root, _, _, result = extract(cli, "raqqa-seed", tmp_path)
    assert result.exit_code == 0, result.output
    proposed = yaml.safe_load((root / "claims" / "proposed.yaml").read_text(encoding="utf-8"))["claims"]
    by = {(c["measure"], str(c["value"])): c for c in proposed}
    for measure, value in [("air strikes", "seven"), ("air strikes", "6,353"), ("targets", "two"),
                           ("air strikes in Iraq and Syria", "more than 8,000"), ("bombs dropped", "16"),
                           ("attacks in Iraq", "5,321"), ("civilian casualties", "0"), ("civilians killed", "none"),
                           ("time of raid", "2015-11-17 00:30 GMT"), ("time of raid", "2015-11-17 02:30 Asia/Damascus"),
                           ("time of raid", "2015-11-16 19:30 America/New_York")]:
        assert (measure, value) in by, (measure, value)
    assert by[("air strikes", "6,353")]["source"] == "pentagon" and by[("air strikes", "6,353")]["as_of"] == "2015-11-13"
    assert by[("attacks in Iraq", "5,321")]["as_of"] == "2015-11-13"  # "Of those attacks": the sentence before goes on
    assert by[("air strikes in Syria", "2,804")]["as_of"] == "2015-11-12"  # "as of last Thursday"
    assert by[("civilians killed", "none")]["source"] == "rbss"
    assert by[("civilians killed", "none")]["quote"].endswith("NO civilians got killed")
    assert by[("air strikes", "seven")]["source"] == "rbss"


def test_a_weekday_without_a_date_to_count_from_is_left_as_a_comment(cli, tmp_path):
    root, article, _ = case_project("raqqa-seed", tmp_path)
    (root / "claims" / "events.yaml").unlink()  # no event date, and no --date
    result = cli("extract", str(article), str(root), "--source", "article", "--event", "raqqa-raid-2015-11-16")
    assert result.exit_code == 0
    text = result.stdout
    assert "'Monday' needs the article's date to count back from: give --date" in text
    claims = yaml.safe_load(text)["claims"]
    assert not any(str(c["value"]).startswith("2015-11-16 19:30") for c in claims)
    assert all("as_of" not in c for c in claims)


def test_extract_never_writes_over_a_file(cli, tmp_path):
    root, article, _ = case_project("beirut-wire", tmp_path)
    target = root / "proposed.yaml"  # a file of the user's, e.g. from an earlier run
    target.write_text("# a person's own claims\n", encoding="utf-8")
    result = cli("extract", str(article), str(root), "--source", "wire", "--event", "beirut-port-explosion-2020",
                 "-o", str(target))
    assert result.exit_code == 2
    assert "exists: extract writes a new file only, never over one" in result.stderr
    assert target.read_text(encoding="utf-8") == "# a person's own claims\n"


@pytest.mark.parametrize("content, message", [
    (b"Ten strikes \x00 hit", "1:13: error: binary file"),
    (b"Ten strikes\nhit \xff here", "2:5: error: not UTF-8: byte 0xff"),
])
def test_an_article_that_is_not_text_is_refused_where_it_goes_wrong(cli, tmp_path, content, message):
    root, _, _ = case_project("beirut-wire", tmp_path)
    article = tmp_path / "bad.txt"
    article.write_bytes(content)
    result = cli("extract", str(article), str(root), "--source", "wire", "--event", "beirut-port-explosion-2020")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{article}:{message}" in result.stderr


def test_an_article_that_is_no_regular_file_or_too_large_is_refused(cli, tmp_path, monkeypatch):
    root, _, _ = case_project("beirut-wire", tmp_path)
    args = ("--source", "wire", "--event", "beirut-port-explosion-2020")
    folder = cli("extract", str(tmp_path), str(root), *args)
    assert folder.exit_code == 2 and f"{tmp_path}:1:1: error: not read: it is a folder" in folder.stderr
    from factcheck.extracting import article

    monkeypatch.setattr(article, "MAX_ARTICLE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("Seven strikes. " * 10, encoding="utf-8")
    result = cli("extract", str(big), str(root), *args)
    assert result.exit_code == 2 and "more than the 100 factcheck reads from one file" in result.stderr


def test_unknown_source_and_event_get_a_did_you_mean(cli, tmp_path):
    root, article, _ = case_project("beirut-wire", tmp_path)
    unknown = cli("extract", str(article), str(root), "--source", "wires", "--event", "beirut-port-explosion-2020")
    assert unknown.exit_code == 2 and "unknown source 'wires' (did you mean 'wire'?)" in unknown.stderr
    close = cli("extract", str(article), str(root), "--source", "wire", "--event", "beirut-port-explosion-2021")
    assert close.exit_code == 0
    assert "event 'beirut-port-explosion-2021' is new to the project (did you mean 'beirut-port-explosion-2020'?)" in close.stderr
    bad = cli("extract", str(article), str(root), "--source", "wire", "--event", "Beirut Port")
    assert bad.exit_code == 2 and "is no slug" in bad.stderr


def test_a_value_the_reader_refuses_is_a_comment_saying_why(cli, tmp_path):
    root, article, _ = case_project("observatory", tmp_path)
    result = cli("extract", str(article), str(root), "--source", "sohr", "--event", "khan-sheikhoun-2017-04-04",
                 "--date", "2017-04-05")
    text = result.stdout
    assert "value 'several hundred' is not one number in English grammar" in text
    assert "several hundred" not in json.dumps(yaml.safe_load(text)["claims"])


def test_hostile_text_cannot_break_the_file_it_is_written_into(cli, tmp_path):
    root, _, _ = case_project("beirut-wire", tmp_path)
    article = tmp_path / "hostile.txt"
    article.write_text('The ministry said: "Seven\u2028 strikes killed 12 people: #yes \x07 no, it said so." \u202e\n'
                       "'Ten: [x] {y} 12 people were killed & *a, the group wrote.\n\n"
                       '"These words hold \x07 no figure\u2028 at all, none," the ministry said.\n', encoding="utf-8")
    result = cli("extract", str(article), str(root), "--source", "wire", "--event", "beirut-port-explosion-2020",
                 "-o", str(root / "claims" / "hostile.yaml"))
    assert result.exit_code == 0, result.output
    assert cli("check", str(root)).exit_code == 0
