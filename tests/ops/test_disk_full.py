"""Failure drill: the media disk fills up while an editor uploads through the admin.

The media folder is a real, size-limited file system (a 4 MiB tmpfs mounted for the test), so
the write fails where it would in production: in the kernel, with ENOSPC. Mounting needs root
(CI runs as root); elsewhere the drill is skipped and says why.
"""

import io
import os
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from core.models import SiteDocument
from tests.publications.test_documents import stored_files, upload, upload_multiple

pytestmark = pytest.mark.django_db

DISK_SIZE = 4 * 1024 * 1024


@pytest.fixture
def small_disk(tmp_path, settings):
    media = tmp_path / "media"
    media.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a size-limited tmpfs for the media folder needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(media)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    settings.MEDIA_ROOT = str(media)
    try:
        yield media
    finally:
        subprocess.run(["umount", str(media)], check=True)


def noise_png(side: int) -> bytes:
    """A PNG that does not compress: about 3 bytes a pixel."""
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("send", [upload, upload_multiple])
def test_a_document_larger_than_the_free_space_is_refused_before_writing(
    admin_client, small_disk, send
):
    csv = ("titre;année\n" + "Une ligne de données assez longue;2024\n" * 90_000).encode()
    assert DISK_SIZE * 3 // 4 < len(csv) < DISK_SIZE
    response = send(admin_client, "donnees.csv", csv)
    text = response.content.decode("unicode_escape" if send is upload_multiple else "utf-8")
    assert "Espace disque insuffisant" in text
    assert not SiteDocument.objects.exists()
    assert stored_files() == set()


def test_a_disk_filling_up_mid_write_leaves_no_file_and_no_row(admin_client, small_disk):
    png = noise_png(1200)
    assert len(png) > DISK_SIZE
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Photo", "file": SimpleUploadedFile("photo.png", png), "collection": 1},
    )
    assert response.status_code == 507
    assert "Espace disque insuffisant" in response.content.decode()
    assert not get_image_model().objects.exists()
    assert stored_files() == set()
    # The disk is usable again at once: a small upload goes through.
    response = upload(admin_client, "petit.csv", b"titre;annee\nNote;2024\n")
    assert response.status_code == 302
    assert SiteDocument.objects.count() == 1
