"""When a logged-in session ends: after a maximum age, and for staff roles after idle time.

Two limits, both kept in the session itself (seconds since the epoch):

* every session ends `SESSION_COOKIE_AGE` (8 hours) after login, however active it is;
* staff roles (everyone but the werknemer, who only sees their own dossier) are logged out after
  `SESSION_IDLE_TIMEOUT` seconds (30 minutes) without activity.

Activity is every request except a status poll (an htmx request to a view marked with
:func:`polling`): a page that polls a job that never ends must not keep a session open.
"""

from __future__ import annotations

import time
from collections.abc import Callable, MutableMapping
from enum import StrEnum
from typing import Any

from django.conf import settings

from .models import Role

LOGIN_AT_KEY = "_session_login_at"
LAST_ACTIVITY_KEY = "_session_last_activity"

#: Roles without the idle timeout: they keep only the maximum session age.
IDLE_TIMEOUT_EXEMPT_ROLES = frozenset({Role.EMPLOYEE})

#: Activity is written to the session at most this often (seconds), so a busy user does not
#: cause a session write on every request; the idle time is measured with this precision.
ACTIVITY_WRITE_INTERVAL = 60


class SessionEnd(StrEnum):
    IDLE = "idle"
    MAX_AGE = "max_age"


def idle_timeout_for(user: Any) -> int | None:
    """Return the idle timeout in seconds for `user`, or None when their role has none."""
    if getattr(user, "role", "") in IDLE_TIMEOUT_EXEMPT_ROLES:
        return None
    return settings.SESSION_IDLE_TIMEOUT or None


def session_start(session: MutableMapping[str, Any], *, now: float) -> None:
    """Record a login: the maximum age and the idle time both count from now."""
    session[LOGIN_AT_KEY] = int(now)
    session[LAST_ACTIVITY_KEY] = int(now)


def session_end_reason(
    session: MutableMapping[str, Any], *, now: float, idle_timeout: int | None, max_age: int
) -> SessionEnd | None:
    """Return why the session has ended by `now`, or None while it is still valid.

    A session from before these keys existed starts counting now. A clock that went back
    (a timestamp in the future) never ends a session.
    """
    if LOGIN_AT_KEY not in session:
        session_start(session, now=now)
        return None
    if now - session[LOGIN_AT_KEY] > max_age:
        return SessionEnd.MAX_AGE
    last_activity = session.get(LAST_ACTIVITY_KEY, session[LOGIN_AT_KEY])
    if idle_timeout is not None and now - last_activity > idle_timeout:
        return SessionEnd.IDLE
    return None


def activity_record(session: MutableMapping[str, Any], *, now: float) -> None:
    """Record activity now (written at most every :data:`ACTIVITY_WRITE_INTERVAL` seconds)."""
    last_activity = session.get(LAST_ACTIVITY_KEY)
    if last_activity is None or not 0 <= now - last_activity < ACTIVITY_WRITE_INTERVAL:
        session[LAST_ACTIVITY_KEY] = int(now)


def session_start_on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver: the session's clocks start at login."""
    if request is not None and hasattr(request, "session"):
        session_start(request.session, now=time.time())


def polling[V: Callable[..., Any]](view: V) -> V:
    """Mark `view` as a status poll: its htmx requests do not count as activity."""
    view.session_polling = True  # type: ignore[attr-defined]
    return view
