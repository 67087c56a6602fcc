"""Event payloads: ids and non-medical facts only, built from an allow-list of fields."""

from __future__ import annotations

from typing import Any

from cases.models import Case
from deadlines.models import Deadline


def case_payload(case: Case) -> dict[str, Any]:
    return {
        "case": {
            "id": case.pk,
            "personnel_number": case.employee.personnel_number,
            "status": case.status,
            "close_reason": case.close_reason,
            "first_sick_day": case.first_sick_day.isoformat(),
            "reported_on": case.reported_on.isoformat(),
        }
    }


def deadline_payload(deadline: Deadline) -> dict[str, Any]:
    return {
        "deadline": {
            "id": deadline.pk,
            "case_id": deadline.case_id,
            "personnel_number": deadline.case.employee.personnel_number,
            "kind": deadline.kind,
            "due_date": deadline.due_date.isoformat() if deadline.due_date else None,
            "responsible_role": deadline.responsible_role,
        }
    }


def export_payload(export: Any) -> dict[str, Any]:
    return {
        "export": {
            "id": export.pk,
            "case_id": export.case_id,
            "personnel_number": export.case.employee.personnel_number,
            "kind": export.kind,
            "finished_at": export.finished_at.isoformat() if export.finished_at else None,
        }
    }
