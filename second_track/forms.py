"""Forms of the tweede spoor pages; the services check the rules and answer in Dutch."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from dossier.forms.records import DATE
from dossier.models import ActionPlanVersion, WorkCapacityAssessment
from second_track.models import (
    ActivityKind,
    ApplicationOutcome,
    DecisionKind,
    EmployeeChoice,
    LabourExpertStudy,
    ProposalAnswer,
    Route,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
    TrackOutcome,
)

# Tweede spoor ----------------------------------------------------------------------------------


class _ServiceValidatedForm(forms.ModelForm):
    """A model form whose model-level checks are left to the service.

    The field checks (required, choices, dates) stay; the database constraints are checked by
    the service with Dutch messages per field, so the form does not construct the instance.
    """

    def _post_clean(self) -> None:
        pass


class LabourExpertStudyForm(_ServiceValidatedForm):
    class Meta:
        model = LabourExpertStudy
        fields = [
            "held_on",
            "expert_name",
            "organisation",
            "own_work",
            "other_work_own_employer",
            "second_track",
            "conclusion",
        ]
        widgets = {"held_on": DATE}


class SecondTrackDecisionForm(_ServiceValidatedForm):
    """Both kinds in one form; the service checks the fields that each kind requires."""

    class Meta:
        model = SecondTrackDecision
        fields = [
            "kind",
            "decided_on",
            "study",
            "statement_by",
            "statement_date",
            "statement_summary",
            "not_start_reason",
            "reason_text",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "decided_on": DATE,
            "statement_date": DATE,
            "statement_summary": forms.Textarea(attrs={"rows": 3}),
            "reason_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "statement_by": _(
                "Alleen bij starten: wie verklaarde dat spoor 1 niet (waarschijnlijk) mogelijk is."
            ),
            "not_start_reason": _(
                "Alleen bij geen tweede spoor; komt in het re-integratieverslag. UWV aanvaardt "
                "alleen de eerste drie redenen (Werkwijzer Poortwachter); bij terugkeer binnen 3 "
                "maanden beslist u na 13 weken opnieuw."
            ),
        }

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DecisionKind.choices
        self.fields["study"].queryset = LabourExpertStudy.objects.filter(case=case)
        for name in ("statement_by", "not_start_reason"):
            self.fields[name].required = False


class _SpecialistEmailField(forms.EmailField):
    """The coach's e-mail address, cleaned to their user account.

    An address, not a list to pick from: specialists work for many employers, and HR of one
    employer must not see who works for the others.
    """

    def prepare_value(self, value: Any) -> Any:

        if isinstance(value, User):
            return value.email
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return User.objects.filter(pk=value).values_list("email", flat=True).first() or ""
        return value

    def clean(self, value: Any) -> Any:

        email = super().clean(value)
        if not email:
            return None
        user = User.objects.filter(
            email__iexact=email, role=Role.REINTEGRATION_SPECIALIST, is_active=True
        ).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "Er is geen actieve loopbaancoach of arbeidsdeskundige met dit e-mailadres. "
                    "Vraag de beheerder een account aan te maken."
                )
            )
        return user


class _PlanVersionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"v{obj.number} — {obj.get_status_display()}"


class SecondTrackReferralForm(_ServiceValidatedForm):
    """The herplaatsingsopdracht; `start=False` leaves out what cannot change afterwards."""

    specialist = _SpecialistEmailField(
        required=False,
        label=_("E-mailadres loopbaancoach / arbeidsdeskundige in de app"),
        help_text=_(
            "Krijgt toegang tot dit dossier (nooit tot medische gegevens). Een vorige coach "
            "verliest de toegang."
        ),
    )
    plan_versions = _PlanVersionsField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Bijgestelde plan-van-aanpakversies"),
    )

    class Meta:
        model = SecondTrack
        fields = [
            "assignment_date",
            "route",
            "bureau_name",
            "bureau_contact",
            "specialist",
            "plan_versions",
            "budget",
            "contract_start",
            "contract_end",
            "started_on",
            "report_interval_weeks",
        ]
        widgets = {
            "assignment_date": DATE,
            "route": forms.RadioSelect,
            "contract_start": DATE,
            "contract_end": DATE,
            "started_on": DATE,
        }

    def __init__(self, *args: Any, case: Any, start: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "route" in self.fields:
            self.fields["route"].choices = Route.choices
        self.fields["plan_versions"].queryset = ActionPlanVersion.objects.filter(
            plan__case=case
        ).order_by("number")
        if not start:
            for name in ("assignment_date", "route", "bureau_name"):
                del self.fields[name]


class EmployeeChoiceForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Uw keuze"),
        widget=forms.RadioSelect,
        choices=[
            (EmployeeChoice.AGREED, _("Ik ga akkoord met het gekozen bureau")),
            (EmployeeChoice.OWN_PROPOSAL, _("Ik stel zelf een ander re-integratiebureau voor")),
        ],
    )
    proposed_bureau = forms.CharField(
        label=_("Welk bureau stelt u voor?"), max_length=200, required=False
    )
    proposal_reason = forms.CharField(
        label=_("Waarom dit bureau?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ProposalAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Antwoord"),
        widget=forms.RadioSelect,
        choices=[
            (ProposalAnswer.ACCEPTED, ProposalAnswer.ACCEPTED.label),
            (ProposalAnswer.DECLINED, ProposalAnswer.DECLINED.label),
        ],
    )
    text = forms.CharField(
        label=_("Motivering (de werknemer leest dit)"), widget=forms.Textarea(attrs={"rows": 4})
    )


class SecondTrackProfileForm(_ServiceValidatedForm):
    class Meta:
        model = SecondTrackProfile
        fields = [
            "education",
            "work_experience",
            "skills",
            "capacity_assessment",
            "functional_possibilities",
            "target_functions",
            "target_sectors",
            "hours_per_week",
            "max_travel_minutes",
            "wage_level",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "education",
                "work_experience",
                "skills",
                "functional_possibilities",
                "target_functions",
                "target_sectors",
            )
        }

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["capacity_assessment"].queryset = WorkCapacityAssessment.objects.filter(
            case=case
        )


class SecondTrackActivityForm(_ServiceValidatedForm):
    """Any kind for HR and the specialist; the employee logs applications and other steps."""

    class Meta:
        model = SecondTrackActivity
        fields = [
            "kind",
            "held_on",
            "description",
            "employer_name",
            "vacancy",
            "application_outcome",
            "placement_start",
            "placement_end",
            "placement_evaluation",
        ]
        widgets = {
            "held_on": DATE,
            "placement_start": DATE,
            "placement_end": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "placement_evaluation": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "employer_name": _("Bij een sollicitatie of plaatsing: de (ontvangende) werkgever."),
        }

    def __init__(self, *args: Any, by_employee: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if by_employee:
            self.fields["kind"].choices = [
                (ActivityKind.APPLICATION, ActivityKind.APPLICATION.label),
                (ActivityKind.OTHER, ActivityKind.OTHER.label),
            ]
            for name in ("placement_start", "placement_end", "placement_evaluation"):
                del self.fields[name]


class ActivityOutcomeForm(_ServiceValidatedForm):
    class Meta:
        model = SecondTrackActivity
        fields = ["application_outcome", "placement_end", "placement_evaluation"]
        widgets = {
            "placement_end": DATE,
            "placement_evaluation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        activity = self.instance
        if activity.is_placement:
            del self.fields["application_outcome"]
        else:
            del self.fields["placement_end"]
            del self.fields["placement_evaluation"]
            self.fields["application_outcome"].choices = [
                c for c in ApplicationOutcome.choices if c[0]
            ]


class ActivityWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom trekt u deze activiteit in?"),
        max_length=300,
        error_messages={"required": _("Geef aan waarom u deze activiteit intrekt.")},
    )


class SecondTrackReportForm(_ServiceValidatedForm):
    upload = forms.FileField(label=_("Rapportage als bestand (optioneel)"), required=False)

    class Meta:
        model = SecondTrackReport
        fields = [
            "report_date",
            "period_start",
            "period_end",
            "progress",
            "next_steps",
            "employee_cooperation",
        ]
        widgets = {
            "report_date": DATE,
            "period_start": DATE,
            "period_end": DATE,
            "progress": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "employee_cooperation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["progress"].required = False
        self.fields["next_steps"].required = False
        self.fields["upload"].help_text = _(
            "Vul de voortgang in, upload de rapportage van het bureau, of allebei. PDF, "
            "afbeelding of Office-document; maximaal %(mb)s MB."
        ) % {"mb": settings.DOCUMENT_MAX_UPLOAD_BYTES // (1024 * 1024)}


class SecondTrackCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Opmerking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf uw opmerking.")},
    )


class SecondTrackEndForm(_ServiceValidatedForm):
    class Meta:
        model = SecondTrack
        fields = ["outcome", "outcome_on", "outcome_text"]
        widgets = {"outcome_on": DATE, "outcome_text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [c for c in TrackOutcome.choices if c[0]]
        for name in self.fields:
            self.fields[name].required = True
