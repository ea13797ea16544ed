"""A project checked part by part, so that a re-check redoes only the parts that changed.

Verdicts and findings never reach across events, so files that share no event can be checked
apart: a part is a set of files linked by the events their claims and rules name. A part's
rendered result is cached under a digest of its files and of `Shared`: everything that all
parts read in common (pipeline.py).
"""

from __future__ import annotations

from ..formats import Partwise, Style, Utf8
from ..model import SUMMARY, Project
from ..store.cache import Cache, digest
from ..store.packed import ClaimsFile
from ..store.workers import in_workers, map_in_workers
from ..unionfind import UnionFind
from .pipeline import Shared, check, shared


def parts(project: Project) -> list[list[ClaimsFile]]:
    """Files grouped so that no event spans two groups, each group in file order."""
    linked = UnionFind(range(len(project.files)))
    owner: dict[str, int] = {}  # event → a file naming it
    for i, f in enumerate(project.files):
        for event in f.event_names():
            first = owner.setdefault(event, i)
            if first != i:  # most events are in one file only
                linked.union(i, first)
    return [[project.files[i] for i in group] for group in linked.groups().values()]


PARALLEL_CLAIMS = 20_000  # below this, starting worker processes costs more than checking in them saves


def render_in_parts(project: Project, exact: bool, cache: Cache, fmt: Partwise, style: Style) -> tuple[list[Utf8], dict]:
    """The whole report in UTF-8, in pieces, and its summary, reusing cached parts wherever their inputs are unchanged."""
    common = shared(project, exact)
    salt = cache.key("part", fmt.name, fmt.style_key(style), exact, common.fingerprint()) if cache.folder else ""
    groups = parts(project)
    keys = [digest(salt, [(f.path, f.key) for f in files]) if salt else "" for files in groups]
    results = [_part_result(entry) for entry in cache.get_all(keys)]
    todo = [i for i, result in enumerate(results) if result is None]
    for i, result in zip(todo, _render([groups[i] for i in todo], project, exact, common, fmt, style), strict=True):
        results[i] = result
        if keys[i]:
            counts, texts, findings = result
            cache.put(keys[i], (counts, list(texts), findings), list(texts.values()))
    summary = dict.fromkeys(SUMMARY, 0)
    texts: dict[str, Utf8] = {}
    findings: list[tuple[str, int, int, bytes]] = []
    for counts, part_texts, part_findings in results:
        for name in SUMMARY:
            summary[name] += counts[name]
        texts.update(part_texts)
        findings += part_findings
    files = {f.path: i for i, f in enumerate(project.files)}
    return fmt.assemble(summary, texts, findings, files, common.names.merges(), style), summary


def _part_result(entry) -> tuple | None:
    """A cached part's result, or None (a miss) when the entry does not have the shape it should.
    Its texts are the entry's blobs: views of the cache file, written out without a copy."""
    try:
        (counts, keys, findings), texts = entry
        if set(counts) == set(SUMMARY) and all(isinstance(n, int) for n in counts.values()) \
                and len(keys) == len(texts) and all(isinstance(k, str) for k in keys) \
                and all(len(f) == 4 and isinstance(f[3], bytes) for f in findings):
            return counts, dict(zip(keys, texts)), findings
    except (TypeError, ValueError, AttributeError):
        pass
    return None


# What the forked workers render from: set before they start, read-only after (see _render_part).
_JOB: tuple | None = None


def _render(groups: list[list[ClaimsFile]], project: Project, exact: bool, common: Shared, fmt: Partwise,
            style: Style) -> list[tuple]:
    """Each part checked and rendered: (summary, claims texts per file, findings). Shared out
    between worker processes, which are forked with the project already in their memory and
    send back only text, when there is enough to check."""
    global _JOB
    claims = sum(f.index.claims for files in groups for f in files)
    if claims < PARALLEL_CLAIMS or not in_workers(len(groups)):
        return [_check_and_render(files, project, exact, common, fmt, style) for files in groups]
    _JOB = (groups, project, exact, common, fmt, style)
    try:
        return map_in_workers(_render_part, list(range(len(groups))), chunks_per_worker=2)
    finally:
        _JOB = None


def _render_part(i: int) -> tuple:
    groups, project, exact, common, fmt, style = _JOB
    return _check_and_render(groups[i], project, exact, common, fmt, style)


def _check_and_render(files: list[ClaimsFile], project: Project, exact: bool, common: Shared, fmt: Partwise,
                      style: Style) -> tuple:
    """A part's result as it is cached: its texts in UTF-8 already, as they will be written."""
    report = check(project.part(files), exact, common)
    return (report.summary(), *fmt.encoded(report, style))
