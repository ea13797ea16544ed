"""`factcheck init`: a new project, ready to check, that never overwrites a file.

It writes the folders, a commented example of a sources file and a claims file (two sources,
an event described, claims in the main value forms, measures with aliases, a quote with its
document), factcheck.yaml, the JSON Schemas editors validate with (each YAML file's first line
points at them), and, if asked, a GitHub Actions workflow. A file that exists is left as it is.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from .. import DISTRIBUTION
from ..loading import schemas
from ..output import create_whole

TEMPLATES = Path(__file__).parent.parent / "data" / "init"
FILES = {  # where in the new project ← the template it is copied from
    "claims/example.yaml": "claims.yaml",
    "sources/example.yaml": "sources.yaml",
    "sources/ministry-statement.txt": "ministry-statement.txt",
    "factcheck.yaml": "factcheck.yaml",
}
CI = {"github": {".github/workflows/factcheck.yml": "workflow.yml"}}


class Incomplete(Exception):
    """factcheck was installed without a file of its own that init copies."""


def init(folder: str, ci: str | None = None) -> Iterator[tuple[str, bool]]:
    """(path, created) for each file of a new project in `folder` as it is done: created whole,
    or left as it was; OSError stops it at the first file that cannot be written. Every template
    is read before anything is written: Incomplete says which is missing from the installation."""
    wanted = {path: _template(name) for path, name in FILES.items()}
    wanted |= {f"schemas/{kind}.schema.json": schemas.text(kind) for kind in schemas.KINDS_OF_FILE}
    wanted |= {path: _template(name) for path, name in CI.get(ci, {}).items()}
    _inside(folder, wanted)
    for path, text in wanted.items():
        target = os.path.join(folder, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            create_whole(target, text.encode())
        except FileExistsError:
            yield target, False
        else:
            yield target, True


def _inside(folder: str, paths: dict[str, str]) -> None:
    """OSError before anything is written when a folder init writes into (claims/, a committed
    one perhaps) leads outside `folder` through a link: init writes nothing through it."""
    top = os.path.realpath(folder)
    for path in paths:
        parent = os.path.join(folder, os.path.dirname(path))
        real = os.path.realpath(parent)
        if os.path.lexists(parent) and real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
            raise OSError(errno.EXDEV, "it leads outside the project (a link to somewhere else?): nothing was written",
                          parent)


def _template(name: str) -> str:
    try:
        return (TEMPLATES / name).read_text(encoding="utf-8")
    except OSError as e:
        raise Incomplete(f"cannot read {TEMPLATES / name}, a file of factcheck's own: {e.strerror or e}; "
                         f"the installation is incomplete: reinstall {DISTRIBUTION}") from None
