"""Scheduled publishing and expiry: approved content waits for its date, then
`manage.py publish_scheduled` (run every minute by site/systemd) publishes and expires it."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from .conftest import note_form

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
GO_LIVE = NOW + datetime.timedelta(days=1)
EXPIRE = NOW + datetime.timedelta(days=8)


def admin_datetime(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def public_state(client, page) -> tuple[int, list[str], int]:
    """What a visitor sees: public page status, API note titles, API detail status."""
    client.logout()
    listing = client.get("/api/v2/pages/", {"type": "publications.NotePage"}).json()
    return (
        client.get("/publications/projet-oriv/").status_code,
        [item["title"] for item in listing["items"]],
        client.get(f"/api/v2/pages/{page.pk}/").status_code,
    )


def test_an_approved_note_waits_for_its_date_then_expires(
    client, users, login, oriv_draft, time_machine
):
    time_machine.move_to(NOW, tick=False)
    schedule = {"go_live_at": admin_datetime(GO_LIVE), "expire_at": admin_datetime(EXPIRE)}
    edit_url = reverse("wagtailadmin_pages:edit", args=(oriv_draft.pk,))
    login(users["editeur-oriv"]).post(
        edit_url, {**note_form(oriv_draft, **schedule), "action-submit": "action-submit"}
    )
    for username in ("editeur-irev", "delegation"):
        oriv_draft.refresh_from_db()
        state = oriv_draft.current_workflow_task_state
        action = reverse(
            "wagtailadmin_pages:workflow_action", args=(oriv_draft.pk, "approve", state.pk)
        )
        assert login(users[username]).post(action, {"comment": ""}).status_code == 302

    oriv_draft.refresh_from_db()
    assert not oriv_draft.live
    assert oriv_draft.current_workflow_task is None
    scheduled = oriv_draft.scheduled_revision
    assert scheduled is not None and scheduled.approved_go_live_at == GO_LIVE
    status = login(users["editeur-oriv"]).get(edit_url).content.decode()
    assert "Programmé" in status or "programmé" in status

    call_command("publish_scheduled")  # not due yet
    assert public_state(client, oriv_draft) == (404, [], 404)

    time_machine.move_to(GO_LIVE + datetime.timedelta(minutes=1), tick=False)
    call_command("publish_scheduled")
    assert public_state(client, oriv_draft) == (200, ["Projet de note de l'ORIV"], 200)

    time_machine.move_to(EXPIRE + datetime.timedelta(minutes=1), tick=False)
    call_command("publish_scheduled")
    oriv_draft.refresh_from_db()
    assert oriv_draft.expired and not oriv_draft.live
    assert public_state(client, oriv_draft) == (404, [], 404)


def test_the_scheduler_is_documented_with_a_systemd_timer():
    systemd = Path(settings.BASE_DIR) / "site" / "systemd"
    service = (systemd / "reci-publish-scheduled.service").read_text()
    timer = (systemd / "reci-publish-scheduled.timer").read_text()
    assert "manage.py publish_scheduled" in service
    assert "OnCalendar=" in timer
    readme = (Path(settings.BASE_DIR) / "site" / "README.md").read_text()
    assert "reci-publish-scheduled.timer" in readme
