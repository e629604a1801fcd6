import pytest
from django.core.management import call_command

from bibliography.models import Reference, ThematicBibliographyPage

pytestmark = pytest.mark.django_db


def test_demo_has_notices_and_three_bibliographies_and_is_idempotent(client, demo_site):
    assert Reference.objects.live().count() >= 150
    assert not Reference.objects.exclude(doi="").exists()
    assert not Reference.objects.exclude(isbn="").exists()
    pages = ThematicBibliographyPage.objects.live().order_by("title")
    assert [p.title for p in pages] == ["Interculturalité", "Laïcité", "Mixité sociale et logement"]
    laicite = pages.get(slug="laicite")
    assert laicite.date.isoformat() == "2016-12-15"
    html = client.get(laicite.url).content.decode()
    assert "Loi du 9 décembre 1905" in html
    assert "Mise à jour décembre 2016" in html
    count = Reference.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert Reference.objects.count() == count
    assert ThematicBibliographyPage.objects.count() == 3
