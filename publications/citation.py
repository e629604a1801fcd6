"""The « Citer ce document » line, as plain text. One function: CSL formatting may replace it."""

import datetime

FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

PUBLISHER = "Réseau RECI"


def french_month_year(date: datetime.date) -> str:
    """« novembre 2016 », whatever the active language."""
    return f"{FRENCH_MONTHS[date.month - 1]} {date.year}"


def format_citation(authors: list[str], title: str, date: datetime.date | None, url: str) -> str:
    """« ORIV, IREV. Contrat de ville… Réseau RECI, novembre 2016. https://… »

    Authors come first when there are any; the publisher is always the network.
    """
    parts = []
    if authors:
        parts.append(", ".join(authors) + ".")
    # A title ending in « ? », « ! » or « … » keeps its own mark (not « traitement ?. »).
    parts.append(title if title.endswith(("?", "!", "…")) else title.rstrip(".") + ".")
    parts.append(f"{PUBLISHER}, {french_month_year(date)}." if date else f"{PUBLISHER}.")
    if url:
        parts.append(url)
    return " ".join(parts)
