"""The plain data that flows from loading, through matching, to the output formats."""

from __future__ import annotations

import marshal
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from sys import intern
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file, 1-based, with the path as the user gave it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """Bad input: the run cannot go on, but every problem of the run is reported at once."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: error: {self.message}"


class InputError(Exception):
    """Raised with every problem found, so the CLI can print them all and exit 2."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems, key=lambda p: (p.location.file, p.location.line, p.location.column))


@dataclass(frozen=True, slots=True)
class Value:
    """A stated value, reduced to what can be compared.

    Numbers, dates and times are intervals on one line (numbers as themselves, dates as day
    ordinals, times as UTC seconds) so that one overlap test serves all three.
    """

    kind: str  # "number" | "boolean" | "date" | "time" | "text"
    text: str  # as written
    lo: float = 0.0
    hi: float = 0.0
    lo_open: bool = False
    hi_open: bool = False
    flag: bool = False  # booleans
    norm: str = ""  # text, normalised


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far apart two values of a measure may be and still agree."""

    amount: float = 0.0  # numbers: absolute
    percent: float = 0.0  # numbers: a fraction of the value (0.1 for "10%")
    seconds: float = 0.0  # times and dates: a duration


@dataclass(frozen=True, slots=True)
class Measure:
    """A declared measure: its name, what else it is called and how its values compare."""

    name: str  # normalised
    label: str  # as declared
    aliases: tuple[str, ...] = ()
    comparable: tuple[str, ...] = ()
    cumulative: bool = False
    tolerance: Tolerance = Tolerance()
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    kind: str = "other"
    url: str | None = None
    reliability: str | None = None
    relays: tuple[str, ...] = ()
    document: str | None = None  # path as the user would open it
    notes: str | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    source: str
    event: str
    measure: str  # as written
    value: Value
    location: Location
    as_of: str | None = None  # ISO date
    quote: str | None = None
    said_on: str | None = None
    url: str | None = None
    note: str | None = None
    quote_location: Location | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    event: str
    terms: tuple[str, ...]  # measures summed
    relation: str  # "equals" | "at_most" | "at_least"
    target: str  # the measure the sum is compared with
    location: Location


# A claim as loaded, before it is needed as a Claim: plain values only, so that a file's claims
# cross from a worker process, and into and out of the cache, at marshal's speed.
ROW = ("id", "source", "event", "measure", "value", "line", "column", "as_of", "quote", "said_on",
       "url", "note", "quote_line", "quote_column", "source_line", "source_column")
ID, SOURCE, EVENT, MEASURE = (ROW.index(name) for name in ("id", "source", "event", "measure"))
LINE, COLUMN, SOURCE_LINE, SOURCE_COLUMN = (ROW.index(name) for name in ("line", "column", "source_line", "source_column"))


@dataclass(slots=True)
class ClaimsFile:
    """What one claims file holds before it is checked against the rest of the project."""

    path: str
    values: list[tuple] = field(default_factory=list)  # the distinct values, as Value's fields
    measures: list[Measure] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    rule_refs: list[list[tuple[str, Location]]] = field(default_factory=list)  # measures each rule names
    problems: list[Problem] = field(default_factory=list)
    stray_sources: list[tuple[str, int, int]] = field(default_factory=list)  # sources named by claims with errors
    key: str = ""  # the digest of the file as read, when it went through the cache
    _rows: list[tuple] | None = field(default_factory=list, repr=False)
    _packed: bytes = field(default=b"", repr=False)  # the rows as marshal wrote them, until needed
    _index: FileIndex | None = field(default=None, repr=False)
    _value_index: dict = field(default_factory=dict, repr=False)

    @property
    def rows(self) -> list[tuple]:
        """One per claim, as ROW; "value" indexes `values`. A re-check that reuses cached results
        for a file never needs its rows, only its index: they are unpacked when first asked for."""
        if self._rows is None:
            self._rows, self._packed = marshal.loads(self._packed), b""
        return self._rows

    @property
    def index(self) -> FileIndex:
        """Made once the file has been read whole (for a worker's answer or the cache), or kept from there."""
        if self._index is None:
            rows = self.rows
            self._index = FileIndex([r[ID] for r in rows], {r[SOURCE] for r in rows}, {r[EVENT] for r in rows},
                                    Counter(map(itemgetter(MEASURE), rows)))
        return self._index

    def add(self, cid: str, source: str, event: str, measure: str, value: Value, at: Location,
            as_of, quote, said_on, url, note, quote_at: Location | None, source_at: Location) -> None:
        index = self._value_index.get(value)
        if index is None:
            index = self._value_index[value] = len(self.values)
            self.values.append((value.kind, value.text, value.lo, value.hi, value.lo_open, value.hi_open, value.flag, value.norm))
        # Names that recur are interned: marshal then stores and restores each once.
        source, event, measure = intern(source), intern(event), intern(measure)
        as_of, said_on = as_of and intern(as_of), said_on and intern(said_on)
        self.rows.append((cid, source, event, measure, index, at.line, at.column, as_of, quote, said_on, url, note,
                          quote_at.line if quote_at else 0, quote_at.column if quote_at else 0,
                          source_at.line, source_at.column))

    def claims(self) -> list[Claim]:
        path = self.path
        vals = [Value(*v) for v in self.values]
        return [
            Claim(cid, src, ev, m, vals[v], Location(path, line, col), as_of, quote, said_on, url, note,
                  Location(path, qline, qcol) if qline else None)
            for cid, src, ev, m, v, line, col, as_of, quote, said_on, url, note, qline, qcol, _, _ in self.rows
        ]

    def events(self) -> set[str]:
        return self.index.events | {rule.event for rule in self.rules}

    def to_data(self) -> tuple:
        """Plain values only (marshal's types): for worker processes and the cache."""
        ids, sources, events, measures = self.index
        return (
            self.path, marshal.dumps(self.rows), (ids, list(sources), list(events), dict(measures)), self.values,
            [(m.name, m.label, m.aliases, m.comparable, m.cumulative, _tol(m.tolerance), *_pos(m.location)) for m in self.measures],
            [(r.name, r.event, r.terms, r.relation, r.target, *_pos(r.location)) for r in self.rules],
            [[(name, *_pos(at)) for name, at in refs] for refs in self.rule_refs],
            [(p.location.file, *_pos(p.location), p.message) for p in self.problems],
            self.stray_sources,
        )

    @classmethod
    def from_data(cls, data: tuple, key: str = "") -> ClaimsFile:
        path, packed, (ids, sources, events, counts), vals, measures, rules, rule_refs, problems, stray_sources = data
        at = lambda line, col: Location(path, line, col)  # noqa: E731
        return cls(
            path, vals,
            [Measure(n, label, tuple(a), tuple(c), cum, Tolerance(*tol), at(line, col))
             for n, label, a, c, cum, tol, line, col in measures],
            [Rule(n, ev, tuple(terms), rel, target, at(line, col)) for n, ev, terms, rel, target, line, col in rules],
            [[(name, at(line, col)) for name, line, col in refs] for refs in rule_refs],
            [Problem(Location(file, line, col), message) for file, line, col, message in problems],
            [tuple(s) for s in stray_sources],
            key,
            _rows=None, _packed=packed, _index=FileIndex(ids, set(sources), set(events), Counter(counts)),
        )


class FileIndex(NamedTuple):
    """What checks that span files need to know of a file's claims, without its rows."""

    ids: list[str]
    sources: set[str]
    events: set[str]  # of its claims (rules name theirs)
    measures: Counter[str]  # each measure name as written, with how many claims use it


def _pos(loc: Location) -> tuple[int, int]:
    return loc.line, loc.column


def _tol(t: Tolerance) -> tuple[float, float, float]:
    return t.amount, t.percent, t.seconds


@dataclass
class Project:
    sources: dict[str, Source] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)  # by normalised name
    rules: list[Rule] = field(default_factory=list)
    files: list[ClaimsFile] = field(default_factory=list)  # the claims as loaded, file by file
    _claims: list[Claim] | None = field(default=None, repr=False)

    @property
    def claims(self) -> list[Claim]:
        """Every claim, in file order; built when first asked for, since a run that reuses
        cached results for most of the project never needs most of them."""
        if self._claims is None:
            self._claims = [c for f in self.files for c in f.claims()]
        return self._claims

    def measure_counts(self) -> Counter[str]:
        """Every measure name as written, with how many claims use it."""
        counts: Counter[str] = Counter()
        for f in self.files:
            counts.update(f.index.measures)
        return counts

    def part(self, files: list[ClaimsFile]) -> Project:
        """The project narrowed to some files' claims and their events' rules."""
        events = set().union(*(f.events() for f in files))
        return Project(self.sources, self.measures, [r for r in self.rules if r.event in events], files)


VERDICTS = ("confirmed", "contradicted", "unaddressed")


@dataclass(slots=True)
class Verdict:
    claim: Claim
    measure: str  # the canonical measure it was compared under
    verdict: str = "unaddressed"
    confirmed_by: list[str] = field(default_factory=list)
    contradicted_by: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something worth a reader's attention that is not a verdict on one claim."""

    kind: str  # "self-contradiction" | "shrinking-tally" | "not-comparable" | "rule" | "quote"
    message: str
    claims: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Merge:
    """A measure name that was taken for another by spelling similarity."""

    name: str
    into: str
    score: float
    claims: int


@dataclass(slots=True)
class Report:
    project: Project
    verdicts: list[Verdict]
    findings: list[Finding]
    merges: list[Merge]
    resolver: object = None  # measures.Resolver: how measure names were grouped

    def summary(self) -> dict[str, int]:
        counts = {"claims": len(self.verdicts)} | {v: 0 for v in VERDICTS}
        for v in self.verdicts:
            counts[v.verdict] += 1
        counts["findings"] = len(self.findings)
        return counts
