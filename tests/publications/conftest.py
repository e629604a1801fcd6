import pytest
from django.contrib.auth import get_user_model

from tests.factories import EventIndexPageFactory, NewsIndexPageFactory, PublicationIndexPageFactory


@pytest.fixture
def publications_index(home_page):
    return PublicationIndexPageFactory(parent=home_page)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editrice", "editrice@example.org", "pw")
    client.force_login(user)
    return client
