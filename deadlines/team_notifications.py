"""Tell a new member of a case team (in the app and by e-mail) that the case is theirs now.

Subscribed to :data:`cases.signals.case_team_joined` in `DeadlinesConfig.ready()`: the cases
app sends it after commit, this app owns the notifications.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cases.models import TeamRole

from .models import Notification

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case


def case_team_joined_receive(
    sender: object, *, case: Case, role: str, user: User, actor: User, **kwargs: object
) -> Notification | None:
    """Notify `user` that `actor` made them `role` of `case` (nothing when they did it)."""
    if user.pk == actor.pk or not user.is_active:
        return None
    text = _("%(actor)s heeft u %(role)s gemaakt van het verzuimdossier van %(employee)s.") % {
        "actor": actor,
        "role": TeamRole(role).label.lower(),
        "employee": case.employee.full_name,
    }
    notification = Notification.objects.create(
        user=user, case=case, text=text[:500], url=case.get_absolute_url()
    )
    context = {
        "recipient": user,
        "text": text,
        "case": case,
        "link": settings.SITE_URL.rstrip("/") + case.get_absolute_url(),
    }
    send_mail(
        _("Poortwachter: u bent toegevoegd aan een verzuimdossier"),
        render_to_string("deadlines/email/team_joined.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
    return notification
