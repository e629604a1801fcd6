"""Dates in the admin, as an editor meets them: rendered in French (« 05/12/2026 »), saved back
unchanged, and read day first when typed (issue 17: the inputs showed a literal « d/m/Y » and
every save failed until the date was retyped).

Each test opens the real edit view, takes the values the admin rendered, changes only what a
user would type, and posts the form back (tests/admin_forms.py).
"""

import datetime
import zoneinfo

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput
from wagtail.users.models import UserProfile

from core.models import Organisation
from publications.models import EventIndexPage, PressItem
from tests.admin_forms import rendered_form
from tests.factories import EventPageFactory, PressItemFactory, ReferenceFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def saved(response) -> bool:
    return response.status_code == 302 and "/edit/" in response["Location"]


def latest(obj):
    """The latest saved version of a page or snippet, as the admin shows it."""
    obj.refresh_from_db()
    return obj.get_latest_revision_as_object()


def form_errors(response) -> str:
    """The admin's error messages, to explain a failed save."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    form = response.context.get("form")
    return str(form.errors if form is not None else response.content[:2000])


@pytest.fixture
def oriv_event(editorial_site):
    """A two-day event signed by ORIV, with times, never published."""
    event = EventPageFactory(
        parent=EventIndexPage.objects.child_of(editorial_site).get(),
        title="Journée régionale de l'ORIV",
        slug="journee-oriv",
        live=False,
        date=datetime.date(2026, 12, 5),
        end_date=datetime.date(2026, 12, 6),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
    )
    event.organisations.set([Organisation.objects.get(acronym="ORIV")])
    event.save_revision()
    return event


@pytest.fixture
def english_admin(users):
    """An ORIV editor who chose English as the admin's language (a permitted language)."""
    profile = UserProfile.get_for_user(users["editeur-oriv"])
    profile.preferred_language = "en"
    profile.save()
    return users["editeur-oriv"]


def test_an_editor_sees_french_dates_and_saves_an_event_unchanged(users, login, oriv_event):
    client = login(users["editeur-oriv"])
    form = rendered_form(client.get(edit_url(oriv_event)))
    assert form.value("date") == "05/12/2026"
    assert form.value("end_date") == "06/12/2026"
    assert form.value("start_time") == "09:30"
    assert form.value("end_time") == "17:00"
    revisions = oriv_event.revisions.count()

    response = client.post(edit_url(oriv_event), form)

    assert saved(response), form_errors(response)
    assert oriv_event.revisions.count() == revisions + 1
    draft = latest(oriv_event)
    assert (draft.date, draft.end_date) == (datetime.date(2026, 12, 5), datetime.date(2026, 12, 6))
    assert (draft.start_time, draft.end_time) == (datetime.time(9, 30), datetime.time(17, 0))


def test_a_typed_date_is_read_day_first(users, login, oriv_event):
    client = login(users["editeur-oriv"])
    form = rendered_form(client.get(edit_url(oriv_event)))
    form.set("date", "03/04/2026").set("end_date", "04/04/2026").set("start_time", "14:15")

    response = client.post(edit_url(oriv_event), form)

    assert saved(response), form_errors(response)
    draft = latest(oriv_event)
    assert draft.date == datetime.date(2026, 4, 3)  # 3 April, not 4 March
    assert draft.end_date == datetime.date(2026, 4, 4)
    assert draft.start_time == datetime.time(14, 15)
    # And the edit view shows it back as typed.
    assert rendered_form(client.get(edit_url(oriv_event))).value("date") == "03/04/2026"


def test_an_impossible_date_is_refused_with_a_message(users, login, oriv_event):
    client = login(users["editeur-oriv"])
    form = rendered_form(client.get(edit_url(oriv_event))).set("date", "31/04/2026")
    revisions = oriv_event.revisions.count()
    response = client.post(edit_url(oriv_event), form)
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert oriv_event.revisions.count() == revisions


def test_a_note_s_publication_date_survives_a_save(users, login, oriv_draft):
    client = login(users["editeur-oriv"])
    form = rendered_form(client.get(edit_url(oriv_draft)))
    assert form.value("date") == "15/11/2016"
    response = client.post(edit_url(oriv_draft), form)
    assert saved(response), form_errors(response)
    assert latest(oriv_draft).date == datetime.date(2016, 11, 15)


def test_an_editor_schedules_publication_in_french(users, login, oriv_draft):
    """The settings' « Date/heure de publication » and « d'expiration », as an editor types them
    in the scheduling dialog; they wait for the delegation's approval."""
    client = login(users["editeur-oriv"])
    form = rendered_form(client.get(edit_url(oriv_draft)))
    assert form.value("go_live_at") == ""
    form.set("go_live_at", "03/04/2027 09:30").set("expire_at", "05/04/2027 18:00")

    response = client.post(edit_url(oriv_draft), form)

    assert saved(response), form_errors(response)
    draft = latest(oriv_draft)
    assert draft.go_live_at == datetime.datetime(2027, 4, 3, 9, 30, tzinfo=PARIS)
    assert draft.expire_at == datetime.datetime(2027, 4, 5, 18, 0, tzinfo=PARIS)
    assert oriv_draft.get_latest_revision().approved_go_live_at is None

    # Opened again, the dialog shows what was typed, and a save keeps it.
    form = rendered_form(client.get(edit_url(oriv_draft)))
    assert form.value("go_live_at") == "03/04/2027 09:30"
    assert form.value("expire_at") == "05/04/2027 18:00"
    assert saved(client.post(edit_url(oriv_draft), form))
    draft = latest(oriv_draft)
    assert draft.go_live_at == datetime.datetime(2027, 4, 3, 9, 30, tzinfo=PARIS)


