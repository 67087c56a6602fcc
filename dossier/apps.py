from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cases.anonymisers import case_anonymiser_register
from cases.case_page import case_section_register
from deadlines.fact_readers import fact_reader_register

#: Where the dossier's section stands on the case page; its own page shows the sections from here.
SECTION_ORDER = 30


class DossierConfig(AppConfig):
    name = "dossier"
    verbose_name = _("Re-integratiedossier")

    def ready(self) -> None:
        from .anonymisation import dossier_anonymise
        from .case_section import case_section_context, case_section_reads
        from .deadline_dates import dossier_dates_bulk, dossier_dates_of_case, dossier_dates_reads

        case_anonymiser_register("dossier", dossier_anonymise)
        fact_reader_register(
            "dossier", dossier_dates_bulk, dossier_dates_of_case, dossier_dates_reads
        )
        case_section_register(
            key="dossier",
            label=_("Re-integratiedossier"),
            order=SECTION_ORDER,
            template_name="dossier/_case_dossier.html",
            context=case_section_context,
            reads=case_section_reads,
        )
