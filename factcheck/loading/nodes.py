"""Reading the nodes of one YAML file, with checks: every problem collected where it is."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import Location, Problem
from ..suggest import closest
from . import values
from .yamlfile import SCALAR_TAGS, STD, compose, line_starts, read_text

SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")
URL_SCHEMES = ("http://", "https://")
T = TypeVar("T")
TYPE_NAMES = {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a single value"}


def type_name(node: Node) -> str:
    if isinstance(node, ScalarNode) and node.tag == STD + "null":
        return "empty"
    return TYPE_NAMES.get(type(node), "a value")


class NodeReader:
    """Reads the nodes of one file as the format expects them, collecting a Problem for
    everything that is wrong, at the node where it is."""

    __slots__ = ("path", "problems", "starts")

    @classmethod
    def open(cls, path: str, empty_ok: bool = False) -> tuple[NodeReader, Node | None]:
        """A reader of the file and its root node; None when the file cannot be read, is not
        YAML or is empty (the reader's problems say which, unless an empty file is fine)."""
        text, problems = read_text(path)
        if text is None:
            reader = cls(path)
            reader.problems += problems
            return reader, None
        return cls.of_text(path, text, empty_ok)

    @classmethod
    def of_text(cls, path: str, text: str, empty_ok: bool = False) -> tuple[NodeReader, Node | None]:
        """As open(), of text that is to be the file at `path` (`import` checks what it will write)."""
        reader = cls(path)
        reader.starts = line_starts(text)
        root, problems = compose(path, text)
        if root is None and not problems and not empty_ok:
            problems = [Problem(Location(path, 1, 1), "the file is empty (or holds only comments)")]
        reader.problems += problems
        return reader, root

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
                close = closest(name, allowed)
                if close:
                    meant.add(close)
                hint = f" (did you mean {close!r}?)" if close else f" (expected one of: {', '.join(allowed)})"
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

    def text(self, node: Node, what: str, limit: int | None = None) -> str | None:
        """A single value as text; `limit`: the most characters it may have (a name, not prose)."""
        if not self.expect(node, ScalarNode, what):
            return None
        text = node.value.strip()
        if not text:
            self.error(node, f"{what} is empty")
            return None
        if limit is not None and len(text) > limit:
            self.error(node, f"{what} is {len(text):,} characters long: name it in a few words (at most {limit:,})")
            return None
        return text

    def texts(self, node: Node, what: str, limit: int | None = None) -> list[tuple[str, Node]]:
        """A list of single values; one value alone is taken as a list of one."""
        if isinstance(node, ScalarNode) and node.tag != STD + "null" and self.tag_ok(node, report=False):
            items = [node]
        elif self.expect(node, SequenceNode, what):
            items = node.value
        else:
            return []
        out = []
        for item in items:
            t = self.text(item, f"each of {what}", limit)
            if t is not None:
                out.append((t, item))
        return out

    def slug(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        text = self.text(node, what)
        return text if text is not None and self.is_slug(text, node, what) else None


    def is_slug(self, text: str, node: Node, what: str) -> bool:
        if SLUG.fullmatch(text):
            return True
        suggestion = re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-._")
        hint = f" (did you mean {suggestion!r}?)" if suggestion and SLUG.fullmatch(suggestion) else ""
        self.error(node, f"{what} {text!r} is not a slug: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit{hint}")
        return False

    def date(self, node: Node | None, what: str) -> str | None:
        """A date, as ISO text."""
        return self.parsed(node, what, lambda text: values.parse_date(text).isoformat())

    def date_or_time(self, node: Node | None, what: str) -> str | None:
        """A date, or a time with its zone, as ISO text."""
        return self.parsed(node, what, values.date_or_time)

    def parsed(self, node: Node | None, what: str, parse: Callable[[str], T]) -> T | None:
        """parse(text), or None with the parser's message as the problem."""
        if node is None or (text := self.text(node, what)) is None:
            return None
        try:
            return parse(text)
        except ValueError as e:
            self.error(node, f"{what}: {e}")
            return None

    def url(self, node: Node | None) -> str | None:
        if node is None or (text := self.text(node, "'url'")) is None:
            return None
        if not text.startswith(URL_SCHEMES):
            self.error(node, f"url {text!r} must start with http:// or https://")
            return None
        return text

    def count(self, node: Node, what: str) -> float | None:
        text = self.text(node, what)
        if text is None:
            return None
        try:
            n = values.parse_count(text.strip().casefold())
        except ValueError as e:  # "1e999", ".nan"
            self.error(node, f"{what}: {e}")
            return None
        if n is None:
            self.error(node, f"{what} must be a number, not {text!r}")
        return n
