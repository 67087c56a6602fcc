"""Plan van aanpak: drafting, bijstelling (new version), agreement and disagreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.signals import case_facts_changed_send

from ..models import AccessAction, ActionPlan, ActionPlanActivity, ActionPlanVersion
from ..models.action_plans import AgreedVersionError, VersionStatus
from .audit import access_log_record
from .common import require_perm
from .signatures import employee_agreement_signature

if TYPE_CHECKING:
    from accounts.models import User

CONTENT_ATTRS = (
    "goal",
    "goal_term",
    "evaluation_frequency_weeks",
    "casemanager",
    "employer_view",
    "employee_view",
    "based_on",
)
ACTIVITY_ATTRS = ("description", "responsible", "starts_on", "status")


def _set_activities(version: ActionPlanVersion, activities: list[dict[str, Any]]) -> None:
    version.activities.all().delete()  # only ever reached for a draft (guarded)
    for position, data in enumerate(activities):
        activity = ActionPlanActivity(
            version=version, position=position, **{k: data[k] for k in ACTIVITY_ATTRS if k in data}
        )
        activity.full_clean()
        activity.save()


@transaction.atomic
def action_plan_version_create(
    *, case: Case, actor: User, activities: list[dict[str, Any]], **content: Any
) -> ActionPlanVersion:
    """Draft the first version of the case's plan van aanpak.

    The case row is locked first, so a double submit waits for the first request and then gets
    the "already a plan" message instead of a unique-constraint error.
    """
    require_perm(actor, "dossier.change_action_plan", case)
    Case.objects.select_for_update(no_key=True).only("pk").get(pk=case.pk)
    plan, _created = ActionPlan.objects.get_or_create(case=case)
    if plan.versions.exists():
        raise ValidationError(_("Er is al een plan van aanpak; leg een bijstelling vast."))
    if not activities:
        raise ValidationError(_("Neem ten minste één activiteit op."))
    version = ActionPlanVersion(plan=plan, number=1, created_by=actor, **content)
    version.full_clean()
    version.save()
    _set_activities(version, activities)
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=version)
    return version


@transaction.atomic
def action_plan_revise(*, case: Case, actor: User) -> ActionPlanVersion:
    """Start a bijstelling: copy the latest agreed version as a new draft (or return the draft)."""
    require_perm(actor, "dossier.change_action_plan", case)
    plan = ActionPlan.objects.select_for_update().get(case=case)
    latest = plan.versions.order_by("-number").first()
    if latest is None:
        raise ValidationError(_("Er is nog geen plan van aanpak."))
    if not latest.is_agreed:
        return latest
    copy = ActionPlanVersion(
        plan=plan,
        number=latest.number + 1,
        created_by=actor,
        **{attr: getattr(latest, attr) for attr in CONTENT_ATTRS},
    )
    copy.full_clean()
    copy.save()
    _set_activities(
        copy,
        [{k: getattr(a, k) for k in ACTIVITY_ATTRS} for a in latest.activities.all()],
    )
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=copy)
    return copy


@transaction.atomic
def action_plan_version_update(
    *,
    version: ActionPlanVersion,
    actor: User,
    activities: list[dict[str, Any]] | None = None,
    **content: Any,
) -> ActionPlanVersion:
    """Change a draft version; an agreed version is immutable (make a bijstelling instead)."""
    version = (
        ActionPlanVersion.objects.select_for_update()
        .select_related("plan__case")
        .get(pk=version.pk)
    )
    case = version.plan.case
    require_perm(actor, "dossier.change_action_plan", case)
    if version.is_agreed:
        raise AgreedVersionError(_("Een akkoord gegeven versie kan niet worden gewijzigd."))
    for attr, value in content.items():
        if attr not in CONTENT_ATTRS:
            raise TypeError(f"unknown plan field {attr!r}")
        setattr(version, attr, value)
    if activities is not None:
        if not activities:
            raise ValidationError(_("Neem ten minste één activiteit op."))
        _set_activities(version, activities)
    # A changed plan needs a fresh answer from the employee.
    version.status = VersionStatus.DRAFT
    version.disagreement_reason = ""
    version.disagreed_at = None
    version.full_clean()
    version.save()
    access_log_record(case=case, user=actor, action=AccessAction.CHANGE, record=version)
    return version


def _lock_open_version(version: ActionPlanVersion, actor: User, perm: str) -> ActionPlanVersion:
    version = (
        ActionPlanVersion.objects.select_for_update()
        .select_related("plan__case")
        .get(pk=version.pk)
    )
    require_perm(actor, perm, version.plan.case)
    if version.is_agreed:
        raise AgreedVersionError(_("Deze versie is al akkoord gegeven."))
    if version.plan.versions.filter(number__gt=version.number).exists():
        raise ValidationError(_("Er is een nieuwere versie van het plan van aanpak."))
    return version


@transaction.atomic
def action_plan_version_agree(
    *, version: ActionPlanVersion, actor: User, comment: str = ""
) -> ActionPlanVersion:
    """Record the employee's agreement: who, when, and the SHA-256 of the content agreed to."""
    version = _lock_open_version(version, actor, "dossier.agree_action_plan")
    version.status = VersionStatus.AGREED
    version.agreed_by = actor
    version.agreed_at = timezone.now()
    version.employee_comment = comment
    version.content_hash = version.compute_hash()
    version.full_clean()
    version.save()
    case = version.plan.case
    access_log_record(case=case, user=actor, action=AccessAction.AGREE, record=version)
    employee_agreement_signature(version=version, actor=actor)
    case_facts_changed_send(
        case=case,
        reason=_("Plan van aanpak versie %(n)s akkoord op %(d)s")
        % {"n": version.number, "d": f"{timezone.localdate():%d-%m-%Y}"},
        actor=actor,
    )
    return version


@transaction.atomic
def action_plan_version_disagree(
    *, version: ActionPlanVersion, actor: User, reason: str
) -> ActionPlanVersion:
    """Record that the employee does not agree, with their reason (HR sees it)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom u niet akkoord gaat.")})
    version = _lock_open_version(version, actor, "dossier.agree_action_plan")
    version.status = VersionStatus.DISAGREED
    version.disagreement_reason = reason.strip()
    version.disagreed_at = timezone.now()
    version.save()
    access_log_record(
        case=version.plan.case, user=actor, action=AccessAction.DISAGREE, record=version
    )
    return version
