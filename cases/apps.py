from django.apps import AppConfig
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_save
from django.utils.translation import gettext_lazy as _

from .write_stamps import request_memo_end, request_memo_start, write_stamp_add


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Verzuimdossiers")

    def ready(self) -> None:
        from .anonymisation import cases_anonymise_own
        from .anonymisers import case_anonymiser_register
        from .models import Employer

        case_anonymiser_register("cases", cases_anonymise_own)
        # Cached counts and options (cases.write_stamps): one version read per request, and
        # stamps for the writes no table trigger sees: who serves which employer (part of
        # every HR count's scope) and users (their names show in the casemanager options).
        request_started.connect(request_memo_start, dispatch_uid="write_version_memo_start")
        request_finished.connect(request_memo_end, dispatch_uid="write_version_memo_end")
        m2m_changed.connect(
            _stamp_hr_users_change, sender=Employer.hr_users.through, dispatch_uid="hr_users_stamp"
        )
        post_save.connect(
            _stamp_user_change, sender=settings.AUTH_USER_MODEL, dispatch_uid="user_stamp"
        )


def _stamp_hr_users_change(*, action: str, **kwargs: object) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        write_stamp_add()


def _stamp_user_change(**kwargs: object) -> None:
    write_stamp_add()
