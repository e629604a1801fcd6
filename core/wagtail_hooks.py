from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import conflicts
from .viewsets import NetworkViewSetGroup

register_snippet(NetworkViewSetGroup)


@hooks.register("after_edit_page")
def warn_of_concurrent_edit(request, page) -> None:
    conflicts.warn_of_concurrent_edit(request, page)
