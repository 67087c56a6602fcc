"""Root URL configuration: one include per app."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dossiers/", include("cases.urls")),
    path("dossier/", include("dossier.urls")),
    path("tweede-spoor/", include("second_track.urls")),
    path("re-integratieverslag/", include("reintegration_report.urls")),
    path("deadlines/", include("deadlines.urls")),
    path("analyse/", include("absence_figures.urls")),
    path("koppelingen/", include("api.urls")),
    path("api/v1/", include("api.urls_v1")),
    path("bewaartermijnen/", include("retention.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "reintegratie.errors.permission_denied"
handler404 = "reintegratie.errors.page_not_found"
handler500 = "reintegratie.errors.server_error"
