"""What was found of a file, found again only when the file may have changed: a claims file's
content digest, and whether a cache entry's check sum is right (cache.py).

It is kept with the file's stamp: device, inode, size, modification and change times. The
change time (ctime) is set by the system on every write and cannot be set back, so a file
whose stamp is unchanged has not been written since. One exception, which git's index knows
as the "racy" file: file systems keep times in ticks (a few milliseconds, two seconds on FAT),
and a file written again within the tick in which it was read would show the same stamp with
new bytes. What was found is therefore trusted only when the file's last change was well
before it was found; otherwise the file is read again next time.
"""

from __future__ import annotations

import hashlib
import os
import time

from ..confined import MAX_YAML_BYTES, Refused, read_regular

RACY_NS = 3_000_000_000  # a file changed this shortly before what was found of it is found again


def stamp(info: os.stat_result) -> tuple[int, int, int, int, int]:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


class Stamps:
    """What was found of files, by path or name: what earlier runs found (`known`), and what
    this run found or trusted (`seen`, kept for the next: the files of this run only)."""

    def __init__(self, known: dict[str, tuple]):
        self.known = known
        self.seen: dict[str, tuple] = {}

    def kept(self, name: str, now: tuple) -> object | None:
        """What was found of the file, if it still holds (None if it must be found again)."""
        kept = self.known.get(name)
        if not trusted(kept, now):
            return None
        self.seen[name] = kept
        return kept[1]

    def found(self, name: str, now: tuple, fact: object, taken: int) -> None:
        """What was found of the file, with its stamp then and the time (ns) it was found."""
        self.seen[name] = (now, fact, taken)

    def digest(self, path: str) -> tuple[os.stat_result, bytes]:
        """The file's stat and the blake2b digest of its bytes (OSError if it cannot be read)."""
        info = os.stat(path)
        if isinstance(content := self.kept(path, stamp(info)), bytes):
            return info, content
        taken = time.time_ns()
        try:  # as the loader reads it: a regular file, within bounds, never blocking on a FIFO swapped in
            info, data = read_regular(path, MAX_YAML_BYTES)  # the stat of the bytes read, should it change meanwhile
        except Refused as e:
            raise OSError(str(e)) from None
        content = hashlib.blake2b(data, digest_size=20).digest()
        self.found(path, stamp(info), content, taken)
        return info, content


def trusted(kept, now: tuple) -> bool:
    """Whether what was kept of a file, (stamp, what was found, when), still holds: the stamp is
    the same, and what was found was found well after the file last changed."""
    try:
        kept_stamp, _, taken = kept
        return tuple(kept_stamp) == now and now[4] < taken - RACY_NS
    except (TypeError, ValueError, IndexError):  # none kept, or not in the shape this code keeps
        return False
