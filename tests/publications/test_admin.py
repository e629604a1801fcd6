"""Editors create every type through the admin's real forms, as a logged-in superuser."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publications.models import (
    EventPage,
    NewsPage,
    NotePage,
    PointDeVuePage,
    PressItem,
    ToolkitPage,
)
from tests.factories import OrganisationFactory, PdfDocumentFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def paper_data(title: str, slug: str, **extra) -> dict:
    data = {
        "title": title,
        "slug": slug,
        "date": "2016-11-15",
        "summary": "Analyse de l'axe « lutte contre les discriminations ».",
        "tags": "contrat de ville, discriminations",
        "body": streamfield(
            [
                ("heading", {"text": "Une grille de lecture", "level": "h2"}),
                ("paragraph", rich_text("<p>Les contrats de ville signés en 2015.</p>")),
                ("quote", {"text": "Faire société.", "source": "Rapport 2016"}),
                ("callout", {"title": "À retenir", "text": rich_text("<p>Un encadré.</p>")}),
            ]
        ),
        "authors": inline_formset([]),
        "related_pages": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(extra)
    return nested_form_data(data)


def test_a_note_is_created_and_published_through_the_admin(admin_client, publications_index):
    theme = ThemeFactory(slug="politique-de-la-ville", name="Politique de la ville")
    irev = OrganisationFactory(acronym="IREV")
    person = PersonFactory(first_name="Olivier", last_name="Noël")
    pdf = PdfDocumentFactory(pages=13)
    data = paper_data(
        "Contrat de ville et prévention des discriminations",
        "contrat-de-ville",
        pdf=pdf.pk,
        authors=inline_formset([{"person": person.pk}, {"organisation": irev.pk}]),
    )
    data["themes"] = [theme.pk]
    data["organisations"] = [irev.pk]
    response = admin_client.post(add_url(NotePage, publications_index), data)
    assert response.status_code == 302, response.context["form"].errors
    note = NotePage.objects.get(slug="contrat-de-ville")
    assert note.live
    assert [a.name for a in note.authors.all()] == ["Olivier Noël", "IREV"]
    assert note.pdf == pdf
    assert [block.block_type for block in note.body] == ["heading", "paragraph", "quote", "callout"]
    assert set(note.tags.names()) == {"contrat de ville", "discriminations"}
    assert list(note.themes.all()) == [theme]
    assert note.pdf_label.startswith("PDF, 13 p., ")


def test_an_author_must_be_a_person_or_a_structure_not_both(admin_client, publications_index):
    person = PersonFactory()
    orga = OrganisationFactory()
    data = paper_data(
        "Note mal signée",
        "note-mal-signee",
        authors=inline_formset([{"person": person.pk, "organisation": orga.pk}, {}]),
    )
    response = admin_client.post(add_url(NotePage, publications_index), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choisissez soit une personne, soit une structure membre" in html
    assert not NotePage.objects.exists()


def test_a_point_de_vue_needs_its_question(admin_client, publications_index):
    url = add_url(PointDeVuePage, publications_index)
    data = paper_data("Point de vue sur… la laïcité", "pdv-laicite")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not PointDeVuePage.objects.exists()

    data = paper_data("Point de vue sur… la laïcité", "pdv-laicite", question="Quel lien social ?")
    assert admin_client.post(url, data).status_code == 302
    assert PointDeVuePage.objects.get().question == "Quel lien social ?"


def test_a_toolkit_is_created_with_its_ordered_tools(admin_client, publications_index):
    data = nested_form_data(
        {
            "title": "Recueil d'outils pédagogiques sur la laïcité",
            "slug": "recueil-laicite",
            "date": "2016-12-09",
            "introduction": rich_text("<p>Des outils pour mener une action pédagogique.</p>"),
            "tools": inline_formset(
                [
                    {"title": "Exposition", "kind": "exposition", "audience": "tout-public"},
                    {"title": "Jeu de cartes", "kind": "jeu", "audience": "professionnels"},
                ]
            ),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(add_url(ToolkitPage, publications_index), data)
    assert response.status_code == 302
    toolkit = ToolkitPage.objects.get()
    assert [tool.title for tool in toolkit.tools.all()] == ["Exposition", "Jeu de cartes"]


def test_a_news_item_is_created_through_the_admin(admin_client, news_index):
    data = nested_form_data(
        {
            "title": "Une base documentaire rénovée",
            "slug": "base-renovee",
            "date": "2016-12-20",
            "body": streamfield([("paragraph", rich_text("<p>177 notices saisies.</p>"))]),
            "action-publish": "action-publish",
        }
    )
    assert admin_client.post(add_url(NewsPage, news_index), data).status_code == 302
    assert NewsPage.objects.get().live


def event_data(**extra) -> dict:
    data = {
        "title": "Séminaire national",
        "slug": "seminaire-national",
        "date": "2015-11-26",
        "start_time": "09:30",
        "end_time": "17:00",
        "place": "Paris",
        "audience": "Chefs de projet politique de la ville",
        "programme": streamfield([]),
        "action-publish": "action-publish",
    }
    data.update(extra)
    return nested_form_data(data)


def test_an_event_is_created_through_the_admin(admin_client, events_index):
    response = admin_client.post(add_url(EventPage, events_index), event_data())
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.place == "Paris"
    assert event.status_label == "passé"


def test_an_event_cannot_end_before_it_starts(admin_client, events_index):
    response = admin_client.post(
        add_url(EventPage, events_index), event_data(end_date="2015-11-20")
    )
    assert response.status_code == 200
    assert "La date de fin précède la date de début" in response.content.decode()
    assert not EventPage.objects.exists()


def test_press_items_are_entered_under_their_own_menu(admin_client):
    theme = ThemeFactory(slug="laicite", name="Laïcité")
    menu = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Veille" in menu
    add = reverse("wagtailsnippets_publications_pressitem:add")
    response = admin_client.post(
        add,
        {
            "title": "La laïcité, dix ans après",
            "url": "https://example.org/laicite",
            "source": "Ouest-France",
            "date": "2020-01-10",
            "summary": "",
            "themes": [theme.pk],
        },
    )
    assert response.status_code == 302
    item = PressItem.objects.get()
    assert list(item.themes.all()) == [theme]

    listing = reverse("wagtailsnippets_publications_pressitem:list")
    html = admin_client.get(listing, {"themes": theme.pk}).content.decode()
    assert "La laïcité, dix ans après" in html
    html = admin_client.get(listing, {"source__icontains": "monde"}).content.decode()
    assert "La laïcité, dix ans après" not in html


def test_a_press_item_needs_a_valid_link(admin_client):
    add = reverse("wagtailsnippets_publications_pressitem:add")
    response = admin_client.post(
        add, {"title": "Article", "url": "pas une adresse", "source": "X", "date": "2020-01-10"}
    )
    assert response.status_code == 200
    assert not PressItem.objects.exists()
