"""Case page in-page navigation; case list sort links, overdue highlight, week range check."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case

pytestmark = pytest.mark.django_db


def test_sort_links_are_single_query_strings_and_sort(world, login):
    client = login(world.hr_a)
    html = client.get(reverse("cases:list")).content.decode()
    assert "??" not in html
    links = re.findall(r'href="(\?[^"]*ordering=[^"]*)"', html)
    assert len(links) >= 5
    response = client.get(reverse("cases:list") + "?ordering=name")
    last_names = dict(Case.objects.values_list("pk", "employee__last_name"))
    names = [last_names[c.pk] for c in response.context["cases"]]
    assert names == sorted(names)


def test_overdue_next_deadline_is_highlighted(world, login):
    Case.objects.filter(pk=world.case_a.pk).update(
        next_deadline=timezone.localdate() - timedelta(days=1)
    )
    Case.objects.filter(pk=world.colleague_case_a.pk).update(
        next_deadline=timezone.localdate() + timedelta(days=10)
    )
    html = login(world.hr_a).get(reverse("cases:list")).content.decode()
    assert html.count("deadline-overdue") == 1


def test_week_filter_from_after_to_is_refused_with_a_message(world, login):
    client = login(world.hr_a)
    response = client.get(reverse("cases:list"), {"week_min": "10", "week_max": "3"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "filter-errors" in html and "ligt vóór" in html
    assert 'value="10"' in html and 'value="3"' in html  # nothing typed is lost
    # The filter form sends htmx requests, which swap only the rows: the message is in them.
    rows = client.get(
        reverse("cases:list"), {"week_min": "10", "week_max": "3"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "filter-errors" in rows and "ligt vóór" in rows


def test_the_case_page_has_an_in_page_navigation(world, login):
    html = login(world.hr_a).get(reverse("cases:detail", args=[world.case_a.pk])).content.decode()
    nav = html.split('class="case-sections-nav', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#([^"]+)"', nav)
    assert anchors[0] == "overview" and anchors[-1] == "activity-heading"
    assert "section-deadlines" in anchors and "section-dossier" in anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor


def test_timeline_labels_are_legible(world, login):
    html = login(world.hr_a).get(reverse("cases:detail", args=[world.case_a.pk])).content.decode()
    sizes = [int(s) for s in re.findall(r'font-size="(\d+)"', html)]
    assert sizes and min(sizes) >= 11
