"""Serializer plumbing that keeps the per-request cost of the API down.

Wagtail builds a new serializer class for every request (`_get_serializer_class`), and DRF
introspects the model again for every serializer instance (`ModelSerializer.get_fields`):
together they cost more than serializing a page of results. Both only depend on the endpoint,
the model and the `?fields=` parameter, so they are built once and reused:

- `MemoisedSerializerClassMixin` (every endpoint, through `ReciAPIRouter`) keeps the serializer
  classes by (endpoint, model, fields, detail or listing, nested);
- `CachedFieldsMixin` (`core/serializers.py`, as the summary serializers of the page mixins'
  API fields use it) keeps, on each serializer class, the fields DRF built for its first
  instance and gives each later instance a deep copy (what DRF itself does with declared
  fields), since binding a field to its serializer changes it.

Neither depends on the request: the serializers read the request from their context only.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver

from .page_urls import full_url

SERIALIZER_CLASS_CACHE_SIZE = 512


def freeze_fields_config(fields_config) -> tuple:
    """`parse_fields_parameter`'s nested lists as nested tuples, usable as a cache key."""
    return tuple(
        (name, negated, freeze_fields_config(sub_fields) if sub_fields else None)
        for name, negated, sub_fields in fields_config
    )


@lru_cache(maxsize=SERIALIZER_CLASS_CACHE_SIZE)
def _serializer_class(endpoint, router, model, fields_config, show_details, nested):
    parent = super(MemoisedSerializerClassMixin, endpoint)
    return parent._get_serializer_class(
        router, model, fields_config, show_details=show_details, nested=nested
    )


class MemoisedSerializerClassMixin:
    """Reuse the serializer class Wagtail builds for an endpoint, model and `?fields=`.

    An invalid `?fields=` raises `BadRequestError` every time (exceptions are not cached).
    The cache is bounded: `?fields=` is chosen by the client.
    """

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        return _serializer_class(
            cls, router, model, freeze_fields_config(fields_config), show_details, nested
        )


@receiver(setting_changed)
def _forget_serializer_classes(**kwargs) -> None:
    # Default fields depend on settings (WAGTAIL_I18N_ENABLED adds `locale`).
    _serializer_class.cache_clear()


def page_full_url(page, request) -> str | None:
    """`page.get_full_url(request)`, kept on the page: `html_url` and the fields that quote the
    page's URL (a citation) need it; `api.page_urls.full_url` builds it once per request and
    language rather than once per page."""
    if "_api_full_url" not in page.__dict__:
        page._api_full_url = full_url(page, request)
    return page._api_full_url
