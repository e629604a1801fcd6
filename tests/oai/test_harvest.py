"""End to end: a real harvester (Sickle) through a live server, resumption token after token."""

import pytest
from django.utils import timezone
from sickle import Sickle
from wagtail.models import Page, PageViewRestriction

from bibliography.importer import Importer, parse_text
from bibliography.models import Reference
from oai import sources
from tests.factories import ReferenceFactory

NOTICES = 5000
RIS = "".join(
    f"TY  - RPRT\nTI  - Étude n° {n} sur les discriminations\nPY  - {1990 + n % 35}\n"
    f"AU  - Martin{n % 97}, Camille\nKW  - logement\nAB  - Résumé {n}.\nER  - \n\n"
    for n in range(NOTICES)
)


def identifier(kind: str, pk: int) -> str:
    return f"oai:testserver:{kind}/{pk}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_harvest_everything_once_while_publishing(committed_demo_site, live_server):
    report = Importer(keep_rows=False).run(parse_text(RIS, "ris"))
    assert report.counts["created"] == NOTICES
    draft = ReferenceFactory(live=False, title="Brouillon")
    private = Page.objects.live().type(*sources.content_page_models()).first()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    live = {
        identifier("reference", pk) for pk in Reference.objects.live().values_list("pk", flat=True)
    }
    live |= {identifier("page", pk) for pk in sources.page_queryset().values_list("pk", flat=True)}
    assert len(live) > NOTICES

    harvester = Sickle(f"{live_server.url}/oai/", max_retries=0)
    seen, deleted, published_during = [], [], []
    for n, record in enumerate(
        harvester.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False)
    ):
        if record.header.deleted:
            deleted.append(record.header.identifier)
        else:
            seen.append(record.header.identifier)
            assert record.metadata["title"]
        if n == 150:
            since = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        if n in (150, 2600):
            # Published while the harvest runs: for the next harvest, not this one.
            published_during.append(identifier("reference", ReferenceFactory().pk))

    assert len(seen) == len(set(seen)), "a record was harvested twice"
    assert set(seen) == live
    assert identifier("page", private.pk) in deleted
    assert identifier("reference", draft.pk) not in seen + deleted
    assert not set(published_during) & set(seen)

    # The next (incremental) harvest picks the new notices up.
    later = {
        h.identifier for h in harvester.ListIdentifiers(metadataPrefix="oai_dc", **{"from": since})
    }
    assert set(published_during) <= later
