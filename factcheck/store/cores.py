"""The cores this process may use, and work in C shared out between threads on them."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable


def cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_threads(work: Callable, items: list) -> list:
    """[work(item) for item in items], on every core: pays only for work that releases the GIL
    for most of its time (zlib's check sums, hashing, reading), and costs no process start."""
    n = min(cores(), len(items))
    if n < 2:
        return [work(item) for item in items]
    results: list = [None] * len(items)

    def share(k: int) -> None:
        for i in range(k, len(items), n):
            results[i] = work(items[i])

    helpers = [threading.Thread(target=share, args=(k,)) for k in range(1, n)]
    for t in helpers:
        t.start()
    try:
        share(0)
    finally:
        for t in helpers:
            t.join()
    return results
