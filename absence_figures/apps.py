from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbsenceFiguresConfig(AppConfig):
    name = "absence_figures"
    verbose_name = _("Verzuimcijfers")
