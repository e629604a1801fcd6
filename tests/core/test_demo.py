import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from core.models import Organisation, Theme
from home.models import HomePage

pytestmark = pytest.mark.django_db

SECTION_TYPES = {
    "PublicationIndexPage",
    "BibliographyIndexPage",
    "PracticeIndexPage",
    "NewsIndexPage",
    "EventIndexPage",
    "NewsletterIndexPage",
}


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "sites": Site.objects.count(),
    }


def test_demo_loader_is_idempotent(demo_site, capsys):
    first = counts()
    call_command("load_demo_data")
    assert counts() == first
    output = capsys.readouterr().out
    assert "0 créé(s)" in output.split("Contenu de démonstration chargé")[-1]


def test_demo_builds_the_site_tree(demo_site):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    sections = {p.specific_class.__name__ for p in home.get_children().live()}
    assert sections == SECTION_TYPES
    # Wagtail's « Welcome » page is gone: only the home page and its translations are left.
    assert {p.pk for p in Page.get_first_root_node().get_children()} == {
        p.pk for p in home.get_translations(inclusive=True)
    }
    assert {"laicite", "interculturalite", "mixite-sociale-logement"} <= set(
        Theme.objects.values_list("slug", flat=True)
    )
    assert {"ORIV", "IREV", "COFRIMI", "CID"} <= set(
        Organisation.objects.values_list("acronym", flat=True)
    )
    assert all(p.first_published_at for p in home.get_descendants(inclusive=True))


def test_dev_superuser_is_refused_without_debug():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_dev_superuser")


def test_prepare_dev_readies_the_site_and_the_superuser_in_one_command(
    demo_site, settings, client, capsys
):
    """What `make run` runs before the server: the demo in place, the development superuser
    able to log in to the admin."""
    settings.DEBUG = True
    before = counts()
    call_command("prepare_dev")
    assert counts() == before  # the demo was there: nothing doubled
    output = capsys.readouterr().out
    assert "Contenu de démonstration chargé" in output
    assert "Super-utilisateur de développement (créé) : admin / reci-dev-admin" in output
    settings.DEBUG = False
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "reci-dev-admin"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200
