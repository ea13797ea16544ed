"""Guards on what speed bought: the fast paths, the cache and the workers must never change an
answer. Each test here failed when the mistake it names was made on purpose."""

import importlib
import inspect
import json
import os
import pkgutil
import re
import shutil
import time
from pathlib import Path
from unittest import mock

import pytest
from conftest import REPO, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import formats
from factcheck.cli import Format as FormatChoice
from factcheck.loading import claims as claims_loading
from factcheck.model import Location, Problem
from factcheck.store import workers
from factcheck.store.cache import Cache

GOLDEN = Path(__file__).parent / "golden" / "worked-example.json"

# ---------------------------------------------------------------- the fast and careful claim paths

texts = st.sampled_from([
    "rbss", "mod", "raid-1", "Raid 1", "", " ", "air strikes", "civilian deaths", "seven", "7", "8,000",
    "about 250", "20-30", "30-20", "none", "2015-11-16", "2015-11-17 00:30 UTC", "2015-11-17 00:30",
    "2015-13-01", "https://example.org/a", "ftp://x", "a note", "“quoted” words", "x: y",
])
claim_fields = st.dictionaries(
    st.sampled_from(["id", "source", "event", "measure", "value", "as_of", "quote", "said_on", "url", "note", "qoute"]),
    texts, max_size=10,
)
# Most generated claims are whole, so that the fast path takes many of them.
whole_claims = st.fixed_dictionaries(
    {"source": st.sampled_from(["rbss", "mod"]), "measure": st.sampled_from(["air strikes", "deaths"]),
     "value": st.sampled_from(["7", "seven", "about 250", "2015-11-16", "2015-11-17 00:30 UTC", "none", "text"])},
    optional={"id": st.sampled_from(["c-1", "c-2"]), "event": st.sampled_from(["raid", "other"]),
              "as_of": st.sampled_from(["2015-11-16", "2015-11-17"]), "quote": st.sampled_from(["seven strikes", "“Both”"]),
              "said_on": st.sampled_from(["2015-11-16", "2015-11-17 02:30 +02:00"]),
              "url": st.sampled_from(["https://example.org/a"]), "note": st.sampled_from(["a note", "x"])},
)


def loaded(path: Path, fast: bool):
    if fast:
        cf = claims_loading.load_claims_file(str(path))
    else:
        with mock.patch.object(claims_loading, "fast_claim", return_value=False):
            cf = claims_loading.load_claims_file(str(path))
    return cf.claims(), cf.problems, cf.other_sources, cf.index


@settings(max_examples=int(os.environ.get("FACTCHECK_FUZZ", "150")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(whole_claims, whole_claims, claim_fields), min_size=1, max_size=6),
       st.sampled_from(["", "event: raid\n"]))
def test_fast_and_careful_paths_read_the_same_claims(tmp_path_factory, claims, head):
    path = tmp_path_factory.mktemp("paths") / "c.yaml"
    lines = [head + "claims:"]
    for claim in claims:
        lines.append("  - " + ("{}" if not claim else "\n    ".join(f"{k}: {json.dumps(v)}" for k, v in claim.items())))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert loaded(path, fast=True) == loaded(path, fast=False)


def test_the_fast_path_takes_a_whole_claim_with_every_field(tmp_path):
    """Else the comparison above would compare the careful path with itself."""
    path = write(tmp_path, {"c.yaml": """
        claims:
          - {id: c-1, source: a, event: e, measure: m, value: about 7, as_of: 2015-11-16, quote: q,
             said_on: 2015-11-16, url: "https://example.org", note: n}
        """}) / "c.yaml"
    with mock.patch.object(claims_loading, "careful_claim") as careful:
        claim = claims_loading.load_claims_file(str(path)).claims()[0]
    careful.assert_not_called()
    assert (claim.id, claim.note, claim.url, claim.quote, claim.said_on, claim.as_of) == (
        "c-1", "n", "https://example.org", "q", "2015-11-16", "2015-11-16")


# ---------------------------------------------------------------- the worked example's report


