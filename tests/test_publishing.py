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


# What Google's fact-check guidance requires of a ClaimReview, and recommends.
GOOGLE_REQUIRED = {"claimReviewed", "reviewRating", "url"}
GOOGLE_RECOMMENDED = {"author", "datePublished", "itemReviewed"}
RATING_REQUIRED = {"alternateName"}  # or ratingValue with bestRating and worstRating: both given


def assert_google_accepts(review: dict) -> None:
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert GOOGLE_REQUIRED <= review.keys() and GOOGLE_RECOMMENDED <= review.keys(), review.keys()
    assert "#" not in review["url"] and review["url"].startswith("https://")
    assert 0 < len(review["claimReviewed"]) <= 75
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and RATING_REQUIRED <= rating.keys() and rating["name"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"]["@type"] in ("Organization", "Person") and review["author"]["name"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["@type"] in ("Organization", "Person") and item["author"]["name"]


def test_claimreview_has_what_google_asks_for(cli, published):
    result = cli("report", "--format", "claimreview", cwd=published)
    reviews = json.loads(result.stdout)
    assert len(reviews) == 9  # one per reviewed claim: the raid's; the campaigns have no published review ...
    assert result.stderr.count("warning: event") == 3  # ... and each is named
    for review in reviews:
        assert_google_accepts(review)
    by_claim = {r["itemReviewed"]["author"]["name"] + ": " + r["claimReviewed"]: r for r in reviews}
    strikes = by_claim["Raqqa is Being Slaughtered Silently: air strikes: seven"]  # no quote: measure and value
    assert strikes["url"] == "https://example.org/fact-checks/raqqa-raid"  # the review's page, no anchor
    assert strikes["author"] == {"@type": "Organization", "name": "Example Fact Check", "url": "https://example.org"}
    assert strikes["datePublished"] == "2015-11-18"
    assert strikes["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 3, "worstRating": 1,
                                       "name": "Disputed", "alternateName": "Disputed"}  # the default for contradicted
    assert strikes["itemReviewed"] == {"@type": "Claim", "datePublished": "2015-11-16", "author": {
        "@type": "Organization", "name": "Raqqa is Being Slaughtered Silently", "url": "https://twitter.com/Raqqa_SL"}}
    quoted = by_claim["French Defence Ministry: Both targets were hit and destroyed simultaneously."]
    assert quoted["reviewRating"]["alternateName"] == "Disputed"
    # nine reviews on one page: Google shows none of them, and the warning says so
    assert "page https://example.org/fact-checks/raqqa-raid would carry 9 ClaimReviews" in result.stderr


def test_a_claims_own_review_is_its_page_and_its_author_writes_it(cli, published):
    raid = published / "claims" / "raqqa-raid.yaml"
    text = raid.read_text()
    assert "  - id: mod-civilians\n" in text
    raid.write_text(text.replace("  - id: mod-civilians\n", "  - id: mod-civilians\n    review: {url: "
                                 "'https://example.org/fc/civilians', published: 2015-11-19, author: Jane Doe}\n"))
    result = cli("report", "--format", "claimreview", cwd=published)
    review = next(r for r in json.loads(result.stdout) if r["url"] == "https://example.org/fc/civilians")
    assert_google_accepts(review)
    assert review["datePublished"] == "2015-11-19" and review["reviewRating"]["alternateName"] == "Accurate"
    assert review["author"] == {"@type": "Person", "name": "Jane Doe", "worksFor": {
        "@type": "Organization", "name": "Example Fact Check", "url": "https://example.org"}}
    assert "would carry 8 ClaimReviews" in result.stderr  # the raid's page keeps the other eight


def test_a_quote_the_check_did_not_find_is_never_published_as_the_claim(cli, published):
    raid = published / "claims" / "raqqa-raid.yaml"
    raid.write_text(raid.read_text().replace("and 7:30 p.m. on Monday United States Eastern Time",
                                             "and 8:30 p.m. on Monday United States Eastern Time"))
    result = cli("report", "--format", "claimreview", cwd=published)
    claimed = {r["claimReviewed"] for r in json.loads(result.stdout)}
    assert "and 8:30 p.m. on Monday United States Eastern Time" not in claimed  # the article does not say it
    assert "time of raid: 2015-11-16 19:30 America/New_York" in claimed
    assert "which would be 2:30 a.m. on Tuesday, November 17, in Raqqa, Syria" in claimed  # found: published
    assert "Both targets were hit and destroyed simultaneously." in claimed  # the ministry has no document to check


def test_a_long_claim_is_cut_at_a_word_and_an_early_review_is_a_warning(cli, published):
    raid = published / "claims" / "raqqa-raid.yaml"
    raid.write_text(raid.read_text().replace("value: seven", "value: {text: " + "seven strikes on the city " * 5 + "}"))
    events = published / "claims" / "events.yaml"
    events.write_text(events.read_text().replace("published: 2015-11-18", "published: 2015-11-15"))
    result = cli("report", "--format", "claimreview", cwd=published)
    long = next(r["claimReviewed"] for r in json.loads(result.stdout) if r["claimReviewed"].startswith("air strikes"))
    assert len(long) <= 75 and long.endswith("…") and long[:-1].split()[-1] in "seven strikes on the city"
    assert "the review of rbss-strikes is dated 2015-11-15, before the claim was said (2015-11-16)" in result.stderr


def test_the_html_pages_json_ld_parses_back_to_the_claimreview(cli, published):
    import extruct

    page = cli("report", "--format", "html", cwd=published).stdout
    found = extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]
    embedded = [item for block in found for item in (block if isinstance(block, list) else [block])]
    assert embedded == json.loads(cli("report", "--format", "claimreview", cwd=published).stdout)


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


def test_the_html_grid_scrolls_in_its_box_and_strikes_superseded_values(cli):
    page = cli("report", REPO / "tests/cases/kabul-drone-strike-2021", "--format", "html").stdout
    assert '<div class="scroll"><table class="matrix">' in page
    cell = next(td for td in re.findall(r"<td[^>]*>(.*?)</td>", page) if 'class="superseded"' in td)
    assert cell.index("false") < cell.index('<s class="superseded"')  # the current word first, then the struck one
    assert "superseded by centcom-threat-0917" in cell


def test_the_html_page_flags_a_quote_not_found_beside_its_claim(cli, published):
    raid = published / "claims" / "raqqa-raid.yaml"
    raid.write_text(raid.read_text().replace("and 7:30 p.m. on Monday", "and 8:30 p.m. on Monday"))
    page = cli("report", "--format", "html", cwd=published).stdout
    flagged = re.search(r'<blockquote class="unfound">(.*?)</blockquote>', page).group(1)
    assert "8:30 p.m." in flagged and "not found in <bdi>News article" in flagged
    assert page.count('<blockquote class="unfound">') == 1
