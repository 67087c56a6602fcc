from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed
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
        # Who serves which employer is part of every HR count's scope (cases.write_stamps).
        request_started.connect(request_memo_start, dispatch_uid="write_version_memo_start")
        request_finished.connect(request_memo_end, dispatch_uid="write_version_memo_end")
        m2m_changed.connect(
            _stamp_hr_users_change, sender=Employer.hr_users.through, dispatch_uid="hr_users_stamp"
        )


def _stamp_hr_users_change(*, action: str, **kwargs: object) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        write_stamp_add()
