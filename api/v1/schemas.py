"""Request and response shapes of API v1 (they also make the OpenAPI schema)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class EmployeeIn(Strict):
    """An employee as the payroll system knows it (the CSV import's columns)."""

    first_name: str = Field(..., max_length=100)
    name_prefix: str = Field("", max_length=30)
    last_name: str = Field(..., max_length=150)
    bsn: str = Field(..., description="Burgerservicenummer, 9 digits, elfproef.")
    date_of_birth: date
    email: str = ""
    department: str = Field("", description="Name of an existing department of the employer.")
    function_title: str = Field("", max_length=200)
    contract_hours: Decimal = Field(Decimal(0), description="0 to 80, one decimal.")
    manager_personnel_number: str = ""


class EmployeeCreate(EmployeeIn):
    personnel_number: str = Field(..., max_length=32)


class EmployeeOut(Schema):
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
    manager_personnel_number: str
    employment_end_date: date | None
    etag: str


class EmployeePage(Schema):
    items: list[EmployeeOut]
    next_cursor: str | None


class SickReportIn(Strict):
    """A ziekmelding: only what an employer may record (nothing about the illness)."""

    first_sick_day: date
    reported_on: date | None = None
    contact_phone: str = Field("", max_length=30)
    contact_address: str = ""
    expected_duration: str = Field("", max_length=200)
    appointments_note: str = ""
    safety_net_applies: bool | None = None
    work_accident: bool = False
    liable_third_party: bool = False
    #: Required (true) when the first sick day lies more than two years back, as in the form.
    first_sick_day_confirmed: bool = False


class PartialRecoveryIn(Strict):
    start: date
    percentage_sick: int
    hours_worked: Decimal | None = None
    therapeutic: bool = False


class RecoveryIn(Strict):
    recovery_date: date


class CaseSummaryOut(Schema):
    id: int
    personnel_number: str
    status: str
    close_reason: str
    first_sick_day: date
    reported_on: date
    week_of_illness: int | None
    next_deadline: date | None
    safety_net_applies: bool | None
    work_accident: bool
    liable_third_party: bool
    updated_at: datetime


class CasePage(Schema):
    items: list[CaseSummaryOut]
    next_cursor: str | None


class PeriodOut(Schema):
    start: date
    end: date | None


class WorkResumptionOut(Schema):
    start: date
    percentage_sick: int


class MilestoneOut(Schema):
    id: int
    case_id: int
    kind: str
    label: str
    due_date: date | None
    status: str
    responsible_role: str
    completed_on: date | None


class CaseDetailOut(CaseSummaryOut):
    sick_periods: list[PeriodOut]
    work_resumptions: list[WorkResumptionOut]
    milestones: list[MilestoneOut]
    etag: str


class SickReportOut(Schema):
    case: CaseSummaryOut
    summed: bool = Field(..., description="Samentelling: summed with the previous case (§2.1).")
    explanation: str


class PartialRecoveryOut(Schema):
    case: CaseSummaryOut
    start: date
    percentage_sick: int


class DeadlineOut(MilestoneOut):
    personnel_number: str


class DeadlinePage(Schema):
    items: list[DeadlineOut]
    next_cursor: str | None


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict] | None = None
