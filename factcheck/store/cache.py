"""Work already done, kept in the user's cache folder (`~/.cache/factcheck/`), one folder per project.

The cache only ever saves time: an entry is found by a digest of everything its content was
computed from (the files' paths, sizes, modification times and bytes, and the code that read
them: factcheck's own, libyaml's, the time zone database's and Python's), so a changed input is
simply a miss. An entry that is truncated, corrupt or written by another version is ignored,
and a cache that cannot be written is done without. An entry's check sum is computed when it
is first read, and again only if it may have been written since (stamps.py): summing the
60 MB of a large report on every run would cost more than a re-check's own work.

It is kept outside the project on purpose: a claims repository may come from a stranger, and
nothing committed to it (a folder of forged entries, a link to the user's files) can then
reach the cache. Only this user's factcheck writes there; a folder that is a link, not a
folder or not this user's is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import re
import stat
import sys
import time
import zlib
import zoneinfo
from functools import partial
from pathlib import Path

import yaml

from ..output import replace_whole
from .cores import in_threads
from .stamps import Stamps, stamp

MAGIC = b"factcheck-cache 2\n"
# An entry: MAGIC, then the crc32 of the rest, then the value's length (8 bytes), the value in
# marshal's form, and the blobs one after another (their lengths are in the value).
HEAD = len(MAGIC) + 4 + 8
ENTRY = re.compile(r"^[0-9a-f]{40}$")
OURS = MAGIC.split(b" ")[0]  # how entries of every version of the cache start
STALE = 24 * 3600  # entries a run did not use are removed once they are this old (seconds)
PRUNE_EVERY = 3600  # seconds
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck's cache: safe to delete.\n"


def digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def code_version() -> str:
    """The code whose results are cached: factcheck's own files (by name, size and time), and
    the versions of what parses YAML and times (libyaml, the time zone database) and of Python."""
    package = Path(__file__).parent.parent
    stats = [(str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(package.rglob("*.py"))]
    return digest(MAGIC, stats, sys.version, yaml.__version__, _libyaml_version(), _zone_data())


def _libyaml_version() -> str | None:
    try:
        from yaml._yaml import get_version_string
    except ImportError:  # PyYAML without libyaml
        return None
    return get_version_string()


def _zone_data() -> list:
    """Where zoneinfo finds its zones, and which data it finds: the system's, or the tzdata package's."""
    found: list = [zoneinfo.TZPATH]
    for folder in zoneinfo.TZPATH:  # the system's database, when there is one, is read first
        with contextlib.suppress(OSError):
            found.append((folder, os.stat(os.path.join(folder, "tzdata.zi")).st_mtime_ns))
    with contextlib.suppress(ImportError):
        import tzdata

        found.append(tzdata.IANA_VERSION)
    return found


def user_cache_root() -> str:
    """$FACTCHECK_CACHE_DIR, else the platform's cache folder: $XDG_CACHE_HOME or ~/.cache,
    %LOCALAPPDATA% on Windows, ~/Library/Caches on macOS."""
    if os.environ.get("FACTCHECK_CACHE_DIR"):
        return os.environ["FACTCHECK_CACHE_DIR"]
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "factcheck")


def project_folder(root: str) -> str:
    """The cache folder of the project in `root`: its own, named by where the project is."""
    return os.path.join(user_cache_root(), "projects", digest(os.path.realpath(root))[:24])


class Cache:
    """Plain values (marshal's types: tuples, lists, dicts, str, numbers), each with its blobs
    of bytes, by key."""

    def __init__(self, folder: str | None):
        self.folder = folder  # None: no cache (--no-cache)
        self.salt = code_version() if folder else ""
        self.used: set[str] = set()
        self.problem: str | None = None  # why the folder is not used, when it is not
        self._stamps: Stamps | None = None

    @classmethod
    def for_project(cls, root: str) -> Cache:
        cache = cls(project_folder(root))
        try:
            cache._ours()
        except OSError:
            pass  # not used; `problem` says why
        return cache

    def key(self, *parts: object) -> str:
        return digest(self.salt, *parts)

    def has(self, key: str) -> bool:
        """Whether there is an entry under key (a quick look: get() may still find it damaged)."""
        return bool(self.folder and key) and os.path.exists(os.path.join(self.folder, key))

    def get(self, key: str) -> tuple[object, list[memoryview]] | None:
        """The value put under key, and its blobs: views of the entry as it lies on disk, never
        copied (the parts of a report run to megabytes, and a re-check writes them as they are)."""
        return self.get_all([key])[0]

    def get_all(self, keys: list[str]) -> list[tuple[object, list[memoryview]] | None]:
        """get() of each key ("" for none). Checking the sums is most of the work: it is skipped
        for entries found sound before and not written since (stamps.py), and otherwise shared
        out between threads on every core (zlib does it without holding the GIL)."""
        if not self.folder:
            return [None] * len(keys)
        stamps = self.stamps()
        found = [_opened(entry) for entry in in_threads(partial(self._checked, stamps), keys)]
        self.used.update(key for key, value in zip(keys, found, strict=True) if value is not None)
        return found

    def stamps(self) -> Stamps:
        """What earlier runs found of files, by stamp: the claims files' digests, and which of
        these entries have the right sum. Kept in an entry of its own, whose sum is always checked."""
        if self._stamps is None:
            key = self.key("stamps")
            value = _opened(self._checked(Stamps({}), key)) if self.folder else None
            self._stamps = Stamps(value[0] if value and isinstance(value[0], dict) else {})
            self.used.add(key)
        return self._stamps

    def _checked(self, stamps: Stamps, key: str) -> memoryview | None:
        """The entry, mapped, if its sum is right."""
        if not key:
            return None
        try:
            with _regular(os.path.join(self.folder, key)) as f:
                now = stamp(os.fstat(f.fileno()))
                entry = _mapped(f.fileno())
        except (OSError, ValueError):  # an empty file cannot be mapped: ValueError
            return None
        if entry[: len(MAGIC)] != MAGIC:
            return None
        if stamps.kept(key, now) is True:
            return entry
        taken = time.time_ns()
        if zlib.crc32(entry[len(MAGIC) + 4 :]) != int.from_bytes(entry[len(MAGIC) : len(MAGIC) + 4], "big"):
            return None
        stamps.found(key, now, True, taken)
        return entry

    def finish(self) -> None:
        """At the end of a run: keep what it found of files, for the next; then prune."""
        if self.folder and self._stamps and self._stamps.seen != self._stamps.known:
            self.put(self.key("stamps"), self._stamps.seen)
        self.prune()

    def put(self, key: str, value, blobs: list[bytes] = ()) -> None:
        """Keep value (marshal's types only) and blobs (bytes, given back as they are) under key."""
        if not self.folder:
            return
        payload = marshal.dumps((value, [len(b) for b in blobs]))
        rest = [len(payload).to_bytes(8, "big"), payload, *blobs]
        check = 0
        for piece in rest:
            check = zlib.crc32(piece, check)
        try:
            self._prepare()
            # the check sum is against damage, not tampering: nothing else writes here
            replace_whole(os.path.join(self.folder, key), [MAGIC, check.to_bytes(4, "big"), *rest], prefix=".tmp-")
        except OSError:
            return  # a read-only project still checks, only without the saving
        self.used.add(key)

    def _prepare(self) -> None:
        """Make the folder, private to this user, with a CACHEDIR.TAG (written whole) above it."""
        if self._ours():
            return
        os.makedirs(self.folder, mode=0o700, exist_ok=True)
        top = os.path.dirname(os.path.dirname(self.folder))
        tag = os.path.join(top, "CACHEDIR.TAG")
        try:
            with _regular(tag) as f:
                if f.read(len(TAG) + 1) == TAG.encode():
                    return
        except OSError:
            pass
        replace_whole(tag, [TAG.encode()], prefix=".tmp-")

    def _ours(self) -> bool:
        """Whether the folder exists and may be used: a real folder (not a link), this user's."""
        try:
            info = os.lstat(self.folder)
        except FileNotFoundError:
            return False
        if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            self.problem = f"the cache folder {self.folder} is not a folder of this user's: it is not used"
            self.folder = None
            raise OSError(self.problem)
        return True

    def prune(self) -> None:
        """Remove old entries this run did not use, once an hour at most: the cache keeps what the
        project is now. Only what this cache writes is ever removed: entries that start as its
        entries start, and its own temporary files."""
        if not self.folder or not os.path.isdir(self.folder) or os.path.islink(self.folder):
            return
        marker = os.path.join(self.folder, "pruned")  # its time: the last pruning's
        with contextlib.suppress(OSError):
            if time.time() - os.lstat(marker).st_mtime < PRUNE_EVERY:
                return  # a look at every entry costs more than a re-check's other work on the cache
        cutoff = time.time() - STALE
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name in self.used or not (ENTRY.match(entry.name) or entry.name.startswith(".tmp-")):
                    continue
                try:
                    if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff \
                            and (entry.name.startswith(".tmp-") or _starts_with(entry.path, OURS)):
                        os.unlink(entry.path)
                except OSError:
                    pass
        with contextlib.suppress(OSError):
            replace_whole(marker, [], prefix=".tmp-")


def _regular(path: str):
    """A file of the cache opened to read: never blocking (a FIFO put in an entry's place would
    stall every later run), never through a link; OSError unless it is a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    f = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        f.close()
        raise OSError(f"{path} is not a regular file")
    return f


def _mapped(fd: int) -> memoryview:
    """A file's bytes, mapped. On Linux its pages are all mapped at once, here, in the threads
    that read entries, rather than one by one as a report is written from them."""
    if hasattr(mmap, "MAP_POPULATE"):
        return memoryview(mmap.mmap(fd, 0, flags=mmap.MAP_SHARED | mmap.MAP_POPULATE, prot=mmap.PROT_READ))
    return memoryview(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))


def _opened(entry: memoryview | None) -> tuple[object, list[memoryview]] | None:
    """An entry's value and its blobs, cut from it without a copy; None if it is not whole."""
    if entry is None:
        return None
    try:
        end = HEAD + int.from_bytes(entry[HEAD - 8 : HEAD], "big")
        value, lengths = marshal.loads(entry[HEAD:end])
        blobs = []
        for length in lengths:
            blobs.append(entry[end : end + length])
            end += length
    except (ValueError, EOFError, TypeError):
        return None
    return (value, blobs) if end == len(entry) else None


def _starts_with(path: str, head: bytes) -> bool:
    with _regular(path) as f:
        return f.read(len(head)) == head
