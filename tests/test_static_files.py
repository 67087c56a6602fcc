"""Static files the production build ships: nothing may name a file that is not shipped."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE_MAP = re.compile(r"sourceMappingURL=([^\s*]+)")


def test_no_static_file_names_a_source_map_that_is_not_shipped():
    """The manifest storage refuses `collectstatic` when a file names a missing file."""
    missing = []
    for path in (ROOT / "static").rglob("*"):
        if path.suffix not in {".js", ".css"}:
            continue
        for name in SOURCE_MAP.findall(path.read_text(errors="replace")):
            if not (path.parent / name).exists():
                missing.append(f"{path.relative_to(ROOT)} -> {name}")
    assert missing == []


def test_image_and_compose_run_what_the_production_check_runs():
    """The Dockerfile collects static files with the production settings; compose starts the
    same gunicorn application the production check starts."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "DJANGO_SETTINGS_MODULE=reintegratie.settings.production" in dockerfile
    assert "manage.py collectstatic --noinput" in dockerfile
    assert "gunicorn" in dockerfile and "reintegratie.wsgi:application" in dockerfile
    check = (ROOT / "reintegratie" / "production_check.py").read_text()
    assert "reintegratie.wsgi:application" in check
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert "reintegratie.wsgi:application" in " ".join(compose["services"]["web"]["command"])
    makefile = (ROOT / "Makefile").read_text()
    assert "reintegratie.production_check" in makefile.split("\ntest:")[1].split("\n\n")[0]
