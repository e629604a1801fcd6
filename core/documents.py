"""What the site reads from uploaded documents: is the file what it claims, and what it says.

Used by the admin's document form (`core.forms.SiteDocumentForm`, set as
`WAGTAILDOCS_DOCUMENT_FORM_BASE`) at upload, by the demo loader, and by the download links
(« PDF, 13 p., 1,2 Mo ») of the templates and the API.
"""

from __future__ import annotations

import io
import logging
import os
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

# Extraction happens in the upload request: keep it bounded.
MAX_EXTRACTED_PAGES = 200
MAX_EXTRACTED_CHARS = 500_000
# How much of a text file is read to check that it is text.
TEXT_SNIFF_BYTES = 64 * 1024

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
RTF_MAGIC = b"{\\rtf"
ZIP_EXTENSIONS = {"docx", "xlsx", "pptx", "odt", "ods"}
TEXT_EXTENSIONS = {"csv", "txt"}
# The member that proves what a zip container holds.
ZIP_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OPENDOCUMENT_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class DocumentContent:
    """What was read from a file: its text (for search) and, for a PDF, its page count."""

    text: str = ""
    page_count: int | None = None


def file_extension(name: str) -> str:
    return os.path.splitext(name)[1].lstrip(".").lower()


def max_upload_size() -> int | None:
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)


def _read_head(file, size: int) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def check_document_file(file, name: str | None = None) -> DocumentContent:
    """Check that `file` is not empty, not too big, and is what its extension says.

    Returns what could be read from it (text and page count for a PDF). Raises a
    `ValidationError` with a French message otherwise. The file is left at position 0.
    """
    name = name or getattr(file, "name", "") or ""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
        file.seek(0)
    if size == 0:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    limit = max_upload_size()
    if limit is not None and size > limit:
        raise ValidationError(
            _("Le fichier est trop volumineux (%(size)s) : la taille maximale est de %(limit)s.")
            % {"size": format_file_size(size), "limit": format_file_size(limit)},
            code="file_too_large",
        )
    extension = file_extension(name)
    if extension == "pdf":
        return read_pdf(file)
    if extension in ZIP_EXTENSIONS:
        _check_zip_container(file, extension)
    elif extension in TEXT_EXTENSIONS:
        _check_text(file, extension)
    elif extension == "rtf" and _read_head(file, len(RTF_MAGIC)) != RTF_MAGIC:
        raise _mismatch(extension)
    return DocumentContent()


def _mismatch(extension: str) -> ValidationError:
    return ValidationError(
        _(
            "Le contenu du fichier ne correspond pas à son extension « .%(extension)s » : "
            "le fichier a été refusé."
        )
        % {"extension": extension},
        code="invalid_content",
    )


def _check_zip_container(file, extension: str) -> None:
    if _read_head(file, len(ZIP_MAGIC)) != ZIP_MAGIC:
        raise _mismatch(extension)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if extension in OPENDOCUMENT_MIMETYPES:
                expected = OPENDOCUMENT_MIMETYPES[extension]
                head = _read_member_head(archive, "mimetype", len(expected) + 2)
                ok = "mimetype" in names and head.strip() == expected
            else:
                ok = ZIP_MARKERS[extension] in names
    # Damaged, encrypted or oddly compressed containers are refused, not crashed on.
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError, zlib.error):
        ok = False
    finally:
        file.seek(0)
    if not ok:
        raise _mismatch(extension)


def _read_member_head(archive: zipfile.ZipFile, name: str, size: int) -> bytes:
    """The first `size` bytes of a member: never inflates more (zip bombs)."""
    with archive.open(name) as member:
        return member.read(size)


def _check_text(file, extension: str) -> None:
    head = _read_head(file, TEXT_SNIFF_BYTES)
    if b"\x00" in head:
        raise _mismatch(extension)
    # A multi-byte character may be cut at the end of a full sample.
    sample = head if len(head) < TEXT_SNIFF_BYTES else head[:-4]
    for encoding in ("utf-8", "cp1252"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return
    raise _mismatch(extension)


def read_pdf(file) -> DocumentContent:
    """Check that `file` is a PDF (magic bytes, then a parse) and read its text and page count.

    A file that is not a PDF is refused. A PDF that parses but whose text cannot be read
    (damaged page, unusual encoding) is accepted with whatever text was read before the error:
    extraction must never make an upload fail.
    """
    if _read_head(file, 1024).find(PDF_MAGIC) == -1:
        raise _mismatch("pdf")
    try:
        file.seek(0)
        reader = PdfReader(io.BytesIO(file.read()))
        page_count = len(reader.pages)
    except (PyPdfError, ValueError, TypeError, KeyError, OSError) as exc:
        raise ValidationError(
            _("Ce fichier PDF est illisible ou endommagé : il a été refusé."), code="invalid_pdf"
        ) from exc
    finally:
        file.seek(0)
    return DocumentContent(text=_extract_text(reader, page_count), page_count=page_count)


def _extract_text(reader: PdfReader, page_count: int) -> str:
    parts: list[str] = []
    length = 0
    for index in range(min(page_count, MAX_EXTRACTED_PAGES)):
        try:
            text = reader.pages[index].extract_text() or ""
        except Exception:  # pypdf raises many kinds of errors on damaged pages
            logger.warning("Text extraction failed on page %d", index + 1, exc_info=True)
            continue
        parts.append(text)
        length += len(text)
        if length >= MAX_EXTRACTED_CHARS:
            break
    return "\n".join(parts)[:MAX_EXTRACTED_CHARS]


def format_file_size(size: int) -> str:
    """« 1,2 Mo », « 350 Ko »: French units and decimal comma."""
    if size < 1024:
        return f"{size} o"
    for unit in ("Ko", "Mo", "Go"):
        size /= 1024
        if size < 1024 or unit == "Go":
            break
    if size >= 10 or unit == "Ko":
        return f"{round(size)} {unit}"
    return f"{size:.1f}".replace(".", ",") + f" {unit}"


def document_format(document) -> str:
    """The format shown to visitors, from the file's extension: « PDF », « DOCX »."""
    return file_extension(document.file.name).upper()


def download_label(document) -> str:
    """« PDF, 13 p., 1,2 Mo »: the one wording of a download link, for templates and the API."""
    parts = [document_format(document)]
    if document.page_count:
        parts.append(f"{document.page_count} p.")
    size = document.get_file_size()
    if size:
        parts.append(format_file_size(size))
    return ", ".join(parts)
