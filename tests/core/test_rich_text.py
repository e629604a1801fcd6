"""Stored rich text written outside the editor (imports, shell, data migrations) reaches
visitors and the front end cleaned, on every page type, in the HTML pages and in the API."""

import json

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from tests.factories import (
    BibliographyIndexPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NotePageFactory,
    PointDeVuePageFactory,
    PracticeIndexPageFactory,
    PracticeSheetPageFactory,
    PublicationIndexPageFactory,
    ReferenceFactory,
    ThematicBibliographyPageFactory,
    ToolkitPageFactory,
)

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=reci"
# What an import could have stored: the editor's markup, and what the editor never writes.
STORED = (
    '<p data-block-key="a1">Texte <b>gras</b> et <i>italique</i>, '
    '<a linktype="page" id="{home}">page interne</a>, '
    '<a href="https://www.reseau-reci.org/">lien externe</a>, '
    "<a href=\"javascript:alert('lien')\">piège</a>, "
    '<a href="data:text/html;base64,PHNjcmlwdD4=">donnée</a>.</p>'
    '<p onclick="alert(\'clic\')" style="color:red">Survol</p>'
    '<h2 data-block-key="b2">Intertitre</h2>'
    '<ul><li data-block-key="c3">point</li></ul>'
    "<script>alert('script')</script>"
    '<iframe src="https://evil.example/"></iframe>'
    '<img src="x" onerror="alert(\'img\')">'
    "<svg onload=\"alert('svg')\"></svg>"
    '<embed embedtype="image" id="{image}" format="left" alt="Carte du réseau"/>'
    f'<embed embedtype="media" url="{VIDEO}"/>'
)
KEPT = [
    "<b>gras</b>",
    "<i>italique</i>",
    '<a href="/">page interne</a>',
    '<a href="https://www.reseau-reci.org/">lien externe</a>',
    "Intertitre</h2>",
    "point</li>",
    'class="richtext-image left"',
    'alt="Carte du réseau"',
    "https://www.youtube.com/embed/reci",  # the embed, as Wagtail renders it
]
GONE = ["alert(", "javascript:", "data:text", "onclick", "onerror", "color:red", "evil.example"]


def paragraph(html: str) -> list:
    return [("paragraph", RichText(html))]


def build(kind: str, home, html: str):
    """A page of type `kind` whose every rich text holds `html`, saved as an import would."""
    if kind == "home":
        home.introduction = html
        home.save()
        return home
    if kind in ("publication_index", "news_index", "event_index", "practice_index"):
        factory = {
            "publication_index": PublicationIndexPageFactory,
            "news_index": NewsIndexPageFactory,
            "event_index": EventIndexPageFactory,
            "practice_index": PracticeIndexPageFactory,
        }[kind]
        return factory(parent=home, introduction=html)
    if kind == "bibliography_index":
        return BibliographyIndexPageFactory(parent=home, introduction=html)
    if kind == "thematic_bibliography":
        index = BibliographyIndexPageFactory(parent=home)
        section = {
            "heading": "Ouvrages",
            "intro": RichText(html),
            "references": [ReferenceFactory()],
            "query": {"themes": [], "keywords": "", "year_from": None, "year_to": None},
        }
        return ThematicBibliographyPageFactory(
            parent=index, introduction=html, sections=[("section", section)]
        )
    if kind == "practice_sheet":
        index = PracticeIndexPageFactory(parent=home)
        return PracticeSheetPageFactory(parent=index, description=paragraph(html), results=html)
    if kind == "news":
        return NewsPageFactory(parent=NewsIndexPageFactory(parent=home), body=paragraph(html))
    if kind == "event":
        index = EventIndexPageFactory(parent=home)
        return EventPageFactory(parent=index, programme=paragraph(html))
    publications = PublicationIndexPageFactory(parent=home)
    if kind == "toolkit":
        return ToolkitPageFactory(parent=publications, introduction=html)
    factory = NotePageFactory if kind == "note" else PointDeVuePageFactory
    callout = ("callout", {"title": "Encadré", "text": RichText(html)})
    return factory(parent=publications, body=[*paragraph(html), callout])


KINDS = [
    "home",
    "publication_index",
    "news_index",
    "event_index",
    "note",
    "point_de_vue",
    "news",
    "event",
    "toolkit",
    "bibliography_index",
    "thematic_bibliography",
    "practice_index",
    "practice_sheet",
]


@pytest.fixture
def stored_html(home_page):
    image = Image.objects.create(title="Carte", file=get_test_image_file())
    Embed.objects.create(
        url=VIDEO,
        hash=get_embed_hash(VIDEO, None, None),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/reci" title="Vidéo"></iframe>',
    )
    return STORED.format(home=home_page.pk, image=image.pk)


def assert_clean(text: str) -> None:
    for kept in KEPT:
        assert kept in text
    for gone in GONE:
        assert gone not in text
    assert "<script" not in text.replace('<script src="', "")  # the site's own scripts


@pytest.mark.parametrize("kind", KINDS)
def test_stored_rich_text_is_cleaned_on_the_public_page(client, home_page, stored_html, kind):
    page = build(kind, home_page, stored_html)
    response = client.get(page.url)
    assert response.status_code == 200
    assert_clean(response.content.decode())


@pytest.mark.parametrize("kind", KINDS)
def test_stored_rich_text_is_cleaned_in_the_api(client, home_page, stored_html, kind):
    page = build(kind, home_page, stored_html)
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    text = json.dumps(response.json(), ensure_ascii=False)
    assert_clean(text.replace('\\"', '"'))


def test_the_printable_bibliography_is_cleaned_too(client, home_page, stored_html):
    page = build("thematic_bibliography", home_page, stored_html)
    response = client.get(f"{page.url}imprimer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<b>gras</b>" in html
    for gone in GONE:
        assert gone not in html


@pytest.mark.parametrize("rich_text_format", ["db_html", "markdown", "db_markdown"])
def test_every_api_format_is_cleaned(client, home_page, stored_html, rich_text_format):
    page = build("note", home_page, stored_html)
    response = client.get(f"/api/v2/pages/{page.pk}/", {"rich_text_format": rich_text_format})
    assert response.status_code == 200
    text = json.dumps(response.json()["body"], ensure_ascii=False)
    assert "gras" in text and "lien externe" in text
    for gone in GONE:
        assert gone not in text
