"""Details a reviewer of the screenshots noticed (build/screenshots/): controls that line up,
facts that stay readable on a phone, a download link that does not break inside its size."""

from tests.browser.pages import url_of
from tests.browser.viewports import MOBILE


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_list_filters_line_up_and_fill_a_phone_s_width(page):
    page.goto(url_of("PublicationIndexPage"))
    select, button = box(page, ".filters select"), box(page, ".filters button")
    assert abs(select["height"] - button["height"]) <= 2, "select and button of unequal heights"
    reset = box(page, ".filters button + a")
    assert reset["x"] - (button["x"] + button["width"]) >= 8, "« Tout afficher » against the button"
    page.set_viewport_size(MOBILE)
    form = box(page, ".filters")
    for index in range(page.locator(".filters select").count()):
        select = page.locator(".filters select").nth(index).bounding_box()
        assert select["width"] >= form["width"] - 40, "a select narrower than the form on a phone"


def test_practice_facts_stack_on_a_phone(page):
    page.goto(url_of("PracticeSheetPage"))
    page.set_viewport_size(MOBILE)
    term, value = box(page, ".practice-facts dt"), box(page, ".practice-facts dd")
    assert value["x"] == term["x"], "values squeezed in a column beside their labels"
    assert value["y"] >= term["y"] + term["height"] - 1


def test_download_size_stays_on_one_line(page):
    page.goto(url_of("PointDeVuePage"))
    size = page.locator(".download-meta")
    for viewport in (page.viewport_size, MOBILE):  # it broke at 1280 px after « 4 »
        page.set_viewport_size(viewport)
        lines = size.evaluate("element => element.getClientRects().length")
        assert lines == 1, f"« {size.inner_text()} » broken across lines at {viewport['width']}px"


def test_404_search_form_labels_its_box_above_it(page):
    page.goto("/publications/page-disparue/")
    label, field = box(page, "main form label"), box(page, "main form input")
    assert label["y"] + label["height"] <= field["y"] + 1, "label beside the box, not above"
    assert abs(box(page, "main form button")["height"] - field["height"]) <= 2
