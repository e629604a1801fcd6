"""How long the upload check and text extraction of a PDF take, in the request.

Run: `DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/document_extraction.py`
Prints one line per PDF size; extraction is capped (see `core/documents.py`).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402

from core.documents import check_document_file  # noqa: E402
from publications.pdfs import build_pdf  # noqa: E402

PARAGRAPH = (
    "Les conventions intercommunales d'attribution fixent, à l'échelle de l'intercommunalité, "
    "des objectifs d'attribution des logements sociaux. "
) * 20

for pages in (1, 13, 100, 400):
    data = build_pdf("Banc d'essai", [PARAGRAPH] * pages * 2, pages)
    file = ContentFile(data, name="banc.pdf")
    start = time.perf_counter()
    content = check_document_file(file, file.name)
    elapsed = time.perf_counter() - start
    print(
        f"{content.page_count:4d} pages, {len(data) / 1024:8.0f} Ko: {elapsed * 1000:7.0f} ms, "
        f"{len(content.text):7d} caractères extraits"
    )
