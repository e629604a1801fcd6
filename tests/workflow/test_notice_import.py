"""Importing notices from the admin (« Importer un fichier »), as an editor and as the delegation
(issue 17: an editor could file notices under another structure, and was offered « Publier »,
silently ignored since editors cannot publish)."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bibliography.models import Reference
from core.models import Organisation
from tests.admin_forms import rendered_form

pytestmark = pytest.mark.django_db

RIS = (
    b"TY  - BOOK\nTI  - Les quartiers prioritaires en 2024\nAU  - Simon, Patrick\nPY  - 2024\n"
    b"ER  - \n"
)
FORM = "form[enctype='multipart/form-data']"


def ris_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("zotero.ris", RIS, content_type="application/x-research-info-systems")


def open_import(client):
    response = client.get(reverse("bibliography_import"))
    assert response.status_code == 200
    return response, rendered_form(response, FORM)


def organisation_choices(response) -> set[str]:
    form = response.context["form"]
    return {str(choice) for _value, choice in form.fields["organisation"].choices}


def import_file(client, form) -> object:
    """Preview, then confirm, as the two buttons do."""
    preview = client.post(reverse("bibliography_import"), {**form, "file": ris_file()})
    assert preview.status_code == 200
    if "report" not in preview.context:
        return preview
    return client.post(reverse("bibliography_import_confirm"))


def test_an_editor_imports_drafts_under_their_own_structure(users, login, editorial_site):
    client = login(users["editeur-oriv"])
    response, form = open_import(client)
    oriv = Organisation.objects.get(acronym="ORIV")

    assert organisation_choices(response) == {str(oriv)}
    assert form.value("organisation") == str(oriv.pk)
    assert "publish" not in form
    page = response.content.decode()
    assert "Publier les notices importées" not in page
    assert "enregistrées en brouillon" in page

    response = import_file(client, form)

    assert response.status_code == 302
    notice = Reference.objects.get(title="Les quartiers prioritaires en 2024")
    assert notice.organisation == oriv
    assert not notice.live
    assert notice.created_by == users["editeur-oriv"]


def test_an_editor_cannot_file_notices_under_another_structure(users, login, editorial_site):
    client = login(users["editeur-oriv"])
    _response, form = open_import(client)
    irev = Organisation.objects.get(acronym="IREV")
    form["organisation"] = [str(irev.pk)]  # a hand-made POST: IREV is not offered
    form["publish"] = ["on"]

    response = client.post(reverse("bibliography_import"), {**form, "file": ris_file()})

    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert "report" not in response.context
    assert not Reference.objects.exists()


def test_a_hand_made_publish_is_not_honoured_for_an_editor(users, login, editorial_site):
    client = login(users["editeur-oriv"])
    _response, form = open_import(client)
    form["publish"] = ["on"]
    response = import_file(client, form)
    assert response.status_code == 302
    assert not Reference.objects.get().live
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("1 créée(s)" in m for m in messages), messages


def test_the_delegation_files_notices_anywhere_and_publishes(users, login, editorial_site):
    client = login(users["delegation"])
    response, form = open_import(client)
    irev = Organisation.objects.get(acronym="IREV")

    assert organisation_choices(response) >= {
        str(o) for o in Organisation.objects.filter(editor_group__isnull=False)
    }
    assert form.value("publish") == "on"
    form.set("organisation", str(irev.pk))

    response = import_file(client, form)

    assert response.status_code == 302
    notice = Reference.objects.get()
    assert notice.organisation == irev
    assert notice.live
