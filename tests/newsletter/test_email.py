"""The e-mail as mail clients need it: one 600-pixel table, inline styles, absolute links."""

import pytest
from bs4 import BeautifulSoup, Comment
from django.core.files.images import ImageFile
from wagtail.images.models import Image

from newsletter.compose import issue_message, render_issue
from newsletter.items import page_url
from tests.factories import NewsletterIssuePageFactory, SubscriberFactory

from .site_content import build

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def issue(newsletter_index, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    content = build(newsletter_index.get_parent())
    from io import BytesIO

    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", (1200, 400), "#1d4f91").save(buffer, "PNG")
    image = Image.objects.create(
        title="Bandeau", file=ImageFile(buffer, name="bandeau.png"), description="Le bandeau"
    )
    page = NewsletterIssuePageFactory(
        parent=newsletter_index,
        image=image,
        editorial='<p>Lire la <a href="https://example.org/rapport">synthèse</a>.</p>',
        content=[
            (
                "pages",
                {
                    "kind": "notes",
                    "title": "Publications",
                    "pages": [content.note, content.point_de_vue, content.toolkit],
                },
            ),
            ("pages", {"kind": "agenda", "title": "Agenda", "pages": [content.event_to_come]}),
            ("press", {"title": "Veille", "items": [content.press]}),
        ],
    )
    page.content_fixture = content
    return page


def test_the_html_is_built_for_mail_clients(issue):
    html, _text = render_issue(issue, SubscriberFactory())
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "fr" and soup.find("meta", charset="utf-8")
    # No stylesheet, script or external resource but the images: clients drop or block them.
    assert soup.find_all(["style", "link", "script", "iframe", "form", "object"]) == []
    assert not soup.find_all(class_=True)  # nothing relies on a stylesheet
    outer = soup.find("table")
    inner = outer.find("table")
    # One column, as wide as the screen up to 600 px (phones)...
    assert inner["width"] == "100%" and "max-width:600px" in inner["style"]
    assert "font-family:" in inner["style"]
    # ...and 600 px in Outlook for Windows, which ignores max-width (a table of its own).
    ghost = [c for c in soup.find_all(string=lambda s: isinstance(s, Comment)) if "mso" in c]
    assert any('width="600"' in comment for comment in ghost)
    assert all(t.get("role") == "presentation" for t in soup.find_all("table"))
    for element in soup.find_all(["h1", "h2", "p", "a", "img"]):
        assert element.get("style"), element  # inline, since clients drop <style>
    for anchor in soup.find_all("a"):
        assert anchor["href"].startswith(("http://testserver/", "https://")), anchor["href"]
        assert anchor.get_text(strip=True), anchor  # every link says where it leads
    (image,) = soup.find_all("img")
    assert image["src"].startswith("http://testserver/") and image["alt"] == "Le bandeau"
    assert image["width"] == "600" and "max-width:600px" in image["style"]
    assert "height:auto" in image["style"]


def test_both_parts_carry_every_item_in_the_editors_order(issue):
    content = issue.content_fixture
    html, text = render_issue(issue, SubscriberFactory())
    soup = BeautifulSoup(html, "html.parser")
    titles = [a.get_text() for a in soup.select("h2 + table a")]
    expected = [
        content.note.title,
        content.point_de_vue.title,
        content.toolkit.title,
        content.event_to_come.title,
        content.press.title,
    ]
    assert titles == expected
    positions = [text.index(title) for title in expected]
    assert positions == sorted(positions)
    assert "http://testserver/publications/" in text and content.press.url in text
    # The event's day and place, the article's source and date; dates unbroken (test_dates.py).
    assert f"jeudi{NBSP}26{NBSP}janvier{NBSP}2017, Strasbourg" in text
    assert f"Le Monde, 3{NBSP}octobre{NBSP}2016" in text


def test_a_subscriber_of_some_themes_gets_those_and_the_untagged_items(issue):
    content = issue.content_fixture
    subscriber = SubscriberFactory(themes=[content.laicite])
    _html, text = render_issue(issue, subscriber)
    assert content.point_de_vue.title in text and content.toolkit.title in text
    assert content.note.title not in text  # « logement » only
    assert content.event_to_come.title in text and content.press.title in text  # no theme


def test_each_copy_has_its_own_unsubscribe_link(issue):
    first, second = SubscriberFactory.create_batch(2)
    one, two = issue_message(issue, first), issue_message(issue, second)
    assert one.extra_headers["List-Unsubscribe"] != two.extra_headers["List-Unsubscribe"]
    assert one.extra_headers["List-Unsubscribe"].strip("<>") in one.body
    html = one.alternatives[0][0]
    assert one.extra_headers["List-Unsubscribe"].strip("<>").replace("&", "&amp;") in html


def test_links_to_the_site_carry_the_issue_s_campaign_and_no_other_does(issue):
    """`?mtm_campaign=lettre-<number>` on the links to the public site, which the audience
    statistics count per issue; never on other sites' links or the subscriber's own links."""
    issue.editorial = (
        '<p>Lire la <a href="https://example.org/rapport">synthèse</a> et '
        '<a href="http://testserver/lettres/?theme=laicite">les lettres sur la laïcité</a>.</p>'
    )
    issue.save_revision().publish()
    issue.refresh_from_db()
    message = issue_message(issue, SubscriberFactory())
    html = message.alternatives[0][0]
    campaign = f"mtm_campaign=lettre-{issue.number}"
    anchors = BeautifulSoup(html, "html.parser")("a")
    links = {a.get_text(" ", strip=True): a["href"] for a in anchors}
    content = issue.content_fixture
    assert links[content.note.title] == f"{page_url(content.note)}?{campaign}"
    assert links["Lire cette lettre sur le site"] == f"http://testserver{issue.url}?{campaign}"
    assert links["Réseau RECI"] == f"http://testserver/?{campaign}"
    assert links["les lettres sur la laïcité"] == (
        f"http://testserver/lettres/?theme=laicite&{campaign}"
    )
    assert links["synthèse"] == "https://example.org/rapport"
    assert links[content.press.title] == content.press.url  # another site
    for own in ("Se désinscrire", "Choisir mes thèmes"):
        assert "mtm_campaign" not in links[own]
    assert "mtm_campaign" not in message.extra_headers["List-Unsubscribe"]
    assert f"{page_url(content.note)}?{campaign}" in message.body  # the plain-text part too
