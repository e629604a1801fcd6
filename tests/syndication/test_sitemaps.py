"""The sitemap, its index past the limit, and robots.txt."""

from lxml import etree
from wagtail.models import PageViewRestriction

from bibliography.models import Reference
from tests.factories import NewsPageFactory, ReferenceFactory

from .conftest import section

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(client, url: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def locations(root: etree._Element) -> list[str]:
    return root.xpath("//sm:url/sm:loc/text()", namespaces=NS)


def test_the_sitemap_lists_public_pages_and_notices_with_lastmod(client, demo_site):
    news_section = section(demo_site, "actualites")
    draft = NewsPageFactory(parent=news_section, slug="brouillon", live=False)
    private = NewsPageFactory(parent=news_section, slug="reunion-interne")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    root = parse(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}urlset"
    urls = locations(root)
    assert "http://testserver/" in urls
    assert "http://testserver/en/" in urls
    assert news_section.full_url in urls
    assert draft.full_url not in urls
    assert private.full_url not in urls
    notice = Reference.objects.live().first()
    assert f"http://testserver{notice.get_public_url()}" in urls
    offline = ReferenceFactory(live=False)
    assert not any(url.endswith(f"/notices/{offline.pk}/") for url in urls)
    assert len(root.xpath("//sm:url/sm:lastmod", namespaces=NS)) == len(urls)
    assert len(urls) == len(set(urls))


def test_past_the_limit_the_sitemap_is_an_index_of_sections(client, demo_site, settings):
    whole = set(locations(parse(client, "/sitemap.xml")))
    settings.SITEMAP_MAX_URLS = 20
    index = parse(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    parts = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert "http://testserver/sitemap-accueil.xml" in parts
    assert "http://testserver/sitemap-notices.xml?p=2" in parts
    found: list[str] = []
    for part in parts:
        urls = locations(parse(client, part.removeprefix("http://testserver")))
        assert 0 < len(urls) <= 20
        found += urls
    assert len(found) == len(set(found))
    assert set(found) == whole


def test_unknown_sections_and_pages_are_not_found(client, demo_site, settings):
    settings.SITEMAP_MAX_URLS = 20
    assert client.get("/sitemap-inconnue.xml").status_code == 404
    assert client.get("/sitemap-notices.xml?p=999").status_code == 404
    assert client.get("/sitemap-notices.xml?p=abc").status_code == 404


def test_robots_txt_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()
