"""The Poortwachtertoets: is the re-integratieverslag complete and were the steps on time?

Pure functions over the RIV content (`reintegration_report.content.ReportContent`) and the
case's poortwachter timeline: no ORM, no templates. Each required item gets a status (present,
late, missing, not applicable) with the reason, and the findings add up to a loonsanctie risk
(low, medium, high).

The rules follow the domain reference: §1 (deadlines), §3.3 (an evaluation at least every six
weeks), §3.5 (the app's own heuristic: an actueel oordeel should not be older than six weeks at
the WIA-aanvraag deadline), §3.9–§3.11 (what UWV receives and checks). They are a warning aid,
not UWV's judgment: UWV also weighs whether there was a *deugdelijke grond*.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext as _

from dossier.models.talks import MAX_TALK_INTERVAL

from .content import PlanVersionPart, ReportContent

__all__ = [
    "MAX_ASSESSMENT_AGE",
    "MAX_EVALUATION_GAP",
    "CheckItem",
    "CheckResult",
    "ItemStatus",
    "Risk",
    "Severity",
    "evaluation_gaps",
    "poortwachter_check",
]

#: At most six weeks between two evaluations of the plan van aanpak (§1 row 5, §3.3): the
#: same rule that flags a talk whose next talk is planned too late.
MAX_EVALUATION_GAP = MAX_TALK_INTERVAL

#: A gap this long weighs heavily: a whole quarter without any evaluation.
SEVERE_EVALUATION_GAP = timedelta(days=91)

#: The actueel oordeel should not be older than this at the WIA-aanvraag deadline (§3.5).
MAX_ASSESSMENT_AGE = timedelta(days=42)

_FMT = "%d-%m-%Y"


class ItemStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {
            "present": _("Aanwezig"),
            "late": _("Te laat"),
            "missing": _("Ontbreekt"),
            "not_applicable": _("Niet van toepassing"),
        }[self.value]


class Severity(StrEnum):
    """How much a finding weighs: high and medium raise the risk, low and info do not."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def label(self) -> str:
        return {
            "high": _("Zwaar"),
            "medium": _("Middel"),
            "low": _("Licht"),
            "info": _("Ter informatie"),
        }[self.value]


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return {"low": _("Laag"), "medium": _("Middel"), "high": _("Hoog")}[self.value]

    @property
    def explanation(self) -> str:
        return {
            "low": _(
                "Geen bevindingen die UWV gewoonlijk met een loonsanctie bestraft. UWV beoordeelt "
                "daarnaast of de inspanningen inhoudelijk voldoende waren."
            ),
            "medium": _(
                "Stappen zijn te laat gezet of er zitten gaten in het dossier. UWV kan vragen "
                "stellen; leg de reden vast (deugdelijke grond) of herstel het waar dat kan."
            ),
            "high": _(
                "Verplichte onderdelen ontbreken of het tweede spoor is te laat of zonder reden "
                "niet ingezet. Een loonsanctie (tot 52 weken loon) is waarschijnlijk als dit "
                "niet wordt hersteld of verklaard."
            ),
        }[self.value]


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One required item of the RIV: its status, why, and how heavy a finding it is."""

    key: str
    label: str
    status: ItemStatus
    reason: str
    severity: Severity | None = None
    part: str = ""

    @property
    def is_finding(self) -> bool:
        return self.severity is not None

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of the Poortwachtertoets on one day."""

    on: date
    items: tuple[CheckItem, ...]
    risk: Risk

    @property
    def findings(self) -> tuple[CheckItem, ...]:
        """The items with a finding, heaviest first (stable within a severity)."""
        order = list(Severity)
        found = [i for i in self.items if i.severity is not None]
        return tuple(sorted(found, key=lambda i: order.index(i.severity)))  # type: ignore[arg-type]

    @property
    def risk_reasons(self) -> tuple[CheckItem, ...]:
        """The findings that decide the risk (high and medium)."""
        return tuple(i for i in self.findings if i.severity in (Severity.HIGH, Severity.MEDIUM))

    def item(self, key: str) -> CheckItem:
        return next(i for i in self.items if i.key == key)


def _d(day: date | None) -> str:
    return day.strftime(_FMT) if day else "—"


def _overdue(on: date, due: date | None) -> bool:
    return due is not None and on > due


