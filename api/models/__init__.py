"""API tokens and webhook endpoints with their deliveries."""

from .tokens import ApiToken, Scope
from .webhooks import (
    DeliveryStatus,
    EventType,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

__all__ = [
    "ApiToken",
    "DeliveryStatus",
    "EventType",
    "Scope",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]
