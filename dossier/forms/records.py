"""Forms of the dossier pages (crispy-rendered); the services do the real validation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import (
    ActionPlanActivity,
    ActionPlanVersion,
    Document,
    Evaluation,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
    WorkCapacityAssessment,
    WorkPrognosis,
)
from ..models.statements import CAPACITY_SECTIONS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatementForm(forms.ModelForm):
    """Work-advice part plus, in a separate fieldset, the confidential medical part."""

    diagnosis = forms.CharField(label=_("Diagnose"), widget=forms.Textarea, required=False)
    history = forms.CharField(
        label=_("Anamnese / voorgeschiedenis"), widget=forms.Textarea, required=False
    )
    treatment = forms.CharField(label=_("Behandeling"), widget=forms.Textarea, required=False)

    class Meta:
        model = PhysicianStatement
        fields = [
            "kind",
            "statement_date",
            "functional_limitations",
            "possibilities",
            "prognosis",
            "advice",
            "expected_return",
            "work_prognosis",
            "medical_information_sent_on",
        ]
        widgets = {"statement_date": DATE, "medical_information_sent_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = StatementKind.choices
        self.fields["work_prognosis"].required = False

    def clean(self) -> dict[str, Any]:
        """Keep the medische-informatie date only on an actueel oordeel."""
        data = super().clean()
        data["work_prognosis"] = data.get("work_prognosis") or WorkPrognosis.UNKNOWN
        sent = data.get("medical_information_sent_on")
        if sent and data.get("kind") != StatementKind.CURRENT_ASSESSMENT:
            self.add_error(
                "medical_information_sent_on",
                _("Vul deze datum alleen in bij een actueel oordeel."),
            )
        return data


class CapacityForm(forms.ModelForm):
    class Meta:
        model = WorkCapacityAssessment
        fields = [
            "assessed_on",
            "valid_until",
            *(f"{p}_{s}" for p, _label in CAPACITY_SECTIONS for s in ("limited", "notes")),
        ]
        widgets = {"assessed_on": DATE, "valid_until": DATE}


class PlanVersionForm(forms.ModelForm):
    class Meta:
        model = ActionPlanVersion
        fields = [
            "based_on",
            "goal",
            "goal_term",
            "evaluation_frequency_weeks",
            "casemanager",
            "employer_view",
            "employee_view",
        ]

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["based_on"].queryset = PhysicianStatement.objects.filter(
            case=case,
            kind__in=[StatementKind.PROBLEM_ANALYSIS, StatementKind.PROBLEM_ANALYSIS_REVISION],
        )


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ActionPlanActivity
        fields = ["description", "responsible", "starts_on", "status"]
        widgets = {"starts_on": DATE}


ActivityFormSet = forms.formset_factory(ActivityForm, extra=2, can_delete=True)


def activities_from(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """Return the filled-in, not deleted activities of a valid formset."""
    return [
        {k: f.cleaned_data[k] for k in ("description", "responsible", "starts_on", "status")}
        for f in formset.forms
        if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


class AgreeForm(forms.Form):
    comment = forms.CharField(
        label=_("Opmerking (optioneel)"), widget=forms.Textarea, required=False
    )


class DisagreeForm(forms.Form):
    reason = forms.CharField(label=_("Waarom gaat u niet akkoord?"), widget=forms.Textarea)


class TalkForm(forms.ModelForm):
    class Meta:
        model = ProgressTalk
        fields = [
            "held_on",
            "participants",
            "agreements",
            "employer_view",
            "employee_view",
            "next_talk_on",
        ]
        widgets = {"held_on": DATE, "next_talk_on": DATE}

    def __init__(self, *args: Any, activities: list[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activity_names = list(activities)
        for index, name in enumerate(self.activity_names):
            self.fields[f"progress_{index}"] = forms.CharField(
                label=_("Voortgang: %(activity)s") % {"activity": name},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def activity_progress(self) -> list[dict[str, str]]:
        return [
            {"activity": name, "progress": self.cleaned_data.get(f"progress_{i}", "")}
            for i, name in enumerate(self.activity_names)
        ]


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["held_on", "look_back", "look_forward", "employer_view", "employee_view"]
        widgets = {"held_on": DATE}
        labels = {"employee_view": _("Visie werknemer, namens de werknemer vastgelegd (optioneel)")}
        help_texts = {
            "employee_view": _(
                "Laat leeg als de werknemer de eigen visie zelf in het portaal schrijft. Wat u "
                "hier invult, staat in het verslag als 'namens de werknemer vastgelegd door HR'."
            )
        }


class OpinionForm(forms.Form):
    text = forms.CharField(label=_("Uw oordeel over de re-integratie"), widget=forms.Textarea)


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(label=_("Bestand"))
    belongs_to = forms.ChoiceField(
        label=_("Hoort bij"),
        required=False,
        help_text=_("Het oordeel, plan, gesprek of de evaluatie waar dit document bij hoort."),
    )

    class Meta:
        model = Document
        fields = ["title", "is_medical"]

    def __init__(
        self,
        *args: Any,
        allow_medical: bool = False,
        records: list[tuple[str, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _(
            "PDF, afbeelding of Office-document; maximaal %(mb)s MB."
        ) % {"mb": settings.DOCUMENT_MAX_UPLOAD_BYTES // (1024 * 1024)}
        self.fields["belongs_to"].choices = records or [("", Document.RecordKind.NONE.label)]
        if not allow_medical:
            del self.fields["is_medical"]


class DocumentVersionForm(forms.Form):
    upload = forms.FileField(label=_("Nieuwe versie"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=300, required=False)
