"""Broken projects, one folder each under tests/broken/: exit 2, every problem at PATH:LINE:COLUMN
with a message a person can act on, and nothing else; plus the cases a folder cannot hold."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, SOURCES, write

from factcheck.loading import yamlfile

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p for p in BROKEN.iterdir() if p.is_dir())
ERROR = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (error|warning): \S")
COUNT = re.compile(r"^(\d+) errors? in (\d+) files?$")
OK = "event: e\nclaims:\n  - {source: a, measure: m, value: 1}\n"


def assert_well_reported(result, root: Path) -> list[str]:
    """Exit 2, nothing on stdout, and every error line placed inside its file (the CLI runs with
    catch_exceptions=False: a traceback would have failed the test already)."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    *errors, count = result.stderr.splitlines()
    assert COUNT.match(count), count
    for line in errors:
        m = ERROR.match(line)
        assert m, line
        path = root / m["path"]
        if path.is_dir() or not path.exists():  # a folder, or a file that cannot be opened
            assert (m["line"], m["column"]) == ("1", "1"), line
            continue
        lines = path.read_bytes().decode("utf-8", "replace").split("\n")
        assert 1 <= int(m["line"]) <= len(lines), line
        assert 1 <= int(m["column"]) <= len(lines[int(m["line"]) - 1]) + 1, line
    return errors


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_project(cli, case):
    result = cli("check", "--no-cache", cwd=case)
    assert_well_reported(result, case)
    assert result.stderr == (case / "expected").read_text(encoding="utf-8")


