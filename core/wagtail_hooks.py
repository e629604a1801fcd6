from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import conflicts
from .viewsets import NetworkViewSetGroup

register_snippet(NetworkViewSetGroup)


@hooks.register("after_edit_page")
def warn_of_concurrent_edit(request, page) -> None:
    conflicts.warn_of_concurrent_edit(request, page)


@hooks.register("insert_global_admin_js")
def admin_accessible_names() -> str:
    """Names for the editing widgets Wagtail leaves unnamed (core/static/core/admin/)."""
    return format_html('<script src="{}" defer></script>', static("core/admin/accessible_names.js"))
