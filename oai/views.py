"""The OAI-PMH endpoint, `/oai/`: GET or POST, always HTTP 200 with an OAI-PMH document.

Responses are kept in the Django cache under the content version
(`api/content_version.py`), like the API's: a publication, an unpublication or a deletion
changes the version, so no record is served stale. A listing begun without `until` freezes
its end in the token, so a cached page stays right while the version is current.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from api.content_version import content_version

from .verbs import ALLOWED, VERBS, OAIError, check_arguments
from .xml import envelope, serialise, sub

logger = logging.getLogger(__name__)
CACHE_PREFIX = "oai:response"
CONTENT_TYPE = "text/xml; charset=utf-8"


def _arguments(request: HttpRequest) -> tuple[dict[str, str], bool]:
    """The request's arguments, and those repeated (an error)."""
    query = request.POST if request.method == "POST" else request.GET
    repeated = {key for key, values in query.lists() if len(values) > 1}
    return {key: values[-1] for key, values in query.lists()}, repeated


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(request.path)


def respond(arguments: dict[str, str], repeated: set[str], base_url: str) -> bytes:
    verb = arguments.get("verb")
    try:
        if verb not in ALLOWED or "verb" in repeated:
            raise OAIError("badVerb", "Missing or illegal verb.")
        if repeated:
            raise OAIError("badArgument", "An argument is repeated.")
        check_arguments(verb, arguments)
    except OAIError as error:
        root = envelope(base_url, {})
        sub(root, "error", error.message, code=error.code)
        return serialise(root)
    root = envelope(base_url, arguments)
    try:
        VERBS[verb](root, arguments, base_url)
    except OAIError as error:
        echoed = echoable(arguments) if error.code != "badArgument" else {}
        root = envelope(base_url, echoed)
        sub(root, "error", error.message, code=error.code)
    return serialise(root)


_PATTERNS = {
    "metadataPrefix": re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$"),
    "set": re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$"),
    "from": re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$"),
    "until": re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$"),
    "identifier": re.compile(r"^[^\s<>\"{}|\\^`]+$"),
}


def echoable(arguments: dict[str, str]) -> dict[str, str]:
    """The arguments the `request` element may repeat: those of the schema's types (the
    values of a request that failed may not be)."""
    return {
        key: value
        for key, value in arguments.items()
        if key not in _PATTERNS or _PATTERNS[key].match(value)
    }


def _cache_key(base_url: str, arguments: dict[str, str], repeated: set[str]) -> str:
    request = repr((base_url, sorted(arguments.items()), sorted(repeated))).encode()
    return f"{CACHE_PREFIX}:{content_version()}:{hashlib.sha256(request).hexdigest()}"


@csrf_exempt
@require_http_methods(["GET", "POST", "HEAD"])
def endpoint(request: HttpRequest) -> HttpResponse:
    arguments, repeated = _arguments(request)
    base_url = _base_url(request)
    timeout = settings.OAI_CACHE_TIMEOUT
    key = _cache_key(base_url, arguments, repeated) if timeout else None
    content = cache.get(key) if key else None
    if content is None:
        content = respond(arguments, repeated, base_url)
        if key:
            cache.set(key, content, timeout)
    return HttpResponse(content, content_type=CONTENT_TYPE)
