"""Forms for the case pages (crispy, Bootstrap 5). Business rules live in the services."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User

from .date_validators import first_sick_day_needs_confirmation, validate_first_sick_day_recent
from .models import Employer, SafetyNetSituation
from .transitions import close_choices

MEDICAL_WARNING = _(
    "Leg hier geen medische informatie vast: geen diagnose, oorzaak, klachten of behandeling, "
    "ook niet als de werknemer die zelf vertelt (AVG)."
)


def medical_warning() -> HTML:
    """Return the visible warning shown above free-text fields (domain reference §4.2)."""
    return HTML(
        format_html(
            '<div class="alert alert-warning medical-warning" role="note">'
            '<i class="bi bi-exclamation-triangle" aria-hidden="true"></i> {}</div>',
            MEDICAL_WARNING,
        )
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CrispyForm(forms.Form):
    """A form with a crispy helper and one submit button labelled `submit_label`."""

    submit_label = _("Opslaan")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = self.get_layout()
        self.helper.add_input(Submit("submit", self.submit_label))

    def get_layout(self) -> Layout:
        return Layout(*self.fields)


YES_NO_UNKNOWN = [("", _("Onbekend")), ("yes", _("Ja")), ("no", _("Nee"))]
YES_NO = [("no", _("Nee")), ("yes", _("Ja"))]


def _to_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class OldFirstSickDayCheck(CrispyForm):
    """A form with a first sick day that asks to confirm one more than two years back.

    The confirmation box appears (with a warning) once such a date was entered; the form keeps
    refusing the date until the box is ticked. Everything typed is re-displayed.
    """

    #: The name of the form's first-sick-day field.
    first_sick_day_field = "first_sick_day"

    first_sick_day_confirmed = forms.BooleanField(
        label=_("Ik heb de datum gecontroleerd: de eerste ziektedag ligt meer dan twee jaar terug"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.asks_confirmation = False
        super().__init__(*args, **kwargs)
        if self.data.get(self.add_prefix("first_sick_day_confirmed")):
            self._ask_confirmation()

    def _ask_confirmation(self) -> None:
        self.asks_confirmation = True
        self.helper.layout = self.get_layout()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day = data.get(self.first_sick_day_field)
        if day and first_sick_day_needs_confirmation(day):
            self._ask_confirmation()
            try:
                validate_first_sick_day_recent(
                    day, confirmed=data.get("first_sick_day_confirmed", False)
                )
            except forms.ValidationError as error:
                self.add_error(self.first_sick_day_field, error)
        return data

    def confirmation_layout(self) -> list:
        """Return the warning and the confirmation box, once they are needed."""
        if not self.asks_confirmation:
            return []
        warning = _(
            "Een eerste ziektedag van meer dan twee jaar geleden is ongebruikelijk: de wachttijd "
            "van 104 weken is dan al voorbij. Controleer het jaartal."
        )
        return [
            HTML(
                format_html(
                    '<div class="alert alert-warning old-first-sick-day" role="alert">{}</div>',
                    warning,
                )
            ),
            "first_sick_day_confirmed",
        ]


class SickReportForm(OldFirstSickDayCheck):
    """Ziekmelding: the EZD and only the data of domain reference §4.2."""

    submit_label = _("Ziekmelding opslaan")

    employee = forms.ModelChoiceField(label=_("Werknemer"), queryset=None)
    first_sick_day = forms.DateField(
        label=_("Eerste ziektedag"),
        widget=DateInput(),
        help_text=_(
            "De eerste geplande werkdag waarop niet is gewerkt wegens ziekte. Ziek op zaterdag "
            "bij een werkweek van maandag tot vrijdag: dan is maandag de eerste ziektedag."
        ),
    )
    reported_on = forms.DateField(
        label=_("Ziek gemeld op"), widget=DateInput(), initial=timezone.localdate
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer tijdens ziekte"), max_length=30, required=False
    )
    contact_address = forms.CharField(
        label=_("(Verpleeg)adres tijdens ziekte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expected_duration = forms.CharField(label=_("Verwachte duur"), max_length=200, required=False)
    appointments_note = forms.CharField(
        label=_("Lopende afspraken en werkzaamheden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    safety_net_applies = forms.TypedChoiceField(
        label=_("Valt onder een vangnetregeling van de Ziektewet"),
        help_text=_("Alleen of dat zo is, niet welke regeling."),
        choices=YES_NO_UNKNOWN,
        coerce=_to_bool,
        empty_value=None,
        required=False,
    )
    work_accident = forms.TypedChoiceField(
        label=_("Verband met een bedrijfsongeval"), choices=YES_NO, coerce=_to_bool
    )
    liable_third_party = forms.TypedChoiceField(
        label=_("Ongeval met een aansprakelijke derde (regres)"), choices=YES_NO, coerce=_to_bool
    )

    def __init__(self, *args: Any, employees: Any, relapse: bool = False, **kwargs: Any) -> None:
        #: Whether the initial contact details come from the case a relapse is summed with.
        self.relapse = relapse
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees
        if employees.count() == 1:
            self.fields["employee"].initial = employees.first()

    def get_layout(self) -> Layout:
        relapse_note = (
            [
                HTML(
                    format_html(
                        '<div class="alert alert-info relapse-note" role="note">{}</div>',
                        _(
                            "Terugval binnen vier weken na herstel: de contactgegevens van het "
                            "vorige verzuimdossier zijn ingevuld. Pas ze aan als ze veranderd zijn."
                        ),
                    )
                )
            ]
            if self.relapse
            else []
        )
        return Layout(
            "employee",
            Div(
                Div("first_sick_day", css_class="col-md-6"),
                Div("reported_on", css_class="col-md-6"),
                css_class="row",
            ),
            *self.confirmation_layout(),
            medical_warning(),
            *relapse_note,
            "contact_phone",
            "contact_address",
            "expected_duration",
            "appointments_note",
            Field("safety_net_applies"),
            "work_accident",
            "liable_third_party",
        )


def _yes_no_value(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


class CaseDetailsForm(CrispyForm):
    """Change the ziekmelding details of §4.2 after the ziekmelding."""

    submit_label = _("Gegevens opslaan")

    contact_phone = SickReportForm.base_fields["contact_phone"]
    contact_address = SickReportForm.base_fields["contact_address"]
    expected_duration = SickReportForm.base_fields["expected_duration"]
    appointments_note = SickReportForm.base_fields["appointments_note"]
    safety_net_applies = SickReportForm.base_fields["safety_net_applies"]
    safety_net_situation = forms.ChoiceField(
        label=_("Vangnetsituatie (voor de termijn van de melding aan UWV)"),
        choices=SafetyNetSituation.choices,
        required=False,
        help_text=_(
            "Alleen de categorie die de termijn van de ziekmelding bij UWV bepaalt; nooit een "
            "diagnose of andere medische gegevens."
        ),
    )
    employment_end_date = forms.DateField(
        label=_("Laatste werkdag, als het dienstverband tijdens de ziekte eindigt"),
        required=False,
        widget=DateInput(),
        help_text=_("Meld de werknemer op die dag ziek bij UWV."),
    )
    work_accident = SickReportForm.base_fields["work_accident"]
    liable_third_party = SickReportForm.base_fields["liable_third_party"]

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        initial = {
            "contact_phone": case.contact_phone,
            "contact_address": case.contact_address,
            "expected_duration": case.expected_duration,
            "appointments_note": case.appointments_note,
            "safety_net_applies": _yes_no_value(case.safety_net_applies),
            "safety_net_situation": case.safety_net_situation,
            "employment_end_date": case.employment_end_date,
            "work_accident": _yes_no_value(case.work_accident),
            "liable_third_party": _yes_no_value(case.liable_third_party),
        }
        super().__init__(*args, initial=initial, **kwargs)

    def get_layout(self) -> Layout:
        return Layout(
            medical_warning(),
            "contact_phone",
            "contact_address",
            "expected_duration",
            "appointments_note",
            Field("safety_net_applies"),
            "safety_net_situation",
            "employment_end_date",
            "work_accident",
            "liable_third_party",
        )


class _MemberField(forms.ModelChoiceField):
    """A team member choice: the person's name and e-mail, "nobody" allowed."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            queryset=User.objects.none(),
            required=False,
            empty_label=_("— niemand —"),
            **kwargs,
        )

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.email})"


