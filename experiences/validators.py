"""Format rules for French place codes, shared by the page model and its tests."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Metropolitan départements 01–95 (no 20 since Corsica became 2A/2B), overseas 971–976.
DEPARTMENT_CODE_RE = re.compile(r"^(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$")
# Five characters: the département's number, then the commune's (three digits, two overseas).
INSEE_CODE_RE = re.compile(r"^(?:(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}|97[1-6]\d{2})$")


def validate_insee_code(value: str) -> None:
    if not INSEE_CODE_RE.match(value or ""):
        raise ValidationError(
            _(
                "Le code INSEE de la commune doit comporter 5 caractères : des chiffres, "
                "ou 2A/2B suivis de 3 chiffres pour la Corse (par exemple 44109 ou 2A004)."
            ),
            code="invalid_insee_code",
        )


def validate_department_code(value: str) -> None:
    if not DEPARTMENT_CODE_RE.match(value or ""):
        raise ValidationError(
            _(
                "Le numéro de département doit être 01 à 95, 2A, 2B ou 971 à 976 "
                "(par exemple 44 ou 2A)."
            ),
            code="invalid_department_code",
        )


def insee_code_matches_department(insee_code: str, department: str) -> bool:
    """Whether a commune's INSEE code starts with its département's number."""
    return insee_code.startswith(department)
