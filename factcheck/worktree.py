"""The folder SARIF locations are relative to (docs/format.md, "Commands"): the git work tree
that holds the project, found by looking for a `.git` entry in ROOT and the folders above it
(nothing of theirs is read, and no command is run), or ROOT itself when none holds one. GitHub
code scanning reads a location relative to the repository's root."""

from __future__ import annotations

import os


def work_tree(root: str) -> str:
    """The real path of the work tree holding `root`, or of `root` when none does."""
    start = folder = os.path.realpath(root)
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):  # a folder, or a file (worktrees, submodules)
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return start
        folder = parent
