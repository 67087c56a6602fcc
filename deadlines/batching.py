"""What the batch jobs (the nightly recompute, reminder planning and sending) share."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

__all__ = ["BatchWriter", "batch_writer", "gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one batch; reference counting goes on.

    A batch builds a hundred thousand small tuples that hold no reference cycles; each
    allocation burst makes the collector walk every live object again (a quarter of the
    nightly recompute's CPU time was spent there). Memory is still freed as the tuples are
    dropped; the collector resumes after the batch.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class BatchWriter:
    """Writes each batch in a transaction of its own, while the caller computes the next one.

    A batch job alternates Python work (reading and computing a batch) with PostgreSQL work
    (writing it: rows, index entries, foreign-key checks at commit), and each waits for the
    other. The writer runs the writes of batch *n* on a second database connection, in one
    thread, while the caller reads and computes batch *n + 1*: the server writes while Python
    computes. At most one batch waits to be written (:meth:`write` waits for the previous
    one first), so memory stays flat; an error of a write is raised by the next call.

    Inline (see :func:`batch_writer`) it writes in the caller's thread and connection instead.
    """

    def __init__(self, *, inline: bool) -> None:
        self._thread = None if inline else ThreadPoolExecutor(1, "batch-writer")
        self._pending: tuple[Future[Any], Callable[[Any], None] | None] | None = None

    @property
    def inline(self) -> bool:
        """Whether the writes are made in the caller's thread and connection."""
        return self._thread is None

    def write(self, write: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """Run `write` in a transaction (on the writer's connection); once it is committed,
        call `then` with what it returned (e.g. to count rows or report progress), in the
        caller's thread."""
        if self._thread is None:
            with transaction.atomic():
                result = write()
            if then is not None:
                then(result)
            return
        self.wait()
        self._pending = (self._thread.submit(_in_transaction, write), then)

    def wait(self) -> None:
        """Wait until the batch being written is committed (raise its error, if any)."""
        if self._pending is not None:
            (future, then), self._pending = self._pending, None
            result = future.result()
            if then is not None:
                then(result)

    def close(self) -> None:
        """Wait for the last batch; close the writer's connection and thread."""
        if self._thread is None:
            return
        try:
            self.wait()
        finally:
            self._thread.submit(_close_connection).result()
            self._thread.shutdown()


def _close_connection() -> None:
    connection.close()  # the calling thread's own connection (Django's are per thread)


def _in_transaction(write: Callable[[], Any]) -> Any:
    with transaction.atomic():
        return write()


@contextmanager
def batch_writer() -> Iterator[BatchWriter]:
    """Return a :class:`BatchWriter` for one run of a batch job.

    It writes on a second connection only when the caller is not inside a transaction (the
    nightly task, the management command): a second connection would not see what an open
    transaction of the caller has not committed, so inside one it writes inline.
    """
    writer = BatchWriter(inline=connection.in_atomic_block)
    try:
        yield writer
    finally:
        writer.close()
