"""The cache of parsed files and checked parts: it may only ever save time, never change an answer."""

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from factcheck import load_project
from factcheck.run.parts import parts
from factcheck.store import stamps, workers
from factcheck.store.cache import Cache, project_folder


@pytest.fixture
def example(tmp_path):
    """A copy of the worked example, to edit."""
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def report(cli, root, *more):
    result = cli("check", root, "--format", "json", "--fail-on", "never", *more)
    assert result.exit_code == 0, result.output
    return result.stdout


def snapshot(folder):
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_cached_run_reports_what_a_fresh_one_does(cli, example):
    fresh = report(cli, example, "--no-cache")
    assert not os.path.exists(project_folder(str(example)))
    first = report(cli, example)
    assert os.path.isdir(project_folder(str(example)))
    assert sorted(os.listdir(example)) == ["claims", "sources"]  # nothing of the cache in the project
    again = report(cli, example)
    assert fresh == first == again


def test_an_edit_is_seen_at_once(cli, example):
    report(cli, example)
    path = example / "claims" / "raqqa-raid.yaml"
    text = path.read_text(encoding="utf-8")
    assert "value: seven" in text
    path.write_text(text.replace("value: seven", "value: two", 1), encoding="utf-8")
    edited = json.loads(report(cli, example))
    claims = {c["id"]: c for c in edited["claims"]}
    assert claims["rbss-strikes"]["verdict"] == "confirmed"  # 2 strikes now agree with the 2 targets
    assert edited == json.loads(report(cli, example, "--no-cache"))


def edit_raqqa_raid(example):
    path = example / "claims" / "raqqa-raid.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: seven", "value: two", 1), encoding="utf-8")


def test_an_edited_file_is_parsed_in_a_child_process_while_the_cache_is_read(cli, example, monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 2)  # as on the 2-core machines it is made for
    report(cli, example)
    children, here = [], []
    real_child, real_parse = workers.in_a_child, workers.parse_all
    monkeypatch.setattr(workers, "in_a_child", lambda work, items: children.append(len(items)) or real_child(work, items))
    monkeypatch.setattr(workers, "parse_all", lambda parse, paths: here.append(len(paths)) or real_parse(parse, paths))
    edit_raqqa_raid(example)
    edited = report(cli, example)
    assert children == [1] and here == [0]  # parsed in the child, and its answer used
    assert edited == report(cli, example, "--no-cache")


def test_a_child_that_fails_leaves_the_parsing_to_this_process(cli, example, monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 2)
    report(cli, example)
    parent = os.getpid()

    def fails_in_the_child(parse, path):
        if os.getpid() != parent:
            raise MemoryError
        return parse(path).to_data()

    monkeypatch.setattr(workers, "_as_data", fails_in_the_child)
    edit_raqqa_raid(example)
    assert report(cli, example) == report(cli, example, "--no-cache")


def test_a_measure_declared_in_one_file_reaches_the_parts_of_others(cli, project):
    root = project({
        "a.yaml": "event: e1\nclaims:\n  - {source: a, measure: deaths, value: 5}\n  - {source: b, measure: killed, value: 5}\n",
        "b.yaml": "event: e2\nclaims:\n  - {source: a, measure: strikes, value: 3}\n",
    })
    before = json.loads(report(cli, root))
    assert [c["verdict"] for c in before["claims"]] == ["unaddressed"] * 3
    with open(root / "claims" / "b.yaml", "a", encoding="utf-8") as f:
        f.write("measures:\n  deaths: {aliases: [killed]}\n")
    after = json.loads(report(cli, root))
    assert [c["verdict"] for c in after["claims"]] == ["confirmed", "confirmed", "unaddressed"]


def test_a_new_spelling_of_a_measure_is_grouped_with_the_cache(cli, project):
    root = project({"a.yaml": "event: e\nclaims:\n  - {source: a, measure: air strikes, value: 5}\n"
                              "  - {source: b, measure: deaths, value: 5}\n"})
    report(cli, root)
    with open(root / "claims" / "a.yaml", "a", encoding="utf-8") as f:
        f.write("  - {source: c, measure: airstrikes, value: 5}\n")
    cached = json.loads(report(cli, root))
    assert [m["name"] for m in cached["measure_merges"]] == ["airstrikes"]
    assert cached == json.loads(report(cli, root, "--no-cache"))


def same_size_edit(path, old: str, new: str) -> None:
    """An edit that leaves the file's size, and its modification time, as they were."""
    assert len(old) == len(new)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def verdict(cli, root, claim):
    return {c["id"]: c for c in json.loads(report(cli, root))["claims"]}[claim]["verdict"]


def test_an_edit_that_keeps_size_and_modification_time_is_seen(cli, example, monkeypatch):
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # kept digests trusted at once, as they are for files not just written
    path = example / "claims" / "raqqa-raid.yaml"
    assert verdict(cli, example, "rbss-strikes") == "contradicted"
    assert verdict(cli, example, "rbss-strikes") == "contradicted"  # the digest kept is now trusted
    same_size_edit(path, "value: seven", "value: two  ")  # what touch -r, or an archive tool, leaves
    assert verdict(cli, example, "rbss-strikes") == "confirmed"  # the change time gives it away


