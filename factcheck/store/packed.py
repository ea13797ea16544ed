"""One claims file as loaded, kept compact: its claims as rows of plain values.

A claim crosses from a worker process, and into and out of the cache, as a row: a tuple of
marshal's types, with repeated names interned so that marshal stores each once. Rows become
`Claim`s only for the parts of a project that are checked; a re-check that reuses a file's
cached results reads only its `FileIndex`.
"""

from __future__ import annotations

import marshal
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import itemgetter
from sys import intern
from typing import NamedTuple

from ..model import (
    Claim,
    Event,
    FileIndex,
    Location,
    Measure,
    Problem,
    Rule,
    Tolerance,
    Value,
)


class Row(NamedTuple):
    """One claim, as a file's rows keep it. Rows cross to and from workers and the cache as
    plain tuples (marshal takes no subclass): code that reads them by position uses `AT`."""

    id: str
    source: str
    event: str
    measure: str
    value: int  # the index of its value in the file's table of distinct values
    line: int
    column: int
    as_of: str | None
    quote: str | None
    said_on: str | None
    url: str | None
    note: str | None
    quote_line: int  # 0: no quote
    quote_column: int
    source_line: int
    source_column: int
    via: tuple[str, ...]
    review: tuple[str | None, str | None, str | None] | None  # the claim's own: url, published, author


AT = Row(*range(len(Row._fields)))  # each field's position: row[AT.source]
NO_REVIEW = (None, None, None)
VALUE_FIELDS = tuple(f.name for f in fields(Value))  # a value is packed in its fields' order: Value(*packed)


