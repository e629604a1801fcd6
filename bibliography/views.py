"""Admin views: import a file in two steps (preview, then confirm), export a selection."""

import secrets
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.permissions import policy_registry

from core.models import Organisation

from .forms import ImportForm
from .importer import Importer, ImportFileError, parse_text
from .models import Reference

SESSION_KEY = "bibliography_import"


def _upload_dir() -> Path:
    directory = Path(tempfile.gettempdir()) / "reci-bibliography-imports"
    directory.mkdir(exist_ok=True)
    return directory


def _check_permission(request) -> None:
    policy = policy_registry.get_by_type(Reference)
    if not policy.user_has_permission(request.user, "add"):
        raise PermissionDenied


def import_view(request):
    """Step 1: upload and preview what would happen to each record (nothing is saved)."""
    _check_permission(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "header_title": _("Importer des notices")}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = _options(request, data)
        report = Importer(**options, dry_run=True).run(parse_text(data["text"], data["format"]))
        if report.total == 0:
            form.add_error("file", _("Aucune notice trouvée dans ce fichier."))
            return TemplateResponse(request, "bibliography/admin/import_form.html", context)
        token = secrets.token_hex(16)
        (_upload_dir() / token).write_text(data["text"], encoding="utf-8")
        request.session[SESSION_KEY] = {
            "token": token,
            "format": data["format"],
            "name": data["file"].name,
            "on_duplicate": data["on_duplicate"],
            "organisation": data["organisation"].pk if data["organisation"] else None,
            "publish": data["publish"],
        }
        context.update({"report": report, "file_name": data["file"].name})
        return TemplateResponse(request, "bibliography/admin/import_preview.html", context)
    return TemplateResponse(request, "bibliography/admin/import_form.html", context)


def _options(request, data: dict) -> dict:
    return {
        "on_duplicate": data["on_duplicate"],
        "organisation": data["organisation"],
        "user": request.user,
        "publish": data["publish"],
    }


def import_confirm_view(request):
    """Step 2: import the file kept since the preview, in one transaction."""
    _check_permission(request)
    pending = request.session.get(SESSION_KEY)
    if request.method != "POST" or not pending:
        messages.error(request, _("Aucun import en attente : déposez à nouveau le fichier."))
        return redirect("bibliography_import")
    path = _upload_dir() / pending["token"]
    if not path.exists():
        messages.error(request, _("Le fichier déposé a expiré : déposez-le à nouveau."))
        return redirect("bibliography_import")
    organisation = Organisation.objects.filter(pk=pending["organisation"]).first()
    data = {**pending, "organisation": organisation}
    try:
        importer = Importer(
            **_options(request, data), file_name=pending["name"], file_format=pending["format"]
        )
        report = importer.run(parse_text(path.read_text(encoding="utf-8"), pending["format"]))
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("bibliography_import")
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
    messages.success(request, f"{pending['name']} : {report.summary()}")
    return redirect(reverse("bibliography_import_batch", args=[importer.import_batch.pk]))
