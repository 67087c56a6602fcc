"""The Koppelingen pages (HR): API tokens, webhooks, API documentation."""

from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("sleutels/nieuw/", views.token_create, name="token_create"),
    path("sleutels/<int:pk>/intrekken/", views.token_revoke, name="token_revoke"),
    path("webhooks/nieuw/", views.webhook_create, name="webhook_create"),
    path("webhooks/<int:pk>/", views.webhook_detail, name="webhook_detail"),
    path("webhooks/<int:pk>/actief/", views.webhook_toggle, name="webhook_toggle"),
    path("documentatie/", views.docs, name="docs"),
]