def test_the_worked_examples_json_report_is_unchanged(cli):
    """Byte for byte. A change meant to alter the report regenerates the file on purpose:
    factcheck check --format json --no-cache > tests/golden/worked-example.json"""
    result = cli("check", "--format", "json", "--no-cache")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_every_field_of_a_claim_reaches_the_json_report(cli, project):
    root = project({"c.yaml": """
        claims:
          - {id: c-1, source: a, event: e, measure: Air Strikes, value: about 7, as_of: 2015-11-16,
             quote: seven strikes, said_on: "2015-11-16 19:30 UTC", url: "https://example.org/a", note: a note}
          - {id: c-2, source: b, event: e, measure: airstrikes, value: 7, as_of: 2015-11-16}
        """})
    claims = json.loads(cli("check", "--format", "json", cwd=root).stdout)["claims"]
    assert claims[0] == {
        "id": "c-1", "source": "a", "event": "e", "measure": "Air Strikes", "value": "about 7",
        "verdict": "confirmed",
        "normalized": {"kind": "number", "min": 6.3, "max": 7.7, "min_open": False, "max_open": False},
        "confirmed_by": ["c-2"], "contradicted_by": [], "consistent_with": [], "undecided_with": [], "superseded_by": None,
        "notes": [],
        "location": {"file": "claims/c.yaml", "line": 2, "column": 5}, "compared_as": "Air Strikes",
        "kind": "number", "as_of": "2015-11-16", "quote": "seven strikes", "said_on": "2015-11-16T19:30:00+00:00",
        "url": "https://example.org/a", "note": "a note", "via": [],
    }
    assert claims[1]["compared_as"] == "Air Strikes" and claims[1]["location"]["line"] == 4


# ---------------------------------------------------------------- the cache


def test_an_edited_document_is_checked_again_with_the_cache(cli, tmp_path):
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    before = json.loads(cli("check", tmp_path, "--format", "json").stdout)
    assert not [f for f in before["findings"] if f["kind"] == "quote"]
    document = tmp_path / "sources" / "raqqa-article.txt"
    document.write_text(document.read_text(encoding="utf-8").replace("six air strikes", "seven air strikes"), encoding="utf-8")
    after = json.loads(cli("check", tmp_path, "--format", "json").stdout)
    assert [f["claims"] for f in after["findings"] if f["kind"] == "quote"] == [["article-france-syria"]]


def test_the_cache_salt_covers_what_parses_yaml_and_times(monkeypatch):
    salt = Cache("x").salt
    import yaml

    monkeypatch.setattr(yaml, "__version__", "0.0")
    assert Cache("x").salt != salt
    monkeypatch.undo()
    monkeypatch.setattr("zoneinfo.TZPATH", ("/nowhere",))
    assert Cache("x").salt != salt


# ---------------------------------------------------------------- worker processes


def parse_and_say_where(path: str):
    """A parse that also says which process ran it (module level, so that a worker can run it)."""
    parsed = claims_loading.load_claims_file(path)
    parsed.problems.append(Problem(Location(path, 1, 1), f"pid {os.getpid()}"))
    return parsed


