"""Many files read into plain data once: from the cache when unchanged, else by `read`, in
worker processes when there is enough to share out between the machine's cores."""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Callable
from contextlib import contextmanager

from .cache import Cache

PARALLEL_BYTES = 2_000_000  # below this, starting worker processes costs more than it saves


def read_all(paths: list[str], read: Callable[[str], tuple], cache: Cache) -> list[tuple[str, tuple]]:
    """(cache key, read(path)) for each path, in order; the key is "" without a cache.

    `read` must be a module-level function returning marshal's types, so that it can run in a
    worker process and its result can be cached."""
    keys = [_key(path, read, cache) for path in paths]
    data = [cache.get(key) if key else None for key in keys]
    todo = [i for i, d in enumerate(data) if d is None]
    for i, result in zip(todo, _run(read, [paths[i] for i in todo]), strict=True):
        data[i] = result
        if keys[i]:
            cache.put(keys[i], result)
    return list(zip(keys, data, strict=True))


def _key(path: str, read: Callable, cache: Cache) -> str:
    if not cache.folder:
        return ""
    try:
        with open(path, "rb") as f:
            stat = os.fstat(f.fileno())
            content = hashlib.blake2b(f.read(), digest_size=20).digest()
    except OSError:
        return ""  # `read` says why it cannot be read
    return cache.key(read.__module__, read.__qualname__, path, stat.st_size, stat.st_mtime_ns, content)


def _run(read: Callable[[str], tuple], paths: list[str]) -> list[tuple]:
    workers = min(_cores(), len(paths))
    if workers < 2 or sum(_size(p) for p in paths) < PARALLEL_BYTES:
        return [read(p) for p in paths]
    import multiprocessing  # only runs that need it pay for the import

    # Pool, not ProcessPoolExecutor: on Ctrl-C it terminates its workers at once, where the
    # executor's shutdown could wait for ever on a queue the interrupt broke.
    pool = None
    try:
        with _interrupts_held():
            pool = multiprocessing.Pool(workers, initializer=_ignore_interrupts)
        return pool.map(read, paths, chunksize=max(1, len(paths) // (workers * 8)))
    finally:
        if pool is not None:
            pool.terminate()


@contextmanager
def _interrupts_held():
    """Ctrl-C waits until the pool is whole: pressed while it forks its workers, it would leave
    some behind that nothing stops, and the command would never be done."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _ignore_interrupts() -> None:
    """Ctrl-C is the main process's to handle; a worker finishes its file and is shut down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
