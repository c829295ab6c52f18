"""Work on a database spread over threads, each with a connection of its own."""

import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.db import connection


def in_parallel(work, items, *, workers: int):
    """`work(item)` for each item, on `workers` threads with a database connection each,
    yielding the results in the items' order; the items are taken from `items` on this thread
    while the threads work, a few ahead at most (memory stays flat however many there are).

    Each `work(item)` runs in a transaction of its own, if it wants one, on its thread's
    connection. Inside a transaction (whose rows other connections cannot see yet) and on
    SQLite (one writer at a time) the items are handled in turn, on this thread.
    """
    if workers < 2 or connection.vendor != "postgresql" or connection.in_atomic_block:
        for item in items:
            yield work(item)
        return
    pending = deque()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="in-parallel") as pool:
        try:
            for item in items:
                pending.append(pool.submit(work, item))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
            _close_connections(pool, workers)


def _close_connections(pool, workers):
    """Close the connection of each of the pool's threads: one task per thread, each waiting
    for the others so that no thread takes two."""
    everyone = threading.Barrier(workers)

    def close():
        try:
            connection.close()
        finally:
            everyone.wait()

    for _ in range(workers):
        pool.submit(close)
