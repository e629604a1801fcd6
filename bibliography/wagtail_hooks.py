from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from .bulk_actions import DeleteReferencesBulkAction, ExportBulkAction
from .import_views import batch_detail_view, batch_list_view
from .importer.history import IMPORT_UNDONE, IMPORTED, UPDATED_BY_IMPORT
from .models import Reference
from .views import import_confirm_view, import_view
from .viewsets import ReferenceViewSet

register_snippet(ReferenceViewSet)
hooks.register("register_bulk_action", ExportBulkAction)
# After Wagtail's own (order 0), which it replaces on the notices.
hooks.register("register_bulk_action", DeleteReferencesBulkAction, order=1)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("notices/importer/", import_view, name="bibliography_import"),
        path(
            "notices/importer/confirmer/", import_confirm_view, name="bibliography_import_confirm"
        ),
        path("notices/imports/", batch_list_view, name="bibliography_import_batches"),
        path("notices/imports/<int:pk>/", batch_detail_view, name="bibliography_import_batch"),
    ]


class ImportsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return policy_registry.get_by_type(Reference).user_has_permission(request.user, "add")


@hooks.register("register_admin_menu_item")
def register_imports_menu_item():
    return ImportsMenuItem(
        "Imports de notices",
        reverse("bibliography_import_batches"),
        name="notice-imports",
        icon_name="upload",
        order=251,
    )


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    @actions.register_action(IMPORTED)
    class Imported(LogFormatter):
        label = "Import depuis un fichier"

        def format_message(self, log_entry):
            data = log_entry.data
            return f"Importée depuis {data.get('file')} par {data.get('by')}"

    @actions.register_action(UPDATED_BY_IMPORT)
    class UpdatedByImport(LogFormatter):
        label = "Mise à jour par un import"

        def format_message(self, log_entry):
            data = log_entry.data
            return f"Mise à jour par l'import de {data.get('file')} par {data.get('by')}"

    @actions.register_action(IMPORT_UNDONE)
    class ImportUndone(LogFormatter):
        label = "Import annulé"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"Import de {data.get('file')} annulé : {data.get('deleted')} notice(s) "
                f"supprimée(s), {data.get('restored')} remise(s) dans leur état précédent"
            )
