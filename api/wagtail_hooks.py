from wagtail import hooks

from . import page_cache

hooks.register("on_serve_page", page_cache.mark_cacheable)
