"""`/favicon.ico`: browsers and crawlers ask for it at the root whatever the pages link to."""

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """A redirect to the static file (its hashed, long-cached name in production)."""
    response = HttpResponseRedirect(static("core/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
