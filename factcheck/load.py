"""A claims project on disk → a Project, or every problem with it at once (SPEC §1–6)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import values
from .cache import Cache
from .files import read_all
from .measures import normalise
from .model import COLUMN, ID, LINE, SOURCE, SOURCE_COLUMN, SOURCE_LINE, ClaimsFile, InputError, Location, Measure, Problem, Project, Rule, Source, Tolerance
from .yamlfile import STD, Reader, compose, did_you_mean, line_starts, read_text, yaml_files

SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")
KINDS = ("activist", "ministry", "military", "government", "news", "ngo", "monitor", "other")
GRADES = "ABCDEF"
SOURCE_FIELDS = ("id", "name", "kind", "url", "reliability", "relays", "document", "notes")
CLAIM_FIELDS = ("id", "source", "event", "measure", "value", "as_of", "quote", "said_on", "url", "note")
CLAIMS_FILE_FIELDS = ("event", "claims", "measures", "rules")
MEASURE_FIELDS = ("aliases", "comparable", "cumulative", "tolerance")
RULE_FIELDS = ("name", "event", "sum", "equals", "at_most", "at_least")
RELATIONS = ("equals", "at_most", "at_least")
URL_SCHEMES = ("http://", "https://")


def load_project(claims_dir: str = "claims", sources_dir: str = "sources", cache: Cache | None = None) -> Project:
    """Load and validate everything; raise InputError with every problem found.

    With a cache, files unchanged since it last saw them are not parsed again."""
    problems: list[Problem] = []
    project = Project()
    for path in _files(sources_dir, "sources", problems):
        sources, file_problems = load_sources_file(path)
        problems += file_problems
        for src in sources:
            first = project.sources.get(src.id)
            if first:
                problems.append(Problem(src.location, f"duplicate source id {src.id!r} (first defined at {first.location})"))
            else:
                project.sources[src.id] = src
    problems += check_relays(project.sources)
    # With the sources broken, every claim would name an "unknown" source: say it once they load.
    sources_whole = not problems
    claim_files = _files(claims_dir, "claims", problems)
    loaded = [ClaimsFile.from_data(data, key) for key, data in read_all(claim_files, claims_file_data, cache or Cache(None))]
    problems += assemble(project, loaded, sources_whole)
    if problems:
        raise InputError(_unique(problems))
    return project


def _files(folder: str, what: str, problems: list[Problem]) -> list[str]:
    where = Location(folder, 1, 1)
    if not os.path.isdir(folder):
        problems.append(Problem(where, f"no {what} folder here: create it, or point to one with --{what} DIR"))
        return []
    files = yaml_files(folder)
    if not files:
        problems.append(Problem(where, f"the {what} folder holds no YAML files (*.yaml, *.yml)"))
    return files


def _unique(problems: list[Problem]) -> list[Problem]:
    """An aliased node read many times reports its problem once."""
    return list(dict.fromkeys(problems))


def _document(path: str) -> tuple[Reader, Node | None]:
    reader = Reader(path)
    text, problems = read_text(path)
    root = None
    if text is not None:
        reader.starts = line_starts(text)
        root, problems = compose(path, text)
        if root is None and not problems:
            problems = [Problem(Location(path, 1, 1), "the file is empty (or holds only comments)")]
    reader.problems += problems
    return reader, root


# ---------------------------------------------------------------- sources


def load_sources_file(path: str) -> tuple[list[Source], list[Problem]]:
    r, root = _document(path)
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


def read_source(r: Reader, node: Node) -> Source | None:
    f = r.fields(node, SOURCE_FIELDS, ("id", "name"), "a source")
    if f is None:
        return None
    sid = slug(r, f.get("id"), "source id")
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
    relays = tuple(s for s, n in r.texts(f["relays"], "'relays'") if _is_slug(r, s, n, "relayed source id")) if "relays" in f else ()
    document = None
    if "document" in f and (text := r.text(f["document"], "'document'")):
        document = os.path.normpath(os.path.join(os.path.dirname(r.path), text))
        if not os.path.isfile(document):
            r.error(f["document"], f"document {text!r} not found (looked for {document})")
    url = _url(r, f.get("url"))
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


# ---------------------------------------------------------------- claims files


def claims_file_data(path: str) -> tuple:
    return load_claims_file(path).to_data()


def load_claims_file(path: str) -> ClaimsFile:
    r, root = _document(path)
    out = ClaimsFile(path, problems=r.problems)
    if root is None:
        return out
    f = r.fields(root, CLAIMS_FILE_FIELDS, (), "a claims file")
    if f is None:
        return out
    if not root.value:  # (a file of only unknown keys has had each of them reported)
        r.error(root, "a claims file needs 'claims', 'measures' or 'rules'")
    event = slug(r, f.get("event"), "'event'")
    if event is None and "event" in f:
        event = ""  # set, but wrongly, and said so: the claims need not say it again
    if "claims" in f and r.expect(f["claims"], SequenceNode, "'claims'"):
        stem = Path(path).stem
        for i, node in enumerate(f["claims"].value, 1):
            read_claim(r, node, f"{stem}:{i}", event, out)
    if "measures" in f and r.expect(f["measures"], MappingNode, "'measures'"):
        for key, node in f["measures"].value:
            if (m := read_measure(r, key, node)) is not None:
                out.measures.append(m)
    if "rules" in f and r.expect(f["rules"], SequenceNode, "'rules'"):
        for node in f["rules"].value:
            read_rule(r, node, event, out)
    return out


CLAIM_KEYS = frozenset(CLAIM_FIELDS)
STR = STD + "str"


def read_claim(r: Reader, node: Node, default_id: str, default_event: str | None, out: ClaimsFile) -> None:
    if fast_claim(r, node, default_id, default_event, out):
        return
    f = r.fields(node, CLAIM_FIELDS, ("source", "measure", "value"), "a claim")
    if f is None:
        return
    cid = slug(r, f["id"], "claim id") if "id" in f else default_id
    source = slug(r, f.get("source"), "'source'")
    if "event" in f:
        event = slug(r, f["event"], "'event'")
    elif default_event is not None:
        event = default_event or None
    else:
        event = None
        r.error(node, "a claim has no 'event', and its file sets none: add 'event:' to the claim or at the top of the file")
    measure = r.text(f["measure"], "'measure'") if "measure" in f else None
    value = read_value(r, f["value"]) if "value" in f else None
    as_of = _date(r, f.get("as_of"), "'as_of'")
    said_on = _date_or_time(r, f.get("said_on"))
    quote = r.text(f["quote"], "'quote'") if "quote" in f else None
    url = _url(r, f.get("url"))
    note = r.text(f["note"], "'note'") if "note" in f else None
    if None in (cid, source, event, measure, value):
        if source is not None:  # so that an unknown source is reported with the claim's other problems
            where = r.loc(f["source"])
            out.stray_sources.append((source, where.line, where.column))
        return
    out.add(cid, source, event, measure, value, r.loc(node), as_of, quote, said_on, url, note,
            r.loc(f["quote"]) if quote else None, r.loc(f["source"]))


def fast_claim(r: Reader, node: Node, default_id: str, default_event: str | None, out: ClaimsFile) -> bool:
    """The common case, a well-formed claim of plain text fields, read without the careful
    path's many checks (a tenth of the time). Anything unusual returns False, and
    read_claim's careful path reads the claim again to say exactly what is wrong."""
    if type(node) is not MappingNode:
        return False
    f: dict[str, str] = {}
    marks = {}
    for key, value in node.value:
        if type(key) is not ScalarNode or type(value) is not ScalarNode or value.tag != STR:
            return False
        name = key.value
        if name in f or name not in CLAIM_KEYS:
            return False
        f[name] = value.value.strip()
        marks[name] = value.start_mark
    try:
        cid, source, measure = f.get("id") or default_id, f["source"], f["measure"]
        event = f.get("event", default_event)
        if not (event and measure and SLUG.fullmatch(source) and SLUG.fullmatch(event)
                and ("id" not in f or SLUG.fullmatch(cid))):
            return False
        value = values.parse_value_cached(f["value"], "str")
        as_of = values.parse_date(f["as_of"]).isoformat() if "as_of" in f else None
        said_on = values.date_or_time(f["said_on"]) if "said_on" in f else None
    except (KeyError, ValueError):
        return False
    url = f.get("url")
    if url is not None and not url.startswith(URL_SCHEMES):
        return False
    quote = f.get("quote") or None
    if ("quote" in f and not quote) or ("note" in f and not f["note"]):
        return False
    out.add(cid, source, event, measure, value, r.at(node.start_mark), as_of, quote, said_on, url,
            f.get("note"), r.at(marks["quote"]) if quote else None, r.at(marks["source"]))
    return True


