from django.urls import path

from . import views

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
    path("evaluations/<int:pk>/employee-view/", views.evaluation_view, name="evaluation_view"),
    path("sign/<str:kind>/<int:pk>/", views.signature_sign, name="signature_sign"),
    path("sign/<str:kind>/<int:pk>/paper/", views.signature_paper, name="signature_paper"),
    path("case/<int:case_pk>/opinion/", views.opinion, name="opinion"),
    path(
        "case/<int:case_pk>/expert-opinions/new/",
        views.expert_opinion_create,
        name="expert_opinion_create",
    ),
    path("expert-opinions/<int:pk>/", views.expert_opinion_detail, name="expert_opinion_detail"),
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
]
