"""The public site's frame: navigation in the page's language, language switch and `hreflang`
links, breadcrumbs, dates written out. The public templates are the network's site until the
headless front end exists; the front end reads the same tree through the API."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core.dates import long_date

register = template.Library()

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


@dataclass(frozen=True)
class Translation:
    language: str
    name: str
    url: str


def page_language(context) -> str:
    """The language of the page shown, else the request's (`/en/…` addresses are English)."""
    page = context.get("page")
    if isinstance(page, Page):
        return page.locale.language_code
    return translation.get_language() or "fr"


@register.simple_tag(takes_context=True)
def site_language(context) -> str:
    return page_language(context)


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """The home page and its sections in the page's language (French when not translated)."""
    request: HttpRequest | None = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"home_url": "/", "sections": []}
    home = site.root_page
    language = page_language(context)
    if language != home.locale.language_code:
        locale = Locale.objects.filter(language_code=language).first()
        translated = home.get_translation_or_none(locale) if locale else None
        if translated is not None and translated.live:
            home = translated
    return {
        "home_url": home.get_url(request) or "/",
        "sections": list(home.get_children().live().public().in_menu()),
    }


@register.simple_tag(takes_context=True)
def page_translations(context) -> list[Translation]:
    """The page in every language it is published in, itself included, with absolute URLs
    for `<link rel="alternate" hreflang>` and the language switch."""
    page = context.get("page")
    request: HttpRequest | None = context.get("request")
    if not isinstance(page, Page):
        return context.get("view_translations", [])  # a view in every language (the search)
    if request is None or not page.live:
        return []
    pages = [page, *page.get_translations().live().public().select_related("locale")]
    found = []
    for item in pages:
        url = item.get_url(request)
        if url:
            language = item.locale.language_code
            name = LANGUAGE_NAMES.get(language, language)
            found.append(Translation(language, name, request.build_absolute_uri(url)))
    return found if len(found) > 1 else []


def view_translations(request: HttpRequest) -> list[Translation]:
    """A view served in every language (`i18n_patterns`: `/recherche/`, `/en/recherche/`), at
    the same address in each, its query string kept: for the language switch and `hreflang`."""
    path = request.get_full_path()
    return [
        Translation(
            code,
            LANGUAGE_NAMES.get(code, name),
            request.build_absolute_uri(translate_url(path, code)),
        )
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag
def breadcrumb_pages(page: Page) -> list[Page]:
    """From the home page down to the page's parent (nothing on the home page itself)."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).live())


# « 1er décembre 2016 », unbroken: core/dates.py, shared with the newsletter.
register.filter("long_date", long_date, expects_localtime=True)
