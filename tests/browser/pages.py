"""Where each public page type of the demo lives, found in the database the server reads."""

from wagtail.models import Page


def url_of(model_name: str, *, locale: str = "fr", index: int = 0) -> str:
    """The path of the `index`-th live page of that type (by tree order) in that language."""
    pages = Page.objects.live().filter(
        content_type__model=model_name.lower(), locale__language_code=locale
    )
    return pages.order_by("path")[index].url


def notice_url() -> str:
    """A notice of the demo, served under the bibliographies' section."""
    from bibliography.models import BibliographyIndexPage, Reference

    index = BibliographyIndexPage.objects.live().get(locale__language_code="fr")
    reference = Reference.objects.filter(live=True).exclude(abstract="").order_by("pk").first()
    return index.url + index.reverse_subpage("notice", kwargs={"pk": reference.pk})


PUBLIC_PAGES = {
    "accueil": lambda: "/",
    "publications": lambda: url_of("PublicationIndexPage"),
    "note": lambda: url_of("NotePage"),
    "point-de-vue": lambda: url_of("PointDeVuePage"),
    "recueil-outils": lambda: url_of("ToolkitPage"),
    "bibliographies": lambda: url_of("BibliographyIndexPage"),
    "bibliographie-thematique": lambda: url_of("ThematicBibliographyPage"),
    "notice": notice_url,
    "pratiques-carte": lambda: url_of("PracticeIndexPage"),
    "fiche-pratique": lambda: url_of("PracticeSheetPage"),
    "actualites": lambda: url_of("NewsIndexPage"),
    "actualite": lambda: url_of("NewsPage"),
    "agenda": lambda: url_of("EventIndexPage"),
    "evenement": lambda: url_of("EventPage"),
    "recherche": lambda: "/recherche/?q=discriminations",
    "en-accueil": lambda: url_of("HomePage", locale="en"),
    "en-pratiques": lambda: url_of("PracticeIndexPage", locale="en"),
    "en-fiche-pratique": lambda: url_of("PracticeSheetPage", locale="en"),
    "en-recherche": lambda: "/en/recherche/?q=discriminations",
}
