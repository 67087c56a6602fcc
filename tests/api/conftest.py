"""Fixtures for the API tests: tokens per employer and a JSON client with a bearer token."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from api.models import Scope
from api.services.tokens import api_token_create

ALL_SCOPES = list(Scope.values)


@dataclass
class ApiClient:
    client: Client
    secret: str

    def call(
        self,
        method: str,
        path: str,
        data: Any = None,
        *,
        secret: str | None = None,
        language: str | None = None,
        **headers: str,
    ):
        if not path.startswith("/"):
            path = f"/api/v1/{path}"
        extra = {"HTTP_AUTHORIZATION": f"Bearer {secret if secret is not None else self.secret}"}
        if language:
            extra["HTTP_ACCEPT_LANGUAGE"] = language
        for name, value in headers.items():
            extra[f"HTTP_{name.upper()}"] = value
        kwargs: dict[str, Any] = {}
        if data is not None:
            if method == "get":
                kwargs["data"] = data
            else:
                kwargs = {"data": json.dumps(data), "content_type": "application/json"}
        return getattr(self.client, method)(path, **kwargs, **extra)

    def get(self, path, data=None, **kw):
        return self.call("get", path, data, **kw)

    def post(self, path, data=None, **kw):
        return self.call("post", path, data, **kw)

    def put(self, path, data=None, **kw):
        return self.call("put", path, data, **kw)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_token(world):
    def _make(employer=None, scopes=None, **kwargs):
        return api_token_create(
            employer=employer or world.employer_a,
            name=kwargs.pop("name", "Salarissysteem"),
            scopes=ALL_SCOPES if scopes is None else scopes,
            actor=world.hr_a if (employer or world.employer_a) == world.employer_a else world.hr_b,
            **kwargs,
        )

    return _make


@pytest.fixture
def api(world, make_token) -> ApiClient:
    """A client with an all-scopes token of employer A."""
    return ApiClient(client=Client(), secret=make_token().secret)


def employee_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "first_name": "Anna",
        "name_prefix": "van",
        "last_name": "Dijk",
        "bsn": "111222333",
        "date_of_birth": "1985-03-14",
        "email": "anna@example.nl",
        "department": "",
        "function_title": "Planner",
        "contract_hours": "32",
        "manager_personnel_number": "",
    }
    body.update(overrides)
    return body
