"""What `cases` itself removes when a case or an employee is anonymised (AVG).

A case keeps its dates, status, close reason, periods, work resumptions and leave (the
verzuimcijfers need them) and loses its contact data during illness and free texts. An
employee keeps employer, department, manager, contract hours and employment dates (the
headcount of the verzuimcijfers) and the year of birth; names, BSN, personnel number, contact
data and function go, and the login account linked to the record is closed and emptied.
"""

from __future__ import annotations

from collections.abc import Sequence

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Cast, Concat, TruncYear
from django.utils import timezone

from accounts.models import Role, User

from .anonymisers import ANONYMISED_TEXT, history_model, text_scrub
from .models import (
    Case,
    Employee,
    FirstSickDayCorrection,
    Invitation,
    SickPeriod,
)

#: Free texts of a case: what the employer asked at the ziekmelding (§4.2) and the hold reason.
CASE_TEXTS = (
    "contact_address",
    "contact_phone",
    "expected_duration",
    "appointments_note",
    "legal_hold_reason",
)
#: A sick period's note is free text, except this marker (it drives samentelling, §2.3).
_KEPT_NOTES = ("", "after_leave")


def cases_anonymise_own(case_ids: Sequence[int]) -> int:
    """Empty the free texts of the cases, their sick periods, EZD corrections and invitations."""
    changed = text_scrub(Case, CASE_TEXTS, pk__in=case_ids)
    _notes_scrub(history_model(SickPeriod).objects.filter(case_id__in=case_ids))
    changed += _notes_scrub(SickPeriod.objects.filter(case_id__in=case_ids))
    changed += text_scrub(FirstSickDayCorrection, ("reason",), case_id__in=case_ids)
    changed += text_scrub(Invitation, ("email", "full_name"), case_id__in=case_ids)
    return changed


def _notes_scrub(periods: QuerySet) -> int:
    kept = (*_KEPT_NOTES, ANONYMISED_TEXT)
    return periods.exclude(note__in=kept).update(note=ANONYMISED_TEXT)


def employees_anonymise(employee_ids: Sequence[int]) -> int:
    """Remove the identity of the employees (and of their history rows); return rows changed.

    The personnel number becomes ``anon-<pk>`` (it stays unique: the payroll import upserts on
    it), the date of birth the 1st of January of the birth year. Idempotent.
    """
    ids = list(employee_ids)
    accounts = list(
        Employee.objects.filter(pk__in=ids, user__isnull=False).values_list("user_id", flat=True)
    )
    identity = {
        "first_name": "",
        "name_prefix": "",
        "last_name": "",
        "bsn": "",
        "email": "",
        "phone": "",
        "function_title": "",
        "date_of_birth": TruncYear("date_of_birth"),
        "user": None,
    }
    changed = Employee.objects.filter(pk__in=ids).update(
        **identity,
        personnel_number=Concat(
            Value("anon-"), Cast("pk", output_field=TextField()), output_field=TextField()
        ),
        anonymised_at=timezone.now(),
    )
    events = history_model(Employee)
    events.objects.filter(pgh_obj_id__in=ids).update(
        **identity,
        personnel_number=Concat(Value("anon-"), Cast(F("pgh_obj_id"), output_field=TextField())),
    )
    text_scrub(Invitation, ("email", "full_name"), employee_id__in=ids)
    _accounts_close(accounts)
    return changed


def _accounts_close(user_ids: Sequence[int]) -> None:
    """Close and empty the login accounts of anonymised employees (the rows stay: history
    and access logs point at them)."""
    users = User.objects.filter(pk__in=user_ids, role__in=(Role.EMPLOYEE, Role.MANAGER))
    EmailAddress.objects.filter(user__in=users).delete()
    Authenticator.objects.filter(user__in=users).delete()
    users.update(
        is_active=False,
        full_name="",
        email=Concat(
            Value("geanonimiseerd-"),
            Cast("pk", output_field=TextField()),
            Value("@invalid"),
            output_field=TextField(),
        ),
        password="!",
    )
