from django.urls import path

from . import views
from .views import second_track

app_name = "dossier"

urlpatterns = [
    path("case/<int:case_pk>/", views.case_dossier, name="case"),
    path("case/<int:case_pk>/statements/new/", views.statement_create, name="statement_create"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("case/<int:case_pk>/capacity/new/", views.capacity_create, name="capacity_create"),
    path("capacity/<int:pk>/", views.capacity_detail, name="capacity_detail"),
    path("case/<int:case_pk>/plan/new/", views.plan_create, name="plan_create"),
    path("case/<int:case_pk>/plan/revise/", views.plan_revise, name="plan_revise"),
    path("plan-versions/<int:pk>/", views.plan_version_detail, name="plan_version_detail"),
    path("plan-versions/<int:pk>/edit/", views.plan_version_update, name="plan_version_update"),
    path("plan-versions/<int:pk>/agree/", views.plan_version_agree, name="plan_version_agree"),
    path("plan-versions/<int:pk>/diff/", views.plan_version_diff_view, name="plan_version_diff"),
    path("case/<int:case_pk>/talks/new/", views.talk_create, name="talk_create"),
    path("talks/<int:pk>/", views.talk_detail, name="talk_detail"),
    path(
        "case/<int:case_pk>/evaluations/new/<str:kind>/",
        views.evaluation_create,
        name="evaluation_create",
    ),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("case/<int:case_pk>/opinion/", views.opinion, name="opinion"),
    path("case/<int:case_pk>/documents/new/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path(
        "documents/<int:pk>/versions/new/",
        views.document_version_upload,
        name="document_version_upload",
    ),
    path("documents/<int:pk>/withdraw/", views.document_withdraw, name="document_withdraw"),
    path("document-versions/<int:pk>/download/", views.document_download, name="document_download"),
    path("case/<int:case_pk>/access-log/", views.access_log, name="access_log"),
    # Poortwachtertoets and the re-integratieverslag export
    path("case/<int:case_pk>/riv/", views.riv_check, name="riv_check"),
    path("case/<int:case_pk>/riv/export/", views.riv_export, name="riv_export"),
    path("riv-exports/<int:pk>/", views.riv_export_status, name="riv_export_status"),
    # Tweede spoor
    path("case/<int:case_pk>/second-track/", second_track.second_track, name="second_track"),
    path(
        "case/<int:case_pk>/second-track/study/new/",
        second_track.study_create,
        name="second_track_study_create",
    ),
    path(
        "case/<int:case_pk>/second-track/decision/new/",
        second_track.decision_create,
        name="second_track_decision_create",
    ),
    path(
        "case/<int:case_pk>/second-track/start/",
        second_track.track_start,
        name="second_track_start",
    ),
    path(
        "case/<int:case_pk>/second-track/referral/",
        second_track.track_update,
        name="second_track_update",
    ),
    path(
        "case/<int:case_pk>/second-track/choice/",
        second_track.track_choice,
        name="second_track_choice",
    ),
    path(
        "case/<int:case_pk>/second-track/answer/",
        second_track.proposal_answer,
        name="second_track_answer",
    ),
    path("case/<int:case_pk>/second-track/end/", second_track.track_end, name="second_track_end"),
    path(
        "case/<int:case_pk>/second-track/profiles/",
        second_track.profile_list,
        name="second_track_profiles",
    ),
    path(
        "case/<int:case_pk>/second-track/profiles/new/",
        second_track.profile_create,
        name="second_track_profile_create",
    ),
    path(
        "case/<int:case_pk>/second-track/activities/new/",
        second_track.activity_create,
        name="second_track_activity_create",
    ),
    path(
        "second-track/activities/<int:pk>/outcome/",
        second_track.activity_outcome,
        name="second_track_activity_outcome",
    ),
    path(
        "second-track/activities/<int:pk>/withdraw/",
        second_track.activity_withdraw,
        name="second_track_activity_withdraw",
    ),
    path(
        "case/<int:case_pk>/second-track/reports/new/",
        second_track.report_create,
        name="second_track_report_create",
    ),
    path(
        "case/<int:case_pk>/second-track/comments/new/",
        second_track.comment_create,
        name="second_track_comment_create",
    ),
    path("second-track/", second_track.overview, name="second_track_overview"),
]
