"""What the headless front end reads: pages, press watch and toolkit tools of `/api/v2/`."""

import datetime

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from tests.factories import (
    EventPageFactory,
    NotePageFactory,
    OrganisationFactory,
    PdfDocumentFactory,
    PointDeVuePageFactory,
    PressItemFactory,
    ThemeFactory,
    ToolkitPageFactory,
    ToolkitToolFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(publications_index, news_index):
    other = PointDeVuePageFactory(parent=publications_index, title="Point de vue sur… la laïcité")
    note = NotePageFactory(
        parent=publications_index,
        title="Contrat de ville et prévention des discriminations",
        date=datetime.date(2016, 11, 15),
        pdf=PdfDocumentFactory(pages=13),
        body=[
            (
                "paragraph",
                RichText(f'<p>Voir <a linktype="page" id="{other.pk}">le point de vue</a>.</p>'),
            ),
            ("heading", {"text": "Méthode", "level": "h3"}),
        ],
    )
    note.authors.create(organisation=OrganisationFactory(acronym="IREV", name="IREV"))
    note.related_pages.create(page=other)
    note.themes.add(ThemeFactory(slug="politique-de-la-ville"))
    note.tags.add("contrat de ville")
    note.save_revision().publish()
    return note


def test_notes_list_with_all_their_fields(client, note):
    response = client.get("/api/v2/pages/", {"type": "publications.NotePage", "fields": "*"})
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["title"] == "Contrat de ville et prévention des discriminations"
    assert item["date"] == "2016-11-15"
    assert item["pdf"]["page_count"] == 13
    assert item["pdf"]["format"] == "PDF"
    assert item["pdf"]["url"].startswith("http://testserver/documents/")
    assert item["pdf"]["label"].startswith("PDF, 13 p., ")
    assert item["pdf"]["file_size"] > 0
    assert item["authors"][0]["organisation"]["acronym"] == "IREV"
    assert item["themes"][0]["slug"] == "politique-de-la-ville"
    assert item["tags"] == ["contrat de ville"]
    assert item["citation"].startswith("IREV. Contrat de ville et prévention des discriminations.")
    assert "Réseau RECI, novembre 2016." in item["citation"]
    assert item["related_content"][0]["title"] == "Point de vue sur… la laïcité"


def related_titles(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    item = data["items"][0] if "items" in data else data
    return [page["title"] for page in item["related_content"]]


def test_related_content_hides_a_page_made_private_or_unpublished_at_once(client, note):
    listing = "/api/v2/pages/?type=publications.NotePage&fields=related_content"
    detail = f"/api/v2/pages/{note.pk}/"
    for url in (listing, detail):
        assert related_titles(client, url) == ["Point de vue sur… la laïcité"]
    other = note.related_pages.get().page
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.LOGIN
    )
    for url in (listing, detail):
        assert related_titles(client, url) == []
    restriction.delete()
    for url in (listing, detail):
        assert related_titles(client, url) == ["Point de vue sur… la laïcité"]
    other.unpublish()
    for url in (listing, detail):
        assert related_titles(client, url) == []


def test_note_detail_gives_rich_text_as_html_with_public_links(client, note):
    response = client.get(f"/api/v2/pages/{note.pk}/")
    assert response.status_code == 200
    body = response.json()["body"]
    paragraph = body[0]["value"]
    assert 'href="/publications/point-de-vue-sur-la-laicite/"' in paragraph
    assert "linktype" not in paragraph
    assert body[1]["value"] == {"text": "Méthode", "level": "h3"}


def test_figures_come_as_renditions_with_alt_text(client, publications_index):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(
        title="Carte", description="Carte des territoires du réseau", file=get_test_image_file()
    )
    note = NotePageFactory(
        parent=publications_index,
        body=[("figure", {"image": image, "caption": "Les territoires"})],
    )
    figure = client.get(f"/api/v2/pages/{note.pk}/").json()["body"][0]["value"]
    assert figure["alt"] == "Carte des territoires du réseau"
    assert figure["caption"] == "Les territoires"
    assert {"url", "width", "height"} <= set(figure["image"])
    html = client.get(note.url).content.decode()
    assert 'alt="Carte des territoires du réseau"' in html


def test_point_de_vue_and_event_fields(client, publications_index, events_index):
    PointDeVuePageFactory(parent=publications_index, question="Quel lien social ?")
    EventPageFactory(parent=events_index, is_cancelled=True, place="Lille")
    pdv = client.get("/api/v2/pages/", {"type": "publications.PointDeVuePage", "fields": "*"})
    assert pdv.json()["items"][0]["question"] == "Quel lien social ?"
    event = client.get("/api/v2/pages/", {"type": "publications.EventPage", "fields": "*"})
    item = event.json()["items"][0]
    assert item["status"] == "annule"
    assert item["status_label"] == "annulé"
    assert item["place"] == "Lille"


def test_press_endpoint_lists_items_newest_first(client):
    theme = ThemeFactory(slug="laicite")
    old = PressItemFactory(date=datetime.date(2019, 5, 1), title="Ancien")
    new = PressItemFactory(date=datetime.date(2020, 5, 1), title="Récent", source="Libération")
    new.themes.add(theme)
    response = client.get("/api/v2/press/")
    assert response.status_code == 200
    assert [i["title"] for i in response.json()["items"]] == ["Récent", "Ancien"]
    detail = client.get(f"/api/v2/press/{new.pk}/").json()
    assert detail["themes"][0]["slug"] == "laicite"
    assert detail["url"] == new.url
    assert client.get("/api/v2/press/", {"source": "Libération"}).json()["meta"]["total_count"] == 1
    assert old.pk


@pytest.fixture
def toolkits(publications_index):
    live = ToolkitPageFactory(parent=publications_index, title="Laïcité")
    ToolkitToolFactory(page=live, title="Expo", kind="exposition", audience="tout-public")
    ToolkitToolFactory(page=live, title="Jeu ados", kind="jeu", audience="adolescents")
    ToolkitToolFactory(page=live, title="Jeu pros", kind="jeu", audience="professionnels")
    draft = ToolkitPageFactory(parent=publications_index, title="Brouillon", live=False)
    ToolkitToolFactory(page=draft, title="Outil caché", kind="jeu", audience="adolescents")
    return live, draft


def test_toolkit_tools_filter_by_kind_and_audience(client, toolkits):
    live, _draft = toolkits
    url = "/api/v2/toolkit-tools/"
    titles = lambda params: [i["title"] for i in client.get(url, params).json()["items"]]  # noqa: E731
    assert titles({"toolkit": live.pk}) == ["Expo", "Jeu ados", "Jeu pros"]
    assert titles({"toolkit": live.pk, "kind": "jeu"}) == ["Jeu ados", "Jeu pros"]
    assert titles({"kind": "jeu", "audience": "adolescents"}) == ["Jeu ados"]
    detail = client.get(url, {"kind": "exposition", "fields": "*"}).json()["items"][0]
    assert detail["kind_label"] == "exposition"
    assert detail["toolkit"]["id"] == live.pk


def test_toolkit_tools_of_unpublished_toolkits_stay_hidden(client, toolkits):
    _live, draft = toolkits
    response = client.get("/api/v2/toolkit-tools/", {"toolkit": draft.pk})
    assert response.json()["items"] == []


@pytest.mark.parametrize(
    "params, message",
    [
        ({"kind": "fusée"}, "kind"),
        ({"audience": "martiens"}, "audience"),
        ({"toolkit": "x"}, "toolkit"),
    ],
)
def test_toolkit_tools_refuse_unknown_values(client, toolkits, params, message):
    response = client.get("/api/v2/toolkit-tools/", params)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_toolkit_page_api_lists_its_tools(client, toolkits):
    live, _draft = toolkits
    data = client.get(f"/api/v2/pages/{live.pk}/").json()
    assert [tool["title"] for tool in data["tools"]] == ["Expo", "Jeu ados", "Jeu pros"]
