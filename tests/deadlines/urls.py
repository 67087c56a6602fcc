"""The root URLconf plus the deadlines URLs, until the lead includes them in reintegratie.urls."""

from django.urls import include, path

from reintegratie import urls as root

urlpatterns = list(root.urlpatterns)
if not any(getattr(p, "namespace", None) == "deadlines" for p in urlpatterns):
    urlpatterns.append(path("deadlines/", include("deadlines.urls")))

handler403 = root.handler403
handler404 = root.handler404
handler500 = root.handler500
