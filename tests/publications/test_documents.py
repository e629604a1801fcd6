"""Uploads through the admin's real document views: checked by content, text read at upload."""

import io
import os
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.documents import download_label, format_file_size
from core.models import SiteDocument
from publications.pdfs import build_pdf
from tests.factories import PdfDocumentFactory

pytestmark = pytest.mark.django_db

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def stored_files() -> set[str]:
    found = set()
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        found.update(os.path.join(folder, name) for name in files)
    return found


def upload(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Document déposé", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def upload_multiple(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_a_pdf_upload_stores_its_text_and_page_count(admin_client):
    pdf = build_pdf("Contrat de ville", ["Une grille de lecture zanzibarique."], pages=3)
    response = upload(admin_client, "contrat-de-ville.pdf", pdf)
    assert response.status_code == 302
    document = SiteDocument.objects.get()
    assert document.page_count == 3
    assert "zanzibarique" in document.extracted_text
    assert download_label(document).startswith("PDF, 3 p., ")


def test_the_multiple_upload_reads_pdfs_too(admin_client):
    pdf = build_pdf("Laïcité", ["Le lien social au quotidien."], pages=2)
    response = upload_multiple(admin_client, "laicite.pdf", pdf)
    assert response.json()["success"] is True
    document = SiteDocument.objects.get()
    assert document.page_count == 2
    assert "lien social" in document.extracted_text


@pytest.mark.parametrize("send", [upload, upload_multiple])
def test_an_exe_renamed_pdf_is_refused_and_nothing_is_saved(admin_client, send):
    before = stored_files()
    response = send(admin_client, "note.pdf", EXE_BYTES)
    text = response.content.decode("unicode_escape" if send is upload_multiple else "utf-8")
    assert "ne correspond pas à son extension" in text
    assert not SiteDocument.objects.exists()
    assert stored_files() == before


@pytest.mark.parametrize("send", [upload, upload_multiple])
def test_an_empty_file_is_refused(admin_client, send):
    before = stored_files()
    response = send(admin_client, "vide.pdf", b"")
    assert response.status_code in (200, 400)
    if send is upload:
        assert "vide" in response.content.decode()
    assert not SiteDocument.objects.exists()
    assert stored_files() == before


@pytest.mark.parametrize("send", [upload, upload_multiple])
def test_a_file_over_the_limit_is_refused(admin_client, settings, send):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 2048
    before = stored_files()
    pdf = build_pdf("Trop long", ["Un paragraphe assez long. " * 400], pages=3)
    assert len(pdf) > 2048
    response = send(admin_client, "gros.pdf", pdf)
    text = response.content.decode("unicode_escape" if send is upload_multiple else "utf-8")
    assert "trop volumineux" in text
    assert "2 Ko" in text
    assert not SiteDocument.objects.exists()
    assert stored_files() == before


def test_a_truncated_pdf_is_refused_with_a_message(admin_client):
    pdf = build_pdf("Coupé", ["Texte."])
    response = upload(admin_client, "coupe.pdf", pdf[:200])
    assert "illisible ou endommagé" in response.content.decode()
    assert not SiteDocument.objects.exists()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_office_files_are_checked_against_their_extension(admin_client):
    response = upload(admin_client, "tableau.xlsx", _zip({"word/document.xml": b"<w/>"}))
    assert "ne correspond pas à son extension « .xlsx »" in response.content.decode()
    response = upload(admin_client, "texte.odt", b"%PDF-1.4 not an odt")
    assert "« .odt »" in response.content.decode()
    assert not SiteDocument.objects.exists()

    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    assert upload(admin_client, "compte-rendu.odt", odt).status_code == 302
    assert (
        upload(
            admin_client, "liste.csv", "nom;ville\nORIV;Strasbourg;Ville-réseau\n".encode("cp1252")
        ).status_code
        == 302
    )
    assert SiteDocument.objects.count() == 2


def test_a_binary_file_named_csv_is_refused(admin_client):
    response = upload(admin_client, "liste.csv", EXE_BYTES)
    assert "« .csv »" in response.content.decode()
    assert not SiteDocument.objects.exists()


def test_sizes_are_written_the_french_way():
    assert format_file_size(500) == "500 o"
    assert format_file_size(350 * 1024) == "350 Ko"
    assert format_file_size(int(1.2 * 1024 * 1024)) == "1,2 Mo"
    assert format_file_size(15 * 1024 * 1024) == "15 Mo"


def test_download_label_comes_from_the_file():
    document = PdfDocumentFactory(pages=13)
    label = download_label(document)
    assert label.startswith("PDF, 13 p., ")
    assert label.endswith(" Ko")