def test_a_byte_order_mark_is_fine(tmp_path, cli):
    write(tmp_path, {"sources/s.yaml": SOURCES})
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "c.yaml").write_bytes(b"\xef\xbb\xbf" + OK.encode())
    result = cli("check", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 0, result.output


def test_a_file_that_cannot_be_opened(tmp_path, cli):
    write(tmp_path, {"sources/s.yaml": SOURCES, "claims/ok.yaml": OK})
    os.symlink("gone.yaml", tmp_path / "claims" / "moved.yaml")
    os.symlink("b.yaml", tmp_path / "claims" / "a.yaml")
    os.symlink("a.yaml", tmp_path / "claims" / "b.yaml")
    os.symlink(".", tmp_path / "claims" / "loop")  # a folder loop: not walked into
    result = cli("check", "--no-cache", cwd=tmp_path)
    assert_well_reported(result, tmp_path)
    assert result.stderr.splitlines() == [
        "claims/a.yaml:1:1: error: cannot read file: Too many levels of symbolic links",
        "claims/b.yaml:1:1: error: cannot read file: Too many levels of symbolic links",
        "claims/moved.yaml:1:1: error: cannot read file: No such file or directory",
        "3 errors in 3 files",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_read_permission(tmp_path, cli):
    write(tmp_path, {"sources/s.yaml": SOURCES, "claims/ok.yaml": OK})
    (tmp_path / "claims" / "ok.yaml").chmod(0)
    result = cli("check", "--no-cache", cwd=tmp_path)
    assert_well_reported(result, tmp_path)
    assert result.stderr.startswith("claims/ok.yaml:1:1: error: cannot read file: Permission denied\n")


def test_a_very_long_line(tmp_path, cli):
    quote = "word " * 200_000
    write(tmp_path, {"sources/s.yaml": SOURCES,
                     "claims/c.yaml": f"event: e\nclaims:\n  - {{source: a, measure: m, quote: {quote}, value: 1, when: now}}\n"})
    result = cli("check", "--no-cache", cwd=tmp_path)
    assert_well_reported(result, tmp_path)
    column = len("  - {source: a, measure: m, quote: ") + len(quote) + len(", value: 1, ") + 1
    assert result.stderr.startswith(f"claims/c.yaml:3:{column}: error: unknown key 'when' in a claim")


def test_a_50_megabyte_file(tmp_path, cli):
    line = "# " + "x" * 98 + "\n"
    body = line * 500_000  # 50 MB of comments, then one mistake
    write(tmp_path, {"sources/s.yaml": SOURCES})
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "big.yaml").write_text(body + OK.replace("value: 1", "value: 1, valeu: 2"), encoding="utf-8")
    result = cli("check", "--no-cache", cwd=tmp_path)
    assert_well_reported(result, tmp_path)
    assert result.stderr.startswith("claims/big.yaml:500003:39: error: unknown key 'valeu' in a claim (did you mean 'value'?)")


# libyaml 0.2.6 places a too-deep compact list ("- - - x") at the '-' before the one that goes
# too deep; factcheck's own count, used with older libyaml, at that one.
@pytest.mark.parametrize("nested, places", [("[" * 200_000, {"2:1008"}),
                                            ("\n  - " + "- " * 200_000 + "x", {"3:1999", "3:2001"})],
                         ids=["flow", "block"])
@pytest.mark.parametrize("capped", [True, False], ids=["libyaml-caps-depth", "older-libyaml"])
def test_nesting_deep_enough_to_crash_older_libyaml(monkeypatch, nested, places, capped):
    # Before libyaml 0.2.6, PyYAML's C composer recursed into this until the process crashed;
    # "older-libyaml" checks the depth the way factcheck does when such a libyaml is installed.
    if capped and not yamlfile.DEPTH_CAPPED:
        pytest.skip("the libyaml installed does not cap depth itself")
    monkeypatch.setattr(yamlfile, "DEPTH_CAPPED", capped)
    node, problems = yamlfile.compose("c.yaml", f"event: e\nclaims: {nested}\n")
    assert node is None
    [problem] = problems
    assert problem.message == yamlfile.TOO_DEEP
    assert f"{problem.location.line}:{problem.location.column}" in places


def test_problems_are_counted_over_files(cli):
    result = cli("check", "--no-cache", cwd=BROKEN / "misspelt-keys")
    *errors, count = result.stderr.splitlines()
    files = {line.split(":")[0] for line in errors}
    assert (len(errors), len(files)) == (4, 2)
    assert count == "4 errors in 2 files"


def interrupt(cmd: list[str], cwd: Path, ready) -> tuple[int, str, str]:
    """Run a command, wait until `ready(pid)`, press Ctrl-C; exit code, stdout, stderr."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not ready(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)  # the moment matters: workers are caught while the pool starts them
    proc.send_signal(signal.SIGINT)
    try:
        stdout, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()  # a hang is the failure; leave no process behind it
        raise
    return proc.returncode, stdout, stderr


def test_a_fifo_among_the_claims_is_refused_not_waited_on(tmp_path):
    """Opening a FIFO nobody writes to would wait for ever: it is refused at once."""
    write(tmp_path, {"sources/s.yaml": SOURCES, "claims/ok.yaml": OK})
    os.mkfifo(tmp_path / "claims" / "pipe.yaml")
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", "--no-cache"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("claims/pipe.yaml:1:1: error: not read: it is not a regular file")


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children"), reason="needs /proc to see the worker processes")
def test_ctrl_c_while_workers_parse_leaves_no_output(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    generate(100_000, str(tmp_path / "project"))
    out = tmp_path / "report.json"
    cmd = [sys.executable, "-m", "factcheck", "check", "project", "--format", "json", "--no-cache", "-o", str(out)]

    def workers_started(pid: int) -> bool:
        try:
            return bool(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
        except OSError:
            return False

    code, stdout, stderr = interrupt(cmd, tmp_path, workers_started)
    assert (code, stdout, stderr.strip()) == (130, "", "factcheck: interrupted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]  # no report, no temporary file


def test_ctrl_c_that_passed_through_exec_still_exits_130(tmp_path):
    # Ctrl-C during start-up often lands in the exec() that dataclasses run while being imported;
    # after that, a `python -m` run's exit code is SIGINT's (-2), not the one asked for.
    (tmp_path / "interrupted.py").write_text(
        "import factcheck.cli, factcheck.__main__ as entry\n"
        "factcheck.cli.main = lambda: exec('raise KeyboardInterrupt')\n"
        "entry.main()\n")
    result = subprocess.run([sys.executable, "-m", "interrupted"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr.strip()) == (130, "", "factcheck: interrupted")
