"""HTTP responses carrying notices as RIS, BibTeX or CSL-JSON files."""

from django.http import HttpResponse

from .formats import FORMATS, bibtex, csljson, ris

WRITERS = {"ris": ris.dumps, "bibtex": bibtex.dumps, "csljson": csljson.dumps}


def export_response(items: list[dict], fmt: str, filename: str) -> HttpResponse | None:
    """A download of `items` in `fmt`, or None when the format is unknown."""
    if fmt not in WRITERS:
        return None
    _, content_type, extension = FORMATS[fmt]
    response = HttpResponse(WRITERS[fmt](items), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response
