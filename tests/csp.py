"""What a browser would block on a page under its own Content-Security-Policy.

`blocked_by_csp` reads the response's `Content-Security-Policy` header and the page's HTML
and lists every script, style sheet, inline script, `<style>`, `style="…"` attribute and
event-handler attribute the policy does not allow, and every file of ours the page references
that the site does not serve. A simplified CSP evaluator: enough for our own pages (nonces,
hashes, 'self', 'unsafe-inline', the directives' fallbacks), not a full implementation.
"""

import base64
import hashlib
from html.parser import HTMLParser
from urllib.parse import urlsplit

FALLBACKS = {
    "script-src-elem": ("script-src-elem", "script-src", "default-src"),
    "script-src-attr": ("script-src-attr", "script-src", "default-src"),
    "style-src-elem": ("style-src-elem", "style-src", "default-src"),
    "style-src-attr": ("style-src-attr", "style-src", "default-src"),
}


def parse_policy(header: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        policy.setdefault(name.lower(), sources)
    return policy


def _sources(policy: dict[str, list[str]], directive: str) -> list[str] | None:
    for name in FALLBACKS[directive]:
        if name in policy:
            return policy[name]
    return None  # no directive: everything allowed


def _allows_inline(sources: list[str] | None, content: str, nonce: str | None) -> bool:
    if sources is None:
        return True
    if nonce and f"'nonce-{nonce}'" in sources:
        return True
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    if f"'sha256-{digest}'" in sources:
        return True
    # 'unsafe-inline' is ignored as soon as a nonce or a hash is listed.
    strict = any(s.startswith(("'nonce-", "'sha")) for s in sources)
    return "'unsafe-inline'" in sources and not strict


def _allows_url(sources: list[str] | None, url: str) -> bool:
    if sources is None:
        return True
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return "'self'" in sources
    if parts.scheme == "data":
        return "data:" in sources
    return any(url.startswith(source) for source in sources if "://" in source)


class _Elements(HTMLParser):
    """The page's scripts and styles: (kind, url or inline content, nonce)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str | None]] = []
        self._inline: tuple[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.found.append(("style-attr", value or "", None))
            elif name.startswith("on"):
                self.found.append(("script-attr", value or "", None))
        nonce = attributes.get("nonce")
        if tag == "script" and attributes.get("src"):
            self.found.append(("script-url", attributes["src"], nonce))
        elif tag in ("script", "style"):
            self._inline, self._text = (tag, nonce), []
        elif tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.found.append(("style-url", attributes.get("href") or "", nonce))

    def handle_data(self, data: str) -> None:
        if self._inline:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._inline and tag == self._inline[0]:
            self.found.append((f"{tag}-inline", "".join(self._text), self._inline[1]))
            self._inline = None


def blocked_by_csp(client, response) -> list[str]:
    """What the browser would refuse to run or apply on this page, or could not fetch."""
    policy = parse_policy(response["Content-Security-Policy"])
    parser = _Elements()
    parser.feed(response.content.decode())
    assert parser.found, "the page uses no script nor style: nothing checked"
    blocked = []
    for kind, value, nonce in parser.found:
        if kind in ("script-url", "style-url"):
            directive = "script-src-elem" if kind == "script-url" else "style-src-elem"
            if not _allows_url(_sources(policy, directive), value) and not (
                nonce and f"'nonce-{nonce}'" in (_sources(policy, directive) or [])
            ):
                blocked.append(f"{kind} {value}: refused by {directive}")
            elif not urlsplit(value).netloc and client.get(value).status_code != 200:
                blocked.append(f"{kind} {value}: not served")
        else:
            directive = {
                "script-inline": "script-src-elem",
                "style-inline": "style-src-elem",
                "script-attr": "script-src-attr",
                "style-attr": "style-src-attr",
            }[kind]
            if not _allows_inline(_sources(policy, directive), value, nonce):
                blocked.append(f"{kind} {value[:60]!r}: refused by {directive}")
    return blocked
