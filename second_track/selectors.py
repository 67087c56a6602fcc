"""Reads behind the tweede spoor pages: state, legal frame, page data, HR overview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, CaseStatus, employee_display_name
from cases.paging import UncountedPage, uncounted_page
from cases.periods import date_of_counted_day
from cases.rules import hr_employer_ids
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from deadlines.poortwachter import InvalidFacts, compute_timeline
from deadlines.rules.second_track import (
    WIDER_SUITABLE_WORK_DAYS,
    SecondTrackWarning,
    decision_window,
    second_track_warnings,
    wider_suitable_work_applies,
)
from deadlines.selectors import case_deadlines_stored
from deadlines.stored_facts import case_facts, second_track_facts
from dossier.models import (
    AccessAction,
    ActionPlanVersion,
    PhysicianStatement,
    StatementKind,
    WorkCapacityAssessment,
)
from dossier.services.audit import access_log_record
from second_track.case_records import case_decisions, case_tracks
from second_track.models import (
    ActivityKind,
    DecisionKind,
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackComment,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
    TrackStatus,
)

if TYPE_CHECKING:
    from accounts.models import User


from dossier.selectors.records import _record_get, _require, current_plan_version

# Tweede spoor ----------------------------------------------------------------------------------


class TrackState(StrEnum):
    """Where a case stands with its second track (for the page, the dossier and the overview)."""

    ACTIVE = "active"
    ENDED = "ended"
    NOT_STARTED = "not_started"  # decided to start, no trajectory yet
    DECIDED_NOT_TO_START = "not_start"
    NO_DECISION = "no_decision"


TRACK_STATE_LABELS = {
    TrackState.ACTIVE: gettext_lazy("Lopend traject"),
    TrackState.ENDED: gettext_lazy("Traject beëindigd"),
    TrackState.NOT_STARTED: gettext_lazy("Besloten te starten, nog niet gestart"),
    TrackState.DECIDED_NOT_TO_START: gettext_lazy("Besloten geen tweede spoor te starten"),
    TrackState.NO_DECISION: gettext_lazy("Nog geen besluit"),
}


def track_state(decision_kind: str | None, tracks: list[SecondTrack]) -> TrackState:
    """Return the state from the latest decision and the case's trajectories."""
    if any(t.status == TrackStatus.ACTIVE for t in tracks):
        return TrackState.ACTIVE
    if decision_kind == DecisionKind.NOT_START:
        return TrackState.DECIDED_NOT_TO_START
    if tracks:
        return TrackState.ENDED
    if decision_kind == DecisionKind.START:
        return TrackState.NOT_STARTED
    return TrackState.NO_DECISION


@dataclass(frozen=True)
class SecondTrackRules:
    """The legal frame of one case on one day: window, latest start, warnings, passend werk."""

    window_start: date | None = None
    window_end: date | None = None
    latest_start: date | None = None
    latest_start_stored: bool = False
    warnings: tuple[SecondTrackWarning, ...] = ()
    wider_suitable_work: bool = False
    wider_suitable_work_from: date | None = None


def second_track_rules(*, case: Case, today: date) -> SecondTrackRules:
    """Return the decision window, the latest start and the warnings of the case on `today`.

    The latest start is the stored `second_track_latest` deadline (it holds a UWV-stated date
    when there is one), else the timeline's date.
    """
    try:
        facts = case_facts(case)
        timeline = compute_timeline(facts)
        track = second_track_facts(case)
    except InvalidFacts:
        return SecondTrackRules()
    stored = next(
        (
            d.due_date
            for d in case_deadlines_stored(case)  # shared with the case page's timeline
            if d.kind == DeadlineKind.SECOND_TRACK_LATEST
        ),
        None,
    )
    window_start, window_end = decision_window(facts)
    return SecondTrackRules(
        window_start=window_start,
        window_end=window_end,
        latest_start=stored or timeline.due("second_track_latest"),
        latest_start_stored=stored is not None,
        warnings=tuple(second_track_warnings(facts, timeline, track, today)),
        wider_suitable_work=wider_suitable_work_applies(facts, today),
        wider_suitable_work_from=date_of_counted_day(facts, WIDER_SUITABLE_WORK_DAYS + 1),
    )


