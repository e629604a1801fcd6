"""Documents and images, as editors and the delegation use them (issue 17: they could neither
upload nor choose a document, so a note's PDF could not be attached).

Wagtail checks documents against `wagtaildocs.Document`'s permissions, held per collection
(`GroupCollectionPermission`), even with a custom document model (`core.SiteDocument`): the
roles grant those (core/roles.py). Everything goes through the admin's own views.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from publications.pdfs import build_pdf
from tests.admin_forms import rendered_form

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()

ROLES = ["editeur-oriv", "delegation"]


def note_edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def pdf_file(name: str = "note-oriv.pdf") -> SimpleUploadedFile:
    content = build_pdf("Note de l'ORIV", ["Les contrats de ville zanzibariques."], pages=2)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_file(name: str = "affiche.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload_document(client, title: str = "Note de l'ORIV (PDF)"):
    """Open « Ajouter un document », fill in the rendered form, send the file (multipart)."""
    page = client.get(reverse("wagtaildocs:add"))
    assert page.status_code == 200, page.status_code
    form = rendered_form(page, "form[enctype='multipart/form-data']").set("title", title)
    return client.post(reverse("wagtaildocs:add"), {**form, "file": pdf_file()})


def upload_image(client, title: str = "Affiche"):
    page = client.get(reverse("wagtailimages:add"))
    assert page.status_code == 200, page.status_code
    form = rendered_form(page, "form[enctype='multipart/form-data']").set("title", title)
    return client.post(reverse("wagtailimages:add"), {**form, "file": png_file()})


def chooser_titles(client, url_name: str) -> str:
    response = client.get(reverse(url_name))
    assert response.status_code == 200, response.status_code
    return response.json()["html"]


@pytest.fixture
def outsider(editorial_site):
    """Someone who may log into the admin but holds no editorial role."""
    user = get_user_model().objects.create_user("stagiaire", "stagiaire@reseau-reci.test", "x")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


@pytest.mark.parametrize("username", ROLES)
def test_uploading_a_pdf_then_choosing_it(username, users, login):
    client = login(users[username])

    response = upload_document(client)

    assert response.status_code == 302, response.content.decode()[:500]
    document = Document.objects.get()
    assert document.uploaded_by_user == users[username]
    assert document.page_count == 2  # read by the project's upload policy
    assert "zanzibariques" in document.extracted_text
    assert "Note de l&#x27;ORIV (PDF)" in chooser_titles(client, "wagtaildocs_chooser:choose")
    chosen = client.get(reverse("wagtaildocs_chooser:chosen", args=(document.pk,)))
    assert chosen.status_code == 200
    assert chosen.json()["result"]["id"] == str(document.pk)


@pytest.mark.parametrize("username", ROLES)
def test_uploading_from_the_chooser_and_several_at_once(username, users, login):
    client = login(users[username])
    response = client.post(
        reverse("wagtaildocs_chooser:create"),
        {"document-chooser-upload-title": "Annexe", "document-chooser-upload-file": pdf_file()},
    )
    assert response.status_code == 200
    assert response.json()["step"] == "chosen", response.json()
    response = client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": pdf_file("annexe-2.pdf")}
    )
    assert response.json()["success"] is True, response.json()
    assert Document.objects.count() == 2


def test_an_editor_attaches_the_pdf_to_a_note_and_submits_it(users, login, oriv_draft):
    client = login(users["editeur-oriv"])
    assert upload_document(client).status_code == 302
    document = Document.objects.get()

    form = rendered_form(client.get(note_edit_url(oriv_draft))).set("pdf", str(document.pk))
    form["action-submit"] = ["action-submit"]
    response = client.post(note_edit_url(oriv_draft), form)

    assert response.status_code == 302, response.content.decode()[:500]
    oriv_draft.refresh_from_db()
    assert oriv_draft.get_latest_revision_as_object().pdf == document
    assert WorkflowState.objects.filter(object_id=str(oriv_draft.pk)).exists()
    # The edit view shows the chosen PDF back.
    form = rendered_form(client.get(note_edit_url(oriv_draft)))
    assert form.value("pdf") == str(document.pk)


def test_the_delegation_attaches_the_pdf_to_a_note_and_publishes_it(
    users, login, oriv_draft, client
):
    delegation = login(users["delegation"])
    assert upload_document(delegation).status_code == 302
    document = Document.objects.get()

    form = rendered_form(delegation.get(note_edit_url(oriv_draft))).set("pdf", str(document.pk))
    form["action-publish"] = ["action-publish"]
    response = delegation.post(note_edit_url(oriv_draft), form)

    assert response.status_code == 302, response.content.decode()[:500]
    oriv_draft.refresh_from_db()
    assert oriv_draft.live and oriv_draft.specific.pdf == document
    client.logout()
    api = client.get(f"/api/v2/pages/{oriv_draft.pk}/").json()
    assert api["pdf"]["label"].startswith("PDF, 2 p.")


@pytest.mark.parametrize("username", ROLES)
def test_uploading_then_choosing_an_image(username, users, login):
    client = login(users[username])
    response = upload_image(client)
    assert response.status_code == 302, response.content.decode()[:500]
    image = Image.objects.get()
    assert "Affiche" in chooser_titles(client, "wagtailimages_chooser:choose")
    assert client.get(reverse("wagtailimages:edit", args=(image.pk,))).status_code == 200


def test_editors_change_and_delete_their_own_uploads_only(users, login):
    """Wagtail's "change" right also deletes and replaces files: only the delegation has it,
    so an editor cannot remove or swap the PDF of a published note outside the workflow."""
    delegation = login(users["delegation"])
    assert upload_document(delegation, "Document de la délégation").status_code == 302
    assert upload_image(delegation, "Image de la délégation").status_code == 302
    theirs, their_image = Document.objects.get(), Image.objects.get()
    editor = login(users["editeur-oriv"])
    assert upload_document(editor, "Document de l'ORIV").status_code == 302
    own = Document.objects.exclude(pk=theirs.pk).get()

    assert editor.get(reverse("wagtaildocs:edit", args=(own.pk,))).status_code == 200
    assert editor.get(reverse("wagtaildocs:edit", args=(theirs.pk,))).status_code in (302, 403)
    editor.post(
        reverse("wagtaildocs:edit", args=(theirs.pk,)),
        {"title": "Remplacé", "file": pdf_file(), "collection": theirs.collection_id},
    )
    editor.post(reverse("wagtaildocs:delete", args=(theirs.pk,)))
    editor.post(reverse("wagtailimages:delete", args=(their_image.pk,)))
    editor.post(reverse("wagtaildocs:delete", args=(own.pk,)))

    assert list(Document.objects.all()) == [theirs]
    assert Document.objects.get().title == "Document de la délégation"
    assert Image.objects.filter(pk=their_image.pk).exists()
    login(users["delegation"]).post(reverse("wagtaildocs:delete", args=(theirs.pk,)))
    assert not Document.objects.exists()


def test_nobody_else_uploads_or_chooses(users, login, outsider, client):
    delegation = login(users["delegation"])
    assert upload_document(delegation).status_code == 302
    document = Document.objects.get()

    client.logout()
    response = client.post(reverse("wagtaildocs:add"), {"title": "Anonyme", "file": pdf_file()})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("wagtaildocs_chooser:choose")).status_code == 302

    client.force_login(outsider)
    response = client.post(reverse("wagtaildocs:add"), {"title": "Intrus", "file": pdf_file()})
    assert response.status_code in (302, 403)
    response = client.post(reverse("wagtailimages:add"), {"title": "Intrus", "file": png_file()})
    assert response.status_code in (302, 403)
    assert Document.objects.count() == 1 and not Image.objects.exists()
    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert chooser.status_code in (302, 403) or document.title not in chooser.json()["html"]
