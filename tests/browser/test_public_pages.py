"""Every public page type in Chromium: it answers, axe finds no WCAG 2.1 A/AA violation, and
it is looked at (screenshots) at 1280 and 375 px without horizontal scrolling."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.pages import PUBLIC_PAGES
from tests.browser.screenshots import capture


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_page_type_is_accessible_at_both_widths(page, name):
    response = page.goto(PUBLIC_PAGES[name]())
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    capture(page, name)
    page.set_viewport_size({"width": 375, "height": 740})
    assert_accessible(page)


def test_unknown_address_is_the_network_s_404_page(page):
    response = page.goto("/publications/cette-page-n-existe-pas/")
    assert response.status == 404
    assert_accessible(page)
    capture(page, "404")