@dataclass
class SecondTrackPage:
    """Everything the second-track page of one case shows, already scoped to the user."""

    case: Case
    rules: SecondTrackRules
    state: TrackState
    studies: list[LabourExpertStudy]
    decisions: list[SecondTrackDecision]
    tracks: list[SecondTrack]
    track: SecondTrack | None
    profiles: list[SecondTrackProfile]
    activities: list[SecondTrackActivity]
    activity_kind: str
    reports: list[SecondTrackReport]
    comments: list[SecondTrackComment]
    next_report: Deadline | None
    work_advice: PhysicianStatement | None
    capacity: WorkCapacityAssessment | None
    plan_version: ActionPlanVersion | None

    @property
    def decision(self) -> SecondTrackDecision | None:
        return self.decisions[0] if self.decisions else None

    @property
    def profile(self) -> SecondTrackProfile | None:
        return self.profiles[0] if self.profiles else None

    @property
    def state_label(self) -> str:
        return str(TRACK_STATE_LABELS[self.state])


def second_track_page(
    *, user: User, case: Case, today: date, activity_kind: str = ""
) -> SecondTrackPage:
    """Return the second-track page of `case` for `user` and log the read of the trajectory."""
    _require(user, "second_track.view", case)
    tracks = list(
        SecondTrack.objects.filter(case=case)
        .select_related("specialist", "decision")
        .prefetch_related(
            models.Prefetch("plan_versions", ActionPlanVersion.objects.order_by("number"))
        )
        .order_by("-assignment_date", "-pk")
    )
    track = tracks[0] if tracks else None
    decisions = list(
        SecondTrackDecision.objects.filter(case=case)
        .select_related("decided_by", "study")
        .order_by("-decided_on", "-pk")
    )
    profiles: list[SecondTrackProfile] = []
    activities: list[SecondTrackActivity] = []
    reports: list[SecondTrackReport] = []
    comments: list[SecondTrackComment] = []
    if track is not None:
        profiles = list(
            track.profiles.select_related("created_by", "capacity_assessment").order_by("-number")
        )
        activity_qs = track.activities.select_related("created_by")
        if activity_kind in ActivityKind.values:
            activity_qs = activity_qs.filter(kind=activity_kind)
        else:
            activity_kind = ""
        activities = list(activity_qs.order_by("-held_on", "-pk"))
        reports = list(
            track.reports.select_related("author", "document").order_by("-report_date", "-pk")
        )
        comments = list(track.comments.select_related("author").order_by("created_at", "pk"))
        access_log_record(case=case, user=user, action=AccessAction.VIEW, record=track)
    next_report = (
        Deadline.objects.filter(
            case=case,
            kind=DeadlineKind.SECOND_TRACK_REPORT,
            status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE],
        ).first()
        if track is not None and track.is_active
        else None
    )
    can_read_advice = user.has_perm("dossier.view_work_advice", case)
    return SecondTrackPage(
        case=case,
        rules=second_track_rules(case=case, today=today),
        state=track_state(decisions[0].kind if decisions else None, tracks),
        studies=list(
            LabourExpertStudy.objects.filter(case=case)
            .select_related("created_by")
            .order_by("-held_on", "-pk")
        ),
        decisions=decisions,
        tracks=tracks,
        track=track,
        profiles=profiles,
        activities=activities,
        activity_kind=activity_kind,
        reports=reports,
        comments=comments,
        next_report=next_report,
        work_advice=(
            PhysicianStatement.objects.filter(case=case)
            .exclude(kind=StatementKind.CONSULTATION_NOTE)
            .order_by("-statement_date", "-pk")
            .first()
            if can_read_advice
            else None
        ),
        capacity=latest_capacity(case) if can_read_advice else None,
        plan_version=(
            current_plan_version(case) if user.has_perm("dossier.view_action_plan", case) else None
        ),
    )


