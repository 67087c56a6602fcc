"""Admin: administrators can see and revoke API tokens and webhooks (HR creates them)."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, WebhookDelivery, WebhookEndpoint


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "employer", "prefix", "created_at", "expires_at", "last_used_at")
    list_filter = ("employer",)
    fields = (
        "name",
        "employer",
        "prefix",
        "scopes",
        "expires_at",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    )
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # a token is made on the Koppelingen page, which shows its secret once

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Geselecteerde API-sleutels intrekken"))
    def revoke(self, request, queryset) -> None:
        queryset.filter(revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=request.user
        )


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ("url", "employer", "active", "consecutive_failures", "created_at")
    list_filter = ("active", "employer")
    exclude = ("secret",)
    readonly_fields = (
        "employer",
        "url",
        "events",
        "created_by",
        "created_at",
        "paused_at",
        "paused_reason",
        "consecutive_failures",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "endpoint", "status", "attempts", "next_attempt_at", "created_at")
    list_filter = ("status",)
    readonly_fields = (
        "event",
        "endpoint",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "created_at",
        "finished_at",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
