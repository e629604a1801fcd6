"""Demo of the newsletter: the « Lettres d'information » section and one issue, pre-filled from
the second half of 2016 as an editor would get it, and published (never sent: no subscriber).
Idempotent: the section is found under the home page, the issue by its number."""

import datetime

from core.demo_tools import DemoReport, add_published_child
from home.models import HomePage

from .models import NewsletterIndexPage, NewsletterIssuePage
from .selection import select

INTRODUCTION = (
    "<p>Deux fois par an, la lettre d'information présente les productions du réseau, les "
    "nouveautés de la base documentaire, l'agenda et une sélection de la veille.</p>"
)
EDITORIAL = (
    "<p>Ce semestre, le réseau a publié une note sur la prévention des discriminations dans "
    "les contrats de ville, un point de vue et un recueil d'outils pédagogiques sur la laïcité, "
    "et mis à jour ses bibliographies thématiques.</p>"
)


def load(report: DemoReport) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    section = NewsletterIndexPage.objects.child_of(home).first()
    report.record("Rubrique Lettres d'information", section is None)
    if section is None:
        section = add_published_child(
            home,
            NewsletterIndexPage(
                title="Lettres d'information",
                slug="lettres",
                introduction=INTRODUCTION,
                show_in_menus=True,
            ),
        )
    if NewsletterIssuePage.objects.filter(number=12).exists():
        report.record("Lettres d'information", False)
        return
    start, end = datetime.date(2016, 7, 1), datetime.date(2016, 12, 31)
    issue = NewsletterIssuePage(
        title="Lettre n° 12 – décembre 2016",
        slug="lettre-12-decembre-2016",
        number=12,
        date=datetime.date(2016, 12, 15),
        period_start=start,
        period_end=end,
        summary="Les productions du réseau au second semestre 2016.",
        editorial=EDITORIAL,
    )
    issue.content = select(start, end, upcoming_from=issue.date, locale=section.locale)
    add_published_child(section, issue)
    report.record("Lettres d'information", True)
