"""English admin and forms: dates are still read day first, as the network writes them.

The admin shows dates as `WAGTAIL_DATE_FORMAT` (`%d/%m/%Y`) whatever the editor's language;
Django's English input formats would read « 03/04/2026 » back as 4 March. The month-first
forms are left out; ISO dates (`2026-04-03`) are always accepted.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",
    "%d/%m/%y",
    "%Y-%m-%d",
    "%d %b %Y",
    "%d %B %Y",
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
