"""Celery tasks of the api app: thin wrappers around the webhook services, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from .services.webhooks import webhook_delivery_send, webhooks_send_due
from .webhooks.scan import webhooks_scan


@shared_task
def deliver_webhook(delivery_id: int) -> bool:
    """Send one webhook delivery if it is (still) due."""
    return webhook_delivery_send(delivery_id=delivery_id) is not None


@shared_task
def webhooks_tick() -> int:
    """Every minute: record deadline and export events, then send every due delivery."""
    webhooks_scan()
    return webhooks_send_due()
