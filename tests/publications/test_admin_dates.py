"""Dates in the admin: shown the French way, and read back as shown when the form is saved."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield
from wagtail.users.models import UserProfile

from publications.models import EventPage
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    event = EventPageFactory(
        parent=events_index, title="Séminaire régional", date=datetime.date(2026, 4, 3)
    )
    event.save_revision().publish()
    return event


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def input_value(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


def save_as_shown(client, page, **changes) -> EventPage:
    """Post the edit form back with the values the admin rendered, as a browser would."""
    html = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form").copy()
    # The stream field's inputs are built by the admin's JavaScript: the event's (empty) programme.
    data.update(nested_form_data({"programme": streamfield([])}))
    for name, value in changes.items():
        data[name] = value
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return EventPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_dates_are_shown_day_first(admin_client, event):
    html = admin_client.get(edit_url(event)).content.decode()
    assert input_value(html, "date") == "03/04/2026"


def test_a_form_saved_unchanged_keeps_its_dates(admin_client, event):
    revisions = event.revisions.count()
    saved = save_as_shown(admin_client, event)
    assert event.revisions.count() == revisions + 1
    assert saved.date == datetime.date(2026, 4, 3)


def test_a_typed_date_is_read_day_first(admin_client, event):
    saved = save_as_shown(admin_client, event, date="12/05/2026", end_date="13/05/2026")
    assert (saved.date, saved.end_date) == (datetime.date(2026, 5, 12), datetime.date(2026, 5, 13))


def test_scheduled_publishing_dates_are_read_day_first(admin_client, event):
    saved = save_as_shown(admin_client, event, go_live_at="05/12/2027 14:30")
    assert saved.go_live_at.astimezone(datetime.UTC).replace(tzinfo=None) == datetime.datetime(
        2027, 12, 5, 13, 30
    )  # 14:30 in Paris, in winter
    html = admin_client.get(edit_url(event)).content.decode()
    assert input_value(html, "go_live_at") == "05/12/2027 14:30"


def test_an_editor_working_in_english_gets_the_same_dates(admin_client, event, django_user_model):
    user = django_user_model.objects.get(username="editrice")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    html = admin_client.get(edit_url(event)).content.decode()
    assert 'lang="en"' in html
    assert input_value(html, "date") == "03/04/2026"
    saved = save_as_shown(admin_client, event, date="04/03/2026")
    assert saved.date == datetime.date(2026, 3, 4)
