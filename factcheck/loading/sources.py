"""Sources files → Sources, and the relays between them (docs/format.md, "Sources")."""

from __future__ import annotations

import os

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import Problem, Source
from ..suggest import did_you_mean
from .nodes import NodeReader

KINDS = ("activist", "ministry", "military", "government", "news", "ngo", "monitor", "other")
GRADES = "ABCDEF"
SOURCE_FIELDS = ("id", "name", "kind", "url", "reliability", "relays", "document", "notes")


def load_sources_file(path: str) -> tuple[list[Source], list[Problem]]:
    r, root = NodeReader.open(path)
    if root is None:
        return [], r.problems
    if isinstance(root, MappingNode) and any(k.value == "sources" for k, _ in root.value if isinstance(k, ScalarNode)):
        top = r.fields(root, ("sources",), ("sources",), "a sources file")
        nodes = top["sources"].value if top and r.expect(top["sources"], SequenceNode, "'sources'") else []
    elif r.expect(root, MappingNode, "a sources file (one source with 'id', or 'sources:' with a list)"):
        nodes = [root]
    else:
        nodes = []
    return [s for s in (read_source(r, n) for n in nodes) if s], r.problems


def read_source(r: NodeReader, node: Node) -> Source | None:
    f = r.fields(node, SOURCE_FIELDS, ("id", "name"), "a source")
    if f is None:
        return None
    sid = r.slug(f.get("id"), "source id")
    name = r.text(f["name"], "'name'") if "name" in f else None
    kind = "other"
    if "kind" in f and (text := r.text(f["kind"], "'kind'")):
        if text in KINDS:
            kind = text
        else:
            r.error(f["kind"], f"unknown kind {text!r}{did_you_mean(text, KINDS)}; kinds are: {', '.join(KINDS)}")
    grade = None
    if "reliability" in f and (text := r.text(f["reliability"], "'reliability'")):
        if len(text) == 1 and text.upper() in GRADES:
            grade = text.upper()
        else:
            r.error(f["reliability"], f"reliability {text!r} is not an Admiralty grade: one letter from A (reliable) to F (cannot be judged)")
    relays = tuple(s for s, n in r.texts(f["relays"], "'relays'") if r.is_slug(s, n, "relayed source id")) if "relays" in f else ()
    document = None
    if "document" in f and (text := r.text(f["document"], "'document'")):
        document = os.path.normpath(os.path.join(os.path.dirname(r.path), text))
        if not os.path.isfile(document):
            r.error(f["document"], f"document {text!r} not found (looked for {document})")
    url = r.url(f.get("url"))
    notes = r.text(f["notes"], "'notes'") if "notes" in f else None
    if sid is None or name is None:
        return None
    return Source(sid, name, kind, url, grade, relays, document, notes, r.loc(node))


def check_relays(sources: dict[str, Source]) -> list[Problem]:
    problems = []
    for src in sources.values():
        for rid in src.relays:
            if rid == src.id:
                problems.append(Problem(src.location, f"source {src.id!r} relays itself: list the sources it repeats, not itself"))
            elif rid not in sources:
                problems.append(Problem(src.location, f"source {src.id!r} relays unknown source {rid!r}{did_you_mean(rid, sources)}"))
    reported = set()
    for sid in sources:
        cycle = _relay_cycle(sid, sources)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            problems.append(Problem(sources[sid].location, "relay cycle: " + " → ".join(cycle + [cycle[0]]) + " (each repeats the other: keep the direction that is true)"))
    return problems


def _relay_cycle(start: str, sources: dict[str, Source]) -> list[str] | None:
    """The shortest relay path from a source back to itself, through other sources."""
    paths = {r: [start, r] for r in sources[start].relays if r in sources and r != start}
    queue = list(paths)
    while queue:
        sid = queue.pop(0)
        for nxt in sources[sid].relays:
            if nxt == start:
                return paths[sid]
            if nxt in sources and nxt not in paths and nxt != sid:
                paths[nxt] = paths[sid] + [nxt]
                queue.append(nxt)
    return None
