"""The Poortwachtertoets as the app shows it: the pure rules of :mod:`.toets` on a stored case,
with the Dutch labels, explanations and repair steps of each finding.

The rules (``toets/rules.py``) are the contract of ``docs/domain/poortwachtertoets.md``; this
module only reads the facts of a case (``toets/stored_facts.py``) and dresses the result for
the toets page, the case page, the start page and the PDF. It is the app's own check, not
UWV's judgment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case

from .toets.explanations import EXPLANATIONS, HEURISTIC_NOTE, Explanation
from .toets.facts import InvalidFacts
from .toets.rules import Finding, Risk, Severity, toets
from .toets.stored_facts import toets_facts_for_case

if TYPE_CHECKING:
    from .content import ReportContent

__all__ = [
    "CheckResult",
    "FindingView",
    "Risk",
    "Severity",
    "poortwachter_check",
    "poortwachter_check_case",
]

SEVERITY_LABELS = {
    Severity.HIGH: _("Zwaar"),
    Severity.MEDIUM: _("Middel"),
    Severity.LOW: _("Licht"),
    Severity.INFO: _("Ter informatie"),
}
RISK_LABELS = {Risk.LOW: _("Laag"), Risk.MEDIUM: _("Middel"), Risk.HIGH: _("Hoog")}
RISK_EXPLANATIONS = {
    Risk.LOW: _(
        "Deze controle vindt niets dat UWV gewoonlijk met een loonsanctie bestraft. UWV kijkt "
        "zelf ook naar de inhoud: was de re-integratie adequaat?"
    ),
    Risk.MEDIUM: _(
        "Stappen zijn te laat gezet of er zitten gaten in het dossier. UWV kan vragen stellen; "
        "herstel het waar dat kan of leg de reden vast (deugdelijke grond)."
    ),
    Risk.HIGH: _(
        "Verplichte onderdelen ontbreken of het tweede spoor is te laat, te mager of zonder "
        "geldige grond niet ingezet. Een loonsanctie (tot 52 weken loon) is waarschijnlijk als "
        "dit niet wordt hersteld of verklaard."
    ),
}
_ORDER = list(Severity)


@dataclass(frozen=True)
class FindingView:
    """One finding with what the user reads: title, what UWV expects, what to do, source."""

    finding: Finding
    explanation: Explanation

    @property
    def code(self) -> str:
        return self.finding.code

    @property
    def date(self) -> date:
        return self.finding.date

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS[self.finding.severity])

    @property
    def label(self) -> str:
        return str(self.explanation.title)

    @property
    def reason(self) -> str:
        return str(self.explanation.expects)

    @property
    def repair(self) -> str:
        return str(self.explanation.repair)

    @property
    def source(self) -> str | None:
        return self.explanation.source

    @property
    def heuristic_note(self) -> str | None:
        if self.explanation.heuristic_note is not None:
            return str(self.explanation.heuristic_note)
        return str(HEURISTIC_NOTE) if self.explanation.source is None else None


@dataclass(frozen=True)
class CheckResult:
    """The toets of one case on one day, for the templates."""

    on: date
    risk: Risk
    findings: tuple[FindingView, ...]
    error: str = ""

    @property
    def risk_label(self) -> str:
        return str(RISK_LABELS[self.risk])

    @property
    def risk_explanation(self) -> str:
        return str(RISK_EXPLANATIONS[self.risk])

    @property
    def by_severity(self) -> list[tuple[str, str, list[FindingView]]]:
        """Return (severity, label, findings) per severity that has findings, heaviest first."""
        groups = []
        for severity in _ORDER:
            found = [f for f in self.findings if f.severity == severity]
            if found:
                groups.append((severity.value, str(SEVERITY_LABELS[severity]), found))
        return groups

    @property
    def risk_reasons(self) -> tuple[FindingView, ...]:
        """The findings that decide the risk (high and medium)."""
        return tuple(f for f in self.findings if f.severity in (Severity.HIGH, Severity.MEDIUM))

    @property
    def high_findings(self) -> tuple[FindingView, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.HIGH)


def poortwachter_check_case(case: Case, *, on: date | None = None) -> CheckResult:
    """Return the toets of the stored ``case`` on ``on`` (default today), heaviest first."""
    on = on or timezone.localdate()
    try:
        result = toets(toets_facts_for_case(case, on=on))
    except InvalidFacts as exc:
        # Inconsistent periods: say so rather than judge; nothing to find without a timeline.
        return CheckResult(on=on, risk=Risk.LOW, findings=(), error=str(exc))
    views = sorted(
        (FindingView(f, EXPLANATIONS[f.code]) for f in result.findings),
        key=lambda v: (_ORDER.index(v.severity), v.date, v.code),
    )
    return CheckResult(on=on, risk=result.risk, findings=tuple(views))


def poortwachter_check(content: ReportContent, *, on: date | None = None) -> CheckResult:
    """Return the toets of the case of the RIV ``content``, on its date unless ``on`` is given."""
    case = Case.objects.get(pk=content.header.case_id)
    return poortwachter_check_case(case, on=on or content.header.generated_on)