@dataclass(slots=True)
class ClaimsFile:
    """What one claims file holds before it is checked against the rest of the project."""

    path: str
    values: list[tuple] = field(default_factory=list)  # the distinct values, packed
    measures: list[Measure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # as its `events:` describes them
    rules: list[Rule] = field(default_factory=list)
    rule_refs: list[list[tuple[str, Location]]] = field(default_factory=list)  # measures each rule names
    problems: list[Problem] = field(default_factory=list)
    # sources named where no row keeps their place (in `via`, by claims with errors), to check once sources are known
    other_sources: list[tuple[str, int, int]] = field(default_factory=list)
    key: str = ""  # the cache's key of the file as read, when it went through the cache
    _rows: list[tuple] | None = field(default_factory=list, repr=False)
    _packed: bytes | memoryview = field(default=b"", repr=False)  # the rows as marshal wrote them, until needed
    _index: FileIndex | None = field(default=None, repr=False)
    _value_index: dict = field(default_factory=dict, repr=False)

    @property
    def rows(self) -> list[tuple]:
        """One per claim, laid out as `Row`. Unpacked when first asked for: a re-check that reuses cached
        results for a file never needs its rows, only its index."""
        if self._rows is None:
            self._rows, self._packed = marshal.loads(self._packed), b""
        return self._rows

    @property
    def index(self) -> FileIndex:
        """Made once the file has been read whole, or kept from the worker or cache that read it."""
        if self._index is None:
            rows = self.rows
            measures: dict[str, dict[str, int]] = {}
            for r in rows:
                by = measures.setdefault(r[AT.measure], {})
                by[r[AT.source]] = by.get(r[AT.source], 0) + 1
            self._index = FileIndex(set(map(itemgetter(AT.id), rows)), len(rows), set(map(itemgetter(AT.source), rows)),
                                    Counter(map(itemgetter(AT.event), rows)), measures)
        return self._index

    def add(self, *, id: str, source: str, event: str, measure: str, value: Value, at: Location,
            as_of: str | None, quote: str | None, said_on: str | None, url: str | None, note: str | None,
            quote_at: Location | None, source_at: Location, via: tuple[str, ...],
            review: tuple[str | None, str | None, str | None] | None = None) -> None:
        """One claim, as the loader read it (by keyword: the fields are many and alike)."""
        index = self._value_index.get(value)
        if index is None:
            index = self._value_index[value] = len(self.values)
            self.values.append(tuple(getattr(value, name) for name in VALUE_FIELDS))
        # Names that recur are interned: marshal then stores and restores each once.
        source, event, measure = intern(source), intern(event), intern(measure)
        as_of, said_on = as_of and intern(as_of), said_on and intern(said_on)
        self.rows.append(Row(id, source, event, measure, index, at.line, at.column, as_of, quote, said_on, url, note,
                             quote_at.line if quote_at else 0, quote_at.column if quote_at else 0,
                             source_at.line, source_at.column, via, review))

    def claims(self) -> list[Claim]:
        path = self.path
        vals = [Value(*v) for v in self.values]
        return [
            Claim(r.id, r.source, r.event, r.measure, vals[r.value], Location(path, r.line, r.column), r.as_of, r.quote,
                  r.said_on, r.url, r.note, Location(path, r.quote_line, r.quote_column) if r.quote_line else None,
                  r.via, *(r.review or NO_REVIEW))
            for r in map(Row._make, self.rows)
        ]

    def map_values(self, change: Callable[[Value], Value]) -> None:
        """Each distinct value replaced by change(value): for what is known only once every file is read."""
        self.values = [tuple(getattr(change(Value(*v)), name) for name in VALUE_FIELDS) for v in self.values]

    def event_names(self) -> set[str]:
        return set(self.index.events) | {rule.event for rule in self.rules}

    def to_data(self) -> tuple:
        """Plain values only (marshal's types): for worker processes and the cache."""
        ids, claims, sources, events, measures = self.index
        # rows never unpacked (from a worker) are passed on as they came
        packed = self._packed if self._rows is None else marshal.dumps(list(map(tuple, self._rows)))
        return (
            self.path, packed, (ids, claims, list(sources), dict(events), measures), self.values,
            [(m.name, m.label, m.aliases, m.comparable, m.cumulative, _tolerance(m.tolerance), *_at(m.location),
              m.written_aliases, m.values) for m in self.measures],
            [(e.id, e.title, e.date, e.place, e.review_url, e.review_published, e.review_author, *_at(e.location))
             for e in self.events],
            [(r.name, r.event, r.terms, r.relation, r.target, *_at(r.location), *_at(r.event_location)) for r in self.rules],
            [[(name, *_at(at)) for name, at in refs] for refs in self.rule_refs],
            [(p.location.file, *_at(p.location), p.message) for p in self.problems],
            self.other_sources,
        )

    @classmethod
    def from_data(cls, data: tuple, key: str = "") -> ClaimsFile:
        path, packed, (ids, claims, sources, events, by_measure), vals, measures, described, rules, rule_refs, problems, \
            other_sources = data
        at = lambda line, col: Location(path, line, col) if line else None  # noqa: E731
        return cls(
            path, vals,
            [Measure(n, label, tuple(a), tuple(c), cum, Tolerance(*tol), at(line, col), tuple(w), tuple(map(tuple, vs)))
             for n, label, a, c, cum, tol, line, col, w, vs in measures],
            [Event(*fields, at(line, col)) for *fields, line, col in described],
            [Rule(n, ev, tuple(terms), rel, target, at(line, col), at(eline, ecol))
             for n, ev, terms, rel, target, line, col, eline, ecol in rules],
            [[(name, at(line, col)) for name, line, col in refs] for refs in rule_refs],
            [Problem(Location(file, line, col), message) for file, line, col, message in problems],
            [tuple(s) for s in other_sources],
            key,
            _rows=None, _packed=packed, _index=FileIndex(ids, claims, set(sources), Counter(events), by_measure),
        )


def _at(loc: Location | None) -> tuple[int, int]:
    return (loc.line, loc.column) if loc else (0, 0)


def _tolerance(t: Tolerance) -> tuple:
    return tuple(getattr(t, f.name) for f in fields(Tolerance))  # Tolerance(*packed)
