"""The form that validates one line of a payroll CSV with the Employee model's own rules.

Max lengths, the BSN elfproef, the e-mail format and the contract-hours range come from the
model fields (and its check constraints, restated here because evaluating them through the
database would cost a query per line); plausible dates are added on top (the birth date by
`date_validators.validate_birth_date`, which the API shares through `clean_employee_values`).
Uniqueness within the employer is checked for the whole file at once by the plan, not per line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from .date_validators import MIN_EMPLOYEE_AGE, add_years, validate_birth_date
from .models import Department, Employee

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]
MAX_HOURS = Decimal(80)

#: CSV column → form field.
CSV_FIELDS = {
    "personeelsnummer": "personnel_number",
    "voornaam": "first_name",
    "tussenvoegsel": "name_prefix",
    "achternaam": "last_name",
    "bsn": "bsn",
    "geboortedatum": "date_of_birth",
    "email": "email",
    "afdeling": "department",
    "functie": "function_title",
    "contracturen": "contract_hours",
    "personeelsnummer_leidinggevende": "manager_number",
    "datum_in_dienst": "employment_start_date",
    "datum_uit_dienst": "employment_end_date",
}


class EmployeeRowForm(forms.ModelForm):
    department = forms.CharField(
        max_length=Department._meta.get_field("name").max_length, required=False
    )
    manager_number = forms.CharField(
        max_length=Employee._meta.get_field("personnel_number").max_length, required=False
    )

    class Meta:
        model = Employee
        fields = [
            "personnel_number",
            "first_name",
            "name_prefix",
            "last_name",
            "bsn",
            "date_of_birth",
            "email",
            "function_title",
            "contract_hours",
            "employment_start_date",
            "employment_end_date",
        ]

    def __init__(self, *args, today: date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        for name in ("date_of_birth", "employment_start_date", "employment_end_date"):
            self.fields[name].input_formats = DATE_FORMATS
            self.fields[name].error_messages["invalid"] = _(
                "%(field)s niet herkend; gebruik DD-MM-JJJJ of JJJJ-MM-DD."
            ) % {"field": self.fields[name].label.capitalize()}
        hours = self.fields["contract_hours"]
        hours.required = False
        hours.validators += [MinValueValidator(Decimal(0)), MaxValueValidator(MAX_HOURS)]

    def revalidate(self, data: dict[str, str]) -> None:
        """Bind this form to another line (building a form per line costs more than checking)."""
        self.data = data
        self.instance = Employee()
        self._errors = None

    def clean_contract_hours(self) -> Decimal:
        return self.cleaned_data["contract_hours"] or Decimal(0)

    def clean_date_of_birth(self) -> date:
        birth = self.cleaned_data["date_of_birth"]
        validate_birth_date(birth, today=self.today)
        return birth

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("employment_start_date"), data.get("employment_end_date")
        birth = data.get("date_of_birth")
        if start and end and end < start:
            self.add_error(None, _("De datum uit dienst ligt vóór de datum in dienst."))
        if start and birth and start < add_years(birth, MIN_EMPLOYEE_AGE):
            self.add_error(None, _("De datum in dienst ligt vóór de dertiende verjaardag."))
        if start and start > add_years(self.today, 1):
            self.add_error(None, _("De datum in dienst ligt meer dan een jaar in de toekomst."))
        number = data.get("personnel_number")
        if number and number == data.get("manager_number"):
            self.add_error(None, _("Een werknemer kan niet zijn eigen leidinggevende zijn."))
        return data

    # The model's field validators and `clean()` run (ModelForm's `_post_clean`); its unique and
    # check constraints would cost queries per line: uniqueness is checked for the whole file by
    # the plan, the check constraints are restated in the fields and `clean()` above.
    def validate_unique(self) -> None:
        pass

    def validate_constraints(self) -> None:
        pass

    def row_errors(self) -> list[str]:
        """Return each error as one Dutch sentence naming its column."""
        messages = []
        columns = {field: column for column, field in CSV_FIELDS.items()}
        for field, errors in self.errors.items():
            for error in errors:
                if field == "__all__":
                    messages.append(error)
                elif field in ("date_of_birth", "employment_start_date", "employment_end_date"):
                    messages.append(error)  # the message names the column already
                else:
                    messages.append(f"{columns[field]}: {error}")
        return messages
