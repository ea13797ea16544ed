"""What may be read, and reading it within bounds (docs/format.md, "A project").

A claims repository may come from a stranger's pull request. factcheck reads only regular
files inside the project's folders, after resolving symbolic links; never a device, a FIFO or
a folder as a file; and never more than a documented size. What it refuses is said at the file
or field that named it, and nothing of its content is printed.
"""

from __future__ import annotations

import os
import stat

MAX_YAML_BYTES = 100 * 2**20  # a claims, sources or settings file: 100 MiB (a million claims fit in ten files)
MAX_DOCUMENT_BYTES = 64 * 2**20  # a source's original text: 64 MiB


class Refused(Exception):
    """Why a file is not read: the message of the problem at the file, or at the field naming it."""


class Confinement:
    """The folders a run may read from: the project's (ROOT), and --claims and --sources where
    given outside it. A folder inside ROOT as written (claims/, or --claims ROOT/x) that leads
    outside it through a link is the repository's doing, not the user's: it widens nothing,
    and is refused (`refused`)."""

    def __init__(self, root: str, *folders: str | None):
        real_root = os.path.realpath(root)
        roots, self.refused = [real_root], set()
        for folder in (f for f in folders if f is not None):
            real = os.path.realpath(folder)
            if not _within(os.path.abspath(folder), os.path.abspath(root)):
                roots.append(real)  # the user's own choice, on the command line
            elif not _within(real, real_root):
                self.refused.add(folder)
        self.roots = tuple(dict.fromkeys(roots))

    def holds(self, real: str) -> bool:
        """Whether a path, its links resolved, is in one of the folders."""
        return any(_within(real, root) for root in self.roots)

    def check_folder(self, folder: str) -> None:
        """Refused when the folder, found in ROOT, leads outside it."""
        if folder in self.refused:
            raise Refused("not read: this folder leads outside the project (a link to somewhere else?); "
                          "nothing in it is read")

    def check(self, path: str, limit: int) -> str:
        """The path to open (links resolved), or Refused saying why not."""
        real = os.path.realpath(path)
        if not self.holds(real):
            raise Refused("not read: it leads outside the project's folders (a link to somewhere else?)")
        try:
            info = os.stat(real)
        except OSError as e:
            raise Refused(f"cannot read file: {e.strerror or e}") from None
        _regular(info, limit)
        return real


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _regular(info: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise Refused("not read: it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not read: it is not a regular file (a device, FIFO or socket)")
    if info.st_size > limit:
        raise Refused(f"not read: {info.st_size:,} bytes, more than the {limit:,} factcheck reads from one file")


def read_bytes(path: str, limit: int) -> bytes:
    """A regular file's bytes, at most `limit` of them; Refused for anything else. Opened
    without blocking, so that a FIFO put in a file's place cannot stall the run."""
    return read_regular(path, limit)[1]


def read_regular(path: str, limit: int) -> tuple[os.stat_result, bytes]:
    """read_bytes(), with the stat of the file the bytes were read from."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise Refused(f"cannot read file: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        _regular(info, limit)  # before fdopen, which refuses a folder with an error of its own
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise Refused(f"not read: more than the {limit:,} bytes factcheck reads from one file")
    return info, data
