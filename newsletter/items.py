"""An issue's groups as readers see them, for the e-mail, the public page and the API alike.

Pages that are no longer live or public by the time the issue is read or sent are left out,
and so are groups left empty; links are absolute (`PUBLIC_BASE_URL`), since an e-mail has no
base address. A subscriber who chose themes gets the items of those themes, plus the items
that have none (`for_themes`). The lines of detail are written in French, the newsletter's
language, whatever the request's (an editor's admin in English, an API client's), with the
public pages' dates (`core/dates.py`: « samedi 1er octobre 2016 », unbroken).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from core.dates import long_date


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    kind: str
    date: datetime.date | None
    summary: str
    detail: str
    theme_ids: frozenset[int]


@dataclass(frozen=True)
class Group:
    kind: str
    title: str
    items: tuple[Item, ...]


def absolute_url(url: str) -> str:
    """A site-relative URL made absolute with the public address; absolute ones kept."""
    return settings.PUBLIC_BASE_URL + url if url.startswith("/") else url


def page_url(page: Page) -> str:
    _site_id, _root, path = page.get_url_parts() or (None, None, "")
    return absolute_url(path or "/")


def _event_detail(event) -> str:
    if event.is_cancelled:
        when = _("annulé")
    elif event.is_multi_day:
        when = _("du %(start)s au %(end)s") % {
            "start": long_date(event.date, "j F"),
            "end": long_date(event.end_date, "j F Y"),
        }
    else:
        when = long_date(event.date, "l j F Y")
    return ", ".join(part for part in [when, event.place] if part)


def _page_detail(page) -> str:
    """One line under the title that says what is new or when: events, bibliographies, PDFs."""
    label = page._meta.label
    if label == "publications.EventPage":
        return _event_detail(page)
    if label == "bibliography.ThematicBibliographyPage":
        count = len(page.whats_new())
        if count:
            return ngettext("%(count)d nouvelle notice", "%(count)d nouvelles notices", count) % {
                "count": count
            }
        return ""
    if label == "experiences.PracticeSheetPage":
        return page.commune or ""
    return getattr(page, "pdf_label", "") or ""


def page_item(page, kind: str) -> Item:
    return Item(
        title=page.title,
        url=page_url(page),
        kind=kind,
        date=getattr(page, "date", None),
        summary=getattr(page, "summary", "") or "",
        detail=_page_detail(page),
        theme_ids=frozenset(theme.pk for theme in page.themes.all())
        if hasattr(page, "themes")
        else frozenset(),
    )


def press_item(press) -> Item:
    return Item(
        title=press.title,
        url=press.url,
        kind="veille",
        date=press.date,
        summary=press.summary,
        detail=f"{press.source}, {long_date(press.date)}",
        theme_ids=frozenset(theme.pk for theme in press.themes.all()),
    )


# What `page_item` reads of a page besides its own columns, fetched for all the pages of one
# type at once: themes (`theme_ids`), the PDF of notes and points de vue (`pdf_label`).
PAGE_RELATIONS = ("themes", "pdf")


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _live_pages(ids: Iterable[int]) -> dict[int, Page]:
    """The live public pages among `ids`, specific, with `PAGE_RELATIONS` prefetched: one
    query per type and relation, however many items (an editor may pick any page type)."""
    pages = Page.objects.filter(pk__in=set(ids)).live().public().specific().in_bulk()
    by_model = defaultdict(list)
    for page in pages.values():
        by_model[type(page)].append(page)
    for model, same_type in by_model.items():
        lookups = [name for name in PAGE_RELATIONS if _has_field(model, name)]
        prefetch_related_objects(same_type, *lookups)
    return pages


def resolve_groups(content) -> list[Group]:
    """The groups of a StreamField value, in the editor's order, readable ones only."""
    with translation.override("fr"):
        return _resolve_groups(content)


def _resolve_groups(content) -> list[Group]:
    page_ids = [
        page.pk
        for block in content
        if block.block_type == "pages"
        for page in block.value["pages"]
        if page is not None
    ]
    pages = _live_pages(page_ids)
    press = [
        item
        for block in content
        if block.block_type == "press"
        for item in block.value["items"]
        if item is not None
    ]
    prefetch_related_objects(press, "themes")
    groups = []
    for block in content:
        if block.block_type == "pages":
            items = [
                page_item(pages[page.pk], block.value["kind"])
                for page in block.value["pages"]
                if page is not None and page.pk in pages
            ]
            kind = block.value["kind"]
        else:
            items = [press_item(press) for press in block.value["items"] if press is not None]
            kind = "veille"
        if items:
            groups.append(Group(kind=kind, title=block.value["title"], items=tuple(items)))
    return groups


def for_themes(groups: list[Group], theme_ids: set[int]) -> list[Group]:
    """What a subscriber of `theme_ids` receives (everything when they chose no theme)."""
    if not theme_ids:
        return groups
    kept = []
    for group in groups:
        items = tuple(i for i in group.items if not i.theme_ids or i.theme_ids & theme_ids)
        if items:
            kept.append(Group(kind=group.kind, title=group.title, items=items))
    return kept
