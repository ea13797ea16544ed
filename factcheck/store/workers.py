"""Many claims files read once: from the cache when unchanged, else by `parse`, in worker
processes when there is enough to share out between the cores this process may use."""

from __future__ import annotations

import marshal
import os
import signal
import sys
from collections.abc import Callable
from contextlib import contextmanager
from functools import partial

from .cache import Cache
from .cores import cores
from .packed import ClaimsFile

Parse = Callable[[str], ClaimsFile]

PARALLEL_BYTES = 2_000_000  # below this, starting worker processes costs more than it saves


def read_all(paths: list[str], parse: Parse, cache: Cache) -> list[ClaimsFile]:
    """parse(path) for each path, in order, each with its cache key ("" without a cache): from
    the cache when it has the file, else parsed (meanwhile, here or in workers), then cached.

    `parse` must be a module-level function, so that it can run in a worker process."""
    keys = [_key(path, parse, cache) for path in paths]
    with _parsed_meanwhile(parse, paths, keys, cache) as meanwhile:
        files = [_unpacked(found, key) for key, found in zip(keys, cache.get_all(keys), strict=True)]
        parsed = meanwhile()
    todo = [i for i, f in enumerate(files) if f is None and i not in parsed]
    parsed.update(zip(todo, parse_all(parse, [paths[i] for i in todo]), strict=True))
    for i, f in sorted(parsed.items()):
        f.key = keys[i]
        if f.key:
            path, rows, *rest = f.to_data()
            cache.put(f.key, (path, None, *rest), [rows])  # the packed rows, a blob: read back without a copy
        files[i] = f
    return files


@contextmanager
def _parsed_meanwhile(parse: Parse, paths: list[str], keys: list[str], cache: Cache):
    """A re-check after an edit has a few files the cache lacks: they are parsed in a child
    process while this one reads the cache, one core each. Gives a function that returns what
    the child parsed, by index (nothing when it did not run)."""
    absent = [i for i, key in enumerate(keys) if not cache.has(key)]
    few = len(absent) < len(paths) and sum(_size(paths[i]) for i in absent) < PARALLEL_BYTES
    early = absent if few and in_workers(2) else []
    with in_a_child(partial(_as_data, parse), [paths[i] for i in early]) as answer:
        yield lambda: dict(zip(early, map(ClaimsFile.from_data, answer() or []), strict=False))


def parse_all(parse: Parse, paths: list[str]) -> list[ClaimsFile]:
    """Each file parsed: here when there is little, else in worker processes, whose answers
    cross back as plain data."""
    if sum(_size(p) for p in paths) < PARALLEL_BYTES or not in_workers(len(paths)):
        return [parse(p) for p in paths]
    return list(map(ClaimsFile.from_data, map_in_workers(partial(_as_data, parse), paths)))


def _unpacked(found, key: str) -> ClaimsFile | None:
    """A cached file, or None (a miss) when there is none or it does not have the shape it should."""
    try:
        (path, _, *rest), (rows,) = found
        return ClaimsFile.from_data((path, rows, *rest), key)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return None


def _key(path: str, parse: Parse, cache: Cache) -> str:
    if not cache.folder:
        return ""
    try:
        stat, content = cache.stamps().digest(path)
    except OSError:
        return ""  # `parse` says why it cannot be read
    return cache.key(parse.__module__, parse.__qualname__, path, stat.st_size, stat.st_mtime_ns, content)


def _as_data(parse: Parse, path: str) -> tuple:
    """In a worker: the file as plain data, which crosses back to the main process quickly."""
    return parse(path).to_data()


def in_workers(tasks: int) -> bool:
    """Whether sharing out this many tasks can use more than one core."""
    return min(cores(), tasks) > 1


def map_in_workers(work: Callable, items: list, chunks_per_worker: int = 8) -> list:
    """[work(item) for item in items], shared out between worker processes, one per core.

    Workers are forked: what `work` reads from module globals set before this call (as
    run/parts.py does with the loaded project) they see without its being sent to them."""
    import multiprocessing  # only runs that need it pay for the import

    workers = min(cores(), len(items))
    # Pool, not ProcessPoolExecutor: on Ctrl-C it terminates its workers at once, where the
    # executor's shutdown could wait for ever on a queue the interrupt broke.
    pool = None
    try:
        with _interrupts_held():
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts,
                                                            initargs=(os.getpid(),))
        return pool.map(work, items, chunksize=max(1, len(items) // (workers * chunks_per_worker)))
    finally:
        if pool is not None:
            pool.terminate()


@contextmanager
def in_a_child(work: Callable, items: list):
    """Start [work(item) for item in items] in a forked process while this one goes on; gives
    a function that waits for the answer (marshal's types), or None when there is none: no
    items, no fork here, or the child failed (the caller then does the work itself, and meets
    any error where it can be shown)."""
    if not items or not hasattr(os, "fork"):
        yield lambda: None
        return
    read, write = os.pipe()
    with _interrupts_held():
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: the work, its answer down the pipe, and gone (no clean-up of the parent's)
            code = 1
            try:
                _ignore_interrupts(parent)
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    out.write(marshal.dumps([work(item) for item in items]))
                code = 0
            finally:
                os._exit(code)
    os.close(write)
    reaped = False

    def answer():
        nonlocal reaped
        with os.fdopen(read, "rb", closefd=False) as pipe:
            data = pipe.read()
        status = os.waitpid(pid, 0)[1]
        reaped = True
        if status != 0:
            return None
        try:
            return marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            return None

    try:
        yield answer
    finally:
        os.close(read)
        if not reaped:  # interrupted before the answer: the child is not left behind
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


# Held while workers are forked: a worker gets Ctrl-C or SIGTERM only once it has set what they do.
HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _interrupts_held():
    """Ctrl-C waits until the pool is whole: pressed while it forks its workers, it would leave
    some behind that nothing stops, and the command would never be done."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _ignore_interrupts(parent: int | None = None) -> None:
    """In a worker: Ctrl-C is the main process's to handle (a worker finishes its file and is
    shut down), and a worker ends with its parent, silently: SIGTERM ends it at once, as does
    writing to a parent that is gone (no BrokenPipeError traceback), and on Linux so does the
    parent's own end, however it comes (a CI cancel, kill -9)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by the fork
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _die_with_parent(parent)
    if hasattr(signal, "pthread_sigmask"):  # held since the fork (_interrupts_held): now they do what is set above
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)


def _die_with_parent(parent: int | None) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
            pass
    if parent is not None and os.getppid() != parent:  # the parent ended before this was set
        os._exit(1)


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
