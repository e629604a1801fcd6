"""A note's life in the admin, as the network works: an ORIV editor writes it with its PDF,
previews and submits it to « Validation réseau »; an editor of another structure reviews it;
the delegation approves and publishes; visitors then read and find it. Editors of other
structures cannot change it."""

import re

from playwright.sync_api import expect

from core.roles import DELEGATION_TASK_NAME
from tests.browser.admin import approve_from_dashboard, footer_action, log_in, make_pdf

TITLE = "Les discriminations dans l'accès au stage : état des lieux en Alsace"


def test_note_from_draft_to_publication_through_validation_reseau(page, tmp_path):
    from publications.models import NotePage, PublicationIndexPage

    index = PublicationIndexPage.objects.get(locale__language_code="fr")
    log_in(page, "editeur-oriv")
    page.goto(f"/admin/pages/add/publications/notepage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.get_by_role("textbox", name="Date*").fill("05/12/2026")
    page.get_by_role("textbox", name="Chapô").fill("Un état des lieux des stages en Alsace.")
    page.get_by_role("checkbox", name="Discriminations dans l'emploi").check()
    page.get_by_role("checkbox", name=re.compile("^ORIV")).check()
    page.get_by_role("button", name="Choisir un document").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Transférer").click()
    chooser.locator("input[type=file]").set_input_files(make_pdf(tmp_path / "stage.pdf", "Stage"))
    chooser.get_by_role("textbox", name="Titre*").fill("Note stages Alsace (PDF)")
    chooser.get_by_role("button", name="Transférer").click()
    expect(chooser).to_be_hidden()
    expect(page.get_by_role("region", name="PDF")).to_contain_text("Note stages Alsace (PDF)")

    footer_action(page, "Enregistrer le brouillon")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_role("status").first).to_contain_text("créée")
    note = NotePage.objects.get(title=TITLE)
    assert not note.live and note.pdf.title == "Note stages Alsace (PDF)"

    page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
    preview = page.frame_locator("iframe[title]").first
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview.get_by_role("link", name=re.compile("^Télécharger"))).to_contain_text("2 p.")

    footer_action(page, "Soumettre à Validation réseau")
    expect(page.get_by_role("status").first).to_contain_text("soumise")

    log_in(page, "editeur-irev")
    approve_from_dashboard(page, TITLE)
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    note.refresh_from_db()
    assert not note.live
    state = note.current_workflow_state
    assert state.current_task_state.task.name == DELEGATION_TASK_NAME

    log_in(page, "delegation")
    approve_from_dashboard(page, TITLE)
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    note.refresh_from_db()
    assert note.live

    page.context.clear_cookies()
    page.goto(note.url)
    expect(page.locator("h1")).to_have_text(TITLE)
    page.get_by_label("Rechercher sur le site").fill("stage Alsace")
    page.keyboard.press("Enter")
    expect(page.locator(".search-results")).to_contain_text(TITLE)


def test_an_editor_of_another_structure_cannot_edit_orivs_note(page):
    from publications.models import NotePage

    note = (
        NotePage.objects.live()
        .filter(organisations__acronym="ORIV")
        .exclude(organisations__acronym="COFRIMI")[0]
    )
    log_in(page, "editeur-cofrimi")
    response = page.goto(f"/admin/pages/{note.pk}/edit/")
    assert "/edit/" not in page.url or response.status == 403
    expect(page.locator("#id_title")).to_have_count(0)
    log_in(page, "editeur-oriv")
    page.goto(f"/admin/pages/{note.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(note.title)
