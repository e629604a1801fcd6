"""Bulk actions on the notices listing: download the selection as RIS, BibTeX or CSL-JSON;
delete it, named for notices (Wagtail's says « Supprimer les fragments sélectionnés »)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .exports import export_response
from .forms import ExportForm
from .models import Reference


class ExportBulkAction(SnippetBulkAction):
    display_name = _("Exporter")
    action_type = "export"
    aria_label = _("Exporter les notices sélectionnées")
    template_name = "bibliography/admin/confirm_bulk_export.html"
    action_priority = 20
    form_class = ExportForm
    models = [Reference]

    def check_perm(self, obj) -> bool:
        return self.permission_policy.user_has_any_permission(
            self.request.user, ["add", "change", "delete", "view"]
        )

    @classmethod
    def get_queryset(cls, model, object_ids):
        return Reference.objects.filter(pk__in=object_ids).with_related()

    def prepare_action(self, objects, objects_without_access):
        fmt = self.cleaned_form.cleaned_data["format"]
        return export_response([o.to_csl() for o in objects], fmt, "notices")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return len(objects), 0


class DeleteReferencesBulkAction(DeleteBulkAction):
    """Wagtail's delete action for snippets, on the notices: the same, named for them."""

    aria_label = _("Supprimer les notices sélectionnées")
    models = [Reference]
