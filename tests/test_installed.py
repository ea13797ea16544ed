"""What a user installs: the wheel built from a copy of the tree, installed into a fresh virtual
environment, and every command run from a folder outside the checkout. The rest of the suite
imports the checkout's source, which cannot see a file missing from the wheel."""

import csv
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO

from factcheck import DISTRIBUTION
from factcheck.formats import FORMATS

# What a copy of the tree leaves out: what git does not keep, and what a build would leave.
NOT_SHIPPED = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".venv", ".factcheck_cache",
                                     ".pytest_cache", ".hypothesis")
SETTINGS = "publisher: {name: Example Fact Check, url: 'https://example.org'}\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Run the installed `factcheck` in a folder outside the checkout: (args, cwd) → the process."""
    work = tmp_path_factory.mktemp("installed")
    tree = work / "tree"  # built from a copy, so that no build/ is left in the checkout
    shutil.copytree(REPO, tree, ignore=NOT_SHIPPED)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", work / "dist", tree], check=True, capture_output=True)
    wheel = next((work / "dist").glob("*.whl"))
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "--disable-pip-version-check", "-q", "install", f"{wheel}[xlsx]"],
                   check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GITHUB_"))}
    env |= {"FACTCHECK_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
    outside = work / "outside"
    outside.mkdir()

    def run(*args, cwd: Path = outside) -> subprocess.CompletedProcess:
        return subprocess.run([python.parent / "factcheck", *map(str, args)], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=120)

    run.python, run.outside = python, outside
    return run


@pytest.fixture(scope="module")
def example(installed):
    """The worked example, copied outside the checkout, with a publisher for ClaimReview."""
    root = installed.outside / "example"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "factcheck.yaml").write_text(SETTINGS, encoding="utf-8")
    return root


def test_the_package_is_the_installed_one(installed):
    where = subprocess.run([installed.python, "-c", "import factcheck; print(factcheck.__file__)"],
                           cwd=installed.outside, capture_output=True, text=True, check=True).stdout
    assert "site-packages" in where and str(REPO) not in where