def read_value(r: Reader, node: Node) -> values.Value | None:
    if isinstance(node, MappingNode) and r.tag_ok(node):
        f = r.fields(node, ("min", "max"), ("min", "max"), "a range value")
        if not f or len(f) < 2:
            return None
        lo, hi = (_count(r, f[k], f"'{k}'") for k in ("min", "max"))
        if lo is None or hi is None:
            return None
        try:
            return values.number_range(lo, hi, f"{values.fmt(lo)} to {values.fmt(hi)}")
        except ValueError as e:
            r.error(node, str(e))
            return None
    if not r.expect(node, ScalarNode, "'value'"):
        return None
    try:
        return values.parse_value(node.value.strip(), "bool" if node.tag == STD + "bool" else "str")
    except ValueError as e:
        r.error(node, str(e))
        return None


def _count(r: Reader, node: Node, what: str) -> float | None:
    text = r.text(node, what)
    if text is None:
        return None
    n = values.parse_count(text.strip().casefold())
    if n is None:
        r.error(node, f"{what} must be a number, not {text!r}")
    return n


def read_measure(r: Reader, key: Node, node: Node) -> Measure | None:
    label = r.text(key, "a measure name")
    if isinstance(node, ScalarNode) and node.tag == STD + "null":
        f = {}  # a measure declared with nothing more
    else:
        f = r.fields(node, MEASURE_FIELDS, (), f"measure {label!r}")
    if f is None or label is None:
        return None
    aliases = tuple(normalise(a) for a, _ in r.texts(f["aliases"], "'aliases'")) if "aliases" in f else ()
    comparable = tuple(normalise(a) for a, _ in r.texts(f["comparable"], "'comparable'")) if "comparable" in f else ()
    cumulative = False
    if "cumulative" in f:
        node_c = f["cumulative"]
        if isinstance(node_c, ScalarNode) and node_c.tag == STD + "bool":
            cumulative = node_c.value.casefold() in ("true", "yes", "on", "y")
        else:
            r.error(node_c, "'cumulative' must be true or false")
    tolerance = Tolerance()
    if "tolerance" in f and (text := r.text(f["tolerance"], "'tolerance'")) is not None:
        try:
            tolerance = values.parse_tolerance(text)
        except ValueError as e:
            r.error(f["tolerance"], str(e))
    return Measure(normalise(label), label, aliases, comparable, cumulative, tolerance, r.loc(key))


