from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.due_list, name="due"),
    path("werkgevers/<int:employer_pk>/", views.policy_update, name="policy"),
    path("dossiers/<int:pk>/bewaarplicht/", views.legal_hold, name="legal_hold"),
    path("dossiers/<int:pk>/bewaarplicht/opheffen/", views.legal_hold_lift, name="legal_hold_lift"),
    path("werknemers/<int:pk>/verwijderen/", views.employee_erase, name="employee_erase"),
]
