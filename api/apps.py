from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cases.anonymisers import case_anonymiser_register


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API en webhooks")

    def ready(self) -> None:
        from .anonymisation import webhook_events_anonymise

        case_anonymiser_register("api", webhook_events_anonymise)
        # Subscribe to what happens in the lower apps (they never import this app).
        from .webhooks import subscribers

        subscribers.connect()
