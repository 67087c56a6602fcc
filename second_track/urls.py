from django.urls import path

from . import views

app_name = "second_track"

urlpatterns = [
    path("case/<int:case_pk>/", views.second_track, name="detail"),
    path(
        "case/<int:case_pk>/study/new/",
        views.study_create,
        name="study_create",
    ),
    path(
        "case/<int:case_pk>/decision/new/",
        views.decision_create,
        name="decision_create",
    ),
    path(
        "case/<int:case_pk>/start/",
        views.track_start,
        name="start",
    ),
    path(
        "case/<int:case_pk>/referral/",
        views.track_update,
        name="update",
    ),
    path(
        "case/<int:case_pk>/choice/",
        views.track_choice,
        name="choice",
    ),
    path(
        "case/<int:case_pk>/answer/",
        views.proposal_answer,
        name="answer",
    ),
    path("case/<int:case_pk>/end/", views.track_end, name="end"),
    path(
        "case/<int:case_pk>/profiles/",
        views.profile_list,
        name="profiles",
    ),
    path(
        "case/<int:case_pk>/profiles/new/",
        views.profile_create,
        name="profile_create",
    ),
    path(
        "case/<int:case_pk>/activities/new/",
        views.activity_create,
        name="activity_create",
    ),
    path(
        "activities/<int:pk>/outcome/",
        views.activity_outcome,
        name="activity_outcome",
    ),
    path(
        "activities/<int:pk>/withdraw/",
        views.activity_withdraw,
        name="activity_withdraw",
    ),
    path(
        "case/<int:case_pk>/reports/new/",
        views.report_create,
        name="report_create",
    ),
    path(
        "case/<int:case_pk>/comments/new/",
        views.comment_create,
        name="comment_create",
    ),
    path("", views.overview, name="overview"),
]
