"""The history of a case (`cases:activity`): loaded into the case page afterwards (htmx), or
a page of its own, with the case page's access check."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import SafetyNetSituation
from cases.services import case_update_details

pytestmark = pytest.mark.django_db


def _log(client, case, **headers) -> str:
    response = client.get(reverse("cases:activity", args=[case.pk]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_page_loads_its_history_afterwards(world, login):
    client = login(world.hr_a)
    url = reverse("cases:activity", args=[world.case_a.pk])
    page = client.get(world.case_a.get_absolute_url()).content.decode()
    assert f'hx-get="{url}"' in page
    assert f'href="{url}"' in page  # without JavaScript: a link to its own page
    assert 'href="#activity-heading"' in page
    assert "activity-log" not in page  # the log itself is not read for the page


def test_the_fragment_is_the_log_and_the_page_wraps_it(world, login):
    client = login(world.hr_a)
    fragment = _log(client, world.case_a, HTTP_HX_REQUEST="true")
    assert 'class="table table-sm small activity-log"' in fragment
    assert "verzuimdossier (nieuw)" in fragment
    assert "<html" not in fragment
    page = _log(client, world.case_a)
    assert "<html" in page and 'class="table table-sm small activity-log"' in page
    assert world.case_a.get_absolute_url() in page  # breadcrumb back to the case


@pytest.mark.parametrize("who", ["hr_b", "other_physician"])
def test_who_may_not_see_the_case_gets_no_history(world, login, who):
    client = login(getattr(world, who))
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        url = reverse("cases:activity", args=[world.case_a.pk])
        assert client.get(url, **headers).status_code == 404
        assert client.get(world.case_a.get_absolute_url()).status_code == 404


def test_the_vangnet_situation_stays_out_of_a_managers_history(world, login):
    case_update_details(
        case=world.case_a,
        actor=world.hr_a,
        safety_net_situation=SafetyNetSituation.PREGNANCY_BEFORE_LEAVE,
    )
    label = "Vangnetsituatie"
    assert label in _log(login(world.hr_a), world.case_a, HTTP_HX_REQUEST="true")
    manager_log = _log(login(world.manager_a), world.case_a, HTTP_HX_REQUEST="true")
    assert "activity-log" in manager_log and label not in manager_log
