from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.start_page import start_block_register
from cases.anonymisers import case_anonymiser_register
from cases.case_page import case_section_register
from cases.signals import case_facts_changed, case_team_joined


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("Termijnen en herinneringen")

    def ready(self) -> None:
        from .anonymisation import deadlines_anonymise
        from .case_section import case_section_context, case_section_reads
        from .services import case_facts_changed_receive
        from .start_notice import failed_reminders_context
        from .team_notifications import case_team_joined_receive

        case_anonymiser_register("deadlines", deadlines_anonymise)
        case_facts_changed.connect(case_facts_changed_receive, dispatch_uid="deadlines.recompute")
        case_team_joined.connect(case_team_joined_receive, dispatch_uid="deadlines.team_joined")
        case_section_register(
            key="deadlines",
            label=_("Tijdlijn en deadlines"),
            order=20,
            template_name="deadlines/_case_deadlines.html",
            context=case_section_context,
            reads=case_section_reads,
        )
        start_block_register(
            key="failed_reminders",
            order=10,
            template_name="deadlines/_start_failed_reminders.html",
            context=failed_reminders_context,
        )