def test_workers_parse_a_project_large_enough(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 2)  # as on the 2-core machines it is made for
    claim = "  - {source: a, event: e, measure: air strikes, value: about 250, quote: %s}\n"
    paths = []
    for i in range(4):
        path = tmp_path / f"c{i}.yaml"
        path.write_text("claims:\n" + "".join(claim % ("x" * 100) for _ in range(workers.PARALLEL_BYTES // 400)))
        paths.append(str(path))
    parsed = workers.read_all(paths, parse_and_say_where, Cache(None))
    pids = {f.problems[-1].message for f in parsed}
    assert f"pid {os.getpid()}" not in pids
    serial = [claims_loading.load_claims_file(p) for p in paths]
    assert [f.claims() for f in parsed] == [f.claims() for f in serial]


# ---------------------------------------------------------------- formats


def test_every_format_offered_is_implemented_and_every_implementation_offered():
    assert [c.value for c in FormatChoice] == list(formats.FORMATS)
    implemented = set()
    for name in formats.FORMATS | formats.QUIET:  # offered as --format, or what --quiet prints
        fmt = formats.get(name)
        assert isinstance(fmt, formats.Format) and fmt.name == name
        implemented.add(type(fmt))
    modules = [importlib.import_module(f"factcheck.formats.{m.name}") for m in pkgutil.iter_modules(formats.__path__)]
    module_classes = {
        cls for module in modules for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, formats.Format) and cls not in (formats.Format, formats.Partwise)
    }
    assert module_classes == implemented


def test_parts_checked_in_workers_give_the_report_checked_here(cli, tmp_path, monkeypatch):
    from factcheck.run import parts

    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    here = cli("check", tmp_path, "--format", "json", "--no-cache").stdout
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(parts, "PARALLEL_CLAIMS", 0)  # as if the project were large
    pids = tmp_path / "pids"
    real = parts._check_and_render

    def say_where(*args):  # forked workers inherit this patch
        with open(pids, "a") as f:
            f.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(parts, "_check_and_render", say_where)
    assert cli("check", tmp_path, "--format", "json", "--no-cache").stdout == here
    assert str(os.getpid()) not in pids.read_text().split()


# ---------------------------------------------------------------- the two ways a group is compared

group_values = st.sampled_from(["7", "seven", "5-8", "at least 5", "up to 7", "about 7", "9", "more than 7", "Buk missile",
                                "buk-missile", "Buk", "Tor missile", "a Buk"])


@settings(max_examples=int(os.environ.get("FACTCHECK_FUZZ", "150")), deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcd"), group_values, st.booleans(), st.sampled_from(["", "r"])),
                min_size=2, max_size=12))
def test_classes_compare_a_group_as_pairs_do(claims):
    """compare_classes (large groups) must say what compare_pairs (small ones) says, wherever
    no list reaches its cap."""
    from factcheck.checking import verdicts as V
    from factcheck.checking.compare import Texts
    from factcheck.checking.independence import Independence
    from factcheck.loading.values import parse_value
    from factcheck.model import Claim, Measure, Source, Verdict

    sources = {s: Source(s, s.upper(), relays=("a",) if s == "b" else ()) for s in "abcd"}

    def group():
        out = []
        for i, (source, value, superseded, measure) in enumerate(claims):
            c = Claim(f"c{i}", source, "e", "m" + measure, parse_value(value), Location("c.yaml", i + 1, 1))
            out.append(Verdict(c, "m" + measure, superseded_by="x" if superseded else None))
        return out

    # measure "m" declares its texts' values; "mr" does not: both ways of reading texts are compared
    texts = Texts({"m": Measure("m", "m", values=(("bukmissile", "Buk missile"), ("buk", "Buk missile"),
                                                  ("tormissile", "Tor missile")))})
    pairs, classes = group(), group()
    V.compare_pairs(pairs, {}, Independence(sources), texts)
    V.compare_classes(classes, {}, Independence(sources), texts)
    for p, c in zip(pairs, classes, strict=True):
        assert (p.contradicted_by, p.confirmed_by, p.consistent_with, p.undecided_with, p.notes) == \
               (c.contradicted_by, c.confirmed_by, c.consistent_with, c.undecided_with, c.notes)


def test_a_large_group_lists_fifty_and_says_how_many_more(report):
    from factcheck.checking.verdicts import LISTED

    sources = "sources:\n" + "".join(f"  - {{id: s{i}, name: S{i}}}\n" for i in range(LISTED + 11))
    claims = "event: e\nclaims:\n  - {id: one, source: s0, measure: m, value: 1}\n" + "".join(
        f"  - {{source: s{i}, measure: m, value: 2}}\n" for i in range(1, LISTED + 11))
    _, v = report(claims, sources=sources)
    assert v["one"].verdict == "contradicted" and len(v["one"].contradicted_by) == LISTED
    assert "and 10 more claims of other sources contradict it, not listed" in v["one"].notes


def test_a_child_interrupted_before_its_answer_is_not_left_behind(tmp_path):
    started = tmp_path / "child"

    def work(item):
        started.write_text(str(os.getpid()))
        time.sleep(60)

    with pytest.raises(KeyboardInterrupt), workers.in_a_child(work, [1]):
        while not started.exists() or not started.read_text():
            time.sleep(0.01)
        raise KeyboardInterrupt  # Ctrl-C while the cache is being read
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)  # killed and reaped: gone


# ---------------------------------------------------------------- the two ways a report is rendered

