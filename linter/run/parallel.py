"""Ordered parallel map over a stream, with flat memory.

``map_ordered`` yields ``(item, output)`` in input order. The first items are
done in this process (which also warms it up: rules compiled, dictionaries
loaded); if more follow and ``jobs > 1``, the rest go to a pool of worker
processes in chunks, with a bounded number of chunks in flight, so neither
the input nor the output is ever held whole. (``Pool.imap`` would read the
whole input ahead.) On Linux workers are forked from the warm process, so
each starts with the compiled rules instead of building its own.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

SERIAL_HEAD = 32  # items done in-process first; a run no longer than this stays serial
# A task sent to a worker: up to CHUNK items or CHUNK_WEIGHT of their weight
# (characters of text). Each task costs the pool's threads about a millisecond,
# so small tasks waste the parent's time; large ones hold more in memory.
CHUNK = 128
CHUNK_WEIGHT = 512 * 1024
IN_FLIGHT = 3  # tasks queued per worker


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _context():
    # fork shares the warm parent (copy-on-write); elsewhere spawn is the safe default.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _run_chunk(worker: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [worker(item) for item in chunk]


def map_ordered(
    serial: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    worker: Callable[[T], Any] | None = None,
    unpack: Callable[[T, Any], R] | None = None,
    weight: Callable[[T], int] = lambda _item: 1,
    lost: Callable[[T], R] | None = None,
) -> Iterator[tuple[T, R]]:
    """``(item, serial(item))`` for each item, in order.

    With ``jobs > 1`` and more than ``SERIAL_HEAD`` items, the items after the
    head run as ``unpack(item, worker(item))`` in worker processes: ``worker``
    returns something cheap to pickle, ``unpack`` rebuilds ``serial``'s output.
    ``weight`` sizes the tasks (see ``CHUNK_WEIGHT``). A worker that dies (killed,
    out of memory) is noticed: its task's items are tried again one by one in a
    fresh pool, and an item whose worker dies again gets ``lost(item)`` (an error
    naming it); the parent never waits on a dead worker.
    """
    stream = iter(items)
    head = list(islice(stream, SERIAL_HEAD + 1)) if jobs > 1 else []
    for item in head[:SERIAL_HEAD]:
        yield item, serial(item)
    if len(head) <= SERIAL_HEAD:
        for item in stream:
            yield item, serial(item)
        return
    worker = worker or serial
    unpack = unpack or (lambda _item, output: output)
    rest = _chunks(head[SERIAL_HEAD:], stream, weight)
    # A forked worker flushes inherited stdio buffers when it exits: empty them first.
    for handle in (sys.stdout, sys.stderr):
        handle.flush()
    # Keep the warm objects out of the collector's sight while workers share
    # them: a collection would touch (and so copy) every page of them.
    gc.freeze()
    pool = _Pool(jobs)
    try:
        pending: deque = deque()
        for chunk in rest:
            pending.append((chunk, pool.submit(worker, chunk)))
            while len(pending) >= jobs * IN_FLIGHT:
                yield from _drain(pending.popleft(), pool, worker, unpack, lost)
        while pending:
            yield from _drain(pending.popleft(), pool, worker, unpack, lost)
    finally:
        pool.shutdown()
        gc.unfreeze()


class _Pool:
    """A process pool that can be rebuilt when one of its workers dies."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor = self._new()

    def _new(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_init_worker)

    def submit(self, worker, chunk):
        return self.executor.submit(_run_chunk, worker, chunk)

    def rebuild(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _chunks(first: list[T], stream: Iterator[T], weight: Callable[[T], int]) -> Iterator[list[T]]:
    chunk: list[T] = []
    total = 0
    for item in chain(first, stream):
        chunk.append(item)
        total += weight(item)
        if len(chunk) >= CHUNK or total >= CHUNK_WEIGHT:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def _drain(entry, pool: _Pool, worker, unpack, lost) -> Iterator[tuple[Any, Any]]:
    from concurrent.futures.process import BrokenProcessPool

    chunk, future = entry
    try:
        outputs = future.result()
    except BrokenProcessPool:
        # The pool is broken for every task in it, so which item killed its worker is
        # unknown: run this task's items again one at a time in a fresh pool. An item
        # whose worker dies again is the culprit and gets lost(item); the rest are done.
        pool.rebuild()
        for item in chunk:
            try:
                (output,) = pool.submit(worker, [item]).result()
            except BrokenProcessPool:
                pool.rebuild()
                if lost is None:
                    raise
                yield item, lost(item)
                continue
            yield item, unpack(item, output)
        return
    for item, output in zip(chunk, outputs, strict=True):
        yield item, unpack(item, output)
