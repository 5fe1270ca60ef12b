"""``xhslint lint --scheduler``: the worker pool of ``parallel.map_ordered`` on a Dask cluster,
so a run on a cluster gives the same results, order and exit code as ``--jobs`` on one machine
(the same jobs, chunks and packed results; only where they run differs).

``local`` starts a ``LocalCluster`` of ``--jobs`` worker processes (one thread each, loopback
only, no dashboard) when the run first needs workers, and closes it at the end; any other value
is the address of a running scheduler (``tcp://host:8786``), connected to before the first
input is read, so a wrong address fails the run at once. Workers need xhslint installed; each
builds its linter once (``linter_for`` is cached per process) and keeps it for every task.
Dask reschedules the tasks of a worker that dies; a task whose workers keep dying
(``KilledWorker``) gets its items retried one by one, and an item that still kills its worker
is reported, as with ``--jobs``.
"""

from __future__ import annotations

import logging
from typing import Any

from ..core.errors import ConfigError
from .parallel import run_chunk

LOCAL = "local"
CONNECT_TIMEOUT = "10s"


def _distributed():
    try:
        import dask
        import distributed
    except ImportError:
        raise ConfigError("--scheduler needs the dask extra: pip install 'xhslint[dask]'") from None
    # Every connection keeps its last messages for debugging (1,000 by default): here each
    # message is a task holding a chunk of notes, so that log held most of a run's notes (the
    # parent at 453 MB on 60,000 notes, against 231 MB with --jobs). Keep none.
    dask.config.set({"distributed.admin.low-level-log-length": 0})
    return distributed


class DaskScheduler:
    """Made once per run; ``pool(jobs)`` is what ``map_ordered`` calls when it starts workers."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.client: Any = None
        distributed = _distributed()
        if address != LOCAL:
            try:
                self.client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    def pool(self, jobs: int) -> DaskPool:
        return DaskPool(self, jobs)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None


class DaskPool:
    def __init__(self, scheduler: DaskScheduler, jobs: int) -> None:
        distributed = _distributed()
        self.scheduler = scheduler
        self.cluster = None
        if scheduler.client is None:  # local: a cluster for this run
            self.cluster = distributed.LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = distributed.Client(self.cluster)
        else:
            self.client = scheduler.client
        self.broken: tuple[type[BaseException], ...] = (distributed.KilledWorker,)

    def submit(self, worker, chunk):
        """A Dask future (``result()`` as concurrent.futures has it). Not through
        ``client.get_executor()``: that executor keeps every future it made until shutdown,
        and so every result, growing with the run (the parent reached 699 MB on 200,000
        notes, against 237 MB with --jobs). A future dropped once drained lets Dask release
        its result."""
        return self.client.submit(run_chunk, worker, chunk, pure=False)

    def rebuild(self) -> None:
        """Nothing to rebuild: the scheduler replaces a dead worker by itself."""

    def shutdown(self) -> None:
        if self.cluster is not None:
            self.client.close()
            self.cluster.close()
