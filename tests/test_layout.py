"""The house in data order: every import of the package goes down a floor, or sideways within
its own folder, and no module reaches itself through others. Every import counts, the ones in
functions and under TYPE_CHECKING too: a type-only arrow that climbs back is still a circle a
reader must untangle."""

import ast
from pathlib import Path

import factcheck

PACKAGE = Path(factcheck.__file__).parent

# Top to bottom, as the data flows; a module is on the floor of the first prefix it starts with.
FLOORS = (
    ("factcheck.__main__",),
    ("factcheck.cli",),
    ("factcheck.run",),  # a project loaded, checked in parts with the cache, rendered; import, init
    ("factcheck.extracting",),  # an article's text → proposed claims, read back by the loader
    ("factcheck.loading", "factcheck.formats"),  # side by side: neither imports the other
    ("factcheck.checking",),
    ("factcheck.store",),  # parsed files: packed rows, stamps, the cache, workers
    ("factcheck.model",),
    ("factcheck",),  # small helpers, importing nothing of the project but each other
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor(module: str) -> tuple[int, str]:
    """The module's floor, and the folder (or helper module) it belongs to on that floor."""
    for level, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                home = prefix if prefix != "factcheck" else module
                return level, home
    raise AssertionError(f"{module} is on no floor")


def imports(path: Path, module: str) -> set[str]:
    """The package's modules this one imports, anywhere in it."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "factcheck":
                continue
            for alias in node.names:  # `from . import formats` names a module; `from .x import y` a name in x
                candidate = f"{base}.{alias.name}"
                found.add(candidate if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                          or (PACKAGE.parent / candidate.replace(".", "/")).is_dir() else base)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "factcheck"}
    return found - {module}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p, module_name(p)) for p in PACKAGE.rglob("*.py")}


def test_every_import_goes_down_a_floor_or_sideways_within_its_folder():
    climbing = []
    for module, imported in graph().items():
        level, home = floor(module)
        for other in imported:
            other_level, other_home = floor(other)
            if other_level < level or (other_level == level and other_home != home and level != len(FLOORS) - 1):
                climbing.append(f"{module} (floor {level}) imports {other} (floor {other_level})")
    assert not climbing, "\n".join(sorted(climbing))


def test_no_module_reaches_itself_through_others():
    edges = graph()
    state: dict[str, int] = {}  # 1: being visited, 2: done
    circles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(edges.get(module, ())):
            if state.get(other) == 1:
                circles.append(" → ".join(path[path.index(other):] + [other]) if other in path else other)
            elif other not in state:
                visit(other, path + [other])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not circles, "\n".join(circles)


def test_the_model_imports_only_small_helpers():
    helpers = len(FLOORS) - 1
    assert all(floor(m)[0] == helpers for m in graph()["factcheck.model"])


def test_the_graph_sees_imports_in_functions_and_relative_ones():
    # the guard reads what it should: cli imports the run layer, formats/html imports claimreview in a function
    edges = graph()
    assert "factcheck.run.commands" in edges["factcheck.cli"]
    assert "factcheck.formats.claimreview" in edges["factcheck.formats.html"]
    assert "factcheck.model" in edges["factcheck.store.packed"]