def test_every_file_of_the_package_data_is_installed(installed):
    site = Path(subprocess.run([installed.python, "-c", "import factcheck, os; print(os.path.dirname(factcheck.__file__))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    shipped = {p.relative_to(REPO / "factcheck") for p in (REPO / "factcheck" / "data").rglob("*") if p.is_file()}
    assert shipped and all((site / p).is_file() for p in shipped), sorted(p for p in shipped if not (site / p).is_file())


def test_version(installed):
    result = installed("--version")
    assert result.returncode == 0 and result.stdout.startswith("factcheck ") and result.stdout.split()[1][0].isdigit()


@pytest.mark.parametrize("ci", [[], ["--ci", "github"]], ids=["plain", "ci-github"])
def test_init_makes_a_project_that_checks_clean(installed, ci):
    folder = installed.outside / f"desk{len(ci)}"
    result = installed("init", folder, *ci)
    assert result.returncode == 0, result.stderr
    assert (folder / "claims" / "example.yaml").is_file()
    workflow = folder / ".github" / "workflows" / "factcheck.yml"
    assert workflow.is_file() == bool(ci)
    if ci:  # CI installs this tool, not the index's unrelated "factcheck"
        assert f"pip install {DISTRIBUTION}" in workflow.read_text() and "pip install factcheck " not in workflow.read_text()
    checked = installed("check", cwd=folder)
    assert checked.returncode == 0 and "0 contradicted" in checked.stdout, checked.stdout + checked.stderr


def test_check(installed, example):
    result = installed("check", example)
    assert result.returncode == 1 and "contradicted" in result.stdout and not result.stderr


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_report_in_every_format(installed, example, fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    result = installed("report", example, "--format", fmt, "--output", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt in ("json", "sarif", "claimreview"):
        json.loads(text)  # whole, and JSON
    else:
        assert "rbss" in text or "Raqqa" in text


def test_diff(installed, example):
    result = installed("diff", "rbss", "mod", example, "--format", "json")
    assert result.returncode == 1 and {r["status"] for r in json.loads(result.stdout)["rows"]} >= {"conflict"}


def test_why(installed, example):
    result = installed("why", "rbss-strikes", example)
    assert result.returncode == 0 and "contradicted: " in result.stdout
    assert json.loads(installed("why", "mod-time", example, "--format", "json").stdout)["verdict"] == "unaddressed"


def test_sources(installed, example):
    result = installed("sources", example)
    assert result.returncode == 0 and "rbss" in result.stdout


@pytest.mark.parametrize("kind", ["claims", "sources", "settings"])
def test_schema(installed, kind):
    result = installed("schema", kind)
    assert result.returncode == 0 and json.loads(result.stdout)["$schema"].startswith("https://json-schema.org/")


def test_import_of_the_report_csv_and_of_an_xlsx(installed, example, tmp_path):
    desk = tmp_path / "desk"
    shutil.copytree(example / "sources", desk / "sources")
    sheet = tmp_path / "report.csv"
    assert installed("report", example, "-o", sheet).returncode == 0
    result = installed("import", sheet, desk)
    assert result.returncode == 0, result.stderr
    assert installed("check", desk, "--fail-on", "never").returncode == 0
    with open(sheet, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    import_xlsx = subprocess.run([installed.python, "-c", "import openpyxl, sys, json; b = openpyxl.Workbook(); "
                                  "[b.active.append(r) for r in json.load(sys.stdin)]; b.save(sys.argv[1])",
                                  tmp_path / "sheet.xlsx"], input=json.dumps(rows), text=True, check=True)
    assert import_xlsx.returncode == 0
    other = tmp_path / "other"
    shutil.copytree(example / "sources", other / "sources")
    result = installed("import", tmp_path / "sheet.xlsx", other)
    assert result.returncode == 0, result.stderr


def test_extract_from_the_seed_article(installed, example, tmp_path):
    desk = tmp_path / "desk"
    shutil.copytree(example / "sources", desk / "sources")
    shutil.copytree(example / "claims", desk / "claims")
    result = installed("extract", example / "sources" / "raqqa-article.txt", desk, "--source", "article",
                       "--event", "raqqa-raid-2015-11-16", "-o", desk / "claims" / "proposed.yaml")
    assert result.returncode == 0, result.stderr
    assert "time of raid" in (desk / "claims" / "proposed.yaml").read_text(encoding="utf-8")
    assert installed("check", desk, "--fail-on", "never").returncode == 0


# ---------------------------------------------------------------- the README's sessions

NOT_RUN = "<!-- not run by tests/test_installed.py"


def readme_sessions() -> list[tuple[int, str, list[str]]]:
    """The README's console sessions that use factcheck and nothing of the checkout's own
    (benchmarks are run by hand): (line, the section it is in, the block's lines)."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    sessions, section = [], ""
    for i, line in enumerate(lines):
        if line.startswith("## "):
            section = line
        if line == "```console" and not (i and lines[i - 1].startswith(NOT_RUN)):
            block = lines[i + 1:lines.index("```", i + 1)]
            if not any(b.startswith("$ python") for b in block):
                sessions.append((i + 1, section, block))
    return sessions


def test_the_readme_has_sessions_to_run():
    assert len(readme_sessions()) >= 4


def test_every_readme_session_runs_as_written(installed, tmp_path):
    """Each session, as a reader types it, in a copy of the repository's example and cases,
    one after another (in a section of the README, a session goes on where the last one went
    with `cd`; a new section starts at the repository's root), against the installed factcheck
    at 80 columns: what it prints is what the README shows."""
    for folder in ("claims", "sources", "tests/cases"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GITHUB_"))}
    env |= {"PATH": f"{installed.python.parent}{os.pathsep}{env['PATH']}", "COLUMNS": "80", "NO_COLOR": "1",
            "FACTCHECK_CACHE_DIR": str(tmp_path / ".cache")}
    cwd, last = tmp_path, None
    for start, section, block in readme_sessions():
        cwd = cwd if section == last else tmp_path
        last = section
        commands, expected = [], []
        for line in block:
            if line.startswith("$ "):
                commands.append(line[2:])
            elif commands and commands[-1].startswith("cat "):  # the file the session shows: written
                path = cwd / commands[-1].split()[1]
                path.write_text(path.read_text() + line + "\n" if path.exists() else line + "\n")
            else:
                expected.append(line)
        commands = [c for c in commands if not c.startswith("cat ")]
        script = "\n".join(commands) + f"\npwd > {tmp_path / '.cwd'}\n"
        done = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=300)  # interleaved, as a terminal shows them
        shown = done.stdout.splitlines()
        assert [s.rstrip() for s in shown] == [e.rstrip() for e in expected], f"README.md:{start}"
        cwd = Path((tmp_path / ".cwd").read_text().strip())
