"""What an upload may be and how it is served back: the policy of issue 9, through the admin's
real views and the public document view."""

import io
import os
import tracemalloc
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from core.documents import check_document_file
from tests.publications.test_documents import stored_files, upload

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1"/></svg>'


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_image(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Image", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_svg_images_are_refused(admin_client):
    before = stored_files()
    response = upload_image(admin_client, "logo.svg", SVG)
    assert response.status_code == 200
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not get_image_model().objects.exists()
    assert stored_files() == before


def test_svg_documents_are_refused(admin_client):
    response = upload(admin_client, "logo.svg", SVG)
    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def test_images_over_the_pixel_limit_are_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    response = upload_image(admin_client, "immense.png", png(2000, 1000))
    assert response.status_code == 200
    assert "pixels" in response.content.decode().lower()
    assert not get_image_model().objects.exists()
    assert upload_image(admin_client, "petite.png", png(800, 600)).status_code == 302


def zip_bomb() -> bytes:
    """An ODT-looking archive whose "mimetype" member inflates to 64 Mio (64 Kio compressed)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("mimetype", "w") as member,
    ):
        for _ in range(64):
            member.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_named_odt_is_refused_without_inflating_it(admin_client):
    bomb = zip_bomb()
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError):
            check_document_file(io.BytesIO(bomb), "bombe.odt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024  # the 64 Mio were never inflated
    response = upload(admin_client, "bombe.odt", bomb)
    assert "ne correspond pas à son extension" in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.fixture
def documents():
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    public = Document.objects.create(
        title="Note", file=ContentFile(b"%PDF-1.4 public", name="note.pdf")
    )
    secret = Document.objects.create(
        title="Compte rendu", collection=private, file=ContentFile(b"%PDF-1.4 s", name="cr.pdf")
    )
    return public, secret


def test_documents_are_served_as_attachments_with_a_strict_policy(client, documents):
    public, _ = documents
    response = client.get(public.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "sessionid" not in response.cookies


def test_private_documents_are_unreachable_by_their_media_url(client, documents):
    _, secret = documents
    assert os.path.exists(secret.file.path)
    response = client.get(secret.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    # Django never serves MEDIA_ROOT in production (nginx closes /media/documents/ too:
    # tests/ops/test_site_files.py).
    assert client.get(settings.MEDIA_URL + secret.file.name).status_code == 404
