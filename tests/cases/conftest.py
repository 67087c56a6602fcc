"""Fixtures for the cases tests: a recording stand-in for the deadlines recompute."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def recompute_calls(monkeypatch) -> list[dict]:
    """Replace `deadlines.services.deadlines_recompute` by a recorder; return its calls."""
    calls: list[dict] = []
    monkeypatch.setattr(
        "deadlines.services.deadlines_recompute", lambda **kwargs: calls.append(kwargs)
    )
    return calls
