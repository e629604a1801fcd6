"""A small site with something of every kind, inside and outside an issue's period."""

import datetime
from dataclasses import dataclass

from bibliography.models import BibliographyEdition
from core.models import Theme
from tests.factories import (
    BibliographyIndexPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NotePageFactory,
    PointDeVuePageFactory,
    PracticeIndexPageFactory,
    PracticeSheetPageFactory,
    PressItemFactory,
    PublicationIndexPageFactory,
    ThematicBibliographyPageFactory,
    ThemeFactory,
    ToolkitPageFactory,
)

PERIOD = (datetime.date(2016, 7, 1), datetime.date(2016, 12, 15))
ISSUE_DATE = datetime.date(2016, 12, 15)


@dataclass
class SiteContent:
    note: object
    note_before: object
    note_draft: object
    point_de_vue: object
    toolkit: object
    bibliography: object
    practice: object
    event_to_come: object
    event_past: object
    event_cancelled: object
    press: object
    press_old: object
    laicite: object
    logement: object


def theme(name: str, slug: str) -> Theme:
    return Theme.objects.filter(name=name).first() or ThemeFactory(name=name, slug=slug)


def build(home) -> SiteContent:
    laicite = theme("Laïcité", "laicite")
    logement = theme("Mixité sociale et logement", "mixite-sociale-et-logement")
    publications = PublicationIndexPageFactory(parent=home)
    note = NotePageFactory(
        parent=publications,
        title="Contrat de ville et prévention des discriminations",
        date=datetime.date(2016, 11, 15),
        themes=[logement],
    )
    note_before = NotePageFactory(
        parent=publications, title="Note de 2015", date=datetime.date(2015, 6, 1)
    )
    note_draft = NotePageFactory(
        parent=publications,
        title="Note en préparation",
        date=datetime.date(2016, 10, 1),
        live=False,
    )
    point_de_vue = PointDeVuePageFactory(
        parent=publications,
        title="Point de vue sur… La laïcité au service du lien social",
        date=datetime.date(2016, 12, 1),
        themes=[laicite],
    )
    toolkit = ToolkitPageFactory(
        parent=publications,
        title="Recueil d'outils pédagogiques sur la laïcité",
        date=datetime.date(2016, 12, 5),
        themes=[laicite],
    )
    bibliographies = BibliographyIndexPageFactory(parent=home)
    bibliography = ThematicBibliographyPageFactory(parent=bibliographies, title="Laïcité")
    BibliographyEdition.objects.create(
        page=bibliography, date=datetime.date(2016, 12, 10), note="Mise à jour de décembre"
    )
    bibliography.save()
    practices = PracticeIndexPageFactory(parent=home)
    practice = PracticeSheetPageFactory(
        parent=practices,
        title="Accueil des nouveaux arrivants étrangers",
        date=datetime.date(2016, 9, 1),
    )
    events = EventIndexPageFactory(parent=home)
    event_to_come = EventPageFactory(
        parent=events,
        title="Journée régionale laïcité",
        date=datetime.date(2017, 1, 26),
        place="Strasbourg",
    )
    event_past = EventPageFactory(
        parent=events, title="Séminaire de novembre", date=datetime.date(2016, 11, 20)
    )
    EventPageFactory(parent=events, title="Colloque de 2018", date=datetime.date(2018, 3, 1))
    event_cancelled = EventPageFactory(
        parent=events,
        title="Journée annulée",
        date=datetime.date(2017, 2, 2),
        is_cancelled=True,
    )
    press = PressItemFactory(
        title="Les discriminations à l'embauche en hausse",
        source="Le Monde",
        date=datetime.date(2016, 10, 3),
    )
    press_old = PressItemFactory(title="Article de 2014", date=datetime.date(2014, 3, 3))
    return SiteContent(
        note=note,
        note_before=note_before,
        note_draft=note_draft,
        point_de_vue=point_de_vue,
        toolkit=toolkit,
        bibliography=bibliography,
        practice=practice,
        event_to_come=event_to_come,
        event_past=event_past,
        event_cancelled=event_cancelled,
        press=press,
        press_old=press_old,
        laicite=laicite,
        logement=logement,
    )
