"""The one way a view calls a service: run it, and put a refused write's reasons on the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import Form
from django.http import HttpRequest

from .constraint_errors import integrity_error_as_validation_error


@dataclass(frozen=True)
class ServiceCall[R]:
    """The outcome of :func:`call_service`: true when the service accepted the write."""

    ok: bool
    result: R | None = None

    def __bool__(self) -> bool:
        return self.ok


def form_errors_add(form: Form, error: ValidationError) -> None:
    """Put `error` on `form`: field errors on their field where the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _run[T](service: Callable[..., T], kwargs: dict[str, Any]) -> T:
    """Run the service in a savepoint; a database constraint it hits becomes a Dutch refusal.

    The form and the service check the constraints first; a race past those checks (two people
    saving at once) still ends as a message on the form, never as a raw constraint name.
    """
    try:
        with transaction.atomic():
            return service(**kwargs)
    except IntegrityError as error:
        raise integrity_error_as_validation_error(error) from error


def call_service[T](form: Form, service: Callable[..., T], /, **kwargs: Any) -> ServiceCall[T]:
    """Call ``service(**kwargs)``; a `ValidationError` goes onto `form` and the call fails.

    Typical view code::

        if request.method == "POST" and form.is_valid():
            if call := call_service(form, services.x, case=case, actor=user, **form.cleaned_data):
                return redirect(call.result)
        return render(...)  # the form now shows the service's reasons
    """
    try:
        result = _run(service, kwargs)
    except ValidationError as error:
        form_errors_add(form, error)
        return ServiceCall(ok=False)
    return ServiceCall(ok=True, result=result)


def call_service_message[T](
    request: HttpRequest, service: Callable[..., T], /, **kwargs: Any
) -> ServiceCall[T]:
    """Like :func:`call_service` for a form posted from another page: a refused write becomes
    an error message on the page the view redirects to."""
    try:
        result = _run(service, kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return ServiceCall(ok=False)
    return ServiceCall(ok=True, result=result)
