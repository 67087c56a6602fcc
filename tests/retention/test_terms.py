"""The retention terms as pure rules (no database): dates computed by hand."""

from datetime import date

import pytest

from retention.terms import (
    CaseFacts,
    EmployeeFacts,
    Policy,
    Verdict,
    add_years,
    case_verdict,
    employee_verdict,
)

TODAY = date(2026, 6, 15)
DEFAULT = Policy()


def test_add_years_moves_29_february_to_28_february():
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2024, 3, 1), 2) == date(2026, 3, 1)


def test_a_recovered_case_is_due_two_years_after_its_last_sick_day():
    facts = CaseFacts(status="recovered", ended_on=date(2024, 6, 15))
    verdict = case_verdict(facts, DEFAULT, TODAY)
    assert verdict == Verdict(
        True,
        date(2026, 6, 15),
        "Verzuim beëindigd op 15-06-2024; bewaartermijn re-integratiedossier 2 jaar "
        "verstreken op 15-06-2026.",
    )


def test_one_day_before_the_term_ends_the_case_is_not_due_yet():
    facts = CaseFacts(status="closed", ended_on=date(2024, 6, 16))
    verdict = case_verdict(facts, DEFAULT, TODAY)
    assert not verdict.due
    assert verdict.due_from == date(2026, 6, 16)
    assert "verstrijkt op 16-06-2026" in verdict.reason


def test_ziek_uit_dienst_counts_from_the_end_of_employment():
    facts = CaseFacts(status="closed", ended_on=date(2023, 1, 10), employment_end=date(2023, 3, 31))
    verdict = case_verdict(facts, DEFAULT, TODAY)
    assert verdict.due_from == date(2025, 3, 31)
    assert verdict.reason.startswith("Uit dienst op 31-03-2023")


def test_an_eigenrisicodrager_keeps_the_dossier_five_years():
    facts = CaseFacts(status="recovered", ended_on=date(2022, 6, 15))
    verdict = case_verdict(facts, Policy(own_risk_bearer_zw=True), TODAY)
    assert verdict.due_from == date(2027, 6, 15)
    assert not verdict.due
    assert "5 jaar (eigenrisicodrager Ziektewet)" in verdict.reason


def test_an_own_policy_term_applies_but_never_below_five_years_for_an_eigenrisicodrager():
    facts = CaseFacts(status="recovered", ended_on=date(2020, 1, 1))
    assert case_verdict(facts, Policy(dossier_years=3), TODAY).due_from == date(2023, 1, 1)
    erd = Policy(dossier_years=3, own_risk_bearer_zw=True)
    assert case_verdict(facts, erd, TODAY).due_from == date(2025, 1, 1)
    assert Policy(dossier_years=7, own_risk_bearer_zw=True).case_years == 7


def test_an_open_case_is_never_due_however_old():
    facts = CaseFacts(status="open", ended_on=None)
    verdict = case_verdict(facts, DEFAULT, date(2099, 1, 1))
    assert verdict == Verdict(False, None, "Lopend verzuimdossier: wordt niet geanonimiseerd.")


def test_a_legal_hold_keeps_a_case_past_its_term_and_says_why():
    facts = CaseFacts(status="closed", ended_on=date(2020, 1, 1), legal_hold=True)
    verdict = case_verdict(facts, DEFAULT, TODAY)
    assert not verdict.due
    assert verdict.held
    assert verdict.due_from == date(2022, 1, 1)
    assert "Bewaarplicht (legal hold)" in verdict.reason


def test_an_anonymised_case_is_not_due_again():
    facts = CaseFacts(status="closed", ended_on=date(2020, 1, 1), anonymised=True)
    assert case_verdict(facts, DEFAULT, TODAY) == Verdict(False, None, "Al geanonimiseerd.")


def test_a_case_without_any_end_date_is_not_due():
    verdict = case_verdict(CaseFacts(status="closed", ended_on=None), DEFAULT, TODAY)
    assert (verdict.due, verdict.due_from) == (False, None)


def _case(due_from: date, held: bool = False) -> Verdict:
    return Verdict(due_from <= TODAY and not held, due_from, "", held)


@pytest.mark.parametrize(
    ("facts", "due", "due_from"),
    [
        (EmployeeFacts(employment_end=None), False, None),
        (EmployeeFacts(employment_end=date(2024, 6, 15)), True, date(2026, 6, 15)),
        (EmployeeFacts(employment_end=date(2024, 6, 16)), False, date(2026, 6, 16)),
        (EmployeeFacts(employment_end=date(2020, 1, 1), has_open_case=True), False, None),
        (EmployeeFacts(employment_end=date(2020, 1, 1), has_held_case=True), False, None),
        (
            EmployeeFacts(
                employment_end=date(2020, 1, 1), pending_cases=(_case(date(2022, 1, 1), True),)
            ),
            False,
            None,
        ),
        # The last case's dossier term ends later than the employee term: that date counts.
        (
            EmployeeFacts(
                employment_end=date(2023, 1, 1), pending_cases=(_case(date(2026, 9, 1)),)
            ),
            False,
            date(2026, 9, 1),
        ),
        (
            EmployeeFacts(
                employment_end=date(2023, 1, 1), pending_cases=(_case(date(2025, 1, 1)),)
            ),
            True,
            date(2025, 1, 1),
        ),
        (EmployeeFacts(employment_end=date(2020, 1, 1), anonymised=True), False, None),
    ],
)
def test_the_identity_of_a_former_employee_is_due_after_the_employee_term(facts, due, due_from):
    verdict = employee_verdict(facts, DEFAULT, TODAY)
    assert (verdict.due, verdict.due_from) == (due, due_from)
    assert verdict.reason


def test_the_employee_reason_names_the_end_of_employment_and_the_term():
    verdict = employee_verdict(EmployeeFacts(employment_end=date(2024, 1, 31)), DEFAULT, TODAY)
    assert verdict.reason == (
        "Uit dienst op 31-01-2024; bewaartermijn persoonsgegevens 2 jaar verstreken op 31-01-2026."
    )