def test_the_delegation_publishes_on_a_date_typed_in_french(users, login, oriv_draft):
    client = login(users["delegation"])
    form = rendered_form(client.get(edit_url(oriv_draft))).set("go_live_at", "03/04/2027 09:30")
    form["action-publish"] = ["action-publish"]

    response = client.post(edit_url(oriv_draft), form)

    assert response.status_code == 302, form_errors(response)
    oriv_draft.refresh_from_db()
    assert not oriv_draft.live
    scheduled = oriv_draft.scheduled_revision
    assert scheduled.approved_go_live_at == datetime.datetime(2027, 4, 3, 9, 30, tzinfo=PARIS)


def test_an_admin_in_english_still_reads_dates_day_first(english_admin, login, oriv_event):
    """English is a permitted admin language: its dates are shown and read as in French, not
    as US dates (« 03/04/2026 » read as 4 March would move the event silently)."""
    client = login(english_admin)
    response = client.get(edit_url(oriv_event))
    assert 'lang="en"' in response.content.decode()
    form = rendered_form(response)
    assert form.value("date") == "05/12/2026"
    form.set("date", "03/04/2026").set("end_date", "04/04/2026")
    form.set("go_live_at", "03/04/2027 09:30")

    response = client.post(edit_url(oriv_event), form)

    assert saved(response), form_errors(response)
    draft = latest(oriv_event)
    assert draft.date == datetime.date(2026, 4, 3)
    assert draft.go_live_at == datetime.datetime(2027, 4, 3, 9, 30, tzinfo=PARIS)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_admin_language_reads_back_the_dates_it_shows(language):
    """The admin's input format is one the language's parser reads first, day first.

    (Wagtail's own check of this, wagtailadmin.E003, only runs when USE_L10N is set, a setting
    Django 5 removed.)"""
    cases = [
        (AdminDateInput(), forms.DateField, datetime.date(2026, 4, 3)),
        (AdminTimeInput(), forms.TimeField, datetime.time(9, 5)),
        (AdminDateTimeInput(), forms.DateTimeField, datetime.datetime(2026, 4, 3, 9, 5)),
    ]
    with translation.override(language):
        for widget, field_class, value in cases:
            shown = widget.format_value(value)
            assert shown in ("03/04/2026", "09:05", "03/04/2026 09:05"), shown
            parsed = field_class(widget=widget).clean(shown)
            if isinstance(parsed, datetime.datetime):
                parsed = timezone.make_naive(parsed)
            assert parsed == value, (language, shown, parsed)


# Snippets: the press watch's date, a notice's « consulté le » and its scheduled publication.


def snippet_url(model_name: str, action: str, pk: int) -> str:
    app = "publications" if model_name == "pressitem" else "bibliography"
    return reverse(f"wagtailsnippets_{app}_{model_name}:{action}", args=(pk,))


def test_an_editor_saves_a_press_item_unchanged_then_with_a_typed_date(users, login):
    item = PressItemFactory(date=datetime.date(2026, 12, 5))
    client = login(users["editeur-oriv"])
    url = snippet_url("pressitem", "edit", item.pk)
    form = rendered_form(client.get(url))
    assert form.value("date") == "05/12/2026"

    response = client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert PressItem.objects.get(pk=item.pk).date == datetime.date(2026, 12, 5)

    response = client.post(url, rendered_form(client.get(url)).set("date", "03/04/2026"))
    assert response.status_code == 302, form_errors(response)
    assert PressItem.objects.get(pk=item.pk).date == datetime.date(2026, 4, 3)


def test_an_editor_saves_a_notice_s_dates(users, login, editorial_site):
    notice = ReferenceFactory(
        title="Notice de l'ORIV",
        organisation=Organisation.objects.get(acronym="ORIV"),
        url="https://example.org/rapport",
        accessed=datetime.date(2026, 12, 5),
    )
    notice.save_revision().publish()
    client = login(users["editeur-oriv"])
    url = snippet_url("reference", "edit", notice.pk)
    form = rendered_form(client.get(url))
    assert form.value("accessed") == "05/12/2026"
    revisions = notice.revisions.count()

    response = client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert notice.revisions.count() == revisions + 1
    assert latest(notice).accessed == datetime.date(2026, 12, 5)

    form = rendered_form(client.get(url)).set("accessed", "03/04/2026")
    response = client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert latest(notice).accessed == datetime.date(2026, 4, 3)
