"""Security headers and the client address, shared by every response.

- `SiteCSPMiddleware`: a strict Content-Security-Policy on public pages and the API, and the
  wider one Wagtail's admin needs (inline styles and scripts) on `/admin/` only.
- `PermissionsPolicyMiddleware`: turns off browser features the site never uses.
- `client_ip`: the visitor's address, read from a proxy header only when the request comes from
  a proxy we trust (used by the login throttling).
"""

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _path_policy(path: str) -> dict:
    policies = settings.CSP_POLICIES
    for prefix, name in settings.CSP_POLICY_PREFIXES:
        if path.startswith(prefix):
            return policies[name]
    return policies["public"]


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None:
            parts.config = _path_policy(request.path_info)
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_OFF)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the proxy header's when REMOTE_ADDR is trusted.

    With `TRUSTED_PROXIES` set (the proxies' addresses), the right-most address of
    `X-Forwarded-For` that is not itself a trusted proxy is the client; anyone else's
    `X-Forwarded-For` is ignored, so it cannot be forged to dodge the login lock.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.TRUSTED_PROXIES)
    if not trusted or remote not in trusted:
        return remote
    forwarded = request.META.get(settings.TRUSTED_PROXY_HEADER, "")
    for address in reversed([a.strip() for a in forwarded.split(",") if a.strip()]):
        if address not in trusted:
            return address
    return remote
