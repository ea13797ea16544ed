"""factcheck.yaml → Settings (docs/format.md, "Project settings"): who publishes, what each
verdict is published as, and the ranges of vague words."""

from __future__ import annotations

import os

from yaml.nodes import MappingNode, Node

from ..model import Problem, Rating, Settings
from ..text import SPACE
from .fields import PUBLISHER, RATING, RATINGS, SETTINGS
from .nodes import NodeReader
from .values import parse_vague_range


def load_settings(path: str) -> tuple[Settings, list[Problem]]:
    """The settings, or the defaults when there is no such file."""
    if not os.path.lexists(path):
        return Settings(), []
    r, root = NodeReader.open(path, empty_ok=True)  # every setting is optional
    if root is None:
        return Settings(), r.problems
    f = r.fields(root, SETTINGS.names, SETTINGS.required, SETTINGS.what)
    if f is None:
        return Settings(), r.problems
    name = url = None
    if "publisher" in f and (p := r.fields(f["publisher"], PUBLISHER.names, PUBLISHER.required, PUBLISHER.what)) is not None:
        name = r.text(p["name"], "the publisher's 'name'") if "name" in p else None
        url = r.url(p.get("url"))
    ratings = read_ratings(r, f["ratings"]) if "ratings" in f else ()
    vague = read_vague(r, f["vague"]) if "vague" in f else ()
    return Settings(name, url, ratings, vague), r.problems


def read_ratings(r: NodeReader, node: Node) -> tuple[tuple[str, Rating], ...]:
    f = r.fields(node, RATINGS.names, RATINGS.required, RATINGS.what)
    out = []
    for verdict, rating in (f or {}).items():
        g = r.fields(rating, RATING.names, RATING.required, f"the rating of {verdict!r}")
        if not g or len(g) < 2:
            continue
        name, value = r.text(g["name"], "'name'"), r.count(g["value"], "'value'")
        if value is not None and value != int(value):
            r.error(g["value"], f"'value' must be a whole number, not {value:g}")
        elif name is not None and value is not None:
            out.append((verdict, Rating(name, int(value))))
    return tuple(out)


def read_vague(r: NodeReader, node: Node) -> tuple[tuple[str, tuple[float, float]], ...]:
    if not r.expect(node, MappingNode, "'vague' (a vague word → its range, e.g. dozens: 12-99)"):
        return ()
    out = []
    for key, value in node.value:
        word = r.text(key, "a vague word")
        text = r.text(value, f"the range of {word!r}") if word else None
        if word is None or text is None:
            continue
        try:
            out.append((SPACE.sub(" ", word.casefold()), parse_vague_range(text)))
        except ValueError as e:
            r.error(value, f"{word!r}: {e}")
    return tuple(out)

