"""Tweede spoor work: persoons- and zoekprofiel, activities, bureau reports, comments."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from dossier.models import AccessAction, Document, WorkCapacityAssessment
from dossier.services.audit import access_log_record
from dossier.services.common import require_perm
from dossier.services.documents import document_upload
from second_track.models import (
    PLACEMENT_KINDS,
    ActivityKind,
    ApplicationOutcome,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackComment,
    SecondTrackProfile,
    SecondTrackReport,
)

from .common import (
    EMPLOYEE_ACTIVITY_KINDS,
    _fmt,
    _lock_track,
    _not_in_future,
    _raise_errors,
    _recompute,
    _require_active,
)

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

#: Activity kinds the employee may log themself (their own applications and other steps).


# Profiles --------------------------------------------------------------------------------------


@transaction.atomic
def second_track_profile_create(
    *,
    track: SecondTrack,
    actor: User,
    capacity_assessment: WorkCapacityAssessment | None = None,
    **fields: Any,
) -> SecondTrackProfile:
    """Add a new version of the persoons- and zoekprofiel (HR or the assigned specialist)."""
    track = _lock_track(track)
    require_perm(actor, "second_track.change_profile", track.case)
    _require_active(track)
    if capacity_assessment is not None and capacity_assessment.case_id != track.case_id:
        raise ValidationError(
            {"capacity_assessment": _("Deze belastbaarheid hoort niet bij dit dossier.")}
        )
    number = (track.profiles.aggregate(n=Max("number"))["n"] or 0) + 1
    profile = SecondTrackProfile(
        track=track,
        number=number,
        capacity_assessment=capacity_assessment,
        created_by=actor,
        **fields,
    )
    profile.full_clean()
    profile.save()
    access_log_record(case=track.case, user=actor, action=AccessAction.CREATE, record=profile)
    return profile


# Activities ------------------------------------------------------------------------------------


def _check_activity(activity: SecondTrackActivity) -> None:
    errors: dict[str, str] = {}
    if activity.kind == ActivityKind.APPLICATION:
        if not activity.employer_name.strip():
            errors["employer_name"] = _("Vul de werkgever in waar is gesolliciteerd.")
        if not activity.vacancy.strip():
            errors["vacancy"] = _("Vul de vacature of functie in.")
    elif activity.kind in PLACEMENT_KINDS:
        if not activity.employer_name.strip():
            errors["employer_name"] = _("Vul de ontvangende werkgever in.")
        if activity.placement_start is None:
            errors["placement_start"] = _("Vul de begindatum van de plaatsing in.")
    if (
        activity.placement_start
        and activity.placement_end
        and activity.placement_end < activity.placement_start
    ):
        errors["placement_end"] = _("Het einde van de plaatsing ligt vóór het begin.")
    if errors:
        raise ValidationError(errors)


def _is_employee_actor(actor: User, case: Case) -> bool:
    return actor.role == Role.EMPLOYEE and case.employee.user_id == actor.pk


@transaction.atomic
def second_track_activity_create(
    *, track: SecondTrack, actor: User, kind: str, held_on: date, description: str, **fields: Any
) -> SecondTrackActivity:
    """Log an activity; the employee may log their own applications and other steps."""
    track = _lock_track(track)
    case = track.case
    require_perm(actor, "second_track.add_activity", case)
    _require_active(track)
    by_employee = _is_employee_actor(actor, case)
    if by_employee and kind not in EMPLOYEE_ACTIVITY_KINDS:
        raise ValidationError(
            {"kind": _("U kunt zelf sollicitaties en overige activiteiten toevoegen.")}
        )
    if held_on is None:
        raise ValidationError({"held_on": _("Vul de datum in.")})
    errors: dict[str, str] = {}
    _not_in_future(errors, "held_on", held_on, _("De datum van de activiteit"))
    _raise_errors(errors)
    if held_on < track.assignment_date:
        raise ValidationError(
            {
                "held_on": _("De activiteit kan niet vóór de start van het traject (%(d)s) liggen.")
                % {"d": _fmt(track.assignment_date)}
            }
        )
    if kind == ActivityKind.APPLICATION and not fields.get("application_outcome"):
        fields["application_outcome"] = ApplicationOutcome.PENDING
    if kind != ActivityKind.APPLICATION:
        fields["application_outcome"] = ""
    activity = SecondTrackActivity(
        track=track,
        kind=kind,
        held_on=held_on,
        description=description.strip(),
        by_employee=by_employee,
        created_by=actor,
        **{k: v.strip() if isinstance(v, str) else v for k, v in fields.items()},
    )
    _check_activity(activity)
    activity.full_clean()
    activity.save()
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=activity)
    return activity


def _lock_activity(activity: SecondTrackActivity, actor: User) -> SecondTrackActivity:
    activity = (
        SecondTrackActivity.objects.select_for_update()
        .select_related("track__case__employee")
        .get(pk=activity.pk)
    )
    case = activity.track.case
    require_perm(actor, "second_track.add_activity", case)
    if _is_employee_actor(actor, case) and not activity.by_employee:
        raise PermissionDenied("own activities only")
    if activity.is_withdrawn:
        raise ValidationError(_("Deze activiteit is ingetrokken."))
    _require_active(activity.track)
    return activity


@transaction.atomic
def second_track_activity_update_outcome(
    *,
    activity: SecondTrackActivity,
    actor: User,
    application_outcome: str = "",
    placement_end: date | None = None,
    placement_evaluation: str = "",
) -> SecondTrackActivity:
    """Record the result of an application, or the end and evaluation of a placement."""
    activity = _lock_activity(activity, actor)
    if activity.kind == ActivityKind.APPLICATION:
        if application_outcome not in ApplicationOutcome.values or not application_outcome:
            raise ValidationError(
                {"application_outcome": _("Kies het resultaat van de sollicitatie.")}
            )
        activity.application_outcome = application_outcome
    elif activity.kind in PLACEMENT_KINDS:
        if placement_end is None and not placement_evaluation.strip():
            raise ValidationError(_("Vul de einddatum of de evaluatie van de plaatsing in."))
        if placement_end is not None:
            activity.placement_end = placement_end
        if placement_evaluation.strip():
            activity.placement_evaluation = placement_evaluation.strip()
    else:
        raise ValidationError(_("Alleen bij sollicitaties en plaatsingen is er een resultaat."))
    _check_activity(activity)
    activity.full_clean()
    activity.save()
    access_log_record(
        case=activity.track.case, user=actor, action=AccessAction.CHANGE, record=activity
    )
    return activity


@transaction.atomic
def second_track_activity_withdraw(
    *, activity: SecondTrackActivity, actor: User, reason: str
) -> SecondTrackActivity:
    """Withdraw an activity logged in error, with a reason; it stays visible, struck through."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom u deze activiteit intrekt.")})
    activity = _lock_activity(activity, actor)
    activity.withdrawn_at = timezone.now()
    activity.withdrawal_reason = reason.strip()[:300]
    activity.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    access_log_record(
        case=activity.track.case, user=actor, action=AccessAction.WITHDRAW, record=activity
    )
    return activity