def active_users(role: str) -> Any:
    return User.objects.filter(role=role, is_active=True).order_by("full_name", "pk")


class CaseTeamForm(CrispyForm):
    """The case team: casemanager, bedrijfsarts, arbeidsdeskundige / re-integratiebureau."""

    submit_label = _("Team opslaan")

    casemanager = _MemberField(label=_("Casemanager"))
    physician = _MemberField(
        label=_("Bedrijfsarts"),
        help_text=_("Alleen de toegewezen bedrijfsarts ziet het dossier en medische gegevens."),
    )
    specialist = _MemberField(label=_("Arbeidsdeskundige / re-integratiebureau"))

    def __init__(self, *args: Any, case: Any, team: dict[str, Any], **kwargs: Any) -> None:
        initial = {name: user.pk if user else None for name, user in team.items()}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["casemanager"].queryset = case.employer.hr_users.filter(is_active=True)
        self.fields["physician"].queryset = active_users(Role.OCCUPATIONAL_PHYSICIAN)
        self.fields["specialist"].queryset = active_users(Role.REINTEGRATION_SPECIALIST)


class EmployerDefaultsForm(CrispyForm):
    """What a new case of the employer gets: its casemanager and its contracted bedrijfsarts."""

    submit_label = _("Standaardteam opslaan")

    default_casemanager = _MemberField(
        label=_("Standaard casemanager"),
        help_text=_(
            "Zonder standaard casemanager wordt de HR-medewerker die de ziekmelding doet "
            "casemanager."
        ),
    )
    default_physician = _MemberField(
        label=_("Gecontracteerde bedrijfsarts"),
        help_text=_("Nieuwe verzuimdossiers worden direct aan deze bedrijfsarts toegewezen."),
    )

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        initial = {
            "default_casemanager": employer.default_casemanager_id,
            "default_physician": employer.default_physician_id,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["default_casemanager"].queryset = employer.hr_users.filter(is_active=True)
        self.fields["default_physician"].queryset = active_users(Role.OCCUPATIONAL_PHYSICIAN)


class RecoveryForm(CrispyForm):
    submit_label = _("Herstel melden")

    recovery_date = forms.DateField(
        label=_("Hersteld per"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=_("De eerste dag waarop de werknemer weer volledig het eigen werk doet."),
    )


class WorkResumptionForm(CrispyForm):
    submit_label = _("Werkhervatting vastleggen")

    start = forms.DateField(label=_("Met ingang van"), widget=DateInput())
    percentage_sick = forms.IntegerField(
        label=_("Percentage ziek"), help_text=_("0 tot en met 100.")
    )
    hours_worked = forms.DecimalField(
        label=_("Gewerkte uren per week"), max_digits=4, decimal_places=1, required=False
    )
    therapeutic = forms.BooleanField(
        label=_("Arbeidstherapeutisch werken (blijft volledig ziek gemeld)"), required=False
    )


class LeavePeriodForm(CrispyForm):
    submit_label = _("Verlof vastleggen")

    start = forms.DateField(label=_("Eerste verlofdag"), widget=DateInput())
    end = forms.DateField(label=_("Laatste verlofdag"), widget=DateInput())
    same_cause = forms.BooleanField(
        label=_("Ziekte na het verlof heeft dezelfde oorzaak als ervoor"),
        required=False,
        initial=True,
        help_text=_("Vermeld de oorzaak zelf niet."),
    )


class FirstSickDayCorrectionForm(OldFirstSickDayCheck):
    submit_label = _("Eerste ziektedag corrigeren")
    first_sick_day_field = "new_date"

    new_date = forms.DateField(label=_("Juiste eerste ziektedag"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reden van de correctie"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def get_layout(self) -> Layout:
        return Layout("new_date", *self.confirmation_layout(), medical_warning(), "reason")


class CloseCaseForm(CrispyForm):
    submit_label = _("Dossier afsluiten")

    reason = forms.ChoiceField(label=_("Reden"))

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = close_choices(case.status)


class EmployeeImportForm(CrispyForm):
    submit_label = _("Controleren (proefimport)")

    employer = forms.ModelChoiceField(label=_("Werkgever"), queryset=Employer.objects.none())
    file = forms.FileField(
        label=_("CSV-bestand uit de salarisadministratie"),
        help_text=_(
            "Kolommen: personeelsnummer; voornaam; tussenvoegsel; achternaam; bsn; "
            "geboortedatum; email; afdeling; functie; contracturen; "
            "personeelsnummer_leidinggevende. Scheidingsteken ; of , — UTF-8."
        ),
    )

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        if employers.count() == 1:
            self.fields["employer"].initial = employers.first()
            self.fields["employer"].widget = forms.HiddenInput()
        self.helper.form_enctype = "multipart/form-data"


class InvitationForm(CrispyForm):
    """Invite someone by e-mail; the roles offered depend on where HR starts from."""

    submit_label = _("Uitnodiging versturen")

    employer = forms.ModelChoiceField(label=_("Werkgever"), queryset=Employer.objects.none())
    full_name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Rol"))

    def __init__(
        self, *args: Any, employers: Any, roles: list[str], initial: dict | None = None, **kwargs
    ) -> None:
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["employer"].queryset = employers
        if employers.count() == 1:
            self.fields["employer"].initial = employers.first()
            self.fields["employer"].widget = forms.HiddenInput()
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]


class InvitationAcceptForm(SetPasswordForm):
    """Choose the password of the invited account (Django's password rules, in Dutch)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Wachtwoord instellen en inloggen")))
