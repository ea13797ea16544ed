"""Warnings (docs/format.md, "Exit codes and messages"): what is valid but probably not meant.

- an event named by one claim only, spelt a typo away from another event (not merely with
  other digits, as events of other dates are): a typo that leaves the claim alone, unaddressed;
- a measure stated by one source only, not merged with a measure other sources state that
  holds the same words in another order (`civilians killed`, `killed civilians`) or the same
  words but one a typo away (`civilian deatsh`): the claims will never meet. A word that
  differs outright or is added (`air strikes in iraq`, `air strikes in syria`, `air strikes
  total`) is how measures are meant to differ, and is no warning.

Look-alikes are found through indexes (sorted words; words a typo apart, typos.py), never by
comparing every name with every other: a project of ten thousand names is checked at once.
"""

from __future__ import annotations

import re

from ..checking.measures import measure_names
from ..model import Location, Problem, Project
from ..store.packed import AT, VALUE_FIELDS
from ..suggest import Suggestions
from ..typos import holes, same_elsewhere, typo_pairs

DIGITS = re.compile(r"\d")


def warnings(project: Project) -> list[Problem]:
    found = event_warnings(project) + measure_warnings(project) + text_warnings(project)
    return sorted(found, key=lambda p: (p.location.file, p.location.line, p.location.column))


def event_warnings(project: Project) -> list[Problem]:
    counts = project.event_counts()
    if not any(n == 1 for n in counts.values()) or len(counts) < 2:
        return []
    partners: dict[str, str] = {}
    for a, b in sorted(typo_pairs(counts)):
        if DIGITS.sub("", a) == DIGITS.sub("", b):
            continue  # raid-2015-11-16 and raid-2015-11-17 are two raids
        for alone, other in ((a, b), (b, a)):
            if counts[alone] == 1:
                partners.setdefault(alone, other)
    return [
        Problem(_first(project, AT.event, lambda e, event=event: e == event),
                f"event {event!r} is named by this claim only, and is a typo away from {other!r}: "
                "is it the same event?", "warning")
        for event, other in sorted(partners.items())
    ]


def measure_warnings(project: Project) -> list[Problem]:
    names = measure_names(project)
    sources: dict[str, set[str]] = {}
    for f in project.files:
        for written, by in f.index.measures.items():
            sources.setdefault(names(written), set()).update(by)
    alone = {m for m, by in sources.items() if len(by) == 1}
    if not alone or len(set().union(*sources.values())) < 2:
        return []  # one source in all: no other source's measure to look like
    found: dict[str, str] = {}
    for measure, other in _lookalikes(list(sources)):
        if measure in alone and sources[other] - sources[measure] and names.group_of(measure) != names.group_of(other):
            found.setdefault(measure, other)
    out = []
    for measure, other in sorted(found.items()):
        (source,) = sources[measure]
        where = _first(project, AT.measure, lambda written, m=measure: names(written) == m)
        label, other_label = names.label.get(measure, measure), names.label.get(other, other)
        out.append(Problem(where, f"measure {label!r} is stated by {source} only, and looks like {other_label!r}, "
                                  "which other sources state: if they are the same, declare one an alias of the other",
                           "warning"))
    return out


KIND, TEXT, NORM = (VALUE_FIELDS.index(name) for name in ("kind", "text", "norm"))
NEAR = 2  # "a letter or two": the edit distance at most between two texts worth a warning
PAIRWISE = 300  # distinct texts in a group compared pair by pair; beyond, through the typo index (one edit)


