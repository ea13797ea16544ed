"""Sources files → Sources, and the relays between them (docs/format.md, "Sources")."""

from __future__ import annotations

import os
from collections import deque

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..confined import MAX_DOCUMENT_BYTES, Confinement, Refused
from ..model import Problem, Source
from ..suggest import did_you_mean
from .fields import GRADES, KINDS, SOURCE, SOURCES_FILE
from .nodes import NodeReader


def load_sources_file(path: str, confinement: Confinement | None = None) -> tuple[list[Source], list[Problem]]:
    """`confinement`: where documents may be; by default, the folder of the file and below."""
    confinement = confinement or Confinement(os.path.dirname(path) or ".")
    r, root = NodeReader.open(path)
    if root is None:
        return [], r.problems
    if isinstance(root, MappingNode) and any(k.value == "sources" for k, _ in root.value if isinstance(k, ScalarNode)):
        top = r.fields(root, SOURCES_FILE.names, SOURCES_FILE.required, SOURCES_FILE.what)
        nodes = top["sources"].value if top and r.expect(top["sources"], SequenceNode, "'sources'") else []
    elif r.expect(root, MappingNode, "a sources file (one source with 'id', or 'sources:' with a list)"):
        nodes = [root]
    else:
        nodes = []
    return [s for s in (read_source(r, n, confinement) for n in nodes) if s], r.problems


def read_source(r: NodeReader, node: Node, confinement: Confinement) -> Source | None:
    f = r.fields(node, SOURCE.names, SOURCE.required, SOURCE.what)
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
    named = [(s, n) for s, n in r.texts(f["relays"], "'relays'") if r.is_slug(s, n, "relayed source id")] if "relays" in f else []
    document = None
    if "document" in f and (text := r.text(f["document"], "'document'")):
        document = os.path.normpath(os.path.join(os.path.dirname(r.path), text))
        if not os.path.lexists(document):
            r.error(f["document"], f"document {text!r} not found (looked for {document})")
            document = None
        else:
            try:
                confinement.check(document, MAX_DOCUMENT_BYTES)
            except Refused as e:
                r.error(f["document"], f"document {text!r}: {e}")
                document = None
    url = r.url(f.get("url"))
    notes = r.text(f["notes"], "'notes'") if "notes" in f else None
    if sid is None or name is None:
        return None
    return Source(sid, name, kind, url, grade, tuple(s for s, _ in named), document, notes, r.loc(node),
                  tuple(r.loc(n) for _, n in named))


def check_relays(sources: dict[str, Source]) -> list[Problem]:
    problems = []
    for src in sources.values():
        for rid, where in zip(src.relays, src.relay_locations or [src.location] * len(src.relays), strict=True):
            if rid == src.id:
                problems.append(Problem(where, f"source {src.id!r} relays itself: list the sources it repeats, not itself"))
            elif rid not in sources:
                problems.append(Problem(where, f"source {src.id!r} relays unknown source {rid!r}{did_you_mean(rid, sources)}"))
    for members in relay_cycles(sources):
        start = members[0]
        cycle = _shortest_cycle(start, sources, set(members))
        problems.append(Problem(sources[start].location, "relay cycle: " + " → ".join(cycle + [cycle[0]])
                                + " (each repeats the other: keep the direction that is true)"))
    return problems


def relay_cycles(sources: dict[str, Source]) -> list[list[str]]:
    """The groups of sources that relay each other round in a circle (strongly connected
    components of more than one source, Tarjan's algorithm without recursion: linear time),
    each in the order the sources were defined."""
    order = {sid: i for i, sid in enumerate(sources)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for root in sources:
        if root in index:
            continue
        work = [(root, iter(sources[root].relays))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            sid, edges = work[-1]
            for nxt in edges:
                if nxt not in sources or nxt == sid:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sources[nxt].relays)))
                    break
                if nxt in on_stack:
                    low[sid] = min(low[sid], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[sid])
                if low[sid] == index[sid]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == sid:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group, key=order.get))
    return sorted(groups, key=lambda g: order[g[0]])


def _shortest_cycle(start: str, sources: dict[str, Source], members: set[str]) -> list[str]:
    """The shortest relay path from a source back to itself, within its cycle's members."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        sid = queue.popleft()
        for nxt in sources[sid].relays:
            if nxt == start:
                path = [sid]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return path[::-1]
            if nxt in members and nxt not in came_from and nxt != sid:
                came_from[nxt] = sid
                queue.append(nxt)
    return [start]  # not reached: every member of a cycle leads back to it
