"""A hostile repository: what a stranger's pull request could hold, and what the user keeps.

Each case builds its shape at test time (links, devices and FIFOs cannot be committed), runs the
command as CI would, and asserts what must hold: nothing outside the project read or printed,
nothing of the user's overwritten, the run bounded, the output inert.
"""

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write

from factcheck.store.cache import Cache, project_folder

SOURCES = "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
OK = "event: e\nclaims:\n  - {source: a, measure: m, value: 1, quote: hello}\n  - {source: b, measure: m, value: 1}\n"
SECRET = "hunter2-do-not-print"


@pytest.fixture
def victim(tmp_path):
    """A folder outside the project holding something the user keeps: a secret, and files."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"password={SECRET}\n")
    (folder / "keep.json").write_text("{}")
    return folder


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    write(root, {"sources/s.yaml": SOURCES, "claims/ok.yaml": OK})
    return root


def run(*args, cwd, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def doc_source(document: str) -> str:
    return f"sources:\n  - {{id: a, name: A, document: {json.dumps(document)}}}\n  - {{id: b, name: B}}\n"


@pytest.mark.parametrize("document", ["../../victim/secret.txt", "/proc/self/environ", "link.txt", "/etc/passwd"])
def test_a_document_outside_the_project_is_refused_at_its_field(repo, victim, document):
    (repo / "sources" / "link.txt").symlink_to(victim / "secret.txt")
    (repo / "sources" / "s.yaml").write_text(doc_source(document))
    result = run("check", "--no-cache", cwd=repo, env={"FACTCHECK_TOKEN": SECRET})
    assert result.returncode == 2
    assert re.match(r"sources/s\.yaml:2:\d+: error: document .* (not found|not read: it leads outside)", result.stderr), result.stderr
    assert SECRET not in result.stdout + result.stderr and "root:" not in result.stderr


@pytest.mark.parametrize("make, said", [
    (lambda p: os.mkfifo(p), "not a regular file"),
    (lambda p: p.mkdir(), "a folder, not a file"),
    (lambda p: p.symlink_to("/dev/zero"), "leads outside"),
])
def test_a_document_that_is_no_regular_file_is_refused_at_once(repo, make, said):
    make(repo / "sources" / "doc.txt")
    (repo / "sources" / "s.yaml").write_text(doc_source("doc.txt"))
    result = run("check", "--no-cache", cwd=repo, timeout=20)
    assert result.returncode == 2 and said in result.stderr, result.stderr


@pytest.mark.parametrize("target", ["/dev/zero", "victim/secret.txt"])
def test_a_claims_file_that_links_outside_is_refused_without_its_content(repo, victim, target):
    (repo / "claims" / "z.yaml").symlink_to(victim.parent / target if not target.startswith("/") else target)
    result = run("check", "--no-cache", cwd=repo, timeout=20)
    assert result.returncode == 2
    assert result.stderr.startswith("claims/z.yaml:1:1: error: not read: it leads outside the project's folders")
    assert SECRET not in result.stderr


def test_an_oversized_file_is_refused_by_its_size(repo, monkeypatch):
    from factcheck.loading import project, yamlfile

    for module in (project, yamlfile):  # the check before reading, and the read itself
        monkeypatch.setattr(module, "MAX_YAML_BYTES", 1000)
    (repo / "claims" / "big.yaml").write_text("# x\n" * 1000 + OK)
    from typer.testing import CliRunner

    from factcheck.cli import app

    monkeypatch.chdir(repo)
    result = CliRunner().invoke(app, ["check", "--no-cache"])
    assert result.exit_code == 2 and "more than the 1,000 factcheck reads" in result.stderr


@pytest.mark.parametrize("output", ["claims/ok.yaml", "sources/s.yaml", "claims/new.json", "sources/doc.txt", "factcheck.yaml"])
def test_output_never_overwrites_what_the_run_reads(repo, output):
    (repo / "sources" / "doc.txt").write_text("hello")
    (repo / "sources" / "s.yaml").write_text(doc_source("doc.txt"))
    (repo / "factcheck.yaml").write_text("vague: {}\n")
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    result = run("check", "--no-cache", "-o", output, cwd=repo)
    assert result.returncode == 2 and "factcheck never writes" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before


def test_output_through_a_link_to_an_input_is_refused(repo):
    (repo / "report.json").symlink_to(repo / "claims" / "ok.yaml")
    before = (repo / "claims" / "ok.yaml").read_bytes()
    result = run("check", "--no-cache", "-o", "report.json", cwd=repo)
    assert result.returncode == 2 and (repo / "claims" / "ok.yaml").read_bytes() == before


def test_a_device_is_written_into_never_replaced(repo):
    result = run("check", "--no-cache", "-o", "/dev/null", cwd=repo)
    assert result.returncode == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_keeps_an_existing_files_mode_and_gives_a_new_one_the_umasks(repo):
    old = repo / "old.json"
    old.write_text("{}")
    old.chmod(0o640)
    assert run("check", "--no-cache", "-o", "old.json", cwd=repo).returncode == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o640 and old.read_text().startswith("{\n")
    mask = os.umask(0o022)
    os.umask(mask)
    assert run("check", "--no-cache", "-o", "new.json", cwd=repo).returncode == 0
    assert stat.S_IMODE((repo / "new.json").stat().st_mode) == 0o666 & ~mask


def test_output_into_a_folder_says_it_is_one(repo):
    (repo / "out").mkdir()
    for target in ("out", "out/"):
        result = run("check", "--no-cache", "-o", target, cwd=repo)
        assert result.returncode == 2 and "is a folder" in result.stderr


def test_temporary_files_of_killed_runs_are_removed_and_others_kept(repo):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = repo / f".factcheck-{dead.stdout.strip()}-abc.tmp"
    live = repo / f".factcheck-{os.getpid()}-abc.tmp"
    mine = repo / ".factcheck-notes.txt"
    for p in (stale, live, mine):
        p.write_text("x")
    assert run("check", "--no-cache", "-o", "report.json", cwd=repo).returncode == 0
    assert not stale.exists() and live.exists() and mine.exists()


def test_a_committed_cache_changes_nothing_and_nothing_is_written_in_the_project(repo, victim):
    expected = run("check", "--format", "json", "--no-cache", cwd=repo).stdout
    (repo / ".factcheck_cache").symlink_to(victim)  # a committed link to the user's folder
    forged = repo / "cache"
    forged.mkdir()
    (forged / ("0" * 40)).write_bytes(b"factcheck-cache 1\n" + b"\0" * 4 + b"forged")
    before = sorted(p.name for p in victim.iterdir())
    for _ in range(2):
        assert run("check", "--format", "json", cwd=repo).stdout == expected
    assert sorted(p.name for p in victim.iterdir()) == before
    assert sorted(p.name for p in repo.iterdir()) == [".factcheck_cache", "cache", "claims", "sources"]


def test_a_cache_folder_that_is_a_link_is_not_used(repo, victim):
    folder = Path(project_folder(str(repo)))
    folder.parent.mkdir(parents=True)
    folder.symlink_to(victim)
    result = run("check", "--format", "json", cwd=repo)
    assert result.returncode == 0 and "is not a folder of this user's: it is not used" in result.stderr
    assert sorted(p.name for p in victim.iterdir()) == ["keep.json", "secret.txt"]


def test_entries_of_the_wrong_shape_are_misses(repo):
    expected = run("check", "--format", "json", cwd=repo).stdout
    folder = Path(project_folder(str(repo)))
    for entry in folder.iterdir():
        if len(entry.name) == 40:  # the right check sum, the wrong shape
            Cache(str(folder)).put(entry.name, ("not", "a", "cached", "file"), [b"blob"])
    result = run("check", "--format", "json", cwd=repo)
    assert result.stdout == expected and "Traceback" not in result.stderr


HOSTILE_TEXT = "x\x1b[2J\x1b]0;owned\x07\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\\u202eevil\x9b31m"


@pytest.mark.parametrize("args", [["check"], ["report"], ["sources"], ["diff", "a", "b"], ["report", "--no-color"]])
def test_escapes_never_reach_the_terminal(repo, args):
    (repo / "sources" / "s.yaml").write_text(
        f"sources:\n  - {{id: a, name: {json.dumps(HOSTILE_TEXT)}}}\n  - {{id: b, name: B}}\n")
    (repo / "claims" / "ok.yaml").write_text(
        f"event: e\nclaims:\n  - {{source: a, measure: {json.dumps('m ' + HOSTILE_TEXT)}, value: 1, note: n}}\n"
        f"  - {{source: b, measure: {json.dumps('m ' + HOSTILE_TEXT)}, value: 2}}\n")
    result = run(*args, "--no-cache", cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    for raw in ("\x1b[2J", "\x1b]0;", "\x1b]8;", "\u202e", "\x9b", "\x07"):
        assert raw not in result.stdout + result.stderr


def test_messages_show_escapes_and_line_breaks_inert(repo):
    (repo / "claims" / "ok.yaml").write_text('event: e\nclaims:\n  - {source: "a\\e[2J\\n::error::x", measure: m, value: 1}\n')
    result = run("check", "--no-cache", cwd=repo)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and all(re.match(r"^(claims/|1 error)", line) for line in result.stderr.splitlines())


def test_under_github_actions_no_line_starts_a_command_it_did_not_mean(repo):
    evil = "line one\n::error file=x::injected\n::stop-commands::abc"
    (repo / "claims" / "ok.yaml").write_text(
        f"event: e\nclaims:\n  - {{source: a, measure: m, value: 1, quote: {json.dumps(evil)}}}\n"
        f"  - {{source: b, measure: m, value: 2, quote: {json.dumps(evil)}}}\n")
    (repo / "claims" / "::error::x.yaml").write_text(OK.replace("measure: m", "measure: n"))
    env = {"GITHUB_ACTIONS": "true"}
    for fmt in ("csv", "markdown", "html", "table", "json"):
        for _ in ("rendered", "from the cache"):
            result = run("report", "--format", fmt, cwd=repo, env=env)
            assert result.returncode == 0 and not result.stderr, result.stderr
            assert not [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")], fmt
    github = run("check", "--no-cache", cwd=repo, env=env)
    for line in github.stdout.splitlines():
        assert re.match(r"^::(error|warning|notice)( |::)", line), line
    assert "::error file=x::" not in github.stdout and "::stop-commands::" not in github.stdout


ALL_FORMATS = ["table", "json", "markdown", "csv", "html", "github", "sarif", "claimreview"]
RAW = ("\x1b", "\x07", "\x9b", "\x85", "\u202e", "\u2028", "\x7f")


def hostile_project(repo: Path, text: str) -> None:
    """Every free text a stranger's files may hold, each carrying `text`."""
    t = json.dumps(text)
    (repo / "factcheck.yaml").write_text(f"publisher: {{name: {t}, url: 'https://example.org'}}\n")
    (repo / "sources" / "s.yaml").write_text(
        f"sources:\n  - {{id: a, name: {t}, url: 'https://example.org/a', notes: {t}}}\n  - {{id: b, name: B}}\n")
    (repo / "claims" / "ok.yaml").write_text(
        f"event: e\nevents:\n  e: {{title: {t}, place: {t}, review: {{url: 'https://example.org/r', author: {t}}}}}\n"
        f"claims:\n  - {{source: a, measure: {json.dumps('m ' + text)}, value: {{text: {t}}}, quote: {t}, note: {t}}}\n"
        f"  - {{source: b, measure: {json.dumps('m ' + text)}, value: {{text: {json.dumps(text + ' other')}}}}}\n")


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_every_format_makes_every_user_string_inert(repo, fmt):
    hostile_project(repo, HOSTILE_TEXT + "\x85\u2028\x7f")
    result = run("report", "--format", fmt, "--no-cache", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert not [raw for raw in RAW if raw in result.stdout + result.stderr], fmt


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_a_lone_carriage_return_starts_no_workflow_command(repo, fmt):
    hostile_project(repo, "x\r::set-env name=EVIL::1\r  ::error::injected")
    result = run("report", "--format", fmt, "--no-cache", cwd=repo, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 0, result.stderr
    lines = re.split(r"\r\n|\r|\n", result.stdout)
    assert not [line for line in lines if line.lstrip().startswith("::") and not re.match(r"^::(error|warning|notice) ", line)]


@pytest.mark.parametrize("folder", ["claims", "sources"])
def test_a_committed_link_as_a_project_folder_widens_nothing(repo, victim, folder):
    """claims/ or sources/ committed as a link to elsewhere: an error at that folder, nothing
    of what it leads to read or printed, whether found in ROOT or named with --claims/--sources."""
    (victim / "config.yaml").write_text(f"id: {SECRET}\nname: AKIA-SECRET-KEY-123\n"
                                        f"claims:\n  - {{source: {SECRET}, measure: m, value: 1}}\n")
    (victim / "s.yaml").write_text(SOURCES)
    (victim / "ok.yaml").write_text(OK)
    moved = repo / f"{folder}-real"
    (repo / folder).rename(moved)
    (repo / folder).symlink_to(victim)
    for args in ([], [f"--{folder}", f"{folder}"], [f"--{folder}", str(repo / folder)]):
        result = run("check", "--no-cache", *args, cwd=repo)
        assert result.returncode == 2, result.stdout
        assert SECRET not in result.stdout + result.stderr and "AKIA" not in result.stdout + result.stderr
        assert f"{folder}:1:1: error: not read: this folder leads outside the project" in result.stderr
    # a folder outside ROOT named on the command line is the user's own choice
    assert run("check", "--no-cache", f"--{folder}", str(moved), cwd=repo).returncode == 0


def test_import_and_init_write_nothing_through_a_committed_link(repo, victim):
    (repo / "claims").rename(repo / "claims-real")
    (repo / "claims").symlink_to(victim)
    (repo / "sheet.csv").write_text("source,event,measure,value\na,raid,aircraft,10\n")
    before = sorted(p.name for p in victim.iterdir())
    imported = run("import", "sheet.csv", cwd=repo)
    assert imported.returncode == 2 and "claims:1:1: error: not read: this folder leads outside" in imported.stderr
    started = run("init", ".", cwd=repo)
    assert started.returncode == 2 and "claims: it leads outside the project" in started.stderr, started.stderr
    assert sorted(p.name for p in victim.iterdir()) == before
    assert not (repo / "factcheck.yaml").exists()  # init wrote nothing at all


def test_output_to_dev_stdout_redirected_to_a_file_is_written_there(repo, tmp_path):
    out = tmp_path / "out.json"
    with open(out, "wb") as f:
        done = subprocess.run([sys.executable, "-m", "factcheck", "report", "--format", "json", "--no-cache",
                               "-o", "/dev/stdout"], cwd=repo, stdout=f, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["summary"]["claims"] == 2
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


def test_output_through_a_link_replaces_what_it_leads_to_and_keeps_the_link(repo, tmp_path):
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old")
    (repo / "report.json").symlink_to(real)
    assert run("report", "--format", "json", "--no-cache", "-o", "report.json", cwd=repo).returncode == 0
    assert (repo / "report.json").is_symlink() and json.loads(real.read_text())["summary"]["claims"] == 2


EDGES = """event: e
measures:
  tally: {cumulative: true}
rules:
  - {name: parts within the whole, sum: [part], at_most: tally}
claims:
  - {source: a, measure: time, value: "9999-12-31T23:59:58Z", said_on: "9999-12-31T23:59:58Z"}
  - {source: b, measure: time, value: "0001-01-01T00:00Z", said_on: "0001-01-01"}
  - {source: a, measure: day, value: 9999-12-31, said_on: 9999-12-31}
  - {source: b, measure: day, value: 0001-01-01}
  - {source: a, measure: tally, value: 5, as_of: 9999-12-31}
  - {source: a, measure: tally, value: 3, as_of: 0001-01-01}
  - {source: a, measure: part, value: 9, as_of: 9999-12-31}
  - {source: b, measure: tally, value: 1e300}
"""


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_the_edges_of_the_calendar_and_of_numbers_in_every_format(repo, fmt):
    (repo / "claims" / "ok.yaml").write_text(EDGES)
    (repo / "factcheck.yaml").write_text("publisher: {name: P}\n")
    result = run("report", "--format", fmt, "--no-cache", cwd=repo)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59Z", "0001-01-01T00:00+14:00", "0001-01-01 09:00 Etc/GMT-14"])
def test_a_time_past_the_calendars_edge_is_refused_at_its_value(repo, value):
    (repo / "claims" / "ok.yaml").write_text(f"event: e\nclaims:\n  - {{source: a, measure: t, value: '{value}'}}\n")
    result = run("check", "--no-cache", cwd=repo)
    assert result.returncode == 2 and "claims/ok.yaml:3:" in result.stderr
    assert "outside the calendar factcheck compares" in result.stderr and "Traceback" not in result.stderr


def children(pid: int) -> list[int]:
    try:
        return [int(c) for t in os.listdir(f"/proc/{pid}/task")
                for c in Path(f"/proc/{pid}/task/{t}/children").read_text().split()]
    except OSError:
        return []


@pytest.fixture
def large(tmp_path):
    """A project large enough to be parsed by worker processes."""
    root = tmp_path / "large"
    claims = "".join(f"  - {{source: {'ab'[i % 2]}, event: e{i // 8}, measure: deaths, value: {i % 5}, "
                     f"quote: 'the ministry said strikes hit {i} targets near the city overnight'}}\n"
                     for i in range(20_000))
    write(root, {"sources/s.yaml": SOURCES, **{f"claims/c{n}.yaml": "claims:\n" + claims.replace("event: e", f"event: f{n}e")
                                                for n in range(4)}})
    return root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_with_their_parent_silently(large):
    """A CI cancel (SIGTERM) during a run with workers: one line and exit 143, no traceback of
    an orphaned worker, and no worker left behind."""
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "--no-cache"], cwd=large,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for _ in range(3000):
        if workers := children(proc.pid):
            break
        if proc.poll() is not None:
            pytest.fail("the run ended before its workers started")
        __import__("time").sleep(0.005)
    proc.send_signal(__import__("signal").SIGTERM)
    _, err = proc.communicate(timeout=60)
    __import__("time").sleep(0.1)  # a worker that outlived its parent would still be parsing its share
    assert not [w for w in workers if os.path.exists(f"/proc/{w}") and "zombie" not in
                Path(f"/proc/{w}/status").read_text().lower()], "a worker outlived its parent"
    assert proc.returncode == 143 and err.decode() == "factcheck: terminated\n"


def test_a_fifo_in_the_place_of_a_cache_entry_is_a_miss(repo):
    expected = run("check", "--format", "json", cwd=repo).stdout
    folder = Path(project_folder(str(repo)))
    entries = [e for e in folder.iterdir() if len(e.name) == 40]
    assert entries
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)
    for _ in range(2):  # every later run, not only the next
        result = run("check", "--format", "json", cwd=repo, timeout=30)
        assert result.stdout == expected and "Traceback" not in result.stderr


def test_long_names_and_texts_are_read_without_blowing_up(repo):
    """A measure name of 200,000 words (its similar-name keys once grew with its square: 3.4 GB
    for 280 KB) is refused by its length, and one just short of it is matched as any other; a
    text value of 70 KB (refused number-like text once tried every leading run of its words:
    105 s) is refused at once. benchmarks/hostile.py times them."""
    words = " ".join(f"word{i}" if i % 3 else "casualties" for i in range(200_000))
    (repo / "claims" / "ok.yaml").write_text(
        f"event: e\nclaims:\n  - {{source: a, measure: '{words}', value: {{text: x}}}}\n"
        f"  - {{source: b, measure: '{words} casualtees', value: {{text: y}}}}\n")
    named = run("check", "--no-cache", cwd=repo, timeout=120)
    assert named.returncode == 2 and "Traceback" not in named.stderr, named.stderr[-300:]
    assert "claims/ok.yaml:3:26: error: 'measure' is 2,125,929 characters long: name it in a few words (at most 1,000)" \
        in named.stderr
    below = " ".join(f"w{i}" if i % 3 else "civilian" for i in range(165))  # as long as allowed, near enough
    assert 900 < len(below) <= 1_000
    (repo / "claims" / "ok.yaml").write_text(
        f"event: e\nclaims:\n  - {{source: a, measure: '{below}', value: 1}}\n"
        f"  - {{source: b, measure: '{below.replace('civilian', 'civillian', 1)}', value: 1}}\n")
    similar = run("report", "--no-cache", "--format", "json", cwd=repo)
    assert json.loads(similar.stdout)["summary"]["confirmed"] == 2  # merged as a typo: and said so
    text = " ".join(["seven hundred people said"] * 3_000)
    (repo / "claims" / "ok.yaml").write_text(f"event: e\nclaims:\n  - {{source: a, measure: m, value: '{text}'}}\n")
    valued = run("check", "--no-cache", cwd=repo, timeout=120)
    assert valued.returncode == 2 and "is a number followed by words" in valued.stderr
