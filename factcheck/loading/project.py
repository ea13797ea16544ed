"""A claims project on disk → a Project, or every problem with it at once (docs/format.md, "A project").

factcheck.yaml and sources load first, then claims files (each on its own: in worker
processes, or from the cache), then what spans files is checked: sources named, ids unique,
events described and measures declared once, the events and measures rules name. Last come
the warnings: what is valid but probably not meant.
"""

from __future__ import annotations

import os

from ..checking.measures import measure_names, normalise
from ..confined import MAX_YAML_BYTES, Confinement, Refused
from ..model import Event, InputError, Location, Measure, Problem, Project, Source
from ..store.cache import Cache
from ..store.packed import AT, ClaimsFile
from ..store.workers import read_all
from ..suggest import Suggestions
from .claims import load_claims_file
from .settings import load_settings
from .sources import check_relays, load_sources_file
from .values import revalue
from .warnings import warnings
from .yamlfile import yaml_files

SETTINGS = "factcheck.yaml"


def load_project(claims_dir: str = "claims", sources_dir: str = "sources", cache: Cache | None = None,
                 settings: str | None = None, root: str = ".", claims_needed: bool = True) -> Project:
    """Load and validate everything; raise InputError with every problem found.

    Only regular files inside `root`, `claims_dir` and `sources_dir` are read. `settings`: the
    path of factcheck.yaml, if the project may have one. With a cache, files unchanged since it
    last saw them are not parsed again. `claims_needed`: whether no claims yet is a problem (it is
    not, for a project claims are about to be imported into)."""
    project = Project()
    confinement = Confinement(root, claims_dir, sources_dir)
    problems: list[Problem] = []
    if settings and os.path.lexists(settings):
        try:
            project.inputs.append(confinement.check(settings, MAX_YAML_BYTES))
            project.settings, problems = load_settings(settings)
        except Refused as e:
            problems.append(Problem(Location(settings, 1, 1), str(e)))
    for path in _files(sources_dir, "sources", problems, confinement, project.inputs):
        sources, file_problems = load_sources_file(path, confinement)
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
    claim_files = _files(claims_dir, "claims", problems, confinement, project.inputs, needed=claims_needed)
    project.inputs += [os.path.realpath(s.document) for s in project.sources.values() if s.document]
    loaded = read_all(claim_files, load_claims_file, cache or Cache(None))
    problems += assemble(project, loaded, sources_whole)
    if problems:
        raise InputError(_unique(problems))
    if project.settings.vague:
        vague = dict(project.settings.vague)
        for f in project.files:
            f.map_values(lambda value: revalue(value, vague))
    measure_names(project, kept=cache if cache and cache.folder else None)  # the warnings and checks read them
    project.warnings = warnings(project)
    return project


def _files(folder: str, what: str, problems: list[Problem], confinement: Confinement, inputs: list[str],
           needed: bool = True) -> list[str]:
    """The folder's YAML files that may be read; a problem at each that may not."""
    where = Location(folder, 1, 1)
    try:
        confinement.check_folder(folder)
    except Refused as e:
        problems.append(Problem(where, str(e)))
        return []
    if not os.path.isdir(folder):
        if needed or os.path.lexists(folder):  # none yet is fine where claims are about to be imported
            problems.append(Problem(where, f"no {what} folder here: create it, or point to one with --{what} DIR"))
        return []
    files = yaml_files(folder)
    if not files and needed:
        problems.append(Problem(where, f"the {what} folder holds no YAML files (*.yaml, *.yml)"))
    readable = []
    for path in files:
        try:
            inputs.append(confinement.check(path, MAX_YAML_BYTES))
            readable.append(path)
        except Refused as e:
            problems.append(Problem(Location(path, 1, 1), str(e)))
    return readable


def _unique(problems: list[Problem]) -> list[Problem]:
    """An aliased node read many times reports its problem once."""
    return list(dict.fromkeys(problems))