def test_a_file_written_again_within_its_time_tick_is_seen(cli, example, monkeypatch):
    """A file system whose times do not move between two quick writes (coarse ticks): the digest
    taken just after the first write is not trusted, so the second is read."""
    tick = 2 * 10**9  # FAT's: times are kept in steps of two seconds
    monkeypatch.setattr(stamps, "stamp", lambda info: (info.st_dev, info.st_ino, info.st_size,
                                                       info.st_mtime_ns // tick * tick, info.st_ctime_ns // tick * tick))
    path = example / "claims" / "raqqa-raid.yaml"
    assert verdict(cli, example, "rbss-strikes") == "contradicted"
    same_size_edit(path, "value: seven", "value: two  ")
    assert verdict(cli, example, "rbss-strikes") == "confirmed"


def test_a_damaged_cache_is_ignored(cli, example):
    expected = report(cli, example)
    entries = [p for p in Path(project_folder(str(example))).iterdir() if len(p.name) == 40]
    assert entries
    for i, p in enumerate(entries):
        data = p.read_bytes()
        p.write_bytes(data[: len(data) // 2] if i % 2 else data[:-3] + b"xyz")
    assert report(cli, example) == expected
    assert report(cli, example) == expected  # and the damaged entries were replaced


def test_entries_unused_for_a_day_are_removed_once_an_hour(cli, example):
    expected = report(cli, example)
    folder = Path(project_folder(str(example)))
    used = {p.name for p in folder.iterdir()}
    day_old = os.stat(folder).st_mtime - 2 * 24 * 3600
    stale = {"a" * 40: b"factcheck-cache 2\n...", "b" * 40: b"factcheck-cache 1\n...", ".tmp-x": b""}
    kept = {"c" * 40: b"not the cache's", "notes.txt": b"the user's"}
    for name, content in (stale | kept).items():
        (folder / name).write_bytes(content)
        os.utime(folder / name, (day_old, day_old))
    assert report(cli, example) == expected
    assert all((folder / name).exists() for name in stale)  # pruned within the hour already
    hours_ago = os.stat(folder / "pruned").st_mtime - 2 * 3600
    os.utime(folder / "pruned", (hours_ago, hours_ago))
    assert report(cli, example) == expected
    assert not any((folder / name).exists() for name in stale) and all((folder / name).exists() for name in kept)
    assert used <= {p.name for p in folder.iterdir()}  # what the project uses is kept, however old


def test_an_entry_damaged_after_its_sum_was_found_right_is_ignored(cli, example, monkeypatch):
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # sound entries trusted at once, as they are once a few seconds old
    expected = report(cli, example)
    assert report(cli, example) == expected  # every entry's sum found right, and kept
    record = Cache.for_project(str(example)).key("stamps")  # which entries were found sound
    for p in Path(project_folder(str(example))).iterdir():
        if len(p.name) == 40 and p.name != record:
            before = p.stat()
            data = p.read_bytes()
            p.write_bytes(data[:-3] + bytes(b ^ 1 for b in data[-3:]))  # same size, written in place
            os.utime(p, ns=(before.st_atime_ns, before.st_mtime_ns))  # same modification time
    assert report(cli, example) == expected  # the change time gives the damage away


def test_the_tool_never_writes_into_claims_or_sources(cli, example):
    before = snapshot(example / "claims") | snapshot(example / "sources")
    report(cli, example)
    report(cli, example)
    assert snapshot(example / "claims") | snapshot(example / "sources") == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_cache_that_cannot_be_written_is_done_without(cli, example):
    expected = report(cli, example, "--no-cache")
    folder = Path(project_folder(str(example)))
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        assert report(cli, example) == expected
    finally:
        folder.chmod(0o700)


def test_parsing_in_worker_processes_gives_the_same_project(example, monkeypatch):
    serial = load_project(str(example / "claims"), str(example / "sources"))
    monkeypatch.setattr(workers, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(workers, "cores", lambda: 2)  # two workers, whatever this machine has
    ran = []
    real = workers.map_in_workers
    monkeypatch.setattr(workers, "map_in_workers", lambda work, items: ran.append(len(items)) or real(work, items))
    parallel = load_project(str(example / "claims"), str(example / "sources"))
    assert ran == [len(list((example / "claims").glob("*.yaml")))]  # the files were parsed in workers
    assert parallel.claims == serial.claims and parallel.rules == serial.rules
    assert parallel.measures == serial.measures


def test_files_that_share_an_event_are_checked_together(project):
    root = project({
        "a.yaml": "claims:\n  - {source: a, event: e1, measure: m, value: 1}\n",
        "b.yaml": "claims:\n  - {source: b, event: e2, measure: m, value: 2}\n",
        "c.yaml": "claims:\n  - {source: c, event: e1, measure: m, value: 3}\n",
        "d.yaml": "event: e2\nrules:\n  - {name: r, sum: [m], at_most: m}\n",
    })
    groups = parts(load_project(str(root / "claims"), str(root / "sources")))
    assert sorted(sorted(os.path.basename(f.path) for f in g) for g in groups) == [["a.yaml", "c.yaml"], ["b.yaml", "d.yaml"]]
