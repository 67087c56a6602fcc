"""Employee import from a payroll CSV: parse and validate (pure), plan against the database, apply.

Documented columns (header row, any order, case-insensitive)::

    personeelsnummer;voornaam;tussenvoegsel;achternaam;bsn;geboortedatum;email;afdeling;
    functie;contracturen;personeelsnummer_leidinggevende;datum_in_dienst;datum_uit_dienst

Delimiter ``;`` or ``,``; UTF-8 with or without BOM; dates ``DD-MM-YYYY`` or ``YYYY-MM-DD``;
contract hours with a decimal comma or point. Required: personeelsnummer, voornaam, achternaam,
bsn, geboortedatum. The employment dates (used by the absence figures) are only written when
given, so an older file without them never clears them. The import updates by personnel number,
never deletes, creates departments on the fly and links managers in a second pass, all in one
transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .employee_row_form import CSV_FIELDS, EmployeeRowForm
from .models import Employee

if TYPE_CHECKING:
    from .models import Employer

COLUMNS = (
    "personeelsnummer",
    "voornaam",
    "tussenvoegsel",
    "achternaam",
    "bsn",
    "geboortedatum",
    "email",
    "afdeling",
    "functie",
    "contracturen",
    "personeelsnummer_leidinggevende",
    "datum_in_dienst",
    "datum_uit_dienst",
)
REQUIRED_COLUMNS = ("personeelsnummer", "voornaam", "achternaam", "bsn", "geboortedatum")
MAX_ROWS = 20000
PROGRESS_EVERY = 500


@dataclass
class EmployeeRow:
    """One valid line of the file, in model terms."""

    line: int
    personnel_number: str
    first_name: str
    name_prefix: str
    last_name: str
    bsn: str
    date_of_birth: date
    email: str
    department: str
    function_title: str
    contract_hours: Decimal
    manager_number: str
    employment_start_date: date | None = None
    employment_end_date: date | None = None
    action: str = ""  # create / update / unchanged, set by the plan

    @property
    def masked_bsn(self) -> str:
        return "*" * 6 + self.bsn[-3:]

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)

    def model_fields(self) -> dict[str, object]:
        return {
            "first_name": self.first_name,
            "name_prefix": self.name_prefix,
            "last_name": self.last_name,
            "bsn": self.bsn,
            "date_of_birth": self.date_of_birth,
            "email": self.email,
            "function_title": self.function_title,
            "contract_hours": self.contract_hours,
        } | {
            name: getattr(self, name)
            for name in ("employment_start_date", "employment_end_date")
            if getattr(self, name) is not None
        }


@dataclass
class ImportReport:
    """What an import would do (or did): valid rows, file errors and per-line errors."""

    rows: list[EmployeeRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    row_errors: dict[int, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.row_errors

    def add_row_error(self, line: int, message: str) -> None:
        self.row_errors.setdefault(line, []).append(message)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def sorted_row_errors(self) -> list[tuple[int, list[str]]]:
        return sorted(self.row_errors.items())


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _(
                "Het bestand is niet in UTF-8 opgeslagen. Sla het in uw salarispakket of "
                "spreadsheet op als 'CSV UTF-8' en probeer het opnieuw."
            )
        ) from exc


def _form_data(raw: dict[str, str]) -> dict[str, str]:
    """Return the form data of one row keyed by CSV column, as payroll files write it."""
    data = {field: (raw.get(column) or "").strip() for column, field in CSV_FIELDS.items()}
    if len(data["bsn"]) == 8 and data["bsn"].isdigit():
        data["bsn"] = "0" + data["bsn"]  # spreadsheets drop the leading zero
    data["contract_hours"] = data["contract_hours"].replace(",", ".")
    return data


def clean_employee_values(
    raw: dict[str, str], *, today: date | None = None
) -> tuple[dict[str, object], dict[str, list[str]]]:
    """Validate one employee (values keyed by CSV column) with the import's own row form.

    Return the values, cleaned where valid, and the Dutch errors per column (``__all__`` for
    errors of the row as a whole). The CSV import and the API refuse for the same reasons.
    """
    data = _form_data(raw)
    form = EmployeeRowForm(data, today=today)
    valid = form.is_valid()
    columns = {field: column for column, field in CSV_FIELDS.items()}
    values: dict[str, object] = {column: data[field] for column, field in CSV_FIELDS.items()}
    if valid:
        values |= {columns[f]: v for f, v in form.cleaned_data.items() if f in columns}
    errors = {columns.get(f, f): list(messages) for f, messages in form.errors.items()}
    return values, errors


def _parse_row(
    line: int, raw: dict[str, str], report: ImportReport, form: EmployeeRowForm
) -> EmployeeRow | None:
    """Validate one line through :class:`EmployeeRowForm` (the model's rules); return the row,
    or None after adding its errors to the report."""
    form.revalidate(_form_data(raw))
    if not form.is_valid():
        for message in form.row_errors():
            report.add_row_error(line, message)
        return None
    value = form.cleaned_data
    return EmployeeRow(
        line=line,
        personnel_number=value["personnel_number"],
        first_name=value["first_name"],
        name_prefix=value["name_prefix"],
        last_name=value["last_name"],
        bsn=value["bsn"],
        date_of_birth=value["date_of_birth"],
        email=value["email"],
        department=value["department"],
        function_title=value["function_title"],
        contract_hours=value["contract_hours"],
        manager_number=value["manager_number"],
        employment_start_date=value["employment_start_date"],
        employment_end_date=value["employment_end_date"],
    )


def parse_employee_csv(
    data: bytes,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Parse and validate a payroll CSV without touching the database; every line goes through
    the model's rules, so what this accepts the import writes. ``progress(done, total)`` is
    called every :data:`PROGRESS_EVERY` lines."""
    report = ImportReport()
    today = today or timezone.localdate()
    try:
        text = _decode(data)
    except ValidationError as exc:
        report.file_errors.extend(exc.messages)
        return report
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if reader.fieldnames is None:
        report.file_errors.append(_("Het bestand is leeg."))
        return report
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    missing = [column for column in REQUIRED_COLUMNS if column not in reader.fieldnames]
    if missing:
        report.file_errors.append(
            _("Ontbrekende kolommen: %(columns)s. Verwacht: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ";".join(COLUMNS)}
        )
        return report
    seen_numbers: dict[str, int] = {}
    seen_bsns: dict[str, int] = {}
    total = max(text.count("\n"), 1)
    form = EmployeeRowForm({}, today=today)  # one form, bound to each line in turn
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            report.file_errors.append(_("Te veel regels (maximaal %(n)s).") % {"n": MAX_ROWS})
            break
        if progress is not None and line % PROGRESS_EVERY == 0:
            progress(line, total)
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        row = _parse_row(line, raw, report, form)
        if row is None:
            continue
        for key, seen, message in (
            (
                row.personnel_number,
                seen_numbers,
                _("Personeelsnummer %(v)s staat al op regel %(l)s."),
            ),
            (row.bsn, seen_bsns, _("Dit BSN staat al op regel %(l)s.")),
        ):
            if key in seen:
                report.add_row_error(line, message % {"v": key, "l": seen[key]})
            else:
                seen[key] = line
        report.rows.append(row)
    if not report.rows and not report.row_errors and not report.file_errors:
        report.file_errors.append(_("Het bestand bevat geen werknemers."))
    return report


def plan_employee_import(*, employer: Employer, report: ImportReport) -> ImportReport:
    """Check the parsed rows against the employer's employees; mark each row's action."""
    employees = Employee.objects.filter(employer=employer).select_related("department", "manager")
    existing = {e.personnel_number: e for e in employees}
    by_bsn = {e.bsn: e.personnel_number for e in existing.values()}
    known_numbers = {row.personnel_number for row in report.rows} | set(existing)
    for row in report.rows:
        other = by_bsn.get(row.bsn)
        if other is not None and other != row.personnel_number:
            report.add_row_error(
                row.line,
                _("Dit BSN hoort al bij personeelsnummer %(number)s.") % {"number": other},
            )
        if row.manager_number and row.manager_number not in known_numbers:
            report.add_row_error(
                row.line,
                _("Leidinggevende met personeelsnummer %(number)s bestaat niet.")
                % {"number": row.manager_number},
            )
        current = existing.get(row.personnel_number)
        if current is None:
            row.action = "create"
        elif _changed(current, row):
            row.action = "update"
        else:
            row.action = "unchanged"
    return report


def _changed(employee: object, row: EmployeeRow) -> bool:
    fields = row.model_fields()
    if any(getattr(employee, name) != value for name, value in fields.items()):
        return True
    department = employee.department.name if employee.department_id else ""  # type: ignore[attr-defined]
    manager = employee.manager.personnel_number if employee.manager_id else ""  # type: ignore[attr-defined]
    return department != row.department or manager != row.manager_number


def employee_import_preview(
    *,
    employer: Employer,
    data: bytes,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Return the dry-run report of importing `data` for `employer`; changes nothing."""
    report = parse_employee_csv(data, progress=progress)
    if report.file_errors:
        return report
    return plan_employee_import(employer=employer, report=report)
