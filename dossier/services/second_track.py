"""Tweede spoor: onderzoek, besluit, traject, profielen, activiteiten, rapportages, opmerkingen.

Every write takes the acting user, checks the permission of `dossier.rules`, validates with
Dutch messages, logs the event in the access log and, where a deadline depends on it
(decisions, trajectories, reports), recomputes the case's deadlines after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from cases.models import AssignmentKind, CaseAssignment

from ..models import (
    AccessAction,
    ActionPlanVersion,
    Document,
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackComment,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
    WorkCapacityAssessment,
)
from ..models.second_track import (
    PLACEMENT_KINDS,
    ActivityKind,
    ApplicationOutcome,
    DecisionKind,
    EmployeeChoice,
    ProposalAnswer,
    Route,
    TrackOutcome,
    TrackStatus,
)
from .audit import access_log_record
from .common import recompute_deadlines_on_commit, require_perm
from .documents import document_upload

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

#: Activity kinds the employee may log themself (their own applications and other steps).
EMPLOYEE_ACTIVITY_KINDS = frozenset({ActivityKind.APPLICATION, ActivityKind.OTHER})

#: Referral fields HR may change on a running trajectory.
TRACK_UPDATE_FIELDS = (
    "bureau_contact",
    "specialist",
    "budget",
    "contract_start",
    "contract_end",
    "started_on",
    "report_interval_weeks",
)


def _fmt(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def _not_in_future(field: str, day: date | None, label: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(
            {field: _("%(label)s kan niet in de toekomst liggen.") % {"label": label}}
        )


def _not_before_case(field: str, day: date | None, case: Case) -> None:
    if day is not None and day < case.first_sick_day:
        raise ValidationError(
            {
                field: _("Deze datum ligt vóór de eerste ziektedag (%(d)s).")
                % {"d": _fmt(case.first_sick_day)}
            }
        )


def _recompute(case: Case, actor: User, reason: str) -> None:
    recompute_deadlines_on_commit(case=case, reason=reason[:200], actor=actor)


def latest_decision(case: Case) -> SecondTrackDecision | None:
    """Return the decision that counts: the latest one of the case."""
    return SecondTrackDecision.objects.filter(case=case).order_by("-decided_on", "-pk").first()


def _lock_track(track: SecondTrack) -> SecondTrack:
    return SecondTrack.objects.select_for_update().select_related("case").get(pk=track.pk)


def _require_active(track: SecondTrack) -> None:
    if track.status != TrackStatus.ACTIVE:
        raise ValidationError(
            _("Dit traject is beëindigd; er kan niets meer aan worden toegevoegd.")
        )


# Arbeidsdeskundig onderzoek and decision ------------------------------------------------------


@transaction.atomic
def labour_expert_study_create(*, case: Case, actor: User, **fields: Any) -> LabourExpertStudy:
    """Record an arbeidsdeskundig onderzoek (HR or the assigned specialist)."""
    require_perm(actor, "dossier.add_labour_expert_study", case)
    _not_in_future("held_on", fields.get("held_on"), _("De datum van het onderzoek"))
    _not_before_case("held_on", fields.get("held_on"), case)
    study = LabourExpertStudy(case=case, created_by=actor, **fields)
    study.full_clean()
    study.save()
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=study)
    return study


@transaction.atomic
def second_track_decide(
    *,
    case: Case,
    actor: User,
    kind: str,
    decided_on: date,
    statement_by: str = "",
    statement_date: date | None = None,
    statement_summary: str = "",
    study: LabourExpertStudy | None = None,
    not_start_reason: str = "",
    reason_text: str = "",
) -> SecondTrackDecision:
    """Record the employer's decision to start a second track or not (HR).

    Starting rests on the statement of the bedrijfsarts or arbeidsdeskundige that spoor 1 is
    not (likely) possible; not starting needs a reason and an explanation for the dossier.
    """
    require_perm(actor, "dossier.decide_second_track", case)
    errors: dict[str, str] = {}
    if kind not in DecisionKind.values:
        errors["kind"] = _("Kies of u het tweede spoor start of niet.")
    if decided_on is None:
        errors["decided_on"] = _("Vul de datum van het besluit in.")
    if kind == DecisionKind.START:
        if not statement_by:
            errors["statement_by"] = _(
                "Geef aan wie heeft verklaard dat re-integratie in de eigen organisatie niet "
                "(waarschijnlijk) mogelijk is."
            )
        if statement_date is None:
            errors["statement_date"] = _("Vul de datum van die verklaring in.")
        elif decided_on is not None and statement_date > decided_on:
            errors["statement_date"] = _(
                "De verklaring moet vóór of op de dag van het besluit liggen."
            )
        not_start_reason, reason_text = "", reason_text.strip()
    elif kind == DecisionKind.NOT_START:
        if not not_start_reason:
            errors["not_start_reason"] = _("Kies de reden om geen tweede spoor te starten.")
        if not reason_text.strip():
            errors["reason_text"] = _(
                "Licht het besluit toe; deze toelichting komt in het re-integratieverslag."
            )
        if SecondTrack.objects.filter(case=case, status=TrackStatus.ACTIVE).exists():
            errors["kind"] = _("Er loopt een tweede-spoortraject; beëindig dat eerst.")
    if errors:
        raise ValidationError(errors)
    _not_in_future("decided_on", decided_on, _("De datum van het besluit"))
    _not_in_future("statement_date", statement_date, _("De datum van de verklaring"))
    _not_before_case("decided_on", decided_on, case)
    if study is not None and study.case_id != case.pk:
        raise ValidationError({"study": _("Dit onderzoek hoort niet bij dit dossier.")})
    decision = SecondTrackDecision(
        case=case,
        kind=kind,
        decided_on=decided_on,
        statement_by=statement_by if kind == DecisionKind.START else "",
        statement_date=statement_date if kind == DecisionKind.START else None,
        statement_summary=statement_summary.strip() if kind == DecisionKind.START else "",
        study=study,
        not_start_reason=not_start_reason,
        reason_text=reason_text.strip(),
        decided_by=actor,
    )
    decision.full_clean()
    decision.save()
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=decision)
    _recompute(
        case,
        actor,
        _("Besluit tweede spoor (%(kind)s) op %(d)s")
        % {"kind": decision.get_kind_display(), "d": _fmt(decided_on)},
    )
    return decision


# The trajectory --------------------------------------------------------------------------------


def _check_specialist(case: Case, specialist: User | None) -> None:
    if specialist is None:
        return
    if specialist.role != Role.REINTEGRATION_SPECIALIST or not specialist.is_active:
        raise ValidationError(
            {
                "specialist": _(
                    "Kies een actieve gebruiker met de rol arbeidsdeskundige / re-integratiebureau."
                )
            }
        )


def _assign_specialist(case: Case, specialist: User | None) -> None:
    """Give the specialist access to the case (an active assignment), once."""
    if specialist is None:
        return
    if not CaseAssignment.objects.filter(case=case, user=specialist, active=True).exists():
        assignment = CaseAssignment(
            case=case, user=specialist, kind=AssignmentKind.REINTEGRATION_SPECIALIST
        )
        assignment.full_clean()
        assignment.save()


def _check_plan_versions(
    case: Case, versions: Iterable[ActionPlanVersion]
) -> list[ActionPlanVersion]:
    versions = list(versions)
    ids = {v.pk for v in versions}
    if ActionPlanVersion.objects.filter(pk__in=ids, plan__case=case).count() != len(ids):
        raise ValidationError(
            {"plan_versions": _("Kies alleen versies van het plan van aanpak van dit dossier.")}
        )
    return versions


def _check_referral(track: SecondTrack) -> None:
    if track.route == Route.BUREAU and not track.bureau_name.strip():
        raise ValidationError({"bureau_name": _("Vul de naam van het re-integratiebureau in.")})
    if track.contract_start and track.contract_end and track.contract_end < track.contract_start:
        raise ValidationError(
            {"contract_end": _("Het einde van het contract ligt vóór het begin.")}
        )
    if track.started_on and track.started_on < track.assignment_date:
        raise ValidationError(
            {"started_on": _("De intake kan niet vóór de herplaatsingsopdracht liggen.")}
        )
    if track.budget is not None and track.budget < Decimal(0):
        raise ValidationError({"budget": _("Het budget kan niet negatief zijn.")})


@transaction.atomic
def second_track_start(
    *,
    case: Case,
    actor: User,
    assignment_date: date,
    route: str,
    bureau_name: str = "",
    bureau_contact: str = "",
    specialist: User | None = None,
    plan_versions: Iterable[ActionPlanVersion] = (),
    budget: Decimal | None = None,
    contract_start: date | None = None,
    contract_end: date | None = None,
    started_on: date | None = None,
    report_interval_weeks: int | None = None,
) -> SecondTrack:
    """Start a trajectory: the herplaatsingsopdracht to a bureau or the in-house route (HR).

    Requires that the latest decision is to start. A chosen specialist gets access to the case.
    """
    require_perm(actor, "dossier.decide_second_track", case)
    decision = latest_decision(case)
    if decision is None or decision.kind != DecisionKind.START:
        raise ValidationError(
            _("Leg eerst het besluit vast om het tweede spoor te starten (met de verklaring).")
        )
    if SecondTrack.objects.filter(case=case, status=TrackStatus.ACTIVE).exists():
        raise ValidationError(_("Er loopt al een tweede-spoortraject voor dit dossier."))
    if assignment_date is None:
        raise ValidationError(
            {"assignment_date": _("Vul de datum van de herplaatsingsopdracht in.")}
        )
    _not_in_future("assignment_date", assignment_date, _("De herplaatsingsopdracht"))
    if assignment_date < decision.decided_on:
        raise ValidationError(
            {
                "assignment_date": _(
                    "De herplaatsingsopdracht kan niet vóór het besluit (%(d)s) liggen."
                )
                % {"d": _fmt(decision.decided_on)}
            }
        )
    _check_specialist(case, specialist)
    versions = _check_plan_versions(case, plan_versions)
    track = SecondTrack(
        case=case,
        decision=decision,
        assignment_date=assignment_date,
        route=route,
        bureau_name=bureau_name.strip(),
        bureau_contact=bureau_contact.strip(),
        specialist=specialist,
        budget=budget,
        contract_start=contract_start,
        contract_end=contract_end,
        started_on=started_on,
        created_by=actor,
    )
    if report_interval_weeks is not None:
        track.report_interval_weeks = report_interval_weeks
    _check_referral(track)
    track.full_clean()
    track.save()
    track.plan_versions.set(versions)
    _assign_specialist(case, specialist)
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=track)
    _recompute(
        case,
        actor,
        _("Tweede spoor gestart (herplaatsingsopdracht %(d)s)") % {"d": _fmt(assignment_date)},
    )
    return track


@transaction.atomic
def second_track_update(
    *,
    track: SecondTrack,
    actor: User,
    plan_versions: Iterable[ActionPlanVersion] | None = None,
    **fields: Any,
) -> SecondTrack:
    """Change the referral of a running trajectory: contact, budget, contract, rhythm, plan."""
    track = _lock_track(track)
    case = track.case
    require_perm(actor, "dossier.decide_second_track", case)
    _require_active(track)
    previous_specialist = track.specialist
    for attr, value in fields.items():
        if attr not in TRACK_UPDATE_FIELDS:
            raise TypeError(f"unknown trajectory field {attr!r}")
        setattr(track, attr, value.strip() if isinstance(value, str) else value)
    if "specialist" in fields:
        _check_specialist(case, fields["specialist"])
    _check_referral(track)
    track.full_clean()
    track.save()
    if plan_versions is not None:
        track.plan_versions.set(_check_plan_versions(case, plan_versions))
    if previous_specialist is not None and previous_specialist != track.specialist:
        # A replaced coach no longer needs the case (need to know, AVG).
        CaseAssignment.objects.filter(case=case, user=previous_specialist, active=True).update(
            active=False
        )
    _assign_specialist(case, track.specialist)
    access_log_record(case=case, user=actor, action=AccessAction.CHANGE, record=track)
    _recompute(case, actor, _("Afspraken tweede spoor gewijzigd"))
    return track


@transaction.atomic
def second_track_choose_bureau(
    *,
    track: SecondTrack,
    actor: User,
    choice: str,
    proposed_bureau: str = "",
    proposal_reason: str = "",
) -> SecondTrack:
    """Record the employee's answer: agree with the bureau, or propose another one (employee)."""
    track = _lock_track(track)
    require_perm(actor, "dossier.choose_second_track_bureau", track.case)
    _require_active(track)
    if choice == EmployeeChoice.AGREED:
        track.employee_proposed_bureau = ""
        track.employee_proposal_reason = ""
    elif choice == EmployeeChoice.OWN_PROPOSAL:
        errors = {}
        if not proposed_bureau.strip():
            errors["proposed_bureau"] = _("Vul de naam in van het bureau dat u voorstelt.")
        if not proposal_reason.strip():
            errors["proposal_reason"] = _("Leg uit waarom u dit bureau voorstelt.")
        if errors:
            raise ValidationError(errors)
        track.employee_proposed_bureau = proposed_bureau.strip()
        track.employee_proposal_reason = proposal_reason.strip()
    else:
        raise ValidationError({"choice": _("Kies of u akkoord gaat of zelf een bureau voorstelt.")})
    # A new answer of the employee asks for a new answer of the employer.
    track.employee_choice = choice
    track.employee_choice_at = timezone.now()
    track.proposal_answer = ProposalAnswer.NONE
    track.proposal_answer_text = ""
    track.proposal_answered_at = None
    track.full_clean()
    track.save()
    access_log_record(case=track.case, user=actor, action=AccessAction.CHANGE, record=track)
    return track


