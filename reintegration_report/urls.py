from django.urls import path

from . import views

app_name = "reintegration_report"

urlpatterns = [
    path("case/<int:case_pk>/", views.poortwachtertoets, name="poortwachtertoets"),
    path("case/<int:case_pk>/export/", views.export_request, name="export"),
    path("case/<int:case_pk>/risico/", views.case_risk, name="case_risk"),
    path("exports/<int:pk>/", views.export_status, name="export_status"),
    path("hoog-risico/", views.high_risk_list, name="high_risk"),
    path("exports/<int:pk>/opnieuw/", views.export_retry, name="export_retry"),
]
