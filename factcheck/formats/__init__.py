"""Output formats, one module each, behind one small interface.

A format module defines any of `check(report, style)`, `report(report, style)`,
`diff(rows, a, b, style)` and `sources(report, style)`, each returning the whole text to
write. The CLI only picks a module by name; modules are imported when picked.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

NAMES = ("table", "json", "markdown", "csv", "html", "github")


@dataclass(frozen=True, slots=True)
class Style:
    color: bool = False
    width: int | None = None  # terminal columns; None: the format's own choice


class Unsupported(Exception):
    pass


def render(name: str, command: str, *args, style: Style = Style()) -> str:
    module = importlib.import_module(f".{name}", __name__)
    fn = getattr(module, command, None)
    if fn is None:
        raise Unsupported(f"--format {name} does not apply to '{command}'")
    return fn(*args, style=style)


def halves(name: str):
    """The format's (fragment, whole), when it can render a report part by part (see parts.py)."""
    module = importlib.import_module(f".{name}", __name__)
    if hasattr(module, "fragment") and hasattr(module, "whole"):
        return module.fragment, module.whole
    return None
