"""Failures of the machine's edge answered cleanly instead of with a 500 error page.

- The database is down or restarting: 503 with `Retry-After` and a short bilingual message
  (JSON on the API). `CONN_HEALTH_CHECKS` (settings) then reconnects on the next request, so
  the site recovers by itself once the database is back, without restarting the app.
- The disk is full while saving an upload: 507 with a short message; the storage
  (`core.storage.SiteFileSystemStorage`) has already removed the half-written file.

`ResilienceMiddleware` maps the exceptions that views raise; `server_error` (the `handler500`)
maps the same exceptions when they come from another middleware (sessions, redirects, login
throttling all read the database before any view runs).
"""

import errno
import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_DOWN_MESSAGE = (
    "Service momentanément indisponible, veuillez réessayer dans quelques instants. "
    "/ Service temporarily unavailable, please try again shortly."
)
DISK_FULL_MESSAGE = (
    "Espace disque insuffisant : le fichier n'a pas été enregistré. "
    "/ Not enough disk space: the file was not saved."
)
DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _answer(request: HttpRequest, message: str, status: int) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"message": message}, status=status)
    else:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def failure_response(request: HttpRequest, exception: BaseException) -> HttpResponse | None:
    """The clean answer to `exception`, or None when it is not an edge failure."""
    if isinstance(exception, OperationalError | InterfaceError):
        logger.warning("Database unavailable on %s: %s", request.path_info, exception)
        response = _answer(request, DATABASE_DOWN_MESSAGE, 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if isinstance(exception, OSError) and exception.errno in DISK_FULL_ERRNOS:
        logger.error("Disk full on %s: %s", request.path_info, exception)
        return _answer(request, DISK_FULL_MESSAGE, 507)
    return None


class ResilienceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return failure_response(request, exception)


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """`handler500`: the clean answer for edge failures raised outside views, else Django's."""
    exception = sys.exc_info()[1]
    if exception is not None:
        response = failure_response(request, exception)
        if response is not None:
            return response
    return django_server_error(request, *args, **kwargs)