@transaction.atomic
def second_track_answer_proposal(
    *, track: SecondTrack, actor: User, answer: str, text: str
) -> SecondTrack:
    """Answer the employee's own proposal of a bureau, with a motivation (HR).

    Accepting makes the proposed bureau the one that carries out the trajectory.
    """
    track = _lock_track(track)
    require_perm(actor, "dossier.decide_second_track", track.case)
    _require_active(track)
    if track.employee_choice != EmployeeChoice.OWN_PROPOSAL:
        raise ValidationError(_("De werknemer heeft geen eigen bureau voorgesteld."))
    if track.proposal_answer:
        raise ValidationError(_("Dit voorstel is al beantwoord."))
    errors = {}
    if answer not in (ProposalAnswer.ACCEPTED, ProposalAnswer.DECLINED):
        errors["answer"] = _("Kies of u het voorstel overneemt of afwijst.")
    if not text.strip():
        errors["text"] = _("Motiveer uw antwoord; de werknemer leest het.")
    if errors:
        raise ValidationError(errors)
    track.proposal_answer = answer
    track.proposal_answer_text = text.strip()
    track.proposal_answered_at = timezone.now()
    if answer == ProposalAnswer.ACCEPTED:
        track.route = Route.BUREAU
        track.bureau_name = track.employee_proposed_bureau
        track.bureau_contact = ""
    track.full_clean()
    track.save()
    access_log_record(case=track.case, user=actor, action=AccessAction.CHANGE, record=track)
    return track