def latest_capacity(case: Case) -> WorkCapacityAssessment | None:
    """Return the newest belastbaarheid (FML) of the case."""
    return WorkCapacityAssessment.objects.filter(case=case).order_by("-assessed_on", "-pk").first()


def second_track_current(*, user: User, case: Case, perm: str) -> SecondTrack:
    """Return the case's newest trajectory (404 when there is none) for a user with `perm`."""
    _require(user, perm, case)
    track = (
        SecondTrack.objects.filter(case=case)
        .select_related("case__employee")
        .order_by("-assignment_date", "-pk")
        .first()
    )
    if track is None:
        raise Http404
    return track


def second_track_activity_get(*, user: User, pk: int) -> SecondTrackActivity:
    """Return one activity of a visible case to a user who may log activities."""
    return _record_get(
        user=user,
        queryset=SecondTrackActivity.objects.select_related("track", "created_by"),
        pk=pk,
        perm="second_track.add_activity",
        case_path="track__case",
    )


def second_track_profile_initial(*, case: Case, track: SecondTrack) -> dict[str, Any]:
    """Return the initial values of a new profile version.

    Copies the latest version and fills the functional possibilities from the newest
    belastbaarheid (its limited rubrieken and their notes; never medical data), linking it.
    """
    initial: dict[str, Any] = {}
    latest = track.profiles.order_by("-number").first()
    if latest is not None:
        for field in PROFILE_FIELDS:
            initial[field] = getattr(latest, field)
    capacity = latest_capacity(case)
    if capacity is not None:
        initial["capacity_assessment"] = capacity.pk
        if latest is None or latest.capacity_assessment_id != capacity.pk:
            initial["functional_possibilities"] = capacity_summary(capacity)
    return initial


def capacity_summary(capacity: WorkCapacityAssessment) -> str:
    """Return the belastbaarheid as plain text: the limited rubrieken with their notes."""
    lines = [
        _("Volgens de belastbaarheid (FML) van %(d)s:") % {"d": f"{capacity.assessed_on:%d-%m-%Y}"}
    ]
    free = []
    for label, limited, notes in capacity.sections():
        if limited:
            lines.append(f"- {label}: " + (notes.strip() or _("beperkt")))
        else:
            free.append(str(label).lower())
    if free:
        lines.append(_("Niet beperkt: %(list)s.") % {"list": ", ".join(free)})
    return "\n".join(lines)


PROFILE_FIELDS = (
    "education",
    "work_experience",
    "skills",
    "functional_possibilities",
    "target_functions",
    "target_sectors",
    "hours_per_week",
    "max_travel_minutes",
    "wage_level",
)


def second_track_profiles(*, user: User, case: Case) -> list[SecondTrackProfile]:
    """Return every profile version of the case's trajectories, newest first."""
    _require(user, "second_track.view", case)
    return list(
        SecondTrackProfile.objects.filter(track__case=case)
        .select_related("track", "created_by", "capacity_assessment")
        .order_by("-track__assignment_date", "-number")
    )


def second_track_summary(*, case: Case, today: date) -> dict[str, Any]:
    """Return the short status of the case's second track for the dossier section."""
    tracks = case_tracks(case)
    decisions = case_decisions(case)
    state = track_state(decisions[0].kind if decisions else None, tracks)
    rules_ = second_track_rules(case=case, today=today)
    return {
        "state": state,
        "label": TRACK_STATE_LABELS[state],
        "warnings": len(rules_.warnings),
        "danger": any(w.level == "danger" for w in rules_.warnings),
        "track": tracks[0] if tracks else None,
        "latest_start": rules_.latest_start,
    }


@dataclass(frozen=True)
class OverviewRow:
    """One case in the HR second-track overview: the columns it shows, nothing more."""

    case_id: int
    employee_name: str
    employer_id: int
    state: TrackState
    start: date | None
    latest_start: date | None
    last_activity: date | None
    next_report: date | None
    provider: str
    today: date

    @property
    def label(self) -> str:
        return str(TRACK_STATE_LABELS[self.state])

    @property
    def next_report_overdue(self) -> bool:
        return self.next_report is not None and self.next_report < self.today

    @property
    def late(self) -> bool:
        """Whether the start came (or is) after the latest start date."""
        if self.latest_start is None or self.state == TrackState.DECIDED_NOT_TO_START:
            return False
        if self.start is not None:
            return self.start > self.latest_start
        return self.today > self.latest_start


