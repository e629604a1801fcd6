"""Bookkeeping for `load_demo_data`: what each app's demo loader created or found."""

from collections import Counter


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
