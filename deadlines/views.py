"""Deadline pages: the per-user list, notifications, the calendar feed, and case actions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.start_page import start_blocks_render
from cases.paging import uncounted_page
from cases.selectors import case_get
from cases.service_calls import call_service_message
from cases.write_stamps import cached_for_version
from deadlines import selectors, services
from deadlines.forms import DeadlineCompleteForm, DeadlineFilter, UwvDateForm
from deadlines.kind_texts import KIND_TEXTS
from deadlines.list_rows import row_texts
from deadlines.models import Deadline, DeadlineStatus
from deadlines.selectors import DeadlineListRow
from deadlines.today import today_page
from deadlines.today_rows import todo_lines_html

_OPEN = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)
DEADLINES_PAGE_SIZE = 50


@require_GET
def today(request: HttpRequest) -> HttpResponse:
    """The start page ("Vandaag") of the user's role."""
    page = today_page(user=request.user)
    context = {
        "page": page,
        "todo_lines": todo_lines_html(page.todos),
        "today": timezone.localdate(),
        # Blocks other apps add to the start page (failed reminders, dossiers at high risk).
        "start_blocks": start_blocks_render(request),
    }
    return render(request, "deadlines/today.html", context)


def deadline_list(request: HttpRequest) -> HttpResponse:
    """Show the user's deadlines: overdue, this week and the next six weeks (or filtered)."""
    today = timezone.localdate()
    base = selectors.deadline_list(user=request.user)
    filterset = DeadlineFilter(request.GET or None, queryset=base, request=request)
    deadlines = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    status_filtered = bool(request.GET.get("status"))
    if not status_filtered:
        deadlines = deadlines.filter(status__in=_OPEN, due_date__lte=today + timedelta(days=42))
    show_employer = request.user.is_hr or request.user.is_superuser
    # Not counted: tens of thousands of open deadlines cost more to count than to show a page.
    # Read once per filter, page and change of the caseload (cases.write_stamps).
    page = cached_for_version(
        "deadline_list_page",
        (request.user.pk, today, sorted(request.GET.lists())),
        lambda: uncounted_page(
            selectors.deadline_list_rows(
                deadlines.order_by("due_date", "pk"), employer_name=not show_employer
            ),
            request.GET.get("page"),
            DEADLINES_PAGE_SIZE,
        ),
    )
    rows = [DeadlineListRow._make(row) for row in page.object_list]
    sections = []
    if status_filtered:
        sections.append(("results", _("Resultaten"), rows))
    else:
        week_end = today + timedelta(days=6)
        sections = [
            ("overdue", _("Te laat"), [d for d in rows if d.status == DeadlineStatus.OVERDUE]),
            (
                "this_week",
                _("Deze week"),
                [d for d in rows if d.status == DeadlineStatus.OPEN and d.due_date <= week_end],
            ),
            (
                "next_weeks",
                _("Komende 6 weken"),
                [d for d in rows if d.status == DeadlineStatus.OPEN and d.due_date > week_end],
            ),
        ]
        if page.number > 1:  # a later page continues the sections that still have rows
            sections = [section for section in sections if section[2]]
    # HR's employer filter reads its choices once: the rows take their names from them.
    employers = filterset.filters["employer"].extra["choices"] if show_employer else ()
    context = {
        "filter": filterset,
        "sections": sections,
        "page_obj": page,
        "show_employer_filter": show_employer,
        "today": today,
        "row_texts": row_texts(
            show_case=not request.user.is_employee,
            employer_names=_employer_names(rows, employers) if show_employer else {},
        ),
    }
    return render(request, "deadlines/deadline_list.html", context)


def _employer_names(
    rows: list[DeadlineListRow], choices: Iterable[tuple[int, str]]
) -> dict[int, str]:
    """Return the names of the rows' employers by id from the employer filter's `choices` (read
    once: its <select> shows them); any other (added meanwhile) in one small read."""
    names = dict(choices)
    missing = {row.employer_id for row in rows} - names.keys()
    if missing:
        names |= selectors.employer_names(ids=missing)
    return names


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """Show the user's in-app notifications."""
    notifications = selectors.notification_list(user=request.user)
    return render(
        request, "deadlines/notification_list.html", {"notifications": list(notifications)}
    )