#: A case without a second track yet is listed this long before its latest start date.
OVERVIEW_LOOKAHEAD_DAYS = 84


def second_track_overview_page(
    *, user: User, today: date, number: Any, size: int, employer_id: int | None = None
) -> UncountedPage:
    """Return page `number` of the HR overview (rows as :class:`OverviewRow`): every case with
    a decision or trajectory, and open cases whose latest start is within 12 weeks or past, of
    the employers the user serves (or of `employer_id` among them).

    The page is found by walking the latest-start deadlines in date order (an index), not by
    sorting every listed case, and it is not counted: one query reads the page with the
    columns it shows. The few cases without a latest start (a decision but no date yet) come
    last; only the last dated page and the pages after it read those.
    """
    employer_ids = _overview_employer_ids(user=user, employer_id=employer_id)
    dated = _overview_dated(employer_ids, today=today)
    page = uncounted_page(_DatedRows(dated), number, size)
    found = list(page.object_list)
    has_next = page.has_next
    if not has_next:
        start = 0 if found else (page.number - 1) * size - dated.count()
        undated = _overview_undated(employer_ids).values(
            latest_start=models.Value(None, output_field=models.DateField()),
            **_overview_columns(""),
        )
        more = list(undated[start : start + size - len(found) + 1])
        has_next = len(found) + len(more) > size
        found += more[: size - len(found)]
    # A trajectory rests on a decision of its case (a required link), so only the cases with
    # a decision can have one.
    tracks = _overview_tracks([row["case_pk"] for row in found if row["decision_kind"]])
    rows = [_overview_row(row, tracks.get(row["case_pk"], []), today=today) for row in found]
    return UncountedPage(rows, page.number, has_next)


def _overview_employer_ids(*, user: User, employer_id: int | None) -> list[int]:
    """Return the ids of the overview's employers: all the HR user serves, or `employer_id`.

    The cases are scoped by these ids, not by a nested ``visible_to(user)`` subquery: for HR
    (the role of the overview) both are the employers the user serves, and building and
    planning that subquery cost more than the rest of the page's read.
    """
    if not user.is_authenticated or not (user.is_hr or user.is_superuser):
        raise PermissionDenied
    employer_ids = [pk for pk in hr_employer_ids(user) if employer_id is None or pk == employer_id]
    if not employer_ids:
        raise PermissionDenied
    return employer_ids


# Listed: a case with a decision or trajectory, or an open case whose latest start is within
# OVERVIEW_LOOKAHEAD_DAYS or past. Those with a dated latest start come first, by date and case
# id, then those without one (a decision or trajectory but no date yet), by case id.


def _overview_dated(employer_ids: list[int], *, today: date) -> models.QuerySet[Deadline]:
    """Return the latest-start deadlines of the listed cases with a date, in overview order
    (walking the (kind, due date, case) index)."""
    return (
        _latest_starts()
        .filter(case__employer_id__in=employer_ids)
        .filter(
            models.Q(case__in=SecondTrack.objects.values("case_id"))
            | models.Q(case__in=SecondTrackDecision.objects.values("case_id"))
            | models.Q(
                case__status=CaseStatus.OPEN,
                status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE],
                due_date__lte=today + timedelta(days=OVERVIEW_LOOKAHEAD_DAYS),
            )
        )
        .order_by("due_date", "case_id")
    )


@dataclass(frozen=True)
class _DatedRows:
    """The overview rows of `deadlines` (ordered), read a slice at a time in one query.

    The slice of deadlines is chosen in a subquery and only its rows get the columns:
    PostgreSQL computes the select list (its subqueries) of every row an OFFSET skips too,
    which made a late page cost ~100 ms at 10,000 cases.
    """

    deadlines: models.QuerySet[Deadline]

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        return list(
            Deadline.objects.filter(pk__in=self.deadlines.values("pk")[key])
            .order_by("due_date", "case_id")
            .values(latest_start=models.F("due_date"), **_overview_columns("case__"))
        )


