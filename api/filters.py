"""Filters of the pages endpoint that apply to every content type at once.

`?themes=`, `?tag=`, `?organisation=`, `?year=`, `?date_from=`, `?date_to=` rely on the
`core.pages.ContentPageMixin` contract; `?section=` and `?order=` work on any page. Without
`?type=`, the queryset holds base `Page` rows: each content model is filtered on its own table
and the matching ids are combined in one SQL query (`pk IN (…) OR pk IN (…)`).
"""

import datetime
from types import SimpleNamespace

from django.db.models import F, Q, QuerySet
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale, Page

from core.models import Organisation, Theme

from .content import content_date, content_models_within

CONTENT_PARAMETERS = ("themes", "tag", "organisation", "year", "date_from", "date_to")
YEAR_RANGE = (1900, 2100)


def _keep_child_of_marker(new: QuerySet, old: QuerySet) -> QuerySet:
    """Wagtail's filters store the `?child_of=` parent on the queryset; keep it."""
    marker = getattr(old, "_filtered_by_child_of", None)
    if marker is not None:
        new._filtered_by_child_of = marker
    return new


def parse_iso_date(name: str, value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise BadRequestError(f"{name} must be an ISO date (YYYY-MM-DD), got '{value}'") from exc


def parse_year(value: str) -> int:
    try:
        year = int(value)
    except ValueError as exc:
        raise BadRequestError(f"year must be a four-digit year, got '{value}'") from exc
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise BadRequestError(f"year must be between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}")
    return year


def parse_slug_list(name: str, value: str) -> list[str]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise BadRequestError(f"{name} needs at least one value")
    return items


class ReservedAwareFieldsFilter(FieldsFilter):
    """Wagtail's `?<field>=value` filters, leaving alone the parameters handled below.

    `themes` is both an API field and our slug filter: `?themes=laicite` must mean the slug.
    """

    def filter_queryset(self, request, queryset, view):
        reserved = [name for name in (*CONTENT_PARAMETERS, "section") if name in request.GET]
        if not reserved:
            return super().filter_queryset(request, queryset, view)
        remaining = request.GET.copy()
        for name in reserved:
            del remaining[name]
        return super().filter_queryset(SimpleNamespace(GET=remaining), queryset, view)


class ContentFilter(BaseFilterBackend):
    """Theme, tag, organisation and date filters on every `ContentPageMixin` page type.

    Unknown theme slugs or organisation acronyms are a 400 (a typo must not look like "no
    content"); tags are free words, so an unknown tag is simply an empty list.
    """

    def content_conditions(self, request) -> tuple[dict, list[Q], str | None]:
        """Parse the parameters once: (lookups, extra Q objects, tag)."""
        params = request.GET
        lookups: dict = {}
        conditions: list[Q] = []
        if "themes" in params:
            slugs = parse_slug_list("themes", params["themes"])
            known = set(Theme.objects.filter(slug__in=slugs).values_list("slug", flat=True))
            unknown = sorted(set(slugs) - known)
            if unknown:
                raise BadRequestError("unknown theme: " + ", ".join(unknown))
            conditions.append(Q(themes__slug__in=slugs))
        if "organisation" in params:
            acronyms = parse_slug_list("organisation", params["organisation"])
            by_acronym = {
                acronym.lower(): pk
                for acronym, pk in Organisation.objects.values_list("acronym", "pk")
            }
            unknown = sorted(a for a in acronyms if a.lower() not in by_acronym)
            if unknown:
                raise BadRequestError("unknown organisation: " + ", ".join(unknown))
            conditions.append(Q(organisations__in=[by_acronym[a.lower()] for a in acronyms]))
        if "year" in params:
            lookups["date__year"] = parse_year(params["year"])
        if "date_from" in params:
            lookups["date__gte"] = parse_iso_date("date_from", params["date_from"])
        if "date_to" in params:
            lookups["date__lte"] = parse_iso_date("date_to", params["date_to"])
        if lookups.get("date__gte", datetime.date.min) > lookups.get(
            "date__lte", datetime.date.max
        ):
            raise BadRequestError("date_from must not be after date_to")
        tag = None
        if "tag" in params:
            tag = params["tag"].strip()
            if not tag:
                raise BadRequestError("tag needs a value")
        return lookups, conditions, tag

    def filter_queryset(self, request, queryset, view):
        if not any(name in request.GET for name in CONTENT_PARAMETERS):
            return queryset
        lookups, conditions, tag = self.content_conditions(request)
        models = content_models_within(queryset.model)
        if queryset.model in models:
            # A single content type (`?type=`): filter its own table directly.
            models = [queryset.model]
        if not models and not issubclass(queryset.model, Page):
            raise BadRequestError("this endpoint has no theme, organisation or date filters")
        matching = Q(pk__in=[])
        for model in models:
            if tag is not None and not _has_tags(model):
                continue
            ids = model._default_manager.filter(*conditions, **lookups)
            if tag is not None:
                ids = ids.filter(tags__name__iexact=tag)
            matching |= Q(pk__in=ids.values("pk"))
        return _keep_child_of_marker(queryset.filter(matching), queryset)


def _has_tags(model) -> bool:
    try:
        model._meta.get_field("tags")
    except Exception:
        return False
    return True


class SectionFilter(BaseFilterBackend):
    """`?section=<id or slug>`: the live, public pages below a section (the section excluded)."""

    def filter_queryset(self, request, queryset, view):
        if "section" not in request.GET:
            return queryset
        value = request.GET["section"].strip()
        candidates = view.get_base_queryset()
        if value.isdigit():
            section = candidates.filter(pk=int(value)).first()
        else:
            if "locale" in request.GET:
                candidates = candidates.filter(locale__language_code=request.GET["locale"])
            section = candidates.filter(slug=value).order_by("path").first()
        if section is None:
            raise BadRequestError(f"section '{value}' does not exist")
        return _keep_child_of_marker(queryset.descendant_of(section), queryset)


class ContentOrderingFilter(OrderingFilter):
    """Wagtail's `?order=`, plus `date` on any page queryset (pages without a date come last)."""

    def filter_queryset(self, request, queryset, view):
        order_param = request.GET.get("order")
        if not order_param or "random" in order_param.split(","):
            return super().filter_queryset(request, queryset, view)
        allowed = set(view.get_available_fields(queryset.model, db_fields_only=True))
        expressions = []
        for item in order_param.split(","):
            descending = item.startswith("-")
            name = item.lstrip("-")
            if name == "date" and name not in allowed and issubclass(queryset.model, Page):
                queryset = queryset.annotate(_content_date=content_date(queryset.model))
                name = "_content_date"
            elif name not in allowed:
                raise BadRequestError(f"cannot order by '{item}' (unknown field)")
            field = F(name)
            expressions.append(
                field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
            )
        expressions.append(F("pk").asc())
        return queryset.order_by(*expressions)


class KnownLocaleFilter(BaseFilterBackend):
    """`?locale=fr` as Wagtail does, but an unknown language is a 400, not a 404."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        code = request.GET["locale"]
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            raise BadRequestError(f"unknown locale '{code}'")
        return _keep_child_of_marker(queryset.filter(locale=locale), queryset)
