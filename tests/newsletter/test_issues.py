"""An editor picks a period; the issue is pre-filled with what was published, grouped by kind."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsletter.models import NewsletterIssuePage
from tests.factories import NewsletterIssuePageFactory

from .site_content import build

pytestmark = pytest.mark.django_db


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("newsletter", "newsletterissuepage", parent.pk))


def issue_data(**extra) -> dict:
    data = {
        "title": "Lettre n° 12 – décembre 2016",
        "slug": "lettre-12",
        "number": "12",
        "date": "2016-12-15",
        "period_start": "2016-07-01",
        "period_end": "2016-12-15",
        "summary": "",
        "editorial": rich_text("<p>Un semestre chargé pour le réseau.</p>"),
        "content": streamfield([]),
    }
    data.update(extra)
    return nested_form_data(data)


def list_block(values: list) -> dict:
    """A ListBlock as the admin posts it."""
    data = {"count": len(values)}
    for index, value in enumerate(values):
        data[str(index)] = {"value": value, "order": index, "deleted": "", "id": ""}
    return data


def titles_by_group(issue) -> dict[str, list[str]]:
    return {group.title: [item.title for item in group.items] for group in issue.groups}


def test_picking_a_period_fills_the_issue_with_what_was_published_in_it(
    admin_client, newsletter_index
):
    content = build(newsletter_index.get_parent())
    response = admin_client.post(add_url(newsletter_index), issue_data())
    assert response.status_code == 302, response.context and response.context["form"].errors
    issue = NewsletterIssuePage.objects.get(slug="lettre-12").get_latest_revision_as_object()
    assert titles_by_group(issue) == {
        "Notes": [content.note.title],
        "Points de vue": [content.point_de_vue.title],
        "Recueils d'outils pédagogiques": [content.toolkit.title],
        "Nouveautés des bibliographies": ["Laïcité"],
        "Fiches d'expérience": [content.practice.title],
        "Agenda : à venir": [content.event_to_come.title],
        "Sélection de la veille": [content.press.title],
    }


def test_the_editor_removes_and_reorders_items_and_the_prefill_leaves_them_alone(
    admin_client, newsletter_index
):
    content = build(newsletter_index.get_parent())
    chosen = streamfield(
        [
            (
                "pages",
                {
                    "kind": "agenda",
                    "title": "À ne pas manquer",
                    "pages": list_block([content.event_to_come.pk]),
                },
            ),
            (
                "pages",
                {
                    "kind": "notes",
                    "title": "Publications",
                    "pages": list_block([content.toolkit.pk, content.note.pk]),
                },
            ),
        ]
    )
    response = admin_client.post(add_url(newsletter_index), issue_data(content=chosen))
    assert response.status_code == 302
    issue = NewsletterIssuePage.objects.get(slug="lettre-12").get_latest_revision_as_object()
    assert titles_by_group(issue) == {
        "À ne pas manquer": [content.event_to_come.title],
        "Publications": [content.toolkit.title, content.note.title],
    }

    edit = reverse("wagtailadmin_pages:edit", args=[issue.pk])
    response = admin_client.post(edit, issue_data(content=chosen, prefill="on"))
    assert response.status_code == 302
    issue = NewsletterIssuePage.objects.get(pk=issue.pk).get_latest_revision_as_object()
    assert "Notes" in titles_by_group(issue)  # asked for explicitly: the period's content again


def test_a_period_ending_before_it_starts_is_refused_in_french(admin_client, newsletter_index):
    response = admin_client.post(
        add_url(newsletter_index), issue_data(period_start="2016-12-31", period_end="2016-01-01")
    )
    assert response.status_code == 200
    assert "La fin de la période précède son début." in response.content.decode()
    assert not NewsletterIssuePage.objects.exists()


def test_two_issues_cannot_share_a_number(admin_client, newsletter_index):
    NewsletterIssuePageFactory(parent=newsletter_index, number=12, slug="douze")
    response = admin_client.post(add_url(newsletter_index), issue_data())
    assert response.status_code == 200
    assert "Une autre lettre porte déjà le numéro 12." in response.content.decode()


def test_a_page_unpublished_after_the_selection_leaves_the_issue(newsletter_index):
    content = build(newsletter_index.get_parent())
    issue = NewsletterIssuePageFactory(
        parent=newsletter_index,
        content=[
            (
                "pages",
                {"kind": "notes", "title": "Notes", "pages": [content.note, content.point_de_vue]},
            ),
            ("pages", {"kind": "agenda", "title": "Agenda", "pages": [content.note_before]}),
        ],
    )
    content.note.unpublish()
    content.note_before.unpublish()
    assert titles_by_group(NewsletterIssuePage.objects.get(pk=issue.pk)) == {
        "Notes": [content.point_de_vue.title]
    }


def test_the_admin_previews_the_issue_as_the_email(admin_client, newsletter_index):
    content = build(newsletter_index.get_parent())
    issue = NewsletterIssuePageFactory(
        parent=newsletter_index,
        content=[("pages", {"kind": "notes", "title": "Notes", "pages": [content.note]})],
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[issue.pk])
    admin_client.post(url, issue_data(content=streamfield([]), prefill="on"))
    response = admin_client.get(url + "?mode=email")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aperçu de l'e-mail" in html
    assert content.note.title in html
    assert 'role="presentation"' in html


def test_the_issue_type_sits_under_its_section_only(newsletter_index):
    home = newsletter_index.get_parent().specific
    assert NewsletterIssuePage in newsletter_index.specific_class.allowed_subpage_models()
    assert NewsletterIssuePage not in home.specific_class.allowed_subpage_models()
    assert Page.objects.type(NewsletterIssuePage).count() == 0


def test_the_demo_has_an_issue_prefilled_from_the_second_half_of_2016(demo_site, client):
    issue = NewsletterIssuePage.objects.get(number=12)
    groups = {group.kind: [item.title for item in group.items] for group in issue.groups}
    assert {"notes", "points-de-vue", "recueils"} <= set(groups)
    assert all(titles for titles in groups.values())
    response = client.get(issue.url)
    assert response.status_code == 200
    assert groups["notes"][0] in response.content.decode().replace("&#x27;", "'")
    # The French issue lists French pages only, not the English translations beside them.
    page_ids = [
        page.pk
        for block in issue.content
        if block.block_type == "pages"
        for page in block.value["pages"]
    ]
    languages = set(
        Page.objects.filter(pk__in=page_ids).values_list("locale__language_code", flat=True)
    )
    assert languages == {"fr"}


def test_a_new_issue_is_offered_the_next_number(admin_client, newsletter_index):
    NewsletterIssuePageFactory(parent=newsletter_index, number=11, slug="onze")
    form = admin_client.get(add_url(newsletter_index)).context["form"]
    assert form["number"].value() == 12
