"""The retention terms (bewaartermijnen) as pure rules over a case's facts: no ORM, no clock.

Sources (domain reference §4.5, AP "De zieke werknemer" [S87] [S88]):

* the re-integratiedossier is kept at most **2 years after the re-integratie ended** — for a
  case that ended because the employment ended (ziek uit dienst) that is the end of employment;
* administrative verzuim data (dates, duration) as long as needed; the AP considers **2 years
  after the end of employment** reasonable — after that the employee's identity goes too;
* an **eigenrisicodrager for the Ziektewet** keeps the dossier **5 years**;
* longer during a dispute: a **legal hold** keeps the case whatever its term;
* an open case is never due.

An employer's policy may choose other terms (whole years); the eigenrisicodrager minimum of
5 years always applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.date_validators import add_years

DEFAULT_DOSSIER_YEARS = 2
DEFAULT_EMPLOYEE_YEARS = 2
OWN_RISK_BEARER_YEARS = 5
MIN_YEARS = 1
MAX_YEARS = 10


@dataclass(frozen=True)
class Policy:
    """An employer's retention policy."""

    dossier_years: int = DEFAULT_DOSSIER_YEARS
    employee_years: int = DEFAULT_EMPLOYEE_YEARS
    own_risk_bearer_zw: bool = False

    @property
    def case_years(self) -> int:
        """Return the term of a closed case's dossier, with the eigenrisicodrager minimum."""
        if self.own_risk_bearer_zw:
            return max(self.dossier_years, OWN_RISK_BEARER_YEARS)
        return self.dossier_years


@dataclass(frozen=True)
class CaseFacts:
    """What the rule needs to know of one case."""

    status: str  # "open", "recovered" or "closed" (cases.models.CaseStatus)
    #: The last sick day, or the day the case was closed when a period still runs.
    ended_on: date | None
    #: The last workday when the employment ended during the illness (ziek uit dienst).
    employment_end: date | None = None
    legal_hold: bool = False
    anonymised: bool = False


@dataclass(frozen=True)
class Verdict:
    """Whether something is due for anonymisation today, from when, and why (Dutch)."""

    due: bool
    due_from: date | None
    reason: str
    held: bool = False


def _years_text(years: int, policy: Policy) -> str:
    if policy.own_risk_bearer_zw and years == policy.case_years:
        return _("%(n)s jaar (eigenrisicodrager Ziektewet)") % {"n": years}
    return ngettext("%(n)s jaar", "%(n)s jaar", years) % {"n": years}


def case_verdict(facts: CaseFacts, policy: Policy, today: date) -> Verdict:
    """Return whether the case is due for anonymisation on `today`, from when and why."""
    if facts.anonymised:
        return Verdict(False, None, _("Al geanonimiseerd."))
    if facts.status == "open":
        return Verdict(False, None, _("Lopend verzuimdossier: wordt niet geanonimiseerd."))
    if facts.employment_end and (facts.ended_on is None or facts.employment_end >= facts.ended_on):
        anchor = facts.employment_end
        start = _("Uit dienst op %(day)s") % {"day": f"{anchor:%d-%m-%Y}"}
    elif facts.ended_on is not None:
        anchor = facts.ended_on
        start = _("Verzuim beëindigd op %(day)s") % {"day": f"{anchor:%d-%m-%Y}"}
    else:
        return Verdict(False, None, _("Einddatum van het verzuim onbekend."))
    due_from = add_years(anchor, policy.case_years)
    verb = _("verstreken op") if due_from <= today else _("verstrijkt op")
    reason = _("%(start)s; bewaartermijn re-integratiedossier %(term)s %(verb)s %(day)s.") % {
        "start": start,
        "term": _years_text(policy.case_years, policy),
        "verb": verb,
        "day": f"{due_from:%d-%m-%Y}",
    }
    if facts.legal_hold:
        held = _("Bewaarplicht (legal hold): wordt niet geanonimiseerd zolang die geldt.")
        return Verdict(False, due_from, f"{reason} {held}", held=True)
    return Verdict(due_from <= today, due_from, reason)


@dataclass(frozen=True)
class EmployeeFacts:
    """What the rule needs to know of one employee."""

    employment_end: date | None
    has_open_case: bool = False
    has_held_case: bool = False
    #: The verdicts of the employee's cases that are not anonymised yet.
    pending_cases: tuple[Verdict, ...] = ()
    anonymised: bool = False


def employee_verdict(facts: EmployeeFacts, policy: Policy, today: date) -> Verdict:
    """Return whether the employee's identity is due for anonymisation, from when and why.

    Only after the employment ended plus the policy's term, and only once every case of the
    employee is (or is due to be) anonymised; never with an open case or a legal hold.
    """
    if facts.anonymised:
        return Verdict(False, None, _("Al geanonimiseerd."))
    if facts.employment_end is None:
        return Verdict(False, None, _("In dienst: de persoonsgegevens blijven bewaard."))
    if facts.has_open_case:
        return Verdict(False, None, _("Heeft een lopend verzuimdossier."))
    if facts.has_held_case or any(v.held for v in facts.pending_cases):
        return Verdict(
            False, None, _("Een verzuimdossier valt onder een bewaarplicht (legal hold)."), True
        )
    if any(v.due_from is None for v in facts.pending_cases):
        return Verdict(False, None, _("Een verzuimdossier heeft geen bekende einddatum."))
    term_end = add_years(facts.employment_end, policy.employee_years)
    due_from = max([term_end, *(v.due_from for v in facts.pending_cases if v.due_from)])
    verb = _("verstreken op") if term_end <= today else _("verstrijkt op")
    reason = _(
        "Uit dienst op %(end)s; bewaartermijn persoonsgegevens %(n)s jaar %(verb)s %(day)s."
    ) % {
        "end": f"{facts.employment_end:%d-%m-%Y}",
        "n": policy.employee_years,
        "verb": verb,
        "day": f"{term_end:%d-%m-%Y}",
    }
    if due_from > term_end:
        reason += " " + _(
            "Eerst moet het laatste verzuimdossier zijn termijn uitdienen (%(day)s)."
        ) % {"day": f"{due_from:%d-%m-%Y}"}
    return Verdict(due_from <= today, due_from, reason)
