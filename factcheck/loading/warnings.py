"""Warnings (docs/format.md, "Exit codes and messages"): what is valid but probably not meant.

- an event named by one claim only, spelt nearly like another event (not merely with other
  digits, as events of other dates are): a typo that leaves the claim alone, unaddressed;
- a measure stated by one source only, spelt nearly like a measure other sources state, and
  not merged with it: the claims will never meet.

Names look alike when they hold the same words in another order (`civilians killed`, `killed
civilians`), or words that differ by a typo or two (`civillian deths`); never when a word
differs outright or is added (`air strikes in iraq`, `air strikes in syria`, `air strikes
total`), which is how measures are meant to differ.
"""

from __future__ import annotations

import re

from ..checking.measures import measure_names
from ..incremental.packed import COLUMN, EVENT, LINE, MEASURE
from ..model import Location, Problem, Project

DIGITS = re.compile(r"\d")
SIMILAR = 85  # rapidfuzz token-set ratio (0-100) from which two names are worth a closer look
TYPO = 2  # edits within one word that still make it the same word
TYPO_MIN_LENGTH = 5  # shorter words are too often other words


def warnings(project: Project) -> list[Problem]:
    return event_warnings(project) + measure_warnings(project)


def event_warnings(project: Project) -> list[Problem]:
    counts = project.event_counts()
    alone = [event for event, n in counts.items() if n == 1]
    if not alone or len(counts) < 2:
        return []
    out = []
    for event, other, score in _lookalikes(alone, list(counts), _alike_slugs):
        where = _first(project, EVENT, lambda e: e == event)
        out.append(Problem(where, f"event {event!r} is named by this claim only, and looks like {other!r} "
                                  f"({score:.0f}% alike): is it a typo?", "warning"))
    return out


def measure_warnings(project: Project) -> list[Problem]:
    names = measure_names(project)
    sources: dict[str, set[str]] = {}
    for f in project.files:
        for written, by in f.index.measures.items():
            sources.setdefault(names(written), set()).update(by)
    # Alike names have as many words: each is looked for among those only.
    by_length: dict[int, list[str]] = {}
    for m in sources:
        by_length.setdefault(len(_words(m)), []).append(m)
    alone = [m for m, by in sources.items() if len(by) == 1 and len(by_length[len(_words(m))]) > 1]
    if not alone:
        return []
    out = []
    stated_by_others = lambda m, o: bool(sources[o] - sources[m]) and _alike_names(m, o)  # noqa: E731
    found = (hit for m in alone for hit in _lookalikes([m], by_length[len(_words(m))], stated_by_others))
    for measure, other, score in found:
        if names.group_of(measure) != names.group_of(other):
            (source,) = sources[measure]
            where = _first(project, MEASURE, lambda written: names(written) == measure)
            label, other_label = names.label.get(measure, measure), names.label.get(other, other)
            out.append(Problem(where, f"measure {label!r} is stated by {source} only, and looks like {other_label!r} "
                                      f"({score:.0f}% alike), which other sources state: if they are the same, "
                                      f"declare one an alias of the other", "warning"))
    return out


def _lookalikes(names: list[str], among: list[str], alike):
    """(name, the most alike other name, score) for each name with one alike enough."""
    from rapidfuzz import fuzz, process  # imported only when there is something to compare

    for name in names:
        hits = process.extract(name, among, scorer=fuzz.token_set_ratio, score_cutoff=SIMILAR, limit=8)
        other = next(((o, score) for o, score, _ in hits if o != name and alike(name, o)), None)
        if other:
            yield name, other[0], other[1]


def _alike_slugs(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return DIGITS.sub("", a) != DIGITS.sub("", b) and fuzz.ratio(a, b) >= SIMILAR


def _words(name: str) -> list[str]:
    return name.replace("-", " ").split()


def _alike_names(a: str, b: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    wa, wb = _words(a), _words(b)
    if len(wa) != len(wb):
        return False
    if sorted(wa) == sorted(wb):
        return True
    return all(x == y or (min(len(x), len(y)) >= TYPO_MIN_LENGTH and Levenshtein.distance(x, y) <= TYPO)
               for x, y in zip(wa, wb))


def _first(project: Project, field: int, wanted) -> Location:
    """Where the first claim whose field is wanted stands."""
    for f in project.files:
        for row in f.rows:
            if wanted(row[field]):
                return Location(f.path, row[LINE], row[COLUMN])
    raise LookupError("no claim has it")  # not reached: the names come from the claims