# Reports and comments --------------------------------------------------------------------------


@transaction.atomic
def second_track_report_create(
    *,
    track: SecondTrack,
    actor: User,
    report_date: date,
    period_start: date,
    period_end: date,
    progress: str = "",
    next_steps: str = "",
    employee_cooperation: str = "",
    upload: UploadedFile | None = None,
) -> SecondTrackReport:
    """Add a progress report of the bureau: structured text and/or an uploaded file.

    An upload goes through the document service, so it becomes a `Document` of the dossier
    (type sniffed, versioned, never deleted) that belongs to this trajectory.
    """
    track = _lock_track(track)
    case = track.case
    require_perm(actor, "second_track.add_report", case)
    _require_active(track)
    errors: dict[str, str] = {}
    if report_date is None:
        errors["report_date"] = _("Vul de datum van de rapportage in.")
    if period_start is None:
        errors["period_start"] = _("Vul het begin van de periode in.")
    if period_end is None:
        errors["period_end"] = _("Vul het einde van de periode in.")
    elif period_start is not None and period_end < period_start:
        errors["period_end"] = _("Het einde van de periode ligt vóór het begin.")
    if upload is None:
        if not progress.strip():
            errors["progress"] = _("Beschrijf de voortgang of upload de rapportage.")
        if not next_steps.strip():
            errors["next_steps"] = _("Beschrijf de vervolgstappen of upload de rapportage.")
    _not_in_future(errors, "report_date", report_date, _("De datum van de rapportage"))
    _raise_errors(errors)
    if period_end > report_date:
        raise ValidationError(
            {"period_end": _("De periode kan niet na de datum van de rapportage eindigen.")}
        )
    if period_start < track.assignment_date:
        raise ValidationError(
            {
                "period_start": _("De periode begint vóór de start van het traject (%(d)s).")
                % {"d": _fmt(track.assignment_date)}
            }
        )
    document = None
    if upload is not None:
        try:
            document = document_upload(
                case=case,
                actor=actor,
                title=_("Voortgangsrapportage tweede spoor %(d)s") % {"d": _fmt(report_date)},
                upload=upload,
                record_kind=Document.RecordKind.SECOND_TRACK,
                record_id=track.pk,
                perm="second_track.add_report",
            )
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from error
    see_file = _("Zie de geüploade rapportage.")
    report = SecondTrackReport(
        track=track,
        report_date=report_date,
        period_start=period_start,
        period_end=period_end,
        progress=progress.strip() or see_file,
        next_steps=next_steps.strip() or see_file,
        employee_cooperation=employee_cooperation.strip(),
        document=document,
        author=actor,
    )
    report.full_clean()
    report.save()
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=report)
    _recompute(
        case,
        actor,
        _("Voortgangsrapportage tweede spoor van %(d)s") % {"d": _fmt(report_date)},
    )
    return report


@transaction.atomic
def second_track_comment_add(*, track: SecondTrack, actor: User, text: str) -> SecondTrackComment:
    """Add a remark to the trajectory (employee, HR or the assigned specialist)."""
    require_perm(actor, "second_track.comment", track.case)
    if not text.strip():
        raise ValidationError({"text": _("Schrijf uw opmerking.")})
    comment = SecondTrackComment(track=track, text=text.strip(), author=actor)
    comment.full_clean()
    comment.save()
    access_log_record(case=track.case, user=actor, action=AccessAction.CREATE, record=comment)
    return comment
