"""`{% alternate_links %}`: the feeds and calendars a page announces in its `<head>`, and
`{% event_calendar_url page %}` for « Ajouter à mon agenda »."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from wagtail.models import Page

from bibliography.models import ThematicBibliographyPage
from core.models import Theme
from core.pages import SectionIndexPage
from home.models import HomePage
from publications.models import EventIndexPage, NewsIndexPage, PressItem

from ..kinds import all_kinds, kind_of

register = template.Library()

FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


@dataclass(frozen=True)
class AlternateLink:
    href: str
    type: str
    title: str


def feed_links(url_name: str, title: str, **kwargs) -> list[AlternateLink]:
    return [
        AlternateLink(
            reverse(f"{url_name}-{fmt}", kwargs=kwargs), content_type, f"{title} ({fmt.upper()})"
        )
        for fmt, content_type in FEED_TYPES.items()
    ]


def page_alternate_links(page: Page, query: dict) -> list[AlternateLink]:
    """What `page` announces: the general feed on the home page, the feeds of its content
    types (and of the theme it is filtered by) on a section, a bibliography's novelties."""
    links: list[AlternateLink] = []
    if isinstance(page, HomePage):
        links += feed_links("feed", "Réseau RECI : toutes les publications")
    elif isinstance(page, SectionIndexPage):
        models = list(page.specific_class.allowed_subpage_models())
        if isinstance(page, NewsIndexPage):
            models.append(PressItem)
        for model in models:
            kind = kind_of(model)
            if kind:
                label = all_kinds()[kind]._meta.verbose_name_plural
                links += feed_links("feed-kind", f"Réseau RECI : {label}", slug=kind)
        theme_slug = query.get("theme")
        theme = Theme.objects.filter(slug=theme_slug).first() if theme_slug else None
        if theme:
            links += feed_links("feed-theme", f"Réseau RECI : {theme.name}", slug=theme.slug)
        if isinstance(page, EventIndexPage):
            links.append(
                AlternateLink(
                    reverse("calendar-upcoming"), "text/calendar", "Agenda du Réseau RECI"
                )
            )
    elif isinstance(page, ThematicBibliographyPage):
        title = f"Réseau RECI : nouveautés de la bibliographie « {page.title} »"
        links += feed_links("feed-bibliography", title, pk=page.pk)
    return links


@register.inclusion_tag("syndication/alternate_links.html", takes_context=True)
def alternate_links(context) -> dict:
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return {"links": []}
    return {"links": page_alternate_links(page, request.GET)}


@register.simple_tag
def event_calendar_url(page: Page) -> str:
    return reverse("calendar-event", kwargs={"pk": page.pk})
