"""Editors and the delegation upload documents, choose them and attach a note's PDF."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import SiteDocument
from publications.models import NotePage
from publications.pdfs import build_pdf
from tests.factories import PdfDocumentFactory

from .conftest import note_form

pytestmark = pytest.mark.django_db


def upload(client, title: str):
    pdf = build_pdf(title, ["Analyse des contrats de ville."], 2)
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("note.pdf", pdf, content_type="application/pdf"),
            "collection": "1",
        },
    )


@pytest.mark.parametrize("username", ["editeur-oriv", "delegation"])
def test_an_editor_uploads_chooses_and_attaches_a_pdf(username, users, login, oriv_note):
    client = login(users[username])
    assert client.get(reverse("wagtaildocs:index")).status_code == 200

    response = upload(client, "Note sur les contrats de ville")
    assert response.status_code == 302, response.content.decode()[:2000]
    document = SiteDocument.objects.get(title="Note sur les contrats de ville")
    assert document.uploaded_by_user == users[username]
    assert document.page_count == 2

    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert chooser.status_code == 200
    assert "Note sur les contrats de ville" in chooser.content.decode()

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(oriv_note.pk,)),
        note_form(oriv_note, pdf=str(document.pk)),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = NotePage.objects.get(pk=oriv_note.pk).get_latest_revision_as_object()
    assert latest.pdf == document


def test_a_reader_without_a_role_cannot_upload(users, login, django_user_model, client):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user("lectrice", password="pw")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = login(reader)
    assert upload(client, "Document pirate").status_code in (302, 403)
    assert not SiteDocument.objects.filter(title="Document pirate").exists()
    PdfDocumentFactory(title="Rapport interne")
    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert "Rapport interne" not in chooser.content.decode()


def test_an_anonymous_visitor_cannot_upload(client, editorial_site):
    response = upload(client, "Document anonyme")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not SiteDocument.objects.exists()


def test_existing_databases_get_the_rights_moved(users):
    """What the data migration does to a group set up before the fix."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission

    migration = importlib.import_module("core.migrations.0005_document_permissions")
    group = Group.objects.create(name="Éditeurs d'avant")
    old = Permission.objects.get(content_type__app_label="core", codename="add_sitedocument")
    GroupCollectionPermission.objects.create(
        group=group, collection=Collection.get_first_root_node(), permission=old
    )
    migration.move_rights(apps, None)
    assert [
        (p.permission.content_type.app_label, p.permission.codename)
        for p in GroupCollectionPermission.objects.filter(group=group)
    ] == [("wagtaildocs", "add_document")]
