"""Getting verdicts out: ClaimReview for search engines, SARIF for code scanning, the HTML page
a newsroom publishes, and the small things of the command line."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO

from factcheck import DISTRIBUTION

SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text())  # OASIS, errata01
SETTINGS = """publisher: {name: Example Fact Check, url: "https://example.org"}
ratings:
  confirmed: {name: Accurate, value: 3}
"""
REVIEW = """    review: {url: "https://example.org/fact-checks/raqqa-raid", published: 2015-11-18}\n"""


@pytest.fixture
def published(tmp_path):
    """The worked example with a publisher, and a published review of the raid."""
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    events = tmp_path / "claims" / "events.yaml"
    events.write_text(events.read_text().replace("    place: Raqqa, Syria\n", "    place: Raqqa, Syria\n" + REVIEW))
    (tmp_path / "factcheck.yaml").write_text(SETTINGS)
    return tmp_path


def test_claimreview_has_what_google_asks_for(cli, published):
    result = cli("report", "--format", "claimreview", cwd=published)
    reviews = json.loads(result.stdout)
    assert len(reviews) == 9  # the raid's claims; the campaigns have no published review ...
    assert result.stderr.count("warning: event") == 3  # ... and each is named
    by_url = {r["url"]: r for r in reviews}
    strikes = by_url["https://example.org/fact-checks/raqqa-raid#rbss-strikes"]
    assert strikes["@context"] == "https://schema.org" and strikes["@type"] == "ClaimReview"
    assert strikes["claimReviewed"] == "air strikes: seven"  # no quote: the measure and the value
    assert strikes["author"] == {"@type": "Organization", "name": "Example Fact Check", "url": "https://example.org"}
    assert strikes["datePublished"] == "2015-11-18"
    assert strikes["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 3, "worstRating": 1,
                                       "alternateName": "Disputed"}  # the documented default for contradicted
    assert strikes["itemReviewed"] == {"@type": "Claim", "datePublished": "2015-11-16", "author": {
        "@type": "Organization", "name": "Raqqa is Being Slaughtered Silently", "url": "https://twitter.com/Raqqa_SL"}}
    confirmed = by_url["https://example.org/fact-checks/raqqa-raid#mod-civilians"]
    assert confirmed["reviewRating"]["alternateName"] == "Accurate"  # as factcheck.yaml names it
    quoted = by_url["https://example.org/fact-checks/raqqa-raid#mod-targets"]
    assert quoted["claimReviewed"] == "Both targets were hit and destroyed simultaneously."


def test_claimreview_without_a_publisher_is_an_error(cli, published):
    (published / "factcheck.yaml").unlink()
    result = cli("report", "--format", "claimreview", cwd=published)
    assert result.exit_code == 2 and "needs who publishes the fact-checks" in result.stderr


def test_the_html_page_embeds_the_claimreview_when_there_is_a_publisher(cli, published):
    page = cli("report", "--format", "html", cwd=published).stdout
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(embedded[1]) == json.loads(cli("report", "--format", "claimreview", cwd=published).stdout)
    assert "application/ld+json" not in cli("report", "--format", "html").stdout  # no publisher, no script


def test_sarif_is_valid_and_follows_fail_on(cli):
    for fail_on, levels in (("contradicted", {"error", "warning"}), ("finding", {"error"}), ("never", {"warning"})):
        log = json.loads(cli("check", "--format", "sarif", "--fail-on", fail_on).stdout)
        jsonschema.validate(log, SARIF_SCHEMA)
        results = log["runs"][0]["results"]
        assert {r["level"] for r in results} == levels
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {"ContradictedClaim", "BrokenRule", "Revision", "QuoteNotFound"} <= rules
    contradicted = [r for r in results if r["ruleId"] == "ContradictedClaim"]
    location = contradicted[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "claims/raqqa-raid.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 4, "startColumn": 5}
    again = json.loads(cli("check", "--format", "sarif", "--fail-on", "never").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in again] == [r["partialFingerprints"] for r in results]  # stable


def test_the_format_follows_the_output_files_extension(cli, tmp_path):
    for name, check in (("r.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
                        ("r.md", lambda t: t.startswith("# factcheck")), ("r.csv", lambda t: t.startswith("id,")),
                        ("r.json", lambda t: "summary" in json.loads(t)), ("r.html", lambda t: t.startswith("<!DOCTYPE"))):
        assert cli("check", "-o", tmp_path / name).exit_code == 1
        assert check((tmp_path / name).read_text()), name


def test_version(cli):
    from importlib.metadata import version

    result = cli("--version")
    assert result.exit_code == 0 and result.stdout == f"factcheck {version(DISTRIBUTION)}\n"


def test_sources_under_github_actions_is_a_table(cli):
    result = cli("sources", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 0 and "French Defence Ministry" in result.stdout


def test_diff_csv_leaves_missing_quotes_empty(cli):
    assert "None" not in cli("diff", "rbss", "mod", "--format", "csv").stdout


def test_the_html_page_in_a_real_browser_shows_its_title_legend_and_chart(tmp_path, cli):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        pytest.skip("no Chromium here")
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "s.yaml").write_text("sources:\n  - {id: a, name: Airwars}\n  - {id: b, name: Pentagon}\n")
    (tmp_path / "claims" / "c.yaml").write_text(
        "event: e\nmeasures:\n  strikes: {cumulative: true}\nclaims:\n"
        + "".join(f"  - {{source: {s}, measure: strikes, value: {v}, as_of: 2015-{m:02d}-01}}\n"
                  for s, base in (("a", 100), ("b", 90)) for m, v in ((9, base), (10, base + 50), (11, base + 80))))
    page = tmp_path / "r.html"
    assert cli("report", tmp_path, "-o", page).exit_code == 0
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert "<h1>factcheck report</h1>" in dom and "an independent source says at least as much" in dom
    assert dom.count("<polyline") == 2 and "● Airwars" in dom


@pytest.mark.parametrize("where", ["work tree", "claims folder", "outside"])
def test_sarif_locations_are_relative_to_the_work_tree_wherever_factcheck_runs(cli, tmp_path, where):
    """GitHub reads a location relative to the repository's root: the same uri from the work
    tree's root, from inside claims/ with `..`, and from a folder outside it; none absolute
    while it carries a uriBaseId."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    desk = repo / "desk"
    shutil.copytree(REPO / "claims", desk / "claims")
    shutil.copytree(REPO / "sources", desk / "sources")
    cwd, root = {"work tree": (repo, "desk"), "claims folder": (desk / "claims", ".."),
                 "outside": (tmp_path, str(desk))}[where]
    cwd.mkdir(exist_ok=True)
    log = json.loads(cli("report", root, "--format", "sarif", "--fail-on", "unaddressed", cwd=cwd).stdout)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"] for loc in r["locations"]}
    assert uris == {"desk/claims/raqqa-raid.yaml", "desk/claims/us-campaign.yaml", "desk/claims/campaigns.yaml"}


def test_sarif_outside_any_work_tree_is_relative_to_root(cli, tmp_path):
    shutil.copytree(REPO / "claims", tmp_path / "desk" / "claims")
    shutil.copytree(REPO / "sources", tmp_path / "desk" / "sources")
    log = json.loads(cli("report", tmp_path / "desk", "--format", "sarif", cwd=tmp_path).stdout)
    locations = [loc["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"] for loc in r["locations"]]
    assert locations and all(a["uriBaseId"] == "%SRCROOT%" and a["uri"].startswith("claims/") for a in locations)
