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


def test_editing_sessions_button_says_who_else_has_the_page_open(
    browser, site_url, oriv_note, settings
):
    """Two editors on the same note: each sees the other's avatar in the editor's header. The
    button is named for them (Wagtail's holds an image without text, its tooltip moved out)."""
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 1000  # Wagtail's default: every 10 s
    contexts = [browser.new_context(base_url=site_url, locale="fr-FR") for _ in range(2)]
    try:
        oriv, delegation = (context.new_page() for context in contexts)
        edit_url = f"/admin/pages/{oriv_note.pk}/edit/"
        log_in(oriv, "editeur-oriv")
        oriv.goto(edit_url)
        log_in(delegation, "delegation")
        delegation.goto(edit_url)

        # The second one in sees the first at once (rendered with the page)…
        viewing = "consulte cette page en ce moment"
        sessions = delegation.locator("#w-editing-sessions")
        other = sessions.get_by_role("button", name=f"Éditrice ORIV, {viewing}")
        expect(other).to_be_visible()
        other.hover()
        expect(delegation.get_by_role("tooltip")).to_contain_text(viewing.capitalize())
        assert_accessible(delegation, include="#w-editing-sessions")

        # …the first sees the second at its next ping (the list is rendered again).
        expect(
            oriv.locator("#w-editing-sessions").get_by_role("button", name=f"Délégation, {viewing}")
        ).to_be_visible()
        assert_accessible(oriv, include="#w-editing-sessions")
    finally:
        for context in contexts:
            context.close()