@transaction.atomic
def second_track_end(
    *, track: SecondTrack, actor: User, outcome: str, outcome_on: date, outcome_text: str
) -> SecondTrack:
    """End the trajectory with its outcome, date and explanation (HR)."""
    track = _lock_track(track)
    require_perm(actor, "dossier.decide_second_track", track.case)
    _require_active(track)
    errors = {}
    if not outcome or outcome not in TrackOutcome.values:
        errors["outcome"] = _("Kies de uitkomst van het traject.")
    if outcome_on is None:
        errors["outcome_on"] = _("Vul de datum van de uitkomst in.")
    elif outcome_on < track.assignment_date:
        errors["outcome_on"] = _("Het traject kan niet eindigen vóór de start (%(d)s).") % {
            "d": _fmt(track.assignment_date)
        }
    if not outcome_text.strip():
        errors["outcome_text"] = _("Licht de uitkomst toe; dit komt in het re-integratieverslag.")
    if errors:
        raise ValidationError(errors)
    _not_in_future("outcome_on", outcome_on, _("De datum van de uitkomst"))
    track.status = TrackStatus.ENDED
    track.outcome = outcome
    track.outcome_on = outcome_on
    track.outcome_text = outcome_text.strip()
    track.full_clean()
    track.save()
    access_log_record(case=track.case, user=actor, action=AccessAction.CHANGE, record=track)
    _recompute(
        track.case,
        actor,
        _("Tweede spoor beëindigd op %(d)s: %(o)s")
        % {"d": _fmt(outcome_on), "o": track.get_outcome_display()},
    )
    return track


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
    require_perm(actor, "dossier.change_second_track_profile", track.case)
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
    require_perm(actor, "dossier.add_second_track_activity", case)
    _require_active(track)
    by_employee = _is_employee_actor(actor, case)
    if by_employee and kind not in EMPLOYEE_ACTIVITY_KINDS:
        raise ValidationError(
            {"kind": _("U kunt zelf sollicitaties en overige activiteiten toevoegen.")}
        )
    if held_on is None:
        raise ValidationError({"held_on": _("Vul de datum in.")})
    _not_in_future("held_on", held_on, _("De datum van de activiteit"))
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
    require_perm(actor, "dossier.add_second_track_activity", case)
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
    require_perm(actor, "dossier.add_second_track_report", case)
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
    if errors:
        raise ValidationError(errors)
    _not_in_future("report_date", report_date, _("De datum van de rapportage"))
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
                perm="dossier.add_second_track_report",
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
    require_perm(actor, "dossier.comment_second_track", track.case)
    if not text.strip():
        raise ValidationError({"text": _("Schrijf uw opmerking.")})
    comment = SecondTrackComment(track=track, text=text.strip(), author=actor)
    comment.full_clean()
    comment.save()
    access_log_record(case=track.case, user=actor, action=AccessAction.CREATE, record=comment)
    return comment
