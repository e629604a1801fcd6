"""Admin views of the import batches: the list, one import's report, and undoing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.permissions import policy_registry

from core.permissions import is_delegate

from .importer.report import STATUS_LABELS
from .importer.undo import UndoRefused, blocking_entries, undo_import
from .models import ImportBatch, Reference

PER_PAGE = 50


def visible_batches(user):
    """The delegation and superusers see every import, editors their own."""
    if not policy_registry.get_by_type(Reference).user_has_permission(user, "add"):
        raise PermissionDenied
    batches = ImportBatch.objects.select_related("user", "organisation", "undone_by")
    if user.is_superuser or is_delegate(user):
        return batches
    return batches.filter(user=user)


def batch_list_view(request):
    page = Paginator(visible_batches(request.user), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "bibliography/admin/import_batches.html", {"page": page, "batches": page}
    )


def batch_detail_view(request, pk: int):
    batch = get_object_or_404(visible_batches(request.user), pk=pk)
    if request.method == "POST":
        try:
            result = undo_import(batch, request.user)
        except UndoRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"Import « {batch.file_name} » annulé : {result.deleted} notice(s) supprimée(s), "
                f"{result.restored} notice(s) remise(s) dans leur état précédent.",
            )
        return redirect(reverse("bibliography_import_batch", args=[batch.pk]))
    edited, forbidden = ([], []) if batch.undone_at else blocking_entries(batch, request.user)
    rows = [{**row, "status_label": STATUS_LABELS.get(row["status"], "")} for row in batch.report]
    return TemplateResponse(
        request,
        "bibliography/admin/import_batch.html",
        {
            "batch": batch,
            "rows": rows,
            "edited": edited,
            "forbidden": forbidden,
            "can_undo": batch.undone_at is None and not edited and not forbidden,
        },
    )
