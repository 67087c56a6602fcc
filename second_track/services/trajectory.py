"""Tweede spoor: arbeidsdeskundig onderzoek, decision, and the trajectory (herplaatsingsopdracht,
the employee's choice of bureau and the employer's answer, ending it)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from cases.models import AssignmentKind, CaseAssignment
from dossier.models import AccessAction, ActionPlanVersion
from dossier.services.audit import access_log_record
from dossier.services.common import require_perm
from second_track.models import (
    DecisionKind,
    EmployeeChoice,
    LabourExpertStudy,
    ProposalAnswer,
    Route,
    SecondTrack,
    SecondTrackDecision,
    TrackOutcome,
    TrackStatus,
)

from .common import (
    TRACK_UPDATE_FIELDS,
    _fmt,
    _lock_track,
    _not_before_case,
    _not_in_future,
    _raise_errors,
    _recompute,
    _require_active,
    latest_decision,
)

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

#: Activity kinds the employee may log themself (their own applications and other steps).


# Arbeidsdeskundig onderzoek and decision ------------------------------------------------------


@transaction.atomic
def labour_expert_study_create(*, case: Case, actor: User, **fields: Any) -> LabourExpertStudy:
    """Record an arbeidsdeskundig onderzoek (HR or the assigned specialist)."""
    require_perm(actor, "second_track.add_labour_expert_study", case)
    errors: dict[str, str] = {}
    _not_in_future(errors, "held_on", fields.get("held_on"), _("De datum van het onderzoek"))
    _not_before_case(errors, "held_on", fields.get("held_on"), case)
    _raise_errors(errors)
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
    require_perm(actor, "second_track.decide", case)
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
    _not_in_future(errors, "decided_on", decided_on, _("De datum van het besluit"))
    _not_in_future(errors, "statement_date", statement_date, _("De datum van de verklaring"))
    _not_before_case(errors, "decided_on", decided_on, case)
    _raise_errors(errors)
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
    require_perm(actor, "second_track.decide", case)
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
    errors: dict[str, str] = {}
    _not_in_future(errors, "assignment_date", assignment_date, _("De herplaatsingsopdracht"))
    _raise_errors(errors)
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
    require_perm(actor, "second_track.decide", case)
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
    require_perm(actor, "second_track.choose_bureau", track.case)
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
    require_perm(actor, "second_track.decide", track.case)
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
    require_perm(actor, "second_track.decide", track.case)
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
    _not_in_future(errors, "outcome_on", outcome_on, _("De datum van de uitkomst"))
    _raise_errors(errors)
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
