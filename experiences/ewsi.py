"""EWSI-style records of English practice sheets (European Website on Integration).

Plain functions: one flat record per sheet, the same keys for JSON and CSV, and the CSV
writer. The views in `experiences/api.py` choose the sheets.
"""

import csv
import html
import re
from collections.abc import Iterable
from typing import TextIO

from django.utils.html import strip_tags

from .choices import ACTION_FIELD_EN, SCALE_EN

EWSI_FIELDS = [
    "id",
    "title",
    "url",
    "country",
    "region",
    "city",
    "scale",
    "start_year",
    "end_year",
    "ongoing",
    "area_of_integration",
    "target_groups",
    "lead_organisation",
    "partners",
    "summary",
    "description",
    "results",
    "funding_sources",
    "funding_amount_eur",
    "contact_organisation",
    "date",
    "last_updated",
]

# Lists are joined with this in CSV cells.
CSV_LIST_SEPARATOR = "; "


def html_to_text(value: str) -> str:
    """Rich text to plain text: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(value.replace("</p>", "</p> "))).split())


def description_text(page) -> str:
    """The description stream's headings, paragraphs and quotes as plain text."""
    parts = []
    for block in page.description:
        if block.block_type == "paragraph":
            parts.append(html_to_text(block.value.source))
        elif block.block_type in ("heading", "quote"):
            parts.append(str(block.value).strip())
    return "\n\n".join(part for part in parts if part)


def ewsi_record(page, url: str) -> dict:
    """One sheet as an EWSI-style record (lists stay lists; `to_csv_row` flattens them)."""
    return {
        "id": page.pk,
        "title": page.title,
        "url": url,
        "country": "France",
        "region": page.region_name,
        "city": page.commune,
        "scale": SCALE_EN.get(page.scale, ""),
        "start_year": page.start_year,
        "end_year": page.end_year,
        "ongoing": page.is_ongoing,
        "area_of_integration": ACTION_FIELD_EN.get(page.action_field, ""),
        "target_groups": [group.label_for("en") for group in page.target_groups.all()],
        "lead_organisation": page.lead_organisation,
        "partners": page.partner_list,
        "summary": page.summary,
        "description": description_text(page),
        "results": html_to_text(page.results),
        "funding_sources": page.funding_sources,
        "funding_amount_eur": str(page.funding_amount) if page.funding_amount is not None else None,
        "contact_organisation": page.contact_organisation,
        "date": page.date.isoformat() if page.date else None,
        "last_updated": (
            page.last_published_at.date().isoformat() if page.last_published_at else None
        ),
    }


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection): such text
# cells get a leading apostrophe, as OWASP recommends. Plain numbers are left as they are.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise_formula(value: str) -> str:
    if value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv_row(record: dict) -> list[str]:
    row = []
    for field in EWSI_FIELDS:
        value = record[field]
        if isinstance(value, list):
            value = CSV_LIST_SEPARATOR.join(neutralise_formula(item) for item in value)
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        elif value is None:
            value = ""
        row.append(neutralise_formula(str(value)))
    return row


def write_csv(records: Iterable[dict], stream: TextIO) -> None:
    writer = csv.writer(stream)
    writer.writerow(EWSI_FIELDS)
    for record in records:
        writer.writerow(to_csv_row(record))
