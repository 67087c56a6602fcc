from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cases.anonymisers import case_anonymiser_register
from cases.case_page import case_section_register
from deadlines.fact_readers import fact_reader_register


class SecondTrackConfig(AppConfig):
    name = "second_track"
    verbose_name = _("Tweede spoor")

    def ready(self) -> None:
        from .access_log_types import register_access_log_types
        from .anonymisation import second_track_anonymise
        from .case_records import case_records_reads
        from .case_section import case_section_context, case_section_reads
        from .deadline_dates import second_track_dates_bulk, second_track_dates_of_case

        case_anonymiser_register("second_track", second_track_anonymise)
        fact_reader_register(
            "second_track",
            second_track_dates_bulk,
            second_track_dates_of_case,
            case_records_reads,  # what the case reader reads (its trajectories, decisions)
        )
        register_access_log_types()
        case_section_register(
            key="second_track",
            label=_("Tweede spoor"),
            order=40,
            template_name="second_track/_case_section.html",
            context=case_section_context,
            reads=case_section_reads,
        )
