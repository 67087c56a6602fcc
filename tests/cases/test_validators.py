import pytest
from django.core.exceptions import ValidationError

from cases.validators import bsn_is_valid, mask_bsn, validate_bsn, validate_payroll_tax_number


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_valid_bsns_pass_the_elfproef(bsn):
    assert bsn_is_valid(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "000000000", "12345678", "12345678a", ""])
def test_invalid_bsns_are_refused_in_dutch(bsn):
    assert not bsn_is_valid(bsn)
    with pytest.raises(ValidationError, match="elfproef"):
        validate_bsn(bsn)


def test_bsn_is_masked_but_for_the_last_three_digits():
    assert mask_bsn("123456782") == "******782"


def test_payroll_tax_number_format():
    validate_payroll_tax_number("812345670L01")
    with pytest.raises(ValidationError):
        validate_payroll_tax_number("812345670")
