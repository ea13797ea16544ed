"""The domain's plain data, as it flows from loading, through checking, to the output formats."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checking.measures import MeasureNames
    # a project is loaded file by file; how a file keeps its claims is incremental's business
    from .incremental.packed import ClaimsFile

INF = math.inf  # the open end of "more than 8,000"


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
SUMMARY = ("claims", *VERDICTS, "findings")  # the report's summary, in its order


def summary(verdicts: list[Verdict], findings: list[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SUMMARY, 0) | {"claims": len(verdicts), "findings": len(findings)}
    for v in verdicts:
        counts[v.verdict] += 1
    return counts


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
    names: MeasureNames | None = None  # how measure names were grouped

    def summary(self) -> dict[str, int]:
        return summary(self.verdicts, self.findings)
