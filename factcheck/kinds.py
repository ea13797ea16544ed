"""Every kind of result a report holds, declared once, as yamllint declares its rules: the
verdicts that are reported as results and each kind of finding, each with the name reports give
it, its SARIF rule and description, how urgently annotations show it, and its section of
docs/format.md. Every format reads them from here; `get` fails clearly on a name it does not know.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # as reports and the JSON report give it
    rule_id: str  # its SARIF rule
    description: str
    rank: int  # how urgently annotations show it: the lowest first
    anchor: str  # its section of docs/format.md
    verdict: bool = False  # a verdict on a claim, not a finding


KINDS = {kind.name: kind for kind in (
    Kind("contradicted", "ContradictedClaim", "A claim another source's current claim is not consistent with.", 0,
         "#verdicts", verdict=True),
    Kind("unaddressed", "UnaddressedClaim", "A claim no independent source's current claim supports.", 3,
         "#verdicts", verdict=True),
    Kind("rule", "BrokenRule", "A consistency rule a source's figures prove broken.", 1, "#consistency-rules"),
    Kind("quote", "QuoteNotFound", "A quote not found in its source's document.", 2, "#sources"),
    Kind("self-contradiction", "SelfContradiction", "One source's claims that cannot all be true, unordered by said_on.",
         2, "#a-sources-current-word"),
    Kind("revision", "Revision", "A source's later claim not consistent with the one it supersedes.", 2,
         "#a-sources-current-word"),
    Kind("shrinking", "ShrinkingTally", "A cumulative tally lower than an earlier one of the same source.", 2, "#findings"),
    Kind("not-comparable", "NotComparable", "A claim whose value is of another kind than its group's.", 2, "#findings"),
)}
FINDINGS = tuple(name for name, kind in KINDS.items() if not kind.verdict)


class UnknownKind(LookupError):
    pass


def get(name: str) -> Kind:
    """The kind called `name`; UnknownKind, naming the kinds there are, for any other name."""
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(f"no verdict or finding is called {name!r}: the kinds are {', '.join(KINDS)}") from None
