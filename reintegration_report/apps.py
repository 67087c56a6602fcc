from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.start_page import start_block_register
from cases.case_page import case_section_register
from dossier.document_guards import document_guard_register


class ReintegrationReportConfig(AppConfig):
    name = "reintegration_report"
    verbose_name = _("Re-integratieverslag")

    def ready(self) -> None:
        from .case_section import case_section_context
        from .services import export_download_guard
        from .start_page import start_block_context

        document_guard_register("reintegration_report", export_download_guard)
        case_section_register(
            key="reintegration_report",
            label=_("Re-integratieverslag"),
            order=50,
            template_name="reintegration_report/_case_section.html",
            context=case_section_context,
        )
        start_block_register(
            key="high_risk_cases",
            order=10,
            template_name="reintegration_report/_start_high_risk.html",
            context=start_block_context,
        )
