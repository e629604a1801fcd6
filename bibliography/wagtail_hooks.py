from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .bulk_actions import ExportBulkAction
from .views import import_confirm_view, import_view
from .viewsets import ReferenceViewSet

register_snippet(ReferenceViewSet)
hooks.register("register_bulk_action", ExportBulkAction)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("notices/importer/", import_view, name="bibliography_import"),
        path(
            "notices/importer/confirmer/", import_confirm_view, name="bibliography_import_confirm"
        ),
    ]
