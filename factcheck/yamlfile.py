"""Reading one YAML file safely into positioned nodes, and reading those nodes with checks.

Files are composed, never constructed: libyaml builds the node tree and this module reads
only the nodes the format expects, so no tag is ever acted on, an alias costs what its
reference costs, and every value keeps its line and column.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from difflib import get_close_matches

import yaml
from yaml.events import CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import Location, Problem

STD = "tag:yaml.org,2002:"
SCALAR_TAGS = {STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
# Plain scalars whose YAML type matters here; numbers, dates and times are told apart by
# values.py from their text, so the resolver's regular expressions are not needed.
PLAIN = {w: STD + "bool" for w in "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF".split()}
PLAIN |= {w: STD + "null" for w in ("", "~", "null", "Null", "NULL")} | {"<<": STD + "merge"}


class Resolver(yaml.resolver.BaseResolver):
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

    class Loader(CParser, Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            Resolver.__init__(self)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    READER_COUNTS_BYTES = False
    DEPTH_CAPPED = False

    class Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, Resolver):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            Resolver.__init__(self)
ODD_BREAKS = ("\x85", "\u2028", "\u2029")
TYPE_NAMES = {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a single value"}


def read_text(path: str) -> tuple[str | None, list[Problem]]:
    """The file's text, decoded as UTF-8 (a byte-order mark is fine), or why it cannot be read."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return None, [Problem(Location(path, 1, 1), f"cannot read file: {e.strerror or e}")]
    if b"\0" in data:
        line, col = position(data, data.index(b"\0"))
        return None, [Problem(Location(path, line, col), "binary file: a NUL byte is not text; claims and sources are UTF-8 YAML")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line, col = position(data, e.start)
        return None, [Problem(Location(path, line, col), f"not UTF-8: byte 0x{data[e.start]:02x} cannot be decoded; save the file as UTF-8")]


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


def type_name(node: Node) -> str:
    if isinstance(node, ScalarNode) and node.tag == STD + "null":
        return "empty"
    return TYPE_NAMES.get(type(node), "a value")


def did_you_mean(word: str, choices) -> str:
    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Reader:
    """Reads the nodes of one file, collecting a Problem for everything that is wrong."""

    __slots__ = ("path", "problems", "starts")

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.starts: list[int] | None = None  # see line_starts

    def loc(self, node: Node) -> Location:
        return self.at(node.start_mark)

    def at(self, mark) -> Location:
        if self.starts is None:
            return Location(self.path, mark.line + 1, mark.column + 1)
        line = bisect_right(self.starts, mark.index)
        return Location(self.path, line, mark.index - self.starts[line - 1] + 1)

    def error(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.loc(node), message))

    def expect(self, node: Node, cls: type, what: str) -> bool:
        if self.tag_ok(node) and isinstance(node, cls) and not (cls is ScalarNode and node.tag == STD + "null"):
            return True
        if self.tag_ok(node, report=False):
            found = type_name(node)
            self.error(node, f"{what} is empty" if found == "empty" else f"{what} must be {TYPE_NAMES[cls]}, not {found}")
        return False

    def tag_ok(self, node: Node, report: bool = True) -> bool:
        tag = node.tag
        if tag in SCALAR_TAGS or tag == STD + "map" or tag == STD + "seq":
            return True
        if report:
            if tag.startswith(STD + "python/") or tag.startswith("!!python/"):
                self.error(node, f"Python tags are not allowed: {tag.replace(STD, '!!')}")
            else:
                self.error(node, f"unknown tag {tag.replace(STD, '!!')}: claims and sources use plain YAML values")
        return False

    def fields(self, node: Node, allowed: tuple[str, ...], required: tuple[str, ...], what: str) -> dict[str, Node] | None:
        """A mapping's values by key, checking keys: unknown, duplicate and missing ones."""
        if not self.expect(node, MappingNode, what):
            return None
        found: dict[str, Node] = {}
        keys: dict[str, Node] = {}
        meant: set[str] = set()  # what misspelt keys were taken for: not also reported missing
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or not self.tag_ok(key, report=False):
                self.error(key, f"{what}: a key must be a plain name, not {type_name(key)} (is a ',', ':' or bracket out of place?)")
                meant.update(required)  # what it stands for is anyone's guess
                continue
            name = key.value
            if name in keys:
                first = keys[name].start_mark
                self.error(key, f"duplicate key {name!r} in {what} (first at line {first.line + 1}, column {first.column + 1})")
            elif name not in allowed:
                close = get_close_matches(name, allowed, n=1, cutoff=0.6)
                meant.update(close)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(allowed)})"
                if key.tag == STD + "merge":
                    hint = ": merge keys (<<) are not supported; write the fields out"
                self.error(key, f"unknown key {name!r} in {what}{hint}")
            else:
                found[name] = value
            keys[name] = key
        for name in required:
            if name not in found and name not in keys and name not in meant:
                self.error(node, f"{what} has no {name!r}")
        return found

    def text(self, node: Node, what: str) -> str | None:
        if not self.expect(node, ScalarNode, what):
            return None
        text = node.value.strip()
        if not text:
            self.error(node, f"{what} is empty")
            return None
        return text

    def texts(self, node: Node, what: str) -> list[tuple[str, Node]]:
        """A list of single values; one value alone is taken as a list of one."""
        if isinstance(node, ScalarNode) and node.tag != STD + "null" and self.tag_ok(node, report=False):
            items = [node]
        elif self.expect(node, SequenceNode, what):
            items = node.value
        else:
            return []
        out = []
        for item in items:
            t = self.text(item, f"each of {what}")
            if t is not None:
                out.append((t, item))
        return out


def yaml_files(folder: str) -> list[str]:
    """Every *.yaml and *.yml below a folder, sorted, with paths as the user named the folder."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # caches, VCS folders
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                found.append(os.path.normpath(os.path.join(root, name)))
    return found
