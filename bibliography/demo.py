"""Demo notices (see `demo_data.py`) and three thematic bibliographies with dated editions."""

import datetime

from django.utils import timezone

from core.demo_tools import DemoReport, add_published_child
from core.models import Organisation, Theme

from .demo_data import REAL_WORKS, generated_articles, generated_works
from .matching import match_key
from .models import BibliographyIndexPage, Reference, ReferenceContributor, ThematicBibliographyPage

BIBLIOGRAPHIES = [
    (
        "Laïcité",
        "laicite",
        "Textes de référence, ouvrages et outils pour comprendre et appliquer la laïcité.",
        [
            ("Textes de référence", "legislation", ["laicite"]),
            ("Ouvrages, rapports et outils", "", ["laicite"]),
        ],
        [
            (datetime.date(2016, 6, 15), "Mise à jour juin 2016"),
            (datetime.date(2016, 12, 15), "Mise à jour décembre 2016"),
        ],
    ),
    (
        "Mixité sociale et logement",
        "mixite-sociale-et-logement",
        "Politiques d'attribution, peuplement et discriminations dans l'accès au logement.",
        [
            ("Cadre juridique", "legislation", ["mixite-sociale-logement"]),
            ("Études et analyses", "", ["mixite-sociale-logement", "discriminations-logement"]),
        ],
        [
            (datetime.date(2015, 6, 1), "Première édition"),
            (datetime.date(2018, 1, 15), "Mise à jour janvier 2018"),
        ],
    ),
    (
        "Interculturalité",
        "interculturalite",
        "Relations interculturelles, médiation et dialogue entre cultures dans l'action sociale.",
        [("Ouvrages et articles", "", ["interculturalite"])],
        [(datetime.date(2016, 12, 1), "Mise à jour décembre 2016")],
    ),
]


def _name(text: str, role: str, order: int) -> ReferenceContributor:
    family, sep, given = text.partition(", ")
    if sep:
        return ReferenceContributor(role=role, family=family, given=given, sort_order=order)
    return ReferenceContributor(role=role, literal=text, sort_order=order)


def _load_references(report: DemoReport) -> None:
    themes = {t.slug: t for t in Theme.objects.all()}
    organisations = {o.acronym: o for o in Organisation.objects.all()}
    for n, work in enumerate([*REAL_WORKS, *generated_works(), *generated_articles()]):
        csl_type, title, authors, editors, container, publisher, place, year, collection, slugs = (
            work
        )
        title, _, subtitle = title.partition(" : ")
        first = (authors or editors or [""])[0].partition(", ")[0]
        key = match_key(f"{title} : {subtitle}" if subtitle else title, year, first)
        if Reference.objects.filter(match_key=key).exists():
            report.record("Notices bibliographiques", False)
            continue
        holder = organisations.get(authors[0]) if authors else None
        reference = Reference(
            reference_type=csl_type,
            title=title,
            subtitle=subtitle,
            container_title=container,
            publisher=publisher,
            publisher_place=place,
            year=year,
            collection_title=collection,
            abstract=(
                f"{title}. Document de référence sur "
                f"{', '.join(themes[s].name.lower() for s in slugs if s in themes)}, "
                "signalé par les centres de ressources du réseau."
            ),
            organisation=holder or organisations.get(["ORIV", "IREV", "ODTI", "CID"][n % 4]),
            call_number=f"{(slugs[0][:4]).upper()} {year} {n + 1:03d}",
            created_at=timezone.make_aware(datetime.datetime(min(year + 1, 2020), 1, 15, 10)),
        )
        reference.contributors = [_name(a, "author", i) for i, a in enumerate(authors)] + [
            _name(e, "editor", len(authors) + i) for i, e in enumerate(editors)
        ]
        reference.themes = [themes[s] for s in slugs if s in themes]
        reference.save()
        report.record("Notices bibliographiques", True)


def _load_bibliographies(report: DemoReport) -> None:
    index = BibliographyIndexPage.objects.first()
    if index is None:
        return
    themes = {t.slug: t for t in Theme.objects.all()}
    for title, slug, introduction, sections, editions in BIBLIOGRAPHIES:
        if ThematicBibliographyPage.objects.filter(slug=slug).exists():
            report.record("Bibliographies thématiques", False)
            continue
        page = ThematicBibliographyPage(
            title=title,
            slug=slug,
            summary=introduction,
            introduction=f"<p>{introduction}</p>",
            sections=[
                (
                    "section",
                    {
                        "heading": heading,
                        "references": [],
                        "query": {
                            "themes": [themes[s] for s in slugs if s in themes],
                            "keywords": "",
                            "reference_type": csl_type,
                            "year_from": None,
                            "year_to": None,
                        },
                    },
                )
                for heading, csl_type, slugs in sections
            ],
        )
        page.editions = [
            page.editions.model(date=date, note=note, sort_order=i)
            for i, (date, note) in enumerate(editions)
        ]
        page.themes = [themes[s] for _, _, slugs in sections for s in slugs if s in themes][:1]
        add_published_child(index, page)
        report.record("Bibliographies thématiques", True)


def load(report: DemoReport) -> None:
    _load_references(report)
    _load_bibliographies(report)
