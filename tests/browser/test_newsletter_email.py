"""The newsletter's e-mail as a reader's mail client shows it: the HTML of a subscriber's copy of
the demo issue, rendered by Chromium at 600 px (a desktop client's reading pane) and 320 px (a
small phone), images loaded from the site. Screenshots in `build/screenshots/newsletter/`.

A browser is not Outlook or Gmail: the structure those need (tables, inline styles, no
stylesheet, absolute links, alt texts) is checked by `tests/newsletter/test_email.py`; here, what
a reader sees: nothing wider than the screen, the illustration within the column, every item's
title legible and its link to the site.
"""

import io
import os

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from newsletter.compose import issue_message
from newsletter.models import NewsletterIssuePage
from tests.browser.screenshots import FOLDER, horizontal_overflow
from tests.factories import SubscriberFactory

SCREENSHOTS = FOLDER / "newsletter"
WIDTHS = (600, 320)


@pytest.fixture
def email_html(site_url, settings) -> str:
    """A subscriber's copy of the demo issue, with an illustration, its links and images on the
    live server (as they would be on the public site)."""
    settings.PUBLIC_BASE_URL = site_url
    settings.WAGTAILADMIN_BASE_URL = site_url
    issue = NewsletterIssuePage.objects.live().get(number=12)
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 400), "#1d4f91").save(buffer, "PNG")
    issue.image = Image.objects.create(
        title="Bandeau de la lettre",
        file=ImageFile(buffer, name="bandeau-lettre.png"),
        description="Bandeau bleu du Réseau RECI",
    )
    issue.save_revision().publish()
    issue.refresh_from_db()
    message = issue_message(issue, SubscriberFactory(email="lectrice@exemple.fr"))
    return message.alternatives[0][0]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_email_reads_at_desktop_and_phone_widths(page, email_html, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(email_html, wait_until="load")
    if os.environ.get("SCREENSHOTS", "1") != "0":  # taken first: a failure is seen too
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"lettre-12-{width}.png", full_page=True)

    assert horizontal_overflow(page) <= 0, f"the e-mail is wider than {width} px"
    image = page.locator("img").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "image not loaded"
    box = image.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    titles = page.locator("h2 + table a")
    assert titles.count() >= 5
    for index in range(titles.count()):
        title = titles.nth(index)
        assert title.get_attribute("href").startswith(("http://", "https://"))
        font_size = float(title.evaluate("a => getComputedStyle(a).fontSize").removesuffix("px"))
        assert font_size >= 14
        title_box = title.bounding_box()
        assert title_box["x"] + title_box["width"] <= width + 0.5
