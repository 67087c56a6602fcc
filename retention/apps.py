from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cases.case_page import case_section_register
from cases.employee_page import employee_block_register


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Bewaartermijnen (AVG)")

    def ready(self) -> None:
        from .blocks import case_section_context, case_section_reads, employee_block_context

        case_section_register(
            key="retention",
            label=_("Bewaartermijn"),
            order=90,
            template_name="retention/_case_section.html",
            context=case_section_context,
            reads=case_section_reads,
        )
        employee_block_register(
            key="retention",
            order=90,
            template_name="retention/_employee_block.html",
            context=employee_block_context,
        )
