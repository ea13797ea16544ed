"""A project checked part by part, so that a re-check redoes only the parts that changed.

Verdicts and findings never reach across events, so files that share no event can be checked
apart: a part is a set of files linked by the events their claims and rules name. A part's
rendered result is cached under a digest of its files and of `Shared`: everything that all
parts read in common (checking/pipeline.py).
"""

from __future__ import annotations

from ..checking.pipeline import check, shared
from ..formats import Partwise
from ..model import SUMMARY, Project
from ..unionfind import UnionFind
from .cache import Cache, digest
from .packed import ClaimsFile


def parts(project: Project) -> list[list[ClaimsFile]]:
    """Files grouped so that no event spans two groups, each group in file order."""
    linked = UnionFind(range(len(project.files)))
    owner: dict[str, int] = {}  # event → a file naming it
    for i, f in enumerate(project.files):
        for event in f.event_names():
            linked.union(i, owner.setdefault(event, i))
    return [[project.files[i] for i in group] for group in linked.groups().values()]


def render_in_parts(project: Project, exact: bool, cache: Cache, fmt: Partwise) -> tuple[list[str], dict]:
    """The whole report's text, in pieces, and its summary, reusing cached parts wherever their inputs are unchanged."""
    common = shared(project, exact)
    salt = cache.key("part", fmt.name, exact, common.fingerprint()) if cache.folder else ""
    summary = dict.fromkeys(SUMMARY, 0)
    texts: dict[str, str] = {}
    findings: list[tuple[str, int, int, str]] = []
    for files in parts(project):
        key = digest(salt, [(f.path, f.key) for f in files]) if salt else ""
        result = cache.get(key) if key else None
        if result is None:
            report = check(project.part(files), exact, common)
            result = (report.summary(), *fmt.fragment(report))
            if key:
                cache.put(key, result)
        counts, part_texts, part_findings = result
        for name in SUMMARY:
            summary[name] += counts[name]
        texts.update(part_texts)
        findings += part_findings
    findings.sort(key=lambda f: f[:3])
    claims = [texts[f.path] for f in project.files if f.path in texts]
    return fmt.whole(summary, claims, [f[3] for f in findings], common.names.merges()), summary
