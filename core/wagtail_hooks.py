from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import conflicts, page_cache
from .viewsets import NetworkViewSetGroup

register_snippet(NetworkViewSetGroup)


@hooks.register("after_edit_page")
def warn_of_concurrent_edit(request, page) -> None:
    conflicts.warn_of_concurrent_edit(request, page)


hooks.register("on_serve_page", page_cache.mark_cacheable)
