"""Validators for Dutch identifiers: BSN (elfproef), KvK number, loonheffingennummer."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def bsn_is_valid(value: str) -> bool:
    """Return whether `value` is a 9-digit BSN that passes the elfproef."""
    if not re.fullmatch(r"\d{9}", value or "") or value == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(value, weights, strict=True)) % 11 == 0


def validate_bsn(value: str) -> None:
    """Raise a Dutch ValidationError unless `value` is a valid BSN."""
    if not bsn_is_valid(value):
        raise ValidationError(
            _("Ongeldig BSN: een BSN heeft 9 cijfers en moet voldoen aan de elfproef."),
            code="invalid_bsn",
        )


def validate_kvk_number(value: str) -> None:
    """Raise unless `value` is an 8-digit Kamer van Koophandel number."""
    if not re.fullmatch(r"\d{8}", value or ""):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."), code="invalid_kvk")


def validate_payroll_tax_number(value: str) -> None:
    """Raise unless `value` looks like a loonheffingennummer: 9 digits, 'L', 2 digits."""
    if not re.fullmatch(r"\d{9}L\d{2}", (value or "").upper()):
        raise ValidationError(
            _("Een loonheffingennummer heeft de vorm 123456789L01."), code="invalid_lhn"
        )


def mask_bsn(value: str) -> str:
    """Return the BSN with all but the last three digits hidden, e.g. '******782'."""
    if not value:
        return ""
    return "*" * (len(value) - 3) + value[-3:]
