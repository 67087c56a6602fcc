"""One mail connection for a batch of messages, with a failure of one message kept to that one.

Opening an SMTP connection (TCP, TLS, EHLO, login) costs more than sending a message over it,
so the senders open one per batch and send every message of the batch over it:

- a message the server refuses (or that cannot be built) fails alone: the caller records that
  failure for that message, the connection is closed and opened afresh for the next one;
- when the connection cannot be opened (server down, or silent until the timeout) every
  message left in the batch fails at once with that error, without waiting for the timeout
  again for each of them.
"""

from __future__ import annotations

import logging
from types import TracebackType

from django.core.mail import EmailMessage, mailers

__all__ = ["MailBatch", "MailServerDown"]

logger = logging.getLogger(__name__)


class MailServerDown(Exception):
    """The batch's connection could not be opened; carries the original error's text."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.error = error


class MailBatch:
    """Send messages over one connection of the default mailer (a context manager)."""

    def __init__(self) -> None:
        self.connection = mailers.default
        self.down: MailServerDown | None = None
        self.sent = 0

    def __enter__(self) -> MailBatch:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._close()

    def send(self, message: EmailMessage) -> None:
        """Send ``message``; raise when it was not sent (:class:`MailServerDown` when the
        connection could not be opened, now or earlier in this batch)."""
        if self.down is not None:
            raise self.down
        try:
            self.connection.open()
        except Exception as error:  # refused, timed out, TLS, login...
            self.down = MailServerDown(error)
            raise self.down from error
        try:
            self.connection.send_messages([message])
        except Exception:
            self._close()  # it may be broken: the next message gets a fresh connection
            raise
        self.sent += 1

    def _close(self) -> None:
        try:
            self.connection.close()
        except Exception:  # closing a broken connection may fail too
            logger.warning("Closing the mail connection failed", exc_info=True)
