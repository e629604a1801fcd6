"""RSS 2.0 and Atom feeds of the public content: everything, per content type, per theme, per
member structure, and the « nouveautés » of a thematic bibliography.

Each feed exists in both formats: the Atom class is the RSS class with another generator.
Only live, public (not view-restricted) pages of the default language are listed. Unknown
themes, structures, types or bibliographies are a 404; invalid query parameters a 400.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from wagtail.models import Locale, Page

from bibliography.models import Reference, ThematicBibliographyPage
from core.models import Organisation, Theme
from publications.models import PressItem

from .kinds import PAGE_KINDS, all_kinds, restricted

SITE_NAME = "Réseau RECI"
DEFAULT_LIMIT = 30
MAX_LIMIT = 100


class FeedQueryForm(forms.Form):
    """The optional query parameters of the content feeds: `?limit=`, and `?theme=`,
    `?structure=`, `?type=` to narrow a feed further (`/flux/notes/rss/?theme=laicite`)."""

    limit = forms.IntegerField(min_value=1, max_value=MAX_LIMIT, required=False)
    theme = forms.SlugField(required=False)
    structure = forms.CharField(max_length=30, required=False)
    type = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(kind, kind) for kind in all_kinds()]

    def clean_theme(self) -> Theme | None:
        slug = self.cleaned_data["theme"]
        if not slug:
            return None
        try:
            return Theme.objects.get(slug=slug)
        except Theme.DoesNotExist:
            raise forms.ValidationError("Thème inconnu.") from None

    def clean_structure(self) -> Organisation | None:
        acronym = self.cleaned_data["structure"]
        if not acronym:
            return None
        try:
            return Organisation.objects.get(acronym__iexact=acronym)
        except Organisation.DoesNotExist:
            raise forms.ValidationError("Structure inconnue.") from None


def parse_query(request: HttpRequest) -> dict:
    form = FeedQueryForm(request.GET)
    if not form.is_valid():
        errors = "; ".join(f"{name} : {' '.join(e)}" for name, e in form.errors.items())
        raise BadRequest(f"Paramètres invalides ({errors}).")
    return form.cleaned_data


@dataclass
class FeedScope:
    """What a content feed lists, and how it presents itself."""

    title: str
    description: str
    link: str
    kinds: list[str] = field(default_factory=lambda: list(PAGE_KINDS))
    theme: Theme | None = None
    organisation: Organisation | None = None
    limit: int = DEFAULT_LIMIT

    def narrowed(self, query: dict) -> "FeedScope":
        """The scope narrowed by the query parameters (already validated)."""
        if query.get("type"):
            self.kinds = [kind for kind in self.kinds if kind == query["type"]]
        self.theme = self.theme or query.get("theme")
        self.organisation = self.organisation or query.get("structure")
        self.limit = query.get("limit") or self.limit
        return self


def paris_datetime(date: datetime.date) -> datetime.datetime:
    """A content date as a moment: midnight, Paris time."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def scoped_items(scope: FeedScope) -> list[Model]:
    """The newest items of the scope's content types, newest first, at most `scope.limit`."""
    locale = Locale.get_default()
    items: list[Model] = []
    kinds = all_kinds()
    for kind in scope.kinds:
        model = kinds[kind]
        if issubclass(model, Page):
            queryset = restricted(kind, model.objects.live().public().filter(locale=locale))
        else:
            queryset = model.objects.all()
        if scope.theme:
            queryset = queryset.filter(themes=scope.theme)
        if scope.organisation:
            queryset = queryset.filter(organisations=scope.organisation)
        if hasattr(model, "pdf"):
            queryset = queryset.select_related("pdf")
        queryset = queryset.prefetch_related("themes").order_by("-date", "-pk")
        items.extend(queryset[: scope.limit])
    items.sort(key=lambda item: (item.date, item.pk), reverse=True)
    return items[: scope.limit]


