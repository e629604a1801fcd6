import pytest
from django.core.management import call_command

from core.models import SiteDocument
from publications.models import EventPage, NotePage, PointDeVuePage, PressItem, ToolkitPage

pytestmark = pytest.mark.django_db


def test_demo_loads_the_networks_productions_once(client, demo_site):
    assert NotePage.objects.live().count() >= 3
    assert PointDeVuePage.objects.live().count() >= 3
    toolkit = ToolkitPage.objects.get(slug="recueil-outils-pedagogiques-laicite")
    assert toolkit.tools.count() >= 6
    assert {"video", "jeu", "exposition", "livret"} <= set(
        toolkit.tools.values_list("kind", flat=True)
    )
    assert EventPage.objects.live().exists() and PressItem.objects.exists()

    note = NotePage.objects.get(slug="contrat-de-ville-et-prevention-des-discriminations")
    assert note.pdf.page_count == 13
    assert "PDF, 13 p., " in client.get(note.url).content.decode()
    # « Kirszbaum » is only in the generated PDF of the CIA note.
    found = list(NotePage.objects.live().search("Kirszbaum"))
    assert [p.slug for p in found] == ["conventions-intercommunales-attribution"]

    documents = SiteDocument.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert SiteDocument.objects.count() == documents
    assert ToolkitPage.objects.get(pk=toolkit.pk).tools.count() == toolkit.tools.count()


def test_every_demo_page_renders_with_one_h1(client, demo_site):
    for page in demo_site.get_descendants(inclusive=True).live().specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert response.content.decode().count("<h1") == 1, page.url
