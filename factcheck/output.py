"""Writing what a command produced: whole or not at all, and never over what the run reads.

A report goes through a temporary file beside the target and a rename, so a reader never sees
half of it; an existing file keeps its permissions, a new one gets the umask's. A device or a
FIFO (`-o /dev/stdout`) is written into, never renamed over. No file the run read (claims,
sources, settings, documents) may be the target, nor anything in the claims or sources folders.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import stat
import tempfile
from collections.abc import Iterable

TEMP = re.compile(r"^\.factcheck-(\d+)-.*\.tmp$")  # ours, with the process that made it


class Unwritable(Exception):
    """Why the output cannot be written, in words that follow its path."""


def check_target(path: str, inputs: Iterable[str], folders: Iterable[str]) -> None:
    """Refuse, before any work is done, a target that is a folder or that the run must not touch
    (`inputs`: the files the run read, their links resolved)."""
    if path.endswith(("/", os.sep)) or os.path.isdir(path):
        raise Unwritable("is a folder: give the name of a file in it, e.g. --output report.json")
    real = os.path.realpath(path)
    if real in set(inputs):
        raise Unwritable("is a file this run reads (claims, sources, settings or a document): "
                         "factcheck never writes over its input")
    for folder in folders:
        top = os.path.realpath(folder).rstrip(os.sep) + os.sep
        if real.startswith(top):
            raise Unwritable(f"is inside {folder}: factcheck never writes into the claims or sources folders")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise Unwritable(f"cannot be written: folder {os.path.dirname(path) or '.'} does not exist")


def write(path: str, pieces: list[bytes]) -> None:
    """Write the pieces to path, whole or not at all (OSError says why not). A link is kept and
    what it leads to is replaced; a device, a pipe, a terminal, or a path that leads to one or
    to an open file (/dev/stdout, /proc/self/fd/1) is written into, never renamed over."""
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if (info is not None and not stat.S_ISREG(info.st_mode)) or any(p.startswith(SPECIAL) for p in (path, target)):
        with open(path, "wb") as f:
            f.writelines(pieces)
        return
    remove_stale_temporaries(os.path.dirname(target))
    mode = stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask()
    replace_whole(target, pieces, prefix=f".factcheck-{os.getpid()}-", suffix=".tmp", mode=mode)


# Folders of devices and of open files: a path through them is a stream, even where it leads
# to a regular file (/dev/stdout with standard output redirected to one).
SPECIAL = ("/dev/", "/proc/")


def replace_whole(path: str, pieces: Iterable[bytes], prefix: str, suffix: str = "", mode: int | None = None) -> None:
    """Write path through a temporary file beside it and a rename, so that no reader ever sees
    half of it; the temporary file is gone whatever happens (OSError says why it failed)."""
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(pieces)
            if mode is not None:
                os.fchmod(f.fileno(), mode)
        _rename_over(tmp, path, aside=tmp.removesuffix(suffix) + "-old" + suffix)
    except BaseException:
        os.unlink(tmp)
        raise


def _rename_over(new: str, path: str, aside: str) -> None:
    """os.replace(new, path), with the old file first renamed aside and removed after. Renaming
    over a file makes ext4 write the new one's data to disk then and there (its guard for
    programs that never call fsync): 30 ms for a report of 100,000 claims, a third of a second
    at a million. Renamed aside, the old file still leaves no moment when half a report is seen;
    for an instant there is none."""
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        os.replace(new, path)  # nothing to put aside
        return
    try:
        os.replace(new, path)  # replace: were a file to appear meanwhile
    except BaseException:
        os.replace(aside, path)
        raise
    with contextlib.suppress(OSError):  # else removed as a stale temporary file by a later run
        os.unlink(aside)


def create_whole(path: str, data: bytes) -> None:
    """A new file, whole or not at all, never over one that exists (FileExistsError): written
    beside it under a temporary name, then linked to its name, which fails if the name is
    taken, and never replaces what has it (a rename would). Its mode is the umask's."""
    folder = os.path.dirname(os.path.abspath(path))
    for _ in range(100):  # a name no other process has taken: ours (pid), then a count
        tmp = os.path.join(folder, f".factcheck-{os.getpid()}-{next(_COUNT)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(errno.EEXIST, "no temporary name is free", folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        try:
            os.link(tmp, path)
        except FileExistsError as e:  # named by the file that exists, not the temporary one
            raise FileExistsError(e.errno, e.strerror, path) from None
        except OSError:  # a file system without hard links (FAT, some shares): take the name, then rename over it
            with open(path, "xb"):
                pass
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


_COUNT = itertools.count()


def remove_stale_temporaries(folder: str) -> None:
    """Temporary files that runs killed before they finished left behind: only ours, only of
    processes that are gone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = TEMP.match(name)
        if m and not _alive(int(m[1])):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
