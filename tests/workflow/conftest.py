import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import Organisation
from publications.models import NewsIndexPage, NotePage, PublicationIndexPage
from tests.factories import NewsPageFactory, NotePageFactory


@pytest.fixture
def editorial_site(site_skeleton):
    """The site skeleton, with an e-mail address for every demo user (for notifications)."""
    for user in get_user_model().objects.all():
        user.email = f"{user.username}@reseau-reci.test"
        user.save()
    return site_skeleton


@pytest.fixture
def users(editorial_site):
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def demo_users(users):
    return users


@pytest.fixture
def login(client):
    def _login(user):
        client.logout()
        client.force_login(user)
        return client

    return _login


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def oriv_note(editorial_site):
    """A published note signed by ORIV."""
    publications = PublicationIndexPage.objects.child_of(editorial_site).get()
    note = NotePageFactory(parent=publications, title="Note de l'ORIV", slug="note-oriv")
    note.organisations.set([Organisation.objects.get(acronym="ORIV")])
    return publish(note)


@pytest.fixture
def oriv_draft(editorial_site):
    """A note signed by ORIV, never published yet."""
    publications = PublicationIndexPage.objects.child_of(editorial_site).get()
    note = NotePageFactory(
        parent=publications, title="Projet de note de l'ORIV", slug="projet-oriv", live=False
    )
    note.organisations.set([Organisation.objects.get(acronym="ORIV")])
    note.save_revision()
    return note


@pytest.fixture
def oriv_news_draft(news_section):
    """A news item signed by ORIV, never published yet."""
    news = NewsPageFactory(
        parent=news_section, title="Actualité à valider", slug="actu-a-valider", live=False
    )
    news.organisations.set([Organisation.objects.get(acronym="ORIV")])
    news.save_revision()
    return news


@pytest.fixture
def news_section(editorial_site):
    return NewsIndexPage.objects.child_of(editorial_site).get()


@pytest.fixture
def oriv_news(news_section):
    news = NewsPageFactory(parent=news_section, title="Actualité de l'ORIV", slug="actu-oriv")
    news.organisations.set([Organisation.objects.get(acronym="ORIV")])
    return publish(news)


def note_form(note: NotePage, **changes) -> dict:
    """The edit form of a note as the admin would post it."""
    changes = {
        "authors": inline_formset([]),
        "related_pages": inline_formset([]),
        **changes,
    }
    return page_form(note, **changes)


def page_form(page: Page, **changes) -> dict:
    """The edit form of a content page (news, events…) as the admin would post it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "date": str(page.date),
        "summary": page.summary,
        "tags": "",
        "body": streamfield([("paragraph", rich_text("<p>Texte.</p>"))]),
    }
    organisations = changes.pop("organisations", [o.pk for o in page.organisations.all()])
    data.update(changes)
    data = nested_form_data(data)
    # A multiple choice is posted as a list (nested_form_data would number its items).
    data["organisations"] = organisations
    return data
