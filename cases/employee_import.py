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
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .validators import bsn_is_valid

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


def _parse_date(value: str) -> date:
    for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def _parse_hours(value: str) -> Decimal:
    if not value:
        return Decimal(0)
    hours = Decimal(value.replace(",", "."))
    if not Decimal(0) <= hours <= Decimal(80) or hours.as_tuple().exponent < -1:
        raise InvalidOperation(value)
    return hours


def clean_employee_values(
    raw: dict[str, str],
) -> tuple[dict[str, object], dict[str, list[str]]]:
    """Validate one employee's values (keyed by the CSV column names) without the database.

    Return the cleaned values and the Dutch errors per column; the CSV import and the API both
    validate through here, so a row and a request are refused for the same reasons.
    """
    value = {column: (raw.get(column) or "").strip() for column in COLUMNS}
    errors: dict[str, list[str]] = {}

    def error(column: str, message: str) -> None:
        errors.setdefault(column, []).append(message)

    for column in REQUIRED_COLUMNS:
        if not value[column]:
            error(column, _("Kolom '%(column)s' is leeg.") % {"column": column})
    bsn = value["bsn"]
    if bsn and len(bsn) == 8 and bsn.isdigit():
        bsn = "0" + bsn  # spreadsheets drop the leading zero
    if bsn and not bsn_is_valid(bsn):
        error("bsn", _("Ongeldig BSN (9 cijfers, elfproef)."))
    birth = None
    if value["geboortedatum"]:
        try:
            birth = _parse_date(value["geboortedatum"])
        except ValueError:
            error(
                "geboortedatum", _("Geboortedatum niet herkend; gebruik DD-MM-JJJJ of JJJJ-MM-DD.")
            )
    if value["email"]:
        try:
            validate_email(value["email"])
        except ValidationError:
            error("email", _("Ongeldig e-mailadres."))
    try:
        hours = _parse_hours(value["contracturen"])
    except InvalidOperation:
        error("contracturen", _("Contracturen moeten een getal tussen 0 en 80 zijn."))
        hours = Decimal(0)
    employment: dict[str, date | None] = {}
    for column in ("datum_in_dienst", "datum_uit_dienst"):
        try:
            employment[column] = _parse_date(value[column]) if value[column] else None
        except ValueError:
            error(
                column,
                _("Kolom '%(column)s' niet herkend; gebruik DD-MM-JJJJ of JJJJ-MM-DD.")
                % {"column": column},
            )
    start, end = employment.get("datum_in_dienst"), employment.get("datum_uit_dienst")
    if start and end and end < start:
        error("datum_uit_dienst", _("De datum uit dienst ligt vóór de datum in dienst."))
    if (
        value["personeelsnummer"]
        and value["personeelsnummer"] == value["personeelsnummer_leidinggevende"]
    ):
        error(
            "personeelsnummer_leidinggevende",
            _("Een werknemer kan niet zijn eigen leidinggevende zijn."),
        )
    cleaned: dict[str, object] = {
        **value,
        "bsn": bsn,
        "geboortedatum": birth,
        "contracturen": hours,
        "datum_in_dienst": start,
        "datum_uit_dienst": end,
    }
    return cleaned, errors


def _parse_row(line: int, raw: dict[str, str], report: ImportReport) -> EmployeeRow | None:
    value, errors = clean_employee_values(raw)
    for messages in errors.values():
        for message in messages:
            report.add_row_error(line, message)
    if errors:
        return None
    return EmployeeRow(
        line=line,
        personnel_number=value["personeelsnummer"],  # type: ignore[arg-type]
        first_name=value["voornaam"],  # type: ignore[arg-type]
        name_prefix=value["tussenvoegsel"],  # type: ignore[arg-type]
        last_name=value["achternaam"],  # type: ignore[arg-type]
        bsn=value["bsn"],  # type: ignore[arg-type]
        date_of_birth=value["geboortedatum"],  # type: ignore[arg-type]
        email=value["email"],  # type: ignore[arg-type]
        department=value["afdeling"],  # type: ignore[arg-type]
        function_title=value["functie"],  # type: ignore[arg-type]
        contract_hours=value["contracturen"],  # type: ignore[arg-type]
        manager_number=value["personeelsnummer_leidinggevende"],  # type: ignore[arg-type]
        employment_start_date=value["datum_in_dienst"],  # type: ignore[arg-type]
        employment_end_date=value["datum_uit_dienst"],  # type: ignore[arg-type]
    )


def parse_employee_csv(data: bytes) -> ImportReport:
    """Parse and validate a payroll CSV without touching the database."""
    report = ImportReport()
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
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            report.file_errors.append(_("Te veel regels (maximaal %(n)s).") % {"n": MAX_ROWS})
            break
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        row = _parse_row(line, raw, report)
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
    from .models import Employee

    employees = Employee.objects.filter(employer=employer).select_related("department", "manager")
    existing = {e.personnel_number: e for e in employees}
    by_bsn = {e.bsn: e.personnel_number for e in existing.values()}
    numbers_in_file = {row.personnel_number for row in report.rows}
    for row in report.rows:
        other = by_bsn.get(row.bsn)
        if other is not None and other != row.personnel_number:
            report.add_row_error(
                row.line,
                _("Dit BSN hoort al bij personeelsnummer %(number)s.") % {"number": other},
            )
        if row.manager_number and row.manager_number not in numbers_in_file | set(existing):
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


def employee_import_preview(*, employer: Employer, data: bytes) -> ImportReport:
    """Return the dry-run report of importing `data` for `employer`; changes nothing."""
    report = parse_employee_csv(data)
    if report.file_errors:
        return report
    return plan_employee_import(employer=employer, report=report)
