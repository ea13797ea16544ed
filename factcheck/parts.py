"""A project checked part by part, so that a re-check redoes only the parts that changed.

Verdicts and findings never reach across events (SPEC §7), so files that share no event can be
checked apart: a part is a set of files linked by the events their claims and rules name. The
rendered result of a part is cached under a digest of its files and of everything that all
parts share (sources, declared measures, how measure names resolve, quoted documents).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .cache import Cache, digest
from .pipeline import check
from .measures import Resolver
from .model import VERDICTS, ClaimsFile, Merge, Project

# A format's two halves: one part's report → (claims text per file, findings with their
# sort position); then summary, claims texts in file order, findings in order, merges → text.
Fragment = Callable[..., tuple[dict[str, str], list[tuple[str, int, int, str]]]]
Whole = Callable[[dict, list[str], list[str], list[Merge]], list[str]]


def parts(project: Project) -> list[list[ClaimsFile]]:
    """Files grouped so that no event spans two groups, each group in file order."""
    owner: dict[str, int] = {}  # event → index of a file naming it
    parent = list(range(len(project.files)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, f in enumerate(project.files):
        for event in f.events():
            j = owner.setdefault(event, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[ClaimsFile]] = {}
    for i, f in enumerate(project.files):
        groups.setdefault(find(i), []).append(f)
    return list(groups.values())


def shared(project: Project, resolver: Resolver) -> str:
    """A digest of what every part's result depends on besides its own files."""
    documents = []
    for s in project.sources.values():
        if s.document:
            try:
                with open(s.document, "rb") as f:
                    documents.append((s.document, digest(f.read())))
            except OSError as e:
                documents.append((s.document, str(e)))
    return digest(
        sorted(project.sources.items()), sorted(project.measures.items()), documents,
        sorted(resolver.canonical.items()), sorted(resolver.label.items()), sorted(resolver.group.items()),
        sorted((k, m.name, m.into, m.score) for k, m in resolver.merged.items()),
    )


def render_in_parts(project: Project, exact: bool, cache: Cache, fragment: Fragment, whole: Whole) -> tuple[list[str], dict]:
    """The whole report's text, in pieces, and its summary, reusing cached parts wherever their inputs are unchanged."""
    resolver = Resolver(project.measures, project.measure_counts(), exact)
    common = cache.key("part", fragment.__module__, exact, shared(project, resolver))
    summary = Counter(dict.fromkeys(("claims", *VERDICTS, "findings"), 0))
    texts: dict[str, str] = {}
    findings: list[tuple[str, int, int, str]] = []
    for files in parts(project):
        key = digest(common, [(f.path, f.key) for f in files])
        result = cache.get(key)
        if result is None:
            report = check(project.part(files), exact, resolver)
            result = (report.summary(), *fragment(report))
            cache.put(key, result)
        counts, part_texts, part_findings = result
        summary.update(counts)
        texts.update(part_texts)
        findings += part_findings
    findings.sort(key=lambda f: f[:3])
    claims = [texts[f.path] for f in project.files if f.path in texts]
    return whole(dict(summary), claims, [f[3] for f in findings], resolver.merges()), dict(summary)
