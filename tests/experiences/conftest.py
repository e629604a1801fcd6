import pytest
from wagtail.models import Locale

from tests.factories import PracticeIndexPageFactory


@pytest.fixture
def practice_index(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def english(db):
    locale, _ = Locale.objects.get_or_create(language_code="en")
    return locale


def translate(page, locale, **fields):
    """Translate `page` with Wagtail's API (as the admin's « Traduire » action does), publish."""
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def english_index(home_page, practice_index, english):
    """The English home page and practice index, published."""
    translate(home_page, english, title="RECI Network", slug="home-en")
    return translate(practice_index, english, title="Practices", slug="practices")
