"""Claims files written as YAML by factcheck itself (`import`, `extract`): as people write them,
block style, one field a line, each scalar plain where YAML reads it back as the same text
and double-quoted otherwise, so that what is read back is exactly what was meant.

The writer knows where it put each field: problems the loader finds in the text are placed
back where the field came from (a spreadsheet's cell, an article's sentence).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

# Plain scalars of this shape need no quotes (no ': ', ' #', leading indicator or trailing
# space); the resolver then says whether YAML would read them as text (not `yes`, `12`, `null`).
PLAIN = re.compile(r"[^\W_][\w .,;()/'’%+–—-]*(?<! )")
STR = "tag:yaml.org,2002:str"
CLAIM_START = "\n  - "  # how each claim of a file written here begins
_RESOLVER = Resolver()
# JSON's string escapes are YAML's; these characters YAML refuses raw, or reads as line breaks.
NOT_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


class Quoted(str):
    """Text written double-quoted whatever it holds: a quote, the source's exact words, is
    never folded or re-read as anything else."""


@lru_cache(maxsize=1 << 16, typed=True)  # typed: a Quoted is no str; sheets repeat their sources, events, measures and values
def scalar(value: str | bool | int | float) -> str:
    if isinstance(value, Quoted):
        return _double_quoted(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if PLAIN.fullmatch(value) and _RESOLVER.resolve(ScalarNode, value, (True, False)) == STR:
        return value
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    return NOT_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


@dataclass
class ClaimsText:
    """A claims file being written: its lines, and for each the claim and field it holds."""

    lines: list[str] = field(default_factory=list)
    fields: list[tuple[int, str] | None] = field(default_factory=list)  # by line - 1

    def add(self, line: str, where: tuple[int, str] | None = None) -> None:
        self.lines.append(line)
        self.fields.append(where)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def at(self, line: int) -> tuple[int, str] | None:
        """The claim (its index) and field written on a line (1-based), if any."""
        return self.fields[line - 1] if 0 < line <= len(self.fields) else None


def claims_file(comments: list[str], event: str | None, claims: list[dict], tail: list[str] = ()) -> ClaimsText:
    """A claims file of the claims (field → str, bool, a mapping of those, or a list of str),
    with `event:` at the top when all share it, after the comment lines; `tail`: comment lines
    after the claims."""
    out = ClaimsText()
    for comment in comments:
        out.add(f"# {comment}" if comment else "#")
    if event is not None:
        out.add(f"event: {scalar(event)}", (0, "event"))
    out.add("claims:" if claims else "claims: []")
    for i, claim in enumerate(claims):
        lead = "  - "
        for name, value in claim.items():
            where = (i, name)
            if isinstance(value, dict):
                out.add(f"{lead}{name}:", where)
                for key, item in value.items():
                    out.add(f"      {key}: {scalar(item)}", where)
            elif isinstance(value, list):
                out.add(f"{lead}{name}:", where)
                for item in value:
                    out.add(f"      - {scalar(item)}", where)
            else:
                out.add(f"{lead}{name}: {scalar(value)}", where)
            lead = "    "
    for comment in tail:
        out.add(f"# {comment}" if comment else "#")
    return out
