"""Imports as named batches (issue 17): history from the import on, the batch in the admin with
its report, and undoing it as a whole unless a notice was edited since."""

import io
import json

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from bibliography.models import ImportBatch, Reference
from search.models import SearchRecord
from tests.workflow.test_notice_import import import_file, open_import
from webhooks.models import Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db


def ris(*titles: str) -> str:
    return "".join(
        f"TY  - BOOK\nTI  - {title}\nAU  - Simon, Patrick\nPY  - 2024\nER  - \n" for title in titles
    )


def run_command(tmp_path, text: str, name: str = "catalogue.ris", *args: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("import_references", str(path), *args, stdout=io.StringIO(), verbosity=0)


def history_messages(client, reference: Reference) -> str:
    url = reverse("wagtailsnippets_bibliography_reference:history", args=[reference.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_imported_notices_have_a_first_revision_and_say_where_they_come_from(
    tmp_path, users, login
):
    run_command(tmp_path, ris("Les quartiers prioritaires", "Laïcité et école"))
    batch = ImportBatch.objects.get()
    for notice in Reference.objects.all():
        assert notice.latest_revision is not None
        assert notice.live_revision == notice.latest_revision
        assert notice.latest_revision.as_object().title == notice.title
    notice = Reference.objects.get(title="Laïcité et école")
    page = history_messages(login(users["delegation"]), notice)
    assert "Importée depuis catalogue.ris par la ligne de commande" in page
    assert batch.created == 2 and batch.file_name == "catalogue.ris" and batch.format == "ris"


def test_an_editor_s_import_is_a_batch_with_its_report(users, login, editorial_site):
    client = login(users["editeur-oriv"])
    _response, form = open_import(client)
    response = import_file(client, form)

    batch = ImportBatch.objects.get()
    assert response.url == reverse("bibliography_import_batch", args=[batch.pk])
    assert batch.user == users["editeur-oriv"] and batch.organisation.acronym == "ORIV"
    page = client.get(response.url).content.decode()
    assert "zotero.ris" in page
    assert "Les quartiers prioritaires en 2024" in page  # the per-record report
    assert "Annuler l&#x27;import" in page or "Annuler l'import" in page
    notice = Reference.objects.get()
    name = users["editeur-oriv"].get_full_name() or users["editeur-oriv"].get_username()
    assert f"Importée depuis zotero.ris par {name}" in history_messages(client, notice)
    listing = client.get(reverse("bibliography_import_batches")).content.decode()
    assert "zotero.ris" in listing


def test_editors_see_their_own_imports_only(tmp_path, users, login, editorial_site):
    run_command(tmp_path, ris("Notice de la délégation"), "delegation.ris")
    client = login(users["editeur-oriv"])
    assert (
        "delegation.ris" not in client.get(reverse("bibliography_import_batches")).content.decode()
    )
    batch = ImportBatch.objects.get()
    assert client.get(reverse("bibliography_import_batch", args=[batch.pk])).status_code == 404
    delegation = login(users["delegation"])
    assert (
        "delegation.ris" in delegation.get(reverse("bibliography_import_batches")).content.decode()
    )


def test_undo_deletes_the_created_notices_and_restores_the_updated_ones(
    tmp_path, users, login, editorial_site
):
    run_command(tmp_path, ris("Les immigrés âgés"), "first.ris")
    kept = Reference.objects.get()
    original_abstract = kept.abstract
    updated_ris = ris("Logement social et mixité en 2024") + ris("Les immigrés âgés").replace(
        "ER  - ", "AB  - Nouveau résumé\nER  - "
    )
    run_command(tmp_path, updated_ris, "second.ris", "--update")
    batch = ImportBatch.objects.get(file_name="second.ris")
    assert (batch.created, batch.updated) == (1, 1)
    assert Reference.objects.get(pk=kept.pk).abstract == "Nouveau résumé"
    assert SearchRecord.objects.filter(title="Logement social et mixité en 2024").exists()

    client = login(users["delegation"])
    response = client.post(reverse("bibliography_import_batch", args=[batch.pk]))

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("1 notice(s) supprimée(s), 1 notice(s) remise(s)" in m for m in messages), messages
    assert not Reference.objects.filter(title="Logement social et mixité en 2024").exists()
    assert not SearchRecord.objects.filter(title="Logement social et mixité en 2024").exists()
    restored = Reference.objects.get(pk=kept.pk)
    assert restored.abstract == original_abstract
    assert restored.live
    batch.refresh_from_db()
    assert batch.undone_at is not None and batch.undone_by == users["delegation"]
    assert ModelLogEntry.objects.filter(action="bibliography.import_undone").exists()
    again = client.post(reverse("bibliography_import_batch", args=[batch.pk]))
    assert any("déjà été annulé" in str(m) for m in get_messages(again.wsgi_request))


def test_undo_is_refused_naming_the_notices_edited_since(tmp_path, users, login, editorial_site):
    run_command(tmp_path, ris("Les quartiers prioritaires", "Laïcité et école"))
    batch = ImportBatch.objects.get()
    edited = Reference.objects.get(title="Laïcité et école")
    edited.abstract = "Complété par la délégation."
    edited.save_revision(user=users["delegation"]).publish(user=users["delegation"])

    client = login(users["delegation"])
    page = client.get(reverse("bibliography_import_batch", args=[batch.pk])).content.decode()
    assert "ne peut plus être annulé" in page and "Laïcité et école" in page
    response = client.post(reverse("bibliography_import_batch", args=[batch.pk]))

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("« Laïcité et école »" in m and "modifiées depuis" in m for m in messages)
    assert Reference.objects.count() == 2
    batch.refresh_from_db()
    assert batch.undone_at is None


def test_an_import_is_one_webhook_delivery_listing_its_notices(tmp_path, editorial_site):
    Webhook.objects.create(name="Front", url="http://127.0.0.1:9/hook", for_pages=False)
    run_command(tmp_path, ris("Première notice", "Deuxième notice", "Troisième notice"))
    delivery = WebhookDelivery.objects.get()
    payload = delivery.payload
    assert payload["event"] == "publish"
    assert payload["batch"]["count"] == 3
    assert payload["batch"]["id"] == ImportBatch.objects.get().pk
    assert sorted(obj["title"] for obj in payload["objects"]) == [
        "Deuxième notice",
        "Première notice",
        "Troisième notice",
    ]
    assert all(
        obj["api_url"].endswith(f"/api/v2/references/{obj['id']}/") for obj in payload["objects"]
    )
    json.dumps(payload)
