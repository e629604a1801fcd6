"""Tools of the apps' demo loaders (`load_demo_data`): what each created or found, reading
their data files, and publishing pages as an editor would."""

import csv
import datetime
import json
from collections import Counter
from pathlib import Path


class DemoReport:
    """Counts created and already-present objects per label, for the final summary."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.existing: Counter[str] = Counter()

    def record(self, label: str, created: bool) -> None:
        (self.created if created else self.existing)[label] += 1

    def lines(self) -> list[str]:
        labels = list(dict.fromkeys([*self.created, *self.existing]))
        return [
            f"{label}: {self.created[label]} créé(s), {self.existing[label]} déjà présent(s)"
            for label in labels
        ]


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file with a header line, as dicts keyed by the header."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_json(path: Path, **options):
    """The content of a UTF-8 JSON file (`options` go to `json.load`)."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle, **options)


def split_cell(cell: str) -> list[str]:
    """The values of a CSV cell that holds several, separated by `|` (`a|b`); none if empty."""
    return [value.strip() for value in cell.split("|") if value.strip()]


def parse_date(text: str) -> datetime.date:
    """A date written in a data file as `YYYY-MM-DD`."""
    return datetime.date.fromisoformat(text)


def add_published_child(parent, page):
    """Add `page` under `parent` and publish it through a revision, as an editor would.

    Publishing through a revision sets `first_published_at` and starts the page's history.
    """
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def point_default_site_at(home) -> None:
    """Make `home` the default site's root, with the host and port of PUBLIC_BASE_URL."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from wagtail.models import Site

    url = urlsplit(settings.PUBLIC_BASE_URL)
    port = url.port or (443 if url.scheme == "https" else 80)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": url.hostname or "localhost",
            "port": port,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
