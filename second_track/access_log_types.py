"""The tweede spoor's records in the access log, in words (see dossier.access_log_labels)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dossier.access_log_labels import access_log_type_register, dated

from .models import (
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackComment,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
)


def register_access_log_types() -> None:
    """Register each tweede-spoor record type of the access log with its description."""
    register = access_log_type_register
    register(
        "labour_expert_study",
        LabourExpertStudy,
        noun=gettext_lazy("Arbeidsdeskundig onderzoek"),
        describe=lambda s: dated(_("Arbeidsdeskundig onderzoek"), s.held_on),
    )
    register(
        "second_track_decision",
        SecondTrackDecision,
        noun=gettext_lazy("Besluit tweede spoor"),
        describe=lambda d: dated(d.get_kind_display(), d.decided_on),
    )
    register(
        "second_track",
        SecondTrack,
        noun=gettext_lazy("Tweede spoor"),
        describe=lambda t: dated(_("Tweede spoor (herplaatsingsopdracht)"), t.assignment_date),
    )
    register(
        "second_track_profile",
        SecondTrackProfile,
        noun=gettext_lazy("Profiel tweede spoor"),
        describe=lambda p: _("Profiel tweede spoor, versie %(n)s") % {"n": p.number},
    )
    register(
        "second_track_activity",
        SecondTrackActivity,
        noun=gettext_lazy("Activiteit tweede spoor"),
        describe=lambda a: dated(a.get_kind_display(), a.held_on),
    )
    register(
        "second_track_report",
        SecondTrackReport,
        noun=gettext_lazy("Voortgangsrapportage"),
        describe=lambda r: dated(_("Voortgangsrapportage tweede spoor"), r.report_date),
    )
    # A comment is described by its date only: its text stays on the tweede-spoor page.
    register(
        "second_track_comment",
        SecondTrackComment,
        noun=gettext_lazy("Opmerking tweede spoor"),
        describe=lambda c: dated(_("Opmerking bij het tweede spoor"), c.created_at),
    )
