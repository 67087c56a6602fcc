"""HMAC-SHA256 signatures over ``<timestamp>.<body>`` (Standard-Webhooks style headers).

A receiver recomputes ``hex(HMAC-SHA256(secret, f"{Webhook-Timestamp}.{raw body}"))``, compares
it in constant time with the ``v1=`` value of ``Webhook-Signature`` and refuses timestamps older
than a few minutes (replay).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_secret() -> str:
    """Return a fresh endpoint secret (shown once to HR)."""
    return f"whsec_{secrets.token_urlsafe(32)}"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"v1={signature(secret, timestamp, body)}"


def verify(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    """Return whether `header` carries a valid v1 signature of `body` at `timestamp`."""
    try:
        expected = signature(secret, int(timestamp), body)
    except ValueError:
        return False
    candidates = [part.split("=", 1)[1] for part in header.split() if part.startswith("v1=")]
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
