from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Verzuimdossiers")

    def ready(self) -> None:
        from .anonymisation import cases_anonymise_own
        from .anonymisers import case_anonymiser_register

        case_anonymiser_register("cases", cases_anonymise_own)
