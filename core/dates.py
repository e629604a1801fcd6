"""Dates written out for readers, the one wording of the public pages and the newsletter."""

import datetime

from django.utils import translation
from django.utils.formats import date_format


def long_date(value: datetime.date | None, fmt: str = "j F Y") -> str:
    """A date written out in the active language, never broken across two lines: « 1er
    décembre 2016 » in French (the first of the month is an ordinal), « 1 December 2016 » in
    English. `fmt` as Django's `date` filter (« l j F Y »: « jeudi 1er décembre 2016 »)."""
    if not value:
        return ""
    if value.day == 1 and (translation.get_language() or "").startswith("fr"):
        fmt = fmt.replace("j", r"j\e\r")
    return date_format(value, fmt).replace(" ", "\N{NO-BREAK SPACE}")
