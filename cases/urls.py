from django.urls import path

from . import views, views_invitations

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("ziekmelding/", views.report_sick, name="report_sick"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/geschiedenis/", views.case_activity, name="activity"),
    path("<int:pk>/herstelmelding/", views.report_recovery, name="report_recovery"),
    path("<int:pk>/werkhervatting/", views.work_resumption_add, name="work_resumption_add"),
    path("<int:pk>/verlof/", views.leave_period_add, name="leave_period_add"),
    path(
        "<int:pk>/eerste-ziektedag/",
        views.correct_first_sick_day,
        name="correct_first_sick_day",
    ),
    path("<int:pk>/gegevens/", views.update_details, name="update_details"),
    path("<int:pk>/afsluiten/", views.close_case, name="close"),
    path("<int:pk>/team/", views.case_team, name="team"),
    path("werkgevers/", views.employer_list, name="employer_list"),
    path("werkgevers/<int:pk>/", views.employer_update, name="employer_update"),
    path("uitnodigingen/", views_invitations.invitation_list, name="invitation_list"),
    path("uitnodigingen/nieuw/", views_invitations.invitation_create, name="invitation_create"),
    path(
        "uitnodigingen/<int:pk>/opnieuw/",
        views_invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "uitnodigingen/<int:pk>/intrekken/",
        views_invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("uitnodiging/<str:token>/", views_invitations.invitation_accept, name="invitation_accept"),
    path("werknemers/", views.employee_list, name="employee_list"),
    path("werknemers/import/", views.employee_import, name="employee_import"),
    path(
        "werknemers/import/<int:pk>/",
        views.employee_import_status,
        name="employee_import_status",
    ),
    path("werknemers/<int:pk>/", views.employee_detail, name="employee_detail"),
]