def _not_yet(due: date | None, what: str) -> str:
    if due is None:
        return _("Nog niet nodig.")
    return _("Nog niet nodig: %(what)s uiterlijk %(due)s.") % {"what": what, "due": _d(due)}


# The items ------------------------------------------------------------------------------------


def _problem_analysis(c: ReportContent, on: date) -> CheckItem:
    label, due = _("Probleemanalyse"), c.due("problem_analysis")
    pa = c.first_problem_analysis
    make = _item_factory("problem_analysis", label, "part-problem-analysis")
    if pa is None:
        if _overdue(on, due):
            return make(
                ItemStatus.MISSING,
                _(
                    "Er is geen probleemanalyse vastgelegd; die hoort er uiterlijk %(due)s (einde "
                    "week 6) te zijn."
                )
                % {"due": _d(due)},
                Severity.HIGH,
            )
        return make(ItemStatus.NOT_APPLICABLE, _not_yet(due, _("in week 6")))
    if due is not None and pa.statement_date > due:
        return make(
            ItemStatus.LATE,
            _(
                "De probleemanalyse is van %(date)s, later dan week 6 (uiterlijk %(due)s). Leg "
                "vast waarom, bijvoorbeeld dat het dreigend langdurig verzuim pas later bleek."
            )
            % {"date": _d(pa.statement_date), "due": _d(due)},
            Severity.MEDIUM,
        )
    return make(
        ItemStatus.PRESENT,
        _("Opgesteld op %(date)s door %(who)s, binnen week 6 (uiterlijk %(due)s).")
        % {"date": _d(pa.statement_date), "who": pa.author, "due": _d(due)},
    )


