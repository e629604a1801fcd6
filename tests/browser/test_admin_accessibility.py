"""The admin screens the network's editors spend their days in, through axe (WCAG 2.1 A/AA):
the editing widgets Wagtail leaves unnamed are named (core/static/core/admin/)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin import log_in
from tests.browser.axe import assert_accessible


@pytest.fixture
def oriv_note():
    from publications.models import NotePage

    return NotePage.objects.live().filter(organisations__acronym="ORIV").order_by("path")[0]


def test_note_editor_names_its_rich_text_and_tags_fields(page, oriv_note):
    log_in(page, "editeur-oriv")
    page.goto(f"/admin/pages/{oriv_note.pk}/edit/")
    rich_text = page.locator('[role="textbox"][contenteditable="true"]').first
    expect(rich_text).to_have_attribute("aria-labelledby", re.compile(r"."))
    assert page.get_by_role("textbox", name="Paragraphe").count() >= 1
    expect(page.get_by_role("textbox", name="Mots-clés")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize(
    "screen",
    [
        "/admin/",
        "/admin/pages/add/publications/notepage/{index}/",
        "/admin/snippets/bibliography/reference/",
        "/admin/notices/imports/",
    ],
)
def test_editor_screens_have_no_wcag_violation(page, screen):
    from publications.models import PublicationIndexPage

    index = PublicationIndexPage.objects.get(locale__language_code="fr")
    log_in(page, "editeur-oriv")
    page.goto(screen.format(index=index.pk))
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