@require_POST
def notification_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Mark one notification (or, without ``pk``, all of them) read."""
    services.notification_mark_read(user=request.user, pk=pk)
    return redirect("deadlines:notifications")


def calendar(request: HttpRequest) -> HttpResponse:
    """Show the calendar-feed URL; POST ``action`` create/rotate or revoke."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("create", "rotate"):
            services.calendar_token_rotate(user=request.user)
            messages.success(request, _("Er is een nieuwe agenda-link gemaakt."))
        elif action == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, _("De agenda-link werkt niet meer."))
        return redirect("deadlines:calendar")
    token = selectors.feed_token_for(user=request.user)
    feed_url = None
    if token and token.is_active:
        path = reverse("deadlines:ical", kwargs={"token": token.token})
        feed_url = settings.SITE_URL.rstrip("/") + path
    return render(request, "deadlines/calendar.html", {"token": token, "feed_url": feed_url})


def _ical_description(deadline: Deadline, link: str) -> str:
    """Return a calendar event's text: what to do, who, the status and the link, in Dutch."""
    lines = [
        str(KIND_TEXTS.get(deadline.kind, deadline.get_kind_display())),
        _("Wie: %(role)s. Status: %(status)s.")
        % {
            "role": deadline.get_responsible_role_display(),
            "status": deadline.get_status_display(),
        },
        _("Open het dossier in Poortwachter: %(link)s") % {"link": link},
    ]
    return "\n".join(lines)


@login_not_required
@require_GET
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Return the user's deadlines as iCalendar (secret URL; 404 for unknown or revoked)."""
    user = selectors.feed_owner(token=token)
    if user is None:
        raise Http404
    site = settings.SITE_URL.rstrip("/")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Poortwachter//Deadlines//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Poortwachter deadlines"))
    stamp = timezone.now()
    for deadline in selectors.calendar_deadlines(user=user):
        case = deadline.case
        event = icalendar.Event()
        event.add("uid", f"deadline-{deadline.pk}@poortwachter")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_date)
        event.add("dtend", deadline.due_date + timedelta(days=1))
        event.add(
            "summary",
            _("%(step)s — %(name)s")
            % {"step": deadline.get_kind_display(), "name": case.employee.full_name},
        )
        link = site + case.get_absolute_url()
        event.add("description", _ical_description(deadline, link))
        event.add("url", link)
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="poortwachter.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def case_deadlines(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the timeline and deadlines of one case (what the case detail tag renders)."""

    case = case_get(user=request.user, pk=pk)
    return render(request, "deadlines/case_deadlines.html", {"case": case})


@require_POST
def uwv_date(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a date stated by UWV for a case (HR of the case's employer only)."""
    case = selectors.case_get_for_hr(user=request.user, pk=pk)
    form = UwvDateForm(request.POST)
    if form.is_valid():
        if call_service_message(
            request, services.uwv_date_record, case=case, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("De datum van UWV is vastgelegd."))
    else:
        messages.error(request, _("De UWV-datum is niet vastgelegd: controleer de velden."))
    return redirect(_next_or(request, case.get_absolute_url()))


@require_POST
def deadline_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a step without a dossier record done (HR of the case's employer only)."""
    deadline = selectors.deadline_get_for_hr(user=request.user, pk=pk)
    form = DeadlineCompleteForm(request.POST)
    if form.is_valid():
        if call_service_message(
            request,
            services.deadline_complete,
            deadline=deadline,
            actor=request.user,
            **form.cleaned_data,
        ):
            messages.success(request, _("De stap is afgerond."))
    else:
        messages.error(request, _("Niet afgerond: vul de datum en een toelichting in."))
    return redirect(_next_or(request, deadline.case.get_absolute_url()))


def _next_or(request: HttpRequest, default: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
