"""Work already done, kept in `.factcheck_cache/` next to the project's folders.

The cache only ever saves time: an entry is found by a digest of everything its content was
computed from (the files' paths, sizes, modification times and bytes, and the code that read
them: factcheck's own, libyaml's, the time zone database's and Python's), so a changed input is
simply a miss. An entry that is truncated, corrupt or written by
another version is ignored, and a cache that cannot be written is done without.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import time
import zlib
import zoneinfo
from pathlib import Path

import yaml

FOLDER = ".factcheck_cache"
MAGIC = b"factcheck-cache 1\n"
STALE = 24 * 3600  # entries a run did not use are removed once they are this old (seconds)
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


class Cache:
    """Plain values (marshal's types: tuples, lists, dicts, str, numbers) by key."""

    def __init__(self, folder: str | None):
        self.folder = folder  # None: no cache (--no-cache)
        self.salt = code_version() if folder else ""
        self.used: set[str] = set()

    def key(self, *parts: object) -> str:
        return digest(self.salt, *parts)

    def get(self, key: str):
        if not self.folder:
            return None
        try:
            with open(os.path.join(self.folder, key), "rb") as f:
                blob = f.read()
            head, check = blob[: len(MAGIC)], blob[len(MAGIC) : len(MAGIC) + 4]
            payload = memoryview(blob)[len(MAGIC) + 4 :]  # not a copy: parts of a report run to megabytes
            if head != MAGIC or zlib.crc32(payload).to_bytes(4, "big") != check:
                return None
            value = marshal.loads(payload)
        except (OSError, ValueError, EOFError, TypeError):
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        if not self.folder:
            return
        payload = marshal.dumps(value)
        blob = MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload  # a check against damage, not tampering
        try:
            self._prepare()
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(blob)
                os.replace(tmp, os.path.join(self.folder, key))
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            return  # a read-only project still checks, only without the saving
        self.used.add(key)

    def _prepare(self) -> None:
        if os.path.isdir(self.folder):
            return
        os.makedirs(self.folder, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# made by factcheck\n*\n")):
            with open(os.path.join(self.folder, name), "w", encoding="utf-8") as f:
                f.write(text)

    def prune(self) -> None:
        """Remove old entries this run did not use: the cache keeps what the project is now."""
        if not self.folder or not os.path.isdir(self.folder):
            return
        cutoff = time.time() - STALE
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if (len(entry.name) == 40 or entry.name.startswith(".tmp-")) and entry.name not in self.used:
                    try:
                        if entry.stat().st_mtime < cutoff:
                            os.unlink(entry.path)
                    except OSError:
                        pass
