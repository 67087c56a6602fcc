"""Celery application, configured from Django settings (CELERY_* names)."""

from celery import Celery

# DJANGO_SETTINGS_MODULE comes from the environment (manage.py, `make run`, docker-compose);
# it is deliberately not defaulted here, because importing this package must not pick settings.

app = Celery("reintegratie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
