"""Helpers shared by the dossier views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_page(
    request: HttpRequest,
    case: Any,
    title: str,
    form: Form,
    *,
    formset: Any = None,
    template: str = "dossier/form.html",
    **extra: Any,
) -> HttpResponse:
    context = {"case": case, "title": title, "form": form, "formset": formset, **extra}
    return render(request, template, context)


def apply_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