def _revisions(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory(
        "problem_analysis_revisions", _("Bijstellingen probleemanalyse"), "part-problem-analysis"
    )
    revisions = [s for s in c.problem_analyses if s.kind == "problem_analysis_revision"]
    if revisions:
        return make(
            ItemStatus.PRESENT,
            _("%(n)s bijstelling(en), de laatste op %(date)s.")
            % {"n": len(revisions), "date": _d(revisions[-1].statement_date)},
        )
    return make(
        ItemStatus.NOT_APPLICABLE,
        _("Geen bijstelling vastgelegd; die is alleen nodig als de belastbaarheid verandert."),
    )


def _plan_date(version: PlanVersionPart) -> date:
    return version.agreed_on or version.created_at.date()


def _action_plan(c: ReportContent, on: date) -> CheckItem:
    label, due = _("Plan van aanpak"), c.due("action_plan")
    make = _item_factory("action_plan", label, "part-action-plan")
    if not c.plan_versions:
        if _overdue(on, due):
            return make(
                ItemStatus.MISSING,
                _("Er is geen plan van aanpak; dat hoorde er uiterlijk %(due)s te zijn.")
                % {"due": _d(due)},
                Severity.HIGH,
            )
        return make(ItemStatus.NOT_APPLICABLE, _not_yet(due, _("opstellen")))
    first = c.first_agreed_plan or c.plan_versions[0]
    when = _plan_date(first)
    if due is not None and when > due:
        return make(
            ItemStatus.LATE,
            _("Het plan van aanpak is pas op %(date)s vastgesteld, na de uiterste datum %(due)s.")
            % {"date": _d(when), "due": _d(due)},
            Severity.MEDIUM,
        )
    return make(
        ItemStatus.PRESENT,
        _("Vastgesteld op %(date)s (uiterlijk %(due)s); %(n)s versie(s).")
        % {"date": _d(when), "due": _d(due), "n": len(c.plan_versions)},
    )


def _agreement(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory(
        "action_plan_agreement", _("Akkoord werknemer op het plan van aanpak"), "part-action-plan"
    )
    versions = c.plan_versions
    if not versions:
        return make(ItemStatus.NOT_APPLICABLE, _("Er is nog geen plan van aanpak."))
    latest = versions[-1]
    objection = ""
    if latest.disagreement_reason:
        objection = " " + _("Reden niet akkoord: %(reason)s") % {
            "reason": latest.disagreement_reason
        }
    if c.first_agreed_plan is None:
        return make(
            ItemStatus.MISSING,
            _(
                "Geen enkele versie van het plan van aanpak is door de werknemer akkoord gegeven "
                "(versie %(n)s: %(status)s)."
            )
            % {"n": latest.number, "status": latest.status_label}
            + objection,
            Severity.HIGH,
        )
    if not latest.is_agreed:
        return make(
            ItemStatus.MISSING,
            _(
                "De laatste bijstelling (versie %(n)s) heeft geen akkoord van de werknemer "
                "(%(status)s)."
            )
            % {"n": latest.number, "status": latest.status_label}
            + objection,
            Severity.MEDIUM,
        )
    return make(
        ItemStatus.PRESENT,
        _("Alle %(n)s versies akkoord; de laatste op %(date)s door %(who)s.")
        % {"n": len(versions), "date": _d(latest.agreed_on), "who": latest.agreed_by},
    )


def evaluation_gaps(moments: Sequence[date], *, until: date | None) -> list[tuple[date, date, int]]:
    """Return each stretch longer than six weeks as (from, to, days).

    `moments` are the dates of the plan, its bijstellingen, the talks and evaluations; the
    stretch after the last one counts up to `until` (None: not at all).
    """
    days = sorted(set(moments))
    if until is not None and days and until > days[-1]:
        days.append(until)
    return [(a, b, (b - a).days) for a, b in itertools.pairwise(days) if b - a > MAX_EVALUATION_GAP]


def _rhythm(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory(
        "evaluation_rhythm",
        _("Evaluaties en voortgangsgesprekken (ten minste elke 6 weken)"),
        "part-talks",
    )
    moments = [
        *(_plan_date(v) for v in c.plan_versions),
        *(t.held_on for t in c.talks),
        *(e.held_on for e in c.evaluations),
    ]
    if not moments:
        due = c.due("action_plan")
        if _overdue(on, due):
            return make(
                ItemStatus.MISSING,
                _("Er is geen plan van aanpak en er zijn geen gesprekken of evaluaties."),
                Severity.MEDIUM,
            )
        return make(ItemStatus.NOT_APPLICABLE, _not_yet(due, _("het plan van aanpak")))
    final = c.final_evaluation
    closed = final is not None and final.held_on >= max(moments)
    gaps = evaluation_gaps(moments, until=None if closed else on)
    if not gaps:
        return make(
            ItemStatus.PRESENT,
            _("%(n)s momenten, nooit meer dan 6 weken ertussen.") % {"n": len(set(moments))},
        )
    listed = "; ".join(
        _("%(a)s – %(b)s: %(days)s dagen") % {"a": _d(a), "b": _d(b), "days": days}
        for a, b, days in gaps
    )
    severe = any(days > SEVERE_EVALUATION_GAP.days for _a, _b, days in gaps)
    return make(
        ItemStatus.LATE,
        _("%(n)s keer meer dan 6 weken (42 dagen) zonder evaluatie: %(list)s.")
        % {"n": len(gaps), "list": listed},
        Severity.HIGH if severe else Severity.MEDIUM,
    )


def _first_year(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory("first_year_evaluation", _("Eerstejaarsevaluatie"), "part-evaluations")
    due = c.due("first_year_evaluation")
    window = c.due("first_year_evaluation_window_start")
    eje = c.first_year_evaluation
    if eje is None:
        if _overdue(on, due):
            return make(
                ItemStatus.MISSING,
                _(
                    "Er is geen eerstejaarsevaluatie; die hoorde tussen %(start)s en %(due)s "
                    "(week 46–52)."
                )
                % {"start": _d(window), "due": _d(due)},
                Severity.HIGH,
            )
        return make(ItemStatus.NOT_APPLICABLE, _not_yet(due, _("tussen week 46 en 52")))
    if due is not None and eje.held_on > due:
        return make(
            ItemStatus.LATE,
            _("Gehouden op %(date)s, na het einde van week 52 (%(due)s).")
            % {"date": _d(eje.held_on), "due": _d(due)},
            Severity.MEDIUM,
        )
    if window is not None and eje.held_on < window:
        return make(
            ItemStatus.PRESENT,
            _("Gehouden op %(date)s, vóór week 46 (%(start)s); leg vast waarom zo vroeg.")
            % {"date": _d(eje.held_on), "start": _d(window)},
            Severity.LOW,
        )
    return make(
        ItemStatus.PRESENT,
        _("Gehouden op %(date)s (week 46–52: %(start)s – %(due)s).")
        % {"date": _d(eje.held_on), "start": _d(window), "due": _d(due)},
    )


def _second_track(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory("second_track", _("Tweede spoor"), "part-second-track")
    latest = c.due("second_track_latest")
    st = c.second_track
    started = st.started_on
    decision = st.latest_decision
    if started is not None:
        if latest is not None and started > latest:
            return make(
                ItemStatus.LATE,
                _(
                    "Het tweede spoor startte op %(date)s, na de uiterste datum %(due)s (6 weken "
                    "na de eerstejaarsevaluatie)."
                )
                % {"date": _d(started), "due": _d(latest)},
                Severity.HIGH,
            )
        return make(
            ItemStatus.PRESENT,
            _("Gestart op %(date)s (uiterlijk %(due)s).")
            % {"date": _d(started), "due": _d(latest)},
        )
    if decision is not None and decision.is_not_start:
        reason = decision.not_start_reason
        if decision.reason_text:
            reason = f"{reason}: {decision.reason_text}"
        return make(
            ItemStatus.NOT_APPLICABLE,
            _("Besloten op %(date)s geen tweede spoor te starten. Reden: %(reason)s")
            % {"date": _d(decision.decided_on), "reason": reason},
        )
    if _overdue(on, latest):
        return make(
            ItemStatus.MISSING,
            _(
                "Het tweede spoor is niet gestart en er is geen besluit met een reden om het niet "
                "te starten; uiterlijk %(due)s had het moeten starten."
            )
            % {"due": _d(latest)},
            Severity.HIGH,
        )
    if decision is not None:
        return make(
            ItemStatus.NOT_APPLICABLE,
            _(
                "Besloten op %(date)s het tweede spoor te starten; leg de herplaatsingsopdracht "
                "uiterlijk %(due)s vast."
            )
            % {"date": _d(decision.decided_on), "due": _d(latest)},
        )
    return make(
        ItemStatus.NOT_APPLICABLE,
        _not_yet(latest, _("starten (of een besluit met reden vastleggen)")),
    )


def _labour_expert(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory(
        "labour_expert_study", _("Arbeidsdeskundig onderzoek"), "part-second-track"
    )
    studies = c.second_track.studies
    if studies:
        last = studies[-1]
        return make(
            ItemStatus.PRESENT,
            _("Onderzoek van %(date)s door %(who)s.")
            % {"date": _d(last.held_on), "who": last.expert_name},
        )
    needed = c.second_track.tracks or _overdue(on, c.due("first_year_evaluation"))
    if needed:
        return make(
            ItemStatus.MISSING,
            _(
                "Geen arbeidsdeskundig onderzoek vastgelegd; UWV verwacht het meestal rond 12 "
                "maanden verzuim en zeker bij een tweede spoor."
            ),
            Severity.LOW,
        )
    return make(ItemStatus.NOT_APPLICABLE, _("Nog niet nodig (meestal rond 12 maanden)."))


def _track_reports(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory(
        "second_track_reports", _("Voortgangsrapportages tweede spoor"), "part-second-track"
    )
    tracks = c.second_track.tracks
    if not tracks:
        return make(ItemStatus.NOT_APPLICABLE, _("Er loopt of liep geen tweede spoor."))
    reports = sum(len(t.reports) for t in tracks)
    if reports:
        return make(ItemStatus.PRESENT, _("%(n)s rapportage(s).") % {"n": reports})
    first_due = min(t.assignment_date + timedelta(weeks=t.report_interval_weeks) for t in tracks)
    if on > first_due:
        return make(
            ItemStatus.MISSING,
            _(
                "Er zijn geen voortgangsrapportages van het tweede spoor (de eerste was "
                "verwacht rond %(due)s)."
            )
            % {"due": _d(first_due)},
            Severity.LOW,
        )
    return make(ItemStatus.NOT_APPLICABLE, _not_yet(first_due, _("de eerste rapportage")))


def _current_assessment(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory(
        "current_assessment", _("Actueel oordeel bedrijfsarts"), "part-current-assessment"
    )
    wia = c.due("wia_application")
    riv = c.due("reintegration_report")
    ca = c.current_assessment
    if ca is None:
        if _overdue(on, riv):
            return make(
                ItemStatus.MISSING,
                _(
                    "Er is geen actueel oordeel van de bedrijfsarts; dat hoort vóór de "
                    "eindevaluatie (uiterlijk %(due)s)."
                )
                % {"due": _d(riv)},
                Severity.HIGH,
            )
        return make(
            ItemStatus.NOT_APPLICABLE,
            _(
                "Nog niet nodig: laat de bedrijfsarts het kort vóór de eindevaluatie opstellen "
                "(rond week 89; eindevaluatie uiterlijk %(due)s)."
            )
            % {"due": _d(riv)},
        )
    if wia is not None and wia - ca.statement_date > MAX_ASSESSMENT_AGE:
        return make(
            ItemStatus.LATE,
            _(
                "Het actueel oordeel van %(date)s is op de uiterste WIA-aanvraagdatum %(wia)s "
                "ouder dan 6 weken (%(days)s dagen); vraag de bedrijfsarts om een nieuw oordeel."
            )
            % {
                "date": _d(ca.statement_date),
                "wia": _d(wia),
                "days": (wia - ca.statement_date).days,
            },
            Severity.MEDIUM,
        )
    return make(
        ItemStatus.PRESENT,
        _("Opgesteld op %(date)s door %(who)s.")
        % {"date": _d(ca.statement_date), "who": ca.author},
    )


def _final_evaluation(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory("final_evaluation", _("Eindevaluatie"), "part-final-evaluation")
    due = c.due("reintegration_report")
    final = c.final_evaluation
    if final is None:
        if _overdue(on, due):
            return make(
                ItemStatus.MISSING,
                _("Er is geen eindevaluatie; die hoorde er uiterlijk %(due)s (week 91) te zijn.")
                % {"due": _d(due)},
                Severity.HIGH,
            )
        return make(ItemStatus.NOT_APPLICABLE, _not_yet(due, _("in week 91")))
    if due is not None and final.held_on > due:
        return make(
            ItemStatus.LATE,
            _("Gehouden op %(date)s, na week 91 (uiterlijk %(due)s).")
            % {"date": _d(final.held_on), "due": _d(due)},
            Severity.MEDIUM,
        )
    return make(
        ItemStatus.PRESENT,
        _("Gehouden op %(date)s (uiterlijk %(due)s).")
        % {"date": _d(final.held_on), "due": _d(due)},
    )


def _opinion(c: ReportContent, on: date) -> CheckItem:
    make = _item_factory("employee_opinion", _("Oordeel van de werknemer"), "part-opinion")
    if c.opinion is not None:
        return make(
            ItemStatus.PRESENT,
            _("Ingediend op %(date)s.") % {"date": _d(c.opinion.submitted_at.date())},
        )
    return make(
        ItemStatus.MISSING,
        _(
            "Nog niet ingediend. De werknemer kan het ook zelf met de WIA-aanvraag meesturen; "
            "het telt niet mee in het risico."
        ),
        Severity.INFO,
    )


def _item_factory(key: str, label: str, part: str) -> Callable[..., CheckItem]:
    def make(status: ItemStatus, reason: str, severity: Severity | None = None) -> CheckItem:
        return CheckItem(
            key=key, label=label, status=status, reason=reason, severity=severity, part=part
        )

    return make


#: The items in the RIV's order.
_RULES = (
    _problem_analysis,
    _revisions,
    _action_plan,
    _agreement,
    _rhythm,
    _first_year,
    _current_assessment,
    _final_evaluation,
    _labour_expert,
    _second_track,
    _track_reports,
    _opinion,
)


def poortwachter_check(content: ReportContent, *, on: date | None = None) -> CheckResult:
    """Return the Poortwachtertoets of `content` on `on` (default: the content's date).

    The deadlines come from `content.timeline` (the case's poortwachter timeline, with UWV's
    stated dates); an item whose deadline has not passed on `on` is not applicable yet.
    """
    on = on or content.header.generated_on
    items = tuple(rule(content, on) for rule in _RULES)
    severities = {i.severity for i in items}
    if Severity.HIGH in severities:
        risk = Risk.HIGH
    elif Severity.MEDIUM in severities:
        risk = Risk.MEDIUM
    else:
        risk = Risk.LOW
    return CheckResult(on=on, items=items, risk=risk)