def document_size(document) -> int:
    """The file's size without writing it to the database (a feed is read, never a write)."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except OSError:
        return 0


class RequestFeed(Feed):
    """A feed built by a fresh instance for each request, which it keeps: absolute URLs of
    pages, documents and notices need it, and a shared instance must hold no request."""

    feed_type = Rss201rev2Feed
    language = "fr"

    @classmethod
    def as_view(cls, **attributes):
        def view(request: HttpRequest, *args, **kwargs):
            feed = cls()
            feed.__dict__.update(attributes)
            feed.request = request
            return feed(request, *args, **kwargs)

        return view


class ContentFeed(RequestFeed):
    """The network's content, as RSS 2.0; `url_kind` says which scope the URL names."""

    url_kind = "all"

    def get_object(self, request: HttpRequest, slug: str | None = None) -> FeedScope:
        query = parse_query(request)
        home = "/"
        if self.url_kind == "kind":
            kinds = all_kinds()
            if slug not in kinds:
                raise Http404("Type de contenu inconnu.")
            label = kinds[slug]._meta.verbose_name_plural
            scope = FeedScope(
                title=f"{SITE_NAME} : {label}",
                description=f"Les derniers contenus publiés par le {SITE_NAME} : {label}.",
                link=home,
                kinds=[slug],
            )
        elif self.url_kind == "theme":
            theme = get_object_or_404(Theme, slug=slug)
            scope = FeedScope(
                title=f"{SITE_NAME} : thème « {theme.name} »",
                description=f"Les derniers contenus du {SITE_NAME} sur le thème « {theme.name} ».",
                link=home,
                theme=theme,
            )
        elif self.url_kind == "organisation":
            organisation = get_object_or_404(Organisation, acronym__iexact=slug)
            scope = FeedScope(
                title=f"{SITE_NAME} : {organisation.acronym}",
                description=(
                    f"Les derniers contenus du {SITE_NAME} portés par {organisation.name} "
                    f"({organisation.acronym})."
                ),
                link=home,
                organisation=organisation,
            )
        else:
            scope = FeedScope(
                title=SITE_NAME,
                description=(
                    "Les dernières publications du Réseau Ressources pour l'Égalité des Chances "
                    "et l'Intégration : notes, points de vue, outils, actualités, événements."
                ),
                link=home,
            )
        return scope.narrowed(query)

    def title(self, scope: FeedScope) -> str:
        return scope.title

    def description(self, scope: FeedScope) -> str:
        return scope.description

    subtitle = description

    def link(self, scope: FeedScope) -> str:
        return scope.link

    def items(self, scope: FeedScope) -> list[Model]:
        return scoped_items(scope)

    def item_title(self, item: Model) -> str:
        return item.title

    def item_link(self, item: Model) -> str:
        if isinstance(item, PressItem):
            return item.url
        return item.get_full_url(self.request) or item.url

    def item_guid(self, item: Model) -> str:
        if isinstance(item, PressItem):
            return self.request.build_absolute_uri(f"/api/v2/press/{item.pk}/")
        return self.item_link(item)

    def item_guid_is_permalink(self, item: Model) -> bool:
        return not isinstance(item, PressItem)

    def item_description(self, item: Model) -> str:
        return item.summary

    def item_pubdate(self, item: Model) -> datetime.datetime:
        return paris_datetime(item.date)

    def item_updateddate(self, item: Model) -> datetime.datetime:
        return getattr(item, "last_published_at", None) or paris_datetime(item.date)

    def item_categories(self, item: Model) -> list[str]:
        return [theme.name for theme in item.themes.all()]

    def item_enclosures(self, item: Model) -> list[Enclosure]:
        document = getattr(item, "pdf", None)
        if document is None:
            return []
        return [
            Enclosure(
                url=self.request.build_absolute_uri(document.url),
                length=str(document_size(document)),
                mime_type="application/pdf",
            )
        ]


class ContentAtomFeed(ContentFeed):
    feed_type = Atom1Feed


class BibliographyFeed(RequestFeed):
    """« Nouveautés » of a thematic bibliography: its notices, newest entered first."""

    def get_object(self, request: HttpRequest, pk: int) -> ThematicBibliographyPage:
        query = parse_query(request)
        self.limit = query.get("limit") or DEFAULT_LIMIT
        self.page = get_object_or_404(ThematicBibliographyPage.objects.live().public(), pk=pk)
        return self.page

    def title(self, page: ThematicBibliographyPage) -> str:
        return f"{SITE_NAME} : nouveautés de la bibliographie « {page.title} »"

    def description(self, page: ThematicBibliographyPage) -> str:
        return (
            f"Les dernières notices ajoutées à la bibliographie thématique « {page.title} » "
            f"du {SITE_NAME}."
        )

    subtitle = description

    def link(self, page: ThematicBibliographyPage) -> str:
        return page.get_full_url(self.request)

    def items(self, page: ThematicBibliographyPage) -> list[Reference]:
        references = [reference for reference in page.all_references() if reference.live]
        references.sort(key=lambda reference: (reference.created_at, reference.pk), reverse=True)
        return references[: self.limit]

    def item_title(self, reference: Reference) -> str:
        return reference.full_title

    def item_link(self, reference: Reference) -> str:
        url = reference.get_public_url()
        if url:
            return self.request.build_absolute_uri(url)
        return reference.url or self.link(self.page)

    def item_guid(self, reference: Reference) -> str:
        return f"{self.request.build_absolute_uri('/api/v2/references/')}{reference.pk}/"

    item_guid_is_permalink = False

    def item_description(self, reference: Reference) -> str:
        return reference.abstract

    def item_pubdate(self, reference: Reference) -> datetime.datetime:
        return reference.created_at

    def item_updateddate(self, reference: Reference) -> datetime.datetime:
        return reference.updated_at

    def item_categories(self, reference: Reference) -> list[str]:
        return [theme.name for theme in reference.themes.all()]


class BibliographyAtomFeed(BibliographyFeed):
    feed_type = Atom1Feed