def _overview_undated(employer_ids: list[int]) -> models.QuerySet[Case]:
    """Return the listed cases without a dated latest start, by id."""
    tracks = SecondTrack.objects.values("case_id")
    decisions = SecondTrackDecision.objects.values("case_id")
    return (
        # One list of the (few) cases with a trajectory or decision, so the planner starts
        # from those rather than from every case of the employers.
        Case.objects.filter(employer_id__in=employer_ids, pk__in=tracks.union(decisions))
        # NOT EXISTS looks up the few listed cases in the (case, kind) index; NOT IN would
        # first read every latest-start deadline into a hash.
        .exclude(models.Exists(_latest_starts().filter(case=models.OuterRef("pk"))))
        .order_by("pk")
    )


def _latest_starts() -> models.QuerySet[Deadline]:
    return Deadline.objects.filter(kind=DeadlineKind.SECOND_TRACK_LATEST, due_date__isnull=False)


def _overview_columns(case: str) -> dict[str, Any]:
    """Return the overview's columns as `values()` expressions, `case` the path to the case
    ("case__" from its deadline, "" from the case itself)."""
    ref = models.OuterRef(f"{case}pk" if case else "pk")
    report = Deadline.objects.filter(  # one at most (a case has one deadline of a kind)
        case=ref,
        kind=DeadlineKind.SECOND_TRACK_REPORT,
        status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE],
    ).order_by()
    decision = SecondTrackDecision.objects.filter(case=ref).order_by("-decided_on", "-pk")
    activity = SecondTrackActivity.objects.filter(track__case=ref, withdrawn_at__isnull=True)
    return {
        "case_pk": models.F(f"{case}pk"),
        "employer_pk": models.F(f"{case}employer_id"),
        "employee_pk": models.F(f"{case}employee_id"),
        "employee_first_name": models.F(f"{case}employee__first_name"),
        "employee_name_prefix": models.F(f"{case}employee__name_prefix"),
        "employee_last_name": models.F(f"{case}employee__last_name"),
        "employee_anonymised_at": models.F(f"{case}employee__anonymised_at"),
        "decision_kind": models.Subquery(decision.values("kind")[:1]),
        "next_report": models.Subquery(report.values("due_date")[:1]),
        "last_activity": models.Subquery(activity.order_by("-held_on").values("held_on")[:1]),
    }


def _overview_tracks(case_ids: list[int]) -> dict[int, list[SecondTrack]]:
    """Return the trajectories of these cases (the columns the overview uses), oldest first.

    One plain query: four correlated subqueries on the page's read cost more to build.
    """
    tracks: dict[int, list[SecondTrack]] = {}
    if case_ids:
        for track in (
            SecondTrack.objects.filter(case_id__in=case_ids)
            .only("case_id", "assignment_date", "route", "bureau_name", "status")
            .order_by("assignment_date", "pk")
        ):
            tracks.setdefault(track.case_id, []).append(track)
    return tracks


def _overview_row(row: dict[str, Any], tracks: list[SecondTrack], *, today: date) -> OverviewRow:
    """Return the overview row of one row read by :func:`second_track_overview_page`."""
    return OverviewRow(
        case_id=row["case_pk"],
        employee_name=employee_display_name(
            row["employee_pk"],
            row["employee_first_name"],
            row["employee_name_prefix"],
            row["employee_last_name"],
            row["employee_anonymised_at"],
        ),
        employer_id=row["employer_pk"],
        state=track_state(row["decision_kind"], tracks),
        start=tracks[0].assignment_date if tracks else None,
        latest_start=row["latest_start"],
        last_activity=row["last_activity"],
        next_report=row["next_report"],
        provider=tracks[-1].provider if tracks else "",
        today=today,
    )