def read_rule(r: Reader, node: Node, default_event: str | None, out: ClaimsFile) -> None:
    f = r.fields(node, RULE_FIELDS, ("name", "sum"), "a rule")
    if f is None:
        return
    name = r.text(f["name"], "'name'") if "name" in f else None
    event = slug(r, f["event"], "'event'") if "event" in f else default_event or None
    if default_event is None and "event" not in f:
        r.error(node, "a rule has no 'event', and its file sets none")
    terms = r.texts(f["sum"], "'sum'") if "sum" in f else []
    if "sum" in f and not terms:
        r.error(f["sum"], "'sum' needs at least one measure")
    given = sorted((k for k in RELATIONS if k in f), key=lambda k: (f[k].start_mark.line, f[k].start_mark.column))
    if not given:
        r.error(node, "a rule needs one comparison: 'equals', 'at_most' or 'at_least'")
    elif len(given) > 1:
        r.error(f[given[1]], f"a rule takes one comparison, not both {given[0]!r} and {given[1]!r}")
    target = r.text(f[given[0]], repr(given[0])) if given else None
    if name is None or event is None or not terms or len(given) != 1 or target is None:
        return
    out.rules.append(Rule(name, event, tuple(t for t, _ in terms), given[0], target, r.loc(node)))
    out.rule_refs.append([(t, r.loc(n)) for t, n in terms] + [(target, r.loc(f[given[0]]))])


# ---------------------------------------------------------------- small readers


def slug(r: Reader, node: Node | None, what: str) -> str | None:
    if node is None:
        return None
    text = r.text(node, what)
    return text if text is not None and _is_slug(r, text, node, what) else None


