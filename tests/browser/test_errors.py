"""Error pages in the network's colours, never Django's bare English ones."""

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible


def test_404_is_branded_offers_search_and_the_way_home(page):
    response = page.goto("/publications/page-disparue/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page introuvable")
    expect(page.get_by_role("link", name="Réseau RECI")).to_be_visible()
    page.locator("main").get_by_role("searchbox").fill("logement")
    page.locator("main").get_by_role("button", name="Rechercher").click()
    expect(page.locator(".search-results > li").first).to_be_visible()


def test_english_404_is_in_english(page):
    response = page.goto("/en/practices/gone/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text("Page not found")


def test_500_is_branded_in_both_languages(page, monkeypatch):
    from search import service

    def broken(params):
        raise RuntimeError("search exploded")

    monkeypatch.setattr(service, "search", broken)
    response = page.goto("/recherche/?q=laïcité")
    assert response.status == 500
    expect(page.locator("h1")).to_have_text("Le site rencontre un problème")
    expect(page.locator("[lang=en] h2")).to_have_text("Server error")
    assert page.locator("link[rel=stylesheet]").count() == 1
    assert_accessible(page)