PARTWISE = [name for name in formats.FORMATS if isinstance(formats.get(name), formats.Partwise)]


MERGED = {"claims/a.yaml": "event: e\nclaims:\n  - {source: a, measure: air strikes, value: 3}\n"
                            "  - {source: c, measure: civilian deaths, value: 2}\n",
          "claims/b.yaml": "event: e\nclaims:\n  - {source: b, measure: airstrikes, value: 3}\n"
                            "  - {source: a, measure: civillian deaths, value: 2}\n",
          "sources/s.yaml": "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: c, name: C}\n"}


@pytest.mark.parametrize("fmt", PARTWISE)
@pytest.mark.parametrize("root", [REPO, *sorted((REPO / "tests" / "cases").iterdir()), "merged"],
                         ids=lambda p: getattr(p, "name", p))
def test_rendering_in_parts_gives_the_whole_report(fmt, root, tmp_path):
    """A report rendered part by part (the command line's way, with the cache) is the report
    rendered whole from one check (the library's way): byte for byte, the HTML page's time apart;
    measure names merged by spelling included."""
    from factcheck import check, load_project
    from factcheck.run.parts import render_in_parts

    if root == "merged":
        root = write(tmp_path, MERGED)

    project = load_project(str(root / "claims"), str(root / "sources"), settings=str(root / "factcheck.yaml"))
    style = formats.Style(width=100, listed=("contradicted", "unaddressed"), fail_on="unaddressed")
    chosen = formats.get(fmt)
    pieces, summary = render_in_parts(project, False, Cache(None), chosen, style)
    whole_report = check(load_project(str(root / "claims"), str(root / "sources")))
    whole = chosen.report(whole_report, style)
    made = re.compile(r"Made on [^<]+ by factcheck")
    assert made.sub("", b"".join(bytes(p) for p in pieces).decode()) == made.sub("", whole)
    assert summary == whole_report.summary()


# ---------------------------------------------------------------- kinds of results, declared once

EVERY_KIND = {
    "claims/c.yaml": """
        event: e
        measures:
          tally: {cumulative: true}
        rules:
          - {name: parts within the whole, sum: [part], at_most: whole}
        claims:
          - {source: a, measure: strikes, value: 1}
          - {source: b, measure: strikes, value: 2}
          - {source: a, measure: lonely, value: 1}
          - {source: a, measure: part, value: 9}
          - {source: a, measure: whole, value: 5}
          - {source: d, measure: said, value: 1, quote: words nobody wrote}
          - {source: a, measure: own, value: 1}
          - {source: a, measure: own, value: 5}
          - {source: b, measure: changed, value: 1, said_on: 2024-01-01}
          - {source: b, measure: changed, value: 3, said_on: 2024-01-02}
          - {source: a, measure: tally, value: 9, as_of: 2024-01-01}
          - {source: a, measure: tally, value: 4, as_of: 2024-01-02}
          - {source: a, measure: mixed, value: 3}
          - {source: b, measure: mixed, value: {text: three}}
        """,
    "sources/s.yaml": "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: d, name: D, document: d.txt}\n",
    "sources/d.txt": "Something else entirely.",
}
SHOWS_FINDINGS = ("table", "json", "markdown", "html", "github", "sarif")


@pytest.mark.parametrize("fmt", SHOWS_FINDINGS + ("csv",))
def test_every_kind_is_rendered_by_every_format(cli, tmp_path, fmt):
    from factcheck import kinds

    root = write(tmp_path, EVERY_KIND)
    out = cli("report", root, "--format", fmt, "--fail-on", "finding", "--no-color").stdout
    found = json.loads(cli("report", root, "--format", "json").stdout)
    assert sorted({f["kind"] for f in found["findings"]}) == sorted(kinds.FINDINGS)  # the project holds them all
    wanted = [k for k in kinds.KINDS.values() if k.verdict or fmt in SHOWS_FINDINGS]  # CSV: a row per claim
    assert [k.name for k in wanted if k.name not in out and k.rule_id not in out] == []


def test_a_kind_no_one_declared_fails_clearly():
    from factcheck import kinds

    with pytest.raises(kinds.UnknownKind, match="no verdict or finding is called 'typo': the kinds are contradicted"):
        kinds.get("typo")
