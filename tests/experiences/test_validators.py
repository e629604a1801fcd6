import pytest
from django.core.exceptions import ValidationError

from experiences.validators import (
    insee_code_matches_department,
    validate_department_code,
    validate_insee_code,
)


@pytest.mark.parametrize("code", ["44109", "13055", "2A004", "2B033", "97411"])
def test_valid_insee_codes(code):
    validate_insee_code(code)


@pytest.mark.parametrize(
    "code", ["4410", "441090", "2C004", "44A09", "ABCDE", " 4410", "", "20004", "00100", "97711"]
)
def test_invalid_insee_codes_are_refused_in_french(code):
    with pytest.raises(ValidationError, match="5 caractères"):
        validate_insee_code(code)


@pytest.mark.parametrize("code", ["01", "44", "95", "2A", "2B", "971", "976"])
def test_valid_department_codes(code):
    validate_department_code(code)


@pytest.mark.parametrize("code", ["00", "20", "96", "977", "2C", "4", "044"])
def test_invalid_department_codes(code):
    with pytest.raises(ValidationError, match="département"):
        validate_department_code(code)


def test_insee_code_must_start_with_the_department():
    assert insee_code_matches_department("44109", "44")
    assert insee_code_matches_department("2A004", "2A")
    assert insee_code_matches_department("97411", "974")
    assert not insee_code_matches_department("44109", "13")
    assert not insee_code_matches_department("2A004", "2B")
