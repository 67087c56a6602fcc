"""URLs of API v1 (included at /api/v1/ under the namespace "api-v1")."""

from .v1 import urlpatterns as _api_patterns

app_name = "api-v1"
urlpatterns = _api_patterns()
