"""Demo content (`load_demo_data` runs this after the content apps): build every record.

The demo creates notices and press items with plain saves, without the publishing signals
that keep the search in step, so their records are (re)built here, source by source (pages
are published through revisions, whose signals already did it).
"""

from wagtail.models import Page

from core.demo_tools import DemoReport

from .indexing import sync_source
from .models import SearchRecord
from .registry import get_sources


def load(report: DemoReport) -> None:
    before = SearchRecord.objects.count()
    snippets = [s for s in get_sources().values() if not issubclass(s.model, Page)]
    total = sum(sync_source(source) for source in snippets)
    created = SearchRecord.objects.count() - before
    for index in range(total):
        report.record("Fiches de recherche", index < created)
