import atexit
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from typer.testing import CliRunner

from factcheck import check, load_project
from factcheck.cli import app

REPO = Path(__file__).resolve().parent.parent

# Examples are not kept between runs, and what hypothesis keeps for itself goes to a temporary
# folder, removed when the run ends: no .hypothesis folder is left in the checkout, nor in /tmp.
HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="factcheck-hypothesis-")
atexit.register(shutil.rmtree, HYPOTHESIS_HOME, ignore_errors=True)
set_hypothesis_home_dir(HYPOTHESIS_HOME)
settings.register_profile("factcheck", database=None)
settings.load_profile("factcheck")

SOURCES = """
sources:
  - {id: a, name: Source A, kind: activist}
  - {id: b, name: Source B, kind: ministry}
  - {id: c, name: Source C, kind: news}
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test gets a cache folder of its own, in a temporary folder: none is left in the
    checkout or in the home folder, and no test sees another's entries."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def project(tmp_path):
    """Write a small project (claims files by name; sources default to a, b, c) and return its root."""

    def make(claims: dict[str, str] | str, sources: str = SOURCES, extra: dict[str, str] | None = None) -> Path:
        if isinstance(claims, str):
            claims = {"claims.yaml": claims}
        files = {f"claims/{k}": v for k, v in claims.items()} | {"sources/sources.yaml": sources}
        return write(tmp_path, files | (extra or {}))

    return make


@pytest.fixture
def report(project):
    """Load and check a small project; the report's verdicts by claim id."""

    def run(claims, **kw):
        root = project(claims, **kw)
        r = check(load_project(str(root / "claims"), str(root / "sources")))
        return r, {v.claim.id: v for v in r.verdicts}

    return run


@pytest.fixture
def cli(monkeypatch):
    """Run the CLI in a folder, as a user would type it there."""
    runner = CliRunner()

    def run(*args, cwd: Path = REPO, env: dict | None = None):
        monkeypatch.chdir(cwd)
        return runner.invoke(app, [str(a) for a in args], env=env or {}, catch_exceptions=False)

    return run
