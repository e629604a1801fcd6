"""`/api/v2/pages/`: Wagtail's pages endpoint with the content filters, prefetching and memos.

Registered by the API itself (`api/api_endpoints.py`); like every endpoint, it gets the
router's parameter validation (`api/router.py`).
"""

from django.http import Http404
from taggit.managers import _TaggableManager
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import DetailUrlField, PageHtmlUrlField, PageSerializer, TagsField
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from core.prefetched import PrefetchedAttributeMixin
from core.rich_text import RichTextAPIField
from core.serializers import CachedFieldsMixin

from .content_version import VersionedMemo
from .filters import (
    ContentFilter,
    ContentOrderingFilter,
    KnownLocaleFilter,
    ReservedAwareFieldsFilter,
    SectionFilter,
)
from .prefetch import attach_api_rows, prefetch_for_api
from .serializers import page_full_url

BASE_QUERYSETS = VersionedMemo()


class PrefetchedTagsField(PrefetchedAttributeMixin, TagsField):
    """Wagtail's tags field, sorted in Python so that prefetched tags are used as they are:
    the list `prefetch_for_api` or `attach_api_rows` leaves on the page, else the manager's
    (prefetched) tags."""

    def to_representation(self, value):
        return sorted(tag.name for tag in (value if isinstance(value, list) else value.all()))


class RequestAwareHtmlUrlField(PageHtmlUrlField):
    """Wagtail's `html_url`, with the request (see `page_full_url`)."""

    def to_representation(self, page):
        return page_full_url(page, self.context.get("request"))


class TemplatedDetailUrlField(DetailUrlField):
    """Wagtail's `detail_url`, reversed once per request and type instead of once per item."""

    placeholder = 918273645

    def get_attribute(self, instance):
        templates = self.context.setdefault("_detail_url_templates", {})
        model = type(instance)
        if model not in templates:
            url = get_object_detail_url(
                self.context["router"], self.context["request"], model, self.placeholder
            )
            templates[model] = url.split(f"/{self.placeholder}/") if url else None
        template = templates[model]
        if template is None or len(template) != 2:
            return super().get_attribute(instance)
        return f"{template[0]}/{instance.pk}/{template[1]}"


class ContentPageSerializer(CachedFieldsMixin, PageSerializer):
    html_url = RequestAwareHtmlUrlField(read_only=True)
    detail_url = TemplatedDetailUrlField(read_only=True)
    # Every RichTextField of every page type: cleaned, in the request's `?rich_text_format=`.
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        RichTextField: RichTextAPIField,
    }

    def build_property_field(self, field_name, model_class):
        if isinstance(getattr(model_class, field_name), _TaggableManager):
            return PrefetchedTagsField, {}
        return super().build_property_field(field_name, model_class)