def _is_slug(r: Reader, text: str, node: Node, what: str) -> bool:
    if SLUG.fullmatch(text):
        return True
    suggestion = re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-._")
    hint = f" (did you mean {suggestion!r}?)" if suggestion and SLUG.fullmatch(suggestion) else ""
    r.error(node, f"{what} {text!r} is not a slug: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit{hint}")
    return False


def _date(r: Reader, node: Node | None, what: str) -> str | None:
    if node is None or (text := r.text(node, what)) is None:
        return None
    try:
        return values.parse_date(text).isoformat()
    except ValueError as e:
        r.error(node, f"{what}: {e}")
        return None


def _date_or_time(r: Reader, node: Node | None) -> str | None:
    if node is None or (text := r.text(node, "'said_on'")) is None:
        return None
    try:
        return values.date_or_time(text)
    except ValueError as e:
        r.error(node, f"'said_on': {e}")
        return None


def _url(r: Reader, node: Node | None) -> str | None:
    if node is None or (text := r.text(node, "'url'")) is None:
        return None
    if not text.startswith(URL_SCHEMES):
        r.error(node, f"url {text!r} must start with http:// or https://")
        return None
    return text


# ---------------------------------------------------------------- the project as a whole


def assemble(project: Project, files: list[ClaimsFile], sources_whole: bool = True) -> list[Problem]:
    """Join the files' claims, measures and rules, checking what spans files."""
    problems: list[Problem] = []
    sources = project.sources
    for cf in files:
        problems += cf.problems
        # Sets first, claim by claim only to say where: a large project is all but always fine.
        if sources_whole and (cf.index.sources - sources.keys() or cf.stray_sources):
            problems += _unknown_sources(cf, sources)
        project.rules += cf.rules
    ids = [i for cf in files for i in cf.index.ids]
    if len(set(ids)) < len(ids):
        problems += _duplicate_ids(files)
    project.files = files
    problems += _declare_measures(project, [m for cf in files for m in cf.measures])
    problems += _check_rule_measures(project, [refs for cf in files for refs in cf.rule_refs])
    return problems


def _unknown_sources(cf: ClaimsFile, sources: dict[str, Source]) -> list[Problem]:
    named = [(row[SOURCE], row[SOURCE_LINE], row[SOURCE_COLUMN]) for row in cf.rows] + cf.stray_sources
    return [
        Problem(Location(cf.path, line, col), f"unknown source {sid!r}{did_you_mean(sid, sources)}")
        for sid, line, col in named if sid not in sources
    ]


def _duplicate_ids(files: list[ClaimsFile]) -> list[Problem]:
    problems = []
    first: dict[str, Location] = {}
    for cf in files:
        for row in cf.rows:
            here = Location(cf.path, row[LINE], row[COLUMN])
            if (where := first.setdefault(row[ID], here)) is not here:
                problems.append(Problem(here, f"duplicate claim id {row[ID]!r} (first at {where})"))
    return problems


def _declare_measures(project: Project, declared: list[Measure]) -> list[Problem]:
    problems = []
    owner: dict[str, Measure] = {}  # every declared name and alias → its measure
    for m in declared:
        if m.name in project.measures:
            first = project.measures[m.name]
            problems.append(Problem(m.location, f"measure {m.label!r} is declared twice (first at {first.location})"))
            continue
        project.measures[m.name] = m
        for name in (m.name, *m.aliases):
            other = owner.setdefault(name, m)
            if other is not m:
                problems.append(Problem(m.location, f"{name!r} names both measure {other.label!r} and {m.label!r}"))
    return problems


def _check_rule_measures(project: Project, refs: list[list[tuple[str, Location]]]) -> list[Problem]:
    if not refs:
        return []
    known = {name: m.label for name, m in project.measures.items()}  # normalised → as written
    for m in project.measures.values():
        known.update(dict.fromkeys(m.aliases, m.label))
    for name in project.measure_counts():
        known.setdefault(normalise(name), name)
    problems = []
    for rule_refs in refs:
        for name, where in rule_refs:
            if normalise(name) not in known:
                problems.append(Problem(where, f"unknown measure {name!r}: no claim states it and no 'measures' entry declares it{did_you_mean(name, sorted(set(known.values())))}"))
    return problems
