"""Health endpoint, error pages, security headers and the production compose file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client, monkeypatch):
    monkeypatch.setattr("accounts.views._broker_ok", lambda: True)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": True, "broker": True}


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_down(client, monkeypatch):
    monkeypatch.setattr("accounts.views._broker_ok", lambda: False)
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_pages_carry_a_nonce_based_csp(client):
    response = client.get(reverse("account_login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_unknown_page_renders_the_dutch_404(client, world, login):
    client = login(world.hr_a)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


def test_compose_file_defines_the_production_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat", "mailpit"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "reintegratie.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
    assert "healthz" in " ".join(services["web"]["healthcheck"]["test"])


def test_page_title_separates_the_page_from_the_site(client):
    from django.urls import reverse

    html = client.get(reverse("account_login")).content.decode()
    assert "<title>Inloggen · Poortwachter</title>" in html


def test_filesystem_broker_keeps_all_its_folders_under_data():
    """Without Redis every folder of kombu's filesystem transport lies in .data/celery."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json; from reintegratie.settings import base;"
        "print(json.dumps(base.CELERY_BROKER_TRANSPORT_OPTIONS))"
    )
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/unused"
    options = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout
    )
    folders = [v for k, v in options.items() if "folder" in k]
    assert sorted(k for k in options if "folder" in k) == [
        "control_folder",
        "data_folder_in",
        "data_folder_out",
        "processed_folder",
    ]
    assert all("/.data/celery/" in folder for folder in folders)


def test_weasyprint_is_not_imported_at_start():
    """WeasyPrint takes about a second to import: the PDF modules import it on first use, so
    web workers, Celery workers and management commands start without it."""
    code = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "print('weasyprint' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"
