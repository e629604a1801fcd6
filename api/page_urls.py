"""Pages' public URLs for API listings, at the cost of a string join per page.

`Page.get_full_url(request)` activates the page's language and reverses Wagtail's serving
view for every page: a tenth of a typed listing's time. Within one request both only depend
on the site and the language, so `full_url` reverses the serving view once per language and
request, with the page path left empty, and appends each page's path to it, quoted as
`reverse` quotes it. Any page the shortcut cannot vouch for goes to Wagtail: a model with its
own routing, a page of several sites or of none, a path that the serving view would not match,
or `WAGTAIL_APPEND_SLASH = False`.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.models import pages as wagtail_pages

# The path part of Wagtail's `wagtail_serve` URL pattern.
SERVE_PATH = re.compile(r"(?:[\w\-]+/)*")
REVERSE_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what `reverse` leaves unquoted


def full_url(page: Page, request=None) -> str | None:
    """`page.get_full_url(request)`, the same string, or None when the page is not routable."""
    if not _shortcut_applies(page):
        return _wagtail_full_url(page, request)
    sites = page._get_relevant_site_root_paths(request)
    if len({site[0] for site in sites}) != 1:
        return _wagtail_full_url(page, request)
    _site_id, root_path, root_url, language_code = sites[0]
    path = page.url_path[len(root_path) :]
    if not SERVE_PATH.fullmatch(path):
        return _wagtail_full_url(page, request)
    prefix = _serve_prefix(request, language_code)
    if prefix is None:
        return None
    return root_url + prefix + quote(path, safe=REVERSE_SAFE)


def _shortcut_applies(page: Page) -> bool:
    # Wagtail reads WAGTAIL_APPEND_SLASH once, into the module that builds the URLs.
    return type(page).get_url_parts is Page.get_url_parts and wagtail_pages.WAGTAIL_APPEND_SLASH


def _wagtail_full_url(page: Page, request) -> str | None:
    try:
        return page.get_full_url(request)
    except NoReverseMatch:
        return None


def _serve_prefix(request, language_code: str) -> str | None:
    """The serving view's URL for an empty page path, as `Page.get_url_parts` reverses it for
    a page in `language_code`; kept on the request (the script prefix and the active
    language are the request's)."""
    if request is None:
        return _reverse_serve_prefix(language_code)
    prefixes = request.__dict__.setdefault("_reci_serve_prefixes", {})
    if language_code not in prefixes:
        prefixes[language_code] = _reverse_serve_prefix(language_code)
    return prefixes[language_code]


def _reverse_serve_prefix(language_code: str) -> str | None:
    try:
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return reverse("wagtail_serve", args=("",))
        active = translation.get_language()
        try:
            if get_supported_content_language_variant(active) == language_code:
                language_code = active  # as Wagtail: a variant of the page's language
        except LookupError:
            pass
        with translation.override(language_code):
            return reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return None
