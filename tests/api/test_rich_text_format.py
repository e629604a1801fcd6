"""`?rich_text_format=`: every rich text of the pages API (fields, StreamField blocks, blocks
inside a bibliography's sections) comes out in the format asked for, `html` by default."""

import pytest
from wagtail.rich_text import RichText

from tests.factories import (
    BibliographyIndexPageFactory,
    NotePageFactory,
    PublicationIndexPageFactory,
    ReferenceFactory,
    ThematicBibliographyPageFactory,
)

pytestmark = pytest.mark.django_db

# How a link to the note (id `{id}`, at /publications/note/) comes out in each format.
LINK_TO_NOTE = {
    "html": '<a href="/publications/note/">la note</a>',
    "db_html": '<a linktype="page" id="{id}">la note</a>',
    "markdown": "[la note](/publications/note/)",
    "db_markdown": "[la note](wagtail://page?id={id})",
}
STORED = '<p>Lire <a linktype="page" id="{id}">la note</a>.</p>'


@pytest.fixture
def pages(home_page):
    """A note, and a home page, a note and a bibliography whose rich text links to it."""
    publications = PublicationIndexPageFactory(parent=home_page)
    note = NotePageFactory(parent=publications, slug="note")
    stored = STORED.format(id=note.pk)
    note.body = [("paragraph", RichText(stored))]
    note.save()
    home_page.introduction = stored
    home_page.save()
    section = {
        "heading": "Ouvrages",
        "intro": RichText(stored),
        "references": [ReferenceFactory()],
        "query": {"themes": [], "keywords": "", "year_from": None, "year_to": None},
    }
    bibliography = ThematicBibliographyPageFactory(
        parent=BibliographyIndexPageFactory(parent=home_page),
        introduction=stored,
        sections=[("section", section)],
    )
    return {"note": note, "home": home_page, "bibliography": bibliography}


def rich_texts(item: dict) -> dict[str, str]:
    """The rich texts of a page of `pages`, whichever it is."""
    texts = {}
    if item.get("introduction"):
        texts["field"] = item["introduction"]
    if "body" in item:
        texts["block"] = item["body"][0]["value"]
    if item["meta"]["type"] == "bibliography.ThematicBibliographyPage":
        texts["section intro"] = item["sections"][0]["value"]["intro"]
    return texts


EXPECTED_TEXTS = {"home": {"field"}, "note": {"block"}, "bibliography": {"section intro"}}
LISTINGS = [
    ("home", "home.HomePage", "introduction"),
    ("note", "publications.NotePage", "body"),
    ("bibliography", "bibliography.ThematicBibliographyPage", "sections"),
]


def test_a_bibliography_section_intro_comes_out_with_its_internal_links_resolved(client, pages):
    """By default, like every other rich text: public URLs, not the database's ids."""
    data = client.get(f"/api/v2/pages/{pages['bibliography'].pk}/").json()
    intro = data["sections"][0]["value"]["intro"]
    assert LINK_TO_NOTE["html"] in intro
    assert "linktype" not in intro


@pytest.mark.parametrize("rich_text_format", [None, *LINK_TO_NOTE])
@pytest.mark.parametrize(("name", "page_type", "field"), LISTINGS)
def test_detail_and_listing_follow_the_format(
    client, pages, rich_text_format, name, page_type, field
):
    expected = LINK_TO_NOTE[rich_text_format or "html"].format(id=pages["note"].pk)
    params = {"rich_text_format": rich_text_format} if rich_text_format else {}
    detail = client.get(f"/api/v2/pages/{pages[name].pk}/", params)
    assert detail.status_code == 200
    listing = client.get("/api/v2/pages/", {**params, "type": page_type, "fields": field})
    assert listing.status_code == 200
    for item in [detail.json(), listing.json()["items"][0]]:
        texts = rich_texts(item)
        assert texts.keys() >= EXPECTED_TEXTS[name]
        for kind, text in texts.items():
            assert expected in text, (kind, text)


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/{pk}/", "/api/v2/pages/?type=home.HomePage&fields=introduction"]
)
def test_an_unknown_format_is_a_400_naming_the_valid_ones(client, pages, url):
    response = client.get(url.format(pk=pages["home"].pk), {"rich_text_format": "plain"})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "rich_text_format" in message and "'plain'" in message
    for valid in LINK_TO_NOTE:
        assert f"'{valid}'" in message


def test_the_schema_documents_exactly_the_formats_served(client):
    schema = client.get("/api/schema/").json()
    listing = schema["paths"]["/api/v2/pages/"]["get"]["parameters"]
    (parameter,) = [p for p in listing if p["name"] == "rich_text_format"]
    assert set(parameter["schema"]["enum"]) == set(LINK_TO_NOTE)
    assert "`html` (default)" in parameter["description"]


def test_the_preview_follows_the_format_too(client, pages):
    from api.preview import make_preview_token

    token = make_preview_token(pages["note"])
    draft = client.get("/api/preview/", {"token": token, "rich_text_format": "db_markdown"})
    assert draft.status_code == 200
    expected = LINK_TO_NOTE["db_markdown"].format(id=pages["note"].pk)
    assert expected in draft.json()["body"][0]["value"]
    wrong = client.get("/api/preview/", {"token": token, "rich_text_format": "plain"})
    assert wrong.status_code == 400
    assert "'plain'" in wrong.json()["message"]