class ContentPagesAPIViewSet(PagesAPIViewSet):
    """`/api/v2/pages/`: Wagtail's pages endpoint with the content filters of `api_filters`.

    (The first line is the endpoint's summary in the OpenAPI document: kept as published.)
    """

    base_serializer_class = ContentPageSerializer

    filter_backends = [
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        SectionFilter,
        ContentFilter,
        ContentOrderingFilter,
        TranslationOfFilter,
        KnownLocaleFilter,
        ReservedAwareFieldsFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["themes", "tag", "organisation", "year", "date_from", "date_to", "section"]
    )

    @classmethod
    def openapi_parameters(cls) -> list[dict]:
        """The parameters this endpoint adds, for the OpenAPI document (api/schema.py)."""
        text = {"type": "string"}
        page_id = {"type": "integer", "minimum": 1}
        documented = [
            ("type", text, "Page type(s), `app_label.ModelName`, comma-separated."),
            ("child_of", {"anyOf": [page_id, {"const": "root"}]}, "Children of a page."),
            ("ancestor_of", page_id, "Ancestors of a page."),
            ("descendant_of", {"anyOf": [page_id, {"const": "root"}]}, "Below a page."),
            ("translation_of", page_id, "Translations of a page."),
            ("locale", text, "Language code (`fr`, `en`); unknown: 400."),
            ("site", text, "Host name (and `:port`) of the site; unknown: 400."),
            ("section", text, "Pages below a section, by id or slug; unknown: 400."),
            ("themes", text, "Theme slugs, comma-separated, any of; unknown slug: 400."),
            ("organisation", text, "Acronym(s) of member structures, any of; unknown: 400."),
            ("tag", text, "A free tag; types without tags never match."),
            ("year", {"type": "integer", "minimum": 1900, "maximum": 2100}, "Year of `date`."),
            ("date_from", {"type": "string", "format": "date"}, "`date` on or after."),
            ("date_to", {"type": "string", "format": "date"}, "`date` on or before."),
        ]
        parameters = [
            {"name": n, "in": "query", "required": False, "schema": s, "description": d}
            for n, s, d in documented
        ]
        parameters.append(
            {
                "name": "order",
                "in": "query",
                "required": False,
                "schema": text,
                "description": "`date`, `-date` (any content type, undated pages last), "
                "`title`, `-title`, other fields of the type, or `random`.",
            }
        )
        return parameters

    def get_queryset(self):
        # Wagtail asks for the queryset (and the base queryset, which reads the view
        # restrictions and the site) several times per request; the view lives for one request.
        if "_queryset" not in self.__dict__:
            self._queryset = self._build_queryset()
        return self._queryset

    def _build_queryset(self):
        # Each item's `locale` would otherwise cost one query per item; a typed listing
        # also fetches its API fields' relations up front (api/prefetch.py).
        model = self._single_type()
        queryset = super().get_queryset() if model is None else self._build_base_queryset(model)
        queryset = queryset.select_related("locale")
        if queryset.model is not Page:
            queryset = prefetch_for_api(queryset, self._content_version())
        return queryset

    def paginate_queryset(self, queryset):
        """The page of results, with the rows `prefetch_for_api` leaves to `attach_api_rows`."""
        page = super().paginate_queryset(queryset)
        if page is None or self.get_queryset().model is Page:
            return page
        return attach_api_rows(list(page), self._content_version())

    def _single_type(self) -> type[Page] | None:
        """The page model `?type=` names when it names one, as Wagtail reads it.

        Wagtail lists one type as `Model.objects.filter(pk__in=<public pages>)`: SQLite then
        scans every page of the site, sorts the matches and counts them the same way. The
        same filters (live, outside private sections, below the site's root or one of its
        translations) set on the type's own queryset walk the page tree's path index instead
        and stop after the page asked for: a typed listing's two queries take a third of the
        time.
        """
        types = self.request.GET.get("type")
        if self.model is not Page or not types:
            return None
        try:
            models = page_models_from_string(types)
        except (LookupError, ValueError) as exc:
            raise BadRequestError("type doesn't exist") from exc
        return models[0] if len(models) == 1 else None

    def get_object(self):
        """The specific page, its API fields' relations fetched with it (as in listings)
        rather than one query per relation."""
        if "_specific_object" not in self.__dict__:
            page = BaseAPIViewSet.get_object(self)  # Wagtail's own adds a `.specific` query
            model = page.specific_class
            if model is None or model is Page:
                self._specific_object = page.specific
            else:
                queryset = model._default_manager.filter(pk=page.pk).select_related("locale")
                page = prefetch_for_api(queryset, self._content_version()).get()
                self._specific_object = attach_api_rows([page], self._content_version())[0]
        return self._specific_object

    def _content_version(self) -> str | None:
        """The version the per-version memos may use: only for anonymous requests, which all
        get the same answer (`api.cache.make_anonymous`)."""
        request = self.request
        version = getattr(request, "api_content_version", None)
        if version is None or request.user.is_authenticated or request.session.keys():
            return None
        return version

    def get_base_queryset(self):
        if "_base_queryset" not in self.__dict__:
            self._base_queryset = self._build_base_queryset()
        return self._base_queryset

    def _build_base_queryset(self, model: type[Page] = Page):
        """Wagtail's public pages (of `model`) of the request's site; its two queries (view
        restrictions, site) are run once per content version and host, as an anonymous
        request (all the API serves: `api.cache.make_anonymous`) always gets the same
        answer."""
        request = self.request
        version = self._content_version()
        if version is None:
            return self._public_pages(model)
        key = (request._get_raw_host(), request.get_port(), request.GET.get("site"), model)
        site, queryset = BASE_QUERYSETS.get(
            version, key, lambda: (Site.find_for_request(request), self._public_pages(model))
        )
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site  # Wagtail's own per-request cache of the site
        return queryset.all()  # a copy: the memo's queryset is never evaluated

    def _public_pages(self, model: type[Page] = Page):
        """`PagesAPIViewSet.get_base_queryset`, for any page model."""
        try:
            return get_public_pages_queryset(self.request, model=model)
        except ValueError as exc:
            raise BadRequestError(str(exc)) from exc
        except Http404 as exc:
            # Wagtail answers an unknown `?site=` with a 404, as if the endpoint were missing.
            raise BadRequestError(f"unknown site '{self.request.GET.get('site')}'") from exc