def text_warnings(project: Project) -> list[Problem]:
    """Texts of a measure with declared values that are none of them (with the value probably
    meant); and two undecided texts a letter or two apart that name the same numbers ("did you
    mean the same?"): a typo, or two ways of writing one thing, that only a declaration settles.
    Only files holding texts are looked into: a re-check of numbers unpacks nothing."""
    names = measure_names(project)
    declared = {key: dict(m.values) for key, m in project.measures.items() if m.values}
    suggest: dict[str, Suggestions] = {}  # by measure, made when a text first needs one
    groups: dict[tuple, dict[str, tuple]] = {}
    out = []
    for f in project.files:
        texts = {i for i, v in enumerate(f.values) if v[KIND] == "text"}
        for row in f.rows if texts else ():
            if row[AT.value] not in texts:
                continue
            value, measure = f.values[row[AT.value]], names(row[AT.measure])
            where = Location(f.path, row[AT.line], row[AT.column])
            if measure in declared and value[NORM] not in declared[measure]:
                if measure not in suggest:
                    suggest[measure] = Suggestions(sorted(set(declared[measure].values())))
                meant = suggest[measure].did_you_mean(value[TEXT].strip())
                out.append(Problem(where, f"{value[TEXT].strip()!r} is none of the values declared for measure "
                                          f"{names.label.get(measure, measure)!r}{meant}: it is compared as undeclared "
                                          "text", "warning"))
            said = groups.setdefault((row[AT.event], names.group_of(measure), row[AT.as_of]), {})
            said.setdefault(value[NORM], (where, value[TEXT].strip(), row[AT.id], row[AT.source], measure))
    for said in groups.values():
        if len(said) > 1:
            out += _near_texts(said, declared)
    return out


def _near_texts(said: dict[str, tuple], declared: dict[str, dict[str, str]]) -> list[Problem]:
    from rapidfuzz.distance import Levenshtein

    norms = sorted(said)
    if len(norms) <= PAIRWISE:
        pairs = [(a, b) for i, a in enumerate(norms) for b in norms[i + 1:]
                 if Levenshtein.distance(a, b, score_cutoff=NEAR) <= NEAR]
    else:
        pairs = sorted(typo_pairs(norms))
    out = []
    for a, b in pairs:
        (a_at, a_text, a_id, a_source, a_measure), (b_at, b_text, b_id, b_source, b_measure) = said[a], said[b]
        decided = a in declared.get(a_measure, {}) and b in declared.get(b_measure, {})
        if decided or a_source == b_source or DIGITS_RUN.findall(a) != DIGITS_RUN.findall(b):
            continue  # declared, one source's own wording, or other numbers: other things (Embraer 190, 195)
        (at, text, cid), (other, other_id, other_source) = ((b_at, b_text, b_id), (a_text, a_id, a_source)) \
            if (b_at.file, b_at.line) > (a_at.file, a_at.line) else ((a_at, a_text, a_id), (b_text, b_id, b_source))
        out.append(Problem(at, f"{text!r} ({cid}) and {other!r} ({other_id}, {other_source}) are a letter or two apart "
                               "and undecided: did you mean the same? declare one as a wording of the other in the "
                               "measure's values", "warning"))
    return out


DIGITS_RUN = re.compile(r"\d+")


def _lookalikes(measures: list[str]):
    """(name, other) both ways for names with the same words in another order, or with one
    word a typo away and the rest the same."""
    by_words: dict[tuple, list[str]] = {}
    by_hole: dict[tuple, dict[str, list[tuple[str, list[str]]]]] = {}
    for m in measures:
        words = m.split(" ")
        by_words.setdefault(tuple(sorted(words)), []).append(m)
        for key in holes(words):
            by_hole.setdefault(key, {}).setdefault(words[key[0]], []).append((m, words))
    for same in by_words.values():
        for a in same:
            for b in same:
                if a != b:
                    yield a, b
    for (i, _, _), by_word in by_hole.items():
        if len(by_word) < 2:
            continue
        for a_word, b_word in typo_pairs(by_word):
            if DIGITS.sub("", a_word) == DIGITS.sub("", b_word):
                continue  # other numbers: other measures (deaths in 2014, deaths in 2015)
            for a, a_words in by_word[a_word]:
                for b, b_words in by_word[b_word]:
                    if same_elsewhere(a_words, b_words, i):
                        yield a, b
                        yield b, a


def _first(project: Project, field: int, wanted) -> Location:
    """Where the first claim whose field is wanted stands."""
    for f in project.files:
        for row in f.rows:
            if wanted(row[field]):
                return Location(f.path, row[AT.line], row[AT.column])
    raise LookupError("no claim has it")  # not reached: the names come from the claims
