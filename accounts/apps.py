from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .session_timeout import session_start_on_login

        user_logged_in.connect(session_start_on_login, dispatch_uid="accounts.session_start")
