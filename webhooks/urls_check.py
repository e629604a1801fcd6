"""Refuse webhook URLs that point inside our own network (server-side request forgery).

A webhook makes the server send requests to a URL an administrator typed: without this check
it could reach the database, the cache or a cloud metadata service. Checked when the webhook is
saved and again before each delivery (a name may resolve elsewhere later). The delivery then
connects to the very address that was checked (`check_url` returns it): resolving the name a
second time to send would let a DNS server answer a public address to the check and an
internal one to the request (DNS rebinding). Turned off by `WEBHOOKS_ALLOW_PRIVATE` in
development and tests, where receivers run on 127.0.0.1.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

# IPv6 prefixes whose addresses carry an IPv4 address in their last 32 bits: NAT64's
# well-known and local-use prefixes (RFC 6052, RFC 8215) and the deprecated IPv4-compatible
# form (`::a.b.c.d`). A gateway may forward them to that IPv4 address.
EMBEDDING_IPV4 = [
    ipaddress.ip_network("64:ff9b::/96"),
    ipaddress.ip_network("64:ff9b:1::/48"),
    ipaddress.ip_network("::/96"),
]


class UnsafeURLError(ValueError):
    """The URL cannot be used for a webhook; the message is shown to the administrator."""


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address stands for (mapped, NAT64, 6to4, Teredo…)."""
    found = []
    if ip.ipv4_mapped:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)
    if any(ip in network for network in EMBEDDING_IPV4):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = embedded_ipv4(ip)
        if embedded:
            return all(v4.is_global and not v4.is_multicast for v4 in embedded)
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> str | None:
    """Raise `UnsafeURLError` unless `url` is an http(s) URL to public addresses only.

    Returns the address to connect to (the first one the name resolved to, all of them
    checked), or None when private addresses are allowed and the name is resolved as usual.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURLError("L'adresse doit commencer par http:// ou https://.")
    if getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False):
        return None
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
    return infos[0][4][0]
