"""Compact representations of shared objects, embedded in other API responses."""

import copy
import datetime

from django.utils import timezone
from rest_framework import serializers

from .models import Organisation, Person, Theme
from .prefetched import PrefetchedListSerializer


class CachedFieldsMixin:
    """Build a serializer class's fields once; later instances get fresh copies."""

    def get_fields(self):
        cls = type(self)
        template = cls.__dict__.get("_cached_fields_template")
        if template is None:
            template = super().get_fields()
            cls._cached_fields_template = template
        return copy.deepcopy(template)


class ThemeSummarySerializer(CachedFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "slug", "name"]
        list_serializer_class = PrefetchedListSerializer


class OrganisationSummarySerializer(CachedFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "acronym", "name"]
        list_serializer_class = PrefetchedListSerializer


class PersonSummarySerializer(CachedFieldsMixin, serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "first_name", "last_name", "full_name", "role", "organisation"]


def page_summary(page) -> dict:
    """What a listing needs to show a page: used by the home page's featured and latest items."""
    specific = page.specific
    date = getattr(specific, "date", None) or page.first_published_at
    if isinstance(date, datetime.datetime):
        date = timezone.localtime(date)
    return {
        "id": page.pk,
        "type": f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}",
        "type_label": str(page.specific_class._meta.verbose_name),
        "title": page.title,
        "url": page.get_url(),
        "date": date.isoformat() if date else None,
    }
