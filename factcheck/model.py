"""The domain's plain data, as it flows from loading, through checking, to the output formats."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from .show import fmt

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
    """Bad input ("error": the run cannot go on, but every problem of the run is reported at
    once), or input that is valid but probably not meant ("warning")."""

    location: Location
    message: str
    level: str = "error"

    def __str__(self) -> str:
        from .inert import inert  # a message may quote anything the files hold

        return inert(f"{self.location}: {self.level}: {self.message}")


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


def describe(v: Value) -> str:
    """An interval in the compact form the rules' arithmetic shows: '5,321', '≥2,804', '20–30'."""
    if v.kind != "number":
        return v.text
    if v.lo == v.hi:
        return fmt(v.lo)
    if v.hi == INF:
        return (">" if v.lo_open else "≥") + fmt(v.lo)
    if v.lo == -INF:
        return ("<" if v.hi_open else "≤") + fmt(v.hi)
    return f"{fmt(v.lo)}–{fmt(v.hi)}"


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
    written_aliases: tuple[str, ...] = ()  # the aliases as declared, for messages
    values: tuple[tuple[str, str], ...] = ()  # a text measure's answers: (normalised wording, the value as declared)

    def spelling(self, name: str) -> str:
        """How the declaration wrote one of its names (normalised): the label, or an alias."""
        if name == self.name:
            return self.label
        return next((w for a, w in zip(self.aliases, self.written_aliases) if a == name), name)


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
    relay_locations: tuple[Location, ...] = ()  # where each of `relays` is named


@dataclass(frozen=True, slots=True)
class Event:
    """What a claim is about, as a claims file's `events:` describes it."""

    id: str
    title: str | None = None
    date: str | None = None  # ISO date
    place: str | None = None
    review_url: str | None = None  # the published fact-check of the event
    review_published: str | None = None  # ISO date
    review_author: str | None = None
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
    via: tuple[str, ...] = ()  # the sources this one claim came through
    review_url: str | None = None  # this claim's own published fact-check, in place of its event's
    review_published: str | None = None  # ISO date
    review_author: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    event: str
    terms: tuple[str, ...]  # measures summed
    relation: str  # "equals" | "at_most" | "at_least"
    target: str  # the measure the sum is compared with
    location: Location
    event_location: Location | None = None  # where the rule names its event, if it does


@dataclass(frozen=True, slots=True)
class Rating:
    """What a verdict is published as (a ClaimReview's reviewRating)."""

    name: str
    value: int


@dataclass(frozen=True, slots=True)
class Settings:
    """factcheck.yaml: the project's own settings (docs/format.md, "Project settings")."""

    publisher_name: str | None = None
    publisher_url: str | None = None
    ratings: tuple[tuple[str, Rating], ...] = ()  # by verdict
    vague: tuple[tuple[str, tuple[float, float]], ...] = ()  # vague word → its range, overriding the documented one


class FileIndex(NamedTuple):
    """What checks that span files need to know of a file's claims, without its rows."""

    ids: set[str]  # a set already when read back: the checks that span files join them without hashing again
    claims: int
    sources: set[str]
    events: Counter[str]  # of its claims (rules name theirs), with how many claims name each
    measures: dict[str, dict[str, int]]  # each measure name as written: the sources stating it, with how many claims each


class ClaimsOfFile(Protocol):
    """One claims file as loaded: what a project needs of it. How it keeps its claims until
    they are asked for is the store's business (store/packed.py)."""

    path: str
    rules: list[Rule]

    @property
    def index(self) -> FileIndex: ...

    def claims(self) -> list[Claim]: ...

    def event_names(self) -> set[str]: ...


@dataclass
class Project:
    sources: dict[str, Source] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)  # by normalised name
    rules: list[Rule] = field(default_factory=list)
    files: list[ClaimsOfFile] = field(default_factory=list)  # the claims as loaded, file by file
    events: dict[str, Event] = field(default_factory=dict)  # the events described, by slug
    settings: Settings = Settings()
    warnings: list[Problem] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)  # every file read, links resolved: never to be written
    derived: dict = field(default_factory=dict, repr=False)  # worked out from the rest once, by whoever needs it first
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
            for name, sources in f.index.measures.items():
                counts[name] += sum(sources.values())
        return counts

    def event_counts(self) -> Counter[str]:
        """Every event claims name, with how many claims name it (worked out once)."""
        if "event counts" not in self.derived:
            counts: Counter[str] = Counter()
            for f in self.files:
                dict.update(counts, f.index.events)  # at C speed: most events are named in one file only
            if len(counts) < sum(len(f.index.events) for f in self.files):  # some are named in several: add up
                counts = Counter()
                for f in self.files:
                    counts.update(f.index.events)
            self.derived["event counts"] = counts
        return self.derived["event counts"]

    def part(self, files: list[ClaimsOfFile]) -> Project:
        """The project narrowed to some files' claims and their events' rules."""
        events = set().union(*(f.event_names() for f in files))
        return Project(self.sources, self.measures, [r for r in self.rules if r.event in events], files,
                       self.events, self.settings)


VERDICTS = ("confirmed", "contradicted", "unaddressed")
SUMMARY = ("claims", *VERDICTS, "findings")  # the report's summary, in its order
STATUSES = ("conflict", "agree", "consistent", "undecided", "not-comparable", "only-a", "only-b")  # of a diff's rows


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
    consistent_with: list[str] = field(default_factory=list)  # consistent, but saying less than the claim
    undecided_with: list[str] = field(default_factory=list)  # other texts, neither the same nor contradicting
    superseded_by: str | None = None  # the same source's later word on it
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something worth a reader's attention that is not a verdict on one claim."""

    kind: str  # one of kinds.FINDINGS
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