def assemble(project: Project, files: list[ClaimsFile], sources_whole: bool = True) -> list[Problem]:
    """Join the files' claims, measures and rules, checking what spans files."""
    problems: list[Problem] = []
    sources = project.sources
    suggest = Suggestions(sources)
    for cf in files:
        problems += cf.problems
        # Sets first, claim by claim only to say where: a large project is all but always fine.
        if sources_whole and (cf.index.sources - sources.keys() or cf.other_sources):
            problems += _unknown_sources(cf, sources, suggest)
        project.rules += cf.rules
    ids: set[str] = set()
    for cf in files:
        ids.update(cf.index.ids)
    if len(ids) < sum(cf.index.claims for cf in files):
        problems += _duplicate_ids(files)
    project.files = files
    problems += _describe_events(project, [e for cf in files for e in cf.events])
    problems += _declare_measures(project, [m for cf in files for m in cf.measures])
    problems += _check_rule_events(project)
    problems += _check_rule_measures(project, [refs for cf in files for refs in cf.rule_refs])
    return problems


def _describe_events(project: Project, described: list[Event]) -> list[Problem]:
    problems = []
    for e in described:
        first = project.events.setdefault(e.id, e)
        if first is not e:
            problems.append(Problem(e.location, f"event {e.id!r} is described twice (first at {first.location})"))
    return problems


def _check_rule_events(project: Project) -> list[Problem]:
    named = project.event_counts()
    unknown = [rule for rule in project.rules if rule.event not in named]
    suggest = Suggestions(named) if unknown else None
    return [
        Problem(rule.event_location or rule.location,
                f"rule {rule.name!r} is about event {rule.event!r}, which no claim names{suggest.did_you_mean(rule.event)}")
        for rule in unknown
    ]


def _unknown_sources(cf: ClaimsFile, sources: dict[str, Source], suggest: Suggestions) -> list[Problem]:
    named = [(row[AT.source], row[AT.source_line], row[AT.source_column]) for row in cf.rows] + cf.other_sources
    return [
        Problem(Location(cf.path, line, col), f"unknown source {sid!r}{suggest.did_you_mean(sid)}")
        for sid, line, col in named if sid not in sources
    ]


def _duplicate_ids(files: list[ClaimsFile]) -> list[Problem]:
    problems = []
    first: dict[str, Location] = {}
    for cf in files:
        for row in cf.rows:
            here = Location(cf.path, row[AT.line], row[AT.column])
            if (where := first.setdefault(row[AT.id], here)) is not here:
                problems.append(Problem(here, f"duplicate claim id {row[AT.id]!r} (first at {where})"))
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
                problems.append(Problem(m.location, f"{_named(m, name)} and {_named(other, name)}, declared at "
                                                    f"{other.location}, are one name: a name belongs to one measure only"))
    return problems


def _named(m: Measure, name: str) -> str:
    """A measure's name as its declaration wrote it: 'raids' (an alias of measure 'air strikes')."""
    written = m.spelling(name)
    return f"measure {written!r}" if name == m.name else f"{written!r} (an alias of measure {m.label!r})"


def _check_rule_measures(project: Project, refs: list[list[tuple[str, Location]]]) -> list[Problem]:
    """A rule's measures must be stated by some claim: by name, by a declared alias, or by a
    spelling that differs only in spacing."""
    if not refs:
        return []
    known: dict[str, str] = {}  # normalised → as written
    for name in project.measure_counts():
        known.setdefault(normalise(name), name)
    for m in project.measures.values():
        names = (m.name, *m.aliases)
        if any(n in known for n in names):
            known.update(dict.fromkeys(names, m.label))
    compact = {name.replace(" ", "") for name in known}
    suggest = Suggestions(sorted(set(known.values())))
    problems = []
    for rule_refs in refs:
        for name, where in rule_refs:
            key = normalise(name)
            if key not in known and key.replace(" ", "") not in compact:
                problems.append(Problem(where, f"unknown measure {name!r}: no claim states it"
                                               f"{suggest.did_you_mean(name)}"))
    return problems
