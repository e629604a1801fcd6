"""Every public page type previews on the headless front end when `HEADLESS_PREVIEW_URL` is
set, and server-side (Wagtail's own preview) when it is empty: what an editor sees from the
admin's preview pane, and what the front end then fetches."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.test import Client
from wagtail.models import Page

from api.preview import HeadlessPreviewMixin
from tests.admin_forms import rendered_form
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
    ThematicBibliographyPageFactory,
    ToolkitPageFactory,
)

pytestmark = pytest.mark.django_db

FRONT_END = "https://www.reseau-reci.org/apercu"
DRAFT_TITLE = "Brouillon en cours de relecture"


def build(kind: str, home):
    """A published page of type `kind` (app_label.ModelName), in its place in the tree."""
    if kind == "home.HomePage":
        return home
    sections = {
        "publications.PublicationIndexPage": PublicationIndexPageFactory,
        "publications.NewsIndexPage": NewsIndexPageFactory,
        "publications.EventIndexPage": EventIndexPageFactory,
        "bibliography.BibliographyIndexPage": BibliographyIndexPageFactory,
        "experiences.PracticeIndexPage": PracticeIndexPageFactory,
    }
    if kind in sections:
        return sections[kind](parent=home)
    content = {
        "publications.NotePage": (PublicationIndexPageFactory, NotePageFactory),
        "publications.PointDeVuePage": (PublicationIndexPageFactory, PointDeVuePageFactory),
        "publications.ToolkitPage": (PublicationIndexPageFactory, ToolkitPageFactory),
        "publications.NewsPage": (NewsIndexPageFactory, NewsPageFactory),
        "publications.EventPage": (EventIndexPageFactory, EventPageFactory),
        "bibliography.ThematicBibliographyPage": (
            BibliographyIndexPageFactory,
            ThematicBibliographyPageFactory,
        ),
        "experiences.PracticeSheetPage": (PracticeIndexPageFactory, PracticeSheetPageFactory),
    }
    index_factory, factory = content[kind]
    page = factory(parent=index_factory(parent=home), title="Version publiée")
    page.save_revision().publish()
    return page


PAGE_TYPES = [
    "home.HomePage",
    "publications.PublicationIndexPage",
    "publications.NewsIndexPage",
    "publications.EventIndexPage",
    "publications.NotePage",
    "publications.PointDeVuePage",
    "publications.ToolkitPage",
    "publications.NewsPage",
    "publications.EventPage",
    "bibliography.BibliographyIndexPage",
    "bibliography.ThematicBibliographyPage",
    "experiences.PracticeIndexPage",
    "experiences.PracticeSheetPage",
]


def open_preview(client, page, title: str):
    """Edit the page in the admin without saving (a new title), open the preview pane."""
    form = rendered_form(client.get(f"/admin/pages/{page.pk}/edit/"))
    form.set("title", title)
    url = f"/admin/pages/{page.pk}/edit/preview/"
    posted = client.post(url, form)
    assert posted.status_code == 200
    assert posted.json()["is_valid"] is True, posted.json()
    return client.get(url, {"mode": ""})


def test_every_public_page_type_is_previewed_on_the_front_end():
    """The list above is every page type of the site, and each one has the mixin ahead of
    anything else that answers Wagtail's preview (RoutablePageMixin)."""
    site_apps = {"core", "home", "publications", "bibliography", "experiences"}
    page_models = [
        m for m in apps.get_models() if issubclass(m, Page) and m._meta.app_label in site_apps
    ]
    assert {m._meta.label for m in page_models} == set(PAGE_TYPES)
    for model in page_models:
        assert model.serve_preview is HeadlessPreviewMixin.serve_preview, model


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_admin_preview_hands_the_draft_to_the_front_end(admin_client, home_page, settings, kind):
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    page = build(kind, home_page)
    published = Client().get(f"/api/v2/pages/{page.pk}/").json()

    response = open_preview(admin_client, page, DRAFT_TITLE)

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == FRONT_END
    query = parse_qs(target.query)
    assert query["content_type"] == [kind.lower()]
    front_end = Client()  # no admin session
    draft = front_end.get("/api/preview/", {"token": query["token"][0]})
    assert draft.status_code == 200, draft.content
    data = draft.json()
    assert data["title"] == DRAFT_TITLE
    assert data["id"] == page.pk
    assert data["meta"]["type"] == kind
    # The shape of the page's detail in the pages API: the same fields.
    assert set(data) == set(published)
    assert set(data["meta"]) <= set(published["meta"]) | {"parent"}
    # Nothing is saved: the public API still serves the published version.
    assert front_end.get(f"/api/v2/pages/{page.pk}/").json()["title"] == published["title"]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_without_a_front_end_the_preview_is_rendered_by_the_server(
    admin_client, home_page, settings, kind
):
    settings.HEADLESS_PREVIEW_URL = ""
    page = build(kind, home_page)

    response = open_preview(admin_client, page, DRAFT_TITLE)

    assert response.status_code == 200
    assert "Location" not in response
    html = response.content.decode()
    assert f"{DRAFT_TITLE}</h1>" in html
    assert "<html" in html


def test_view_draft_also_opens_on_the_front_end(admin_client, home_page, settings):
    """« Voir le brouillon » (a saved draft, not yet published) goes the same way."""
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    page = build("publications.NotePage", home_page)
    page.title = DRAFT_TITLE
    page.save_revision()

    response = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")

    assert response.status_code == 302
    token = parse_qs(urlsplit(response["Location"]).query)["token"][0]
    assert Client().get("/api/preview/", {"token": token}).json()["title"] == DRAFT_TITLE
