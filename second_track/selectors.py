"""Reads behind the tweede spoor pages: state, legal frame, page data, HR overview."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, CaseStatus
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


@dataclass
class OverviewRow:
    """One case in the HR second-track overview."""

    case: Case
    state: TrackState
    start: date | None
    latest_start: date | None
    last_activity: date | None
    next_report: date | None
    next_report_overdue: bool
    provider: str
    today: date

    @property
    def label(self) -> str:
        return str(TRACK_STATE_LABELS[self.state])

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


def second_track_overview(
    *, user: User, today: date, employer_id: int | None = None
) -> list[OverviewRow]:
    """Return the HR overview: every case with a decision or trajectory, and open cases whose
    latest start is within 12 weeks or past, of the employers the user serves.

    A fixed number of queries, whatever the number of cases. The page reads one page of it
    with :func:`second_track_overview_page`.
    """
    dated, undated = _overview_order(user=user, today=today, employer_id=employer_id)
    ids = [case_id for _due, case_id in dated] + list(undated)
    return overview_rows(_overview_cases(ids), today=today)


def second_track_overview_page(
    *, user: User, today: date, number: Any, size: int, employer_id: int | None = None
) -> UncountedPage:
    """Return page `number` of :func:`second_track_overview` (rows as :class:`OverviewRow`).

    The page is found by walking the latest-start deadlines in date order (an index), not by
    sorting every listed case, and it is not counted. The few cases without a latest start
    (a decision but no date yet) come last; a page after the dated ones counts those.
    """
    dated, undated = _overview_order(user=user, today=today, employer_id=employer_id)
    page = uncounted_page(dated, number, size)
    ids = [case_id for _due, case_id in page]
    undated_ids = list(undated)
    has_next = page.has_next
    if not has_next:
        start = 0 if ids else (page.number - 1) * size - dated.count()
        more = undated_ids[start : start + size - len(ids) + 1]
        has_next = len(ids) + len(more) > size
        ids += more[: size - len(ids)]
    rows = overview_rows(_overview_cases(ids), today=today)
    return UncountedPage(rows, page.number, has_next)


def _overview_order(
    *, user: User, today: date, employer_id: int | None
) -> tuple[models.QuerySet[Any], models.QuerySet[Any]]:
    """Return the listed cases in overview order, as two querysets read one after the other:
    (latest start, case id) of those with a dated latest start, by date and id, and the ids of
    those without one (a decision or trajectory but no date yet), by id.

    Listed: a case with a decision or trajectory, or an open case whose latest start is within
    :data:`OVERVIEW_LOOKAHEAD_DAYS` or past.
    """
    employer_ids = [pk for pk in hr_employer_ids(user) if employer_id is None or pk == employer_id]
    if not employer_ids:
        raise PermissionDenied
    visible = Case.objects.visible_to(user).filter(employer_id__in=employer_ids)
    tracks = SecondTrack.objects.values("case_id")
    decisions = SecondTrackDecision.objects.values("case_id")
    latest = Deadline.objects.filter(kind=DeadlineKind.SECOND_TRACK_LATEST, due_date__isnull=False)
    dated = (
        latest.filter(case__in=visible.values("pk"))
        .filter(
            models.Q(case__in=tracks)
            | models.Q(case__in=decisions)
            | models.Q(
                case__status=CaseStatus.OPEN,
                status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE],
                due_date__lte=today + timedelta(days=OVERVIEW_LOOKAHEAD_DAYS),
            )
        )
        .order_by("due_date", "case_id")
        .values_list("due_date", "case_id")
    )
    undated = (
        # One list of the (few) cases with a trajectory or decision, so the planner starts
        # from those rather than from every visible case.
        visible.filter(pk__in=tracks.union(decisions))
        # NOT EXISTS looks up the few listed cases in the (case, kind) index; NOT IN would
        # first read every latest-start deadline into a hash.
        .exclude(models.Exists(latest.filter(case=models.OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return dated, undated


def _overview_cases(case_ids: list[int]) -> list[Case]:
    """Return these cases annotated for :func:`overview_rows`, in the order of `case_ids`."""
    deadlines = Deadline.objects.filter(case=models.OuterRef("pk"))
    latest = deadlines.filter(kind=DeadlineKind.SECOND_TRACK_LATEST)
    report = deadlines.filter(
        kind=DeadlineKind.SECOND_TRACK_REPORT,
        status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE],
    )
    decision = SecondTrackDecision.objects.filter(case=models.OuterRef("pk")).order_by(
        "-decided_on", "-pk"
    )
    cases = (
        Case.objects.filter(pk__in=case_ids)
        .annotate(
            decision_kind=models.Subquery(decision.values("kind")[:1]),
            latest_start=models.Subquery(latest.values("due_date")[:1]),
            next_report=models.Subquery(report.values("due_date")[:1]),
            last_activity=models.Subquery(
                SecondTrackActivity.objects.filter(
                    track__case=models.OuterRef("pk"), withdrawn_at__isnull=True
                )
                .order_by("-held_on")
                .values("held_on")[:1]
            ),
        )
        .select_related("employee", "employer")
        .prefetch_related(
            models.Prefetch("second_tracks", SecondTrack.objects.order_by("assignment_date", "pk"))
        )
    )
    by_id = {case.pk: case for case in cases}
    return [by_id[pk] for pk in case_ids if pk in by_id]


def overview_rows(cases: Iterable[Case], *, today: date) -> list[OverviewRow]:
    """Return the overview rows of these cases (from :func:`second_track_overview_cases`)."""
    rows = []
    for case in cases:
        tracks = list(case.second_tracks.all())
        current = tracks[-1] if tracks else None
        rows.append(
            OverviewRow(
                case=case,
                state=track_state(case.decision_kind, tracks),
                start=tracks[0].assignment_date if tracks else None,
                latest_start=case.latest_start,
                last_activity=case.last_activity,
                next_report=case.next_report,
                next_report_overdue=bool(case.next_report and case.next_report < today),
                provider=current.provider if current else "",
                today=today,
            )
        )
    return rows
