"""One YAML file's bytes → positioned nodes, safely; or the problem with it, where it is.

Files are composed, never constructed: libyaml builds the node tree and nodes.py reads only
the nodes the format expects, so no tag is ever acted on, an alias costs what its reference
costs, and every value keeps its line and column.
"""

from __future__ import annotations

import os

import yaml
from yaml.events import CollectionEndEvent, CollectionStartEvent
from yaml.nodes import Node, ScalarNode, SequenceNode

from ..confined import MAX_YAML_BYTES, Refused, read_bytes
from ..model import Location, Problem

STD = "tag:yaml.org,2002:"
SCALAR_TAGS = {STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
# Plain scalars whose YAML type matters here; numbers, dates and times are told apart by
# values.py from their text, so the resolver's regular expressions are not needed.
TRUE_WORDS = frozenset("yes Yes YES true True TRUE on On ON".split())
PLAIN = {w: STD + "bool" for w in [*TRUE_WORDS, *"no No NO false False FALSE off Off OFF".split()]}
PLAIN |= {w: STD + "null" for w in ("", "~", "null", "Null", "NULL")} | {"<<": STD + "merge"}


class TagResolver(yaml.resolver.BaseResolver):
    """Tags only what this format needs (str, bool, null, merge), far faster than the full resolver."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return PLAIN.get(value, STD + "str") if implicit[0] else STD + "str"
        return STD + "seq" if kind is SequenceNode else STD + "map"


MAX_DEPTH = 1000  # libyaml's own limit since 0.2.6; claims and sources nest four levels at most

try:  # libyaml, where installed
    from yaml._yaml import get_version
    from yaml.cyaml import CParser

    READER_COUNTS_BYTES = True  # libyaml places a bad character by its byte in the UTF-8 text
    # PyYAML composes libyaml's events recursively in C: before libyaml 0.2.6 capped the
    # depth, a file nested some 100,000 levels deep crashed the process (a segmentation fault).
    DEPTH_CAPPED = get_version() >= (0, 2, 6)

    class Loader(CParser, TagResolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            TagResolver.__init__(self)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    READER_COUNTS_BYTES = False
    DEPTH_CAPPED = False

    class Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, TagResolver):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            TagResolver.__init__(self)
ODD_BREAKS = ("\x85", "\u2028", "\u2029")


def read_text(path: str, limit: int = MAX_YAML_BYTES, expected: str = "claims and sources are UTF-8 YAML",
              save: str = "save the file as UTF-8") -> tuple[str | None, list[Problem]]:
    """The file's text, decoded as UTF-8 (a byte-order mark is fine), or why it cannot be read:
    `expected` says what the file should be, `save` how to mend it."""
    try:
        data = read_bytes(path, limit)
    except Refused as e:
        return None, [Problem(Location(path, 1, 1), str(e))]
    if b"\0" in data:
        line, col = position(data, data.index(b"\0"))
        return None, [Problem(Location(path, line, col), f"binary file: a NUL byte is not text; {expected}")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line, col = position(data, e.start)
        return None, [Problem(Location(path, line, col), f"not UTF-8: byte 0x{data[e.start]:02x} cannot be decoded; {save}")]


def position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def compose(shown: str, text: str) -> tuple[Node | None, list[Problem]]:
    """The document's root node (None for an empty one), or the syntax error where it is."""
    try:
        too_deep = None if DEPTH_CAPPED else deeper_than_allowed(text)
        if too_deep:
            return None, [Problem(Location(shown, *at_index(text, too_deep.index)), TOO_DEEP)]
        return yaml.compose(text, Loader=Loader), []
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(shown, *at_index(text, mark.index)) if mark else Location(shown, 1, 1)
        message = e.problem or "invalid YAML"
        if message == "exceeded maximum nesting depth":  # libyaml's own limit, worded as ours
            return None, [Problem(where, TOO_DEEP)]
        if e.context and e.context_mark and e.context_mark is not mark:
            message += f" ({e.context} at line {e.context_mark.line + 1}, column {e.context_mark.column + 1})"
        hint = next((h for problem, h in HINTS.items() if problem in message), "")
        return None, [Problem(where, f"invalid YAML: {message}{hint}")]
    except yaml.YAMLError as e:  # reader errors: control characters and the like
        line, col = 1, 1
        if getattr(e, "position", None) is not None:
            index = e.position
            if READER_COUNTS_BYTES:
                index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
            line, col = at_index(text, index)
        return None, [Problem(Location(shown, line, col), f"invalid YAML: {getattr(e, 'reason', None) or e}")]
    except RecursionError:  # pragma: no cover - the pure-Python composer, deep below MAX_DEPTH
        return None, [Problem(Location(shown, 1, 1), TOO_DEEP)]


TOO_DEEP = f"invalid YAML: nested more than {MAX_DEPTH} levels deep; claims and sources never nest this deep"


def deeper_than_allowed(text: str) -> yaml.Mark | None:
    """Where nesting first goes deeper than MAX_DEPTH, found from libyaml's flat stream of
    events, which no depth can crash. Only for a libyaml too old to stop there itself."""
    if len(text) <= MAX_DEPTH:  # every level takes at least one character
        return None
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


# libyaml's words for the mistakes people make most, and what to do about them.
HINTS = {
    "found a tab character": "; indent with spaces: YAML does not allow tabs there",
    "expected '-' indicator": "; check the indentation: the fields of one claim line up under each other",
    "did not find expected key": "; check the indentation: the fields of one claim line up under each other",
    "mapping values are not allowed here": "; a value holding ': ' needs quotes around it",
    "found character that cannot start any token": "; a value starting with this character needs quotes around it",
    "found undefined alias": "; '*' starts an alias in YAML: put quotes around a value starting with '*'",
    "did not find expected ',' or '}'": "; close the '{', or put a comma between two fields",
    "did not find expected ',' or ']'": "; close the '[', or put a comma between two items",
}


def at_index(text: str, index: int) -> tuple[int, int]:
    """Line and column of a character, counting lines as editors do, by "\n" alone."""
    index = min(index, len(text))
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def line_starts(text: str) -> list[int] | None:
    """Where each line starts, when libyaml would count lines differently from an editor:
    YAML also breaks lines at NEL, LS, PS and a lone CR. None (the usual case) when it would not."""
    if not any(c in text for c in ODD_BREAKS) and text.count("\r") == text.count("\r\n"):
        return None
    starts = [0]
    start = text.find("\n")
    while start != -1:
        starts.append(start + 1)
        start = text.find("\n", start + 1)
    return starts


def yaml_files(folder: str) -> list[str]:
    """Every *.yaml and *.yml below a folder, sorted, with paths as the user named the folder."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # caches, VCS folders
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                found.append(os.path.normpath(os.path.join(root, name)))
    return found
