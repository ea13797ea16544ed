"""Whatever the files hold, the tool answers: exit 0, 1 or 2, never a traceback, and every error
placed inside its file. FACTCHECK_FUZZ=100000 runs a longer campaign than the default."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_broken import assert_well_reported
from typer.testing import CliRunner

from factcheck.cli import app

EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ", "150"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
# Each example of these runs the command as a process of its own: a fifth as many.
fuzz_processes = settings(max_examples=max(20, EXAMPLES // 5), deadline=None, suppress_health_check=list(HealthCheck))

SOURCES = "sources:\n  - {id: a, name: A, relays: [b]}\n  - {id: b, name: B}\n  - {id: c, name: C}\n"
VALID = """event: raid
claims:
  - id: x
    source: a
    measure: air strikes
    value: about 7
    quote: "seven strikes"
    said_on: 2015-11-16
  - {source: b, measure: airstrikes, value: between 6 and 8, as_of: 2015-11-16}
  - {source: c, measure: time, value: "2015-11-17 00:30 UTC", url: "https://example.org"}
  - {source: a, measure: killed, value: {min: 0, max: 3}}
measures:
  air strikes: {aliases: [raids], tolerance: 10%, cumulative: true}
rules:
  - {name: r, sum: [air strikes], at_most: killed}
"""
KEYS = ["event", "claims", "measures", "rules", "id", "source", "measure", "value", "quote", "as_of",
        "said_on", "url", "note", "min", "max", "aliases", "tolerance", "cumulative", "sum", "at_most",
        "name", "relays", "sources", "<<"]
SIGNIFICANT = list(":-[]{},&*!#|>'\"%@`?\t \n\\") + ["\x00", "\ufeff", "\u202e", "é", "2015-11-16", "UTC", "~", "yes"]

scalars = st.one_of(
    st.sampled_from(["7", "seven", "about 100", "1-3", "30-20", "none", "yes", "2015-11-16",
                     "2015-11-17 00:30 UTC", "00:30", "a", "b", "zz", "", "~", "10%", "https://x.org"]),
    st.text(max_size=20),
    st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)),
    max_leaves=25,
)


@st.composite
def mutated(draw) -> bytes:
    """The valid file with a few edits of the kind hands make: characters that mean something in YAML."""
    text = VALID
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = i + draw(st.integers(0, 6))
        text = text[:i] + draw(st.sampled_from(SIGNIFICANT) | st.just("")) + text[j:]
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        k = draw(st.integers(0, len(data)))
        data = data[:k] + draw(st.binary(max_size=3)) + data[k:]  # and now and then a stray byte
    return data


def dumped(doc, flow: bool) -> bytes:
    return yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True).encode("utf-8", "surrogatepass")


def run(claims: bytes, sources: bytes = SOURCES.encode()) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "claims").mkdir()
        (root / "sources").mkdir()
        (root / "claims" / "c.yaml").write_bytes(claims)
        (root / "sources" / "s.yaml").write_bytes(sources)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            result = CliRunner().invoke(app, ["check", "--no-cache", "--format", "json"], catch_exceptions=False)
        finally:
            os.chdir(cwd)
        assert result.exit_code in (0, 1, 2), result.output  # (catch_exceptions=False: a traceback fails the test)
        if result.exit_code == 2:
            assert_well_reported(result, root)


@fuzz
@given(mutated())
def test_hand_edits_of_a_valid_file(data):
    run(data)


@fuzz
@given(documents, st.booleans())
def test_random_documents_as_claims(doc, flow):
    run(dumped(doc, flow))


@fuzz
@given(documents, st.booleans())
def test_random_documents_as_sources(doc, flow):
    run(VALID.encode(), dumped(doc, flow))


def test_the_file_the_edits_start_from_is_valid():
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder, text in (("claims", VALID), ("sources", SOURCES)):
            (root / folder).mkdir()
            (root / folder / "f.yaml").write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["check", str(root), "--no-cache"], catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output


# What a file system can hold besides files: links in and out, FIFOs, folders named like files.
SHAPES = ["file", "link to a file inside", "link outside", "link to a device", "dangling link", "fifo", "folder",
          "link to a folder", "link loop"]


@fuzz_processes
@given(st.lists(st.tuples(st.sampled_from(["claims", "sources"]), st.sampled_from(SHAPES)), min_size=1, max_size=6),
       st.sampled_from(["", "doc.txt", "../outside/secret.txt", "/dev/zero", "fifo-doc"]))
def test_hostile_file_system_shapes(shapes, document):
    """Whatever shapes the folders hold, the run ends (no FIFO waited on, no device read), with
    0, 1 or 2 and every problem placed; nothing outside is read into the output."""
    secret = "s3cret-outside"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        outside = Path(tmp) / "outside"
        outside.mkdir()
        (outside / "secret.txt").write_text(f"{secret}: 1\n")
        (root / "claims").mkdir(parents=True)
        (root / "sources").mkdir()
        (root / "sources" / "doc.txt").write_text("seven strikes")
        os.mkfifo(root / "sources" / "fifo-doc")
        doc = f", document: {document}" if document else ""
        (root / "sources" / "s.yaml").write_text(f"sources:\n  - {{id: a, name: A{doc}}}\n  - {{id: b, name: B}}\n")
        (root / "claims" / "ok.yaml").write_text("event: e\nclaims:\n  - {source: a, measure: m, value: 7, quote: seven}\n")
        for i, (folder, shape) in enumerate(shapes):
            path = root / folder / f"x{i}.yaml"
            {
                "file": lambda p: p.write_text("event: e\nclaims:\n  - {source: b, measure: m, value: 7}\n"),
                "link to a file inside": lambda p: p.symlink_to(root / "claims" / "ok.yaml"),
                "link outside": lambda p: p.symlink_to(outside / "secret.txt"),
                "link to a device": lambda p: p.symlink_to("/dev/zero"),
                "dangling link": lambda p: p.symlink_to(root / "gone.yaml"),
                "fifo": lambda p: os.mkfifo(p),
                "folder": lambda p: p.mkdir(),
                "link to a folder": lambda p: p.symlink_to(outside),
                "link loop": lambda p: p.symlink_to(p),
            }[shape](path)
        result = subprocess.run([sys.executable, "-m", "factcheck", "check", "--no-cache", "--format", "json"],
                                cwd=root, capture_output=True, text=True, timeout=60)
        assert result.returncode in (0, 1, 2), result.stderr
        assert "Traceback" not in result.stderr and secret not in result.stdout + result.stderr
