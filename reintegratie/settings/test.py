"""Settings for the test suite: fast hashing, in-memory e-mail and cache, eager nothing."""

from .base import *  # noqa: F403

DEBUG = False
DEMO_MODE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
STORAGES["default"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.InMemoryStorage"
}
ACCOUNT_RATE_LIMITS = False
CELERY_TASK_ALWAYS_EAGER = False
API_WEBHOOK_ALLOW_LOCAL_HTTP = True
