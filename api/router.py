"""The router that hardens every endpoint of `/api/v2/`, whichever app declares it.

`ReciAPIRouter.register_endpoint` mixes `StrictParametersMixin` into each endpoint class it is
given, so an endpoint an app declares (`api/registry.py`) gets the same parameter validation
(400 with `{"message": ...}`, never a 500) and JSON rendering without doing anything.
"""

import logging

from django.core.exceptions import FieldError, ValidationError
from django.db import DataError
from django.utils import translation
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError

from .limits import INTEGER_MAX, INTEGER_MIN, parameter_problem
from .serializers import MemoisedSerializerClassMixin

logger = logging.getLogger(__name__)

MAX_OFFSET = 100_000
NUMERIC_PARAMETERS = ("limit", "offset")


class CompactJSONRenderer(JSONRenderer):
    """JSON without indentation, whatever the `Accept` header or Wagtail's context asks.

    Wagtail asks for `indent=4`, which makes Python's `json` module fall back from its C
    encoder to the pure-Python one (a typed listing's rendering took about as long as its
    serialisation) and adds a quarter to the bytes sent; one URL also keeps one byte-exact
    answer, as the response cache is keyed by URL alone (api/cache.py).
    """

    def get_indent(self, accepted_media_type, renderer_context):
        return None


class StrictParametersMixin:
    """Rejects malformed parameters with a 400 before any query runs (the bounds of
    `api/limits.py` included); turns the database's own complaints about a value
    (out-of-range integer, invalid date) into 400s as well."""

    max_offset = MAX_OFFSET
    # JSON only: Wagtail adds DRF's browsable HTML renderer, which would make one URL answer
    # two formats (and poison the URL-keyed cache) and reads the session.
    renderer_classes = [CompactJSONRenderer]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if any("\x00" in value for value in values) or "\x00" in name:
                raise BadRequestError(f"null characters are not allowed in '{name}'")
            if len(values) > 1:
                raise BadRequestError(f"'{name}' is given more than once")
            problem = parameter_problem(name, values[0])
            if problem:
                raise BadRequestError(problem)
        for name in NUMERIC_PARAMETERS:
            value = request.GET.get(name)
            if value is None:
                continue
            if not (value.isascii() and value.isdigit()):
                raise BadRequestError(f"{name} must be a positive integer, got '{value}'")
            if name == "offset" and int(value) > self.max_offset:
                raise BadRequestError(f"offset cannot be higher than {self.max_offset}")

    def handle_exception(self, exc):
        if isinstance(exc, OverflowError):
            # SQLite's driver, given an integer beyond 64 bits that `parameter_problem` did
            # not see (a value built from the parameters): the client's input all the same.
            logger.info("API parameter overflow on %s: %s", self.request.get_full_path(), exc)
            return Response(
                {"message": f"numbers must be from {INTEGER_MIN} to {INTEGER_MAX}"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if isinstance(exc, ValidationError | FieldError | DataError | ValueError):
            # Raised by the ORM or a converter when a parameter's value does not fit its field
            # (a date that is not a date, an id too large for the column…).
            with translation.override("en"):  # Django's messages, in the API's language
                detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            logger.info("API parameter rejected on %s: %s", self.request.get_full_path(), detail)
            return Response(
                {"message": f"invalid parameter value: {detail}"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)


class ReciAPIRouter(WagtailAPIRouter):
    """Wagtail's router; every endpoint registered gets `StrictParametersMixin` and
    `MemoisedSerializerClassMixin` (api/serializers.py)."""

    mixins = (StrictParametersMixin, MemoisedSerializerClassMixin)

    def register_endpoint(self, name, class_):
        missing = tuple(mixin for mixin in self.mixins if not issubclass(class_, mixin))
        if missing:
            class_ = type(
                class_.__name__,
                (*missing, class_),
                {"__module__": class_.__module__, "__doc__": class_.__doc__},
            )
        super().register_endpoint(name, class_)
