from django.urls import path

from . import views

app_name = "absence_figures"

urlpatterns = [
    path("", views.analysis_page, name="analysis"),
    path("export.csv", views.analysis_export, {"extension": "csv"}, name="export_csv"),
    path("export.xlsx", views.analysis_export, {"extension": "xlsx"}, name="export_xlsx"),
    path("rapport.pdf", views.analysis_report, name="report"),
]
