"""Refuse webhook URLs that point inside our own network (server-side request forgery).

A webhook makes the server send requests to a URL an administrator typed: without this check
it could reach the database, the cache or a cloud metadata service. Checked when the webhook is
saved and again before each delivery (a name may resolve elsewhere later). Turned off by
`WEBHOOKS_ALLOW_PRIVATE` in development and tests, where receivers run on 127.0.0.1.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class UnsafeURLError(ValueError):
    """The URL cannot be used for a webhook; the message is shown to the administrator."""


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """Raise `UnsafeURLError` unless `url` is an http(s) URL to public addresses only."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURLError("L'adresse doit commencer par http:// ou https://.")
    if getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False):
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as exc:
        raise UnsafeURLError(f"Le nom d'hôte « {parts.hostname} » est introuvable.") from exc
    for info in infos:
        if not is_public_address(info[4][0]):
            raise UnsafeURLError(
                f"L'adresse « {parts.hostname} » mène à un réseau interne ({info[4][0]}) : "
                "seules les adresses publiques sont acceptées."
            )
