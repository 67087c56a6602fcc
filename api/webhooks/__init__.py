"""Outgoing webhooks: events recorded from what happens, signed deliveries with retries."""
