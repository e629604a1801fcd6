"""The sitemap's sections: the home page, each section of the site (with its translations),
and the public pages of the live notices.

Only live pages without a view restriction (on themselves or an ancestor) are listed: drafts and
private pages never are. Each section holds at most `SITEMAP_MAX_URLS` URLs per file (50,000 by
the protocol); `views.sitemap_root` serves one file while the whole site fits in one, a
sitemap index of the sections otherwise.
"""

import datetime
import operator
from functools import reduce
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page, Site

from bibliography.models import Reference
from bibliography.models.references import bibliography_index_url

HOME_SECTION = "accueil"
NOTICES_SECTION = "notices"


class PagesSitemap(WagtailSitemap):
    """The live, public pages under `roots` (and the roots), in tree order."""

    def __init__(self, request: HttpRequest, roots: list[Page], *, inclusive_only: bool = False):
        super().__init__(request)
        self.roots = roots
        self.inclusive_only = inclusive_only
        self.limit = settings.SITEMAP_MAX_URLS

    def items(self) -> QuerySet:
        if self.inclusive_only:
            pages = Page.objects.filter(pk__in=[root.pk for root in self.roots])
        else:
            pages = Page.objects.filter(
                reduce(operator.or_, (Q(path__startswith=root.path) for root in self.roots))
            )
        return pages.live().public().order_by("path").defer_streamfields().specific()


class NoticesSitemap(DjangoSitemap):
    """The public page of each live notice, while the « Bibliographies » section is public."""

    def __init__(self) -> None:
        self.limit = settings.SITEMAP_MAX_URLS

    def items(self) -> QuerySet:
        if not bibliography_index_url():
            return Reference.objects.none()
        return Reference.objects.live().order_by("pk").only("pk", "live", "updated_at")

    def location(self, reference: Reference) -> str:
        # The sitemap framework adds the scheme and host; the URL may come with them.
        return urlsplit(reference.get_public_url()).path

    def lastmod(self, reference: Reference) -> datetime.datetime:
        return reference.updated_at


def site_sitemaps(request: HttpRequest) -> dict[str, DjangoSitemap]:
    """The sections of the sitemap of the request's site, by name (used in their URLs)."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    homes = list(site.root_page.get_translations(inclusive=True))
    sitemaps: dict[str, DjangoSitemap] = {
        HOME_SECTION: PagesSitemap(request, homes, inclusive_only=True)
    }
    for section in site.root_page.get_children().live().public().order_by("path"):
        translations = list(section.get_translations(inclusive=True))
        sitemaps[section.slug] = PagesSitemap(request, translations)
    sitemaps[NOTICES_SECTION] = NoticesSitemap()
    return sitemaps


def url_count(sitemaps: dict[str, DjangoSitemap]) -> int:
    return sum(sitemap.paginator.count for sitemap in sitemaps.values())
