"""The server-side cache of public HTML pages: what anonymous visitors get, and when it changes."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from api import content_version
from core.models import ContentVersion
from publications.models import NewsIndexPage
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, monkeypatch):
    """The page cache on, emptied for each test; no version read from another process yet."""
    settings.PAGE_CACHE_TIMEOUT = 600
    monkeypatch.setattr(content_version, "_shared", content_version._SharedVersion())
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news_section(site_skeleton):
    return site_skeleton.get_children().get(slug="actualites").specific


def rename_silently(page: Page, title: str) -> None:
    """Change a title the way nothing announces (no signal): only a fresh rendering shows it."""
    Page.objects.filter(pk=page.pk).update(title=title, draft_title=title)


def html(client: Client, url: str = "/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_get_the_kept_page(client, news_section):
    assert ">Actualités</a>" in html(client)
    rename_silently(news_section, "Nouvelles du réseau")
    assert ">Actualités</a>" in html(client)
    assert "Nouvelles du réseau" not in html(Client())


def test_a_publication_shows_at_once_on_the_kept_home_page(client, news_section):
    assert "Colloque de printemps" not in html(client)
    news = NewsPageFactory.build(title="Colloque de printemps")
    news_section.add_child(instance=news)
    news.save_revision().publish()
    assert "Colloque de printemps" in html(client)
    news.unpublish()
    assert "Colloque de printemps" not in html(client)


def test_a_logged_in_editor_never_gets_the_kept_page(client, news_section, django_user_model):
    html(client)
    rename_silently(news_section, "Nouvelles du réseau")
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("redaction", password="x"))
    assert "Nouvelles du réseau" in html(editor)
    assert "Nouvelles du réseau" not in html(client)


def test_a_private_page_is_never_kept(client, news_section):
    news = NewsPageFactory(parent=news_section, title="Réunion interne")
    assert "Réunion interne" in html(client, news.url)
    PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    form = client.get(news.url)
    assert "Réunion interne" not in form.content.decode()
    restriction = PageViewRestriction.objects.get(page=news)
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{news.pk}/",
        {"password": "secret", "return_url": news.url},
    )
    assert "Réunion interne" in html(client, news.url)
    # Another visitor, without the password, is asked for it again.
    stranger = Client().get(news.url)
    assert stranger.status_code == 200
    assert 'name="password"' in stranger.content.decode()
    assert "Réunion interne" not in stranger.content.decode()


def test_a_page_for_logged_in_users_is_never_kept(news_section, django_user_model):
    news = NewsPageFactory(parent=news_section, title="Compte rendu du bureau")
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    member = Client()
    member.force_login(django_user_model.objects.create_user("membre", password="x"))
    assert "Compte rendu du bureau" in html(member, news.url)
    assert Client().get(news.url).status_code == 302


def test_a_change_made_by_another_process_is_seen(client, news_section, settings):
    """Another gunicorn worker, the scheduler or an import writes the version in the database."""
    settings.CONTENT_VERSION_CHECK_INTERVAL = 1
    html(client)
    rename_silently(news_section, "Nouvelles du réseau")
    ContentVersion.objects.update_or_create(pk=1, defaults={"version": "12345"})
    # The check interval has passed.
    content_version._shared.checked_at = float("-inf")
    assert "Nouvelles du réseau" in html(client)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_change_is_written_for_the_other_processes(committed_demo_site, settings):
    """Real commits: the version is shared once, when the publishing transaction commits."""
    settings.CONTENT_VERSION_CHECK_INTERVAL = 1
    news_section = NewsIndexPage.objects.get()
    before = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    with transaction.atomic():
        news = NewsPageFactory.build(title="Colloque de printemps")
        news_section.add_child(instance=news)
        news.save_revision().publish()
        assert ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first() == (
            before
        )
    after = ContentVersion.objects.get(pk=1).version
    assert after != before


def test_the_kept_page_is_sent_with_its_length(client, news_section):
    first = client.get("/")
    again = client.get("/")
    assert again.content == first.content
    assert again["Content-Length"] == str(len(first.content))
