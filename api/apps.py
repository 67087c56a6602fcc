from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API en webhooks")

    def ready(self) -> None:
        # Subscribe to what happens in the lower apps (they never import this app).
        from .webhooks import subscribers

        subscribers.connect()
