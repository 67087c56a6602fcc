"""Tweede spoor (second track) rules: its report deadline and its late-start warnings.

Kept apart from :mod:`deadlines.rules.timeline` on purpose: the §6 milestones there are a
fixed command-line contract; these milestones come on top of them for stored deadlines.

Rules (reference §1 row 8, §3.10, §7.6):

- the statement that spoor 1 is not (likely) possible, and so the decision, comes between
  week 8 and week 52 of illness;
- the second track starts at the latest 6 weeks after the eerstejaarsevaluatie (the timeline's
  ``second_track_latest``); not starting needs a documented reason;
- the bureau reports progress at the trajectory's fixed rhythm: the next report is due
  ``interval`` after the start or the latest report, while the trajectory runs.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from cases.periods import counted_sick_days, date_of_counted_day
from deadlines.rules.case_facts import CaseFacts, InvalidFacts
from deadlines.rules.timeline import Milestone, Timeline

__all__ = [
    "REDECISION_AFTER",
    "SECOND_TRACK_KEYS",
    "SECOND_TRACK_RULES",
    "SecondTrackFacts",
    "SecondTrackWarning",
    "decision_window",
    "second_track_milestones",
    "second_track_warnings",
    "wider_suitable_work_applies",
]

#: Stored deadlines that come from the second track, after the timeline's milestones.
SECOND_TRACK_KEYS: tuple[str, ...] = ("second_track_report", "second_track_redecision")

#: A "no tweede spoor: concrete prospect of return within about 3 months" decision holds for
#: 13 weeks; then decide again (Werkwijzer Poortwachter as cited in reference §1 row 8 [S16]).
REDECISION_AFTER = timedelta(days=91)

SECOND_TRACK_RULES: dict[str, tuple[str, str]] = {
    "second_track_report": (
        "WVP-8",
        "Re-integratieplan tweede spoor: regular (e.g. monthly) progress reports [S125] [S36]",
    ),
    "second_track_redecision": (
        "WVP-8",
        "UWV Werkwijzer Poortwachter: no tweede spoor only with a concrete prospect of structural "
        "return in the own organisation within about 3 months; decide again after 13 weeks [S16]",
    ),
}

#: After this many counted sick days (about six months, 26 weeks) less fitting work also counts
#: as passend werk (§3.10 "after ~6 months").
WIDER_SUITABLE_WORK_DAYS = 26 * 7

#: How long before a limit the app starts warning.
WARN_AHEAD = timedelta(days=42)


@dataclass(frozen=True)
class SecondTrackFacts:
    """What the dossier holds about the second track of one case.

    ``decision`` is ``"start"``, ``"not_start"`` or ``None`` (the latest decision counts);
    ``started_on`` is the herplaatsingsopdracht of the first trajectory; ``active`` whether a
    trajectory runs now; ``reports`` the dates of its progress reports.
    """

    decision: str | None = None
    decided_on: date | None = None
    not_start_reason: str = ""
    started_on: date | None = None
    active: bool = False
    active_since: date | None = None
    reports: tuple[date, ...] = ()
    report_interval_weeks: int = 4

    def __post_init__(self) -> None:
        if self.decision not in (None, "start", "not_start"):
            raise InvalidFacts(f"unknown second-track decision {self.decision!r}")
        if self.report_interval_weeks < 1:
            raise InvalidFacts("the report interval must be at least one week")


@dataclass(frozen=True)
class SecondTrackWarning:
    """A finding about the second track: ``level`` is ``"danger"``, ``"warning"`` or ``"info"``."""

    code: str
    level: str
    message: str


def second_track_milestones(facts: SecondTrackFacts) -> dict[str, Milestone]:
    """Return the second-track milestones keyed as ``SECOND_TRACK_KEYS``."""
    report_due = None
    if facts.active and facts.active_since is not None:
        last = max((facts.active_since, *facts.reports))
        report_due = last + timedelta(weeks=facts.report_interval_weeks)
    redecide = None
    if (
        facts.decision == "not_start"
        and facts.not_start_reason == "return_within_3_months"
        and facts.decided_on is not None
    ):
        redecide = facts.decided_on + REDECISION_AFTER
    dues = {"second_track_report": report_due, "second_track_redecision": redecide}
    return {
        key: Milestone(
            key=key,
            due=due,
            rule=SECOND_TRACK_RULES[key][0],
            source=SECOND_TRACK_RULES[key][1],
            computed=due,
        )
        for key, due in dues.items()
    }


def wider_suitable_work_applies(case: CaseFacts, on: date) -> bool:
    """Return whether, on ``on``, less fitting work also counts as passend (after 26 weeks)."""
    return counted_sick_days(case, on) > WIDER_SUITABLE_WORK_DAYS


def decision_window(case: CaseFacts) -> tuple[date, date]:
    """Return the first and last day (start of week 8, end of week 52) for the decision."""
    return date_of_counted_day(case, 50), date_of_counted_day(case, 364)


def second_track_warnings(
    case: CaseFacts, timeline: Timeline, track: SecondTrackFacts, today: date
) -> list[SecondTrackWarning]:
    """Return what is late, missing or nearly due about the second track on ``today``.

    Messages are Dutch; they are shown to HR, the specialist and the employee alike.
    """
    window_start, window_end = decision_window(case)
    latest = timeline.due("second_track_latest")
    assert latest is not None
    found: list[SecondTrackWarning] = []
    fmt = "%d-%m-%Y"
    if track.decision is None:
        if today > window_end:
            found.append(
                SecondTrackWarning(
                    "decision_late",
                    "danger",
                    f"Er is nog geen besluit over het tweede spoor, terwijl dat uiterlijk in "
                    f"week 52 ({window_end:{fmt}}) hoort te vallen.",
                )
            )
        elif today >= window_end - WARN_AHEAD:
            found.append(
                SecondTrackWarning(
                    "decision_due",
                    "warning",
                    f"Neem vóór {window_end:{fmt}} (einde week 52) een besluit over het tweede "
                    f"spoor; uiterlijk op {latest:{fmt}} moet het gestart zijn.",
                )
            )
    elif track.decision == "start" and track.decided_on and track.decided_on > window_end:
        found.append(
            SecondTrackWarning(
                "decision_after_week_52",
                "warning",
                f"Het besluit ({track.decided_on:{fmt}}) viel na week 52 ({window_end:{fmt}}).",
            )
        )
    if track.decision == "not_start":
        return found
    if track.started_on is None:
        if today > latest:
            found.append(
                SecondTrackWarning(
                    "start_late",
                    "danger",
                    f"Het tweede spoor had uiterlijk op {latest:{fmt}} moeten starten en is nog "
                    f"niet gestart: risico op een loonsanctie.",
                )
            )
        elif track.decision == "start" or today >= latest - WARN_AHEAD:
            found.append(
                SecondTrackWarning(
                    "start_due",
                    "warning",
                    f"Start het tweede spoor (herplaatsingsopdracht) uiterlijk op {latest:{fmt}}.",
                )
            )
    elif track.started_on > latest:
        found.append(
            SecondTrackWarning(
                "started_late",
                "danger",
                f"Het tweede spoor startte op {track.started_on:{fmt}}, na de uiterste datum "
                f"{latest:{fmt}}.",
            )
        )
    elif track.started_on < window_start:
        found.append(
            SecondTrackWarning(
                "started_early",
                "info",
                f"Het tweede spoor startte vóór week 8 ({window_start:{fmt}}); leg vast waarom "
                f"spoor 1 toen al niet mogelijk was.",
            )
        )
    return found
