"""Ordered parallel map over a stream, with flat memory.

``map_ordered`` yields ``(item, output)`` in input order. The first items are
done in this process (which also warms it up: rules compiled, dictionaries
loaded) and timed. With ``jobs > 1`` the items after them are read ahead until
their estimated serial time reaches ``PARALLEL_AFTER``: a run that ends first
stays serial, because starting a pool would cost it more than it saves; the
rest of a larger one goes to a pool of worker processes in chunks, with a
bounded number of chunks in flight, so neither the input nor the output is ever
held whole. (``Pool.imap`` would read the whole input ahead.) On Linux workers
are forked from the warm process, so each starts with the compiled rules
instead of building its own.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import chain, islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

SERIAL_HEAD = 32  # items done in-process first, timed; a run no longer than this stays serial
# A pool costs a run about 0.1-0.15 s (forking, dispatch, shutdown), so it pays for itself only
# when the work left would take clearly longer than that on one core: the default --jobs on
# 50-200 short notes was up to 1.2x slower than --jobs 1 (benchmarks/bench_batch.py, small runs).
PARALLEL_AFTER = 0.5  # seconds of estimated serial work left before a pool is started
LOOKAHEAD_ITEMS = 4096  # at most this many items are read ahead to decide
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
    import multiprocessing  # only a run that starts a pool pays for it

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def run_chunk(worker: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [worker(item) for item in chunk]


def map_ordered(
    serial: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    worker: Callable[[T], Any] | None = None,
    unpack: Callable[[T, Any], R] | None = None,
    weight: Callable[[T], int] = lambda _item: 1,
    lost: Callable[[T], R] | None = None,
    pool: Callable[[int], Any] | None = None,
    local: Callable[[T], bool] | None = None,
) -> Iterator[tuple[T, R]]:
    """``(item, serial(item))`` for each item, in order.

    With ``jobs > 1`` and more work after the head than ``PARALLEL_AFTER``, the
    items after the head run as ``unpack(item, worker(item))`` in worker processes: ``worker``
    returns something cheap to pickle, ``unpack`` rebuilds ``serial``'s output.
    ``weight`` sizes the tasks (see ``CHUNK_WEIGHT``). A worker that dies (killed,
    out of memory) is noticed: its task's items are tried again one by one in a
    fresh pool, and an item whose worker dies again gets ``lost(item)`` (an error
    naming it); the parent never waits on a dead worker. ``pool(jobs)`` makes the pool
    (default: local worker processes; ``dask_pool.py``: a Dask cluster), with ``submit``,
    ``rebuild``, ``shutdown`` and ``broken`` (the errors that mean a worker died). An item for
    which ``local(item)`` is true (a result the cache holds) is done by ``serial`` here, never
    sent to a worker, and still comes out in its place.
    """
    stream = iter(items)
    if jobs <= 1:
        for item in stream:
            yield item, serial(item)
        return
    rate = yield from _timed_head(serial, stream, weight)
    ahead, more = _read_ahead(stream, weight, rate)
    if not more:  # the run ends soon: what is left is cheaper done here
        for item in ahead:
            yield item, serial(item)
        return
    worker = worker or serial
    unpack = unpack or (lambda _item, output: output)
    rest = _chunks(ahead, stream, weight, local or (lambda _item: False))
    # A forked worker flushes inherited stdio buffers when it exits: empty them first.
    for handle in (sys.stdout, sys.stderr):
        handle.flush()
    # Keep the warm objects out of the collector's sight while workers share
    # them: a collection would touch (and so copy) every page of them.
    gc.freeze()
    workers = (pool or _Pool)(jobs)
    try:
        pending: deque = deque()
        for here, chunk in rest:
            pending.append((chunk, None if here else workers.submit(worker, chunk)))
            while len(pending) >= jobs * IN_FLIGHT:
                yield from _drain(pending.popleft(), workers, worker, unpack, lost, serial)
        while pending:
            yield from _drain(pending.popleft(), workers, worker, unpack, lost, serial)
    finally:
        workers.shutdown()
        gc.unfreeze()


def _timed_head(serial, stream: Iterator[T], weight) -> Generator[tuple[T, Any], None, float]:
    """Do the first ``SERIAL_HEAD`` items here; return the seconds per unit of weight
    they took (the first item, which pays for the warm-up, left out)."""
    seconds, units = 0.0, 0
    for index, item in enumerate(islice(stream, SERIAL_HEAD)):
        start = time.perf_counter()
        output = serial(item)
        if index:
            seconds += time.perf_counter() - start
            units += weight(item)
        yield item, output
    return seconds / units if units else 0.0


def _read_ahead(stream: Iterator[T], weight, rate: float) -> tuple[list[T], bool]:
    """Items read until their estimated serial time reaches ``PARALLEL_AFTER`` (or
    ``LOOKAHEAD_ITEMS`` are read), and whether the stream went on that far."""
    ahead: list[T] = []
    units = 0
    for item in stream:
        ahead.append(item)
        units += weight(item)
        if units * rate >= PARALLEL_AFTER or len(ahead) >= LOOKAHEAD_ITEMS:
            return ahead, True
    return ahead, False


class _Pool:
    """A process pool that can be rebuilt when one of its workers dies."""

    def __init__(self, jobs: int) -> None:
        from concurrent.futures.process import BrokenProcessPool

        self.jobs = jobs
        self.executor = self._new()
        self.broken: tuple[type[BaseException], ...] = (BrokenProcessPool,)

    def _new(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_init_worker)

    def submit(self, worker, chunk):
        return self.executor.submit(run_chunk, worker, chunk)

    def rebuild(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _chunks(
    first: list[T], stream: Iterator[T], weight: Callable[[T], int], local: Callable[[T], bool]
) -> Iterator[tuple[bool, list[T]]]:
    """``(here, items)``: tasks for the workers, and runs of items to do here, in order."""
    chunk: list[T] = []
    here, total = False, 0
    for item in chain(first, stream):
        this = local(item)
        if chunk and this != here:
            yield here, chunk
            chunk, total = [], 0
        here = this
        chunk.append(item)
        total += weight(item)
        if len(chunk) >= CHUNK or total >= CHUNK_WEIGHT:
            yield here, chunk
            chunk, total = [], 0
    if chunk:
        yield here, chunk


def _drain(entry, pool, worker, unpack, lost, serial) -> Iterator[tuple[Any, Any]]:
    chunk, future = entry
    if future is None:  # items done here
        for item in chunk:
            yield item, serial(item)
        return
    try:
        outputs = future.result()
    except pool.broken:
        # The pool is broken for every task in it, so which item killed its worker is
        # unknown: run this task's items again one at a time in a fresh pool. An item
        # whose worker dies again is the culprit and gets lost(item); the rest are done.
        pool.rebuild()
        for item in chunk:
            try:
                (output,) = pool.submit(worker, [item]).result()
            except pool.broken:
                pool.rebuild()
                if lost is None:
                    raise
                yield item, lost(item)
                continue
            yield item, unpack(item, output)
        return
    for item, output in zip(chunk, outputs, strict=True):
        yield item, unpack(item, output)
